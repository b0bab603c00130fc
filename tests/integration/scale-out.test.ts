import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { openDatabase, type Database } from "~/kernel/db/client";
import { Client } from "../support/server";
import { spawnServer } from "../support/process";
import { createPgDatabase, templateFor, templateKind } from "../support/templates";

// Two app instances on one PostgreSQL database, as behind a load balancer (issue 11, decision 0019):
// nothing an instance needs may live only in another one's memory. Only with a server (TEST_DB=pg).
const PW = "Teilhabe-Demo-2026";
const onServer = process.env.TEST_DB === "pg";
type Instance = Awaited<ReturnType<typeof spawnServer>>;
let a: Instance, b: Instance;
let db: Database;
let drop: () => Promise<void>;

beforeAll(async () => {
  if (!onServer) return;
  const made = await createPgDatabase("teilhabe_scale", templateFor(templateKind({ demo: true })));
  drop = made.drop;
  db = await openDatabase({ url: made.url });
  const env = { DATABASE_URL: made.url, WEB_CONCURRENCY: "1", LOGIN_RATE_LIMIT: "5" };
  [a, b] = await Promise.all([spawnServer(env), spawnServer(env)]);
});
afterAll(async () => {
  for (const s of [a, b]) s?.child.kill("SIGTERM");
  await db?.close();
  await drop?.();
});

describe.skipIf(!onServer)("two app instances on one PostgreSQL", () => {
  it("accepts a session made on one instance on the other", async () => {
    const c = new Client(a.url);
    await c.login("editor.aachen@example.org", PW);
    const other = new Client(b.url);
    other.cookies = new Map(c.cookies);
    const res = await other.get("/t/aachen/verwaltung");
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Angemeldet als");
  });

  it("refuses the 6th wrong password within a minute although the attempts alternate between instances", async () => {
    const email = "viewer.aachen@example.org";
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const c = new Client(i % 2 ? b.url : a.url);
      statuses.push((await c.post("/anmelden", { email, password: `falsch-${i}` })).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it("sends a mail queued once exactly once while both instances deliver", async () => {
    const subjects = Array.from({ length: 30 }, (_, i) => `Skalierung ${i}`);
    for (const subject of subjects)
      await db.orm.execute(
        sql`INSERT INTO outbox (recipient, subject, body) VALUES ('verteiler@example.org', ${subject}, 'x')`,
      );
    // Any state-changing request starts a delivery run on its instance (server/index.ts).
    const poke = (url: string) =>
      fetch(`${url}/`, {
        method: "POST",
        body: "",
        headers: { "content-type": "application/x-www-form-urlencoded" },
      }).then((r) => r.arrayBuffer());
    const unsent = async () =>
      Number(
        (
          (await db.orm.execute(
            sql`SELECT count(*) AS n FROM outbox WHERE subject LIKE 'Skalierung %' AND sent_at IS NULL`,
          )) as unknown as { rows: { n: string }[] }
        ).rows[0]!.n,
      );
    while ((await unsent()) > 0) await Promise.all([...Array(4)].flatMap(() => [poke(a.url), poke(b.url)]));
    const logged = (out: string) => subjects.filter((s) => out.includes(`: ${s}\n`));
    const [fromA, fromB] = [logged(a.output()), logged(b.output())];
    // Each mail once in all, whichever instance claimed it.
    expect([...fromA, ...fromB].sort()).toEqual([...subjects].sort());
  });
});

describe.skipIf(!onServer)("npm start on PostgreSQL", () => {
  it("runs one worker per WEB_CONCURRENCY on one port, prepared once", async () => {
    const made = await createPgDatabase("teilhabe_cluster", templateFor(templateKind({ demo: true })));
    const s = await spawnServer({ DATABASE_URL: made.url, WEB_CONCURRENCY: "2" });
    try {
      for (let i = 0; i < 4; i++) expect((await fetch(`${s.url}/t/aachen`)).status).toBe(200);
      while (!s.output().includes("2 Prozesse")) await new Promise((r) => setTimeout(r, 100));
      expect(s.output()).toContain("Demodaten waren bereits vorhanden.");
    } finally {
      const exited = new Promise((r) => s.child.once("exit", r));
      s.child.kill("SIGTERM");
      await exited;
      await made.drop();
    }
  });
});
