-- Integrationskonzept: editions, goal tree, Handlungsfelder, measures with their implementation,
-- council submissions. Every table is tenant-owned and confined by row-level security.

CREATE TABLE concept_settings (
  tenant_id uuid PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
  -- NRW: a Kommunales Integrationszentrum is funded only while the adopted concept is at most three years old.
  three_year_rule boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE concept_handlungsfelder (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  name text NOT NULL,
  short_name text NOT NULL,
  position integer NOT NULL DEFAULT 0,
  UNIQUE (tenant_id, name)
);

CREATE TABLE concept_editions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  title text NOT NULL,
  status text NOT NULL DEFAULT 'entwurf' CHECK (status IN ('entwurf', 'in_beratung', 'beschlossen', 'abgeloest')),
  adopted_on date,
  adopted_by text,
  haltung_title text,
  haltung text,
  example_note text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (status NOT IN ('beschlossen', 'abgeloest') OR adopted_on IS NOT NULL)
);
CREATE INDEX concept_editions_tenant_idx ON concept_editions (tenant_id);
-- At most one adopted edition per tenant: the one the public sees.
CREATE UNIQUE INDEX concept_editions_one_adopted ON concept_editions (tenant_id) WHERE status = 'beschlossen';

CREATE TABLE concept_goals (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  edition_id uuid NOT NULL REFERENCES concept_editions(id) ON DELETE CASCADE,
  parent_id uuid REFERENCES concept_goals(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('themenfeld', 'leitziel', 'teilziel')),
  number text NOT NULL,
  title text NOT NULL,
  description text,
  position integer NOT NULL DEFAULT 0,
  CHECK ((kind = 'themenfeld') = (parent_id IS NULL))
);
CREATE INDEX concept_goals_edition_idx ON concept_goals (edition_id, position);

CREATE TABLE concept_goal_handlungsfelder (
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  goal_id uuid NOT NULL REFERENCES concept_goals(id) ON DELETE CASCADE,
  handlungsfeld_id uuid NOT NULL REFERENCES concept_handlungsfelder(id) ON DELETE CASCADE,
  PRIMARY KEY (goal_id, handlungsfeld_id)
);

CREATE TABLE concept_measures (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  edition_id uuid NOT NULL REFERENCES concept_editions(id) ON DELETE CASCADE,
  code text NOT NULL,
  title text NOT NULL,
  description text,
  target_groups text,
  starts_on date,
  ends_on date,
  quantitative_target text,
  budget numeric(14, 2) CHECK (budget IS NULL OR budget >= 0),
  status text NOT NULL DEFAULT 'vorgeschlagen' CHECK (status IN ('vorgeschlagen', 'beschlossen', 'in_umsetzung',
    'umgesetzt', 'verstetigt', 'zurueckgestellt', 'verworfen')),
  progress integer NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  internal_note text,
  example_note text,
  position integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (edition_id, code),
  CHECK (ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on)
);
CREATE INDEX concept_measures_edition_idx ON concept_measures (edition_id, position);

CREATE TABLE concept_measure_goals (
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  measure_id uuid NOT NULL REFERENCES concept_measures(id) ON DELETE CASCADE,
  goal_id uuid NOT NULL REFERENCES concept_goals(id) ON DELETE CASCADE,
  PRIMARY KEY (measure_id, goal_id)
);
CREATE INDEX concept_measure_goals_goal_idx ON concept_measure_goals (goal_id);

CREATE TABLE concept_measure_handlungsfelder (
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  measure_id uuid NOT NULL REFERENCES concept_measures(id) ON DELETE CASCADE,
  handlungsfeld_id uuid NOT NULL REFERENCES concept_handlungsfelder(id) ON DELETE CASCADE,
  PRIMARY KEY (measure_id, handlungsfeld_id)
);

CREATE TABLE concept_measure_organisations (
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  measure_id uuid NOT NULL REFERENCES concept_measures(id) ON DELETE CASCADE,
  organisation_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('lead', 'partner')),
  PRIMARY KEY (measure_id, organisation_id)
);
CREATE INDEX concept_measure_organisations_org_idx ON concept_measure_organisations (organisation_id);

CREATE TABLE concept_milestones (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  measure_id uuid NOT NULL REFERENCES concept_measures(id) ON DELETE CASCADE,
  title text NOT NULL,
  due_on date NOT NULL,
  done_on date,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX concept_milestones_measure_idx ON concept_milestones (measure_id, due_on);

CREATE TABLE concept_updates (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  measure_id uuid NOT NULL REFERENCES concept_measures(id) ON DELETE CASCADE,
  reported_on date NOT NULL,
  body text NOT NULL,
  progress integer CHECK (progress IS NULL OR progress BETWEEN 0 AND 100),
  status text NOT NULL DEFAULT 'eingereicht' CHECK (status IN ('eingereicht', 'veroeffentlicht', 'abgelehnt')),
  author_id uuid REFERENCES users(id) ON DELETE SET NULL,
  author_label text NOT NULL,
  organisation_id uuid REFERENCES organisations(id) ON DELETE SET NULL,
  review_note text,
  reviewed_by text,
  reviewed_at timestamptz,
  is_example boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX concept_updates_measure_idx ON concept_updates (measure_id, reported_on DESC);

CREATE TABLE concept_status_changes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  measure_id uuid NOT NULL REFERENCES concept_measures(id) ON DELETE CASCADE,
  from_status text,
  to_status text NOT NULL,
  changed_on date NOT NULL,
  actor_id uuid REFERENCES users(id) ON DELETE SET NULL,
  actor_label text NOT NULL,
  reason text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX concept_status_changes_measure_idx ON concept_status_changes (measure_id, created_at);

CREATE TABLE concept_submissions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  number text NOT NULL,
  title text NOT NULL,
  submitted_on date NOT NULL,
  status text NOT NULL DEFAULT 'öffentlich' CHECK (status IN ('öffentlich', 'nichtöffentlich')),
  lead_office text NOT NULL,
  involved_offices text,
  proposal text,
  financial_impact text,
  explanation text,
  decision text,
  attachments jsonb NOT NULL DEFAULT '[]'::jsonb,
  edition_id uuid REFERENCES concept_editions(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, number)
);

CREATE TABLE concept_submission_steps (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  submission_id uuid NOT NULL REFERENCES concept_submissions(id) ON DELETE CASCADE,
  meets_on date NOT NULL,
  body text NOT NULL,
  body_short text,
  competence text NOT NULL CHECK (competence IN ('kenntnisnahme', 'entscheidung')),
  outcome text,
  position integer NOT NULL DEFAULT 0
);

CREATE TABLE concept_submission_measures (
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  submission_id uuid NOT NULL REFERENCES concept_submissions(id) ON DELETE CASCADE,
  measure_id uuid NOT NULL REFERENCES concept_measures(id) ON DELETE CASCADE,
  PRIMARY KEY (submission_id, measure_id)
);

-- The KI's two-year priorities agreed with the state.
CREATE TABLE concept_priorities (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  period_from integer NOT NULL,
  period_to integer NOT NULL,
  title text NOT NULL,
  description text,
  example_note text,
  CHECK (period_to >= period_from)
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['concept_settings', 'concept_handlungsfelder', 'concept_editions', 'concept_goals',
    'concept_goal_handlungsfelder', 'concept_measures', 'concept_measure_goals', 'concept_measure_handlungsfelder',
    'concept_measure_organisations', 'concept_milestones', 'concept_updates', 'concept_status_changes',
    'concept_submissions', 'concept_submission_steps', 'concept_submission_measures', 'concept_priorities'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id())', t);
  END LOOP;
END $$;
