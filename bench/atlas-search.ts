/**
 * Integrationsatlas search benchmark: 10,000 published entries in one tenant (plus the Aachen demo
 * data), then
 *   1. search latency of the service (median / p95 over a mix of full-text, typo and filter queries),
 *   2. latency of the public API search, and
 *   3. throughput of the public search page (server-rendered HTML) with autocannon.
 * Run after `npx react-router build`:  npm run bench -- atlas-search   (vite-node: the atlas loads the i18n strings)
 * Server and database (embedded PGlite, single-threaded) run in this process; autocannon runs as a
 * child process so that its load generation does not share the server's event loop.
 */
import { spawn } from "node:child_process";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import type { Tx } from "../app/kernel/db/client";
import { includeMemberTenants, rows, withTenant } from "../app/kernel/db/context";
import { searchEntries, textQuery, type SearchFilters } from "../app/modules/atlas";
import { throwawayCasesKey } from "./support";

throwawayCasesKey();

// As in production (server.js): without it React's development build would render the pages.
process.env.NODE_ENV ??= "production";
type Build = typeof import("../server/index");
const build = (await import(new URL("../build/server/index.js", import.meta.url).href)) as Build;

const N = Number(process.env.ATLAS_BENCH_ENTRIES ?? 10_000);
const DURATION = Number(process.env.ATLAS_BENCH_SECONDS ?? 10);

const db = await build.openDatabase({ dataDir: "memory://" });
await build.migrate(db);
await build.seedDemo(db, () => {}, { modules: true });
const exec = (q: ReturnType<typeof sql>) =>
  db.orm.execute(q) as unknown as Promise<{ rows: Record<string, unknown>[] }>;
const tenantId = String((await exec(sql`SELECT id FROM tenants WHERE slug = 'aachen'`)).rows[0].id);

let t0 = performance.now();
// Generated in SQL: formats × topics × districts give realistic, repetitive German titles.
await exec(sql`
  WITH v AS (
    SELECT i,
      (ARRAY['Deutschkurse','Sprachcafé','Beratung','Sportgruppe','Hausaufgabenhilfe','Elterncafé','Bewerbungstraining','Frauentreff','Integrationskurs','Computerkurs','Nachbarschaftstreff','Schwimmkurs'])[1 + i % 12] AS format,
      (ARRAY['für Frauen','für Jugendliche','am Abend','für Eltern','mit Kinderbetreuung','für Neuzugewanderte','für Geflüchtete','für Senioren','im Quartier','am Wochenende'])[1 + (i / 12) % 10] AS topic,
      (ARRAY['Aachen-Mitte','Brand','Eilendorf','Haaren','Kornelimünster/Walheim','Laurensberg','Richterich'])[1 + i % 7] AS area
    FROM generate_series(1, ${N}::int) AS i
  ), e AS (
    INSERT INTO atlas_entries (tenant_id, kind, status, handlungsfelder, target_groups, languages, german_level, cost, schedule, published_at, last_confirmed_at, is_demo)
    SELECT ${tenantId}::uuid, (ARRAY['offer','offer','offer','contact_point','volunteer','network'])[1 + i % 6], 'published',
      ARRAY[(ARRAY['sprache_bildung','arbeit_weiterbildung','wohnen_sozialplanung','kultur_religion','sport_gesundheit','beratung_orientierung','engagement_teilhabe'])[1 + i % 7]],
      ARRAY[(ARRAY['newcomers','refugees','women','families','youth','seniors'])[1 + i % 6]],
      CASE i % 6 WHEN 0 THEN ARRAY['de'] WHEN 1 THEN ARRAY['de','ar'] WHEN 2 THEN ARRAY['de','uk'] WHEN 3 THEN ARRAY['de','tr','ar'] WHEN 4 THEN ARRAY['de','fa'] ELSE ARRAY['en','de'] END,
      (ARRAY['none','little','good'])[1 + i % 3], (ARRAY['free','reduced','paid'])[1 + i % 3], 'Mo 10–12 Uhr', now(), now(), true
    FROM v RETURNING id
  )
  SELECT count(*) FROM e`);
// Translations and places are attached by row number so every entry gets its own text.
await exec(sql`
  WITH e AS (SELECT id, row_number() OVER (ORDER BY created_at, id) AS i FROM atlas_entries WHERE tenant_id = ${tenantId}::uuid AND search_titles = ''),
  v AS (SELECT id, i,
      (ARRAY['Deutschkurse','Sprachcafé','Beratung','Sportgruppe','Hausaufgabenhilfe','Elterncafé','Bewerbungstraining','Frauentreff','Integrationskurs','Computerkurs','Nachbarschaftstreff','Schwimmkurs'])[1 + i % 12] AS format,
      (ARRAY['für Frauen','für Jugendliche','am Abend','für Eltern','mit Kinderbetreuung','für Neuzugewanderte','für Geflüchtete','für Senioren','im Quartier','am Wochenende'])[1 + (i / 12) % 10] AS topic,
      (ARRAY['Aachen-Mitte','Brand','Eilendorf','Haaren','Kornelimünster/Walheim','Laurensberg','Richterich'])[1 + i % 7] AS area
    FROM e)
  INSERT INTO atlas_translations (tenant_id, entry_id, lang, title, description)
  SELECT ${tenantId}::uuid, id, 'de', format || ' ' || topic || ' ' || area || ' #' || i,
    'Ein Angebot im Stadtteil ' || area || ': ' || format || ' ' || topic || '. Anmeldung erwünscht, Einstieg jederzeit möglich, Kinderbetreuung nach Absprache.'
  FROM v`);
await exec(sql`
  INSERT INTO atlas_places (tenant_id, entry_id, street, postcode, city, lat, lon, area_name)
  SELECT e.tenant_id, e.id, 'Beispielstraße ' || (abs(hashtext(e.id::text)) % 200), '52062', 'Aachen',
    50.7753 + ((abs(hashtext(e.id::text)) % 1000) - 500) / 20000.0, 6.0839 + ((abs(hashtext(e.id::text || 'x')) % 1000) - 500) / 12000.0,
    (ARRAY['Aachen-Mitte','Brand','Eilendorf','Haaren','Kornelimünster/Walheim','Laurensberg','Richterich'])[1 + abs(hashtext(e.id::text)) % 7]
  FROM atlas_entries e WHERE e.tenant_id = ${tenantId}::uuid AND NOT EXISTS (SELECT 1 FROM atlas_places p WHERE p.entry_id = e.id)`);
await exec(sql`ANALYZE`);
const total = Number(
  (await exec(sql`SELECT count(*) AS n FROM atlas_entries WHERE tenant_id = ${tenantId}::uuid`)).rows[0].n,
);
console.log(
  `Daten: ${total} Einträge im Mandanten aachen (${N} generiert) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);

const QUERIES: Partial<SearchFilters>[] = [
  { q: "Deutschkurs" },
  { q: "Deutschkrs" },
  { q: "Sprachcafe" },
  { q: "Beratung Frauen" },
  { q: "Schwimmkurs Brand" },
  { q: "Hausaufgabenhilfe" },
  { q: "Integrationskurs Abend" },
  { q: "Bewerbungstrainig" },
  { deutsch: "little", sprache: "ar" },
  { handlungsfeld: "sport_gesundheit", stadtteil: "Haaren" },
  { zielgruppe: "youth", kosten: "free" },
  { q: "Deutschkurs", deutsch: "little", sprache: "ar" },
  {},
];
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const scope = { tenantId, actor: { userId: null, label: "Benchmark" } };

// Warm-up, then 20 rounds over the query mix.
for (const f of QUERIES) await withTenant(db, scope, (tx) => searchEntries(tx, f));
const times: number[] = [];
const perQuery = new Map<string, number[]>();
for (let round = 0; round < Number(process.env.ATLAS_BENCH_ROUNDS ?? 20); round++) {
  for (const f of QUERIES) {
    t0 = performance.now();
    const r = await withTenant(db, scope, (tx) => searchEntries(tx, f));
    const ms = performance.now() - t0;
    times.push(ms);
    const key = JSON.stringify(f);
    perQuery.set(key, [...(perQuery.get(key) ?? []), ms]);
    if (round === 0 && r.items.length === 0 && Object.keys(f).length)
      console.log(`  Hinweis: keine Treffer für ${key}`);
  }
}
console.log(
  `\nSuche (Service, ${times.length} Abfragen): Median ${pct(times, 50).toFixed(1)} ms, p95 ${pct(times, 95).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms`,
);
for (const [k, v] of perQuery)
  console.log(`  ${k.padEnd(62)} Median ${pct(v, 50).toFixed(1)} ms  p95 ${pct(v, 95).toFixed(1)} ms`);

// Exact and typo queries side by side, each p50/p95 over the same rounds in this run:
//   after     – searchEntries (exact hits and trigram near misses merged (atlas_near_misses),
//               plus the joins for titles, places and providers of the page),
//   before    – main's strategy reproduced in SQL: a full-text EXISTS probe, then for a typo a
//               second, trigram-only search (`<%` alone, which the planner ran as a scan); without
//               the page joins, so it flatters main (main's own searchEntries is slower still),
//   reference – exact and near-miss index scans run directly via SQL as the table
//               owner (no row-level security, no preparation round trip, no joins): the floor.
const PUBLIC_SQL = sql`e.status = 'published' AND (e.valid_until IS NULL OR e.valid_until >= current_date)
  AND e.last_confirmed_at >= now() - interval '12 months'`;
const tsq = (q: string) => sql`(websearch_to_tsquery('german', ${q}) || websearch_to_tsquery('simple', ${q}))`;
async function before(tx: Tx, q: string) {
  const [{ u }] = await rows<{ u: string }>(tx, sql`SELECT unaccent(${q}) AS u`);
  const [{ hit: fts }] = await rows<{ hit: boolean }>(
    tx,
    sql`SELECT EXISTS (SELECT 1 FROM atlas_entries e WHERE ${PUBLIC_SQL} AND e.search_vector @@ ${tsq(u)}) AS hit`,
  );
  const where = fts ? sql`e.search_vector @@ ${tsq(u)}` : sql`${q.toLowerCase()} <% e.search_titles`;
  const r = fts ? sql`ts_rank(e.search_vector, ${tsq(u)})` : sql`word_similarity(${q.toLowerCase()}, e.search_titles)`;
  return tx.execute(sql`SELECT e.id, ${r} AS r, count(*) OVER ()::int AS total FROM atlas_entries e
    WHERE ${PUBLIC_SQL} AND ${where} ORDER BY r DESC, e.sort_title, e.id LIMIT 20`);
}
/**
 * The floor: exact hits and near misses (exact query, then near-miss query, prepared once
 * per query string outside the timing) on its GIN index, as the table owner, without joins.
 */
const prepared = new Map<string, { u: string; wide: string }>();
function reference(q: string) {
  const { u, wide } = prepared.get(q)!;
  return exec(sql`SELECT h.id, h.x, h.r, count(*) OVER ()::int AS total FROM (
      SELECT e.id, true AS x, ts_rank(e.search_vector, ${tsq(u)}) AS r, e.sort_title FROM atlas_entries e
      WHERE e.tenant_id = ${tenantId}::uuid AND ${PUBLIC_SQL} AND e.search_vector @@ ${tsq(u)}
      UNION ALL
      SELECT e.id, false, word_similarity(lower(${u}), e.search_titles), e.sort_title FROM atlas_entries e
      WHERE numnode(${wide}::tsquery) > 0 AND e.tenant_id = ${tenantId}::uuid AND ${PUBLIC_SQL}
        AND e.search_vector @@ ${wide}::tsquery AND NOT e.search_vector @@ ${tsq(u)}
    ) h ORDER BY h.x DESC, h.r DESC, h.sort_title, h.id LIMIT 20`);
}
const KINDS = {
  exact: ["Deutschkurs", "Sprachcafe", "Hausaufgabenhilfe", "Beratung Frauen"],
  typo: ["Deutschkrs", "Bewerbungstrainig", "Schwimmkurz", "Hausaufgabnhilfe"],
};
const ROUNDS = Number(process.env.ATLAS_BENCH_ROUNDS ?? 20);
console.log(`\nExakt und Tippfehler (${ROUNDS} Runden je Abfrage, p50 / p95 in ms):`);
for (const [kind, qs] of Object.entries(KINDS)) {
  const m: Record<string, number[]> = { after: [], before: [], reference: [] };
  const run = {
    after: (q: string) => withTenant(db, scope, (tx) => searchEntries(tx, { q })),
    before: (q: string) => withTenant(db, scope, (tx) => before(tx, q)),
    reference: (q: string) => reference(q),
  };
  for (const q of qs) prepared.set(q, await withTenant(db, scope, (tx) => textQuery(tx, { q })));
  for (const q of qs) for (const f of Object.values(run)) await f(q);
  for (let round = 0; round < ROUNDS; round++)
    for (const q of qs)
      for (const [name, f] of Object.entries(run)) {
        t0 = performance.now();
        await f(q);
        m[name].push(performance.now() - t0);
      }
  const fmt = (xs: number[]) => `${pct(xs, 50).toFixed(1)} / ${pct(xs, 95).toFixed(1)}`;
  console.log(
    `  ${kind.padEnd(6)} vorher (main) ${fmt(m.before)}  nachher ${fmt(m.after)}  Referenz (SQL direkt) ${fmt(m.reference)}` +
      `  → p95 nachher/Referenz ${(pct(m.after, 95) / pct(m.reference, 95)).toFixed(2)}×, vorher/nachher ${(pct(m.before, 95) / pct(m.after, 95)).toFixed(2)}×`,
  );
}

// A Kreis's guide (decision 0036, migration 0308): the StädteRegion Aachen searches its own entries and
// its member Aachen's, through the member policies and the member vocabulary. Reference in this run:
// the same queries in Aachen's own guide, which holds the same 10,000 entries without member policies.
{
  const kreisId = String((await exec(sql`SELECT id FROM tenants WHERE slug = 'staedteregion-aachen'`)).rows[0].id);
  const kreis = (f: Partial<SearchFilters>) =>
    withTenant(db, { tenantId: kreisId, actor: { userId: null, label: "Benchmark" } }, async (tx) => {
      await includeMemberTenants(tx);
      return searchEntries(tx, f);
    });
  const town = (f: Partial<SearchFilters>) => withTenant(db, scope, (tx) => searchEntries(tx, f));
  const qs = [...KINDS.exact, ...KINDS.typo].map((q) => ({ q }));
  for (const f of qs) {
    const [a, b] = [await kreis(f), await town(f)];
    if (a.total < b.total) throw new Error(`Kreis findet weniger als die Stadt für ${JSON.stringify(f)}`);
  }
  const m = { kreis: [] as number[], town: [] as number[] };
  for (let round = 0; round < ROUNDS; round++)
    for (const f of qs)
      for (const [name, run] of [
        ["kreis", kreis],
        ["town", town],
      ] as const) {
        t0 = performance.now();
        await run(f);
        m[name].push(performance.now() - t0);
      }
  const fmt = (xs: number[]) => `${pct(xs, 50).toFixed(1)} / ${pct(xs, 95).toFixed(1)}`;
  console.log(
    `\nKreis-Wegweiser (StädteRegion mit Mitglied Aachen, ${m.kreis.length} Abfragen, p50 / p95 in ms): ${fmt(m.kreis)}` +
      `  Referenz (Aachens eigener Wegweiser, dieselben Abfragen) ${fmt(m.town)}` +
      `  → p50 ${(pct(m.kreis, 50) / pct(m.town, 50)).toFixed(2)}×, p95 ${(pct(m.kreis, 95) / pct(m.town, 95)).toFixed(2)}×`,
  );
}

// Row-level security: the policies compute the tenant once per statement (an InitPlan, kernel
// migration 0003). For comparison the same count with the former per-row call added as a filter.
async function medianMs(q: ReturnType<typeof sql>) {
  const xs: number[] = [];
  for (let i = 0; i < 23; i++) {
    const t = performance.now();
    await withTenant(db, scope, (tx) => tx.execute(q));
    if (i >= 3) xs.push(performance.now() - t);
  }
  return pct(xs, 50);
}
const once = await medianMs(sql`SELECT count(*) FROM atlas_entries`);
const perRow = await medianMs(sql`SELECT count(*) FROM atlas_entries WHERE tenant_id = app_tenant_id()`);
console.log(
  `\nRLS, count(*) über ${total} Einträge: Mandant einmal je Anweisung ${once.toFixed(1)} ms, zusätzlich je Zeile ${perRow.toFixed(1)} ms (Median von 20)`,
);

const app = build.createApp({ db, log: () => {} });
const server = await new Promise<import("node:http").Server>((res) => {
  const s = app.listen(0, "127.0.0.1", () => res(s));
});
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const apiTimes: number[] = [];
for (let i = 0; i < 100; i++) {
  const q = ["Deutschkurs", "Deutschkrs", "Beratung", "Sprachcafe"][i % 4];
  t0 = performance.now();
  const r = await fetch(`${base}/api/v1/t/aachen/offers?q=${q}&limit=20`);
  await r.arrayBuffer();
  apiTimes.push(performance.now() - t0);
}
console.log(
  `\nAPI GET /api/v1/t/aachen/offers?q=… (100 Anfragen nacheinander): Median ${pct(apiTimes, 50).toFixed(1)} ms, p95 ${pct(apiTimes, 95).toFixed(1)} ms`,
);

/** autocannon as a separate process (its CLI with --json), against the server in this process. */
function cannon(url: string): Promise<{
  requests: { average: number };
  latency: { p50: number; p97_5: number; p99: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}> {
  return new Promise((resolve, reject) => {
    const p = spawn(
      process.execPath,
      [
        new URL("../node_modules/autocannon/autocannon.js", import.meta.url).pathname,
        "--json",
        "-c",
        "10",
        "-d",
        String(DURATION),
        "-t",
        "30",
        "-H",
        "accept-encoding=gzip",
        url,
      ],
      { stdio: ["ignore", "pipe", "ignore"] },
    );
    let out = "";
    p.stdout.on("data", (d) => {
      out += d;
    });
    p.on("error", reject);
    p.on("close", () => {
      try {
        resolve(JSON.parse(out));
      } catch (e) {
        reject(e);
      }
    });
  });
}

if (process.env.ATLAS_BENCH_EXPLAIN) {
  for (const label of ["areas"]) {
    t0 = performance.now();
    await withTenant(db, scope, (tx) => import("../app/modules/atlas").then((m) => m.publicAreas(tx)));
    console.log(`${label}: ${(performance.now() - t0).toFixed(1)} ms`);
  }
  const plan = await withTenant(db, scope, (tx) =>
    tx.execute(sql`EXPLAIN ANALYZE SELECT count(*) FROM atlas_entries e WHERE e.status = 'published'
    AND (e.search_vector @@ websearch_to_tsquery('german', 'Deutschkrs') OR e.search_vector @@ websearch_to_tsquery('simple', 'Deutschkrs') OR 'deutschkrs' <% e.search_titles)`),
  );
  console.log((plan as unknown as { rows: { "QUERY PLAN": string }[] }).rows.map((r) => r["QUERY PLAN"]).join("\n"));
}

for (const path of [
  "/t/aachen/angebote?q=Deutschkurs",
  "/t/aachen/angebote?deutsch=little&sprache=ar",
  "/t/aachen/angebote?q=Deutschkrs&stadtteil=Brand",
]) {
  const r = await cannon(base + path);
  console.log(
    `\nSuchseite ${path} (autocannon, 10 Verbindungen, ${DURATION} s): ${r.requests.average.toFixed(1)} Anfragen/s im Mittel, ` +
      `Latenz Median ${r.latency.p50} ms, p97.5 ${r.latency.p97_5} ms, p99 ${r.latency.p99} ms; ${r.non2xx} Fehlerantworten, ${r.errors} Fehler, ${r.timeouts} Zeitüberschreitungen`,
  );
}

await new Promise<void>((r) => server.close(() => r()));
await db.close();
