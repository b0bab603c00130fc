import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDb } from "../../../tests/support/db";
import { describeTenantReferences, tenantReferences, unsafe } from "../../../tests/support/tenant-references";
import * as schema from "./schema";

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
    ({ db, cleanup } = await createTestDb());
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
});
