import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { getTableConfig, type PgTable } from "drizzle-orm/pg-core";
import { createTestDb, tenantIds } from "../../../tests/support/db";
import type { Database } from "./client";
import { rows, withPublic, withSystem, withTenant } from "./context";
import * as schema from "./schema";
import { audit } from "../audit/service";

/** Drizzle wraps the PostgreSQL error; the database's own message is in the cause. */
async function dbError(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    const err = e as Error & { cause?: Error };
    return `${err.cause?.message ?? ""} ${err.message}`;
  }
  throw new Error("expected the statement to fail");
}

let db: Database;
let cleanup: () => Promise<void>;
let aachen: string, koeln: string;

beforeAll(async () => {
  ({ db, cleanup } = await createTestDb({ demo: true }));
  ({ aachen, koeln } = await tenantIds(db));
});
afterAll(async () => {
  await cleanup();
});

const tenantTables = async () =>
  (
    await withSystem(db, (tx) =>
      rows<{ t: string }>(
        tx,
        sql`SELECT table_name AS t FROM information_schema.columns
    WHERE table_schema = 'public' AND column_name = 'tenant_id' ORDER BY 1`,
      ),
    )
  ).map((r) => r.t);

// Outbox rows are global mail (some without tenant), the change log behind the page cache holds no
// content, single sign-on's logins in flight are read only by the system role; the request role has no
// rights on any of them (kernel/db/migrate.ts).
const UNREACHABLE = ["outbox", "content_changes", "oidc_logins"];

describe("row-level security", () => {
  it("protects every table that has a tenant_id column", async () => {
    const tables = await tenantTables();
    expect(tables).toContain("organisations");
    const rls = await withSystem(db, (tx) =>
      rows<{ t: string; on: boolean; policies: number }>(
        tx,
        sql`
      SELECT c.relname AS t, c.relrowsecurity AS on, (SELECT count(*)::int FROM pg_policies p WHERE p.tablename = c.relname) AS policies
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r'`,
      ),
    );
    for (const t of tables.filter((x) => !UNREACHABLE.includes(x))) {
      const r = rls.find((x) => x.t === t)!;
      expect({ table: t, rls: r.on, hasPolicy: r.policies > 0 }).toEqual({ table: t, rls: true, hasPolicy: true });
    }
  });

  it("every policy computes the tenant once per statement, not once per row", async () => {
    const policies = await withSystem(db, (tx) =>
      rows<{ t: string; name: string; qual: string | null; check: string | null }>(
        tx,
        sql`
      SELECT tablename AS t, policyname AS name, qual, with_check AS check FROM pg_policies WHERE schemaname = 'public'`,
      ),
    );
    expect(policies.length).toBeGreaterThan(20);
    const bare = /(?<!SELECT )app_(tenant|user)_id\(\)/;
    expect(
      policies.filter((p) => bare.test(p.qual ?? "") || bare.test(p.check ?? "")).map((p) => `${p.t}.${p.name}`),
    ).toEqual([]);
    const scope = { tenantId: aachen, actor: { userId: null, label: "test" } };
    const plan = await withTenant(db, scope, (tx) =>
      rows<Record<string, string>>(tx, sql`EXPLAIN SELECT count(*) FROM organisations`),
    );
    expect(plan.map((r) => Object.values(r)[0]).join("\n")).toMatch(/InitPlan/);
  });

  it("a session without the tenant set sees no tenant rows at all", async () => {
    for (const t of await tenantTables()) {
      if (UNREACHABLE.includes(t)) continue;
      const [{ n }] = await withPublic(db, (tx) =>
        rows<{ n: number }>(tx, sql.raw(`SELECT count(*)::int AS n FROM "${t}"`)),
      );
      expect({ table: t, visible: n }).toEqual({ table: t, visible: 0 });
    }
    // …while the rows do exist.
    const [{ n }] = await withSystem(db, (tx) =>
      rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM organisations`),
    );
    expect(n).toBeGreaterThan(5);
  });

  it("a tenant sees only its own rows, even when the query asks for another's", async () => {
    const scope = { tenantId: aachen, actor: { userId: null, label: "test" } };
    const own = await withTenant(db, scope, (tx) =>
      rows<{ tenant_id: string }>(tx, sql`SELECT tenant_id FROM organisations`),
    );
    expect(own.length).toBeGreaterThan(0);
    expect(new Set(own.map((r) => r.tenant_id))).toEqual(new Set([aachen]));
    const foreign = await withTenant(db, scope, (tx) =>
      rows(tx, sql`SELECT * FROM organisations WHERE tenant_id = ${koeln}`),
    );
    expect(foreign).toEqual([]);
  });

  it("refuses writes into another tenant", async () => {
    const scope = { tenantId: aachen, actor: { userId: null, label: "test" } };
    await expect(
      withTenant(db, scope, (tx) =>
        tx.insert(schema.organisations).values({ tenantId: koeln, name: "Eingeschmuggelt", kind: "verein" }),
      ),
    ).rejects.toThrow();
    const upd = await withTenant(db, scope, (tx) =>
      rows(tx, sql`UPDATE organisations SET name = 'X' WHERE tenant_id = ${koeln} RETURNING id`),
    );
    expect(upd).toEqual([]);
    const [{ n }] = await withSystem(db, (tx) =>
      rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM organisations WHERE name IN ('X', 'Eingeschmuggelt')`),
    );
    expect(n).toBe(0);
  });

  it("keeps authentication tables away from the request role", async () => {
    for (const t of [
      "sessions",
      "auth_tokens",
      "login_attempts",
      "second_factors",
      "recovery_codes",
      "oidc_logins",
      "outbox",
    ]) {
      expect(
        await dbError(
          withTenant(db, { tenantId: aachen, actor: { userId: null, label: "t" } }, (tx) =>
            tx.execute(sql.raw(`SELECT 1 FROM "${t}"`)),
          ),
        ),
      ).toMatch(/permission denied/);
    }
  });
});

describe("outbox", () => {
  it("lets a tenant transaction queue mail stamped with its own tenant, but not read the outbox", async () => {
    const { enqueueMail } = await import("../mail/outbox");
    await withTenant(db, { tenantId: aachen, actor: { userId: null, label: "t" } }, (tx) =>
      enqueueMail(tx, { to: "probe@example.org", subject: "Probe", body: "…" }),
    );
    const r = await withSystem(db, (tx) =>
      rows<{ tenant_id: string }>(tx, sql`SELECT tenant_id FROM outbox WHERE recipient = 'probe@example.org'`),
    );
    expect(r).toEqual([{ tenant_id: aachen }]);
  });
});

describe("audit log", () => {
  it("is append-only for the request role and for the owner", async () => {
    const scope = { tenantId: aachen, actor: { userId: null, label: "test" } };
    await withTenant(db, scope, (tx) =>
      audit(tx, { action: "create", entity: "probe", entityId: "1", after: { a: 1 } }),
    );
    expect(await dbError(withTenant(db, scope, (tx) => tx.execute(sql`UPDATE audit_log SET action = 'x'`)))).toMatch(
      /permission denied/,
    );
    expect(await dbError(withTenant(db, scope, (tx) => tx.execute(sql`DELETE FROM audit_log`)))).toMatch(
      /permission denied/,
    );
    expect(
      await dbError(withSystem(db, (tx) => tx.execute(sql`UPDATE audit_log SET action = 'x' WHERE entity = 'probe'`))),
    ).toMatch(/Änderungsprotokoll/);
    expect(
      await dbError(withSystem(db, (tx) => tx.execute(sql`DELETE FROM audit_log WHERE entity = 'probe'`))),
    ).toMatch(/Änderungsprotokoll/);
    const mine = await withTenant(db, scope, (tx) =>
      rows<{ entity: string; actor_label: string }>(
        tx,
        sql`SELECT entity, actor_label FROM audit_log WHERE entity = 'probe'`,
      ),
    );
    expect(mine).toEqual([{ entity: "probe", actor_label: "test" }]);
    const other = await withTenant(db, { tenantId: koeln, actor: { userId: null, label: "t" } }, (tx) =>
      rows(tx, sql`SELECT 1 FROM audit_log WHERE entity = 'probe'`),
    );
    expect(other).toEqual([]);
  });
});

describe("Drizzle schema and SQL migrations agree", () => {
  it("every Drizzle column exists in the database with the same name", async () => {
    const cols = await withSystem(db, (tx) =>
      rows<{ t: string; c: string }>(
        tx,
        sql`SELECT table_name AS t, column_name AS c FROM information_schema.columns WHERE table_schema = 'public'`,
      ),
    );
    const have = new Set(cols.map((r) => `${r.t}.${r.c}`));
    const tables = (Object.values(schema) as unknown[]).filter(
      (v): v is PgTable => typeof v === "object" && v !== null && Symbol.for("drizzle:IsDrizzleTable") in v,
    );
    expect(tables.length).toBeGreaterThan(8);
    for (const table of tables) {
      const cfg = getTableConfig(table);
      for (const col of cfg.columns) expect(have.has(`${cfg.name}.${col.name}`), `${cfg.name}.${col.name}`).toBe(true);
      // …and no column in the table is unknown to Drizzle.
      const dbCols = cols
        .filter((r) => r.t === cfg.name)
        .map((r) => r.c)
        .sort();
      expect(dbCols).toEqual(cfg.columns.map((c) => c.name).sort());
    }
  });
});
