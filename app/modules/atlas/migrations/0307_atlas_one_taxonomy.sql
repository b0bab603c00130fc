-- One taxonomy per tenant (decision 0037): the atlas's fixed codes of Handlungsfelder and target
-- groups become terms of the tenant's list (kernel migration 0011). Entries keep their codes, which
-- are now the terms' codes; each fixed code becomes a preset term with preset_key = the code, so its
-- translations (taxonomy.term.<code>) stay what they were. Every tenant with atlas entries gets all
-- former codes, so its forms offer what they offered before; a code the tenant has already (the
-- concept's Aachen fields, migration 0105) is left as it is.
WITH fixed (kind, code, name, land_field, position) AS (
  VALUES
    ('handlungsfeld', 'sprache_bildung', 'Sprache und Bildung', 'bildung', 0),
    ('handlungsfeld', 'arbeit_weiterbildung', 'Arbeit und Weiterbildung', 'arbeitsmarkt', 1),
    ('handlungsfeld', 'wohnen_sozialplanung', 'Wohnen und Sozialplanung', 'wohnen', 2),
    ('handlungsfeld', 'kultur_religion', 'Kultur und Religion', 'gesellschaftliche_teilhabe', 3),
    ('handlungsfeld', 'sport_gesundheit', 'Sport und Gesundheit', 'gesundheit', 4),
    ('handlungsfeld', 'sicherheit_antirassismus', 'Sicherheit und Antirassismus', 'sicherheit', 5),
    ('handlungsfeld', 'beratung_orientierung', 'Beratung und Orientierung', 'interkulturelle_oeffnung', 6),
    ('handlungsfeld', 'engagement_teilhabe', 'Engagement und Teilhabe', 'gesellschaftliche_teilhabe', 7),
    ('target_group', 'all', 'Alle', NULL, 0),
    ('target_group', 'newcomers', 'Neuzugewanderte', NULL, 1),
    ('target_group', 'refugees', 'Geflüchtete', NULL, 2),
    ('target_group', 'eu_citizens', 'EU-Bürgerinnen und -Bürger', NULL, 3),
    ('target_group', 'women', 'Frauen', NULL, 4),
    ('target_group', 'families', 'Familien und Eltern', NULL, 5),
    ('target_group', 'children', 'Kinder', NULL, 6),
    ('target_group', 'youth', 'Jugendliche und junge Erwachsene', NULL, 7),
    ('target_group', 'seniors', 'Ältere Menschen', NULL, 8),
    ('target_group', 'students', 'Studierende', NULL, 9),
    ('target_group', 'skilled_workers', 'Fachkräfte', NULL, 10),
    ('target_group', 'volunteers', 'Ehrenamtliche', NULL, 11)
), tenants_with_entries AS (
  SELECT DISTINCT tenant_id FROM atlas_entries
)
INSERT INTO taxonomy_terms (tenant_id, kind, code, name, short_name, position, preset_key, land_field)
SELECT w.tenant_id, f.kind, f.code, f.name, left(f.name, 60),
  coalesce((SELECT max(t.position) + 1 FROM taxonomy_terms t WHERE t.tenant_id = w.tenant_id AND t.kind = f.kind), 0)
    + f.position,
  f.code, f.land_field
FROM tenants_with_entries w CROSS JOIN fixed f
WHERE NOT EXISTS (SELECT 1 FROM taxonomy_terms t WHERE t.tenant_id = w.tenant_id AND t.kind = f.kind
                  AND (t.code = f.code OR lower(t.name) = lower(f.name)))
ORDER BY w.tenant_id, f.kind, f.position;

