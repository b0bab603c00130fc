import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDb } from "../../../tests/support/db";
import { describeTenantReferences, tenantReferences, unsafe } from "../../../tests/support/tenant-references";
import * as schema from "./schema";
import { rows, withSystem } from "./context";

// Every module runs describeTenantReferences for its own tables (<module>/tenant-references.db.test.ts);
// this file does the kernel's and checks the whole catalog, so a new module's table cannot forget it.
describeTenantReferences("kernel", schema, async (tx, tenant) => {
  const [user] = (
    await tx.execute(
      sql`INSERT INTO users (email, display_name) VALUES (${`partner-${tenant}@example.org`}, 'Partner') RETURNING id`,
    )
  ).rows as { id: string }[];
  const [org] = (
    await tx.execute(
      sql`INSERT INTO organisations (tenant_id, name, kind) VALUES (${tenant}, 'Verein', 'verein') RETURNING id`,
    )
  ).rows as { id: string }[];
  await tx.execute(
    sql`INSERT INTO memberships (tenant_id, user_id, role, organisation_id) VALUES (${tenant}, ${user.id}, 'partner', ${org.id})`,
  );
});

describe("the catalog", () => {
  let db: Awaited<ReturnType<typeof createTestDb>>["db"];
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ db, cleanup } = await createTestDb({ demo: true }));
  });
  afterAll(async () => {
    await cleanup();
  });

  it("holds no reference into a tenant-owned table that leaves out the tenant", async () => {
    const refs = await tenantReferences(db);
    // The kernel and the modules hold 29; fewer would mean the query lost them.
    expect(refs.map((r) => r.source)).toContain("memberships");
    expect(refs.length).toBeGreaterThanOrEqual(29);
    expect(
      refs
        .filter(unsafe)
        .map((r) => `${r.name}: (${r.columns.join(", ")}) → ${r.target} (${r.targetColumns.join(", ")})`),
    ).toEqual([]);
  });

  it("tenant_safe_references() rewrites a single-column key with its action, and stops at rows that cross tenants", async () => {
    // As an installation from before kernel 0006 would have it: a key on the id alone.
    const probe = (extra: string) =>
      withSystem(db, async (tx) => {
        const [a, b] = await rows<{ id: string; tenant_id: string }>(
          tx,
          sql`SELECT DISTINCT ON (tenant_id) id, tenant_id FROM organisations ORDER BY tenant_id LIMIT 2`,
        );
        await tx.execute(
          sql.raw(`CREATE TABLE fk_probe (tenant_id uuid NOT NULL, org_id uuid REFERENCES organisations (id)
            ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED)`),
        );
        await tx.execute(
          sql.raw(
            `INSERT INTO fk_probe VALUES ('${a.tenant_id}', '${a.id}')${extra ? `, ('${a.tenant_id}', '${b.id}')` : ""}`,
          ),
        );
        // The deferred check would otherwise still be pending and block the ALTER TABLE.
        await tx.execute(sql`SET CONSTRAINTS ALL IMMEDIATE`);
        await tx.execute(sql`SELECT tenant_safe_references()`);
        const [def] = await rows<{ d: string }>(
          tx,
          sql`SELECT pg_get_constraintdef(oid) AS d FROM pg_constraint WHERE conname = 'fk_probe_org_id_fkey'`,
        );
        throw Object.assign(new Error("rolled back"), { def: def.d });
      }).catch((e: Error & { def?: string; cause?: Error }) => e.def ?? `${e.cause?.message ?? e.message}`);
    expect(await probe("")).toBe(
      "FOREIGN KEY (tenant_id, org_id) REFERENCES organisations(tenant_id, id) ON DELETE SET NULL (org_id) DEFERRABLE INITIALLY DEFERRED",
    );
    expect(await probe("cross")).toMatch(/Zeilen in fk_probe verweisen über org_id auf Daten eines anderen Mandanten/);
  });
});
