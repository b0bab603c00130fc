import { sql } from "drizzle-orm";
import { openDatabase, type Database, type Tx } from "~/kernel/db/client";
import { rows, withSystem, withTenant } from "~/kernel/db/context";
import { migrate, seedDemo } from "./app";
import {
  copyTemplateDir,
  templateFor,
  createPgDatabase,
  templateKind,
  TEST_SHARED_BUFFERS,
  type TestDbOptions,
} from "./templates";

/**
 * A fresh, migrated database for one test file, of its own: by default a copy of the run's migrated
 * PGlite template (tests/support/global-setup.ts); with TEST_DB=pg a new database on the server at
 * TEST_DATABASE_URL made from the template database. cleanup closes and removes it.
 */
export async function createTestDb(
  opts: TestDbOptions = {},
): Promise<{ db: Database; url?: string; cleanup: () => Promise<void> }> {
  const template = templateFor(templateKind(opts));
  if (process.env.TEST_DB === "pg") {
    const made = await createPgDatabase("teilhabe_test", template);
    const db = await openDatabase({ url: made.url });
    if (!template) await fill(db, opts);
    return {
      db,
      url: made.url,
      cleanup: async () => {
        await db.close();
        await made.drop();
      },
    };
  }
  if (!template) {
    const db = await openDatabase({ dataDir: "memory://", sharedBuffers: TEST_SHARED_BUFFERS });
    await fill(db, opts);
    return { db, cleanup: () => db.close() };
  }
  const copy = copyTemplateDir(template);
  const db = await openDatabase({ dataDir: copy.dataDir, sharedBuffers: TEST_SHARED_BUFFERS });
  return {
    db,
    cleanup: async () => {
      await db.close();
      copy.remove();
    },
  };
}

async function fill(db: Database, opts: TestDbOptions) {
  await migrate(db);
  if (opts.demo) await seedDemo(db, () => {}, { modules: !!opts.modules });
}

/** The demo tenants' ids by slug ("aachen", "koeln", …), read as the system. */
export async function tenantIds(db: Database): Promise<Record<string, string>> {
  const t = await withSystem(db, (tx) => rows<{ slug: string; id: string }>(tx, sql`SELECT slug, id FROM tenants`));
  return Object.fromEntries(t.map((x) => [x.slug, x.id]));
}

class Rollback extends Error {}

/**
 * Runs fn in a tenant transaction that is rolled back afterwards, so each test can build on the demo
 * data without leaving anything for the next. Errors of fn itself still fail the test.
 */
export async function rolledBack(db: Database, tenantId: string, fn: (tx: Tx) => Promise<void>): Promise<void> {
  await withTenant(db, { tenantId, actor: { userId: null, label: "test@example.org" } }, async (tx) => {
    await fn(tx);
    throw new Rollback();
  }).catch((e) => {
    if (!(e instanceof Rollback)) throw e;
  });
}
