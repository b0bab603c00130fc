-- Issue 14, items 4–6.
-- 1. Statistical symbols of the source (Destatis/GENESIS): an observation keeps the symbol it was
--    delivered with. "." secret (geheim), "x" not applicable (Tabellenfach gesperrt), "…" not yet
--    available, "/" not reliable enough: no value. "()" limited reliability: a value, kept as an
--    estimate. "-" (exactly zero) is a plain value 0 and needs no symbol.
ALTER TABLE mon_observations
  ADD COLUMN symbol text CHECK (symbol IN ('.', 'x', '…', '/', '()')),
  ADD CONSTRAINT mon_observations_symbol_value CHECK (
    symbol IS NULL OR (symbol = '()') = (value IS NOT NULL));
ALTER TABLE mon_observation_history ADD COLUMN symbol text;

-- 2. Skipped rows are never silent: every import keeps the rows it skipped, with number and reason.
-- 3. Rollback keeps history: each import keeps what it said about every value, also the values it
--    found unchanged, so that rolling one back restores what the latest remaining import says. The
--    order of imports is their sequence number (two imports of one second stay ordered).
ALTER TABLE mon_imports
  ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY,
  ADD COLUMN skipped_rows jsonb NOT NULL DEFAULT '[]'::jsonb,
  ADD COLUMN rolled_back_by uuid,
  ADD COLUMN rolled_back_by_label text;

CREATE TABLE mon_import_values (
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  import_id uuid NOT NULL REFERENCES mon_imports(id) ON DELETE CASCADE,
  indicator_id uuid NOT NULL,
  area_id uuid NOT NULL,
  period text NOT NULL,
  group_code text NOT NULL,
  value double precision,
  numerator double precision,
  denominator double precision,
  is_estimate boolean NOT NULL,
  range_low double precision,
  range_high double precision,
  source text,
  footnote text,
  symbol text,
  PRIMARY KEY (import_id, indicator_id, area_id, period, group_code)
);
CREATE INDEX mon_import_values_key ON mon_import_values (tenant_id, indicator_id, area_id, period, group_code);
ALTER TABLE mon_import_values ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON mon_import_values USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());

-- What earlier imports said, as far as it is known: the values they still hold and the values a later
-- import overwrote. Values they confirmed unchanged were not recorded before this migration.
INSERT INTO mon_import_values (tenant_id, import_id, indicator_id, area_id, period, group_code, value, numerator,
    denominator, is_estimate, range_low, range_high, source, footnote)
  SELECT o.tenant_id, o.import_id, o.indicator_id, o.area_id, o.period, o.group_code, o.value, o.numerator,
    o.denominator, o.is_estimate, o.range_low, o.range_high, o.source, o.footnote
  FROM mon_observations o JOIN mon_imports i ON i.id = o.import_id AND i.rolled_back_at IS NULL
  ON CONFLICT DO NOTHING;
INSERT INTO mon_import_values (tenant_id, import_id, indicator_id, area_id, period, group_code, value, numerator,
    denominator, is_estimate, range_low, range_high, source, footnote)
  SELECT h.tenant_id, h.previous_import_id, h.indicator_id, h.area_id, h.period, h.group_code, h.value, h.numerator,
    h.denominator, h.is_estimate, h.range_low, h.range_high, h.source, h.footnote
  FROM mon_observation_history h JOIN mon_imports i ON i.id = h.previous_import_id AND i.rolled_back_at IS NULL
  ON CONFLICT DO NOTHING;

-- Written only together with mon_observations, which the page cache tracks already.
INSERT INTO content_untracked (relname) VALUES ('mon_import_values') ON CONFLICT DO NOTHING;
SELECT tenant_safe_references();
