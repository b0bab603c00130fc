-- What an import overwrote, so that rolling it back restores the earlier values instead of only
-- deleting its own.
CREATE TABLE mon_observation_history (
  id bigserial PRIMARY KEY,
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
  previous_import_id uuid
);
CREATE INDEX mon_observation_history_import ON mon_observation_history (import_id);
ALTER TABLE mon_observation_history ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON mon_observation_history USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());
