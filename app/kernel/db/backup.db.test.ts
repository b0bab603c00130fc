import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { createTestDb } from "../../../tests/support/db";
import type { Database } from "./client";
import { rows, withSystem, withTenant } from "./context";
import { backup, restore } from "./backup";
import { createOrganisation } from "../organisations/service";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "teilhabe-backup-"));
let a: Awaited<ReturnType<typeof createTestDb>>, b: Awaited<ReturnType<typeof createTestDb>>;

/** Every row of every table, as text, in a stable order. */
async function snapshot(db: Database): Promise<Record<string, string[]>> {
  const tables = (
    await withSystem(db, (tx) =>
      rows<{ t: string }>(tx, sql`SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`),
    )
  ).map((r) => r.t);
  const out: Record<string, string[]> = {};
  for (const t of tables) {
    out[t] = (
      await withSystem(db, (tx) => rows<{ r: string }>(tx, sql.raw(`SELECT x::text AS r FROM "${t}" x ORDER BY 1`)))
    ).map((r) => r.r);
  }
  return out;
}

beforeAll(async () => {
  a = await createTestDb({ demo: true, modules: true });
  // Different data that the restore must replace.
  b = await createTestDb({ demo: true });
});
afterAll(async () => {
  await a.cleanup();
  await b.cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("backup and restore", () => {
  it("restores every row of every table into another database", async () => {
    const file = path.join(dir, "a.teilhabe.gz");
    const counts = await backup(a.db, file);
    expect(counts.users).toBeGreaterThan(10);
    expect(counts.audit_log).toBeGreaterThan(10);
    expect((await snapshot(b.db)).users).not.toEqual((await snapshot(a.db)).users);
    await restore(b.db, file);
    const sa = await snapshot(a.db),
      sb = await snapshot(b.db);
    delete sa.schema_migrations;
    delete sb.schema_migrations;
    expect(Object.keys(sb)).toEqual(Object.keys(sa));
    for (const t of Object.keys(sa)) expect({ t, rows: sb[t] }).toEqual({ t, rows: sa[t] });
  });

  it("continues sequences after the restored ids", async () => {
    const aachen = (
      await withSystem(b.db, (tx) => rows<{ id: string }>(tx, sql`SELECT id FROM tenants WHERE slug = 'aachen'`))
    )[0].id;
    const r = await withTenant(b.db, { tenantId: aachen, actor: { userId: null, label: "t" } }, (tx) =>
      createOrganisation(tx, { name: "Nach der Wiederherstellung e.V.", kind: "verein" }),
    );
    expect(r.ok).toBe(true);
  });

  it("changes nothing when the file is broken", async () => {
    const before = await snapshot(b.db);
    const bad = path.join(dir, "bad.gz");
    fs.writeFileSync(bad, "keine Sicherung");
    await expect(restore(b.db, bad)).rejects.toThrow();
    // A valid header followed by a broken chunk: the truncate must be rolled back.
    const good = path.join(dir, "a.teilhabe.gz");
    const zlib = await import("node:zlib");
    const lines = zlib.gunzipSync(fs.readFileSync(good)).toString().split("\n");
    fs.writeFileSync(
      bad,
      zlib.gzipSync(lines.slice(0, 3).join("\n") + '\n{"table":"users","rows":[{"id":"kaputt"}]}\n'),
    );
    await expect(restore(b.db, bad)).rejects.toThrow();
    expect(await snapshot(b.db)).toEqual(before);
  });
});
