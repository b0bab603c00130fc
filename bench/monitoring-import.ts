// Import benchmark for the integration monitoring: N observation rows from a CSV file through the
// same importer the UI and CLI use (one all-or-nothing transaction), on embedded PGlite (on disk)
// or on PostgreSQL when BENCH_DATABASE_URL is set.
//   node --import tsx bench/monitoring-import.ts [rows …]      default: 100000 1000000
// For a clean peak-memory figure per size run one size per process (maxRSS never goes down).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase, type Database } from "~/kernel/db/client";
import { withSystem, withTenant } from "~/kernel/db/context";
import { createTenant } from "~/kernel/tenancy/service";
import { createArea, createIndicator, ObservationProfile, runImport } from "~/modules/monitoring";
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

async function freshDb(): Promise<{ db: Database; drop: () => Promise<void> }> {
  const url = process.env.BENCH_DATABASE_URL;
  if (url) {
    const name = `teilhabe_bench_${randomBytes(4).toString("hex")}`;
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`CREATE DATABASE ${name}`);
    await c.end();
    const db = await openDatabase({ url: url.replace(/\/[^/?]*(\?|$)/, `/${name}$1`) });
    return {
      db,
      drop: async () => {
        await db.close();
        const c2 = new pg.Client({ connectionString: url });
        await c2.connect();
        await c2.query(`DROP DATABASE ${name} WITH (FORCE)`);
        await c2.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mon-bench-db-"));
  const db = await openDatabase({ dataDir: dir });
  return {
    db,
    drop: async () => {
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "mon-bench-"));
console.log(
  `Monitoring-Import-Benchmark auf ${process.env.BENCH_DATABASE_URL ? "PostgreSQL" : "PGlite (Datei)"}, Node ${process.version}, ${os.cpus().length} CPU`,
);
const results: { rows: number; seconds: number; rate: number; rssMb: number; heapMb: number }[] = [];
for (const n of sizes) {
  const file = path.join(tmp, `obs-${n}.csv`);
  writeCsv(n, file);
  const { db, drop } = await freshDb();
  await migrate(db);
  const t = await withSystem(db, (tx) =>
    createTenant(tx, { slug: "bench", name: "Benchstadt", kind: "kommune", ags: "05999999" }),
  );
  const scope = { tenantId: t.id, actor: { userId: null, label: "Benchmark" } };
  const map: Record<string, { indicator: string; group: string }> = {};
  await withTenant(db, scope, async (tx) => {
    for (let i = 0; i < INDICATORS; i++) {
      await createIndicator(tx, {
        code: `m${i}`,
        name: `Merkmal ${i}`,
        field: "Demografie",
        dimension: "strukturell",
        unit: "Personen",
        isCount: true,
      });
      map[`m${i}`] = { indicator: `m${i}`, group: "gesamt" };
    }
    for (let a = 1; a <= AREAS; a++) await createArea(tx, { level: "stadtteil", key: String(a), name: `Gebiet ${a}` });
  });
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
  const bytes = new Uint8Array(fs.readFileSync(file));
  global.gc?.();
  const base = process.memoryUsage();
  let peakRss = base.rss,
    peakHeap = base.heapUsed;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 25);
  const t0 = performance.now();
  const r = await runImport((fn) => withTenant(db, scope, fn), {
    bytes,
    fileName: path.basename(file),
    profile,
    dryRun: false,
  });
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(timer);
  if (!r.committed || r.inserted !== n)
    throw new Error(
      `Import unvollständig: ${JSON.stringify({ ...r, preview: undefined, errors: r.errors.slice(0, 3) })}`,
    );
  // maxRSS is the kernel's peak for the whole process (PGlite's WebAssembly memory included); the
  // sampled heap can miss short peaks because the import rarely yields to timers.
  const maxRss = process.resourceUsage().maxRSS * 1024;
  const res = {
    rows: n,
    seconds,
    rate: n / seconds,
    rssMb: Math.max(peakRss, maxRss) / 2 ** 20,
    heapMb: peakHeap / 2 ** 20,
  };
  results.push(res);
  console.log(
    `${n.toLocaleString("de-DE")} Zeilen: ${seconds.toFixed(1)} s, ${Math.round(res.rate).toLocaleString("de-DE")} Zeilen/s, Spitzen-RSS des Prozesses ${res.rssMb.toFixed(0)} MB (vor dem Import ${(base.rss / 2 ** 20).toFixed(0)} MB), Heap-Stichprobe max. ${res.heapMb.toFixed(0)} MB`,
  );
  await drop();
  fs.rmSync(file);
}
if (results.length > 1) {
  const [a, b] = [results[0], results[results.length - 1]];
  console.log(
    `Skalierung ${a.rows.toLocaleString("de-DE")} → ${b.rows.toLocaleString("de-DE")}: ${(b.rows / a.rows).toFixed(0)}× Zeilen, ${(b.seconds / a.seconds).toFixed(1)}× Zeit, ${(b.rssMb / a.rssMb).toFixed(1)}× Spitzen-RSS`,
  );
}
fs.rmSync(tmp, { recursive: true, force: true });
