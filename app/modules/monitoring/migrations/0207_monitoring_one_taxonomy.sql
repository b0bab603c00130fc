-- One taxonomy per tenant (decision 0037): an indicator's Handlungsfeld was free text; it becomes a
-- reference to a term of the tenant's list (kernel migration 0011). Each text finds the term of the
-- same name (any case); a text the list lacks becomes a term of its own, so no field is lost. A text
-- that names a field of the Land's core set (the starter catalogue's "Demografie", "Bildung" …) maps
-- to that field.
WITH land (name, field) AS (
  VALUES
    ('demografie', 'demografie'),
    ('rechtliche integration', 'rechtliche_integration'),
    ('kita und sprache', 'kita_sprache'),
    ('bildung', 'bildung'),
    ('arbeitsmarkt', 'arbeitsmarkt'),
    ('einkommen', 'lebensunterhalt'),
    ('wohnen', 'wohnen'),
    ('gesundheit', 'gesundheit'),
    ('interkulturelle öffnung', 'interkulturelle_oeffnung'),
    ('gesellschaftliche teilhabe', 'gesellschaftliche_teilhabe')
), missing AS (
  SELECT DISTINCT ON (i.tenant_id, lower(btrim(i.field))) i.tenant_id, btrim(i.field) AS name
  FROM mon_indicators i
  WHERE NOT EXISTS (SELECT 1 FROM taxonomy_terms t WHERE t.tenant_id = i.tenant_id AND t.kind = 'handlungsfeld'
                    AND lower(t.name) = lower(btrim(i.field)))
  ORDER BY i.tenant_id, lower(btrim(i.field)), btrim(i.field)
), coded AS (
  SELECT m.tenant_id, m.name, coalesce(nullif(rtrim(left(btrim(regexp_replace(
      replace(replace(replace(replace(lower(m.name), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'),
      '[^a-z0-9]+', '_', 'g'), '_'), 50), '_'), ''), 'feld') AS base
  FROM missing m
), numbered AS (
  SELECT c.*, row_number() OVER (PARTITION BY c.tenant_id, c.base ORDER BY c.name) AS n,
    row_number() OVER (PARTITION BY c.tenant_id ORDER BY c.name) AS k
  FROM coded c
)
INSERT INTO taxonomy_terms (tenant_id, kind, code, name, short_name, position, land_field)
SELECT n.tenant_id, 'handlungsfeld',
  -- A code another term has already (or a second name with the same code) gets a stable suffix.
  CASE WHEN n.n = 1 AND NOT EXISTS (SELECT 1 FROM taxonomy_terms t WHERE t.tenant_id = n.tenant_id
         AND t.kind = 'handlungsfeld' AND t.code = n.base)
       THEN n.base ELSE n.base || '_' || substr(md5(n.name), 1, 6) END,
  n.name, left(n.name, 60),
  coalesce((SELECT max(t.position) + 1 FROM taxonomy_terms t WHERE t.tenant_id = n.tenant_id AND t.kind = 'handlungsfeld'), 0) + n.k - 1,
  (SELECT l.field FROM land l WHERE l.name = lower(n.name))
FROM numbered n;

ALTER TABLE mon_indicators ADD COLUMN field_id uuid;
UPDATE mon_indicators i SET field_id = t.id FROM taxonomy_terms t
  WHERE t.tenant_id = i.tenant_id AND t.kind = 'handlungsfeld' AND lower(t.name) = lower(btrim(i.field));
ALTER TABLE mon_indicators
  ALTER COLUMN field_id SET NOT NULL,
  DROP COLUMN field,
  -- A term in use is refused by the taxonomy (the module's taxonomyUsage); the key refuses it too (NO
  -- ACTION, checked at the end of the statement, so deleting a whole tenant still cascades).
  ADD CONSTRAINT mon_indicators_field_id_fkey FOREIGN KEY (tenant_id, field_id)
    REFERENCES taxonomy_terms (tenant_id, id);
CREATE INDEX mon_indicators_field_idx ON mon_indicators (field_id);
