// Renders the staff concept page, the measure list and the public concept page for a tenant with
// 1,000 measures and reports median and p95 response time on loopback (server time plus a local
// round trip). Run: npx react-router build && node --import tsx bench/concept-render.ts
import { sql } from "drizzle-orm";
import { performance } from "node:perf_hooks";
import { Client, startTestServer } from "../tests/support/server";

const TARGET = Number(process.env.MEASURES ?? 1000);
const RUNS = Number(process.env.RUNS ?? 25);

const s = await startTestServer({ modules: true });
try {
  const db = s.db.orm;
  const one = async <T>(q: ReturnType<typeof sql>) => ((await db.execute(q)) as unknown as { rows: T[] }).rows[0];
  const { tenant } = await one<{ tenant: string }>(sql`SELECT id AS tenant FROM tenants WHERE slug = 'aachen'`);
  const { edition } = await one<{ edition: string }>(
    sql`SELECT id AS edition FROM concept_editions WHERE tenant_id = ${tenant} AND status = 'beschlossen'`,
  );
  const { n } = await one<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM concept_measures WHERE edition_id = ${edition}`,
  );
  const add = TARGET - n;
  // Synthetic measures spread over the 66 Teilziele, with Handlungsfelder, a lead, milestones and updates like the real ones.
  await db.execute(sql`
    INSERT INTO concept_measures (tenant_id, edition_id, code, title, description, status, progress, starts_on, ends_on, position)
    SELECT ${tenant}, ${edition}, 'B-' || g, 'Benchmark-Maßnahme ' || g, 'Beschreibung der synthetischen Maßnahme ' || g || ' für die Lastmessung.',
      (ARRAY['vorgeschlagen','beschlossen','in_umsetzung','umgesetzt','verstetigt','zurueckgestellt'])[1 + g % 6], g % 101,
      DATE '2024-01-01' + (g % 365), DATE '2028-12-31', 1000 + g
    FROM generate_series(1, ${add}::int) g`);
  await db.execute(sql`
    WITH tz AS (SELECT id, row_number() OVER (ORDER BY position) - 1 AS i, count(*) OVER () AS c FROM concept_goals WHERE edition_id = ${edition} AND kind = 'teilziel'),
         m AS (SELECT id, row_number() OVER (ORDER BY position) - 1 AS i FROM concept_measures WHERE edition_id = ${edition} AND code LIKE 'B-%')
    INSERT INTO concept_measure_goals (tenant_id, measure_id, goal_id) SELECT ${tenant}, m.id, tz.id FROM m JOIN tz ON tz.i = m.i % tz.c`);
  await db.execute(sql`
    WITH h AS (SELECT id, row_number() OVER (ORDER BY position) - 1 AS i FROM concept_handlungsfelder WHERE tenant_id = ${tenant}),
         m AS (SELECT id, row_number() OVER (ORDER BY position) - 1 AS i FROM concept_measures WHERE edition_id = ${edition} AND code LIKE 'B-%')
    INSERT INTO concept_measure_handlungsfelder (tenant_id, measure_id, handlungsfeld_id)
    SELECT ${tenant}, m.id, h.id FROM m JOIN h ON h.i IN (m.i % 7, (m.i + 2) % 7, (m.i + 4) % 7)`);
  await db.execute(sql`
    WITH o AS (SELECT id, row_number() OVER (ORDER BY name) - 1 AS i, count(*) OVER () AS c FROM organisations WHERE tenant_id = ${tenant}),
         m AS (SELECT id, row_number() OVER (ORDER BY position) - 1 AS i FROM concept_measures WHERE edition_id = ${edition} AND code LIKE 'B-%')
    INSERT INTO concept_measure_organisations (tenant_id, measure_id, organisation_id, role) SELECT ${tenant}, m.id, o.id, 'lead' FROM m JOIN o ON o.i = m.i % o.c`);
  await db.execute(sql`
    INSERT INTO concept_milestones (tenant_id, measure_id, title, due_on, done_on)
    SELECT ${tenant}, m.id, 'Meilenstein ' || k, m.starts_on + 90 * k, CASE WHEN k = 1 THEN m.starts_on + 80 END
    FROM concept_measures m, generate_series(1, 2) k WHERE m.edition_id = ${edition} AND m.code LIKE 'B-%'`);
  await db.execute(sql`
    INSERT INTO concept_updates (tenant_id, measure_id, reported_on, body, status, author_label)
    SELECT ${tenant}, m.id, DATE '2025-01-01' + (m.position % 300), 'Synthetischer Bericht zum Stand der Umsetzung.', 'veroeffentlicht', 'bench'
    FROM concept_measures m WHERE m.edition_id = ${edition} AND m.code LIKE 'B-%'`);
  const { total } = await one<{ total: number }>(
    sql`SELECT count(*)::int AS total FROM concept_measures WHERE edition_id = ${edition}`,
  );

  const c = new Client(s.url);
  await c.login("editor.aachen@example.org", "Teilhabe-Demo-2026");
  const pages: [string, string][] = [
    ["Bezug: Organisationsregister (Kernel-Seite)", "/t/aachen/verwaltung/organisationen"],
    ["Verwaltung: Konzept (Baum, Dashboard)", "/t/aachen/verwaltung/konzept"],
    ["Verwaltung: Maßnahmenliste", "/t/aachen/verwaltung/massnahmen"],
    ["Verwaltung: Maßnahmenliste gefiltert + Suche", "/t/aachen/verwaltung/massnahmen?status=in_umsetzung&q=Benchmark"],
    ["Öffentlich: Konzept", "/t/aachen/konzept"],
    ["API: /concept", "/api/v1/t/aachen/concept"],
  ];
  const pct = (xs: number[], p: number) => {
    const a = [...xs].sort((x, y) => x - y);
    return a[Math.min(a.length - 1, Math.ceil((p / 100) * a.length) - 1)];
  };
  console.log(
    `Mandant aachen mit ${total} Maßnahmen; ${RUNS} Messungen je Seite nach 3 zum Aufwärmen (Node ${process.version}, ${s.db.kind}).`,
  );
  for (const [label, path] of pages) {
    let bytes = 0;
    for (let i = 0; i < 3; i++) await (await c.get(path)).arrayBuffer();
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      const res = await c.get(path);
      const body = await res.arrayBuffer();
      times.push(performance.now() - t0);
      if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status}`);
      bytes = body.byteLength;
    }
    console.log(
      `${label.padEnd(46)} median ${pct(times, 50).toFixed(1).padStart(7)} ms   p95 ${pct(times, 95).toFixed(1).padStart(7)} ms   ${(bytes / 1024).toFixed(0)} KiB`,
    );
  }
} finally {
  await s.close();
}
