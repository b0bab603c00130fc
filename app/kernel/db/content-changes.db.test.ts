import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDb, tenantIds } from "../../../tests/support/db";
import type { Database, Tx } from "./client";
import { rows, withSystem, withTenant } from "./context";

// The change log behind the public page cache (migration 0007, decision 0018).
let db: Database;
let cleanup: () => Promise<void>;
let aachen: string, koeln: string;
const actor = { userId: null, label: "Test" };

beforeAll(async () => {
  ({ db, cleanup } = await createTestDb({ demo: true, modules: true }));
  ({ aachen, koeln } = await tenantIds(db));
});
afterAll(async () => {
  await cleanup();
});

const changes = async (tenant: string) =>
  Number(
    (
      await withSystem(db, (tx) =>
        rows<{ n: string }>(tx, sql`SELECT count(*) AS n FROM content_changes WHERE tenant_id = ${tenant}`),
      )
    )[0]!.n,
  );

/** An insert in a savepoint that is rolled back. */
const insertRolledBack = (tx: Tx) =>
  tx
    .transaction(async (sp) => {
      await sp.execute(sql`INSERT INTO organisations (tenant_id, name, kind) VALUES (${koeln}, 'Weg', 'verein')`);
      throw new Error("rollback");
    })
    .catch(() => {});

describe("content change log", () => {
  it("has the triggers on every table with a tenant_id except the listed bookkeeping tables", async () => {
    const untracked = await withSystem(db, (tx) =>
      rows<{ t: string }>(
        tx,
        sql`SELECT c.table_name AS t FROM information_schema.columns c
            JOIN information_schema.tables x ON x.table_name = c.table_name AND x.table_schema = c.table_schema
            WHERE c.table_schema = 'public' AND c.column_name = 'tenant_id' AND x.table_type = 'BASE TABLE'
              AND NOT EXISTS (SELECT 1 FROM pg_trigger g WHERE g.tgrelid = (quote_ident(c.table_name))::regclass
                              AND g.tgname IN ('content_changed_ins', 'content_changed_upd', 'content_changed_del')
                              HAVING count(*) = 3)
            ORDER BY 1`,
      ),
    );
    expect(untracked.map((r) => r.t).sort()).toEqual(
      [
        "audit_log",
        "api_tokens",
        "concept_import_staged",
        "content_changes",
        "jobs",
        // Written only together with mon_observations, which the page cache tracks (monitoring 0210).
        "mon_import_values",
        "mon_upload_parts",
        // Single sign-on's logins in flight and last-login times (kernel 0017): never on a public page.
        "oidc_identities",
        "oidc_logins",
        // Named by the opening module (0720): a timed change row per answer would link it to a moment.
        "opening_survey_answers",
        "opening_survey_codes",
        "outbox",
        // Named by the participation module in content_untracked (migrations 0009 and 0420).
        "participation_workshop_participants",
        "participation_workshop_votes",
        "participation_workshops",
      ].sort(),
    );
    // The list the trigger function reads is the one the test expects, not an accident of names.
    const listed = await withSystem(db, (tx) =>
      rows<{ relname: string }>(tx, sql`SELECT relname FROM content_untracked ORDER BY 1`),
    );
    expect(listed.map((r) => r.relname)).toEqual(expect.arrayContaining(untracked.map((r) => r.t)));
  });

  it("notes a tenant once per writing transaction, only that tenant, and not for a rolled-back savepoint", async () => {
    const [a0, k0] = [await changes(aachen), await changes(koeln)];
    await withTenant(db, { tenantId: aachen, actor }, async (tx) => {
      for (let i = 0; i < 3; i++)
        await tx.execute(sql`INSERT INTO organisations (tenant_id, name, kind)
                             VALUES (${aachen}, ${`Verein Nr. ${i}`}, 'verein')`);
      await tx.execute(sql`UPDATE organisations SET phone = '0241 1' WHERE name = 'Verein Nr. 0'`);
      await tx.execute(sql`DELETE FROM organisations WHERE name = 'Verein Nr. 2'`);
    });
    expect(await changes(aachen)).toBe(a0 + 1);
    expect(await changes(koeln)).toBe(k0);

    // Nothing committed, nothing noted: the savepoint's row and its note go together.
    await withTenant(db, { tenantId: koeln, actor }, async (tx) => {
      await insertRolledBack(tx);
      await tx.execute(sql`SELECT 1`);
    });
    expect(await changes(koeln)).toBe(k0);
    // A later statement in the same transaction after the rollback is noted again.
    await withTenant(db, { tenantId: koeln, actor }, async (tx) => {
      await insertRolledBack(tx);
      await tx.execute(sql`INSERT INTO organisations (tenant_id, name, kind) VALUES (${koeln}, 'Bleibt', 'verein')`);
    });
    expect(await changes(koeln)).toBe(k0 + 1);
  });

  it("notes a change of the tenant row, and the request role cannot read or write the log", async () => {
    const a0 = await changes(aachen);
    await withSystem(db, (tx) => tx.execute(sql`UPDATE tenants SET name = name WHERE id = ${aachen}`));
    expect(await changes(aachen)).toBe(a0 + 1);
    await expect(
      withTenant(db, { tenantId: aachen, actor }, (tx) => tx.execute(sql`SELECT * FROM content_changes`)),
    ).rejects.toThrow();
  });

  it("prunes old entries but keeps the newest per tenant", async () => {
    await withSystem(db, (tx) => tx.execute(sql`UPDATE content_changes SET at = now() - interval '2 hours'`));
    await withSystem(db, (tx) => tx.execute(sql`SELECT prune_content_changes()`));
    expect(await changes(aachen)).toBe(1);
    expect(await changes(koeln)).toBe(1);
  });
});
