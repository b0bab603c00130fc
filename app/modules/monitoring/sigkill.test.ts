import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { loadBuild } from "../../../tests/support/server";

// A large CLI import killed with SIGKILL in the middle must leave no trace: no values, no import record.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mon-kill-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const env = { ...process.env, DATA_DIR: path.join(dir, "data"), NODE_ENV: "production" };
const cli = path.resolve("cli/index.mjs");

describe.skipIf(process.env.TEST_DB === "pg")("SIGKILL during an import", () => {
  it("leaves the database exactly as before", async () => {
    expect(spawnSync(process.execPath, [cli, "demo:load"], { env, encoding: "utf8" }).status).toBe(0);
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
      { env, stdio: "ignore" },
    );
    // Kill once the import transaction is well under way (the file is read and batches are being written).
    await new Promise((r) => setTimeout(r, 6000));
    expect(child.exitCode).toBeNull();
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));
    expect(await counts()).toEqual(before);
  }, 180_000);
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
