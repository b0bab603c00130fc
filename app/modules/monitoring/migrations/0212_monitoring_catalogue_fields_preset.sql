-- The Handlungsfelder the starter catalogue made for a tenant without a field of that Land field
-- ("Demografie", services/indicators.ts fieldOf) had no preset key, so English and the other public
-- languages showed them in German, unmarked. They become preset terms with the key land_<field>,
-- whose translations are the kernel's taxonomy.term.land_<field>. Only a term still named as the
-- catalogue names it and still mapped to that field: one the tenant renamed is its own wording.
UPDATE taxonomy_terms t
SET preset_key = 'land_' || t.land_field
FROM (VALUES
  ('Demografie', 'demografie'),
  ('Rechtliche Integration', 'rechtliche_integration'),
  ('Kita und Sprache', 'kita_sprache'),
  ('Bildung', 'bildung'),
  ('Arbeitsmarkt', 'arbeitsmarkt'),
  ('Einkommen', 'lebensunterhalt'),
  ('Wohnen', 'wohnen'),
  ('Gesundheit', 'gesundheit'),
  ('Interkulturelle Öffnung', 'interkulturelle_oeffnung')
) AS c(name, land_field)
WHERE t.kind = 'handlungsfeld' AND t.preset_key IS NULL AND t.name_en IS NULL
  AND t.name = c.name AND t.land_field = c.land_field
  AND NOT EXISTS (SELECT 1 FROM taxonomy_terms o
                  WHERE o.tenant_id = t.tenant_id AND o.kind = 'handlungsfeld' AND o.preset_key = 'land_' || c.land_field);
