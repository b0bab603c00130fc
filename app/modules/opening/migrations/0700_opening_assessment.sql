-- Interkulturelle Öffnung, the self-assessment cycle (issue 15 item 1): an organisation or one of its
-- units assesses itself once a year through Leitbild → Bestandsaufnahme → Ziele → Maßnahmen →
-- Evaluation against a catalogue of criteria, answers the seed's question sets, marks the access
-- barriers it sees and plans measures with owners and milestones.

-- Catalogues per tenant: the seed's built-in ones are copied verbatim with their source lines on first
-- use (assessment/catalogues.ts); a tenant adds its own (a welfare association's modular self-assessment).
CREATE TABLE opening_catalogues (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  key text NOT NULL CHECK (key ~ '^[a-z0-9][a-z0-9.-]{0,79}$'),
  kind text NOT NULL CHECK (kind IN ('criteria', 'barriers', 'factors', 'prompts', 'questions')),
  phase text CHECK (phase IN ('leitbild', 'bestandsaufnahme', 'ziele', 'massnahmen', 'evaluation')),
  title text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 200),
  heading text CHECK (length(heading) <= 500),
  heading_line int CHECK (heading_line > 0),
  -- Where the texts come from: the seed file for built-ins, free text ("Selbstbewertung des DRK") else.
  source text NOT NULL CHECK (length(btrim(source)) BETWEEN 1 AND 300),
  builtin boolean NOT NULL DEFAULT false,
  position int NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, key),
  CHECK ((kind = 'questions') = (phase IS NOT NULL))
);

CREATE TABLE opening_catalogue_items (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  catalogue_id uuid NOT NULL REFERENCES opening_catalogues(id) ON DELETE CASCADE,
  code text NOT NULL CHECK (length(code) BETWEEN 1 AND 80),
  text text NOT NULL CHECK (length(btrim(text)) BETWEEN 1 AND 2000),
  detail text CHECK (length(detail) <= 4000),
  line_from int CHECK (line_from > 0),
  line_to int CHECK (line_to >= line_from),
  position int NOT NULL,
  UNIQUE (catalogue_id, code),
  UNIQUE (catalogue_id, position)
);

-- One assessment per organisation (and unit), criteria catalogue and year; the next year's is the
-- re-assessment the comparison reads.
CREATE TABLE opening_assessments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  organisation_id uuid NOT NULL REFERENCES organisations(id) ON DELETE RESTRICT,
  unit text NOT NULL DEFAULT '' CHECK (length(unit) <= 200),
  catalogue_id uuid NOT NULL REFERENCES opening_catalogues(id) ON DELETE RESTRICT,
  year int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  phase text NOT NULL DEFAULT 'leitbild'
    CHECK (phase IN ('leitbild', 'bestandsaufnahme', 'ziele', 'massnahmen', 'evaluation')),
  -- The Leitbild's statement on intercultural opening, as the organisation words it.
  mission text CHECK (length(mission) <= 8000),
  completed_on date,
  is_demo boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, organisation_id, unit, catalogue_id, year)
);
CREATE INDEX opening_assessments_org_idx ON opening_assessments (organisation_id, year);

-- "erfüllt" needs evidence: the service says so in German, the database makes sure.
CREATE TABLE opening_ratings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  assessment_id uuid NOT NULL REFERENCES opening_assessments(id) ON DELETE CASCADE,
  item_id uuid NOT NULL REFERENCES opening_catalogue_items(id) ON DELETE RESTRICT,
  rating text NOT NULL CHECK (rating IN ('met', 'partly', 'not_met', 'not_applicable')),
  evidence text CHECK (length(evidence) <= 4000),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (assessment_id, item_id),
  CHECK (rating <> 'met' OR length(btrim(coalesce(evidence, ''))) > 0)
);

-- Answers to the question sets (text), barriers seen and success factors in place (checked).
CREATE TABLE opening_answers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  assessment_id uuid NOT NULL REFERENCES opening_assessments(id) ON DELETE CASCADE,
  item_id uuid NOT NULL REFERENCES opening_catalogue_items(id) ON DELETE RESTRICT,
  answer text CHECK (length(answer) <= 8000),
  checked boolean NOT NULL DEFAULT false,
  UNIQUE (assessment_id, item_id)
);

-- What a workshop said to a resistance statement ("Wir behandeln alle gleich."). Collected
-- anonymously by construction: no author, no time, a random key – nothing ties a note to a person.
CREATE TABLE opening_workshop_notes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  assessment_id uuid NOT NULL REFERENCES opening_assessments(id) ON DELETE CASCADE,
  item_id uuid NOT NULL REFERENCES opening_catalogue_items(id) ON DELETE RESTRICT,
  note text NOT NULL CHECK (length(btrim(note)) BETWEEN 1 AND 2000)
);
CREATE INDEX opening_workshop_notes_idx ON opening_workshop_notes (assessment_id, item_id);

-- The action plan: measures with an owner (a role or unit, as the organisation names it) and
-- milestones, optionally for a criterion and linked to a measure of the Integrationskonzept.
CREATE TABLE opening_actions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  assessment_id uuid NOT NULL REFERENCES opening_assessments(id) ON DELETE CASCADE,
  title text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 300),
  owner text NOT NULL CHECK (length(btrim(owner)) BETWEEN 1 AND 200),
  item_id uuid REFERENCES opening_catalogue_items(id) ON DELETE SET NULL,
  concept_measure_id uuid REFERENCES concept_measures(id) ON DELETE SET NULL,
  status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'in_progress', 'done', 'dropped')),
  position int NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX opening_actions_assessment_idx ON opening_actions (assessment_id, position);

CREATE TABLE opening_action_milestones (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  action_id uuid NOT NULL REFERENCES opening_actions(id) ON DELETE CASCADE,
  title text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 300),
  due_on date NOT NULL,
  done_on date
);
CREATE INDEX opening_action_milestones_idx ON opening_action_milestones (action_id, due_on);

SELECT tenant_rls('opening_catalogues');
SELECT tenant_rls('opening_catalogue_items');
SELECT tenant_rls('opening_assessments');
SELECT tenant_rls('opening_ratings');
SELECT tenant_rls('opening_answers');
SELECT tenant_rls('opening_workshop_notes');
SELECT tenant_rls('opening_actions');
SELECT tenant_rls('opening_action_milestones');
SELECT rls_initplan();
SELECT tenant_safe_references();
