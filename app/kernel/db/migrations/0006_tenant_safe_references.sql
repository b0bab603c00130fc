-- Tenant-safe references (docs/decisions/0013-tenant-safe-references.md). A foreign-key check runs
-- as the table owner and does not see row-level security, so a single-column reference accepted
-- another tenant's id: an Aachen measure could be linked to a Köln Handlungsfeld. A reference into a
-- tenant-owned table therefore carries the tenant: (tenant_id, x_id) REFERENCES t (tenant_id, id),
-- backed by a UNIQUE (tenant_id, id) on the target, and the database refuses a foreign id (23503).

-- Rewrites every single-column foreign key of this schema from a table with tenant_id into a table
-- with tenant_id as that composite key, keeping its name, ON DELETE/ON UPDATE action and deferral.
-- ON DELETE SET NULL names its column: on a composite key a plain SET NULL would empty tenant_id too
-- (PostgreSQL 15+). The referencing tenant_id is NOT NULL everywhere, so MATCH SIMPLE still checks an
-- optional reference whenever it is set. Idempotent; each module's migrations call it after adding
-- tables (new tables may as well declare the composite keys themselves; a test finds any that don't).
CREATE OR REPLACE FUNCTION tenant_safe_references() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  f record;
  on_delete text;
  on_update text;
  detail text;
BEGIN
  FOR f IN
    SELECT k.conname, k.conrelid::regclass AS src, k.confrelid::regclass AS dst, a.attname AS col,
           b.attname AS ref, b.attnum AS ref_num, dt.attnum AS tenant_num, k.confdeltype, k.confupdtype,
           k.condeferrable, k.condeferred
    FROM pg_constraint k
    JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1]
    JOIN pg_attribute b ON b.attrelid = k.confrelid AND b.attnum = k.confkey[1]
    JOIN pg_attribute st ON st.attrelid = k.conrelid AND st.attname = 'tenant_id' AND NOT st.attisdropped
    JOIN pg_attribute dt ON dt.attrelid = k.confrelid AND dt.attname = 'tenant_id' AND NOT dt.attisdropped
    WHERE k.contype = 'f' AND k.connamespace = current_schema()::regnamespace
      AND cardinality(k.conkey) = 1 AND a.attname <> 'tenant_id'
    ORDER BY k.conname
  LOOP
    on_delete := CASE f.confdeltype WHEN 'a' THEN 'NO ACTION' WHEN 'r' THEN 'RESTRICT' WHEN 'c' THEN 'CASCADE'
      WHEN 'n' THEN format('SET NULL (%I)', f.col) WHEN 'd' THEN format('SET DEFAULT (%I)', f.col) END;
    -- ON UPDATE cannot be limited to a column: SET NULL/SET DEFAULT would overwrite tenant_id.
    on_update := CASE f.confupdtype WHEN 'a' THEN 'NO ACTION' WHEN 'r' THEN 'RESTRICT' WHEN 'c' THEN 'CASCADE' END;
    IF on_update IS NULL THEN
      RAISE EXCEPTION 'Fremdschlüssel % auf %: ON UPDATE SET NULL/SET DEFAULT lässt sich nicht mandantensicher umschreiben', f.conname, f.src;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_constraint u WHERE u.conrelid = f.dst AND u.contype IN ('p', 'u')
                   AND cardinality(u.conkey) = 2 AND u.conkey @> ARRAY[f.tenant_num, f.ref_num]) THEN
      EXECUTE format('ALTER TABLE %s ADD UNIQUE (tenant_id, %I)', f.dst, f.ref);
    END IF;
    BEGIN
      EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I, ADD CONSTRAINT %I FOREIGN KEY (tenant_id, %I) REFERENCES %s (tenant_id, %I) ON DELETE %s ON UPDATE %s%s',
        f.src, f.conname, f.conname, f.col, f.dst, f.ref, on_delete, on_update,
        CASE WHEN NOT f.condeferrable THEN '' WHEN f.condeferred THEN ' DEFERRABLE INITIALLY DEFERRED'
          ELSE ' DEFERRABLE INITIALLY IMMEDIATE' END);
    EXCEPTION WHEN foreign_key_violation THEN
      -- Rows that already point into another tenant: the migration stops rather than hide them.
      GET STACKED DIAGNOSTICS detail = PG_EXCEPTION_DETAIL;
      RAISE EXCEPTION 'Zeilen in % verweisen über % auf Daten eines anderen Mandanten', f.src, f.col
        USING ERRCODE = 'foreign_key_violation', DETAIL = detail,
          HINT = 'Diese Verweise berichtigen oder leeren, dann die Migration wiederholen.';
    END;
  END LOOP;
END $$;

SELECT tenant_safe_references();
