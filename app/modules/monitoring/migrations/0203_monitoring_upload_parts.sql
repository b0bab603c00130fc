-- A staged upload is parsed once per read format (encoding/delimiter or sheet) in the parser worker;
-- the mapping page, the dry run and the commit read these parts instead of parsing the file again.
-- In the database, not in process memory, because several app instances may serve one user.
-- seq 0 holds the table's description (kind, header rows, counts), seq 1… the rows in JSON chunks.
CREATE TABLE mon_upload_parts (
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  upload_id uuid NOT NULL REFERENCES mon_uploads(id) ON DELETE CASCADE,
  format_key text NOT NULL,
  seq integer NOT NULL,
  data text NOT NULL,
  PRIMARY KEY (upload_id, format_key, seq)
);
SELECT tenant_rls('mon_upload_parts');
