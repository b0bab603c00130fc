-- Tables whose writes never change a public page a visitor may get from the page cache (decision 0018)
-- can be named here by the module that creates them, so that writing them does not empty the tenant's
-- cache: a live workshop's votes and participants, written hundreds of times a minute, would otherwise
-- make every public page of the tenant render afresh for as long as the workshop runs. A module
-- inserts the table's name in the migration that creates it; track_content_changes() runs after the
-- migrations and leaves the table without triggers. A table named here must never be read by a page
-- that can be cached.
CREATE TABLE content_untracked (relname text PRIMARY KEY);
INSERT INTO content_untracked (relname) VALUES ('content_changes'), ('audit_log'), ('api_tokens'), ('sessions'),
  ('login_attempts'), ('outbox'), ('mon_upload_parts'), ('concept_import_staged'), ('jobs');

CREATE OR REPLACE FUNCTION track_content_changes() RETURNS void LANGUAGE plpgsql AS $$
DECLARE t regclass;
BEGIN
  FOR t IN
    SELECT c.oid::regclass FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
    WHERE c.relkind = 'r'
      AND NOT EXISTS (SELECT 1 FROM content_untracked u WHERE u.relname = c.relname)
      AND NOT EXISTS (SELECT 1 FROM pg_trigger g WHERE g.tgrelid = c.oid AND g.tgname = 'content_changed_ins')
  LOOP
    EXECUTE format('CREATE TRIGGER content_changed_ins AFTER INSERT ON %s REFERENCING NEW TABLE AS new_rows '
                   'FOR EACH STATEMENT EXECUTE FUNCTION content_changed_new()', t);
    EXECUTE format('CREATE TRIGGER content_changed_upd AFTER UPDATE ON %s REFERENCING NEW TABLE AS new_rows '
                   'FOR EACH STATEMENT EXECUTE FUNCTION content_changed_new()', t);
    EXECUTE format('CREATE TRIGGER content_changed_del AFTER DELETE ON %s REFERENCING OLD TABLE AS old_rows '
                   'FOR EACH STATEMENT EXECUTE FUNCTION content_changed_old()', t);
  END LOOP;
END $$;
