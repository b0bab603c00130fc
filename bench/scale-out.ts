// Two app instances on one PostgreSQL under 200 concurrent clients (run: npm run bench -- scale-out,
// with BENCH_DATABASE_URL=postgres://… of a server whose databases it may create). Each client
// loops for BENCH_SECONDS (default 60) over a mix, alternating between the instances as a load
// balancer would:
//   - 60 % public pages (tenant page, monitoring index, atlas search);
//   - 25 % public API (observations, 86 areas × 8 years);
//   - 15 % logged-in form posts: an editor creates an organisation.
// Reported: requests, errors (network, 5xx, an unexpected status), p50/p95/p99 per kind, and lost
// writes: every post answered with success must be in the database afterwards, and nothing else.
// The reference in the same run: the same 200 clients against a bare node:http server answering
// the tenant page's bytes, which shows what the client loop itself costs on this machine.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { spawnServer } from "../tests/support/process";
import { login, type Session } from "./support";

const url = process.env.BENCH_DATABASE_URL;
if (!url) {
  console.error("BENCH_DATABASE_URL fehlt: dieser Benchmark braucht einen PostgreSQL-Server.");
  process.exit(1);
}
const seconds = Number(process.env.BENCH_SECONDS ?? 60);
const clients = Number(process.env.BENCH_CLIENTS ?? 200);

const name = `teilhabe_scale_${randomBytes(4).toString("hex")}`;
const admin = new pg.Client({ connectionString: url });
await admin.connect();
await admin.query(`CREATE DATABASE ${name}`);
const dbUrl = url.replace(/\/[^/?]*(\?|$)/, `/${name}$1`);

type Kind = "page" | "api" | "post";
interface Sample {
  kind: Kind;
  ms: number;
  ok: boolean;
}

const PAGES = ["/t/aachen", "/t/koeln/monitoring", "/t/aachen/angebote?q=deutsch"];
const API = "/api/v1/t/koeln/observations?indicator=mh_anteil&level=stadtteil";

async function run(bases: string[], sessions: Session[] | null, fixedPath?: string) {
  const samples: Sample[] = [];
  const posted: string[] = [];
  const end = Date.now() + seconds * 1000;
  let n = 0;
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (let i = 0; Date.now() < end; i++) {
        const base = bases[(c + i) % bases.length];
        const roll = (c * 7 + i * 13) % 100;
        const kind: Kind = fixedPath ? "page" : roll < 60 ? "page" : roll < 85 ? "api" : "post";
        const t0 = performance.now();
        let ok: boolean;
        try {
          if (kind === "post") {
            const s = sessions![c % sessions!.length];
            const orgName = `Last ${c}-${i}-${n++}`;
            const res = await fetch(`${base}/t/aachen/verwaltung/organisationen`, {
              method: "POST",
              body: new URLSearchParams({ name: orgName, kind: "verein", _csrf: s.cookies.get("teilhabe_csrf")! }),
              redirect: "manual",
              headers: { cookie: s.header(), "content-type": "application/x-www-form-urlencoded" },
            });
            await res.arrayBuffer();
            ok = res.status === 200;
            if (ok) posted.push(orgName);
          } else {
            const path = fixedPath ?? (kind === "api" ? API : PAGES[(c + i) % PAGES.length]);
            const res = await fetch(base + path);
            await res.arrayBuffer();
            ok = res.status === 200;
          }
        } catch {
          ok = false;
        }
        samples.push({ kind, ms: performance.now() - t0, ok });
      }
    }),
  );
  return { samples, posted };
}

const pct = (xs: number[], p: number) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const fmt = (x: number) => x.toLocaleString("de-DE", { maximumFractionDigits: 1 });
function report(label: string, samples: Sample[]) {
  console.log(`${label}: ${samples.length.toLocaleString("de-DE")} Anfragen in ${seconds} s`);
  for (const kind of ["page", "api", "post"] as const) {
    const k = samples.filter((s) => s.kind === kind);
    if (!k.length) continue;
    const ms = k.map((s) => s.ms);
    console.log(
      `  ${kind.padEnd(4)} ${String(k.length).padStart(7)} Anfragen, Fehler ${k.filter((s) => !s.ok).length}, p50 ${fmt(pct(ms, 50))} ms, p95 ${fmt(pct(ms, 95))} ms, p99 ${fmt(pct(ms, 99))} ms`,
    );
  }
  const all = samples.map((s) => s.ms);
  console.log(
    `  gesamt: ${fmt(samples.length / seconds)} Anfragen/s, Fehler ${samples.filter((s) => !s.ok).length}, p99 ${fmt(pct(all, 99))} ms`,
  );
}

console.log(`Zwei Instanzen auf einer PostgreSQL-Datenbank, ${clients} Clients, ${seconds} s`);
// The first instance migrates and loads the demo data; the second finds it done.
const env = { DATABASE_URL: dbUrl, LOGIN_RATE_LIMIT: "10000", DB_POOL_SIZE: "20" };
const a = await spawnServer(env);
const b = await spawnServer(env);
try {
  const bases = [a.url, b.url];
  const sessions = await Promise.all(
    Array.from({ length: 20 }, (_, i) => login(bases[i % 2], "editor.aachen@example.org")),
  );
  // Warm-up: every page once on each instance.
  for (const base of bases) for (const p of [...PAGES, API]) await (await fetch(base + p)).arrayBuffer();

  const html = Buffer.from(await (await fetch(`${a.url}/t/aachen`)).arrayBuffer());
  const ref = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-length": html.length });
    res.end(html);
  });
  await new Promise<void>((r) => ref.listen(0, "127.0.0.1", r));
  const refUrl = `http://127.0.0.1:${(ref.address() as AddressInfo).port}`;
  const r0 = await run([refUrl], null, "/");
  ref.close();
  report("Referenz: node:http mit denselben Bytes wie /t/aachen", r0.samples);

  const r1 = await run(bases, sessions);
  report("Teilhabe, zwei Instanzen", r1.samples);
  const db = new pg.Client({ connectionString: dbUrl });
  await db.connect();
  const stored = new Set(
    (await db.query<{ name: string }>(`SELECT name FROM organisations WHERE name LIKE 'Last %'`)).rows.map(
      (r) => r.name,
    ),
  );
  await db.end();
  const lost = r1.posted.filter((n) => !stored.has(n)).length;
  const extra = stored.size - (r1.posted.length - lost);
  console.log(
    `  Schreibvorgänge: ${r1.posted.length} bestätigt, ${lost} verloren, ${extra} gespeichert ohne Bestätigung (abgebrochene Anfragen)`,
  );
} finally {
  a.child.kill("SIGTERM");
  b.child.kill("SIGTERM");
  await Promise.all(
    [a, b].map((s) => new Promise((r) => (s.child.exitCode !== null ? r(0) : s.child.once("exit", r)))),
  );
  await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
  await admin.end();
}
