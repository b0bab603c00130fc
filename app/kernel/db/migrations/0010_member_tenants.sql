-- A Kreis (or Land) shows published content of its member municipalities – one guide for district
-- and city (issue 13). Row-level security stays the only gate: a module adds a narrow SELECT policy
-- "tenant_id = ANY ((SELECT app_member_tenants())::uuid[])" on its public tables, and the function returns
-- the public descendants of the request's tenant only while the transaction has asked for them
-- (app.with_members, set by kernel/db/context.ts includeMemberTenants, never from request input).
-- Otherwise it is empty, so every other statement sees exactly its own tenant as before.
CREATE OR REPLACE FUNCTION app_member_tenants() RETURNS uuid[] LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN current_setting('app.with_members', true) = 'on' THEN coalesce((
    WITH RECURSIVE d(id) AS (
      SELECT t.id FROM tenants t WHERE t.parent_id = app_tenant_id() AND t.is_public
      UNION
      SELECT t.id FROM tenants t JOIN d ON t.parent_id = d.id WHERE t.is_public
    ) SELECT array_agg(id) FROM d), '{}'::uuid[])
  ELSE '{}'::uuid[] END
$$;

-- A Kreis's or Land's public pages may show member content, so a member's change is also a change
-- of every tenant above it: the page cache (decision 0018) then renders their pages again. Same
-- function as in 0007, with the ancestors added to the ids.
CREATE OR REPLACE FUNCTION note_content_change(ids uuid[]) RETURNS void LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, pg_temp AS $$
DECLARE
  noted text := coalesce(current_setting('teilhabe.noted_tenants', true), '');
  fresh uuid[];
BEGIN
  WITH RECURSIVE up(id) AS (
    SELECT t FROM unnest(ids) t WHERE t IS NOT NULL
    UNION
    SELECT p.parent_id FROM tenants p JOIN up ON p.id = up.id WHERE p.parent_id IS NOT NULL
  )
  SELECT array_agg(DISTINCT id) INTO fresh FROM up WHERE position(id::text IN noted) = 0;
  IF fresh IS NULL THEN RETURN; END IF;
  INSERT INTO content_changes (tenant_id) SELECT unnest(fresh);
  PERFORM pg_notify('content_changed', array_to_string(fresh, ','));
  PERFORM set_config('teilhabe.noted_tenants', noted || array_to_string(fresh, ','), true);
END $$;
