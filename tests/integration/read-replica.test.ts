import { createHash, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { openDatabase, type Database } from "~/kernel/db/client";
import { spawnServer } from "../support/process";
import { createPgDatabase, templateFor, templateKind } from "../support/templates";

// The read replica for the public API (decision 0021). The "replica" is a copy of the primary
// (CREATE DATABASE … TEMPLATE) that the test changes by hand: a value only the replica has shows
// where the app read from, and a write to the replica stands for a change arriving by replication.
// Only with a server (TEST_DB=pg).
const onServer = process.env.TEST_DB === "pg";
let server: Awaited<ReturnType<typeof spawnServer>>;
let primary: Database, replica: Database;
let drops: (() => Promise<void>)[] = [];
let token: string;
let measureId: string;
let primaryTitle: string;

const MEASURES = "/api/v1/t/aachen/measures";

beforeAll(async () => {
  if (!onServer) return;
  const p = await createPgDatabase("teilhabe_primary", templateFor(templateKind({ demo: true, modules: true })));
  // Copied before anyone connects to the primary (a template must have no other sessions).
  const r = await createPgDatabase("teilhabe_replica", p.name);
  drops = [p.drop, r.drop];
  [primary, replica] = await Promise.all([openDatabase({ url: p.url }), openDatabase({ url: r.url })]);
  // The token exists only on the primary: looking it up anywhere else would refuse the call.
  token = `th_test_${randomBytes(16).toString("hex")}`;
  await primary.orm.execute(
    sql`INSERT INTO api_tokens (tenant_id, name, can_write, token_hash)
        SELECT id, 'Replik-Test', false, ${createHash("sha256").update(token).digest("hex")}
        FROM tenants WHERE slug = 'aachen'`,
  );
  server = await spawnServer({ DATABASE_URL: p.url, DATABASE_READ_URL: r.url });
  const list = (await (await fetch(server.url + MEASURES)).json()) as { measures: { id: string; title: string }[] };
  ({ id: measureId, title: primaryTitle } = list.measures[0]!);
});
afterAll(async () => {
  // A server that died already (what a failing test may show) has no exit left to wait for.
  if (server && server.child.exitCode === null && server.child.signalCode === null) {
    const exited = new Promise((r) => server.child.once("exit", r));
    server.child.kill("SIGTERM");
    await exited;
  }
  await Promise.all([primary?.close(), replica?.close()]);
  for (const drop of drops) await drop();
});

async function api(headers: Record<string, string> = {}) {
  const res = await fetch(server.url + MEASURES, { headers });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { measures: { id: string; title: string }[] };
  return { state: res.headers.get("x-page-cache"), title: body.measures.find((m) => m.id === measureId)?.title };
}
const setReplicaTitle = (title: string) =>
  replica.orm.execute(sql`UPDATE concept_measures SET title = ${title} WHERE id = ${measureId}`);

describe.skipIf(!onServer)("read replica for the public API", () => {
  it("names the replica when it starts", () => {
    expect(server.output()).toContain("Lese-Replik für die öffentliche API");
    expect(server.output()).not.toContain(":***@"); // the test URLs carry no password to hide
  });

  it("answers anonymous API calls from the replica, token calls and pages from the primary", async () => {
    await setReplicaTitle("Nur in der Replik");
    const first = await api();
    const second = await api();
    expect(first).toEqual({ state: "miss", title: "Nur in der Replik" });
    expect(second).toEqual({ state: "hit", title: "Nur in der Replik" });

    expect(await api({ authorization: `Bearer ${token}` })).toEqual({ state: null, title: primaryTitle });
    const page = await (await fetch(`${server.url}/t/aachen/konzept/massnahmen/${measureId}`)).text();
    expect(page).toContain(primaryTitle);
    expect(page).not.toContain("Nur in der Replik");
  });

  it("shows a change that reached the replica on the next anonymous request, never the cached answer", async () => {
    expect(await api()).toMatchObject({ state: "hit" });
    await setReplicaTitle("Repliziert");
    expect(await api()).toEqual({ state: "miss", title: "Repliziert" });
    expect(await api()).toEqual({ state: "hit", title: "Repliziert" });
  });

  it("keeps serving the replica's answer while a change has only reached the primary", async () => {
    await primary.orm.execute(sql`UPDATE concept_measures SET title = 'Noch nicht repliziert' WHERE id = ${measureId}`);
    expect(await api()).toEqual({ state: "hit", title: "Repliziert" });
    // The page and the token call read the primary, whose version moved on.
    expect(await api({ authorization: `Bearer ${token}` })).toMatchObject({ title: "Noch nicht repliziert" });
    const page = await (await fetch(`${server.url}/t/aachen/konzept/massnahmen/${measureId}`)).text();
    expect(page).toContain("Noch nicht repliziert");
  });

  it("lives on when the replica ends its connections (a restart), and reads from it again", async () => {
    // Our own idle connections to the copy go as well; the server's pool must shrug this off.
    await replica.orm.execute(
      sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    );
    await new Promise((r) => setTimeout(r, 300));
    await setReplicaTitle("Nach dem Neustart");
    expect(await api()).toEqual({ state: "miss", title: "Nach dem Neustart" });
    expect(server.child.exitCode).toBeNull();
  });
});

describe("DATABASE_READ_URL without DATABASE_URL", () => {
  it("refuses to start, saying why in German", async () => {
    const started = spawnServer({ DATABASE_URL: "", DATABASE_READ_URL: "postgres://teilhabe@127.0.0.1:1/replik" });
    const refusal = await started.then(
      (s) => (s.child.kill("SIGTERM"), "gestartet"),
      (e: Error) => e.message,
    );
    expect(refusal).toContain("DATABASE_READ_URL gilt nur mit DATABASE_URL");
    expect(refusal).not.toMatch(/\n\s+at /); // the message, not a stack trace
  });
});
