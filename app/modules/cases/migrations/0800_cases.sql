-- Integration Point case work (issue 16; decision 0044). A network of institutions that may span
-- tenants works on clients. Isolation here is not by tenant but by need-to-know: every policy asks
-- case_may(client, category, action), which knows the acting staff member (app.user_id within the
-- network in app.case_network), the client's owning institution and site, and the legal bases on
-- record. Tenant admins and the platform admin are not staff and see no client rows at all.
-- Identifying and sensitive data is stored only as ciphertext (one document per client and category,
-- AES-256-GCM under a key per client); the per-client keys live in the schema case_keys, which the
-- request role cannot read and the logical backup (db:backup) does not contain.

CREATE OR REPLACE FUNCTION app_case_network() RETURNS uuid LANGUAGE sql STABLE AS $$
  SELECT nullif(current_setting('app.case_network', true), '')::uuid
$$;
-- The date rules are checked against; tests set app.today to move the clock (never a request).
CREATE OR REPLACE FUNCTION app_case_today() RETURNS date LANGUAGE sql STABLE AS $$
  SELECT coalesce(nullif(current_setting('app.today', true), '')::date, current_date)
$$;

CREATE TABLE case_networks (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- The tenant that runs the network (the StädteRegion for the Integration Points of its region).
  host_tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE RESTRICT,
  name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
  -- Where the network was founded, e.g. "Vorlage FB 50/0144/WP17 (Stadt Aachen, 24.03.2016)".
  founding_reference text CHECK (length(founding_reference) <= 500),
  -- Below this age a consent is signed by a guardian (issue 16 item 3: configurable, default 15).
  guardian_age int NOT NULL DEFAULT 15 CHECK (guardian_age BETWEEN 12 AND 18),
  -- Health data is a special category (Art. 9 DSGVO): off until the network decides otherwise.
  health_enabled boolean NOT NULL DEFAULT false,
  is_demo boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (host_tenant_id, name)
);

CREATE TABLE case_institutions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  network_id uuid NOT NULL REFERENCES case_networks(id) ON DELETE CASCADE,
  -- The tenant the institution belongs to (the city's Jugendamt: Stadt Aachen). Not named tenant_id:
  -- the network spans tenants, and its rows are isolated by need-to-know, not by tenant.
  home_tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE RESTRICT,
  kind text NOT NULL CHECK (kind IN ('jobcenter', 'agentur_fuer_arbeit', 'jugendamt', 'sozialamt',
    'auslaenderbehoerde', 'ihk', 'hwk', 'provider', 'volunteer_network')),
  name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
  -- How other institutions reach it when a name search finds a case there ("Tel. 0241 …, Zimmer …").
  contact text CHECK (length(contact) <= 300),
  UNIQUE (network_id, name),
  UNIQUE (network_id, id)
);

CREATE TABLE case_sites (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  network_id uuid NOT NULL REFERENCES case_networks(id) ON DELETE CASCADE,
  name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
  postcode text CHECK (postcode ~ '^[0-9]{5}$'),
  UNIQUE (network_id, name),
  UNIQUE (network_id, id)
);

CREATE TABLE case_institution_sites (
  network_id uuid NOT NULL,
  institution_id uuid NOT NULL,
  site_id uuid NOT NULL,
  PRIMARY KEY (institution_id, site_id),
  FOREIGN KEY (network_id, institution_id) REFERENCES case_institutions (network_id, id) ON DELETE CASCADE,
  FOREIGN KEY (network_id, site_id) REFERENCES case_sites (network_id, id) ON DELETE CASCADE
);

CREATE TABLE case_staff (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  network_id uuid NOT NULL REFERENCES case_networks(id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  institution_id uuid NOT NULL,
  site_id uuid,
  role text NOT NULL CHECK (role IN ('coordination', 'specialist', 'lead', 'dpo', 'auditor', 'volunteer')),
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (network_id, user_id),
  UNIQUE (network_id, id),
  FOREIGN KEY (network_id, institution_id) REFERENCES case_institutions (network_id, id) ON DELETE CASCADE,
  FOREIGN KEY (network_id, site_id) REFERENCES case_sites (network_id, id) ON DELETE RESTRICT,
  -- Case work happens at a site; the data-protection officer, the auditor and the lead work across them.
  CHECK (site_id IS NOT NULL OR role IN ('lead', 'dpo', 'auditor'))
);

CREATE TABLE case_households (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  network_id uuid NOT NULL REFERENCES case_networks(id) ON DELETE CASCADE,
  owner_institution_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (network_id, id),
  FOREIGN KEY (network_id, owner_institution_id) REFERENCES case_institutions (network_id, id) ON DELETE RESTRICT
);

-- A client's metadata: nothing here identifies a person. The pseudonym is random; the status group is
-- the coarse group the quarterly aggregates count by; the rest is dates and references.
CREATE TABLE case_clients (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  network_id uuid NOT NULL REFERENCES case_networks(id) ON DELETE CASCADE,
  pseudonym text NOT NULL UNIQUE CHECK (pseudonym ~ '^IP-[0-9A-HJ-NP-Z]{4}-[0-9A-HJ-NP-Z]{4}$'),
  household_id uuid,
  owner_institution_id uuid NOT NULL,
  site_id uuid NOT NULL,
  status_group text NOT NULL DEFAULT 'unknown' CHECK (status_group IN
    ('gestattung', 'duldung', 'erlaubnis', 'niederlassung', 'other', 'unknown')),
  intake_date date NOT NULL,
  first_offer_date date CHECK (first_offer_date >= intake_date),
  state text NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'closed', 'anonymised')),
  closed_on date,
  -- What anonymisation keeps (issue 16 item 5): the birth month and the postcode's first three digits.
  anonymised_at timestamptz,
  birth_month text CHECK (birth_month ~ '^[0-9]{4}-[0-9]{2}$'),
  postcode_prefix text CHECK (postcode_prefix ~ '^[0-9]{3}$'),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (network_id, id),
  FOREIGN KEY (network_id, household_id) REFERENCES case_households (network_id, id) ON DELETE SET NULL (household_id),
  FOREIGN KEY (network_id, owner_institution_id) REFERENCES case_institutions (network_id, id) ON DELETE RESTRICT,
  FOREIGN KEY (network_id, site_id) REFERENCES case_sites (network_id, id) ON DELETE RESTRICT,
  CHECK ((state = 'anonymised') = (anonymised_at IS NOT NULL))
);
CREATE INDEX case_clients_owner ON case_clients (owner_institution_id, site_id, intake_date DESC);

-- One encrypted document per client and category: the unit of access.
CREATE TABLE case_client_data (
  client_id uuid NOT NULL,
  network_id uuid NOT NULL,
  category text NOT NULL CHECK (category IN ('identity', 'residence', 'education', 'competence', 'health',
    'family', 'plan', 'notes', 'attachments')),
  -- nonce (12 bytes) ‖ tag (16 bytes) ‖ ciphertext; the client and category are the associated data,
  -- so a document copied to another client or category fails to decrypt.
  ciphertext bytea NOT NULL CHECK (octet_length(ciphertext) BETWEEN 29 AND 1048576),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid,
  PRIMARY KEY (client_id, category),
  FOREIGN KEY (network_id, client_id) REFERENCES case_clients (network_id, id) ON DELETE CASCADE,
  FOREIGN KEY (network_id, updated_by) REFERENCES case_staff (network_id, id) ON DELETE SET NULL (updated_by)
);

-- Consent (issue 16 item 3): prior, purpose-bound, naming categories and recipients, in the client's
-- language with the interpreter recorded, signed by a guardian below the network's age. A changed
-- consent is a new version; the earlier one ends when the new one is recorded.
CREATE TABLE case_consents (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  network_id uuid NOT NULL,
  client_id uuid NOT NULL,
  version int NOT NULL CHECK (version >= 1),
  purpose text NOT NULL CHECK (length(btrim(purpose)) BETWEEN 10 AND 2000),
  categories text[] NOT NULL CHECK (cardinality(categories) >= 1 AND categories <@ ARRAY['identity', 'residence',
    'education', 'competence', 'health', 'family', 'plan', 'notes', 'attachments']),
  recipients uuid[] NOT NULL CHECK (cardinality(recipients) >= 1),
  language text NOT NULL CHECK (language ~ '^[a-z]{2,3}$'),
  -- Who interpreted: a mediator's opaque reference or the words "ohne Sprachmittlung" — not a client's datum.
  interpreter text NOT NULL CHECK (length(btrim(interpreter)) BETWEEN 1 AND 200),
  signed_by text NOT NULL CHECK (signed_by IN ('client', 'guardian')),
  given_on date NOT NULL,
  valid_until date NOT NULL CHECK (valid_until >= given_on),
  recorded_by uuid NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  superseded_at timestamptz,
  revoked_at timestamptz,
  revoked_by uuid,
  UNIQUE (client_id, version),
  FOREIGN KEY (network_id, client_id) REFERENCES case_clients (network_id, id) ON DELETE CASCADE,
  FOREIGN KEY (network_id, recorded_by) REFERENCES case_staff (network_id, id) ON DELETE RESTRICT,
  FOREIGN KEY (network_id, revoked_by) REFERENCES case_staff (network_id, id) ON DELETE RESTRICT
);
CREATE INDEX case_consents_client ON case_consents (client_id) WHERE revoked_at IS NULL AND superseded_at IS NULL;

-- A statutory basis for a flow to one institution: the law in words. A disclosure to the
-- Ausländerbehörde counts only once a second person, not the requester, has approved it.
CREATE TABLE case_legal_bases (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  network_id uuid NOT NULL,
  client_id uuid NOT NULL,
  recipient_id uuid NOT NULL,
  categories text[] NOT NULL CHECK (cardinality(categories) >= 1 AND categories <@ ARRAY['identity', 'residence',
    'education', 'competence', 'health', 'family', 'plan', 'notes', 'attachments']),
  legal_basis text NOT NULL CHECK (length(btrim(legal_basis)) BETWEEN 10 AND 1000),
  requested_by uuid NOT NULL,
  requested_at timestamptz NOT NULL DEFAULT now(),
  approved_by uuid CHECK (approved_by <> requested_by),
  approved_at timestamptz,
  valid_until date NOT NULL,
  revoked_at timestamptz,
  revoked_by uuid,
  FOREIGN KEY (network_id, client_id) REFERENCES case_clients (network_id, id) ON DELETE CASCADE,
  FOREIGN KEY (network_id, recipient_id) REFERENCES case_institutions (network_id, id) ON DELETE CASCADE,
  FOREIGN KEY (network_id, requested_by) REFERENCES case_staff (network_id, id) ON DELETE RESTRICT,
  FOREIGN KEY (network_id, approved_by) REFERENCES case_staff (network_id, id) ON DELETE RESTRICT,
  FOREIGN KEY (network_id, revoked_by) REFERENCES case_staff (network_id, id) ON DELETE RESTRICT,
  CHECK ((approved_by IS NULL) = (approved_at IS NULL))
);
CREATE INDEX case_legal_bases_client ON case_legal_bases (client_id, recipient_id) WHERE revoked_at IS NULL;

-- The access log: who read or changed which client's which categories, when and why. Content-free by
-- construction (no text column a value could go into); a client by id, shown by pseudonym. Append-only.
CREATE TABLE case_access_events (
  id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  network_id uuid NOT NULL REFERENCES case_networks(id) ON DELETE CASCADE,
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  staff_id uuid,
  -- No reference: the log outlives a deleted client for its retention period.
  client_id uuid NOT NULL,
  categories text[] NOT NULL DEFAULT '{}' CHECK (categories <@ ARRAY['identity', 'residence',
    'education', 'competence', 'health', 'family', 'plan', 'notes', 'attachments']),
  action text NOT NULL CHECK (action IN ('list', 'search', 'read', 'write', 'export', 'download', 'disclose')),
  reason text NOT NULL CHECK (reason IN ('caseload', 'open_case', 'edit', 'intake', 'search_hit', 'referral',
    'conference', 'subject_access', 'export', 'consent', 'legal_basis', 'break_glass', 'retention'))
);
CREATE INDEX case_access_events_client ON case_access_events (client_id, at DESC);

-- Who the acting user is in the current network, or nothing.
CREATE OR REPLACE FUNCTION case_me() RETURNS SETOF case_staff LANGUAGE sql STABLE SECURITY DEFINER ROWS 1
SET search_path = public AS $$
  SELECT s.* FROM case_staff s
  WHERE s.user_id = app_user_id() AND s.network_id = app_case_network() AND s.active
$$;

-- Whether the acting staff member may do `action` on `category` of a client (category NULL: the
-- client's metadata). The hand-written table in app/modules/cases/core/access-matrix.db.test.ts is
-- the specification; this function is its implementation. Evaluated on every row a policy checks.
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

-- Metadata of the network's structure: readable by its staff; written by the owner role only
-- (services run structure changes for tenant admins of the host tenant, see core/network.ts).
ALTER TABLE case_networks ENABLE ROW LEVEL SECURITY;
CREATE POLICY case_staff_read ON case_networks FOR SELECT USING (id = (SELECT app_case_network())
  AND EXISTS (SELECT 1 FROM case_me()));
ALTER TABLE case_institutions ENABLE ROW LEVEL SECURITY;
CREATE POLICY case_staff_read ON case_institutions FOR SELECT USING (network_id = (SELECT app_case_network()));
ALTER TABLE case_sites ENABLE ROW LEVEL SECURITY;
CREATE POLICY case_staff_read ON case_sites FOR SELECT USING (network_id = (SELECT app_case_network()));
ALTER TABLE case_institution_sites ENABLE ROW LEVEL SECURITY;
CREATE POLICY case_staff_read ON case_institution_sites FOR SELECT USING (network_id = (SELECT app_case_network()));
ALTER TABLE case_staff ENABLE ROW LEVEL SECURITY;
CREATE POLICY case_staff_read ON case_staff FOR SELECT USING (network_id = (SELECT app_case_network()));

ALTER TABLE case_households ENABLE ROW LEVEL SECURITY;
CREATE POLICY case_owner ON case_households USING (network_id = (SELECT app_case_network())
  AND owner_institution_id = (SELECT institution_id FROM case_me()));

ALTER TABLE case_clients ENABLE ROW LEVEL SECURITY;
CREATE POLICY case_list ON case_clients FOR SELECT USING (network_id = (SELECT app_case_network())
  AND case_may(id, NULL, 'list'));
-- Intake: a case worker registers a client for their own institution at their own site.
CREATE POLICY case_intake ON case_clients FOR INSERT WITH CHECK (network_id = (SELECT app_case_network())
  AND owner_institution_id = (SELECT institution_id FROM case_me()) AND site_id = (SELECT site_id FROM case_me())
  AND (SELECT role FROM case_me()) IN ('coordination', 'specialist'));
CREATE POLICY case_update ON case_clients FOR UPDATE USING (network_id = (SELECT app_case_network())
  AND case_may(id, NULL, 'write')) WITH CHECK (network_id = (SELECT app_case_network())
  AND owner_institution_id = (SELECT institution_id FROM case_me()));

ALTER TABLE case_client_data ENABLE ROW LEVEL SECURITY;
-- The data-protection officer's subject-access export reads too; the service logs it as an export.
CREATE POLICY case_read ON case_client_data FOR SELECT USING (network_id = (SELECT app_case_network())
  AND (case_may(client_id, category, 'read') OR case_may(client_id, category, 'export')));
CREATE POLICY case_insert ON case_client_data FOR INSERT WITH CHECK (network_id = (SELECT app_case_network())
  AND case_may(client_id, category, 'write'));
CREATE POLICY case_update ON case_client_data FOR UPDATE USING (network_id = (SELECT app_case_network())
  AND case_may(client_id, category, 'write')) WITH CHECK (case_may(client_id, category, 'write'));
CREATE POLICY case_delete ON case_client_data FOR DELETE USING (network_id = (SELECT app_case_network())
  AND case_may(client_id, category, 'write'));

-- Legal bases are managed by the owning institution's case workers and seen by their recipient.
ALTER TABLE case_consents ENABLE ROW LEVEL SECURITY;
CREATE POLICY case_read ON case_consents FOR SELECT USING (network_id = (SELECT app_case_network())
  AND (case_may(client_id, NULL, 'write') OR (SELECT institution_id FROM case_me()) = ANY (recipients)));
CREATE POLICY case_write ON case_consents FOR INSERT WITH CHECK (network_id = (SELECT app_case_network())
  AND case_may(client_id, NULL, 'write'));
CREATE POLICY case_update ON case_consents FOR UPDATE USING (network_id = (SELECT app_case_network())
  AND case_may(client_id, NULL, 'write'));
ALTER TABLE case_legal_bases ENABLE ROW LEVEL SECURITY;
CREATE POLICY case_read ON case_legal_bases FOR SELECT USING (network_id = (SELECT app_case_network())
  AND (case_may(client_id, NULL, 'write') OR recipient_id = (SELECT institution_id FROM case_me())
    OR (SELECT role FROM case_me()) = 'lead'
      AND EXISTS (SELECT 1 FROM case_clients c WHERE c.id = client_id
        AND c.owner_institution_id = (SELECT institution_id FROM case_me()))));
CREATE POLICY case_write ON case_legal_bases FOR INSERT WITH CHECK (network_id = (SELECT app_case_network())
  AND case_may(client_id, NULL, 'write') AND requested_by = (SELECT id FROM case_me()) AND approved_by IS NULL);
-- Approval and revocation: the owning institution's case workers and lead (the second approver is
-- checked by the CHECK constraint and case_approve_check below).
CREATE POLICY case_update ON case_legal_bases FOR UPDATE USING (network_id = (SELECT app_case_network())
  AND EXISTS (SELECT 1 FROM case_clients c WHERE c.id = client_id
    AND c.owner_institution_id = (SELECT institution_id FROM case_me()))
  AND (SELECT role FROM case_me()) IN ('coordination', 'specialist', 'lead'));

-- A second approver must be another person of the owning institution, and an approval happens once.
CREATE OR REPLACE FUNCTION case_approve_check() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.approved_by IS NOT NULL AND NEW.approved_by IS DISTINCT FROM OLD.approved_by THEN
    RAISE EXCEPTION 'case_legal_bases: approval is final' USING ERRCODE = 'check_violation',
      CONSTRAINT = 'case_legal_bases_approval_final';
  END IF;
  IF OLD.revoked_at IS NOT NULL AND NEW IS DISTINCT FROM OLD THEN
    RAISE EXCEPTION 'case_legal_bases: revoked' USING ERRCODE = 'check_violation',
      CONSTRAINT = 'case_legal_bases_revoked_final';
  END IF;
  IF (NEW.client_id, NEW.recipient_id, NEW.categories, NEW.legal_basis, NEW.requested_by, NEW.requested_at)
     IS DISTINCT FROM (OLD.client_id, OLD.recipient_id, OLD.categories, OLD.legal_basis, OLD.requested_by, OLD.requested_at) THEN
    RAISE EXCEPTION 'case_legal_bases: a recorded basis is not rewritten' USING ERRCODE = 'check_violation',
      CONSTRAINT = 'case_legal_bases_immutable';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER case_approve_check BEFORE UPDATE ON case_legal_bases FOR EACH ROW EXECUTE FUNCTION case_approve_check();

-- A consent changes only by ending: superseded by a new version or revoked.
CREATE OR REPLACE FUNCTION case_consent_check() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (NEW.client_id, NEW.version, NEW.purpose, NEW.categories, NEW.recipients, NEW.language, NEW.interpreter,
      NEW.signed_by, NEW.given_on, NEW.valid_until, NEW.recorded_by, NEW.recorded_at)
     IS DISTINCT FROM (OLD.client_id, OLD.version, OLD.purpose, OLD.categories, OLD.recipients, OLD.language,
      OLD.interpreter, OLD.signed_by, OLD.given_on, OLD.valid_until, OLD.recorded_by, OLD.recorded_at)
     OR (OLD.revoked_at IS NOT NULL AND NEW.revoked_at IS DISTINCT FROM OLD.revoked_at)
     OR (OLD.superseded_at IS NOT NULL AND NEW.superseded_at IS DISTINCT FROM OLD.superseded_at) THEN
    RAISE EXCEPTION 'case_consents: a recorded consent only ends' USING ERRCODE = 'check_violation',
      CONSTRAINT = 'case_consents_immutable';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER case_consent_check BEFORE UPDATE ON case_consents FOR EACH ROW EXECUTE FUNCTION case_consent_check();

-- The access log: every staff member writes their own events; the owning institution (its case workers,
-- lead, data-protection officer and auditor) reads a client's log.
ALTER TABLE case_access_events ENABLE ROW LEVEL SECURITY;
CREATE POLICY case_log ON case_access_events FOR INSERT WITH CHECK (network_id = (SELECT app_case_network())
  AND staff_id = (SELECT id FROM case_me()));
CREATE POLICY case_read ON case_access_events FOR SELECT USING (network_id = (SELECT app_case_network())
  AND EXISTS (SELECT 1 FROM case_clients c WHERE c.id = client_id
    AND c.owner_institution_id = (SELECT institution_id FROM case_me())));

CREATE OR REPLACE FUNCTION case_access_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'case_access_events is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER case_access_append_only BEFORE UPDATE ON case_access_events
  FOR EACH ROW EXECUTE FUNCTION case_access_append_only();

-- The per-client keys: outside the request role's reach and outside the logical backup (schema public
-- only). No foreign key to case_clients: restoring an older backup of public must not bring back, or
-- cascade away, any key. Deleting a client deletes its key, and with it every copy of its data.
CREATE SCHEMA IF NOT EXISTS case_keys;
CREATE TABLE case_keys.client_keys (
  client_id uuid PRIMARY KEY,
  network_id uuid NOT NULL,
  -- Which master key wrapped it (the key file or CASES_KEY names them), so rotation can re-wrap.
  kek_id text NOT NULL CHECK (kek_id ~ '^[A-Za-z0-9_-]{1,40}$'),
  wrapped bytea NOT NULL CHECK (octet_length(wrapped) = 60),
  created_at timestamptz NOT NULL DEFAULT now()
);
REVOKE ALL ON SCHEMA case_keys FROM PUBLIC;

-- A client's wrapped key, for a staff member who may read at least something of that client (its
-- categories decide the rest) or who may write it.
CREATE OR REPLACE FUNCTION case_client_key(p_client uuid) RETURNS TABLE (kek_id text, wrapped bytea)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT k.kek_id, k.wrapped FROM case_keys.client_keys k
  WHERE k.client_id = p_client AND (case_may(p_client, NULL, 'list') OR case_may(p_client, NULL, 'export'))
$$;
-- Stores the key of a client just taken in; never replaces one.
CREATE OR REPLACE FUNCTION case_store_key(p_client uuid, p_kek text, p_wrapped bytea) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF NOT case_may(p_client, NULL, 'write') THEN
    RAISE EXCEPTION 'case_store_key: not allowed' USING ERRCODE = 'insufficient_privilege';
  END IF;
  INSERT INTO case_keys.client_keys (client_id, network_id, kek_id, wrapped)
  SELECT p_client, c.network_id, p_kek, p_wrapped FROM case_clients c WHERE c.id = p_client;
END $$;
-- Deletes a client for good: its key first (every copy of its documents, in the database and in any
-- backup, is unreadable from then on), then its rows. The access log keeps its content-free events.
CREATE OR REPLACE FUNCTION case_delete_client(p_client uuid) RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE me case_staff;
BEGIN
  SELECT * INTO me FROM case_me();
  IF NOT FOUND OR me.role <> 'coordination' OR NOT case_may(p_client, NULL, 'write') THEN
    RAISE EXCEPTION 'case_delete_client: not allowed' USING ERRCODE = 'insufficient_privilege';
  END IF;
  DELETE FROM case_keys.client_keys WHERE client_id = p_client;
  DELETE FROM case_clients WHERE id = p_client;
  RETURN FOUND;
END $$;
REVOKE ALL ON FUNCTION case_delete_client(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION case_delete_client(uuid) TO teilhabe_app;
REVOKE ALL ON FUNCTION case_client_key(uuid) FROM PUBLIC;
REVOKE ALL ON FUNCTION case_store_key(uuid, text, bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION case_client_key(uuid) TO teilhabe_app;
GRANT EXECUTE ON FUNCTION case_store_key(uuid, text, bytea) TO teilhabe_app;

SELECT rls_initplan();
SELECT tenant_safe_references();
