// Import benchmark for the integration monitoring: N observation rows from a CSV file through the
// importer the UI's background job and the CLI use (importInBackground: COPY into staging, checks in
// SQL, one merge transaction), on embedded PGlite (on disk) or on PostgreSQL when BENCH_DATABASE_URL
// is set. Beside it, in the same run on the same database, the reference: PostgreSQL's own COPY of the
// same file into a table plus one INSERT … SELECT into mon_observations (areas and indicators joined).
// Also the longest the event loop was blocked during the import (what other requests would wait).
//   npx vite-node bench/monitoring-import.ts [rows …]      default: 100000 1000000
// (vite-node, not tsx: the i18n strings are collected with import.meta.glob.) The process's RSS
// includes Vite's own; the import's share is the rise during the import. For the absolute peak of a
// real process, BENCH_CLI=1 also runs the same import through the CLI and reads its VmHWM
// (BENCH_CLI_NODE_OPTIONS are that process's NODE_OPTIONS).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase, type Database } from "~/kernel/db/client";
import { withSystem, withTenant } from "~/kernel/db/context";
import { createTenant } from "~/kernel/tenancy/service";
import { createArea, createIndicator, importInBackground, ObservationProfile } from "~/modules/monitoring";
import { spawn } from "node:child_process";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import { copyInto } from "~/kernel/db/copy";
import pg from "pg";
import { randomBytes } from "node:crypto";

// Migrations are collected from the module manifests with import.meta.glob, which only the build resolves.
const build = (await import(new URL("../build/server/index.js", import.meta.url).href)) as {
  migrate: (db: Database) => Promise<string[]>;
};
const migrate = build.migrate;

const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
if (!sizes.length) sizes.push(100_000, 1_000_000);

const AREAS = 1000,
  INDICATORS = 10,
  GROUPS = 10;

function writeCsv(rows: number, file: string) {
  const fd = fs.openSync(file, "w");
  fs.writeSync(fd, "Gebiet;Jahr;Merkmal;Gruppe;Wert\n");
  let buf = "";
  for (let i = 0; i < rows; i++) {
    const area = i % AREAS,
      rest = Math.floor(i / AREAS);
    const group = rest % GROUPS,
      r2 = Math.floor(rest / GROUPS);
    const ind = r2 % INDICATORS,
      year = 2000 + Math.floor(r2 / INDICATORS);
    buf += `${String(area + 1).padStart(4, "0")};${year};m${ind};g${group};${(((i * 7919) % 100000) / 10).toFixed(1).replace(".", ",")}\n`;
    if (buf.length > 1 << 20) {
      fs.writeSync(fd, buf);
      buf = "";
    }
  }
  fs.writeSync(fd, buf);
  fs.closeSync(fd);
}

/** A new database of its own; the caller closes `db`, then calls drop. */
async function freshDb(): Promise<{ db: Database; url?: string; dataDir?: string; drop: () => Promise<void> }> {
  const url = process.env.BENCH_DATABASE_URL;
  if (url) {
    const name = `teilhabe_bench_${randomBytes(4).toString("hex")}`;
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`CREATE DATABASE ${name}`);
    await c.end();
    const own = url.replace(/\/[^/?]*(\?|$)/, `/${name}$1`);
    return {
      db: await openDatabase({ url: own }),
      url: own,
      drop: async () => {
        const c2 = new pg.Client({ connectionString: url });
        await c2.connect();
        await c2.query(`DROP DATABASE ${name} WITH (FORCE)`);
        await c2.end();
      },
    };
  }
  // DATA_DIR/pglite, as the CLI finds it.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mon-bench-db-"));
  const dataDir = path.join(dir, "pglite");
  return {
    db: await openDatabase({ dataDir }),
    dataDir,
    drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** Tenant with the bench's indicators and areas; returns its scope. */
async function setUpTenant(db: Database, slug: string, ags: string) {
  const t = await withSystem(db, (tx) => createTenant(tx, { slug, name: `Bench ${slug}`, kind: "kommune", ags }));
  const scope = { tenantId: t.id, actor: { userId: null, label: "Benchmark" } };
  await withTenant(db, scope, async (tx) => {
    for (let i = 0; i < INDICATORS; i++)
      await createIndicator(tx, {
        code: `m${i}`,
        name: `Merkmal ${i}`,
        field: "Demografie",
        dimension: "strukturell",
        unit: "Personen",
        isCount: true,
      });
    for (let a = 1; a <= AREAS; a++) await createArea(tx, { level: "stadtteil", key: String(a), name: `Gebiet ${a}` });
  });
  return scope;
}

/**
 * The reference: COPY of the file as it is into a table, then one INSERT … SELECT that maps area keys
 * and indicator codes by join, as the owner (no row-level security, no checks, no history).
 */
async function reference(db: Database, tenantId: string, file: string): Promise<{ copy: number; insert: number }> {
  return withSystem(db, async (tx) => {
    await tx.execute(
      sql.raw(
        `CREATE TEMP TABLE ref_raw (gebiet text, jahr text, merkmal text, gruppe text, wert text) ON COMMIT DROP`,
      ),
    );
    const text = fs.readFileSync(file, "utf8");
    const body = text.slice(text.indexOf("\n") + 1);
    const t0 = performance.now();
    // The same COPY path the importer uses (pg-copy-streams or a PGlite blob), CSV format.
    const lines: string[] = [];
    for (let i = 0, j; i < body.length; i = j + 1) {
      j = body.indexOf("\n", i);
      if (j < 0) j = body.length;
      lines.push(body.slice(i, j + 1));
    }
    await copyInto(tx, "ref_raw", lines, { csvDelimiter: ";" });
    const t1 = performance.now();
    // Statistics for the planner (the importer gathers them for its staging table too).
    await tx.execute(sql`ANALYZE ref_raw`);
    await tx.execute(sql`INSERT INTO mon_observations (tenant_id, indicator_id, area_id, period, group_code, value, is_estimate)
      SELECT ${tenantId}::uuid, i.id, a.id, r.jahr, r.gruppe, replace(r.wert, ',', '.')::float8, false
      FROM ref_raw r
      JOIN mon_areas a ON a.tenant_id = ${tenantId}::uuid AND a.level = 'stadtteil' AND a.key = ltrim(r.gebiet, '0')
      JOIN mon_indicators i ON i.tenant_id = ${tenantId}::uuid AND i.code = r.merkmal`);
    const t2 = performance.now();
    return { copy: (t1 - t0) / 1000, insert: (t2 - t1) / 1000 };
  });
}
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "mon-bench-"));
console.log(
  `Monitoring-Import-Benchmark auf ${process.env.BENCH_DATABASE_URL ? "PostgreSQL" : "PGlite (Datei)"}, Node ${process.version}, ${os.cpus().length} CPU`,
);
interface Result {
  rows: number;
  seconds: number;
  reference: number;
  copy: number;
  insert: number;
  riseMb: number;
  blockMs: number;
  cliSeconds?: number;
  cliPeakMb?: number;
}
const results: Result[] = [];
const mbOf = (b: number) => b / 2 ** 20;
const de = (x: number, d = 1) => x.toLocaleString("de-DE", { maximumFractionDigits: d, minimumFractionDigits: d });
for (const n of sizes) {
  const file = path.join(tmp, `obs-${n}.csv`);
  writeCsv(n, file);
  const { db, drop, url, dataDir } = await freshDb();
  await migrate(db);
  const scope = await setUpTenant(db, "bench", "05999999");
  const refScope = await setUpTenant(db, "referenz", "05999998");
  const map: Record<string, { indicator: string; group: string }> = {};
  for (let i = 0; i < INDICATORS; i++) map[`m${i}`] = { indicator: `m${i}`, group: "gesamt" };
  const profile = ObservationProfile.parse({
    kind: "observations",
    name: "bench",
    layout: "long",
    format: {},
    area: { column: "Gebiet" },
    period: { column: "Jahr" },
    value: { column: "Wert" },
    series: { columns: ["Merkmal"], map },
    group: { column: "Gruppe" },
  });

  // As the server does at start (PGlite runs no autovacuum): statistics for the new tenants' tables.
  await db.orm.execute(sql`ANALYZE`);
  const ref = await reference(db, refScope.tenantId, file);
  const refRows = await withSystem(db, (tx) =>
    tx.execute(sql`SELECT count(*)::int AS n FROM mon_observations WHERE tenant_id = ${refScope.tenantId}::uuid`),
  );
  if ((refRows as unknown as { rows: { n: number }[] }).rows[0].n !== n) throw new Error("Referenz unvollständig");

  const bytes = new Uint8Array(fs.readFileSync(file));
  global.gc?.();
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 25);
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const t0 = performance.now();
  // When each step began, from the importer's progress reports.
  const began: Record<string, number> = {};
  const r = await importInBackground(
    db,
    scope,
    { bytes, fileName: path.basename(file), profile, dryRun: false },
    (p) => {
      began[p.phase] ??= (performance.now() - t0) / 1000;
    },
  );
  const seconds = (performance.now() - t0) / 1000;
  const steps = `Lesen+COPY bis ${de(began.check ?? NaN)} s, Prüfen bis ${de(began.merge ?? NaN)} s, Übernehmen bis ${de(seconds)} s`;
  loop.disable();
  clearInterval(timer);
  if (!r.committed || r.inserted !== n)
    throw new Error(
      `Import unvollständig: ${JSON.stringify({ ...r, preview: undefined, errors: r.errors.slice(0, 3) })}`,
    );
  const res: Result = {
    rows: n,
    seconds,
    reference: ref.copy + ref.insert,
    copy: ref.copy,
    insert: ref.insert,
    riseMb: mbOf(peak - base),
    blockMs: loop.max / 1e6,
  };
  await db.close();
  if (process.env.BENCH_CLI) Object.assign(res, await viaCli(file, profile, url, dataDir));
  results.push(res);
  console.log(
    `${n.toLocaleString("de-DE")} Zeilen: Import ${de(seconds)} s (${steps}) · Referenz COPY ${de(ref.copy)} s + INSERT … SELECT ${de(ref.insert)} s = ${de(res.reference)} s · Verhältnis ${de(seconds / res.reference, 2)} · RSS-Anstieg ${de(res.riseMb, 0)} MB · längste Blockade der Ereignisschleife ${de(res.blockMs, 0)} ms` +
      (res.cliSeconds ? ` · CLI-Prozess ${de(res.cliSeconds)} s, Spitzen-RSS ${de(res.cliPeakMb!, 0)} MB` : ""),
  );
  await drop();
  fs.rmSync(file);
}
if (results.length > 1) {
  const [a, b] = [results[0], results[results.length - 1]];
  console.log(
    `Skalierung ${a.rows.toLocaleString("de-DE")} → ${b.rows.toLocaleString("de-DE")}: ${(b.rows / a.rows).toFixed(0)}× Zeilen, ${de(b.seconds / a.seconds)}× Zeit (Referenz ${de(b.reference / a.reference)}×)`,
  );
}
fs.rmSync(tmp, { recursive: true, force: true });

/**
 * The same import once more through the CLI in a process of its own, into a third tenant: wall time
 * (start-up included) and the process's peak RSS (VmHWM, read until it exits).
 */
async function viaCli(file: string, profile: ObservationProfile, url?: string, dataDir?: string) {
  const profileFile = path.join(tmp, "profile.json");
  fs.writeFileSync(profileFile, JSON.stringify(profile));
  const db = await openDatabase(url ? { url } : { dataDir });
  await setUpTenant(db, "cli", "05999997");
  await db.close();
  // BENCH_CLI_NODE_OPTIONS: e.g. --max-old-space-size=192, to see how much of the peak is garbage.
  const env = {
    ...process.env,
    NODE_ENV: "production",
    NODE_OPTIONS: process.env.BENCH_CLI_NODE_OPTIONS ?? "",
    ...(url ? { DATABASE_URL: url } : { DATA_DIR: path.dirname(dataDir!) }),
  };
  const t0 = performance.now();
  const child = spawn(
    process.execPath,
    ["cli/index.mjs", "monitoring:import", "--tenant", "cli", "--profile", profileFile, "--file", file],
    {
      env,
      stdio: ["ignore", "ignore", "ignore"],
    },
  );
  let hwm = 0;
  const poll = setInterval(() => {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${child.pid}/status`, "utf8"));
      if (m) hwm = Math.max(hwm, Number(m[1]) * 1024);
    } catch {
      /* gone */
    }
  }, 20);
  const code = await new Promise<number>((r) => child.once("exit", (c) => r(c ?? 1)));
  clearInterval(poll);
  if (code !== 0) throw new Error(`CLI-Import fehlgeschlagen (${code})`);
  return { cliSeconds: (performance.now() - t0) / 1000, cliPeakMb: mbOf(hwm) };
}
