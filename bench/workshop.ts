// The live workshop board under load (issue 12; run: npm run bench -- workshop). One workshop in
// tenant aachen, BENCH_CLIENTS participants (default 200), each with its own cookie jar, post cards
// and dots for BENCH_SECONDS (default 60) while BENCH_LISTENERS board streams (default 20) listen.
// On the embedded database (a temporary DATA_DIR) by default; with BENCH_DATABASE_URL=postgres://…
// on a temporary database of that server, which is dropped afterwards.
//
// Setup: the editor creates a Zukunftswerkstatt and its workshop through the staff forms (dot budget
// 20, the most the form allows) and opens voting through the facilitator's control. The card limit
// per participant (30 by default) is raised by SQL to 500, the schema's maximum, so it does not cut
// the run; should a participant still reach it, that refusal counts as expected, and it is shown.
// On PGlite the server is stopped for that statement and started again (one process may open it).
// Then the listeners connect, one seed participant posts 20 cards, and every participant joins
// (GET of the board: the `tw_…` token cookie, the CSRF cookie and the dot forms' card ids).
//
// Each participant's loop alternates a card (`intent=card`, unique text) and a dot step on one of
// the seed cards, with keys of its own. The dot steps cycle through: one dot; the same key twice in
// parallel (a double tap); one dot; the same key twice one after the other (a retry); two different
// keys in parallel (the budget under concurrency). A 302 to `?ok=card|dot` is success; a 400 with the
// budget (or card-limit) message is an expected refusal; anything else is an error. The client does
// not follow the redirect: what a board reload costs is not part of this figure.
//
// Fan-out (submit → board), by correlation rather than sampling: every committed card sends one
// NOTIFY (a row trigger, one card per transaction, and PostgreSQL never merges notifications of
// different transactions), and posting a card holds the process row's lock until commit, so card
// numbers (seq), commits and notifications come in the same order. The listeners are open before
// the first card, so a listener's k-th `event: cards` is the card with the k-th lowest seq; its
// delay is the time from sending that card's POST to the event's arrival, per listener. A listener
// whose count of events differs from the cards stored has lost (or gained) events: it is reported
// as a fault and left out of the figures, since its order no longer lines up; so are card numbers
// that are not exactly 1..n. Also shown: the event against the poster's own answer (the board is
// told at commit, the poster a moment later), answers per sixth of the run (a stall shows as a
// gap) and the server process's CPU time per request.
//
// Accounting from the database after the run: every card answered 302 is stored exactly once (by
// its unique text); a refused card is not stored; every dot answered 302 with key k is stored once,
// for that participant and card; a refused key is not stored; no participant holds more dots in the
// round than the budget; the participants' card counters add up to the cards. A request without an
// answer (network error, 408, 5xx) may or may not have written: such writes are counted, not faults.
// Exit code 1 on any lost, duplicated, phantom or over-budget write, a repeated key answered
// differently the second time, a counter mismatch, a lost board event or a 5xx.
//
// The reference in the same run: the same clients with the same loop and bytes against a bare
// node:http server (its own process, as the app is) that reads the body and answers 302: what the
// client loop itself costs on this machine.
import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { cpuSeconds, spawnServer } from "../tests/support/process";
import { Session } from "./support";

const seconds = Number(process.env.BENCH_SECONDS ?? 60);
const clients = Number(process.env.BENCH_CLIENTS ?? 200);
const listenerCount = Number(process.env.BENCH_LISTENERS ?? 20);
const pgUrl = process.env.BENCH_DATABASE_URL;
const PW = "Teilhabe-Demo-2026";
const BUDGET = 20;
const CARD_LIMIT = 500;
const SEED_CARDS = 20;
const tag = randomBytes(3).toString("hex");

type Server = Awaited<ReturnType<typeof spawnServer>>;
// "timeout": Node's own 408 when the request's headers were not read in time (the event loop was
// blocked); the app never saw it, but like a network error it counts as a request without an answer.
type Outcome = "ok" | "refused" | "limit" | "network" | "timeout" | "server" | "unexpected";
interface Sample {
  kind: "card" | "dot";
  ms: number;
  /** When the answer came, in ms since the run's start. */
  at: number;
  outcome: Outcome;
}

async function stopServer(s: Server) {
  if (s.child.exitCode !== null || s.child.signalCode !== null) return;
  const exited = new Promise((r) => s.child.once("exit", r));
  s.child.kill("SIGTERM");
  await exited;
}

/** Plain SQL on the run's database, as its owner (row-level security does not apply). */
interface Sql {
  query<T>(text: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}
async function openSql(target: { url: string } | { dataDir: string }): Promise<Sql> {
  if ("url" in target) {
    const c = new pg.Client({ connectionString: target.url });
    await c.connect();
    return { query: async (t, p) => (await c.query(t, p)).rows, close: () => c.end() };
  }
  // The server must be stopped: PGlite is opened by one process at a time.
  const [{ PGlite }, { pg_trgm }, { unaccent }] = await Promise.all([
    import("@electric-sql/pglite"),
    import("@electric-sql/pglite/contrib/pg_trgm"),
    import("@electric-sql/pglite/contrib/unaccent"),
  ]);
  const db = await PGlite.create(path.join(target.dataDir, "pglite"), { extensions: { pg_trgm, unaccent } });
  return { query: async <T>(t: string, p?: unknown[]) => (await db.query<T>(t, p)).rows, close: () => db.close() };
}

/** The editor creates the process and its workshop and opens voting, all through the staff forms. */
async function createWorkshop(base: string): Promise<string> {
  const editor = new Session();
  await editor.get(base, "/anmelden");
  const login = await editor.post(base, "/anmelden", { email: "editor.aachen@example.org", password: PW });
  if (login.status !== 302) throw new Error(`Anmeldung fehlgeschlagen: ${login.status}`);
  const created = await editor.post(base, "/t/aachen/verwaltung/beteiligung/neu", {
    kind: "zukunftswerkstatt",
    title: `Lasttest Werkstatt ${tag}`,
    startsOn: "2026-06-12",
  });
  const processId = created.headers.get("location")?.match(/beteiligung\/([0-9a-f-]{36})/)?.[1];
  if (created.status !== 302 || !processId) throw new Error(`Prozess nicht angelegt: ${created.status}`);
  const ws = await editor.post(base, `/t/aachen/verwaltung/beteiligung/${processId}`, {
    intent: "workshop",
    title: `Lasttest ${tag}`,
    dotBudget: String(BUDGET),
  });
  const workshopId = ws.headers.get("location")?.match(/werkstatt\/([0-9a-f-]{36})$/)?.[1];
  if (ws.status !== 302 || !workshopId) throw new Error(`Werkstatt nicht angelegt: ${ws.status}`);
  const open = await editor.post(base, `/t/aachen/verwaltung/beteiligung/${processId}/werkstatt/${workshopId}`, {
    intent: "control",
    control: "openVoting",
  });
  if (open.status !== 302) throw new Error(`Punktabfrage nicht geöffnet: ${open.status}`);
  return workshopId;
}

/** A board listener: the arrival time of every `event: cards`, in order. */
interface Listener {
  times: number[];
  ended: boolean;
  ctrl: AbortController;
}
async function listen(url: string): Promise<Listener> {
  const l: Listener = { times: [], ended: false, ctrl: new AbortController() };
  const res = await fetch(url, { headers: { accept: "text/event-stream" }, signal: l.ctrl.signal });
  if (res.status !== 200 || !res.body) throw new Error(`Stream: ${res.status}`);
  const reader = res.body.getReader();
  const dec = new TextDecoder();
  let buf = "";
  let opened!: () => void;
  const open = new Promise<void>((r) => (opened = r));
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        const now = performance.now();
        buf += dec.decode(value, { stream: true });
        for (let i = buf.indexOf("\n\n"); i >= 0; i = buf.indexOf("\n\n")) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          if (/^: open$/m.test(block)) opened();
          if (/^event: cards$/m.test(block)) l.times.push(now);
        }
      }
    } catch {
      /* aborted at the end of the run */
    }
    if (!l.ctrl.signal.aborted) l.ended = true;
    opened();
  })();
  await open;
  return l;
}

interface Participant {
  s: Session;
  tokenHash: string;
  cardIds: string[];
}

/** What one run of the loop sent and got back: the accounting works on this. */
interface RunLog {
  samples: Sample[];
  /** Card text → when its POST was sent (performance.now) and how it was answered. */
  cards: Map<string, { sent: number; answered: number; outcome: Outcome }>;
  /** Dot key → participant, card and every answer to it (two for a repeated key). */
  dots: Map<string, { tokenHash: string; cardId: string; outcomes: Outcome[] }>;
  unexpected: string[];
}

async function runLoop(base: string, code: string, people: Participant[]): Promise<RunLog> {
  const log: RunLog = { samples: [], cards: new Map(), dots: new Map(), unexpected: [] };
  const page = `/t/aachen/werkstatt/${code}`;
  const budgetText = `alle ${BUDGET} Punkte dieser Runde vergeben`;
  const limitText = `schon ${CARD_LIMIT} Karten geschrieben`;
  // The first few of each kind of failure, so one kind does not hide another.
  const noted = new Map<string, number>();
  const note = (what: string) => {
    const k = what.slice(0, 12);
    if ((noted.get(k) ?? 0) >= 3) return;
    noted.set(k, (noted.get(k) ?? 0) + 1);
    log.unexpected.push(what);
  };
  const send = async (p: Participant, kind: "card" | "dot", fields: Record<string, string>): Promise<Outcome> => {
    const t0 = performance.now();
    let outcome: Outcome;
    try {
      const res = await p.s.post(base, page, { intent: kind, ...fields });
      const body = await res.text();
      if (res.status === 302 && res.headers.get("location") === `${page}?ok=${kind}`) outcome = "ok";
      else if (res.status === 400 && kind === "dot" && body.includes(budgetText)) outcome = "refused";
      else if (res.status === 400 && kind === "card" && body.includes(limitText)) outcome = "limit";
      else {
        outcome = res.status >= 500 ? "server" : res.status === 408 ? "timeout" : "unexpected";
        note(`${kind} ${res.status}: ${body.replace(/\s+/g, " ").slice(0, 300)}`);
      }
    } catch (e) {
      outcome = "network";
      note(`${kind} Netzwerk nach ${fmt(performance.now() - t0)} ms: ${String(e)} ${String((e as Error).cause ?? "")}`);
    }
    const now = performance.now();
    log.samples.push({ kind, ms: now - t0, at: now - start, outcome });
    return outcome;
  };
  const dot = async (p: Participant, key: string, cardId: string) => {
    const d = log.dots.get(key) ?? { tokenHash: p.tokenHash, cardId, outcomes: [] };
    log.dots.set(key, d);
    d.outcomes.push(await send(p, "dot", { cardId, key }));
  };
  const start = performance.now();
  const end = start + seconds * 1000;
  await Promise.all(
    people.map(async (p, c) => {
      for (let i = 0; performance.now() < end; i++) {
        if (i % 2 === 0) {
          const body = `Lastkarte ${tag}-${c}-${i}: ${randomBytes(6).toString("hex")}`;
          const card = { sent: performance.now(), answered: NaN, outcome: "network" as Outcome };
          log.cards.set(body, card);
          card.outcome = await send(p, "card", { kind: "critique", body });
          card.answered = performance.now();
          continue;
        }
        const step = (i - 1) / 2;
        const cardOf = (n: number) => p.cardIds[(c + step + n) % p.cardIds.length];
        const key = (n: number) => `k${tag}x${c}x${i}x${n}`;
        switch (step % 5) {
          case 1: // a double tap: the same form twice at once
            await Promise.all([dot(p, key(0), cardOf(0)), dot(p, key(0), cardOf(0))]);
            break;
          case 3: // a retry: the same form again after the answer
            await dot(p, key(0), cardOf(0));
            await dot(p, key(0), cardOf(0));
            break;
          case 4: // two dots at once: the budget is counted under the participant's lock
            await Promise.all([dot(p, key(0), cardOf(0)), dot(p, key(1), cardOf(1))]);
            break;
          default:
            await dot(p, key(0), cardOf(0));
        }
      }
    }),
  );
  return log;
}

/** The reference: node:http in a process of its own, reading each body and answering 302. */
async function startReference(page: string) {
  const script = `
    import http from "node:http";
    const s = http.createServer((req, res) => {
      let body = "";
      req.on("data", (d) => (body += d));
      req.on("end", () => {
        const kind = /(?:^|&)intent=(\\w+)/.exec(body)?.[1] ?? "card";
        res.writeHead(302, { location: process.env.REF_PAGE + "?ok=" + kind, "content-length": 0 });
        res.end();
      });
    });
    s.listen(0, "127.0.0.1", () => console.log(s.address().port));`;
  const child = spawn(process.execPath, ["--input-type=module", "-e", script], {
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, REF_PAGE: page },
  });
  const port = await new Promise<number>((res, rej) => {
    child.stdout.once("data", (d) => res(Number(String(d).trim())));
    child.once("exit", () => rej(new Error("Referenzserver beendet")));
  });
  return { url: `http://127.0.0.1:${port}`, child };
}

const pct = (xs: number[], p: number) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const fmt = (x: number) => x.toLocaleString("de-DE", { maximumFractionDigits: 1 });
const count = (xs: Sample[], o: Outcome) => xs.filter((s) => s.outcome === o).length;
/** No answer from the app: the request may or may not have written. */
const unanswered = (o: Outcome) => o === "network" || o === "timeout" || o === "server";

function report(label: string, log: RunLog) {
  const s = log.samples;
  console.log(`${label}: ${s.length.toLocaleString("de-DE")} Anfragen in ${seconds} s, ${fmt(s.length / seconds)}/s`);
  const line = (name: string, xs: Sample[]) => {
    if (!xs.length) return;
    const ms = xs.map((x) => x.ms);
    console.log(
      `  ${name.padEnd(22)} ${String(xs.length).padStart(7)}, p50 ${fmt(pct(ms, 50))} ms, p99 ${fmt(pct(ms, 99))} ms`,
    );
  };
  // Answers per sixth of the run (and after it): shows a run that slows down or stalls.
  const slices = Array.from(
    { length: 7 },
    (_, i) => s.filter((x) => Math.min(6, Math.floor((6 * x.at) / (seconds * 1000))) === i).length,
  );
  console.log(`  Antworten je ${fmt(seconds / 6)} s: ${slices.slice(0, 6).join(", ")}; nach dem Ende ${slices[6]}`);
  const rows: [string, Sample["kind"], Outcome][] = [
    ["Karten: 302", "card", "ok"],
    ["Karten: 400 (Limit)", "card", "limit"],
    ["Punkte: 302", "dot", "ok"],
    ["Punkte: 400 (Budget)", "dot", "refused"],
  ];
  for (const [name, kind, outcome] of rows)
    line(
      name,
      s.filter((x) => x.kind === kind && x.outcome === outcome),
    );
  console.log(
    `  Fehler: Netzwerk ${count(s, "network")}, 408 ${count(s, "timeout")}, 5xx ${count(s, "server")}, unerwarteter Status ${count(s, "unexpected")}`,
  );
  for (const u of log.unexpected) console.log(`    ${u}`);
}

const kindLabel = pgUrl ? "PostgreSQL" : "PGlite";
console.log(
  `Werkstatt-Benchmark auf ${kindLabel}: ${clients} Teilnehmende, ${listenerCount} Tafel-Streams, ${seconds} s; ` +
    `${os.cpus().length} CPU, Node ${process.version}, Last beim Start ${os.loadavg()[0].toFixed(1)}`,
);

let admin: pg.Client | undefined;
let dbName: string | undefined;
let dataDir: string | undefined;
const env: Record<string, string> = { LOGIN_RATE_LIMIT: "10000" };
let dbTarget: { url: string } | { dataDir: string };
if (pgUrl) {
  dbName = `teilhabe_workshop_${randomBytes(4).toString("hex")}`;
  admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  const url = pgUrl.replace(/\/[^/?]*(\?|$)/, `/${dbName}$1`);
  env.DATABASE_URL = url;
  dbTarget = { url };
} else {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "teilhabe-bench-workshop-"));
  env.DATA_DIR = dataDir;
  env.DATABASE_URL = "";
  dbTarget = { dataDir };
}

let server: Server | undefined;
let ref: Awaited<ReturnType<typeof startReference>> | undefined;
const listeners: Listener[] = [];
let faults: number;
try {
  server = await spawnServer(env);
  const workshopId = await createWorkshop(server.url);
  // Raise the card limit (see above); on the embedded database with the server stopped.
  if (!pgUrl) await stopServer(server);
  const setupSql = await openSql(dbTarget);
  const [w] = await setupSql.query<{ code: string }>(
    `UPDATE participation_workshops SET card_limit = $1 WHERE id = $2 RETURNING code`,
    [CARD_LIMIT, workshopId],
  );
  await setupSql.close();
  if (!pgUrl) server = await spawnServer(env);
  const base = server.url;
  const code = w.code;
  const page = `/t/aachen/werkstatt/${code}`;

  for (let i = 0; i < listenerCount; i++) listeners.push(await listen(`${base}${page}/live`));

  const seed = new Session();
  await seed.get(base, page);
  const seedSent = new Map<string, number>();
  for (let i = 0; i < SEED_CARDS; i++) {
    const body = `Startkarte ${tag}-${i}`;
    seedSent.set(body, performance.now());
    const r = await seed.post(base, page, { intent: "card", kind: "critique", body });
    if (r.status !== 302) throw new Error(`Startkarte: ${r.status}`);
  }

  const cookie = `tw_${workshopId.replace(/-/g, "")}`;
  const people: Participant[] = await Promise.all(
    Array.from({ length: clients }, async () => {
      const s = new Session();
      const html = await (await s.get(base, page)).text();
      const token = s.cookies.get(cookie);
      if (!token || !s.cookies.get("teilhabe_csrf")) throw new Error("Kein Teilnahme- oder CSRF-Cookie");
      const cardIds = [...html.matchAll(/name="cardId" value="([0-9a-f-]{36})"/g)].map((m) => m[1]);
      if (cardIds.length !== SEED_CARDS) throw new Error(`Punktformulare: ${cardIds.length} statt ${SEED_CARDS}`);
      return { s, tokenHash: createHash("sha256").update(token).digest("hex"), cardIds };
    }),
  );

  ref = await startReference(page);
  const r0 = await runLoop(ref.url, code, people);
  ref.child.kill("SIGTERM");
  report("Referenz: node:http, antwortet 302", r0);

  const pid = server.child.pid!;
  const cpu0 = cpuSeconds(pid, Date.now());
  const wall0 = performance.now();
  const r1 = await runLoop(base, code, people);
  const cpu = cpuSeconds(pid, Date.now()) - cpu0;
  // Until the last request of the run was answered, which may be well after its end.
  const wall = (performance.now() - wall0) / 1000;
  report(`Teilhabe auf ${kindLabel}`, r1);
  console.log(
    `  Server-Prozess: ${fmt(cpu)} s CPU in ${fmt(wall)} s bis zur letzten Antwort, ${fmt((1000 * cpu) / r1.samples.length)} ms CPU je Anfrage`,
  );
  const tput = (l: RunLog) => l.samples.length / seconds;
  const p50 = (l: RunLog) =>
    pct(
      l.samples.map((x) => x.ms),
      50,
    );
  console.log(
    `  gegenüber der Referenz: ${fmt((100 * tput(r1)) / tput(r0))} % ihres Durchsatzes, p50 ${fmt(p50(r1) / p50(r0))}-fach`,
  );

  // Wait for the last cards' events (cards answered 302 at least), then close the streams.
  const okCards = [...r1.cards.values()].filter((c) => c.outcome === "ok").length;
  const target = SEED_CARDS + okCards;
  const drainEnd = performance.now() + 30_000;
  while (performance.now() < drainEnd && listeners.some((l) => !l.ended && l.times.length < target))
    await new Promise((r) => setTimeout(r, 50));
  // Cards whose answer was lost may still have been stored: their events come about as late.
  await new Promise((r) => setTimeout(r, 500));
  for (const l of listeners) l.ctrl.abort();

  await stopServer(server);
  const db = await openSql(dbTarget);
  const stored = await db.query<{ body: string; n: number; seq: number }>(
    `SELECT body, count(*)::int AS n, min(seq)::int AS seq FROM participation_cards WHERE workshop_id = $1 GROUP BY body`,
    [workshopId],
  );
  const votes = await db.query<{ key: string; n: number; token_hash: string; card_id: string }>(
    `SELECT v.idempotency_key AS key, count(*)::int AS n, min(p.token_hash) AS token_hash, min(v.card_id::text) AS card_id
       FROM participation_workshop_votes v JOIN participation_workshop_participants p ON p.id = v.participant_id
      WHERE v.workshop_id = $1 GROUP BY v.idempotency_key`,
    [workshopId],
  );
  const [over] = await db.query<{ n: number; max: number }>(
    `SELECT count(*) FILTER (WHERE used > $2)::int AS n, coalesce(max(used), 0)::int AS max FROM (
       SELECT participant_id, sum(dots) AS used FROM participation_workshop_votes
        WHERE workshop_id = $1 AND participant_id IS NOT NULL GROUP BY participant_id, round) x`,
    [workshopId, BUDGET],
  );
  const [counter] = await db.query<{ posted: number }>(
    `SELECT coalesce(sum(cards_posted), 0)::int AS posted FROM participation_workshop_participants WHERE workshop_id = $1`,
    [workshopId],
  );
  await db.close();

  // Cards.
  const byBody = new Map(stored.map((r) => [r.body, r]));
  let lostCards = 0,
    dupCards = 0,
    phantomCards = 0,
    unconfirmedCards = 0;
  for (const [body, c] of r1.cards) {
    const row = byBody.get(body);
    if (c.outcome === "ok" && !row) lostCards++;
    if (row && row.n > 1) dupCards++;
    if (row && ["refused", "limit", "unexpected"].includes(c.outcome)) phantomCards++;
    if (row && unanswered(c.outcome)) unconfirmedCards++;
  }
  for (const r of stored) if (!r1.cards.has(r.body) && !seedSent.has(r.body)) phantomCards++;
  const storedCards = stored.reduce((s, r) => s + r.n, 0);
  console.log(
    `  Karten: ${okCards} bestätigt, ${storedCards} gespeichert (davon ${SEED_CARDS} Startkarten), ` +
      `${lostCards} verloren, ${dupCards} doppelt, ${phantomCards} gespeichert trotz Ablehnung oder nie gesendet, ` +
      `${unconfirmedCards} gespeichert ohne Antwort; Kartenzähler ${counter.posted} für ${storedCards} Karten`,
  );

  // Dots.
  const byKey = new Map(votes.map((v) => [v.key, v]));
  let okKeys = 0,
    lostDots = 0,
    dupDots = 0,
    phantomDots = 0,
    wrongDots = 0,
    unconfirmedDots = 0,
    repeatedKeys = 0,
    repeatedStored = 0,
    repeatMismatch = 0;
  for (const [key, d] of r1.dots) {
    const row = byKey.get(key);
    const ok = d.outcomes.includes("ok");
    const unknown = d.outcomes.some(unanswered);
    if (ok) okKeys++;
    if (ok && !row) lostDots++;
    if (row && row.n > 1) dupDots++;
    if (row && !ok && !unknown) phantomDots++;
    if (row && !ok && unknown) unconfirmedDots++;
    if (row && (row.token_hash !== d.tokenHash || row.card_id !== d.cardId)) wrongDots++;
    if (d.outcomes.length > 1) {
      repeatedKeys++;
      if (row) repeatedStored++;
      // A key sent again after it was stored must be answered as a success again.
      if (ok && !unknown && d.outcomes.some((o) => o !== "ok")) repeatMismatch++;
    }
  }
  for (const v of votes) if (!r1.dots.has(v.key)) phantomDots++;
  console.log(
    `  Punkte: ${okKeys} Schlüssel bestätigt, ${votes.reduce((s, v) => s + v.n, 0)} gespeichert, ${lostDots} verloren, ` +
      `${dupDots} doppelt, ${phantomDots} gespeichert trotz Ablehnung oder nie gesendet, ${wrongDots} falsch zugeordnet, ` +
      `${unconfirmedDots} gespeichert ohne Antwort`,
  );
  console.log(
    `  Wiederholte Schlüssel: ${repeatedKeys} zweimal gesendet, ${repeatedStored} davon gespeichert (je einmal: ` +
      `${dupDots === 0 ? "ja" : "nein"}), ${repeatMismatch} mit abweichender zweiter Antwort; ` +
      `über Budget: ${over.n} Teilnehmende (höchstens ${over.max} von ${BUDGET} Punkten)`,
  );

  // Fan-out: the k-th event of a listener is the card with the k-th lowest seq.
  const bySeq = [...stored].sort((a, b) => a.seq - b.seq);
  // The correlation holds only for numbers 1..n without gaps (the process is new, its cards are ours).
  const gapless = bySeq.every((r, k) => r.seq === k + 1 && r.n === 1);
  if (!gapless) console.log("  Kartennummern nicht lückenlos 1..n: die Zuordnung der Ereignisse gilt nicht");
  const delays: number[] = [];
  // The event against the poster's own answer: negative when the board heard of it first.
  const afterAnswer: number[] = [];
  let badListeners = 0;
  const aligned = gapless ? listeners : [];
  for (const l of aligned) {
    if (l.times.length !== storedCards) {
      badListeners++;
      console.log(
        `  Stream: ${l.times.length} Ereignisse für ${storedCards} Karten${l.ended ? " (vom Server beendet)" : ""}`,
      );
      continue;
    }
    bySeq.forEach((r, k) => {
      const card = r1.cards.get(r.body);
      if (!card) return;
      delays.push(l.times[k] - card.sent);
      if (card.outcome === "ok") afterAnswer.push(l.times[k] - card.answered);
    });
  }
  console.log(
    `  Absenden → Tafel: ${delays.length} Messungen (${aligned.length - badListeners} Streams × Karten des Laufs), ` +
      `p50 ${fmt(pct(delays, 50))} ms, p95 ${fmt(pct(delays, 95))} ms, p99 ${fmt(pct(delays, 99))} ms; ` +
      `${badListeners} Streams mit fehlenden oder überzähligen Ereignissen`,
  );
  console.log(
    `  Tafel gegenüber der Antwort an die Absendenden: p50 ${fmt(pct(afterAnswer, 50))} ms, p95 ${fmt(pct(afterAnswer, 95))} ms (negativ: Tafel zuerst)`,
  );
  console.log(`  Last beim Ende ${os.loadavg()[0].toFixed(1)}`);

  faults =
    lostCards +
    dupCards +
    phantomCards +
    lostDots +
    dupDots +
    phantomDots +
    wrongDots +
    repeatMismatch +
    over.n +
    badListeners +
    (gapless ? 0 : 1) +
    (counter.posted === storedCards ? 0 : 1) +
    count(r1.samples, "server");
  console.log(faults === 0 ? "Ergebnis: keine Fehler in der Abrechnung." : `Ergebnis: ${faults} Fehler.`);
} finally {
  for (const l of listeners) l.ctrl.abort();
  if (ref && ref.child.exitCode === null) ref.child.kill("SIGTERM");
  if (server) await stopServer(server);
  if (admin) {
    await admin.query(`DROP DATABASE ${dbName} WITH (FORCE)`);
    await admin.end();
  }
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
}
if (faults > 0) process.exit(1);
