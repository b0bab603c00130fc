-- The subject-access export (export/service.ts) lists every consent version and legal basis of the
-- client. The data-protection officer may export but not write the client, so the read policies of
-- 0800 hid both from them; whoever may export now reads them too.
DROP POLICY case_read ON case_consents;
CREATE POLICY case_read ON case_consents FOR SELECT USING (network_id = (SELECT app_case_network())
  AND (case_may(client_id, NULL, 'write') OR case_may(client_id, NULL, 'export')
    OR (SELECT institution_id FROM case_me()) = ANY (recipients)));
DROP POLICY case_read ON case_legal_bases;
CREATE POLICY case_read ON case_legal_bases FOR SELECT USING (network_id = (SELECT app_case_network())
  AND (case_may(client_id, NULL, 'write') OR case_may(client_id, NULL, 'export')
    OR recipient_id = (SELECT institution_id FROM case_me())
    OR (SELECT role FROM case_me()) = 'lead'
      AND EXISTS (SELECT 1 FROM case_clients c WHERE c.id = client_id
        AND c.owner_institution_id = (SELECT institution_id FROM case_me()))));
