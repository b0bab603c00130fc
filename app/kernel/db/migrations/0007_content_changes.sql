-- Public pages are cached per tenant (decision 0018). Every app instance must learn of a change to a
-- tenant's content on the very next request, whichever instance or CLI made it, so the change is
-- recorded in the database by the writing transaction itself: statement triggers on every tenant table
-- append one row per transaction and tenant to content_changes. The log is append-only, so writers
-- never wait for each other on it (a per-tenant counter row would serialise, and could deadlock,
-- concurrent edits of one tenant).
CREATE TABLE content_changes (
  id bigserial PRIMARY KEY,
  tenant_id uuid NOT NULL,
  at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX content_changes_tenant ON content_changes (tenant_id, id);

-- Notes the tenants in `ids` as changed, once per transaction and tenant. Runs as the owner: the
-- request role has no rights on the log.
CREATE FUNCTION note_content_change(ids uuid[]) RETURNS void LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, pg_temp AS $$
DECLARE
  noted text := coalesce(current_setting('teilhabe.noted_tenants', true), '');
  fresh uuid[];
BEGIN
  SELECT array_agg(DISTINCT t) INTO fresh FROM unnest(ids) t WHERE t IS NOT NULL AND position(t::text IN noted) = 0;
  IF fresh IS NULL THEN RETURN; END IF;
  INSERT INTO content_changes (tenant_id) SELECT unnest(fresh);
  -- Delivered on commit. The embedded database has one process, which thus knows of every change
  -- without reading the log; instances on a server read it (kernel/http/page-cache.ts).
  PERFORM pg_notify('content_changed', array_to_string(fresh, ','));
  -- Transaction-local, and undone with a rolled-back savepoint together with the rows above.
  PERFORM set_config('teilhabe.noted_tenants', noted || array_to_string(fresh, ','), true);
END $$;

CREATE FUNCTION content_changed_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM note_content_change(ARRAY(SELECT DISTINCT tenant_id FROM new_rows));
  RETURN NULL;
END $$;

CREATE FUNCTION content_changed_old() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM note_content_change(ARRAY(SELECT DISTINCT tenant_id FROM old_rows));
  RETURN NULL;
END $$;

-- The tenant row itself (name, public flag …) is shown on every page of the tenant.
CREATE FUNCTION tenant_row_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM note_content_change(ARRAY[CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END]);
  RETURN NULL;
END $$;
CREATE TRIGGER content_changed AFTER INSERT OR UPDATE OR DELETE ON tenants
  FOR EACH ROW EXECUTE FUNCTION tenant_row_changed();

-- Puts the three statement triggers on every table with a tenant_id column that does not have them
-- yet. Called after every migration run (kernel/db/migrate.ts), so module tables created later are
-- covered without each module remembering to. Tables that never appear on a public page, or that
-- are only staging or bookkeeping, are left out; a new table is tracked unless listed here, so a
-- forgotten table costs a needless cache miss, never a stale page.
CREATE FUNCTION track_content_changes() RETURNS void LANGUAGE plpgsql AS $$
DECLARE t regclass;
BEGIN
  FOR t IN
    SELECT c.oid::regclass FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
    WHERE c.relkind = 'r'
      AND c.relname NOT IN ('content_changes', 'audit_log', 'api_tokens', 'sessions', 'login_attempts', 'outbox',
                            'mon_upload_parts', 'concept_import_staged')
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

-- Entries older than an hour are dropped (the newest per tenant stays, so the version never goes back); the
-- instances compare row count and newest id, so a pruned log reads as one more change.
CREATE FUNCTION prune_content_changes() RETURNS void LANGUAGE sql AS $$
  DELETE FROM content_changes c
  WHERE c.at < now() - interval '1 hour'
    AND c.id < (SELECT max(d.id) FROM content_changes d WHERE d.tenant_id = c.tenant_id);
$$;
