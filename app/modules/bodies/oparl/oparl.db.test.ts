import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDb, tenantIds } from "../../../../tests/support/db";
import { openDatabase, type Database, type Tx } from "~/kernel/db/client";
import { rows, withSystem, withTenant } from "~/kernel/db/context";
import { migrate } from "~/kernel/db/migrate";
import type { MigrationFiles } from "~/kernel/modules";
import { modules } from "~/modules";
import { INTEGRATIONSRAT, STEUERUNGSGRUPPE } from "../demo";
import { addMembership, endMembership, findBody } from "../service";
import { pageEntries } from "./publish";
import { TYPES } from "./types";

// The data OParl needs (migration 0520, decision 0026): persons backfilled from the memberships'
// names, one per name and tenant; `modified` kept by the database; deleted objects kept as
// tombstones by the deleting statement, under row-level security.
let db: Database;
let cleanup: () => Promise<void>;
let aachen: string, koeln: string;

beforeAll(async () => {
  ({ db, cleanup } = await createTestDb({ demo: true, modules: true }));
  ({ aachen, koeln } = await tenantIds(db));
});
afterAll(async () => {
  await cleanup();
});

const inTenant = <T>(tenantId: string, fn: (tx: Tx) => Promise<T>) =>
  withTenant(db, { tenantId, actor: { userId: null, label: "Test" } }, fn);

/** The modules' migrations whose names pass `keep`. */
const migrationsWhere = (keep: (name: string) => boolean): MigrationFiles[] =>
  modules.flatMap((m) =>
    m.migrations
      ? [
          Object.fromEntries(
            Object.entries(m.migrations).filter(([p]) =>
              keep(
                p
                  .split("/")
                  .pop()!
                  .replace(/\.sql$/, ""),
              ),
            ),
          ),
        ]
      : [],
  );

describe("migration 0520", () => {
  it("makes one person per name and tenant of the memberships there were, and links them", async () => {
    const mem = await openDatabase({ dataDir: "memory://" });
    try {
      await migrate(
        mem,
        migrationsWhere((n) => n < "0520"),
      );
      await mem.execScript(`
        INSERT INTO tenants (slug, name, kind, ags) VALUES ('a', 'A', 'kommune', '05334002'), ('b', 'B', 'kommune', '05315000');
        INSERT INTO bodies (tenant_id, name, kind) SELECT id, 'Rat', 'rat' FROM tenants;
        INSERT INTO bodies (tenant_id, name, kind) SELECT id, 'Beirat', 'beirat' FROM tenants WHERE slug = 'a';
        INSERT INTO body_memberships (tenant_id, body_id, person_name, role, starts_on)
          SELECT b.tenant_id, b.id, n, 'guest', '2024-01-01' FROM bodies b, unnest(ARRAY['Anna', 'Ben']) n
          WHERE b.tenant_id = (SELECT id FROM tenants WHERE slug = 'a') OR n = 'Anna'`);
      await migrate(
        mem,
        migrationsWhere(() => true),
      );
      const persons = await rows<{ slug: string; name: string; memberships: number }>(
        mem.orm,
        sql`SELECT t.slug, p.name, (SELECT count(*)::int FROM body_memberships m WHERE m.person_id = p.id) AS memberships
            FROM body_persons p JOIN tenants t ON t.id = p.tenant_id ORDER BY t.slug, p.name`,
      );
      expect(persons).toEqual([
        { slug: "a", name: "Anna", memberships: 2 },
        { slug: "a", name: "Ben", memberships: 2 },
        { slug: "b", name: "Anna", memberships: 1 },
      ]);
      const [col] = await rows<{ n: number }>(
        mem.orm,
        sql`SELECT count(*)::int AS n FROM information_schema.columns WHERE table_name = 'body_memberships' AND column_name = 'person_name'`,
      );
      expect(col.n).toBe(0);
    } finally {
      await mem.close();
    }
  });
});

describe("persons, modified and deleted objects", () => {
  it("makes the same name in two bodies one person", async () => {
    await inTenant(aachen, async (tx) => {
      const a = (await findBody(tx, INTEGRATIONSRAT))!.id;
      const b = (await findBody(tx, STEUERUNGSGRUPPE))!.id;
      for (const bodyId of [a, b])
        expect(
          (await addMembership(tx, { bodyId, personName: "Gast Doppelt", role: "guest", startsOn: "2026-01-01" })).ok,
        ).toBe(true);
      const [p] = await rows<{ n: number; m: number }>(
        tx,
        sql`SELECT count(DISTINCT p.id)::int AS n, count(m.id)::int AS m FROM body_persons p JOIN body_memberships m ON m.person_id = p.id WHERE p.name = 'Gast Doppelt'`,
      );
      expect(p).toEqual({ n: 1, m: 2 });
    });
  });

  it("moves a membership's, its person's and its body's modified on a change, and keeps a tombstone of a deletion in its tenant only", async () => {
    const [m] = await inTenant(aachen, (tx) =>
      rows<{ id: string; person_id: string; body_id: string; created_at: string }>(
        tx,
        sql`SELECT m.id, m.person_id, m.body_id, m.created_at::text FROM body_memberships m
            JOIN body_persons p ON p.id = m.person_id WHERE p.name = 'Gast Doppelt' ORDER BY m.id LIMIT 1`,
      ),
    );
    const stamps = (tx: Tx) =>
      rows<{ m: number; p: number; b: number }>(
        tx,
        sql`SELECT (SELECT extract(epoch FROM updated_at)::float8 FROM body_memberships WHERE id = ${m.id}) AS m,
              (SELECT extract(epoch FROM updated_at)::float8 FROM body_persons WHERE id = ${m.person_id}) AS p,
              (SELECT extract(epoch FROM updated_at)::float8 FROM bodies WHERE id = ${m.body_id}) AS b`,
      );
    const [before] = await inTenant(aachen, stamps);
    expect((await inTenant(aachen, (tx) => endMembership(tx, m.id, "2026-06-30"))).ok).toBe(true);
    const [after] = await inTenant(aachen, stamps);
    expect(after.m).toBeGreaterThan(before.m);
    expect(after.p).toBeGreaterThan(before.p);
    expect(after.b).toBeGreaterThan(before.b);

    await inTenant(aachen, (tx) => tx.execute(sql`DELETE FROM body_memberships WHERE id = ${m.id}`));
    const tomb = await inTenant(aachen, (tx) =>
      rows<{ object_type: string; created_at: Date }>(
        tx,
        sql`SELECT object_type, created_at FROM oparl_deleted WHERE object_id = ${m.id}`,
      ),
    );
    expect(tomb).toEqual([{ object_type: "Membership", created_at: m.created_at }]);
    expect(await inTenant(koeln, (tx) => rows(tx, sql`SELECT 1 FROM oparl_deleted WHERE object_id = ${m.id}`))).toEqual(
      [],
    );
  });

  it("lets a tenant with bodies be deleted (its tombstones are not written)", async () => {
    await withSystem(db, async (tx) => {
      await tx.execute(sql`INSERT INTO tenants (slug, name, kind, ags) VALUES ('weg', 'Weg', 'kommune', '05334099')`);
      await tx.execute(
        sql`INSERT INTO bodies (tenant_id, name, kind) SELECT id, 'Rat', 'rat' FROM tenants WHERE slug = 'weg'`,
      );
      await tx.execute(sql`DELETE FROM tenants WHERE slug = 'weg'`);
    });
    const left = await withSystem(db, (tx) =>
      rows(tx, sql`SELECT 1 FROM oparl_deleted d WHERE NOT EXISTS (SELECT 1 FROM tenants t WHERE t.id = d.tenant_id)`),
    );
    expect(left).toEqual([]);
  });
});

describe("a list page", () => {
  interface PlanNode {
    "Node Type": string;
    Output?: string[];
    Plans?: PlanNode[];
  }
  const nodes = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(nodes)];

  // A crawl pages through every list: what a page computes for every row of its list, it computes
  // again on every page. The times are text only for the rows of the page (bench/oparl-crawl.ts).
  it("formats the times of its own rows only, not of every row of the list", async () => {
    const plans: { type: string; since: boolean; plan: PlanNode }[] = [];
    await inTenant(aachen, async (tx) => {
      for (const t of TYPES)
        for (const since of [false, true]) {
          const q = { filters: since ? { modified_since: "2000-01-01T00:00:00.000Z" } : {}, limit: 2, page: 2 };
          const [r] = await rows<{ "QUERY PLAN": unknown }>(
            tx,
            sql`EXPLAIN (VERBOSE, FORMAT JSON) ${pageEntries(t, q)}`,
          );
          const json = r["QUERY PLAN"];
          const [top] = (typeof json === "string" ? JSON.parse(json) : json) as { Plan: PlanNode }[];
          plans.push({ type: t.type, since, plan: top.Plan });
        }
    });
    const formattedBeforeTheCut = plans.flatMap(({ type, since, plan }) => {
      const limits = nodes(plan).filter((n) => n["Node Type"] === "Limit");
      expect([type, since, limits.length]).toEqual([type, since, 1]);
      return nodes(limits[0])
        .filter((n) => (n.Output ?? []).some((o) => o.includes("to_char")))
        .map((n) => `${type}${since ? " (modified_since)" : ""}: ${n["Node Type"]}`);
    });
    expect(formattedBeforeTheCut).toEqual([]);
  });
});
