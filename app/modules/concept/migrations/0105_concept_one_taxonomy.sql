-- One taxonomy per tenant (decision 0037): the concept's Handlungsfelder move into the kernel's
-- taxonomy_terms (kernel migration 0011), keeping their ids, so every reference only changes its
-- target table. A field that is one of the presets' (same German name) becomes that preset term, with
-- its code, translations and Land field; any other gets a code made from its name.
WITH preset (name, code, land_field) AS (
  VALUES
    ('Sprache / Bildung', 'sprache_bildung', 'bildung'),
    ('Arbeit / Weiterbildung', 'arbeit_weiterbildung', 'arbeitsmarkt'),
    ('Wohnen / Sozialplanung', 'wohnen_sozialplanung', 'wohnen'),
    ('Kultur / Religion', 'kultur_religion', 'gesellschaftliche_teilhabe'),
    ('Sport / Gesundheit', 'sport_gesundheit', 'gesundheit'),
    ('Sicherheit / Rassismus / Religiöser Extremismus', 'sicherheit_antirassismus', 'sicherheit'),
    ('Öffentlichkeitsarbeit / Presse', 'oeffentlichkeitsarbeit_presse', 'gesellschaftliche_teilhabe'),
    ('Interkulturelle Orientierung und Öffnung', 'interkulturelle_oeffnung', 'interkulturelle_oeffnung'),
    ('Sprachförderung', 'sprachfoerderung', 'kita_sprache'),
    ('Bildung und Ausbildung', 'bildung_ausbildung', 'bildung'),
    ('Arbeit und Wirtschaft', 'arbeit_wirtschaft', 'arbeitsmarkt'),
    ('Wohnen und Zusammenleben im Stadtteil', 'wohnen_stadtteil', 'wohnen'),
    ('Jugend und Soziales', 'jugend_soziales', 'lebensunterhalt'),
    ('Gesundheitsförderung und Gesundheitsversorgung', 'gesundheit', 'gesundheit'),
    ('Kultur und Religion', 'kultur_religion', 'gesellschaftliche_teilhabe'),
    ('Gesellschaftliche Teilhabe', 'gesellschaftliche_teilhabe', 'gesellschaftliche_teilhabe'),
    ('Abbau von Diskriminierung', 'abbau_diskriminierung', 'sicherheit')
), src AS (
  SELECT h.id, h.tenant_id, h.name, h.short_name, h.position, p.code AS preset_code, p.land_field,
    coalesce(p.code, nullif(rtrim(left(btrim(regexp_replace(
      replace(replace(replace(replace(lower(h.name), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'),
      '[^a-z0-9]+', '_', 'g'), '_'), 50), '_'), ''), 'feld') AS base
  FROM concept_handlungsfelder h LEFT JOIN preset p ON p.name = h.name
), numbered AS (
  -- Two preset names may share a code (Aachen's and Hessen's Kultur/Religion): the second gets a suffix.
  SELECT *, row_number() OVER (PARTITION BY tenant_id, base ORDER BY position, name) AS n FROM src
)
INSERT INTO taxonomy_terms (id, tenant_id, kind, code, name, short_name, position, preset_key, land_field)
SELECT id, tenant_id, 'handlungsfeld', CASE WHEN n = 1 THEN base ELSE base || '_' || n END, name,
  left(coalesce(nullif(btrim(short_name), ''), name), 60), position, CASE WHEN n = 1 THEN preset_code END, land_field
FROM numbered;

-- Every foreign key into the old table now points at the same rows in the kernel's table, with its
-- name, columns and actions (the concept's join tables, and whatever another module declared).
DO $$
DECLARE f record;
BEGIN
  FOR f IN SELECT conname, conrelid::regclass AS src, pg_get_constraintdef(oid) AS def FROM pg_constraint
           WHERE contype = 'f' AND confrelid = 'concept_handlungsfelder'::regclass LOOP
    EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I, ADD CONSTRAINT %I %s', f.src, f.conname, f.conname,
      regexp_replace(f.def, 'REFERENCES (public\.)?concept_handlungsfelder\(', 'REFERENCES taxonomy_terms('));
  END LOOP;
END $$;

DROP TABLE concept_handlungsfelder;
