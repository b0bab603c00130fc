// Renders the staff concept page, the measure list and the public concept page for a tenant with
// 1,000 measures and reports median and p95 response time on loopback (server time plus a local
// round trip). Beside each page, the reference: nginx (or, without nginx, a plain node:http server)
// serving the very same HTML bytes, gzip on as the app has it, measured in the same run; the ratio
// is app / reference at p95. Run: npx react-router build && node --import tsx bench/concept-render.ts
import { sql } from "drizzle-orm";
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import zlib from "node:zlib";
import { Client, startTestServer } from "../tests/support/server";
import { throwawayCasesKey } from "./support";

// The build loads React's production or development bundles by NODE_ENV; measure what `npm start` runs.
process.env.NODE_ENV ??= "production";
// The demo's case work needs a master key outside the database; this run's database gets a throwaway one.
throwawayCasesKey();

const TARGET = Number(process.env.MEASURES ?? 1000);
const RUNS = Number(process.env.RUNS ?? 25);

const NGINX = ["/usr/sbin/nginx", "/usr/bin/nginx"].find((p) => fs.existsSync(p));

/** Serves fixed HTML files under /1.html, /2.html … from nginx, or from node:http where nginx is missing. */
async function startReference(bodies: Buffer[]) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "concept-ref-"));
  bodies.forEach((b, i) => fs.writeFileSync(path.join(dir, `${i}.html`), b));
  if (NGINX) {
    const port = await new Promise<number>((resolve) => {
      const probe = http.createServer().listen(0, "127.0.0.1", () => {
        const p = (probe.address() as AddressInfo).port;
        probe.close(() => resolve(p));
      });
    });
    fs.chmodSync(dir, 0o755);
    fs.writeFileSync(
      path.join(dir, "nginx.conf"),
      `daemon off; worker_processes 1; user root; pid ${dir}/nginx.pid; error_log ${dir}/error.log;
events { worker_connections 256; }
http { access_log off; gzip on; gzip_types text/html; gzip_min_length 256; client_body_temp_path ${dir};
  proxy_temp_path ${dir}; fastcgi_temp_path ${dir}; uwsgi_temp_path ${dir}; scgi_temp_path ${dir};
  server { listen 127.0.0.1:${port}; root ${dir}; default_type text/html; } }`,
    );
    const child: ChildProcess = spawn(NGINX, ["-p", dir, "-c", path.join(dir, "nginx.conf")], { stdio: "ignore" });
    const url = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 100; i++) {
      if (
        await fetch(`${url}/0.html`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      await new Promise((r) => setTimeout(r, 50));
    }
    return {
      kind: "nginx",
      url,
      close: async () => {
        child.kill("SIGTERM");
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const gz = bodies.map((b) => zlib.gzipSync(b));
  const srv = http
    .createServer((req, res) => {
      const i = Number(/^\/(\d+)\.html$/.exec(req.url ?? "")?.[1] ?? -1);
      if (!gz[i]) return void res.writeHead(404).end();
      res.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-encoding": "gzip" }).end(gz[i]);
    })
    .listen(0, "127.0.0.1");
  await new Promise((r) => srv.once("listening", r));
  fs.rmSync(dir, { recursive: true, force: true });
  return {
    kind: "node:http",
    url: `http://127.0.0.1:${(srv.address() as AddressInfo).port}`,
    close: () => new Promise<void>((r) => srv.close(() => r())),
  };
}

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
    WITH h AS (SELECT id, row_number() OVER (ORDER BY position) - 1 AS i FROM taxonomy_terms WHERE tenant_id = ${tenant} AND kind = 'handlungsfeld'),
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

  // What the running server's minute timer does after such growth on the embedded database (decision 0022).
  await s.build.maintainEmbedded(s.db);

  const c = new Client(s.url);
  await c.login("editor.aachen@example.org", "Teilhabe-Demo-2026");
  const pages: [string, string][] = [
    ["Bezug: Organisationsregister (Kernel-Seite)", "/t/aachen/verwaltung/organisationen"],
    // The staff home counts overdue and stale measures among them (kernel/attention.ts).
    ["Verwaltung: Startseite (Was heute ansteht)", "/t/aachen/verwaltung"],
    ["Verwaltung: Konzept (Baum, Dashboard)", "/t/aachen/verwaltung/konzept"],
    ["Verwaltung: Konzept, Seite 5", "/t/aachen/verwaltung/konzept?seite=5"],
    ["Verwaltung: Maßnahmenliste", "/t/aachen/verwaltung/massnahmen"],
    ["Verwaltung: Maßnahmenliste, Seite 5", "/t/aachen/verwaltung/massnahmen?seite=5"],
    ["Verwaltung: Maßnahmenliste gefiltert + Suche", "/t/aachen/verwaltung/massnahmen?status=in_umsetzung&q=Benchmark"],
    ["Öffentlich: Konzept", "/t/aachen/konzept"],
    ["API: /concept", "/api/v1/t/aachen/concept"],
  ];
  const pct = (xs: number[], p: number) => {
    const a = [...xs].sort((x, y) => x - y);
    return a[Math.min(a.length - 1, Math.ceil((p / 100) * a.length) - 1)];
  };
  const time = async (get: () => Promise<Response>, what: string) => {
    for (let i = 0; i < 3; i++) await (await get()).arrayBuffer();
    const times: number[] = [];
    let body = Buffer.alloc(0);
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      const res = await get();
      const bytes = await res.arrayBuffer();
      times.push(performance.now() - t0);
      if (res.status !== 200) throw new Error(`${what}: HTTP ${res.status}`);
      body = Buffer.from(bytes);
    }
    return { p50: pct(times, 50), p95: pct(times, 95), body };
  };
  const measured = [];
  for (const [label, path] of pages) measured.push({ label, ...(await time(() => c.get(path), path)) });
  const ref = await startReference(measured.map((m) => m.body));
  try {
    console.log(
      `Mandant aachen mit ${total} Maßnahmen; ${RUNS} Messungen je Seite nach 3 zum Aufwärmen (Node ${process.version}, ${s.db.kind}); Referenz: ${ref.kind} mit denselben Bytes.`,
    );
    for (const [i, m] of measured.entries()) {
      const r = await time(() => fetch(`${ref.url}/${i}.html`), `reference ${i}`);
      console.log(
        `${m.label.padEnd(46)} median ${m.p50.toFixed(1).padStart(7)} ms   p95 ${m.p95.toFixed(1).padStart(7)} ms   ${(m.body.byteLength / 1024).toFixed(0).padStart(4)} KiB` +
          `   | ${ref.kind} median ${r.p50.toFixed(1).padStart(5)} ms  p95 ${r.p95.toFixed(1).padStart(5)} ms   | p95-Verhältnis ${(m.p95 / r.p95).toFixed(0).padStart(4)}×`,
      );
    }
  } finally {
    await ref.close();
  }
} finally {
  await s.close();
}
