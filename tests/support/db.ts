import pg from "pg";
import { randomBytes } from "node:crypto";
import { openDatabase, type Database } from "~/kernel/db/client";
import { migrate } from "./app";

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default; with TEST_DB=pg a
 * new database on the server at TEST_DATABASE_URL (dropped again by cleanup).
 */
export async function createTestDb(): Promise<{ db: Database; url?: string; cleanup: () => Promise<void> }> {
  if (process.env.TEST_DB === "pg") {
    const admin = process.env.TEST_DATABASE_URL;
    if (!admin) throw new Error("TEST_DB=pg braucht TEST_DATABASE_URL");
    const name = `teilhabe_test_${randomBytes(6).toString("hex")}`;
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    await c.query(`CREATE DATABASE ${name}`);
    await c.end();
    const url = admin.replace(/\/[^/?]*(\?|$)/, `/${name}$1`);
    const db = await openDatabase({ url });
    await migrate(db);
    return {
      db,
      url,
      cleanup: async () => {
        await db.close();
        const c2 = new pg.Client({ connectionString: admin });
        await c2.connect();
        await c2.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c2.end();
      },
    };
  }
  const db = await openDatabase({ dataDir: "memory://" });
  await migrate(db);
  return { db, cleanup: () => db.close() };
}
