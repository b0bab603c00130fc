-- Proposal → measure (issue 12 item 4, decision 0028): a proposal or recommendation that was adopted
-- (with or without changes) is carried into the concept. The link names the card (and through the
-- card's key the process and the kind), the measure and what the card did to it: a new draft measure,
-- or it amends, confirms or retires an existing one. Who carried it and when is the staff side; the
-- card itself stays anonymous. The concept reads these links only through the kernel's provenance
-- registry (the participation manifest's `provenance`), never this table.
CREATE TABLE participation_measure_links (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  process_id uuid NOT NULL,
  card_id uuid NOT NULL,
  card_kind text NOT NULL CHECK (card_kind IN ('proposal', 'recommendation')),
  measure_id uuid NOT NULL REFERENCES concept_measures(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('new', 'amends', 'confirms', 'retires')),
  note text CHECK (length(note) <= 2000),
  actor_id uuid REFERENCES users(id) ON DELETE SET NULL,
  actor_label text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (card_id, measure_id),
  FOREIGN KEY (tenant_id, process_id, card_id, card_kind)
    REFERENCES participation_cards (tenant_id, process_id, id, kind) ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX participation_measure_links_measure_idx ON participation_measure_links (measure_id);
CREATE INDEX participation_measure_links_process_idx ON participation_measure_links (process_id);

SELECT tenant_rls('participation_measure_links');
SELECT rls_initplan();
SELECT tenant_safe_references();
