/**
 * Case work at scale (issue 16): CLIENTS clients (intake through the service, i.e. key, sealed identity,
 * search tokens, access event, audit), STEPS plan steps and EVENTS access events (INSERT … SELECT
 * generate_series as the owner), then p50/p95 over RUNS runs as the caseworker (withCase):
 * caseload list with names, opening a case (decrypt + log) and the same without the log insert,
 * a client's access log, name search, and the retention job over all cases (closed, fake today).
 * Beside each the reference of the same run: the plain SELECT of the same rows as the owner (no RLS,
 * no case_may), resp. PostgreSQL's INSERT … SELECT copy of the loaded rows; and the ratio.
 *   npm run bench -- cases [clients] [steps] [events] [runs]   default 5000 50000 1000000 50
 * PGlite (on disk, temp dir) by default; PostgreSQL when BENCH_DATABASE_URL is set (a fresh database,
 * dropped afterwards). Figures: docs/cases.md "## Benchmark". Measured 2026-12-04 (2 shared cores),
 * p95 PGlite / PostgreSQL: caseload 325 / 1124 ms (every client through case_may), open a case 16 / 21 ms
 * (about 2–5 ms of it the read log), access log of a client 430 / 916 ms (the policy's nested RLS),
 * name search 45 / 69 ms, retention of 5,000 cases + 1 M events 31 / 26 s.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import pg from "pg";
import { openDatabase, type Database, type Tx } from "~/kernel/db/client";
import { rows, withSystem } from "~/kernel/db/context";
import { users } from "~/kernel/db/schema";
import { createTenant } from "~/kernel/tenancy/service";
import { migrate } from "../tests/support/app";
import { pct, throwawayCasesKey } from "./support";
import {
  accessLog,
  addInstitution,
  addSite,
  addStaff,
  caseload,
  createNetwork,
  dataKey,
  intakeClient,
  logAccess,
  openClient,
  runRetention,
  searchName,
  withCase,
} from "~/modules/cases";

throwawayCasesKey();
const [CLIENTS, STEPS, EVENTS, RUNS] = [5000, 50000, 1000000, 50].map((d, i) => Number(process.argv[2 + i] ?? d));
const kind = process.env.BENCH_DATABASE_URL ? "PostgreSQL" : "PGlite";

async function freshDb(): Promise<{ db: Database; drop: () => Promise<void> }> {
  const url = process.env.BENCH_DATABASE_URL;
  if (url) {
    const name = `teilhabe_bench_${randomBytes(4).toString("hex")}`;
    const admin = async (q: string) => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(q);
      await c.end();
    };
    await admin(`CREATE DATABASE ${name}`);
    return {
      db: await openDatabase({ url: url.replace(/\/[^/?]*(\?|$)/, `/${name}$1`) }),
      drop: () => admin(`DROP DATABASE ${name} WITH (FORCE)`),
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cases-bench-"));
  return {
    db: await openDatabase({ dataDir: path.join(dir, "pglite") }),
    drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

const time = async (fn: () => Promise<unknown>) => {
  const t = performance.now();
  await fn();
  return performance.now() - t;
};
async function sample(fn: (i: number) => Promise<unknown>): Promise<number[]> {
  await fn(0); // warm-up
  const xs: number[] = [];
  for (let i = 1; i <= RUNS; i++) xs.push(await time(() => fn(i)));
  return xs;
}
const f = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
const table: string[] = [];
function report(label: string, xs: number[], ref: number[], refLabel: string) {
  const line =
    `| ${label} | ${f(pct(xs, 50))} / ${f(pct(xs, 95))} ms | ${refLabel}: ${f(pct(ref, 50))} / ${f(pct(ref, 95))} ms ` +
    `| ${(pct(xs, 95) / Math.max(pct(ref, 95), 0.01)).toFixed(1)}× |`;
  table.push(line);
  console.log(line);
}

const FAMILY = [
  "Müller",
  "Schmidt",
  "Yılmaz",
  "Haddad",
  "Kowalski",
  "Tesfaye",
  "Nowak",
  "Ahmadi",
  "Popescu",
  "Ivanova",
];
const GIVEN = ["Amina", "Yusuf", "Mariam", "Omar", "Lena", "Tigist", "Dawit", "Olga", "Karim", "Sara", "Ali", "Nour"];

const { db, drop } = await freshDb();
try {
  console.log(
    `Fallarbeit-Benchmark (${kind}, ${os.cpus().length} Kerne): ${CLIENTS} Klient:innen, ${STEPS} Schritte, ${EVENTS} Zugriffe, ${RUNS} Läufe`,
  );
  await migrate(db);
  // ——— network: one Jobcenter (the caseworker's) at one site ———
  const net = await withSystem(db, async (tx) => {
    const t = await createTenant(tx, {
      slug: "bench-cases",
      name: "Bench Fallarbeit",
      kind: "kommune",
      ags: "05334002",
    });
    const networkId = await createNetwork(tx, { hostTenantId: t.id, name: "Bench-Netzwerk" });
    const site = await addSite(tx, networkId, { name: "Aachen", postcode: "52062" });
    const inst = await addInstitution(tx, networkId, {
      tenantId: t.id,
      kind: "jobcenter",
      name: "Jobcenter",
      siteIds: [site],
    });
    const [u] = await tx.insert(users).values({ email: "cw@bench.example.org", displayName: "cw" }).returning();
    const staffId = await addStaff(tx, networkId, {
      userId: u.id,
      institutionId: inst,
      siteId: site,
      role: "coordination",
    });
    return { networkId, userId: u.id, inst, staffId };
  });
  const scope = { userId: net.userId, networkId: net.networkId, label: "cw@bench.example.org" };

  // ——— load: clients through intakeClient (batches of 250 per transaction) ———
  const ids: string[] = [];
  const tClients = await time(async () => {
    for (let b = 0; b < CLIENTS; b += 250)
      await withCase(db, scope, async (tx, me) => {
        for (let i = b; i < Math.min(CLIENTS, b + 250); i++) {
          const r = await intakeClient(tx, me, {
            identity: {
              familyName: `${FAMILY[i % FAMILY.length]}${i}`,
              givenNames: GIVEN[(i * 7) % GIVEN.length],
              birthDate: `19${70 + (i % 30)}-0${1 + (i % 9)}-1${i % 10}`,
              postcode: "52062",
            },
            intakeDate: `2024-0${1 + (i % 9)}-1${i % 10}`,
          });
          if (!r.ok) throw new Error(`intake: ${JSON.stringify(r)}`);
          ids.push(r.value.id);
        }
      });
  });
  const tSteps = await time(() =>
    withSystem(db, (tx) =>
      tx.execute(sql`INSERT INTO case_plan_steps (network_id, client_id, step_type, responsible_institution_id, planned_start, created_by)
        SELECT ${net.networkId}::uuid, c.id, 'arbeit', ${net.inst}::uuid, DATE '2025-01-01' + (g % 300), ${net.staffId}::uuid
        FROM generate_series(0, ${STEPS - 1}) g
        JOIN (SELECT id, (row_number() OVER (ORDER BY id)) - 1 AS n FROM case_clients) c ON c.n = g % ${CLIENTS}`),
    ),
  );
  const tEvents = await time(() =>
    withSystem(db, (tx) =>
      tx.execute(sql`INSERT INTO case_access_events (network_id, at, staff_id, client_id, categories, action, reason)
        SELECT ${net.networkId}::uuid, now() - make_interval(mins => g % 1051200), ${net.staffId}::uuid, c.id, '{identity}', 'read', 'open_case'
        FROM generate_series(0, ${EVENTS - 1}) g
        JOIN (SELECT id, (row_number() OVER (ORDER BY id)) - 1 AS n FROM case_clients) c ON c.n = g % ${CLIENTS}`),
    ),
  );
  // Reference: PostgreSQL copying the very rows just loaded with INSERT … SELECT (no RLS, triggers, crypto).
  const copyOf = (t: string) =>
    time(() =>
      withSystem(db, async (tx) => {
        await tx.execute(sql.raw(`CREATE TEMP TABLE ref_copy (LIKE ${t}) ON COMMIT DROP`));
        await tx.execute(sql.raw(`INSERT INTO ref_copy SELECT * FROM ${t}`));
      }),
    );
  const refClients =
    (await copyOf("case_clients")) +
    (await copyOf("case_client_data")) +
    (await copyOf("case_keys.client_keys")) +
    (await copyOf("case_keys.search_tokens"));
  const refSteps = await copyOf("case_plan_steps");
  const refEvents = await copyOf("case_access_events");
  const load = (label: string, ms: number, ref: number) => {
    const line = `| Laden: ${label} | ${f(ms)} ms | INSERT … SELECT derselben Zeilen: ${f(ref)} ms | ${(ms / ref).toFixed(1)}× |`;
    table.push(line);
    console.log(line);
  };
  console.log("| Messung | p50 / p95 | Referenz p50 / p95 | Verhältnis p95 |\n|---|---|---|---|");
  load(`${CLIENTS} Klient:innen (intakeClient)`, tClients, refClients);
  load(`${STEPS} Schritte`, tSteps, refSteps);
  load(`${EVENTS} Zugriffe`, tEvents, refEvents);
  // BENCH_TRY_INDEX=1: the index proposed for the caseload (not in the migrations), to compare.
  if (process.env.BENCH_TRY_INDEX)
    await withSystem(db, (tx) =>
      tx.execute(sql`CREATE INDEX bench_case_clients_list ON case_clients (network_id, intake_date DESC, pseudonym)`),
    );
  await withSystem(db, (tx) => tx.execute(sql`ANALYZE`));

  const owner = <T>(fn: (tx: Tx) => Promise<T>) => withSystem(db, fn);
  const pick = (i: number) => ids[(i * 97) % ids.length];

  // Caseload list (50 rows, names decrypted, 50 list events).
  report(
    "Fallliste (caseload, 50 mit Namen)",
    await sample(() => withCase(db, scope, (tx, me) => caseload(tx, me, { names: true }))),
    await sample(() =>
      owner((tx) =>
        rows(
          tx,
          sql`SELECT c.id, c.pseudonym, d.ciphertext, k.wrapped FROM case_clients c
          JOIN case_client_data d ON d.client_id = c.id AND d.category = 'identity'
          JOIN case_keys.client_keys k ON k.client_id = c.id
          ORDER BY c.intake_date DESC, c.pseudonym LIMIT 50`,
        ),
      ),
    ),
    "SELECT als Eigentümer",
  );
  // Opening a case: decrypt + log, vs. the same without the log insert (openClient's queries by hand).
  const opened = await sample((i) =>
    withCase(db, scope, async (tx, me) => {
      const r = await openClient(tx, me, pick(i));
      if (!r.ok || !r.value.documents.identity) throw new Error("openClient: nichts gelesen");
    }),
  );
  const withoutLog = await sample((i) =>
    withCase(db, scope, async (tx) => {
      const id = pick(i);
      await rows(tx, sql`SELECT * FROM case_clients WHERE id = ${id}::uuid`);
      await rows(
        tx,
        sql`SELECT c, case_may(${id}::uuid, c, 'read'), case_may(${id}::uuid, c, 'write'), case_may(${id}::uuid, c, 'export')
        FROM unnest('{identity,residence,education,competence,health,family,plan,notes,attachments}'::text[]) c`,
      );
      await rows(tx, sql`SELECT category, ciphertext FROM case_client_data WHERE client_id = ${id}::uuid`);
      await dataKey(tx, id);
    }),
  );
  const logOnly = await sample((i) =>
    withCase(db, scope, (tx, me) => logAccess(tx, me!, [pick(i)], "read", "open_case", ["identity"])),
  );
  const plainOpen = await sample((i) =>
    owner((tx) =>
      rows(
        tx,
        sql`SELECT c.*, d.ciphertext, k.wrapped FROM case_clients c
        JOIN case_client_data d ON d.client_id = c.id JOIN case_keys.client_keys k ON k.client_id = c.id
        WHERE c.id = ${pick(i)}::uuid`,
      ),
    ),
  );
  report("Fall öffnen (openClient: entschlüsseln + Protokoll)", opened, plainOpen, "SELECT als Eigentümer");
  report("Fall öffnen ohne Protokoll-INSERT", withoutLog, plainOpen, "SELECT als Eigentümer");
  report("nur logAccess (eine Tx)", logOnly, plainOpen, "SELECT als Eigentümer");
  // A client's access log (EVENTS / CLIENTS events each, the newest 200).
  report(
    `Zugriffsprotokoll eines Falls (${Math.round(EVENTS / CLIENTS)} Ereignisse, 200 neueste)`,
    await sample((i) => withCase(db, scope, (tx) => accessLog(tx, pick(i)))),
    await sample((i) =>
      owner((tx) =>
        rows(
          tx,
          sql`SELECT at, staff_id, categories, action, reason FROM case_access_events
          WHERE client_id = ${pick(i)}::uuid ORDER BY at DESC, id DESC LIMIT 200`,
        ),
      ),
    ),
    "SELECT als Eigentümer",
  );
  // Name search: family name + given name of an existing client.
  report(
    "Namenssuche (searchName)",
    await sample((i) =>
      withCase(db, scope, async (tx, me) => {
        const n = (i * 97) % ids.length;
        const r = await searchName(tx, me, {
          name: `${GIVEN[(n * 7) % GIVEN.length]} ${FAMILY[n % FAMILY.length]}${n}`,
        });
        if (!r.ok || r.value.length === 0) throw new Error(`searchName: ${JSON.stringify(r)}`);
      }),
    ),
    await sample((i) =>
      owner((tx) =>
        rows(
          tx,
          sql`SELECT t.client_id FROM case_keys.search_tokens t
          WHERE t.network_id = ${net.networkId}::uuid AND t.client_id = ${pick(i)}::uuid`,
        ),
      ),
    ),
    "Token-SELECT als Eigentümer",
  );

  // BENCH_EXPLAIN=1: the plans of the two slow reads as the caseworker (where the time goes).
  if (process.env.BENCH_EXPLAIN)
    await withCase(db, scope, async (tx) => {
      for (const q of [
        sql`SELECT id FROM case_clients ORDER BY intake_date DESC, pseudonym LIMIT 50`,
        sql`SELECT at, staff_id, categories, action, reason FROM case_access_events
          WHERE client_id = ${pick(1)}::uuid ORDER BY at DESC, id DESC LIMIT 200`,
      ]) {
        const plan = await rows<Record<string, string>>(tx, sql`EXPLAIN (ANALYZE, COSTS OFF) ${q}`);
        console.log(plan.map((r) => Object.values(r)[0]).join("\n"));
      }
    });

  // Retention over all cases: close them all (two years ago), then one run with a fake today.
  await owner((tx) => tx.execute(sql`UPDATE case_clients SET state = 'closed', closed_on = DATE '2020-01-31'`));
  class Rollback extends Error {}
  const refRetention = await time(() =>
    owner(async (tx) => {
      await tx.execute(sql`UPDATE case_clients SET state = 'anonymised', anonymised_at = now() WHERE state = 'closed'`);
      await tx.execute(sql`DELETE FROM case_client_data`);
      await tx.execute(sql`DELETE FROM case_keys.client_keys`);
      await tx.execute(sql`DELETE FROM case_keys.search_tokens`);
      throw new Rollback();
    }).catch((e) => {
      if (!(e instanceof Rollback)) throw e;
    }),
  );
  let done = { anonymised: 0, accessEventsDeleted: 0 };
  const tRetention = await time(async () => {
    done = await runRetention(db, { today: "2030-06-30" });
  });
  if (done.anonymised !== CLIENTS) throw new Error(`Aufbewahrung: ${done.anonymised} statt ${CLIENTS} anonymisiert`);
  const line =
    `| Aufbewahrung (runRetention, ${done.anonymised} Fälle, ${done.accessEventsDeleted} Zugriffe gelöscht), 1 Lauf | ${f(tRetention)} ms ` +
    `| UPDATE + DELETE als Eigentümer (ohne Entschlüsseln, ohne Protokoll-Löschung): ${f(refRetention)} ms | ${(tRetention / refRetention).toFixed(1)}× |`;
  table.push(line);
  console.log(line);
} finally {
  await db.close();
  await drop();
}
