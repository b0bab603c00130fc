import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { loadBuild } from "../../../tests/support/server";
import { templateDataDir } from "../../../tests/support/templates";

// A large CLI import killed with SIGKILL in the middle must leave no trace: no values, no import record.
const pg = process.env.TEST_DB === "pg";
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mon-kill-"));
// The demo data as `demo:load` leaves it (tests/integration/cli.test.ts runs that command itself).
const data = pg ? undefined : templateDataDir("demo-modules");
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  data?.remove();
});
const env = { ...process.env, DATA_DIR: data?.dataDir ?? "", NODE_ENV: "production" };
const cli = path.resolve("cli/index.mjs");

describe.skipIf(pg)("SIGKILL during an import", () => {
  it("leaves the database exactly as before", async () => {
    // 86 Stadtteile × 30 years × 80 groups = 206,400 rows: long enough to be killed halfway.
    const stt = Array.from({ length: 9 }, (_, b) =>
      Array.from({ length: 12 }, (_, i) => `${b + 1}${String(i + 1).padStart(2, "0")}`),
    ).flat();
    const lines = ["Gebiet;Jahr;Gruppe;Wert"];
    for (const k of stt)
      for (let y = 1990; y < 2020; y++) for (let g = 0; g < 80; g++) lines.push(`${k};${y};g${g};${(y * g) % 997}`);
    fs.writeFileSync(path.join(dir, "big.csv"), lines.join("\n"));
    fs.writeFileSync(
      path.join(dir, "profile.json"),
      JSON.stringify({
        kind: "observations",
        name: "kill-test",
        layout: "long",
        area: { column: "Gebiet" },
        period: { column: "Jahr" },
        value: { column: "Wert" },
        indicator: "arbeitslose",
        group: { column: "Gruppe" },
        unmatchedAreas: "skip",
      }),
    );

    const before = await counts();
    // Killed twice: while rows are being staged, and once the merge has begun. The CLI's progress
    // lines on stderr say where it is, so no clock decides when to kill.
    for (const killAt of [/Zeilen geprüft: [1-9]/, /Übernehme die Werte/]) {
      const child = spawn(
        process.execPath,
        [
          cli,
          "monitoring:import",
          "--tenant",
          "koeln",
          "--profile",
          path.join(dir, "profile.json"),
          "--file",
          path.join(dir, "big.csv"),
        ],
        { env, stdio: ["ignore", "ignore", "pipe"] },
      );
      let err = "";
      await new Promise<void>((resolve) => {
        child.stderr!.on("data", (d) => {
          err += d;
          if (killAt.test(err)) resolve();
        });
        child.once("exit", () => resolve());
      });
      const reading = killAt.source.startsWith("Zeilen");
      if (reading) expect(child.exitCode, err).toBeNull();
      if (child.exitCode === null) {
        child.kill("SIGKILL");
        await new Promise((r) => child.once("exit", r));
      }
      const after = await counts();
      // Staging writes nothing of the tenant's; a merge cut off by the kill is rolled back whole, and
      // one that committed just before the signal is complete: never a part of the file.
      if (reading) expect(after).toEqual(before);
      else
        expect([before, { observations: before.observations + 206_400, imports: before.imports + 1 }]).toContainEqual(
          after,
        );
    }
  });
});

async function counts() {
  const build = await loadBuild();
  const db = await build.openDatabase({ dataDir: env.DATA_DIR + "/pglite" });
  try {
    const q = async (s: string) =>
      Number(((await db.orm.execute(sql.raw(s))) as unknown as { rows: { n: number }[] }).rows[0].n);
    return {
      observations: await q("SELECT count(*)::int AS n FROM mon_observations"),
      imports: await q("SELECT count(*)::int AS n FROM mon_imports"),
    };
  } finally {
    await db.close();
  }
}
