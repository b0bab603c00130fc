-- Two read paths the benchmark (bench/cases.ts, docs/cases.md "Benchmark") found slow at 5,000 clients:
-- 1. The caseload orders a network's clients by intake: with this index the newest are read first and
--    case_may() runs for the rows shown, not for every client of the network.
CREATE INDEX case_clients_caseload ON case_clients (network_id, intake_date DESC, pseudonym);

-- 2. "The client belongs to my institution" inside a policy was an EXISTS over case_clients, which runs
--    case_clients' own policy (case_may) for every client of the institution. This function answers
--    the same question without that detour; it reveals nothing beyond a yes/no about the caller's own
--    institution.
CREATE OR REPLACE FUNCTION case_owned_by_me(p_client uuid) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT EXISTS (SELECT 1 FROM case_clients c WHERE c.id = p_client
    AND c.owner_institution_id = (SELECT institution_id FROM case_me()))
$$;
REVOKE ALL ON FUNCTION case_owned_by_me(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION case_owned_by_me(uuid) TO teilhabe_app;

DROP POLICY case_read ON case_access_events;
CREATE POLICY case_read ON case_access_events FOR SELECT USING (network_id = (SELECT app_case_network())
  AND case_owned_by_me(client_id));

DROP POLICY case_read ON case_legal_bases;
CREATE POLICY case_read ON case_legal_bases FOR SELECT USING (network_id = (SELECT app_case_network())
  AND (case_may(client_id, NULL, 'write') OR case_may(client_id, NULL, 'export')
    OR recipient_id = (SELECT institution_id FROM case_me())
    OR (SELECT role FROM case_me()) = 'lead' AND case_owned_by_me(client_id)));
DROP POLICY case_update ON case_legal_bases;
CREATE POLICY case_update ON case_legal_bases FOR UPDATE USING (network_id = (SELECT app_case_network())
  AND case_owned_by_me(client_id) AND (SELECT role FROM case_me()) IN ('coordination', 'specialist', 'lead'));
