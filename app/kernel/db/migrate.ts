import { sql } from "drizzle-orm";
import type { Connection, Database } from "./client";
import { LOCKS, withAdvisoryLock } from "./lock";
import type { MigrationFiles } from "../modules";

// Every module keeps its SQL migrations beside its code and hands them in through its manifest;
// they run in the order of their file names, so modules take number ranges (kernel 0001–0099,
// concept 0100–, monitoring 0200–, atlas 0300–).
const kernelFiles = import.meta.glob<string>("./migrations/*.sql", { query: "?raw", import: "default", eager: true });

/** The kernel's migrations and those of `sources`, sorted by name; a name used twice is an error. */
export async function listMigrations(
  sources: readonly MigrationFiles[] = [],
): Promise<{ name: string; sql: string }[]> {
  const out = new Map<string, string>();
  for (const files of [kernelFiles, ...sources])
    for (const [p, text] of Object.entries(files)) {
      const name = p
        .split("/")
        .pop()!
        .replace(/\.sql$/, "");
      if (out.has(name)) throw new Error(`Migration ${name} gibt es zweimal`);
      out.set(name, typeof text === "string" ? text : await text());
    }
  return [...out].map(([name, sql]) => ({ name, sql })).sort((a, b) => a.name.localeCompare(b.name));
}

/** Tables the request role may never touch: authentication internals, the mail queue, the periodic tasks. */
const SYSTEM_TABLES = [
  "sessions",
  "auth_tokens",
  "login_attempts",
  "second_factors",
  "recovery_codes",
  "oidc_logins",
  "outbox",
  "schema_migrations",
  "content_changes",
  "schedules",
];

/** The columns of tenants the request role may update (kernel/tenancy/settings.ts; slug and is_public stay the platform's). */
const TENANT_SETTINGS_COLUMNS = [
  "name",
  "kind",
  "ags",
  "parent_id",
  "contact_office",
  "contact_address",
  "contact_email",
  "contact_phone",
  "contact_web",
  "disclosure_threshold",
  "public_languages",
  "require_second_factor",
  "logo_etag",
];

/**
 * Applies the kernel's and the given modules' migrations that have not run yet. Instances starting
 * together on one database queue on an advisory lock held on one connection for the whole run; each
 * reads schema_migrations only after taking it, so the later ones find everything applied.
 */
export async function migrate(
  db: Database,
  sources: readonly MigrationFiles[],
  log: (m: string) => void = () => {},
): Promise<string[]> {
  return withAdvisoryLock(db, LOCKS.migrate, (conn) => migrateLocked(conn, sources, log));
}

async function migrateLocked(
  conn: Connection,
  sources: readonly MigrationFiles[],
  log: (m: string) => void,
): Promise<string[]> {
  const applied: string[] = [];
  await conn.orm.execute(
    sql`CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
  );
  const done = new Set(
    (
      (await conn.orm.execute(sql`SELECT name FROM schema_migrations`)) as unknown as { rows: { name: string }[] }
    ).rows.map((r) => r.name),
  );
  for (const m of await listMigrations(sources)) {
    if (done.has(m.name)) continue;
    if (!/^[0-9]{4}_[a-z0-9_]+$/.test(m.name)) throw new Error(`Ungültiger Migrationsname: ${m.name}`);
    // One script, one implicit transaction: a crash leaves the schema at the previous version.
    await conn.execScript(`${m.sql}\n;\nINSERT INTO schema_migrations (name) VALUES ('${m.name}');`);
    applied.push(m.name);
    log(`Migration ${m.name} angewendet`);
  }
  // Every tenant table, also one a module added just now, reports changes for the page cache (0007).
  await conn.execScript(`SELECT track_content_changes()`);
  await conn.execScript(`
      DO $$ BEGIN
        -- The connecting role must be able to SET ROLE teilhabe_app (superusers can anyway).
        EXECUTE format('GRANT teilhabe_app TO %I', current_user);
      EXCEPTION WHEN others THEN NULL;
      END $$;
      GRANT USAGE ON SCHEMA public TO teilhabe_app;
      GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO teilhabe_app;
      GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO teilhabe_app;
      REVOKE ALL ON ${SYSTEM_TABLES.join(", ")} FROM teilhabe_app;
      REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON tenants FROM teilhabe_app;
      -- A tenant's administration edits its settings (0015; the row policy: only its own row).
      GRANT UPDATE (${TENANT_SETTINGS_COLUMNS.join(", ")}) ON tenants TO teilhabe_app;
      REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON platform_legal_pages FROM teilhabe_app;
      REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM teilhabe_app;`);
  return applied;
}
