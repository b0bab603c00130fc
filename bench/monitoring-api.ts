// Latency of the observations API for Köln: 86 Stadtteile × 8 years (mh_anteil, a derived share),
// against the production build on embedded PGlite with the demo data.
//   node --import tsx bench/monitoring-api.ts [requests]      default 300
import type { AddressInfo } from "node:net";
import { throwawayCasesKey } from "./support";

throwawayCasesKey();

const N = Number(process.argv[2] ?? 300);
const build = await import(new URL("../build/server/index.js", import.meta.url).href);
const db = await build.openDatabase({ dataDir: "memory://" });
await build.migrate(db);
const t0 = performance.now();
await build.seedDemo(db, () => {}, { modules: true });
console.log(`Demodaten (alle Module) geladen in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
const app = build.createApp({ db, log: () => {} });
const server = await new Promise<import("node:http").Server>((res) => {
  const s = app.listen(0, "127.0.0.1", () => res(s));
});
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
async function measure(label: string, url: string, concurrency: number) {
  const first = await (await fetch(base + url)).json();
  const times: number[] = [];
  let next = 0;
  const t = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < N) {
        next++;
        const s = performance.now();
        const r = await fetch(base + url);
        await r.arrayBuffer();
        if (r.status !== 200) throw new Error(`HTTP ${r.status}`);
        times.push(performance.now() - s);
      }
    }),
  );
  const total = (performance.now() - t) / 1000;
  console.log(
    `${label} (${first.observations.length} Werte, ${concurrency} parallel, ${N} Anfragen): Median ${pct(times, 50).toFixed(1)} ms, p95 ${pct(times, 95).toFixed(1)} ms, ${(N / total).toFixed(0)} Anfragen/s`,
  );
}
await measure(
  "mh_anteil, 86 Stadtteile × 8 Jahre",
  "/api/v1/t/koeln/observations?indicator=mh_anteil&level=stadtteil",
  1,
);
await measure(
  "mh_anteil, 86 Stadtteile × 8 Jahre",
  "/api/v1/t/koeln/observations?indicator=mh_anteil&level=stadtteil",
  10,
);
await measure("einwohner (Basisreihe), 86 × 8", "/api/v1/t/koeln/observations?indicator=einwohner&level=stadtteil", 1);
server.close();
await db.close();
