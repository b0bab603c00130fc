-- Background jobs (decision 0020): work too long for a request (a large import) is queued here and
-- run by whichever app instance claims it first (FOR UPDATE SKIP LOCKED); its progress and result
-- live in this row, so any instance can show them. A tenant transaction may queue and read its own
-- jobs; claiming and progress run as the owner.
CREATE TABLE jobs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  kind text NOT NULL,
  payload jsonb NOT NULL,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
  phase text,
  done bigint NOT NULL DEFAULT 0,
  total bigint NOT NULL DEFAULT 0,
  result jsonb,
  error jsonb,
  actor_id uuid,
  actor_label text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  finished_at timestamptz,
  claim_token uuid,
  claimed_until timestamptz
);
CREATE INDEX jobs_waiting ON jobs (created_at) WHERE status IN ('queued', 'running');
CREATE INDEX jobs_tenant ON jobs (tenant_id, created_at DESC);
SELECT tenant_rls('jobs');

-- A job's progress is bookkeeping, not public content: writing it must not empty the page cache.
CREATE OR REPLACE FUNCTION track_content_changes() RETURNS void LANGUAGE plpgsql AS $$
DECLARE t regclass;
BEGIN
  FOR t IN
    SELECT c.oid::regclass FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
    WHERE c.relkind = 'r'
      AND c.relname NOT IN ('content_changes', 'audit_log', 'api_tokens', 'sessions', 'login_attempts', 'outbox',
                            'mon_upload_parts', 'concept_import_staged', 'jobs')
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
