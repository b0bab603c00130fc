import { sql } from "drizzle-orm";
import type { Database } from "./client";

// Every module keeps its SQL migrations beside its code; they run in the order of their file
// names, so modules take number ranges (kernel 0001–0099, concept 0100–, monitoring 0200–, atlas 0300–).
const files = import.meta.glob("/app/**/migrations/*.sql", { query: "?raw", import: "default", eager: true }) as Record<
  string,
  string
>;

export function listMigrations(): { name: string; sql: string }[] {
  return Object.entries(files)
    .map(([p, text]) => ({
      name: p
        .split("/")
        .pop()!
        .replace(/\.sql$/, ""),
      sql: text,
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Tables the request role may never touch: authentication internals and the mail queue. */
const SYSTEM_TABLES = ["sessions", "auth_tokens", "login_attempts", "outbox", "schema_migrations"];

export async function migrate(db: Database, log: (m: string) => void = () => {}): Promise<string[]> {
  const applied: string[] = [];
  await db.orm.execute(
    sql`CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
  );
  const done = new Set(
    (
      (await db.orm.execute(sql`SELECT name FROM schema_migrations`)) as unknown as { rows: { name: string }[] }
    ).rows.map((r) => r.name),
  );
  for (const m of listMigrations()) {
    if (done.has(m.name)) continue;
    if (!/^[0-9]{4}_[a-z0-9_]+$/.test(m.name)) throw new Error(`Ungültiger Migrationsname: ${m.name}`);
    // One script, one implicit transaction: a crash leaves the schema at the previous version.
    await db.execScript(`${m.sql}\n;\nINSERT INTO schema_migrations (name) VALUES ('${m.name}');`);
    applied.push(m.name);
    log(`Migration ${m.name} angewendet`);
  }
  await db.execScript(`
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
      REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM teilhabe_app;`);
  return applied;
}
