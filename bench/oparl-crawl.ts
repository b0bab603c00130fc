// OParl crawl of one council information system with N objects (issue 12; run: npm run bench --
// oparl-crawl [N], default 10,000, or OPARL_BENCH_OBJECTS). One tenant is seeded with set-based SQL
// (INSERT … SELECT generate_series) into the bodies module's tables: Gremien, persons, memberships,
// meetings with agenda items, papers with consultations, and a few rows that must not be published
// (a non-public meeting and paper, a deleted meeting). The production server (server.js) then serves
// it, and a client crawls as an OParl client does: /oparl/v1/system → body list → every list the
// Body names, following `links.next`, collecting every object (embedded ones too). Reported: pages,
// objects, p50/p95/p99 per list page, total time, objects/s. The crawl fails (exit code 1) when the
// distinct objects differ from what was seeded, a hidden object or a dangling reference shows up,
// or a page is not 200.
// Then a few objects are touched (an agenda item, persons, papers, a deleted membership, a new paper)
// and an incremental crawl with `modified_since` must return exactly those and the objects that
// change with them (decisions 0026/0027: an object changes with what it embeds or lists).
// The reference in the same run: the very bytes of every page of the crawl (as sent, compressed
// where the server compressed), replayed by URL from a bare node:http server in a process of its
// own, crawled in the same order by the same client: Teilhabe's p95 per page beside the reference's.
// Before the measured crawl, /system, the body list and the first page of every list are fetched
// once (the endpoint's code loads on first request; a server that clients crawl has been running);
// the reference replays the whole sequence once before it is measured.
// Embedded database (DATA_DIR in a temporary folder) by default: only one process may open it, so
// the server stops while the bench touches the objects and starts again for the incremental crawl.
// With BENCH_DATABASE_URL a temporary database on that PostgreSQL server, touched while it serves.
// Sequential requests (one at a time), so the figures are latencies. The machine is shared: compare
// within one run only.
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import zlib from "node:zlib";
import { sql, type SQL } from "drizzle-orm";
import pg from "pg";
import { spawnServer } from "../tests/support/process";

interface Recorded {
  path: string;
  status: number;
  type: string;
  encoding?: string;
  file: string;
}

// ---------------------------------------------------------------------------------------------
type Build = typeof import("../server/index");
type Database = Awaited<ReturnType<Build["openDatabase"]>>;
type OparlObject = Record<string, unknown> & { id: string; type: string };

/** The configured public address: object ids carry it, so they stay the same across restarts. */
const PUBLIC = "https://ratsinfo.benchhausen.example";
const SLUG = "benchhausen";
const OPARL = "https://schema.oparl.org/1.1/";
/** The list properties a Body may have (OParl 1.1); a client follows those that are there. */
const BODY_LISTS = [
  "organization",
  "person",
  "membership",
  "meeting",
  "paper",
  "agendaItem",
  "consultation",
  "file",
  "legislativeTermList",
  "locationList",
];

const rowsOf = async <T>(db: Database, q: SQL) => ((await db.orm.execute(q)) as unknown as { rows: T[] }).rows;

/** How many rows of each table make N published objects (one Gremium per 100 objects …). */
function sizes(n: number) {
  const bodies = Math.max(1, Math.round(n * 0.01));
  const persons = Math.max(1, Math.round(n * 0.15));
  const memberships = Math.round(n * 0.2);
  const meetings = Math.max(1, Math.round(n * 0.05));
  const agendaItems = Math.round(n * 0.25);
  const papers = Math.max(1, Math.round(n * 0.14));
  const consultations = Math.max(0, n - bodies - persons - memberships - meetings - agendaItems - papers);
  return { bodies, persons, memberships, meetings, agendaItems, papers, consultations };
}
type Sizes = ReturnType<typeof sizes>;

/** The tenant and its council data; each statement one INSERT … SELECT. Returns the ids that must stay hidden. */
async function seed(db: Database, s: Sizes): Promise<string[]> {
  const [{ id }] = await rowsOf<{ id: string }>(
    db,
    sql`INSERT INTO tenants (slug, name, kind, ags) VALUES (${SLUG}, 'Stadt Benchhausen', 'kommune', '05999000') RETURNING id`,
  );
  // A uuid parameter (a bare one is text, which a UNION ALL would not convert).
  const t = sql`${id}::uuid`;
  // Created from 400 days ago on, a minute or a second apart: every object has its own created/modified.
  const at = (i: SQL, unit: string) => sql`now() - interval '400 days' + ${i} * interval ${sql.raw(`'1 ${unit}'`)}`;
  await db.orm.execute(sql`
    INSERT INTO bodies (tenant_id, name, short_name, kind, description, created_at, updated_at)
    SELECT ${t}, (ARRAY['Ausschuss für Soziales und Integration','Integrationsrat','Jugendhilfeausschuss',
        'Bezirksvertretung','Inklusionsbeirat','Schulausschuss','Arbeitsgruppe Wohnen','Netzwerk Sprache'])[1 + i % 8] || ' ' || i,
      'G' || i, (ARRAY['ausschuss','integrationsrat','ausschuss','rat','beirat','ausschuss','arbeitsgruppe','netzwerk'])[1 + i % 8],
      'Gremium ' || i || ' der Stadt Benchhausen', ${at(sql`i`, "minute")}, ${at(sql`i`, "minute")}
    FROM generate_series(0, ${s.bodies - 1}::int) i`);
  await db.orm.execute(sql`
    INSERT INTO body_seat_rules (tenant_id, body_id, label, seats)
    SELECT tenant_id, id, 'Stimmberechtigte Mitglieder', 500 FROM bodies WHERE tenant_id = ${t}`);
  await db.orm.execute(sql`
    INSERT INTO body_persons (tenant_id, name, form_of_address, title, email, phone, contact_consent_on, created_at, updated_at)
    SELECT ${t},
      (ARRAY['Anna','Mehmet','Olena','Jonas','Fatma','Lukas','Sara','Ahmad','Marie','Dimitri','Leyla','Paul','Hanna','Yusuf','Eva','Tomasz'])[1 + i % 16]
        || ' ' || (ARRAY['Schmidt','Yılmaz','Kovalenko','Müller','Demir','Schneider','Haddad','Fischer','Nowak','Weber','Öztürk',
        'Wagner','Becker','Hoffmann','Kaya','Schäfer','Popescu','Koch','Richter','Klein','Wolf','Petrović','Neumann'])[1 + (i * 7) % 23],
      CASE WHEN i % 2 = 0 THEN 'Frau' ELSE 'Herr' END, CASE WHEN i % 9 = 0 THEN 'Dr.' END,
      'person' || i || '@benchhausen.example', '0241 ' || (100000 + i), CASE WHEN i % 3 = 0 THEN date '2026-01-05' END,
      ${at(sql`i`, "minute")}, ${at(sql`i`, "minute")}
    FROM generate_series(0, ${s.persons - 1}::int) i`);
  // Member i: person i mod P in body (i + i/P) mod B, so a person in two bodies sits in two different ones.
  await db.orm.execute(sql`
    WITH b AS (SELECT b.id, r.id AS rule_id, row_number() OVER (ORDER BY b.created_at, b.id)::int - 1 AS k
               FROM bodies b JOIN body_seat_rules r ON r.body_id = b.id WHERE b.tenant_id = ${t}),
      p AS (SELECT id, row_number() OVER (ORDER BY created_at, id)::int - 1 AS k FROM body_persons WHERE tenant_id = ${t}),
      v AS (SELECT i, CASE WHEN i % 5 = 4 THEN 'guest' ELSE 'member' END AS role FROM generate_series(0, ${s.memberships - 1}::int) i)
    INSERT INTO body_memberships (tenant_id, body_id, person_id, role, function, seat_rule_id, starts_on, ends_on, created_at, updated_at)
    SELECT ${t}, b.id, p.id, v.role,
      CASE WHEN v.role = 'member' AND v.i < ${s.bodies} THEN 'chair' WHEN v.role = 'member' AND v.i < ${2 * s.bodies} THEN 'vice_chair' END,
      CASE WHEN v.role = 'member' THEN b.rule_id END,
      date '2024-11-01' + v.i % 300, CASE WHEN v.i % 7 = 0 THEN date '2024-11-01' + v.i % 300 + 365 END,
      ${at(sql`v.i`, "second")}, ${at(sql`v.i`, "second")}
    FROM v JOIN p ON p.k = v.i % ${s.persons} JOIN b ON b.k = (v.i + v.i / ${s.persons}) % ${s.bodies}`);
  await db.orm.execute(sql`
    WITH b AS (SELECT id, row_number() OVER (ORDER BY created_at, id)::int - 1 AS k FROM bodies WHERE tenant_id = ${t})
    INSERT INTO body_meetings (tenant_id, body_id, meets_on, starts_at, ends_at, location, state, created_at, updated_at)
    SELECT ${t}, b.id, date '2024-01-08' + (i * 5) % 900, time '17:00', time '19:30', 'Ratssaal, Rathaus Benchhausen',
      CASE WHEN i % 10 = 9 THEN 'cancelled' WHEN i % 10 < 7 THEN 'held' ELSE 'planned' END,
      ${at(sql`i`, "minute")}, ${at(sql`i`, "minute")}
    FROM generate_series(0, ${s.meetings - 1}::int) i JOIN b ON b.k = i % ${s.bodies}`);
  await db.orm.execute(sql`
    INSERT INTO body_papers (tenant_id, number, title, submitted_on, lead_office, proposal, created_at, updated_at)
    SELECT ${t}, 'V/' || lpad(i::text, 6, '0'),
      (ARRAY['Integrationskonzept: Sachstandsbericht','Förderung von Sprachkursen','Haushalt: Zuschüsse an Vereine',
        'Bericht der Verwaltung zur Unterbringung','Antrag: Dolmetscherpool','Kommunales Integrationsmonitoring'])[1 + i % 6] || ' ' || i,
      date '2024-01-02' + i % 700, 'FB ' || (10 + i % 60), 'Der Ausschuss nimmt den Bericht zur Kenntnis.',
      ${at(sql`i`, "minute")}, ${at(sql`i`, "minute")}
    FROM generate_series(0, ${s.papers - 1}::int) i`);
  await db.orm.execute(sql`
    WITH p AS (SELECT id, row_number() OVER (ORDER BY number)::int - 1 AS k FROM body_papers WHERE tenant_id = ${t}),
      b AS (SELECT id, row_number() OVER (ORDER BY created_at, id)::int - 1 AS k FROM bodies WHERE tenant_id = ${t})
    INSERT INTO body_consultations (tenant_id, paper_id, body_id, competence, position, result, decided_on, resolution, created_at, updated_at)
    SELECT ${t}, p.id, b.id, (ARRAY['vorberatung','entscheidung','kenntnisnahme'])[1 + (i / ${s.papers}) % 3], i / ${s.papers},
      CASE WHEN i % 3 = 0 THEN 'beschlossen' END, CASE WHEN i % 3 = 0 THEN date '2025-03-01' + i % 200 END,
      CASE WHEN i % 3 = 0 THEN 'Beschlossen wie vorgeschlagen.' END,
      ${at(sql`i`, "second")}, ${at(sql`i`, "second")}
    FROM generate_series(0, ${s.consultations - 1}::int) i JOIN p ON p.k = i % ${s.papers} JOIN b ON b.k = i % ${s.bodies}`);
  // Item i belongs to meeting i mod M; every other public item treats consultation i (each at most once).
  await db.orm.execute(sql`
    WITH m AS (SELECT id, row_number() OVER (ORDER BY created_at, id)::int - 1 AS k FROM body_meetings WHERE tenant_id = ${t}),
      c AS (SELECT id, row_number() OVER (ORDER BY created_at, id)::int - 1 AS k FROM body_consultations WHERE tenant_id = ${t}),
      v AS (SELECT i, i % 10 <> 9 AS public, CASE WHEN i % 10 <> 9 AND i % 2 = 0 THEN c.id END AS consultation_id
            FROM generate_series(0, ${s.agendaItems - 1}::int) i LEFT JOIN c ON c.k = i)
    INSERT INTO body_agenda_items (tenant_id, meeting_id, number, title, is_public, consultation_id, result, position, created_at, updated_at)
    SELECT ${t}, m.id, (v.i / ${s.meetings} + 1)::text,
      CASE WHEN v.public THEN 'Tagesordnungspunkt ' || (v.i / ${s.meetings} + 1) ELSE 'Personalangelegenheit' END,
      v.public, v.consultation_id, CASE WHEN v.consultation_id IS NULL AND v.i % 3 = 0 THEN 'beschlossen' END,
      v.i / ${s.meetings}, ${at(sql`v.i`, "second")}, ${at(sql`v.i`, "second")}
    FROM v JOIN m ON m.k = v.i % ${s.meetings}`);
  // Not to be published: a non-public meeting with an item, a deleted meeting with an item, a
  // non-public paper with a consultation.
  const [hidden] = await rowsOf<{ ids: string[] }>(
    db,
    sql`WITH b AS (SELECT id FROM bodies WHERE tenant_id = ${t} ORDER BY created_at, id LIMIT 1),
      hm AS (INSERT INTO body_meetings (tenant_id, body_id, meets_on, is_public) SELECT ${t}, id, date '2025-06-01', false FROM b RETURNING id),
      dm AS (INSERT INTO body_meetings (tenant_id, body_id, meets_on, deleted_at) SELECT ${t}, id, date '2025-06-02', now() FROM b RETURNING id),
      hi AS (INSERT INTO body_agenda_items (tenant_id, meeting_id, number, title)
             SELECT ${t}, id, '1', 'Punkt einer nichtöffentlichen Sitzung' FROM hm
             UNION ALL SELECT ${t}, id, '1', 'Punkt einer gelöschten Sitzung' FROM dm RETURNING id),
      hp AS (INSERT INTO body_papers (tenant_id, number, title, submitted_on, is_public, lead_office)
             VALUES (${t}, 'NÖ/1', 'Nichtöffentliche Vorlage', date '2025-05-01', false, 'FB 01') RETURNING id),
      hc AS (INSERT INTO body_consultations (tenant_id, paper_id, body_id, competence)
             SELECT ${t}, hp.id, b.id, 'entscheidung' FROM hp, b RETURNING id)
    SELECT array(SELECT id FROM hm UNION ALL SELECT id FROM dm UNION ALL SELECT id FROM hi
      UNION ALL SELECT id FROM hp UNION ALL SELECT id FROM hc)::text[] AS ids`,
  );
  // What OParl will publish, counted by its rules: the seed must have made exactly the sizes asked for.
  const [n] = await rowsOf<Record<keyof Sizes, number>>(
    db,
    sql`SELECT (SELECT count(*) FROM bodies WHERE tenant_id = ${t})::int AS bodies,
      (SELECT count(*) FROM body_persons WHERE tenant_id = ${t})::int AS persons,
      (SELECT count(*) FROM body_memberships WHERE tenant_id = ${t})::int AS memberships,
      (SELECT count(*) FROM body_meetings WHERE tenant_id = ${t} AND is_public AND deleted_at IS NULL)::int AS meetings,
      (SELECT count(*) FROM body_agenda_items i JOIN body_meetings m ON m.id = i.meeting_id
        WHERE i.tenant_id = ${t} AND m.is_public AND m.deleted_at IS NULL)::int AS "agendaItems",
      (SELECT count(*) FROM body_papers WHERE tenant_id = ${t} AND is_public)::int AS papers,
      (SELECT count(*) FROM body_consultations c JOIN body_papers p ON p.id = c.paper_id
        WHERE c.tenant_id = ${t} AND p.is_public)::int AS consultations`,
  );
  if (JSON.stringify(n) !== JSON.stringify(s))
    throw new Error(`Seed: erwartet ${JSON.stringify(s)}, angelegt ${JSON.stringify(n)}`);
  await db.execScript("ANALYZE");
  return hidden.ids;
}

/**
 * Changes a few objects; returns the time before the change (for modified_since) and the ids of
 * every object that must count as changed: the touched ones and those that change with them.
 */
async function touch(db: Database) {
  const [r] = await rowsOf<{
    since: string;
    item: string;
    meeting: string;
    consultation: string;
    cpaper: string;
    membership: string;
    mperson: string;
    mbody: string;
    persons: string[];
    papers: string[];
  }>(
    db,
    sql`SELECT to_char((clock_timestamp() - interval '1 millisecond') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS since,
      i.id AS item, i.meeting_id AS meeting, c.id AS consultation, c.paper_id AS cpaper,
      ms.id AS membership, ms.person_id AS mperson, ms.body_id AS mbody,
      array(SELECT p.id::text FROM body_persons p WHERE p.id <> ms.person_id ORDER BY p.created_at DESC LIMIT 3) AS persons,
      array(SELECT p.id::text FROM body_papers p WHERE p.is_public AND p.id <> c.paper_id ORDER BY p.number LIMIT 2) AS papers
    FROM body_agenda_items i JOIN body_consultations c ON c.id = i.consultation_id
      JOIN body_meetings m ON m.id = i.meeting_id AND m.is_public AND m.deleted_at IS NULL,
      LATERAL (SELECT * FROM body_memberships ORDER BY created_at DESC LIMIT 1) ms
    WHERE i.is_public ORDER BY i.created_at LIMIT 1`,
  );
  // Later than `since` by construction: clock_timestamp() moves on, and the triggers stamp with it.
  await db.orm.execute(sql`UPDATE body_agenda_items SET title = title || ' (geändert)' WHERE id = ${r.item}`);
  await db.orm.execute(
    sql`UPDATE body_persons SET title = 'Prof.' WHERE id IN (SELECT jsonb_array_elements_text(${JSON.stringify(r.persons)}::jsonb)::uuid)`,
  );
  await db.orm.execute(
    sql`UPDATE body_papers SET title = title || ' (neu gefasst)' WHERE id IN (SELECT jsonb_array_elements_text(${JSON.stringify(r.papers)}::jsonb)::uuid)`,
  );
  await db.orm.execute(sql`DELETE FROM body_memberships WHERE id = ${r.membership}`);
  const [created] = await rowsOf<{ id: string }>(
    db,
    sql`INSERT INTO body_papers (tenant_id, number, title, submitted_on, lead_office)
        SELECT id, 'V/NEU/1', 'Neue Vorlage nach dem ersten Abruf', current_date, 'FB 56' FROM tenants WHERE slug = ${SLUG}
        RETURNING id`,
  );
  const u = (segment: string, id: string) => `${PUBLIC}/oparl/v1/body/${SLUG}/${segment}/${id}`;
  const expected = new Set([
    // The item, the meeting that embeds it, the consultation it treats, and that one's paper.
    u("agendaItem", r.item),
    u("meeting", r.meeting),
    u("consultation", r.consultation),
    u("paper", r.cpaper),
    ...r.persons.map((id) => u("person", id)),
    ...r.papers.map((id) => u("paper", id)),
    // The deleted membership (deleted: true), its person and its Gremium (which listed it).
    u("membership", r.membership),
    u("person", r.mperson),
    u("organization", r.mbody),
    u("paper", created.id),
  ]);
  return { since: r.since, expected, deleted: u("membership", r.membership) };
}

// ---------------------------------------------------------------------------------------------
interface Sample {
  path: string;
  list: string;
  ms: number;
  status: number;
  raw: Buffer;
  type: string;
  encoding?: string;
}

/** A GET as a crawler makes it: keep-alive, compressed answers accepted; timed to the last byte. */
function get(agent: http.Agent, base: string, p: string): Promise<Omit<Sample, "list">> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = http.get(
      base + p,
      { agent, headers: { accept: "application/json", "accept-encoding": "gzip, deflate, br" } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("error", reject);
        res.on("end", () =>
          resolve({
            path: p,
            ms: performance.now() - t0,
            status: res.statusCode ?? 0,
            raw: Buffer.concat(chunks),
            type: String(res.headers["content-type"] ?? ""),
            encoding: res.headers["content-encoding"],
          }),
        );
      },
    );
    req.on("error", reject);
  });
}

function decode(s: Omit<Sample, "list">): unknown {
  const body =
    s.encoding === "gzip"
      ? zlib.gunzipSync(s.raw)
      : s.encoding === "br"
        ? zlib.brotliDecompressSync(s.raw)
        : s.encoding === "deflate"
          ? zlib.inflateSync(s.raw)
          : s.raw;
  return JSON.parse(body.toString("utf8"));
}

/** The path and query of an endpoint URL; the crawl never leaves the endpoint. */
function local(url: string): string {
  if (!url.startsWith(`${PUBLIC}/oparl/v1/`)) throw new Error(`Fremde Adresse: ${url}`);
  return url.slice(PUBLIC.length);
}

const isObject = (o: unknown): o is OparlObject =>
  !!o &&
  typeof o === "object" &&
  typeof (o as OparlObject).id === "string" &&
  typeof (o as OparlObject).type === "string";
const OBJECT_URL = new RegExp(`^${PUBLIC.replace(/\./g, "\\.")}/oparl/v1/body/[^/]+/[A-Za-z]+/[0-9a-f-]{36}$`);

interface Crawl {
  samples: Sample[];
  /** Every object by id: those of the lists and those embedded in them. */
  objects: Map<string, { o: OparlObject; top: boolean }>;
  /** Object URLs named by objects (Membership.person …). */
  refs: Set<string>;
  problems: string[];
  ms: number;
}

/** Crawls from /oparl/v1/system; with `since`, every list of the Body with modified_since. */
async function crawl(base: string, since?: string): Promise<Crawl> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const c: Crawl = { samples: [], objects: new Map(), refs: new Set(), problems: [], ms: 0 };
  const collect = (v: unknown, top: boolean, key = ""): void => {
    if (typeof v === "string") {
      if (key !== "id" && OBJECT_URL.test(v)) c.refs.add(v);
    } else if (Array.isArray(v)) v.forEach((x) => collect(x, top, key));
    else if (v && typeof v === "object") {
      if (isObject(v) && !c.objects.has(v.id)) c.objects.set(v.id, { o: v, top });
      for (const [k, x] of Object.entries(v)) collect(x, false, k);
    }
  };
  const fetchJson = async (url: string, list: string) => {
    const s = await get(agent, base, local(url));
    c.samples.push({ ...s, list });
    if (s.status !== 200) {
      c.problems.push(`${url}: HTTP ${s.status}`);
      return undefined;
    }
    return decode(s) as Record<string, unknown>;
  };
  const walk = async (first: string, list: string, each: (o: OparlObject) => void) => {
    for (let url: string | undefined = first; url;) {
      const page = await fetchJson(url, list);
      if (!page) return;
      for (const o of page.data as unknown[]) {
        if (isObject(o)) each(o);
        else c.problems.push(`${url}: Listeneintrag ohne id/type`);
      }
      url = (page.links as Record<string, string | undefined>).next;
    }
  };
  const t0 = performance.now();
  const system = await fetchJson(`${PUBLIC}/oparl/v1/system`, "system");
  if (isObject(system)) {
    collect(system, true);
    const bodies: OparlObject[] = [];
    await walk(String(system.body), "body", (b) => bodies.push(b));
    for (const b of bodies) {
      collect(b, true);
      for (const key of BODY_LISTS) {
        if (typeof b[key] !== "string") continue;
        const url = since ? `${b[key] as string}?modified_since=${encodeURIComponent(since)}` : (b[key] as string);
        await walk(url, key, (o) => collect(o, true));
      }
    }
  } else c.problems.push("/oparl/v1/system: kein System-Objekt");
  c.ms = performance.now() - t0;
  agent.destroy();
  return c;
}

/** The same paths, in the same order, from the reference server. */
async function replay(base: string, paths: string[]): Promise<number[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const times: number[] = [];
  for (const p of paths) {
    const s = await get(agent, base, p);
    if (s.status !== 200) throw new Error(`Referenz: HTTP ${s.status} für ${p}`);
    times.push(s.ms);
  }
  agent.destroy();
  return times;
}

const pct = (xs: number[], p: number) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const de = (x: number, d = 1) => x.toLocaleString("de-DE", { maximumFractionDigits: d, minimumFractionDigits: d });
const typeOf = (o: OparlObject) => o.type.replace(OPARL, "");

// ---------------------------------------------------------------------------------------------
async function main() {
  // The build loads React's production or development bundles by NODE_ENV; as server.js does.
  process.env.NODE_ENV ??= "production";
  const n = Number(process.argv[2] ?? process.env.OPARL_BENCH_OBJECTS ?? 10_000);
  if (!Number.isInteger(n) || n < 10) {
    console.error(`Anzahl der Objekte: eine ganze Zahl ab 10, nicht ${process.argv[2]}`);
    process.exit(2);
  }
  const s = sizes(n);
  const build = (await import(new URL("../build/server/index.js", import.meta.url).href)) as Build;

  // Where the data lives: a temporary folder for the embedded database, or a temporary database.
  const pgUrl = process.env.BENCH_DATABASE_URL;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "teilhabe-oparl-"));
  let admin: pg.Client | undefined;
  let dbName = "";
  let env: Record<string, string>;
  let open: () => Promise<Database>;
  if (pgUrl) {
    dbName = `teilhabe_oparl_${randomBytes(4).toString("hex")}`;
    admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    const url = pgUrl.replace(/\/[^/?]*(\?|$)/, `/${dbName}$1`);
    env = { DATABASE_URL: url };
    open = () => build.openDatabase({ url, poolSize: 2 });
  } else {
    env = { DATA_DIR: tmp };
    open = () => build.openDatabase({ dataDir: path.join(tmp, "pglite") });
  }
  const serverEnv = { ...env, DEMO_DATA: "false", PUBLIC_URL: PUBLIC };
  let server: Awaited<ReturnType<typeof spawnServer>> | undefined;
  let reference: ReturnType<typeof spawn> | undefined;
  const stop = async () => {
    const srv = server;
    server = undefined;
    if (!srv || srv.child.exitCode !== null) return;
    const exited = new Promise((r) => srv.child.once("exit", r));
    srv.child.kill("SIGTERM");
    await exited;
  };
  let failed: boolean;
  try {
    let t0 = performance.now();
    let db = await open();
    await build.migrate(db);
    const migrateSeconds = (performance.now() - t0) / 1000;
    t0 = performance.now();
    const hidden = await seed(db, s);
    const seedSeconds = (performance.now() - t0) / 1000;
    await db.close();
    const seeded = Object.values(s).reduce((a, b) => a + b, 0);
    // The System and the Body (the tenant) are objects too.
    const expectedObjects = seeded + 2;

    server = await spawnServer(serverEnv);
    // Warm-up, not measured: the endpoint's code is loaded on first request, and a server that
    // clients crawl has been running. The first page of every list, once.
    await crawlFirstPages(server.url);

    const full = await crawl(server.url);
    const problems = [...full.problems];
    const lists = full.samples.filter((x) => x.list !== "system");
    const byType = new Map<string, number>();
    for (const { o } of full.objects.values()) byType.set(typeOf(o), (byType.get(typeOf(o)) ?? 0) + 1);
    const want: Record<string, number> = {
      System: 1,
      Body: 1,
      Organization: s.bodies,
      Person: s.persons,
      Membership: s.memberships,
      Meeting: s.meetings,
      AgendaItem: s.agendaItems,
      Paper: s.papers,
      Consultation: s.consultations,
    };
    for (const [type, count] of Object.entries(want))
      if ((byType.get(type) ?? 0) !== count)
        problems.push(`${type}: ${byType.get(type) ?? 0} gefunden, ${count} angelegt`);
    if (full.objects.size !== expectedObjects)
      problems.push(`${full.objects.size} verschiedene Objekte, ${expectedObjects} erwartet`);
    const leaked = [...full.objects.keys()].filter((id) => hidden.some((h) => id.endsWith(`/${h}`)));
    if (leaked.length) problems.push(`nicht öffentliche Objekte veröffentlicht: ${leaked.join(", ")}`);
    const dangling = [...full.refs].filter((r) => !full.objects.has(r));
    if (dangling.length) problems.push(`${dangling.length} Verweise auf Objekte, die der Abruf nicht fand`);

    // The reference: the recorded bytes by path, from a bare node:http server in its own process.
    const recDir = path.join(tmp, "replay");
    fs.mkdirSync(recDir);
    const index: Recorded[] = full.samples.map((x, i) => {
      fs.writeFileSync(path.join(recDir, `${i}.bin`), x.raw);
      return { path: x.path, status: x.status, type: x.type, encoding: x.encoding, file: `${i}.bin` };
    });
    fs.writeFileSync(path.join(recDir, "index.json"), JSON.stringify(index));
    reference = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), "--replay", recDir], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    const refPort = await new Promise<string>((resolve, reject) => {
      reference!.stdout!.once("data", (d: Buffer) => resolve(d.toString().trim()));
      reference!.once("exit", (code) => reject(new Error(`Referenzserver beendet (${code})`)));
    });
    const refBase = `http://127.0.0.1:${refPort}`;
    // Warm-up, as the app had: the whole sequence once.
    await replay(
      refBase,
      full.samples.map((x) => x.path),
    );
    const refAll = await replay(
      refBase,
      full.samples.map((x) => x.path),
    );
    const refLists = refAll.filter((_, i) => full.samples[i].list !== "system");
    reference.kill("SIGTERM");
    reference = undefined;

    // Incremental: touch a few objects, then only what changed since.
    let since: string, expected: Set<string>, deletedId: string;
    if (pgUrl) {
      db = await open();
      ({ since, expected, deleted: deletedId } = await touch(db));
      await db.close();
    } else {
      // The embedded database belongs to one process: the server stops for the change and starts again.
      await stop();
      db = await open();
      ({ since, expected, deleted: deletedId } = await touch(db));
      await db.close();
      server = await spawnServer(serverEnv);
    }
    const inc = await crawl(server.url, since);
    problems.push(...inc.problems.map((p) => `inkrementell: ${p}`));
    const changed = new Set(
      [...inc.objects.values()].filter(({ o, top }) => top || String(o.modified) >= since).map(({ o }) => o.id),
    );
    changed.delete(`${PUBLIC}/oparl/v1/system`);
    changed.delete(`${PUBLIC}/oparl/v1/body/${SLUG}`);
    const stale = [...inc.objects.values()].filter(
      ({ o, top }) => top && typeOf(o) !== "System" && typeOf(o) !== "Body" && String(o.modified) < since,
    );
    const missing = [...expected].filter((id) => !changed.has(id));
    const extra = [...changed].filter((id) => !expected.has(id));
    if (missing.length) problems.push(`inkrementell: fehlt ${missing.join(", ")}`);
    if (extra.length) problems.push(`inkrementell: zu viel ${extra.join(", ")}`);
    if (stale.length) problems.push(`inkrementell: ${stale.length} Objekte vor modified_since`);
    if (inc.objects.get(deletedId)?.o.deleted !== true)
      problems.push(`inkrementell: die gelöschte Mitgliedschaft fehlt als deleted: true`);

    // Report.
    const ms = lists.map((x) => x.ms);
    const bytes = full.samples.reduce((a, x) => a + x.raw.length, 0);
    const p95 = pct(ms, 95);
    const refP95 = pct(refLists, 95);
    const load = os.loadavg()[0];
    console.log(
      `OParl-Crawl: ${n.toLocaleString("de-DE")} Objekte in einem Mandanten (${pgUrl ? "PostgreSQL" : "PGlite, eingebettet"}), ` +
        `Migrationen ${de(migrateSeconds)} s, Seed ${de(seedSeconds)} s; ${os.cpus().length} Kerne, Last ${de(load, 2)} (der Rechner ist geteilt: nur innerhalb eines Laufs vergleichen)`,
    );
    console.log(
      `${"Liste".padEnd(22)} ${"Seiten".padStart(6)} ${"Objekte".padStart(8)} ${"KB".padStart(7)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)} ${"max ms".padStart(8)}`,
    );
    const row = (label: string, pages: Sample[], objects: number | string, times = pages.map((x) => x.ms)) =>
      console.log(
        `${label.padEnd(22)} ${String(pages.length).padStart(6)} ${String(objects).padStart(8)} ${de(pages.reduce((a, x) => a + x.raw.length, 0) / 1024, 0).padStart(7)} ${de(pct(times, 50)).padStart(8)} ${de(pct(times, 95)).padStart(8)} ${de(Math.max(...times)).padStart(8)}`,
      );
    const perList = new Map<string, Sample[]>();
    for (const x of lists) perList.set(x.list, [...(perList.get(x.list) ?? []), x]);
    const objectsOfList = new Map<string, number>();
    for (const [list, pages] of perList) {
      // Objects a list brought, with those embedded: the decoded pages, counted again.
      let k = 0;
      const seen = new Set<string>();
      const count = (v: unknown): void => {
        if (Array.isArray(v)) v.forEach(count);
        else if (v && typeof v === "object") {
          if (isObject(v) && !seen.has(v.id)) {
            seen.add(v.id);
            k++;
          }
          Object.values(v).forEach(count);
        }
      };
      for (const p of pages) count((decode(p) as { data: unknown }).data);
      objectsOfList.set(list, k);
      row(list, pages, k);
    }
    row("alle Listenseiten", lists, full.objects.size - 1);
    row("Referenz (node:http)", lists, "", refLists);
    const ratio = p95 / refP95;
    console.log(
      `p95 je Listenseite: Teilhabe ${de(p95)} ms, Referenz ${de(refP95, 2)} ms, Verhältnis ${de(ratio, 0)}:1`,
    );
    console.log(
      `Gesamt: ${full.objects.size.toLocaleString("de-DE")} verschiedene Objekte (erwartet ${expectedObjects.toLocaleString("de-DE")}), ` +
        `${full.samples.length} Anfragen, ${de(bytes / 1024, 0)} KB, ${de(full.ms / 1000, 2)} s, ${de(full.objects.size / (full.ms / 1000), 0)} Objekte/s` +
        ` (Referenz: ${de(refAll.reduce((a, b) => a + b, 0) / 1000, 2)} s)`,
    );
    console.log(
      `Inkrementell (modified_since${pgUrl ? "" : ", Server neu gestartet"}): ${inc.samples.length} Anfragen in ${de(inc.ms / 1000, 2)} s, ` +
        `${changed.size} geänderte Objekte, erwartet ${expected.size}: ${missing.length || extra.length || stale.length ? "FEHLER" : "ok"}`,
    );
    for (const p of problems) console.log(`FEHLER: ${p}`);
    failed = problems.length > 0;
    console.log(
      JSON.stringify({
        bench: "oparl-crawl",
        database: pgUrl ? "postgresql" : "pglite",
        objectsSeeded: seeded,
        migrateSeconds: round(migrateSeconds, 2),
        seedSeconds: round(seedSeconds, 2),
        cores: os.cpus().length,
        load1: round(load, 2),
        pages: full.samples.length,
        listPages: lists.length,
        objects: full.objects.size,
        objectsExpected: expectedObjects,
        bytes,
        totalMs: round(full.ms),
        objectsPerSecond: round(full.objects.size / (full.ms / 1000), 0),
        p50Ms: round(pct(ms, 50), 2),
        p95Ms: round(p95, 2),
        p99Ms: round(pct(ms, 99), 2),
        maxMs: round(Math.max(...ms), 2),
        perList: Object.fromEntries(
          [...perList].map(([list, pages]) => [
            list,
            {
              pages: pages.length,
              objects: objectsOfList.get(list),
              p50Ms: round(
                pct(
                  pages.map((x) => x.ms),
                  50,
                ),
                2,
              ),
              p95Ms: round(
                pct(
                  pages.map((x) => x.ms),
                  95,
                ),
                2,
              ),
            },
          ]),
        ),
        reference: {
          server: "node:http",
          p50Ms: round(pct(refLists, 50), 3),
          p95Ms: round(refP95, 3),
          p99Ms: round(pct(refLists, 99), 3),
          totalMs: round(refAll.reduce((a, b) => a + b, 0)),
        },
        p95Ratio: round(ratio, 1),
        incremental: {
          pages: inc.samples.length,
          totalMs: round(inc.ms),
          changed: changed.size,
          expected: expected.size,
          ok: !missing.length && !extra.length && !stale.length,
        },
        ok: !failed,
      }),
    );
  } finally {
    reference?.kill("SIGTERM");
    await stop();
    if (admin) {
      await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await admin.end();
    }
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  process.exit(failed ? 1 : 0);
}

/** Fetches /system, the body list and the first page of every list, unmeasured. */
async function crawlFirstPages(base: string): Promise<void> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const json = async (url: string) => decode(await get(agent, base, local(url))) as Record<string, unknown>;
  const system = await json(`${PUBLIC}/oparl/v1/system`);
  const bodies = (await json(String(system.body))).data as OparlObject[];
  for (const b of bodies) for (const key of BODY_LISTS) if (typeof b[key] === "string") await json(b[key] as string);
  agent.destroy();
}

// ---------------------------------------------------------------------------------------------
// The reference server: `node … oparl-crawl.ts --replay <dir>` answers every recorded path with its
// recorded bytes and headers and nothing else. Its own process, as the app's server is.
function serveRecorded(dir: string) {
  const index = JSON.parse(fs.readFileSync(path.join(dir, "index.json"), "utf8")) as Recorded[];
  const pages = new Map(index.map((r) => [r.path, { ...r, body: fs.readFileSync(path.join(dir, r.file)) }]));
  const server = http.createServer((req, res) => {
    const p = pages.get(req.url ?? "");
    if (!p) return void res.writeHead(404).end();
    res.writeHead(p.status, {
      "content-type": p.type,
      ...(p.encoding ? { "content-encoding": p.encoding } : {}),
      "content-length": p.body.length,
    });
    res.end(p.body);
  });
  server.listen(0, "127.0.0.1", () => console.log(String((server.address() as AddressInfo).port)));
  process.on("SIGTERM", () => process.exit(0));
}

if (process.argv[2] === "--replay") serveRecorded(process.argv[3]);
else await main();
