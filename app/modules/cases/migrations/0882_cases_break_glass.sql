-- Break-glass (issue 16 item 5; docs/cases.md "Break-glass"): emergency read access to a client of
-- another institution, with a written reason, a second approver of the owning institution, a fixed end
-- (at most 24 hours after the approval) and a review by the owning institution's data-protection
-- officer. case_may() (redefined below with the same body plus one check) honours an approved,
-- unexpired break-glass for its requester: read only, the named categories.

CREATE TABLE case_break_glass (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  network_id uuid NOT NULL,
  client_id uuid NOT NULL,
  requested_by uuid NOT NULL,
  -- The justification, stored as written: the form says it must not contain case content.
  reason text NOT NULL CHECK (length(btrim(reason)) BETWEEN 20 AND 1000),
  categories text[] NOT NULL CHECK (cardinality(categories) >= 1 AND categories <@ ARRAY['identity', 'residence',
    'education', 'competence', 'health', 'family', 'plan', 'notes', 'attachments']),
  requested_at timestamptz NOT NULL DEFAULT now(),
  approved_by uuid CHECK (approved_by <> requested_by),
  approved_at timestamptz,
  expires_at timestamptz CHECK (expires_at <= approved_at + interval '24 hours'),
  reviewed_by uuid CHECK (reviewed_by <> requested_by),
  reviewed_at timestamptz,
  review_note text CHECK (length(btrim(review_note)) BETWEEN 1 AND 2000),
  FOREIGN KEY (network_id, client_id) REFERENCES case_clients (network_id, id) ON DELETE CASCADE,
  FOREIGN KEY (network_id, requested_by) REFERENCES case_staff (network_id, id) ON DELETE RESTRICT,
  FOREIGN KEY (network_id, approved_by) REFERENCES case_staff (network_id, id) ON DELETE RESTRICT,
  FOREIGN KEY (network_id, reviewed_by) REFERENCES case_staff (network_id, id) ON DELETE RESTRICT,
  CHECK ((approved_by IS NULL) = (approved_at IS NULL) AND (approved_at IS NULL) = (expires_at IS NULL)),
  CHECK ((reviewed_by IS NULL) = (reviewed_at IS NULL) AND (reviewed_at IS NULL) = (review_note IS NULL)),
  CHECK (reviewed_at IS NULL OR approved_at IS NOT NULL)
);
CREATE INDEX case_break_glass_requester ON case_break_glass (requested_by, client_id) WHERE approved_at IS NOT NULL;
CREATE INDEX case_break_glass_client ON case_break_glass (client_id);

-- The requester sees their own; the owning institution's coordination, lead and data-protection officer
-- see those for its clients. Nobody inserts directly: case_break_glass_request() does (it has to find a
-- client the requester cannot see). Approval and review are updates checked by case_break_glass_check.
ALTER TABLE case_break_glass ENABLE ROW LEVEL SECURITY;
CREATE POLICY case_read ON case_break_glass FOR SELECT USING (network_id = (SELECT app_case_network())
  AND (requested_by = (SELECT id FROM case_me())
    OR (SELECT role FROM case_me()) IN ('coordination', 'lead', 'dpo')
      AND EXISTS (SELECT 1 FROM case_clients c WHERE c.id = client_id
        AND c.owner_institution_id = (SELECT institution_id FROM case_me()))));
CREATE POLICY case_update ON case_break_glass FOR UPDATE USING (network_id = (SELECT app_case_network())
  AND (SELECT role FROM case_me()) IN ('coordination', 'lead', 'dpo')
  AND EXISTS (SELECT 1 FROM case_clients c WHERE c.id = client_id
    AND c.owner_institution_id = (SELECT institution_id FROM case_me())));

-- The request: case workers and leads of another institution than the client's (not volunteers, not the
-- Ausländerbehörde, not the control roles), for a client found by its pseudonym. Returns the new id.
CREATE OR REPLACE FUNCTION case_break_glass_request(p_pseudonym text, p_categories text[], p_reason text)
RETURNS uuid LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  me case_staff;
  my_kind text;
  c case_clients;
  new_id uuid;
BEGIN
  SELECT * INTO me FROM case_me();
  IF NOT FOUND THEN
    RAISE EXCEPTION 'case_break_glass_request: not allowed' USING ERRCODE = 'insufficient_privilege';
  END IF;
  SELECT kind INTO my_kind FROM case_institutions WHERE id = me.institution_id;
  IF me.role NOT IN ('coordination', 'specialist', 'lead') OR my_kind = 'auslaenderbehoerde' THEN
    RAISE EXCEPTION 'case_break_glass_request: not allowed' USING ERRCODE = 'insufficient_privilege';
  END IF;
  SELECT * INTO c FROM case_clients WHERE pseudonym = p_pseudonym AND network_id = me.network_id
    AND state <> 'anonymised';
  IF NOT FOUND THEN RETURN NULL; END IF;
  IF c.owner_institution_id = me.institution_id THEN
    RAISE EXCEPTION 'case_break_glass_request: own institution' USING ERRCODE = 'check_violation',
      CONSTRAINT = 'case_break_glass_own_institution';
  END IF;
  INSERT INTO case_break_glass (network_id, client_id, requested_by, reason, categories)
  VALUES (me.network_id, c.id, me.id, p_reason, p_categories) RETURNING id INTO new_id;
  RETURN new_id;
END $$;
REVOKE ALL ON FUNCTION case_break_glass_request(text, text[], text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION case_break_glass_request(text, text[], text) TO teilhabe_app;

-- The request never changes; approval happens once, by the acting coordination or lead (another person:
-- the CHECK above), at the time of the update; the end may only move earlier; the review happens once,
-- by the acting data-protection officer, after the approval.
CREATE OR REPLACE FUNCTION case_break_glass_check() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  me case_staff;
  found_me boolean;
BEGIN
  SELECT * INTO me FROM case_me();
  found_me := FOUND;
  IF (NEW.network_id, NEW.client_id, NEW.requested_by, NEW.reason, NEW.categories, NEW.requested_at)
     IS DISTINCT FROM (OLD.network_id, OLD.client_id, OLD.requested_by, OLD.reason, OLD.categories, OLD.requested_at) THEN
    RAISE EXCEPTION 'case_break_glass: a request is not rewritten' USING ERRCODE = 'check_violation',
      CONSTRAINT = 'case_break_glass_immutable';
  END IF;
  IF (NEW.approved_by, NEW.approved_at) IS DISTINCT FROM (OLD.approved_by, OLD.approved_at) THEN
    IF OLD.approved_by IS NOT NULL OR NOT found_me OR NEW.approved_by IS DISTINCT FROM me.id
       OR me.role NOT IN ('coordination', 'lead') OR NEW.approved_at IS DISTINCT FROM now() THEN
      RAISE EXCEPTION 'case_break_glass: approval' USING ERRCODE = 'check_violation',
        CONSTRAINT = 'case_break_glass_approval';
    END IF;
  ELSIF NEW.expires_at IS DISTINCT FROM OLD.expires_at AND NOT NEW.expires_at < OLD.expires_at THEN
    RAISE EXCEPTION 'case_break_glass: the end only moves earlier' USING ERRCODE = 'check_violation',
      CONSTRAINT = 'case_break_glass_expiry';
  END IF;
  IF (NEW.reviewed_by, NEW.reviewed_at, NEW.review_note) IS DISTINCT FROM (OLD.reviewed_by, OLD.reviewed_at, OLD.review_note) THEN
    IF OLD.reviewed_by IS NOT NULL OR NOT found_me OR NEW.reviewed_by IS DISTINCT FROM me.id OR me.role <> 'dpo' THEN
      RAISE EXCEPTION 'case_break_glass: review' USING ERRCODE = 'check_violation',
        CONSTRAINT = 'case_break_glass_review';
    END IF;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER case_break_glass_check BEFORE UPDATE ON case_break_glass FOR EACH ROW
  EXECUTE FUNCTION case_break_glass_check();

-- case_may() of 0800 (not redefined since) with the break-glass check before the statutory basis.
CREATE OR REPLACE FUNCTION case_may(p_client uuid, p_category text, p_action text) RETURNS boolean
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
DECLARE
  me case_staff;
  c case_clients;
  my_kind text;
  net case_networks;
  consented boolean;
  statutory boolean;
BEGIN
  SELECT * INTO me FROM case_me();
  IF NOT FOUND THEN RETURN false; END IF;
  SELECT * INTO c FROM case_clients WHERE id = p_client AND network_id = me.network_id;
  IF NOT FOUND THEN RETURN false; END IF;
  SELECT * INTO net FROM case_networks WHERE id = me.network_id;
  SELECT kind INTO my_kind FROM case_institutions WHERE id = me.institution_id;

  -- Health data: only where the network has switched it on and a current consent names it.
  IF p_category = 'health' THEN
    IF NOT net.health_enabled OR NOT EXISTS (SELECT 1 FROM case_consents k WHERE k.client_id = c.id
        AND 'health' = ANY (k.categories) AND k.revoked_at IS NULL AND k.superseded_at IS NULL
        AND app_case_today() BETWEEN k.given_on AND k.valid_until) THEN
      RETURN false;
    END IF;
  END IF;

  -- Name search reveals only that a case exists and where: for case workers, not for the
  -- Ausländerbehörde, volunteers or the control roles.
  IF p_action = 'search' THEN
    RETURN me.role IN ('coordination', 'specialist', 'lead') AND my_kind <> 'auslaenderbehoerde';
  END IF;

  IF me.institution_id = c.owner_institution_id THEN
    IF me.role IN ('coordination', 'specialist') THEN
      IF me.site_id = c.site_id THEN
        RETURN p_action IN ('list', 'read', 'write', 'export', 'download');
      END IF;
      RETURN p_action = 'list' AND p_category IS NULL;
    ELSIF me.role = 'lead' THEN
      RETURN (p_action = 'list' AND p_category IS NULL) OR (p_action = 'read' AND p_category = 'plan');
    ELSIF me.role = 'dpo' THEN
      -- The data-protection officer answers subject-access requests: the export, never a casual read.
      RETURN (p_action = 'list' AND p_category IS NULL) OR p_action = 'export';
    ELSIF me.role = 'auditor' THEN
      RETURN p_action = 'list' AND p_category IS NULL;
    END IF;
  END IF;

  IF me.role IN ('dpo', 'auditor') THEN RETURN false; END IF;
  IF p_action NOT IN ('list', 'read', 'download') THEN RETURN false; END IF;
  IF p_action = 'download' AND p_category IS DISTINCT FROM 'attachments' THEN RETURN false; END IF;
  IF me.role = 'volunteer' AND p_category NOT IN ('identity', 'education', 'plan') THEN RETURN false; END IF;
  IF me.role = 'lead' AND p_category IS DISTINCT FROM 'plan' AND p_category IS NOT NULL THEN RETURN false; END IF;

  -- Break-glass (0882): an approved, unexpired emergency access of this staff member opens the client's
  -- metadata and the named categories for reading, nothing else (never write, export or download).
  IF p_action IN ('list', 'read') AND me.role <> 'volunteer' AND my_kind <> 'auslaenderbehoerde'
      AND EXISTS (SELECT 1 FROM case_break_glass g WHERE g.client_id = c.id AND g.requested_by = me.id
        AND g.approved_at IS NOT NULL AND now() < g.expires_at
        AND (p_category IS NULL OR p_category = ANY (g.categories))) THEN
    RETURN true;
  END IF;

  statutory := EXISTS (SELECT 1 FROM case_legal_bases b WHERE b.client_id = c.id AND b.recipient_id = me.institution_id
    AND b.revoked_at IS NULL AND app_case_today() <= b.valid_until
    AND (b.approved_at IS NOT NULL OR my_kind <> 'auslaenderbehoerde')
    AND (p_category IS NULL OR p_category = ANY (b.categories)));
  IF statutory AND me.role <> 'volunteer' THEN RETURN true; END IF;
  -- The Ausländerbehörde is never a reader by consent alone.
  IF my_kind = 'auslaenderbehoerde' THEN RETURN false; END IF;
  consented := EXISTS (SELECT 1 FROM case_consents k WHERE k.client_id = c.id AND me.institution_id = ANY (k.recipients)
    AND k.revoked_at IS NULL AND k.superseded_at IS NULL AND app_case_today() BETWEEN k.given_on AND k.valid_until
    AND (p_category IS NULL OR p_category = ANY (k.categories)));
  RETURN consented;
END $$;

SELECT rls_initplan();
SELECT tenant_safe_references();
