// p50/p95 of the public monitoring index, an indicator page and the observations API (86 Stadtteile
// × 8 years) for Köln on embedded PGlite with the demo data (SHARED_DATA_DIR), each beside a floor
// measured in the same run: a plain node:http server answering the very same bytes (no nginx here).
// Optionally a second build (e.g. main, built into another directory) is measured first as "before".
//   SHARED_DATA_DIR=/work/shared/data node --import tsx bench/monitoring-pages.ts [requests] [before-build-dir]
// With BENCH_PAGE_CACHE=1 the public page cache answers the repeated requests (decision 0018).
// Sequential requests (one at a time), so the figures are latencies, not throughput. The machine is
// shared: the numbers are noisy, compare within one run only.
import http from "node:http";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { throwawayCasesKey } from "./support";

throwawayCasesKey();

// The build loads React's production or development bundles by NODE_ENV; measure what `npm start` runs.
process.env.NODE_ENV ??= "production";

const N = Number(process.argv[2] ?? 200);
const beforeDir = process.argv[3];
// The old index takes seconds per request; fewer requests keep the "before" run bearable.
const N_BEFORE = Number(process.env.BENCH_BEFORE_REQUESTS ?? 15);

const targets = [
  ["Übersicht /t/koeln/monitoring", "/t/koeln/monitoring"],
  ["Indikatorseite mh_anteil", "/t/koeln/monitoring/indikator/mh_anteil"],
  ["API observations mh_anteil 86×8", "/api/v1/t/koeln/observations?indicator=mh_anteil&level=stadtteil"],
  ["API observations einwohner 86×8", "/api/v1/t/koeln/observations?indicator=einwohner&level=stadtteil"],
] as const;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

async function listen(server: http.Server): Promise<string> {
  await new Promise<void>((res) => server.listen(0, "127.0.0.1", () => res()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function latencies(url: string, n: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    const r = await fetch(url);
    await r.arrayBuffer();
    if (r.status !== 200) throw new Error(`HTTP ${r.status} for ${url}`);
    times.push(performance.now() - s);
  }
  return times;
}

/** The floor: the same response bytes from a server that does nothing else. */
async function floorFor(body: Buffer, type: string) {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": type, "content-length": body.length });
    res.end(body);
  });
  return { server, base: await listen(server) };
}

async function measureBuild(label: string, dir: string, n: number) {
  const build = await import(new URL(path.resolve(dir, "server/index.js"), "file://").href);
  const db = await build.openDatabase({ dataDir: "memory://" });
  await build.migrate(db);
  const t0 = performance.now();
  await build.seedDemo(db, () => {}, { modules: true });
  console.log(`\n${label} (${dir}): Demodaten geladen in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  // Without the public page cache (decision 0018) unless BENCH_PAGE_CACHE=1: the loaders' own cost.
  const cached = process.env.BENCH_PAGE_CACHE === "1";
  const app = build.createApp({
    db,
    log: () => {},
    ...(cached ? {} : { pageCache: { maxBytes: 0, maxAgeMs: 0 } }),
  });
  if (cached) label += " (Cache)";
  const server = http.createServer(app);
  const base = await listen(server);
  try {
    for (const [name, url] of targets) {
      const first = await fetch(base + url);
      const body = Buffer.from(await first.arrayBuffer());
      if (first.status !== 200) throw new Error(`HTTP ${first.status} for ${url}`);
      const floor = await floorFor(body, first.headers.get("content-type") ?? "text/html");
      await latencies(base + url, 2); // warm-up
      const app = await latencies(base + url, n);
      const ref = await latencies(floor.base + url, n);
      floor.server.close();
      const [a50, a95, r50, r95] = [pct(app, 50), pct(app, 95), pct(ref, 50), pct(ref, 95)];
      console.log(
        `${label.padEnd(12)} ${name.padEnd(34)} ${String(body.length).padStart(7)} B  n=${n}  ` +
          `p50 ${a50.toFixed(1)} ms  p95 ${a95.toFixed(1)} ms  | Boden node:http p50 ${r50.toFixed(2)} ms  p95 ${r95.toFixed(2)} ms  | p95-Verhältnis ${(a95 / r95).toFixed(0)}×`,
      );
    }
  } finally {
    server.close();
    await db.close();
  }
}

if (beforeDir) await measureBuild("vorher", beforeDir, N_BEFORE);
await measureBuild("nachher", path.resolve(import.meta.dirname, "../build"), N);
