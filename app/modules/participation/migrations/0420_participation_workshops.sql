-- Live workshop board (issue 12 item 3, decision 0030). A workshop belongs to a participation process
-- and runs one of its phases at a time; participants join from their phones with a short code, without
-- an account. What they write are the process's own cards (one model, so the chain Kritik → Phantasie
-- → Realisierung, outcomes and provenance work for workshop cards as for any other), with the board's
-- moderation columns added to them.
CREATE TABLE participation_workshops (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  process_id uuid NOT NULL REFERENCES participation_processes(id) ON DELETE CASCADE,
  title text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 200),
  -- Six characters without look-alikes (no 0/O, 1/I/L), typed on a phone: unique within the tenant.
  code text NOT NULL CHECK (code ~ '^[A-HJ-KM-NP-Z2-9]{6}$'),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  phase_id uuid REFERENCES participation_phases(id) ON DELETE SET NULL,
  -- Dot voting: a budget per participant and round; optionally at most one dot per card.
  round int NOT NULL DEFAULT 1 CHECK (round BETWEEN 1 AND 100),
  dot_budget int NOT NULL DEFAULT 3 CHECK (dot_budget BETWEEN 1 AND 20),
  one_dot_per_card boolean NOT NULL DEFAULT false,
  voting_open boolean NOT NULL DEFAULT false,
  -- Totals of a round are shown to nobody (no page, no JSON) until the facilitator reveals them: the
  -- rounds up to this one are revealed.
  revealed_round int NOT NULL DEFAULT 0 CHECK (revealed_round BETWEEN 0 AND round),
  -- The projector's moving view stands still while paused; cards keep arriving.
  paused boolean NOT NULL DEFAULT false,
  on_screen_card_id uuid,
  -- Cards a participant may post at most (a participant is a token, not a person: this is what stops
  -- one phone from flooding the board).
  card_limit int NOT NULL DEFAULT 30 CHECK (card_limit BETWEEN 1 AND 500),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, code),
  UNIQUE (tenant_id, id, process_id)
);
CREATE INDEX participation_workshops_process_idx ON participation_workshops (process_id);

-- A participant is the SHA-256 of a random token kept in a cookie of the participant's browser: no
-- account, no name, no address, no user agent, no time. It exists to count dots and cards.
CREATE TABLE participation_workshop_participants (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  workshop_id uuid NOT NULL REFERENCES participation_workshops(id) ON DELETE CASCADE,
  token_hash text NOT NULL CHECK (length(token_hash) = 64),
  cards_posted int NOT NULL DEFAULT 0 CHECK (cards_posted >= 0),
  UNIQUE (workshop_id, token_hash)
);

ALTER TABLE participation_cards
  ADD COLUMN workshop_id uuid,
  ADD COLUMN hidden boolean NOT NULL DEFAULT false,
  ADD COLUMN cluster text CHECK (length(btrim(cluster)) BETWEEN 1 AND 80),
  ADD COLUMN shortlisted boolean NOT NULL DEFAULT false,
  -- A workshop card belongs to the workshop's process.
  ADD FOREIGN KEY (tenant_id, workshop_id, process_id) REFERENCES participation_workshops (tenant_id, id, process_id)
    ON DELETE SET NULL (workshop_id);
CREATE INDEX participation_cards_workshop_idx ON participation_cards (workshop_id) WHERE workshop_id IS NOT NULL;

ALTER TABLE participation_workshops
  ADD FOREIGN KEY (on_screen_card_id) REFERENCES participation_cards (id) ON DELETE SET NULL;

-- A dot. Online dots name the participant (a token, see above) and carry the client's idempotency key,
-- so a repeated request stores one dot; paper dots are transcribed by staff (participant NULL, several
-- dots in one row, an audit entry). No time is stored.
CREATE TABLE participation_workshop_votes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  workshop_id uuid NOT NULL REFERENCES participation_workshops(id) ON DELETE CASCADE,
  round int NOT NULL,
  card_id uuid NOT NULL REFERENCES participation_cards(id) ON DELETE CASCADE,
  participant_id uuid REFERENCES participation_workshop_participants(id) ON DELETE CASCADE,
  idempotency_key text CHECK (length(idempotency_key) BETWEEN 8 AND 64),
  dots int NOT NULL DEFAULT 1 CHECK (dots BETWEEN 1 AND 1000),
  CHECK ((participant_id IS NULL) = (idempotency_key IS NULL)),
  CHECK (participant_id IS NULL OR dots = 1),
  UNIQUE (participant_id, idempotency_key)
);
CREATE INDEX participation_workshop_votes_participant_idx ON participation_workshop_votes (participant_id, round);
CREATE INDEX participation_workshop_votes_card_idx ON participation_workshop_votes (workshop_id, round, card_id);

-- The budget is the database's rule, not only the service's: the participant's row is locked, so a
-- participant's parallel votes are counted one after another, whoever inserts them. A vote whose
-- idempotency key is already stored is dropped silently (the INSERT returns no row).
CREATE FUNCTION participation_vote_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  w participation_workshops%ROWTYPE;
  used int;
BEGIN
  SELECT * INTO w FROM participation_workshops WHERE id = NEW.workshop_id;
  IF NOT EXISTS (SELECT 1 FROM participation_cards c WHERE c.id = NEW.card_id AND c.workshop_id = NEW.workshop_id) THEN
    RAISE EXCEPTION 'card % is not on this board', NEW.card_id
      USING ERRCODE = 'check_violation', CONSTRAINT = 'participation_vote_card';
  END IF;
  IF NEW.participant_id IS NULL THEN
    RETURN NEW;
  END IF;
  IF w.status <> 'open' OR NOT w.voting_open OR NEW.round <> w.round THEN
    RAISE EXCEPTION 'voting is closed' USING ERRCODE = 'check_violation', CONSTRAINT = 'participation_vote_closed';
  END IF;
  PERFORM 1 FROM participation_workshop_participants p
    WHERE p.id = NEW.participant_id AND p.workshop_id = NEW.workshop_id FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'unknown participant' USING ERRCODE = 'check_violation', CONSTRAINT = 'participation_vote_participant';
  END IF;
  IF EXISTS (SELECT 1 FROM participation_workshop_votes v
             WHERE v.participant_id = NEW.participant_id AND v.idempotency_key = NEW.idempotency_key) THEN
    RETURN NULL;
  END IF;
  SELECT coalesce(sum(v.dots), 0) INTO used FROM participation_workshop_votes v
    WHERE v.participant_id = NEW.participant_id AND v.round = NEW.round;
  IF used + NEW.dots > w.dot_budget THEN
    RAISE EXCEPTION 'dot budget of % used', w.dot_budget
      USING ERRCODE = 'check_violation', CONSTRAINT = 'participation_vote_budget';
  END IF;
  IF w.one_dot_per_card AND EXISTS (SELECT 1 FROM participation_workshop_votes v
      WHERE v.participant_id = NEW.participant_id AND v.round = NEW.round AND v.card_id = NEW.card_id) THEN
    RAISE EXCEPTION 'one dot per card' USING ERRCODE = 'check_violation', CONSTRAINT = 'participation_vote_one_per_card';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER participation_vote_guard BEFORE INSERT ON participation_workshop_votes
  FOR EACH ROW EXECUTE FUNCTION participation_vote_guard();
-- Dots are never changed after the fact, only added (paper dots are added as their own row).
CREATE FUNCTION participation_vote_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'dots are not changed' USING ERRCODE = 'check_violation', CONSTRAINT = 'participation_vote_frozen';
END $$;
CREATE TRIGGER participation_vote_frozen BEFORE UPDATE ON participation_workshop_votes
  FOR EACH ROW EXECUTE FUNCTION participation_vote_frozen();

-- The board changed: every app instance's listeners hear it on commit (LISTEN "participation_board"),
-- with the workshop id and what changed ("cards" or "control"). The payload names no card and no
-- participant. Dots are not announced: nobody sees them change before the reveal, which is a control.
CREATE FUNCTION participation_board_notify() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE wid uuid;
BEGIN
  IF TG_TABLE_NAME = 'participation_workshops' THEN
    wid := coalesce(NEW.id, OLD.id);
  ELSIF TG_OP = 'DELETE' THEN
    wid := OLD.workshop_id;
  ELSE
    wid := coalesce(NEW.workshop_id, OLD.workshop_id);
  END IF;
  IF wid IS NOT NULL THEN
    PERFORM pg_notify('participation_board', wid::text || ' ' || TG_ARGV[0]);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER participation_board_cards AFTER INSERT OR UPDATE OR DELETE ON participation_cards
  FOR EACH ROW EXECUTE FUNCTION participation_board_notify('cards');
CREATE TRIGGER participation_board_control AFTER UPDATE ON participation_workshops
  FOR EACH ROW EXECUTE FUNCTION participation_board_notify('control');

-- Votes, participants and the workshop's controls appear on no cacheable page (the board is rendered
-- for each request): writing them must not empty the tenant's page cache (kernel migration 0009).
INSERT INTO content_untracked (relname) VALUES ('participation_workshops'), ('participation_workshop_participants'),
  ('participation_workshop_votes');

SELECT tenant_rls('participation_workshops');
SELECT tenant_rls('participation_workshop_participants');
SELECT tenant_rls('participation_workshop_votes');
SELECT rls_initplan();
SELECT tenant_safe_references();
