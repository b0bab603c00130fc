-- A checked import file between the preview and the confirmation: its parsed rows, so the
-- confirmation carries only this row's id (not the file again) and nothing is parsed twice.
-- In the database, not in process memory, because several app instances may serve one user.
CREATE TABLE concept_import_staged (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  file_name text NOT NULL,
  parsed text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
SELECT tenant_rls('concept_import_staged');
