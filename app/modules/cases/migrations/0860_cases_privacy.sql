-- Integration Point, privacy slice (issue 16 item 5; docs/cases.md "Retention and anonymisation" and
-- "Name search"). Two things:
--  1. Retention per network and record type: a closed case is anonymised once its period after
--     closed_on has run (run by app/modules/cases/retention/service.ts as the owning role), access events
--     are deleted once theirs has run after `at`.
--  2. A blind index for the name search: HMAC-SHA-256 tokens of phonetic codes under a per-network
--     search key that the master key wraps. Tokens and key live in the schema case_keys, like the
--     per-client keys: the request role never reads them, the logical backup does not hold them.

-- 1. Retention periods. A network without a row for a record type uses the default below.
CREATE TABLE case_retention_periods (
  network_id uuid NOT NULL REFERENCES case_networks(id) ON DELETE CASCADE,
  record_type text NOT NULL CHECK (record_type IN ('closed_case', 'access_events')),
  months int NOT NULL CHECK (months BETWEEN 6 AND 120),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (network_id, record_type)
);
-- Structure, like the institutions: readable by the network's staff, written by the owning role only
-- (services run it for admins of the host tenant).
ALTER TABLE case_retention_periods ENABLE ROW LEVEL SECURITY;
CREATE POLICY case_staff_read ON case_retention_periods FOR SELECT USING (network_id = (SELECT app_case_network()));

-- The defaults (reasons in docs/cases.md): a closed case 36 months after closed_on (the regular
-- limitation period, § 195 BGB), access events 24 months after they happened (§ 76 Abs. 4 BDSG: log
-- data go at the end of the year after the one they were written in, at most 24 months).
CREATE OR REPLACE FUNCTION case_retention_months(p_network uuid, p_type text) RETURNS int
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT coalesce((SELECT r.months FROM case_retention_periods r WHERE r.network_id = p_network AND r.record_type = p_type),
    CASE p_type WHEN 'closed_case' THEN 36 WHEN 'access_events' THEN 24 END)
$$;

-- The access log stays append-only: no UPDATE, by anyone; a DELETE only by the retention run, which
-- names the network and the cut-off in app.case_retention ("<network id>/<date>") for its own
-- transaction, and only of events older than that cut-off, never as the request role. When a whole
-- network is deleted its events go with it (the cascade finds the network row gone already).
CREATE OR REPLACE FUNCTION case_access_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  allowed text := current_setting('app.case_retention', true);
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF current_user <> 'teilhabe_app' AND (NOT EXISTS (SELECT 1 FROM case_networks n WHERE n.id = OLD.network_id)
        OR (coalesce(allowed, '') <> '' AND split_part(allowed, '/', 1) = OLD.network_id::text
          AND OLD.at < split_part(allowed, '/', 2)::date)) THEN
      RETURN OLD;
    END IF;
    RAISE EXCEPTION 'case_access_events: only the retention run deletes, and only events past their period'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RAISE EXCEPTION 'case_access_events is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
DROP TRIGGER case_access_append_only ON case_access_events;
CREATE TRIGGER case_access_append_only BEFORE UPDATE OR DELETE ON case_access_events
  FOR EACH ROW EXECUTE FUNCTION case_access_append_only();
CREATE INDEX case_access_events_at ON case_access_events (network_id, at);

-- The clients a retention run is due to anonymise on a date: closed, and closed_on plus the network's
-- period on or before that date (the day the period ends is the first day it is past). Set-based: the
-- period is looked up once per network.
CREATE OR REPLACE FUNCTION case_retention_due(p_today date) RETURNS TABLE (client_id uuid, network_id uuid)
LANGUAGE sql STABLE SET search_path = public AS $$
  WITH p AS (SELECT n.id, case_retention_months(n.id, 'closed_case') AS months FROM case_networks n)
  SELECT c.id, c.network_id FROM case_clients c JOIN p ON p.id = c.network_id
  WHERE c.state = 'closed' AND c.closed_on + make_interval(months => p.months) <= p_today
$$;
REVOKE ALL ON FUNCTION case_retention_due(date) FROM PUBLIC;
CREATE INDEX case_clients_closed ON case_clients (closed_on) WHERE state = 'closed';

-- 2. Name search. One search key per network (so tokens of two networks cannot be linked), wrapped
-- under the master key like a client key; cases:rotate-key re-wraps it, the key itself never changes,
-- so the tokens stay valid across rotations.
CREATE TABLE case_keys.search_keys (
  network_id uuid PRIMARY KEY,
  kek_id text NOT NULL CHECK (kek_id ~ '^[A-Za-z0-9_-]{1,40}$'),
  wrapped bytea NOT NULL CHECK (octet_length(wrapped) = 60),
  created_at timestamptz NOT NULL DEFAULT now()
);
-- The blind index: HMAC-SHA-256(search key, phonetic code) per name part of a client. No plaintext,
-- no plain code. No foreign key (like client_keys): a restored backup of public brings no token back.
CREATE TABLE case_keys.search_tokens (
  client_id uuid NOT NULL,
  network_id uuid NOT NULL,
  token bytea NOT NULL CHECK (octet_length(token) = 32),
  PRIMARY KEY (client_id, token)
);
CREATE INDEX search_tokens_lookup ON case_keys.search_tokens (network_id, token, client_id);

-- The caller's network's wrapped search key, for its staff (the master key to unwrap it is in the
-- application, not here).
CREATE OR REPLACE FUNCTION case_search_key() RETURNS TABLE (kek_id text, wrapped bytea)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT k.kek_id, k.wrapped FROM case_keys.search_keys k
  WHERE k.network_id = app_case_network() AND EXISTS (SELECT 1 FROM case_me())
$$;
-- Stores the network's first search key; a concurrent first one wins and is returned instead.
CREATE OR REPLACE FUNCTION case_store_search_key(p_kek text, p_wrapped bytea) RETURNS TABLE (kek_id text, wrapped bytea)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM case_me()) THEN
    RAISE EXCEPTION 'case_store_search_key: not allowed' USING ERRCODE = 'insufficient_privilege';
  END IF;
  INSERT INTO case_keys.search_keys (network_id, kek_id, wrapped) VALUES (app_case_network(), p_kek, p_wrapped)
  ON CONFLICT (network_id) DO NOTHING;
  RETURN QUERY SELECT k.kek_id, k.wrapped FROM case_keys.search_keys k WHERE k.network_id = app_case_network();
END $$;

-- Replaces a client's tokens: whoever may write the client's identity (intake, a changed name).
CREATE OR REPLACE FUNCTION case_search_index(p_client uuid, p_tokens bytea[]) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF NOT case_may(p_client, 'identity', 'write') THEN
    RAISE EXCEPTION 'case_search_index: not allowed' USING ERRCODE = 'insufficient_privilege';
  END IF;
  DELETE FROM case_keys.search_tokens WHERE client_id = p_client;
  INSERT INTO case_keys.search_tokens (client_id, network_id, token)
  SELECT DISTINCT p_client, app_case_network(), t FROM unnest(p_tokens) AS t;
END $$;

-- The search: p_tokens[i] is one spelling variant of the query's name part p_groups[i]; a client is
-- found when every part matches one of its tokens. Answers per institution only its name, contact and
-- the number of cases, never a client; logs one 'search' event (reason search_hit) per client found.
-- Who may search is case_may(…, 'search') (case workers and leads, not the Ausländerbehörde, volunteers,
-- the data-protection officer or the auditor); asked here before any token is touched.
CREATE OR REPLACE FUNCTION case_name_search(p_tokens bytea[], p_groups int[])
RETURNS TABLE (institution_id uuid, institution_name text, contact text, cases int)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public AS $$
DECLARE
  me case_staff;
  my_kind text;
  parts int;
BEGIN
  SELECT * INTO me FROM case_me();
  IF FOUND THEN SELECT i.kind INTO my_kind FROM case_institutions i WHERE i.id = me.institution_id; END IF;
  IF me.id IS NULL OR me.role NOT IN ('coordination', 'specialist', 'lead') OR my_kind = 'auslaenderbehoerde' THEN
    RAISE EXCEPTION 'case_name_search: not allowed' USING ERRCODE = 'insufficient_privilege';
  END IF;
  parts := (SELECT count(DISTINCT g) FROM unnest(p_groups) AS g);
  IF parts < 2 OR cardinality(p_tokens) IS DISTINCT FROM cardinality(p_groups) THEN
    RAISE EXCEPTION 'case_name_search: two name parts at least' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  RETURN QUERY
  WITH q AS (SELECT * FROM unnest(p_tokens, p_groups) AS q(token, grp)),
  found AS (
    SELECT t.client_id FROM case_keys.search_tokens t JOIN q ON q.token = t.token
    WHERE t.network_id = me.network_id
    GROUP BY t.client_id HAVING count(DISTINCT q.grp) = parts
  ),
  hits AS MATERIALIZED (
    SELECT c.id, c.owner_institution_id FROM case_clients c JOIN found f ON f.client_id = c.id
    WHERE c.network_id = me.network_id AND c.state <> 'anonymised' AND case_may(c.id, NULL, 'search')
  ),
  -- Runs to completion although nothing reads it (as every data-modifying WITH does).
  logged AS (
    INSERT INTO case_access_events (network_id, staff_id, client_id, action, reason)
    SELECT me.network_id, me.id, h.id, 'search', 'search_hit' FROM hits h
    RETURNING 1
  )
  SELECT i.id, i.name, i.contact, count(*)::int FROM hits h JOIN case_institutions i ON i.id = h.owner_institution_id
  GROUP BY i.id, i.name, i.contact ORDER BY i.name;
END $$;

-- A client deleted in any way (case_delete_client, a network's deletion) takes its tokens along.
-- TRUNCATE (a restore) fires no row trigger, so restoring a backup leaves the live index alone.
CREATE OR REPLACE FUNCTION case_search_forget() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  DELETE FROM case_keys.search_tokens WHERE client_id = OLD.id;
  RETURN OLD;
END $$;
CREATE TRIGGER case_search_forget AFTER DELETE ON case_clients FOR EACH ROW EXECUTE FUNCTION case_search_forget();

REVOKE ALL ON FUNCTION case_retention_months(uuid, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION case_search_key() FROM PUBLIC;
REVOKE ALL ON FUNCTION case_store_search_key(text, bytea) FROM PUBLIC;
REVOKE ALL ON FUNCTION case_search_index(uuid, bytea[]) FROM PUBLIC;
REVOKE ALL ON FUNCTION case_name_search(bytea[], int[]) FROM PUBLIC;
REVOKE ALL ON FUNCTION case_search_forget() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION case_retention_months(uuid, text) TO teilhabe_app;
GRANT EXECUTE ON FUNCTION case_search_key() TO teilhabe_app;
GRANT EXECUTE ON FUNCTION case_store_search_key(text, bytea) TO teilhabe_app;
GRANT EXECUTE ON FUNCTION case_search_index(uuid, bytea[]) TO teilhabe_app;
GRANT EXECUTE ON FUNCTION case_name_search(bytea[], int[]) TO teilhabe_app;

SELECT rls_initplan();
SELECT tenant_safe_references();
