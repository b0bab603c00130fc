-- Fortschreibung (decision 0035): a new edition carries the measures that are still open, each
-- linked to the measure it continues; staff may end a carried measure in the draft with a reason;
-- an edition is adopted by a recorded council decision on a paper (Vorlage) of the bodies module.

-- The edition a draft was copied from, and the adopted edition it superseded when it was adopted
-- (the public comparison shows an adopted edition against that one).
ALTER TABLE concept_editions
  ADD COLUMN source_edition_id uuid REFERENCES concept_editions(id) ON DELETE SET NULL,
  ADD COLUMN replaces_edition_id uuid REFERENCES concept_editions(id) ON DELETE SET NULL,
  -- The paper whose recorded decision adopted the edition. No foreign key: bodies' tables come
  -- later in the migration order (0510), so this migration cannot name them; the service checks the
  -- paper through bodies' public entry, and papers are only ever marked deleted, never removed.
  ADD COLUMN adopted_paper_id uuid;

-- The measure of the earlier edition this one continues; its history stays there.
ALTER TABLE concept_measures ADD COLUMN predecessor_id uuid REFERENCES concept_measures(id) ON DELETE SET NULL;
-- A measure is carried into an edition at most once.
CREATE UNIQUE INDEX concept_measures_one_successor ON concept_measures (predecessor_id, edition_id)
  WHERE predecessor_id IS NOT NULL;

-- A measure of the source edition that the new edition does not continue, ended by staff in the
-- draft with a reason (measures left behind because they were finished need no row).
CREATE TABLE concept_measure_endings (
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  edition_id uuid NOT NULL REFERENCES concept_editions(id) ON DELETE CASCADE,
  measure_id uuid NOT NULL REFERENCES concept_measures(id) ON DELETE CASCADE,
  reason text NOT NULL CHECK (length(btrim(reason)) BETWEEN 3 AND 2000),
  ended_on date NOT NULL,
  actor_id uuid REFERENCES users(id) ON DELETE SET NULL,
  actor_label text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (edition_id, measure_id)
);
CREATE INDEX concept_measure_endings_measure_idx ON concept_measure_endings (measure_id);
SELECT tenant_rls('concept_measure_endings');
SELECT tenant_safe_references();
