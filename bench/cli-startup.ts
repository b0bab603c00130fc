// Start-up cost of a CLI command (run: npm run bench -- cli-startup), beside two references measured
// in the same run: a bare `node -e 0` (the floor any command pays) and opening the embedded database
// alone through PGlite (what a database command cannot avoid). Prints medians of RUNS runs each.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");
const runs = Number(process.env.BENCH_RUNS ?? 7);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "teilhabe-bench-cli-"));
const env = { ...process.env, NODE_ENV: "production", DATA_DIR: dataDir, DATABASE_URL: "" };
const node = (args: string[], extra: Record<string, string> = {}) =>
  execFileSync(process.execPath, args, { cwd: ROOT, env: { ...env, ...extra }, stdio: "ignore" });

function median(label: string, fn: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  const m = times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
  console.log(`${label.padEnd(52)} ${m.toFixed(0).padStart(6)} ms`);
  return m;
}

const openPglite = `import { PGlite } from "@electric-sql/pglite";
const db = new PGlite(${JSON.stringify(path.join(dataDir, "pglite"))}); await db.query("SELECT 1"); await db.close();`;

try {
  console.log(`Teilhabe CLI start-up – ${os.cpus().length} cores, Node ${process.version}, ${runs} runs each (median)`);
  node(["cli/index.mjs", "db:migrate"]); // a migrated database to reopen
  const bare = median("reference: node -e 0", () => node(["-e", "0"]));
  const help = median("cli --help (no database)", () => node(["cli/index.mjs", "--help"]));
  const pglite = median("reference: PGlite open + SELECT 1 + close", () =>
    node(["--input-type=module", "-e", openPglite]),
  );
  const migrate = median("cli db:migrate (nothing to do)", () => node(["cli/index.mjs", "db:migrate"]));
  const small = median("cli db:migrate, PGLITE_SHARED_BUFFERS=16MB", () =>
    node(["cli/index.mjs", "db:migrate"], { PGLITE_SHARED_BUFFERS: "16MB" }),
  );
  console.log(`ratio --help / bare node:             ${(help / bare).toFixed(1)}`);
  console.log(
    `ratio db:migrate / PGlite open alone:  ${(migrate / pglite).toFixed(2)} (16MB: ${(small / pglite).toFixed(2)})`,
  );
} finally {
  fs.rmSync(dataDir, { recursive: true, force: true });
}
