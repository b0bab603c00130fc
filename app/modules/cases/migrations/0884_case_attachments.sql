-- Attachments of a case (issue 16 item 2, category 'attachments'; docs/cases.md "Attachments"): files
-- such as a passport copy or a certificate, uploaded by the owning case workers. Like every category
-- document, the file and its name are stored only as ciphertext under the client's data key (AES-256-GCM,
-- associated data naming the row), so deleting the client's key makes them unreadable in every backup.
-- Two tables, because reading the list and downloading a file are two actions of the access spec:
-- the list (sealed name, type, size, date) is visible where case_may(client, 'attachments', 'read')
-- (or 'export', for the subject-access export),
-- the content only where case_may(client, 'attachments', 'download') – a break-glass reader sees the
-- list but never gets the bytes, in the database and not only in the service.
-- No tenant_id (like every case table): isolation by need-to-know; nothing here is ever on a public
-- page, and tables without tenant_id are not tracked by the page cache (content_untracked not needed).

CREATE TABLE case_attachments (
  id uuid PRIMARY KEY,
  network_id uuid NOT NULL,
  client_id uuid NOT NULL,
  -- The file name can be personal ("Pass_Ahmad.pdf"): sealed, associated data 'attachment:<id>:name'.
  name bytea NOT NULL CHECK (octet_length(name) BETWEEN 29 AND 2048),
  -- Decided by the file's first bytes (attachments/service.ts), never by what the browser declared.
  media_type text NOT NULL CHECK (media_type IN ('application/pdf', 'image/jpeg', 'image/png')),
  byte_size int NOT NULL CHECK (byte_size > 0),
  uploaded_by uuid,
  uploaded_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (network_id, id),
  FOREIGN KEY (network_id, client_id) REFERENCES case_clients (network_id, id) ON DELETE CASCADE,
  FOREIGN KEY (network_id, uploaded_by) REFERENCES case_staff (network_id, id) ON DELETE SET NULL (uploaded_by)
);
CREATE INDEX case_attachments_client ON case_attachments (client_id, uploaded_at DESC);

-- The content: nonce ‖ tag ‖ ciphertext of the file, associated data 'attachment:<id>:content'.
CREATE TABLE case_attachment_contents (
  attachment_id uuid PRIMARY KEY,
  network_id uuid NOT NULL,
  client_id uuid NOT NULL,
  content bytea NOT NULL CHECK (octet_length(content) > 28),
  FOREIGN KEY (network_id, attachment_id) REFERENCES case_attachments (network_id, id) ON DELETE CASCADE,
  FOREIGN KEY (network_id, client_id) REFERENCES case_clients (network_id, id) ON DELETE CASCADE
);
CREATE INDEX case_attachment_contents_client ON case_attachment_contents (client_id);

-- The content belongs to the attachment's client (the policies ask case_may of the content's client_id).
CREATE OR REPLACE FUNCTION case_attachment_content_check() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM case_attachments a WHERE a.id = NEW.attachment_id AND a.client_id = NEW.client_id) THEN
    RAISE EXCEPTION 'case_attachment_contents: not the attachment''s client' USING ERRCODE = 'check_violation',
      CONSTRAINT = 'case_attachment_contents_client';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER case_attachment_content_check BEFORE INSERT OR UPDATE ON case_attachment_contents
  FOR EACH ROW EXECUTE FUNCTION case_attachment_content_check();

ALTER TABLE case_attachments ENABLE ROW LEVEL SECURITY;
-- The data-protection officer's subject-access export lists them too (names, not contents), like
-- case_client_data; the service logs that as an export.
CREATE POLICY case_read ON case_attachments FOR SELECT USING (network_id = (SELECT app_case_network())
  AND (case_may(client_id, 'attachments', 'read') OR case_may(client_id, 'attachments', 'export')));
CREATE POLICY case_insert ON case_attachments FOR INSERT WITH CHECK (network_id = (SELECT app_case_network())
  AND case_may(client_id, 'attachments', 'write') AND uploaded_by = (SELECT id FROM case_me()));
CREATE POLICY case_delete ON case_attachments FOR DELETE USING (network_id = (SELECT app_case_network())
  AND case_may(client_id, 'attachments', 'write'));

ALTER TABLE case_attachment_contents ENABLE ROW LEVEL SECURITY;
CREATE POLICY case_read ON case_attachment_contents FOR SELECT USING (network_id = (SELECT app_case_network())
  AND case_may(client_id, 'attachments', 'download'));
CREATE POLICY case_insert ON case_attachment_contents FOR INSERT WITH CHECK (network_id = (SELECT app_case_network())
  AND case_may(client_id, 'attachments', 'write'));
CREATE POLICY case_delete ON case_attachment_contents FOR DELETE USING (network_id = (SELECT app_case_network())
  AND case_may(client_id, 'attachments', 'write'));

SELECT rls_initplan();
SELECT tenant_safe_references();
