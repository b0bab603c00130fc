-- Plans, referrals, case conferences and contacts (issue 16 item 4). Every row belongs to a client
-- and is the client's category 'plan': the policies ask case_may(client_id, 'plan', …) like those of
-- 0800. Free text about a person (minutes, a contact's note, a rejection's explanation) is stored only
-- as ciphertext under the client's data key (core/keys.ts), or not at all.

-- An eligibility decision as it was taken: the rule version used (never deleted while a decision
-- names it), the date decided for, the outcome and its reasons (i18n keys, no free text). Also a
-- refusal is kept: it is the record of why a step was not planned. Append-only.
CREATE TABLE case_eligibility_decisions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  network_id uuid NOT NULL,
  client_id uuid NOT NULL,
  rule_version_id uuid NOT NULL REFERENCES case_eligibility_rule_versions(id) ON DELETE RESTRICT,
  step_type text NOT NULL REFERENCES case_step_types(code) ON DELETE RESTRICT,
  decision_date date NOT NULL,
  eligible boolean NOT NULL,
  reasons text[] NOT NULL CHECK (cardinality(reasons) BETWEEN 1 AND 10
    AND array_to_string(reasons, ',') ~ '^cases\.eligibility\.reasons\.[A-Za-z]+(,cases\.eligibility\.reasons\.[A-Za-z]+)*$'),
  decided_by uuid NOT NULL,
  -- clock_timestamp(): several decisions of one transaction (a conference) keep their order.
  decided_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  UNIQUE (network_id, client_id, id),
  FOREIGN KEY (network_id, client_id) REFERENCES case_clients (network_id, id) ON DELETE CASCADE,
  FOREIGN KEY (network_id, decided_by) REFERENCES case_staff (network_id, id) ON DELETE RESTRICT
);
CREATE INDEX case_eligibility_decisions_client ON case_eligibility_decisions (client_id, decided_at);

-- A case conference about one client: who took part (staff of the network), when, the minutes as
-- ciphertext (AAD names the conference), and the decisions, which become plan steps (conference_id).
CREATE TABLE case_conferences (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  network_id uuid NOT NULL,
  client_id uuid NOT NULL,
  held_on date NOT NULL,
  participants uuid[] NOT NULL CHECK (cardinality(participants) BETWEEN 1 AND 50),
  minutes bytea CHECK (octet_length(minutes) BETWEEN 29 AND 262144),
  recorded_by uuid NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (network_id, client_id, id),
  FOREIGN KEY (network_id, client_id) REFERENCES case_clients (network_id, id) ON DELETE CASCADE,
  FOREIGN KEY (network_id, recorded_by) REFERENCES case_staff (network_id, id) ON DELETE RESTRICT
);
CREATE INDEX case_conferences_client ON case_conferences (client_id, held_on DESC);

-- A step of a client's plan, from the catalogue, with the institution responsible for it.
CREATE TABLE case_plan_steps (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  network_id uuid NOT NULL,
  client_id uuid NOT NULL,
  step_type text NOT NULL REFERENCES case_step_types(code) ON DELETE RESTRICT,
  responsible_institution_id uuid NOT NULL,
  planned_start date,
  start_date date,
  end_date date CHECK (end_date >= start_date),
  state text NOT NULL DEFAULT 'planned' CHECK (state IN ('planned', 'running', 'done', 'cancelled')),
  outcome text CHECK (outcome IN ('completed', 'dropped_out', 'moved_away', 'no_place', 'not_eligible', 'other')),
  decision_id uuid,
  conference_id uuid,
  created_by uuid NOT NULL,
  -- clock_timestamp(): the steps of one conference keep the order they were decided in.
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (network_id, client_id, id),
  FOREIGN KEY (network_id, client_id) REFERENCES case_clients (network_id, id) ON DELETE CASCADE,
  FOREIGN KEY (network_id, responsible_institution_id) REFERENCES case_institutions (network_id, id) ON DELETE RESTRICT,
  -- The decision and the conference are the same client's.
  FOREIGN KEY (network_id, client_id, decision_id) REFERENCES case_eligibility_decisions (network_id, client_id, id)
    ON DELETE RESTRICT,
  FOREIGN KEY (network_id, client_id, conference_id) REFERENCES case_conferences (network_id, client_id, id)
    ON DELETE SET NULL (conference_id),
  FOREIGN KEY (network_id, created_by) REFERENCES case_staff (network_id, id) ON DELETE RESTRICT,
  CHECK (state IN ('planned', 'cancelled') OR start_date IS NOT NULL),
  CHECK ((state IN ('done', 'cancelled')) = (outcome IS NOT NULL))
);
CREATE INDEX case_plan_steps_client ON case_plan_steps (client_id, created_at);

-- A referral of a client to another institution: in progress → accepted / rejected (with a reason)
-- → done; the sender may withdraw it; it is withdrawn by the database when the recipient's basis ends.
CREATE TABLE case_referrals (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  network_id uuid NOT NULL,
  client_id uuid NOT NULL,
  step_id uuid,
  from_institution_id uuid NOT NULL,
  to_institution_id uuid NOT NULL CHECK (to_institution_id <> from_institution_id),
  state text NOT NULL DEFAULT 'in_progress' CHECK (state IN ('in_progress', 'accepted', 'rejected', 'done', 'withdrawn')),
  referred_on date NOT NULL,
  answered_on date CHECK (answered_on >= referred_on),
  closed_on date CHECK (closed_on >= referred_on),
  rejection_reason text CHECK (rejection_reason IN ('no_place', 'not_responsible', 'not_eligible', 'client_declined', 'other')),
  -- An optional explanation of a rejection: ciphertext under the client's key, AAD names the referral.
  rejection_note bytea CHECK (octet_length(rejection_note) BETWEEN 29 AND 65536),
  withdrawn_reason text CHECK (withdrawn_reason IN ('sender', 'basis_revoked')),
  created_by uuid NOT NULL,
  answered_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (network_id, client_id) REFERENCES case_clients (network_id, id) ON DELETE CASCADE,
  FOREIGN KEY (network_id, client_id, step_id) REFERENCES case_plan_steps (network_id, client_id, id)
    ON DELETE SET NULL (step_id),
  FOREIGN KEY (network_id, from_institution_id) REFERENCES case_institutions (network_id, id) ON DELETE RESTRICT,
  FOREIGN KEY (network_id, to_institution_id) REFERENCES case_institutions (network_id, id) ON DELETE RESTRICT,
  FOREIGN KEY (network_id, created_by) REFERENCES case_staff (network_id, id) ON DELETE RESTRICT,
  FOREIGN KEY (network_id, answered_by) REFERENCES case_staff (network_id, id) ON DELETE RESTRICT,
  CHECK ((state = 'rejected') = (rejection_reason IS NOT NULL)),
  CHECK (rejection_note IS NULL OR rejection_reason IS NOT NULL),
  CHECK ((state = 'withdrawn') = (withdrawn_reason IS NOT NULL)),
  CHECK ((state = 'in_progress') = (answered_on IS NULL AND closed_on IS NULL) OR state = 'withdrawn')
);
CREATE INDEX case_referrals_client ON case_referrals (client_id, referred_on DESC);
CREATE INDEX case_referrals_to ON case_referrals (to_institution_id, state, referred_on DESC);

-- A contact with a client: kind, day, who, how long; an optional note as ciphertext (AAD names it).
CREATE TABLE case_contacts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  network_id uuid NOT NULL,
  client_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('home_visit', 'office', 'phone', 'video')),
  contact_on date NOT NULL,
  staff_id uuid NOT NULL,
  duration_minutes int NOT NULL CHECK (duration_minutes BETWEEN 1 AND 1440),
  note bytea CHECK (octet_length(note) BETWEEN 29 AND 65536),
  created_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (network_id, client_id) REFERENCES case_clients (network_id, id) ON DELETE CASCADE,
  FOREIGN KEY (network_id, staff_id) REFERENCES case_staff (network_id, id) ON DELETE RESTRICT
);
CREATE INDEX case_contacts_client ON case_contacts (client_id, contact_on DESC);

-- Whether an institution has a basis to receive a client's plan today: the part of case_may() that
-- concerns another institution, asked for the recipient instead of the acting staff member. A
-- statutory basis naming 'plan' (approved by a second person if the recipient is the
-- Ausländerbehörde), else — never for the Ausländerbehörde — a current consent naming the recipient
-- and 'plan'.
CREATE OR REPLACE FUNCTION case_plan_basis(p_client uuid, p_institution uuid) RETURNS boolean
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
DECLARE kind text;
BEGIN
  SELECT i.kind INTO kind FROM case_institutions i JOIN case_clients c ON c.network_id = i.network_id
    WHERE i.id = p_institution AND c.id = p_client;
  IF NOT FOUND THEN RETURN false; END IF;
  IF EXISTS (SELECT 1 FROM case_legal_bases b WHERE b.client_id = p_client AND b.recipient_id = p_institution
      AND b.revoked_at IS NULL AND app_case_today() <= b.valid_until AND 'plan' = ANY (b.categories)
      AND (b.approved_at IS NOT NULL OR kind <> 'auslaenderbehoerde')) THEN
    RETURN true;
  END IF;
  IF kind = 'auslaenderbehoerde' THEN RETURN false; END IF;
  RETURN EXISTS (SELECT 1 FROM case_consents k WHERE k.client_id = p_client AND p_institution = ANY (k.recipients)
    AND k.revoked_at IS NULL AND k.superseded_at IS NULL AND app_case_today() BETWEEN k.given_on AND k.valid_until
    AND 'plan' = ANY (k.categories));
END $$;

-- Sets the time from intake to the first offer once: the first started step or the first accepted
-- referral. Called by the triggers below, so only through a row change the caller's policies allowed
-- (the recipient of a referral may not update case_clients itself).
CREATE OR REPLACE FUNCTION case_first_offer() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public AS $$
DECLARE d date;
BEGIN
  IF TG_TABLE_NAME = 'case_referrals' THEN
    IF NEW.state <> 'accepted' OR OLD.state = 'accepted' THEN RETURN NULL; END IF;
    d := NEW.answered_on;
  ELSE
    IF NEW.start_date IS NULL OR NEW.state = 'cancelled' THEN RETURN NULL; END IF;
    d := NEW.start_date;
  END IF;
  UPDATE case_clients SET first_offer_date = d
    WHERE id = NEW.client_id AND first_offer_date IS NULL AND intake_date <= d;
  RETURN NULL;
END $$;
CREATE TRIGGER case_first_offer AFTER UPDATE ON case_referrals FOR EACH ROW EXECUTE FUNCTION case_first_offer();
CREATE TRIGGER case_first_offer AFTER INSERT OR UPDATE OF start_date, state ON case_plan_steps
  FOR EACH ROW EXECUTE FUNCTION case_first_offer();

-- A step whose type has an eligibility rule needs an eligible decision of this client, on that rule,
-- for that step type — whoever writes the row. Conference participants are staff of the network.
CREATE OR REPLACE FUNCTION case_plan_step_check() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public AS $$
DECLARE rule text;
BEGIN
  SELECT eligibility_rule INTO rule FROM case_step_types WHERE code = NEW.step_type;
  IF rule IS NOT NULL AND (TG_OP = 'INSERT' OR NEW.step_type <> OLD.step_type
      OR NEW.decision_id IS DISTINCT FROM OLD.decision_id) AND NOT EXISTS (
      SELECT 1 FROM case_eligibility_decisions d JOIN case_eligibility_rule_versions v ON v.id = d.rule_version_id
      WHERE d.id = NEW.decision_id AND d.client_id = NEW.client_id AND d.eligible AND v.rule_code = rule
        AND d.step_type = NEW.step_type) THEN
    RAISE EXCEPTION 'case_plan_steps: step % needs an eligible decision on rule %', NEW.step_type, rule
      USING ERRCODE = 'check_violation', CONSTRAINT = 'case_plan_steps_eligible';
  END IF;
  IF TG_OP = 'UPDATE' AND (NEW.client_id, NEW.network_id, NEW.created_by, NEW.created_at)
      IS DISTINCT FROM (OLD.client_id, OLD.network_id, OLD.created_by, OLD.created_at) THEN
    RAISE EXCEPTION 'case_plan_steps: client and author are fixed' USING ERRCODE = 'check_violation',
      CONSTRAINT = 'case_plan_steps_immutable';
  END IF;
  NEW.updated_at := now();
  RETURN NEW;
END $$;
CREATE TRIGGER case_plan_step_check BEFORE INSERT OR UPDATE ON case_plan_steps
  FOR EACH ROW EXECUTE FUNCTION case_plan_step_check();

CREATE OR REPLACE FUNCTION case_conference_check() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public AS $$
BEGIN
  IF (SELECT count(*) FROM case_staff s WHERE s.network_id = NEW.network_id AND s.id = ANY (NEW.participants))
      <> cardinality(ARRAY(SELECT DISTINCT unnest(NEW.participants))) THEN
    RAISE EXCEPTION 'case_conferences: participants must be staff of the network' USING ERRCODE = 'foreign_key_violation',
      CONSTRAINT = 'case_conferences_participants';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER case_conference_check BEFORE INSERT OR UPDATE ON case_conferences
  FOR EACH ROW EXECUTE FUNCTION case_conference_check();

-- Decisions are never changed.
CREATE OR REPLACE FUNCTION case_decision_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'case_eligibility_decisions is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER case_decision_append_only BEFORE UPDATE ON case_eligibility_decisions
  FOR EACH ROW EXECUTE FUNCTION case_decision_append_only();

-- The lifecycle of a referral, whoever changes it: the recipient answers (accept, reject), the sender
-- closes (done) or withdraws; the database withdraws a pending one whose recipient lost its basis.
-- What a referral is about never changes.
CREATE OR REPLACE FUNCTION case_referral_check() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public AS $$
DECLARE me case_staff;
BEGIN
  IF (NEW.client_id, NEW.network_id, NEW.step_id, NEW.from_institution_id, NEW.to_institution_id, NEW.referred_on,
      NEW.created_by, NEW.created_at) IS DISTINCT FROM (OLD.client_id, OLD.network_id, OLD.step_id,
      OLD.from_institution_id, OLD.to_institution_id, OLD.referred_on, OLD.created_by, OLD.created_at)
      AND NOT (OLD.step_id IS NOT NULL AND NEW.step_id IS NULL) THEN
    RAISE EXCEPTION 'case_referrals: a referral''s subject is fixed' USING ERRCODE = 'check_violation',
      CONSTRAINT = 'case_referrals_immutable';
  END IF;
  IF NEW.state = OLD.state THEN
    IF (NEW.answered_on, NEW.closed_on, NEW.rejection_reason, NEW.rejection_note, NEW.withdrawn_reason, NEW.answered_by)
        IS DISTINCT FROM (OLD.answered_on, OLD.closed_on, OLD.rejection_reason, OLD.rejection_note,
        OLD.withdrawn_reason, OLD.answered_by) THEN
      RAISE EXCEPTION 'case_referrals: an answer is final' USING ERRCODE = 'check_violation',
        CONSTRAINT = 'case_referrals_transition';
    END IF;
    RETURN NEW;
  END IF;
  SELECT * INTO me FROM case_me();
  IF NOT (
    -- The recipient answers a pending referral, as long as it has the basis.
    (OLD.state = 'in_progress' AND NEW.state IN ('accepted', 'rejected') AND me.institution_id = OLD.to_institution_id
      AND me.role IN ('coordination', 'specialist', 'lead') AND case_plan_basis(OLD.client_id, OLD.to_institution_id)
      AND NEW.answered_by = me.id)
    -- The sender closes an accepted referral or withdraws one that is pending or accepted.
    OR (OLD.state = 'accepted' AND NEW.state = 'done' AND case_may(OLD.client_id, 'plan', 'write'))
    OR (OLD.state IN ('in_progress', 'accepted') AND NEW.state = 'withdrawn' AND NEW.withdrawn_reason = 'sender'
      AND case_may(OLD.client_id, 'plan', 'write'))
    -- The database withdraws a pending referral whose recipient no longer has a basis.
    OR (OLD.state = 'in_progress' AND NEW.state = 'withdrawn' AND NEW.withdrawn_reason = 'basis_revoked'
      AND NOT case_plan_basis(OLD.client_id, OLD.to_institution_id))
  ) THEN
    RAISE EXCEPTION 'case_referrals: % → % not allowed', OLD.state, NEW.state USING ERRCODE = 'check_violation',
      CONSTRAINT = 'case_referrals_transition';
  END IF;
  NEW.updated_at := now();
  RETURN NEW;
END $$;
CREATE TRIGGER case_referral_check BEFORE UPDATE ON case_referrals FOR EACH ROW EXECUTE FUNCTION case_referral_check();

-- Revocation withdraws pending referrals (issue 16 item 3), in the database so that it holds whoever
-- revokes. Deferred to the end of the transaction: a consent superseded by a new version that names the
-- recipient again leaves its referrals pending. An accepted referral is a flow that has happened; it
-- stays, and the recipient loses its read access through case_may() anyway.
CREATE OR REPLACE FUNCTION case_referrals_on_revocation() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public AS $$
BEGIN
  UPDATE case_referrals r SET state = 'withdrawn', withdrawn_reason = 'basis_revoked', closed_on = app_case_today()
    WHERE r.client_id = NEW.client_id AND r.state = 'in_progress'
      AND NOT case_plan_basis(r.client_id, r.to_institution_id);
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER case_referrals_on_revocation AFTER UPDATE OF revoked_at, superseded_at ON case_consents
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (OLD.revoked_at IS NULL AND NEW.revoked_at IS NOT NULL OR OLD.superseded_at IS NULL AND NEW.superseded_at IS NOT NULL)
  EXECUTE FUNCTION case_referrals_on_revocation();
CREATE CONSTRAINT TRIGGER case_referrals_on_revocation AFTER UPDATE OF revoked_at ON case_legal_bases
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (OLD.revoked_at IS NULL AND NEW.revoked_at IS NOT NULL)
  EXECUTE FUNCTION case_referrals_on_revocation();

-- Policies: the client's plan category decides (0800's case_may). The owning case worker writes; who
-- may read the plan (the lead, another institution on a basis for 'plan') reads.
ALTER TABLE case_eligibility_decisions ENABLE ROW LEVEL SECURITY;
CREATE POLICY case_read ON case_eligibility_decisions FOR SELECT USING (network_id = (SELECT app_case_network())
  AND case_may(client_id, 'plan', 'read'));
CREATE POLICY case_insert ON case_eligibility_decisions FOR INSERT WITH CHECK (network_id = (SELECT app_case_network())
  AND case_may(client_id, 'plan', 'write') AND decided_by = (SELECT id FROM case_me()));

ALTER TABLE case_plan_steps ENABLE ROW LEVEL SECURITY;
CREATE POLICY case_read ON case_plan_steps FOR SELECT USING (network_id = (SELECT app_case_network())
  AND case_may(client_id, 'plan', 'read'));
CREATE POLICY case_insert ON case_plan_steps FOR INSERT WITH CHECK (network_id = (SELECT app_case_network())
  AND case_may(client_id, 'plan', 'write') AND created_by = (SELECT id FROM case_me()));
CREATE POLICY case_update ON case_plan_steps FOR UPDATE USING (network_id = (SELECT app_case_network())
  AND case_may(client_id, 'plan', 'write')) WITH CHECK (case_may(client_id, 'plan', 'write'));

ALTER TABLE case_conferences ENABLE ROW LEVEL SECURITY;
CREATE POLICY case_read ON case_conferences FOR SELECT USING (network_id = (SELECT app_case_network())
  AND case_may(client_id, 'plan', 'read'));
CREATE POLICY case_insert ON case_conferences FOR INSERT WITH CHECK (network_id = (SELECT app_case_network())
  AND case_may(client_id, 'plan', 'write') AND recorded_by = (SELECT id FROM case_me()));

ALTER TABLE case_contacts ENABLE ROW LEVEL SECURITY;
CREATE POLICY case_read ON case_contacts FOR SELECT USING (network_id = (SELECT app_case_network())
  AND case_may(client_id, 'plan', 'read'));
CREATE POLICY case_insert ON case_contacts FOR INSERT WITH CHECK (network_id = (SELECT app_case_network())
  AND case_may(client_id, 'plan', 'write') AND staff_id = (SELECT id FROM case_me()));

-- Referrals: the sender (who writes the client's plan) sees and changes its referrals; the receiving
-- institution's staff see and answer those addressed to them while they have the basis (case_may on
-- 'plan' for them is exactly that). A referral is made only to a recipient with a basis.
ALTER TABLE case_referrals ENABLE ROW LEVEL SECURITY;
CREATE POLICY case_read ON case_referrals FOR SELECT USING (network_id = (SELECT app_case_network())
  AND (case_may(client_id, 'plan', 'write')
    OR to_institution_id = (SELECT institution_id FROM case_me()) AND case_may(client_id, 'plan', 'read')));
CREATE POLICY case_insert ON case_referrals FOR INSERT WITH CHECK (network_id = (SELECT app_case_network())
  AND case_may(client_id, 'plan', 'write') AND from_institution_id = (SELECT institution_id FROM case_me())
  AND created_by = (SELECT id FROM case_me()) AND state = 'in_progress'
  AND case_plan_basis(client_id, to_institution_id));
CREATE POLICY case_update ON case_referrals FOR UPDATE USING (network_id = (SELECT app_case_network())
  AND (case_may(client_id, 'plan', 'write')
    OR to_institution_id = (SELECT institution_id FROM case_me()) AND case_may(client_id, 'plan', 'read')));

REVOKE ALL ON FUNCTION case_plan_basis(uuid, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION case_plan_basis(uuid, uuid) TO teilhabe_app;

SELECT rls_initplan();
SELECT tenant_safe_references();
