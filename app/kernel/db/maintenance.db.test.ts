import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDb } from "../../../tests/support/db";
import type { Database } from "./client";
import { rows } from "./context";
import { maintainEmbedded } from "./maintenance";

// Autovacuum's work on the embedded database (decision 0022).
let db: Database;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ db, cleanup } = await createTestDb({ demo: false }));
  await db.execScript("CREATE TABLE maintenance_probe (id int PRIMARY KEY, v text)");
});
afterAll(async () => {
  await cleanup();
});

const stats = async () =>
  (
    await rows<{ analysed: boolean; vacuumed: boolean; reltuples: number }>(
      db.orm,
      sql`SELECT s.last_analyze IS NOT NULL AS analysed, s.last_vacuum IS NOT NULL AS vacuumed, c.reltuples::float8 AS reltuples
          FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid WHERE s.relname = 'maintenance_probe'`,
    )
  )[0]!;

describe.runIf(process.env.TEST_DB !== "pg")("maintainEmbedded on PGlite", () => {
  it("analyses a table that grew, vacuums one whose rows died, and then leaves both alone", async () => {
    await db.execScript("INSERT INTO maintenance_probe SELECT g, 'a' FROM generate_series(1, 5000) g");
    expect((await stats()).analysed).toBe(false);

    const first = await maintainEmbedded(db);
    expect(first.analysed).toContain("public.maintenance_probe");
    const after = await stats();
    expect(after.analysed).toBe(true);
    expect(after.reltuples).toBe(5000);

    // 2,000 of 5,000 rows replaced: more than 50 + 20 % dead, so a vacuum (with analyse).
    await db.execScript("UPDATE maintenance_probe SET v = 'b' WHERE id <= 2000");
    const second = await maintainEmbedded(db);
    expect(second.vacuumed).toContain("public.maintenance_probe");
    expect((await stats()).vacuumed).toBe(true);

    // Below the thresholds nothing is done again.
    await db.execScript("UPDATE maintenance_probe SET v = 'c' WHERE id <= 10");
    const third = await maintainEmbedded(db);
    expect([...third.vacuumed, ...third.analysed]).not.toContain("public.maintenance_probe");
  });

  it("analyses a small table that was never analysed, once", async () => {
    await db.execScript(
      "CREATE TABLE maintenance_lookup (id int PRIMARY KEY); INSERT INTO maintenance_lookup VALUES (1), (2), (3)",
    );
    expect((await maintainEmbedded(db)).analysed).toContain("public.maintenance_lookup");
    expect((await maintainEmbedded(db)).analysed).not.toContain("public.maintenance_lookup");
  });

  it("shares one pass between concurrent calls", async () => {
    await db.execScript("INSERT INTO maintenance_probe SELECT g, 'd' FROM generate_series(5001, 9000) g");
    const a = maintainEmbedded(db);
    const b = maintainEmbedded(db);
    expect(b).toBe(a);
    expect((await a).analysed).toContain("public.maintenance_probe");
  });
});

describe.runIf(process.env.TEST_DB === "pg")("maintainEmbedded on PostgreSQL", () => {
  it("does nothing: the server's autovacuum keeps statistics and space", async () => {
    await db.execScript("INSERT INTO maintenance_probe SELECT g, 'a' FROM generate_series(1, 5000) g");
    expect(await maintainEmbedded(db)).toEqual({ vacuumed: [], analysed: [] });
  });
});
