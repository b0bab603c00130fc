import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql, type SQL } from "drizzle-orm";
import type { Database } from "./client";
import { dbFailure, pgErrorCode } from "./errors";
import { getT } from "../i18n";
import { createTestDb } from "../../../tests/support/db";

let db: Database;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ db, cleanup } = await createTestDb());
  await db.orm.execute(sql`CREATE TABLE probe_parent (id uuid PRIMARY KEY)`);
  await db.orm.execute(sql`CREATE TABLE probe (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    parent uuid REFERENCES probe_parent(id),
    code varchar(3) UNIQUE,
    n integer CHECK (n > 0),
    d date,
    required text NOT NULL DEFAULT 'x'
  )`);
  await db.orm.execute(sql`INSERT INTO probe_parent VALUES ('00000000-0000-4000-8000-000000000001')`);
  await db.orm.execute(sql`INSERT INTO probe (parent, code) VALUES ('00000000-0000-4000-8000-000000000001', 'abc')`);
});
afterAll(async () => {
  await cleanup?.();
});

/** The error the real database raises for a statement. */
async function errorOf(q: SQL): Promise<unknown> {
  try {
    await db.orm.execute(q);
  } catch (e) {
    return e;
  }
  throw new Error("the statement did not fail");
}

describe("database errors caused by bad input", () => {
  // Each case is raised by the database itself, so a changed SQLSTATE or driver wrapping shows here.
  const cases: [string, SQL, string, number, string][] = [
    ["a malformed id", sql`SELECT ${"kein-uuid"}::uuid`, "22P02", 422, "errors.db.invalidValue"],
    [
      "an unknown referenced id",
      sql`INSERT INTO probe (parent) VALUES (gen_random_uuid())`,
      "23503",
      422,
      "errors.db.reference",
    ],
    ["deleting what is referenced", sql`DELETE FROM probe_parent`, "23503", 409, "errors.db.inUse"],
    ["a duplicate", sql`INSERT INTO probe (code) VALUES ('abc')`, "23505", 409, "errors.duplicate"],
    ["a check violation", sql`INSERT INTO probe (n) VALUES (0)`, "23514", 422, "errors.db.check"],
    ["a missing value", sql`INSERT INTO probe (required) VALUES (NULL)`, "23502", 422, "errors.db.required"],
    ["a string too long", sql`INSERT INTO probe (code) VALUES ('abcd')`, "22001", 422, "errors.db.tooLong"],
    [
      "a number out of range",
      sql`INSERT INTO probe (n) VALUES (${"99999999999"}::bigint)`,
      "22003",
      422,
      "errors.db.outOfRange",
    ],
    ["a malformed date", sql`INSERT INTO probe (d) VALUES (${"31.02.2026x"}::date)`, "22007", 422, "errors.db.date"],
    ["a date out of range", sql`INSERT INTO probe (d) VALUES (${"2026-02-30"}::date)`, "22008", 422, "errors.db.date"],
    [
      "a text too large for the search index",
      sql`SELECT string_agg(md5(i::text), ' ')::tsvector FROM generate_series(1, 40000) i`,
      "54000",
      422,
      "errors.db.tooLong",
    ],
    ["a NUL byte in a text", sql`SELECT ${"a\u0000b"}::text`, "22021", 422, "errors.db.characters"],
    ["a division by zero", sql`SELECT 1 / ${0}::int`, "22012", 422, "errors.db.invalidValue"],
  ];
  for (const [what, q, code, status, key] of cases)
    it(`answers ${what} (${code}) with ${status} and a German message`, async () => {
      const e = await errorOf(q);
      expect(pgErrorCode(e)).toBe(code);
      expect(dbFailure(e)).toEqual({ status, code: key });
      expect(getT("de")(key)).not.toBe(key);
      expect(getT("en")(key)).not.toBe(key);
    });

  it("treats a malformed id in a read as a page that does not exist", async () => {
    expect(dbFailure(await errorOf(sql`SELECT ${"x"}::uuid`), { read: true })).toEqual({
      status: 404,
      code: "errors.notFound",
    });
  });

  it("leaves other errors alone, so they are logged as the server's fault", async () => {
    expect(dbFailure(await errorOf(sql`SELECT * FROM no_such_table`))).toBeUndefined();
    expect(dbFailure(new Error("connection lost"))).toBeUndefined();
    expect(dbFailure(Object.assign(new Error("x"), { code: "ECONNRESET" }))).toBeUndefined();
  });
});
