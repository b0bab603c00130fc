-- Integrationsmonitoring: areas, indicator catalogue, observations, imports.
-- Every table is tenant-owned and confined by row-level security like the kernel's tables.

CREATE TABLE mon_settings (
  tenant_id uuid PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
  -- Counts below this many persons are never published (statistical disclosure control).
  disclosure_threshold integer NOT NULL DEFAULT 3 CHECK (disclosure_threshold BETWEEN 1 AND 100)
);

CREATE TABLE mon_areas (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  level text NOT NULL CHECK (level IN ('stadt','stadtbezirk','stadtteil','sozialraum','lebensraum','quartier')),
  key text NOT NULL,
  name text NOT NULL,
  parent_id uuid REFERENCES mon_areas(id) ON DELETE SET NULL,
  -- GeoJSON geometry in WGS84, already simplified for web display.
  geometry jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, level, key)
);
CREATE INDEX mon_areas_parent ON mon_areas (parent_id);

CREATE TABLE mon_indicators (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  code text NOT NULL CHECK (code ~ '^[a-z][a-z0-9_]{1,62}$'),
  name text NOT NULL,
  description text,
  field text NOT NULL,
  dimension text NOT NULL CHECK (dimension IN ('strukturell','sozial','kulturell','identifikatorisch')),
  unit text NOT NULL,
  -- A count of persons is subject to disclosure control; so is everything derived from it.
  is_count boolean NOT NULL DEFAULT false,
  source text,
  periodicity text NOT NULL DEFAULT 'jaehrlich',
  core_set boolean NOT NULL DEFAULT false,
  is_public boolean NOT NULL DEFAULT true,
  -- NULL for a base series; otherwise a declaration {op, a:{indicator,group}, b:{indicator,group}}.
  derivation jsonb,
  target_value double precision,
  target_direction text CHECK (target_direction IN ('hoch','niedrig')),
  target_year integer,
  target_parity boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, code)
);

CREATE TABLE mon_import_profiles (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  name text NOT NULL,
  profile jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, name)
);

CREATE TABLE mon_imports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('observations','areas')),
  file_name text NOT NULL,
  file_hash text NOT NULL,
  profile_name text,
  actor_label text NOT NULL,
  actor_id uuid,
  at timestamptz NOT NULL DEFAULT now(),
  rows_read integer NOT NULL DEFAULT 0,
  inserted integer NOT NULL DEFAULT 0,
  updated integer NOT NULL DEFAULT 0,
  unchanged integer NOT NULL DEFAULT 0,
  skipped integer NOT NULL DEFAULT 0,
  rolled_back_at timestamptz
);

CREATE TABLE mon_observations (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  indicator_id uuid NOT NULL REFERENCES mon_indicators(id) ON DELETE CASCADE,
  area_id uuid NOT NULL REFERENCES mon_areas(id) ON DELETE CASCADE,
  -- '2012', '2012-H1', '2012-Q3' or a reference date '2012-12-31'.
  period text NOT NULL CHECK (period ~ '^[0-9]{4}(-H[12]|-Q[1-4]|-[0-9]{2}-[0-9]{2})?$'),
  group_code text NOT NULL DEFAULT 'gesamt',
  value double precision NOT NULL,
  numerator double precision,
  denominator double precision,
  is_estimate boolean NOT NULL DEFAULT false,
  range_low double precision,
  range_high double precision,
  source text,
  footnote text,
  import_id uuid REFERENCES mon_imports(id) ON DELETE SET NULL,
  UNIQUE (tenant_id, indicator_id, area_id, period, group_code)
);
CREATE INDEX mon_observations_import ON mon_observations (import_id);

-- Staged uploads between the upload and the mapping step of the import screen.
CREATE TABLE mon_uploads (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  file_name text NOT NULL,
  content bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE mon_settings ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON mon_settings USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());
ALTER TABLE mon_areas ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON mon_areas USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());
ALTER TABLE mon_indicators ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON mon_indicators USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());
ALTER TABLE mon_import_profiles ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON mon_import_profiles USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());
ALTER TABLE mon_imports ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON mon_imports USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());
ALTER TABLE mon_observations ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON mon_observations USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());
ALTER TABLE mon_uploads ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON mon_uploads USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());
