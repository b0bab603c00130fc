import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { Client, openTestDatabase, startTestServer, type TestServer } from "../../../tests/support/server";
import { DEMO_PASSWORD } from "../../../tests/support/roles";

// The scheduled online backup (decision 0048): made from the embedded database while the server
// answers requests (pages, logins that write sessions and login attempts), it restores with
// db:restore's function into a fresh database with every row of its snapshot, table by table.
let s: TestServer;
let dir: string;
beforeAll(async () => {
  s = await startTestServer({ modules: true });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "teilhabe-backups-"));
});
afterAll(async () => {
  await s?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

type Db = TestServer["db"];
const count = async (db: Db, table: string) =>
  ((await db.orm.execute(sql.raw(`SELECT count(*)::int AS n FROM "${table}"`))) as unknown as { rows: { n: number }[] })
    .rows[0].n;

describe("online backup", () => {
  it("is made while requests are served and restores every row into a fresh database", async () => {
    let done = false;
    const statuses: number[] = [];
    // Traffic until the backup is finished: public pages, and logins (writes: sessions, login attempts).
    const traffic = (async () => {
      for (let i = 0; !done; i++) {
        const c = new Client(s.url);
        statuses.push((await c.get(i % 2 ? "/t/aachen/angebote" : "/t/aachen")).status);
        statuses.push(
          (await c.post("/anmelden", { email: "editor.aachen@example.org", password: DEMO_PASSWORD })).status,
        );
      }
    })();
    // Let some requests start first, so the backup meets a server at work.
    while (statuses.length < 4) await new Promise((r) => setTimeout(r, 10));
    fs.writeFileSync(path.join(dir, "eigene-notiz.txt"), "bleibt");
    const started = performance.now();
    const made = await s.build.backupToDir(s.db, dir, 2, new Date("2026-12-04T02:00:00Z"));
    const ms = performance.now() - started;
    const during = statuses.length;
    done = true;
    await traffic;
    console.log(`Sicherung: ${Math.round(ms)} ms, ${made.rows} Zeilen; ${during} Antworten bis dahin`);
    expect(statuses.every((x) => x === 200 || x === 302)).toBe(true);
    expect(statuses.filter((x) => x === 302).length).toBeGreaterThan(0);

    const fresh = await openTestDatabase(s.build, { demo: false, modules: true });
    try {
      const restored = await s.build.restore(fresh.db, made.file);
      const tables = Object.keys(restored);
      expect(tables).toEqual(expect.arrayContaining(["tenants", "users", "sessions", "atlas_entries", "audit_log"]));
      let rowsAfter = 0;
      for (const t of tables) {
        const n = await count(fresh.db, t);
        expect({ table: t, n }).toEqual({ table: t, n: restored[t] });
        rowsAfter += n;
      }
      expect(rowsAfter).toBe(made.rows);
      expect(await count(fresh.db, "atlas_entries")).toBeGreaterThan(50);
      // The backup's sessions exist: a login made before it still works against the restored data.
      expect(await count(fresh.db, "sessions")).toBeGreaterThan(0);
    } finally {
      await fresh.db.close();
      await fresh.remove();
    }

    // BACKUP_KEEP: only the newest two of the scheduled backups stay; other files are left alone.
    await s.build.backupToDir(s.db, dir, 2, new Date("2026-12-05T02:00:00Z"));
    const third = await s.build.backupToDir(s.db, dir, 2, new Date("2026-12-06T02:00:00Z"));
    expect(third.deleted).toEqual([path.basename(made.file)]);
    expect(fs.readdirSync(dir).sort()).toEqual([
      "eigene-notiz.txt",
      "teilhabe-20261205T020000Z.teilhabe.gz",
      "teilhabe-20261206T020000Z.teilhabe.gz",
    ]);
  });
});
