-- Beteiligung (issue 12, decision 0025): participation processes made from templates, their phases,
-- roles and invitees, the cards participants contribute (Zukunftswerkstatt: Kritik → Phantasie →
-- Realisierung), and what became of each proposal. A process is published only with a contact, a
-- decision scope, a deciding body and an answer date (seed 003 on Scheinbeteiligung).
CREATE TABLE participation_processes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('fachgespraech', 'zukunftswerkstatt', 'fachforum', 'initiativkreis', 'auftakt',
    'abschluss', 'open_space', 'world_cafe', 'custom')),
  title text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 200),
  -- A Fachgespräch is about one Handlungsfeld of the concept.
  handlungsfeld_id uuid REFERENCES taxonomy_terms(id) ON DELETE SET NULL,
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'closed')),
  -- A named contact: a staff person or a role address ("Integrationsbüro, integration@…").
  contact_name text CHECK (length(contact_name) <= 200),
  contact_address text CHECK (length(contact_address) <= 200),
  -- What participants can decide or influence.
  decision_scope text CHECK (length(decision_scope) <= 4000),
  -- Who decides: a body of the bodies module (its id; no foreign key, because the bodies' migrations
  -- run after these: 0500) or a body named as text. The name is always kept for display.
  deciding_body_id uuid,
  deciding_body_name text CHECK (length(deciding_body_name) <= 200),
  -- By when participants get a reasoned answer.
  answer_due_on date,
  results text CHECK (length(results) <= 8000),
  is_demo boolean NOT NULL DEFAULT false,
  example_note text CHECK (length(example_note) <= 400),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz
);
CREATE INDEX participation_processes_tenant_idx ON participation_processes (tenant_id, status);

CREATE TABLE participation_phases (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  process_id uuid NOT NULL REFERENCES participation_processes(id) ON DELETE CASCADE,
  position int NOT NULL,
  name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
  starts_on date,
  ends_on date,
  CHECK (ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on),
  UNIQUE (process_id, position)
);

-- Who carries the process: the responsible person of the administration, the Integrationsbeauftragte
-- and the KI lead (who nominate invitees), and one Pate/Patin per Themenfeld (seed 000:2527–2535).
CREATE TABLE participation_roles (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  process_id uuid NOT NULL REFERENCES participation_processes(id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('responsible', 'integration_officer', 'ki_lead', 'themenfeld_pate')),
  person_name text NOT NULL CHECK (length(btrim(person_name)) BETWEEN 1 AND 200),
  contact text CHECK (length(contact) <= 200),
  themenfeld text CHECK (themenfeld IN ('interkulturelle_oeffnung', 'willkommenskultur', 'quartier', 'engagement')),
  CHECK ((role = 'themenfeld_pate') = (themenfeld IS NOT NULL))
);
CREATE INDEX participation_roles_process_idx ON participation_roles (process_id);

-- Invitees and why they are invited: internal only, never on a public page.
CREATE TABLE participation_invitees (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  process_id uuid NOT NULL REFERENCES participation_processes(id) ON DELETE CASCADE,
  name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
  reason text NOT NULL CHECK (length(btrim(reason)) BETWEEN 1 AND 1000),
  nominated_by text NOT NULL CHECK (nominated_by IN ('responsible', 'integration_officer', 'ki_lead'))
);
CREATE INDEX participation_invitees_process_idx ON participation_invitees (process_id);

-- Contributions. Anonymous by default, and an anonymous card cannot be traced: the table has no
-- account id, no address and no time of entry; order comes from a per-process sequence number and
-- the phase (a schema test fails if such a column appears). Staff entering a named recommendation
-- may give an author label, which is internal.
CREATE TABLE participation_cards (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  process_id uuid NOT NULL REFERENCES participation_processes(id) ON DELETE CASCADE,
  phase_id uuid REFERENCES participation_phases(id) ON DELETE SET NULL,
  seq int NOT NULL CHECK (seq > 0),
  kind text NOT NULL CHECK (kind IN ('critique', 'idea', 'proposal', 'question', 'recommendation')),
  body text NOT NULL CHECK (length(btrim(body)) BETWEEN 1 AND 4000),
  anonymous boolean NOT NULL DEFAULT true,
  author_label text CHECK (length(btrim(author_label)) BETWEEN 1 AND 200),
  -- Recommendations are tagged Themenfeld × Handlungsfeld.
  themenfeld text CHECK (themenfeld IN ('interkulturelle_oeffnung', 'willkommenskultur', 'quartier', 'engagement')),
  handlungsfeld_id uuid REFERENCES taxonomy_terms(id) ON DELETE SET NULL,
  -- Realisierung: the feasibility check of a proposal.
  resources text CHECK (length(resources) <= 2000),
  responsibility text CHECK (length(responsibility) <= 2000),
  obstacles text CHECK (length(obstacles) <= 2000),
  verdict text CHECK (verdict IN ('feasible', 'with_conditions', 'not_feasible')),
  -- What became of a proposal or recommendation; a reason for every outcome but the first two.
  -- (Linking a proposal to a concept measure is the next slice: a measure_id column here.)
  outcome text CHECK (outcome IN ('eingegangen', 'in_pruefung', 'uebernommen', 'geaendert_uebernommen', 'abgelehnt',
    'zurueckgestellt')),
  outcome_reason text CHECK (length(outcome_reason) <= 4000),
  CHECK (NOT anonymous OR author_label IS NULL),
  CHECK ((outcome IS NOT NULL) = (kind IN ('proposal', 'recommendation'))),
  CHECK (outcome IS NULL OR outcome IN ('eingegangen', 'in_pruefung') OR length(btrim(outcome_reason)) > 0),
  CHECK (verdict IS NULL OR kind = 'proposal'),
  UNIQUE (process_id, seq),
  -- The target of the chain's links: a link names the process and the kind it expects.
  UNIQUE (tenant_id, process_id, id, kind)
);

-- Phantasie: an idea inverts one or more critiques of the same process.
CREATE TABLE participation_inversions (
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  process_id uuid NOT NULL,
  idea_id uuid NOT NULL,
  idea_kind text NOT NULL DEFAULT 'idea' CHECK (idea_kind = 'idea'),
  critique_id uuid NOT NULL,
  critique_kind text NOT NULL DEFAULT 'critique' CHECK (critique_kind = 'critique'),
  PRIMARY KEY (idea_id, critique_id),
  FOREIGN KEY (tenant_id, process_id, idea_id, idea_kind)
    REFERENCES participation_cards (tenant_id, process_id, id, kind) ON DELETE CASCADE ON UPDATE CASCADE,
  FOREIGN KEY (tenant_id, process_id, critique_id, critique_kind)
    REFERENCES participation_cards (tenant_id, process_id, id, kind) ON DELETE CASCADE ON UPDATE CASCADE
);

-- Realisierung: an item (a proposal) concretises one or more ideas of the same process.
CREATE TABLE participation_concretisations (
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  process_id uuid NOT NULL,
  item_id uuid NOT NULL,
  item_kind text NOT NULL DEFAULT 'proposal' CHECK (item_kind = 'proposal'),
  idea_id uuid NOT NULL,
  idea_kind text NOT NULL DEFAULT 'idea' CHECK (idea_kind = 'idea'),
  PRIMARY KEY (item_id, idea_id),
  FOREIGN KEY (tenant_id, process_id, item_id, item_kind)
    REFERENCES participation_cards (tenant_id, process_id, id, kind) ON DELETE CASCADE ON UPDATE CASCADE,
  FOREIGN KEY (tenant_id, process_id, idea_id, idea_kind)
    REFERENCES participation_cards (tenant_id, process_id, id, kind) ON DELETE CASCADE ON UPDATE CASCADE
);

-- A Handlungsfeld of the concept that is not (wholly) the tenant's task: Aachen's "Sport / Gesundheit",
-- whose Gesundheit belongs to the StädteRegion (seed 000:1031–1035). Kept here, not in the concept.
CREATE TABLE participation_handlungsfeld_competences (
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  handlungsfeld_id uuid NOT NULL REFERENCES taxonomy_terms(id) ON DELETE CASCADE,
  competence text NOT NULL CHECK (competence IN ('partial', 'outside')),
  note text NOT NULL CHECK (length(btrim(note)) BETWEEN 1 AND 1000),
  PRIMARY KEY (handlungsfeld_id)
);

SELECT tenant_rls('participation_processes');
SELECT tenant_rls('participation_phases');
SELECT tenant_rls('participation_roles');
SELECT tenant_rls('participation_invitees');
SELECT tenant_rls('participation_cards');
SELECT tenant_rls('participation_inversions');
SELECT tenant_rls('participation_concretisations');
SELECT tenant_rls('participation_handlungsfeld_competences');
SELECT rls_initplan();
SELECT tenant_safe_references();
