import { sql } from "drizzle-orm";
import type { Database } from "./client";
import { rows } from "./context";

export interface MaintenancePass {
  /** Tables vacuumed (and analysed with it). */
  vacuumed: string[];
  /** Tables only analysed. */
  analysed: string[];
}

const running = new WeakMap<Database, Promise<MaintenancePass>>();

/**
 * What PostgreSQL's autovacuum does on a server, for the embedded database, which has no autovacuum
 * (decision 0022): without it the planner keeps the statistics of the last start while tables grow
 * (the staff concept page at 1,000 measures took a quarter longer), and updated or deleted rows are
 * never reclaimed. The thresholds are autovacuum's defaults: analyse after 50 + 10 % of a table's rows
 * changed, vacuum after 50 + 20 % of them died; and a table with rows that was never analysed. A
 * no-op on a server.
 *
 * PGlite runs each command to the end on the one thread, so a pass pauses requests for as long as
 * its tables take (a table of a million rows after a big import: a second or two); between tables
 * the event loop gets a turn. Concurrent calls share one pass.
 */
export function maintainEmbedded(db: Database): Promise<MaintenancePass> {
  if (db.kind !== "pglite") return Promise.resolve({ vacuumed: [], analysed: [] });
  const current = running.get(db);
  if (current) return current;
  const pass = runPass(db).finally(() => running.delete(db));
  running.set(db, pass);
  return pass;
}

async function runPass(db: Database): Promise<MaintenancePass> {
  // Counters reach pg_stat_user_tables only when the backend flushes them; PGlite's one backend does
  // that at the end of the statement after this request, so ask, then read in a statement of its own.
  await db.execScript("SELECT pg_stat_force_next_flush()");
  await db.execScript("SELECT 1");
  const due = await rows<{ name: string; vacuum: boolean; analyse: boolean }>(
    db.orm,
    sql`SELECT format('%I.%I', s.schemaname, s.relname) AS name,
          s.n_dead_tup > 50 + 0.2 * greatest(c.reltuples, 0) AS vacuum,
          s.n_mod_since_analyze > 50 + 0.1 * greatest(c.reltuples, 0) OR s.last_analyze IS NULL AS analyse
        FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
        -- An import's staging table lives for minutes in the one session: not worth a pass.
        WHERE c.relpersistence = 'p'
          AND (s.n_dead_tup > 50 + 0.2 * greatest(c.reltuples, 0)
            OR s.n_mod_since_analyze > 50 + 0.1 * greatest(c.reltuples, 0)
            -- Never analysed but not empty: a small lookup table planned without statistics can
            -- turn a join into a nested loop over thousands of rows (measured: 94 ms instead of 3).
            OR (s.last_analyze IS NULL AND s.n_live_tup > 0))
        ORDER BY 1`,
  );
  const pass: MaintenancePass = { vacuumed: [], analysed: [] };
  for (const t of due) {
    await new Promise((r) => setImmediate(r));
    // Names come from the catalogue, quoted by format('%I'); VACUUM cannot run in a transaction block.
    await db.execScript(t.vacuum ? `VACUUM (ANALYZE) ${t.name}` : `ANALYZE ${t.name}`);
    (t.vacuum ? pass.vacuumed : pass.analysed).push(t.name);
  }
  return pass;
}
