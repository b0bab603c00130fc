-- Steuerung (issue 13, decision 0032): the links that make the management cycle – a goal of the
-- concept names the indicators that measure it, each with a target; a measure names the indicators it
-- is meant to move and the areas (Stadtteile) it works in. The links belong to this module, which
-- runs after concept (0100) and monitoring (0200) and may reference both; the concept reads them only
-- through the kernel's evidence registry, never these tables.
CREATE TABLE steering_goal_targets (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  goal_id uuid NOT NULL REFERENCES concept_goals(id) ON DELETE CASCADE,
  indicator_id uuid NOT NULL REFERENCES mon_indicators(id) ON DELETE CASCADE,
  -- NULL: the whole municipality (the monitoring's top level).
  area_id uuid REFERENCES mon_areas(id) ON DELETE CASCADE,
  group_code text NOT NULL DEFAULT 'gesamt' CHECK (length(group_code) BETWEEN 1 AND 100),
  kind text NOT NULL CHECK (kind IN ('value', 'parity')),
  target_value double precision CHECK (target_value BETWEEN -1e12 AND 1e12),
  direction text NOT NULL CHECK (direction IN ('hoch', 'niedrig')),
  target_year integer CHECK (target_year BETWEEN 1990 AND 2100),
  compare_group text CHECK (length(compare_group) BETWEEN 1 AND 100),
  -- The year of the baseline value; NULL: the earliest value the monitoring has.
  base_year integer CHECK (base_year BETWEEN 1990 AND 2100),
  note text CHECK (length(note) <= 2000),
  example_note text,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (
    (kind = 'value' AND target_value IS NOT NULL AND compare_group IS NULL)
    OR (kind = 'parity' AND target_value IS NULL AND compare_group IS NOT NULL AND compare_group <> group_code)
  ),
  UNIQUE NULLS NOT DISTINCT (goal_id, indicator_id, area_id, group_code)
);
CREATE INDEX steering_goal_targets_indicator_idx ON steering_goal_targets (indicator_id);
CREATE INDEX steering_goal_targets_area_idx ON steering_goal_targets (area_id);

CREATE TABLE steering_measure_indicators (
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  measure_id uuid NOT NULL REFERENCES concept_measures(id) ON DELETE CASCADE,
  indicator_id uuid NOT NULL REFERENCES mon_indicators(id) ON DELETE CASCADE,
  PRIMARY KEY (measure_id, indicator_id)
);
CREATE INDEX steering_measure_indicators_indicator_idx ON steering_measure_indicators (indicator_id);

CREATE TABLE steering_measure_areas (
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  measure_id uuid NOT NULL REFERENCES concept_measures(id) ON DELETE CASCADE,
  area_id uuid NOT NULL REFERENCES mon_areas(id) ON DELETE CASCADE,
  PRIMARY KEY (measure_id, area_id)
);
CREATE INDEX steering_measure_areas_area_idx ON steering_measure_areas (area_id);

SELECT tenant_rls('steering_goal_targets');
SELECT tenant_rls('steering_measure_indicators');
SELECT tenant_rls('steering_measure_areas');
SELECT rls_initplan();
SELECT tenant_safe_references();
