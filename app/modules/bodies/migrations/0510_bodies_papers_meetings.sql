-- Papers (Vorlagen) with their Beratungsfolge (consultations), meetings with agenda items, minutes
-- and attendance (issue 12 item 5, decision 0024). The concept's Vorlagen (concept_submissions,
-- concept_submission_steps) move here with their ids, so there is one model: the concept's link of
-- measures to papers stays the concept's table but now references body_papers. This migration
-- touches the concept's tables, an exception the decision notes: concept's range (0100–0199) sorts
-- before this one, so only here are both sides there.
-- Everything OParl publishes carries created_at/updated_at, and deleting sets deleted_at: OParl
-- lists deleted objects as `deleted: true` for modified_since.

CREATE TABLE body_papers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  number text NOT NULL CHECK (length(btrim(number)) BETWEEN 1 AND 60),
  title text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 500),
  submitted_on date NOT NULL,
  is_public boolean NOT NULL DEFAULT true,
  lead_office text NOT NULL CHECK (length(lead_office) <= 300),
  involved_offices text CHECK (length(involved_offices) <= 1000),
  proposal text CHECK (length(proposal) <= 20000),
  financial_impact text CHECK (length(financial_impact) <= 5000),
  explanation text CHECK (length(explanation) <= 100000),
  -- A note on the decision as the Vorlage states it; what a body decided is its consultation's outcome.
  decision text CHECK (length(decision) <= 20000),
  attachments jsonb NOT NULL DEFAULT '[]'::jsonb,
  -- The concept edition the paper brings to the bodies (its adoption is the decision on it).
  edition_id uuid REFERENCES concept_editions(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz,
  UNIQUE (tenant_id, number),
  UNIQUE (tenant_id, id)
);

CREATE TABLE body_meetings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  body_id uuid NOT NULL REFERENCES bodies(id) ON DELETE CASCADE,
  meets_on date NOT NULL,
  starts_at time,
  ends_at time,
  location text CHECK (length(location) <= 300),
  state text NOT NULL DEFAULT 'planned' CHECK (state IN ('planned', 'held', 'cancelled')),
  is_public boolean NOT NULL DEFAULT true,
  minutes text CHECK (length(minutes) <= 100000),
  is_demo boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz,
  CHECK (ends_at IS NULL OR starts_at IS NULL OR ends_at >= starts_at)
);
CREATE INDEX body_meetings_body_idx ON body_meetings (body_id, meets_on);

-- One step of a paper's Beratungsfolge: the body (from the register, or as the paper names it), its
-- competence, and the recorded outcome. Where an agenda item treats it, the item points here and
-- the outcome is written here only.
CREATE TABLE body_consultations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  paper_id uuid NOT NULL REFERENCES body_papers(id) ON DELETE CASCADE,
  body_id uuid REFERENCES bodies(id) ON DELETE SET NULL,
  body_name text CHECK (length(btrim(body_name)) BETWEEN 1 AND 300),
  body_short text CHECK (length(body_short) <= 20),
  meets_on date,
  competence text NOT NULL CHECK (competence IN ('kenntnisnahme', 'vorberatung', 'entscheidung')),
  position int NOT NULL DEFAULT 0,
  result text CHECK (result IN ('kenntnisnahme', 'beschlossen', 'geaendert_beschlossen', 'abgelehnt', 'vertagt',
    'zurueckgezogen')),
  decided_on date,
  resolution text CHECK (length(resolution) <= 20000),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz,
  CHECK (body_id IS NOT NULL OR body_name IS NOT NULL),
  CHECK ((result IS NULL) = (decided_on IS NULL))
);
CREATE INDEX body_consultations_paper_idx ON body_consultations (paper_id, position);
CREATE INDEX body_consultations_body_idx ON body_consultations (body_id);

CREATE TABLE body_agenda_items (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  meeting_id uuid NOT NULL REFERENCES body_meetings(id) ON DELETE CASCADE,
  number text NOT NULL CHECK (length(btrim(number)) BETWEEN 1 AND 20),
  title text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 500),
  is_public boolean NOT NULL DEFAULT true,
  consultation_id uuid REFERENCES body_consultations(id) ON DELETE SET NULL,
  -- Result and resolution of an item without a paper; an item that treats a consultation records
  -- them on the consultation (one write path).
  result text CHECK (result IN ('kenntnisnahme', 'beschlossen', 'geaendert_beschlossen', 'abgelehnt', 'vertagt',
    'zurueckgezogen')),
  resolution text CHECK (length(resolution) <= 20000),
  minutes text CHECK (length(minutes) <= 100000),
  position int NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz,
  CHECK (consultation_id IS NULL OR (result IS NULL AND resolution IS NULL))
);
CREATE INDEX body_agenda_items_meeting_idx ON body_agenda_items (meeting_id, position);
-- A consultation is treated by at most one (live) agenda item.
CREATE UNIQUE INDEX body_agenda_items_consultation ON body_agenda_items (consultation_id)
  WHERE consultation_id IS NOT NULL AND deleted_at IS NULL;

-- Who attended: a membership of the body valid on the meeting day, or a guest by name.
CREATE TABLE body_attendance (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  meeting_id uuid NOT NULL REFERENCES body_meetings(id) ON DELETE CASCADE,
  membership_id uuid REFERENCES body_memberships(id) ON DELETE CASCADE,
  guest_name text CHECK (length(btrim(guest_name)) BETWEEN 1 AND 200),
  status text NOT NULL CHECK (status IN ('present', 'excused', 'absent')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((membership_id IS NULL) <> (guest_name IS NULL)),
  UNIQUE (meeting_id, membership_id)
);

-- The concept's Vorlagen, with their ids. The old free-text outcome becomes the resolution text.
INSERT INTO body_papers (id, tenant_id, number, title, submitted_on, is_public, lead_office, involved_offices,
    proposal, financial_impact, explanation, decision, attachments, edition_id, created_at, updated_at)
  SELECT id, tenant_id, number, title, submitted_on, status = 'öffentlich', lead_office, involved_offices,
    proposal, financial_impact, explanation, decision, attachments, edition_id, created_at, created_at
  FROM concept_submissions;
INSERT INTO body_consultations (id, tenant_id, paper_id, body_name, body_short, meets_on, competence, position,
    resolution)
  SELECT id, tenant_id, submission_id, body, body_short, meets_on, competence, position, outcome
  FROM concept_submission_steps;

-- The concept's measure ↔ paper link now references body_papers.
ALTER TABLE concept_submission_measures DROP CONSTRAINT concept_submission_measures_submission_id_fkey;
ALTER TABLE concept_submission_measures RENAME TO concept_measure_papers;
ALTER TABLE concept_measure_papers RENAME COLUMN submission_id TO paper_id;
ALTER TABLE concept_measure_papers RENAME CONSTRAINT concept_submission_measures_measure_id_fkey
  TO concept_measure_papers_measure_id_fkey;
ALTER INDEX concept_submission_measures_pkey RENAME TO concept_measure_papers_pkey;
ALTER TABLE concept_measure_papers ADD CONSTRAINT concept_measure_papers_paper_id_fkey
  FOREIGN KEY (tenant_id, paper_id) REFERENCES body_papers (tenant_id, id) ON DELETE CASCADE;
DROP TABLE concept_submission_steps;
DROP TABLE concept_submissions;

SELECT tenant_rls('body_papers');
SELECT tenant_rls('body_meetings');
SELECT tenant_rls('body_consultations');
SELECT tenant_rls('body_agenda_items');
SELECT tenant_rls('body_attendance');
SELECT rls_initplan();
SELECT tenant_safe_references();
