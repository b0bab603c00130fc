import { afterAll, describe, expect, it } from "vitest";
import pg from "pg";
import type { ChildProcess } from "node:child_process";
import { createPgDatabase } from "../support/templates";
import { runCliProcess, spawnServer } from "../support/process";

// Several instances on one PostgreSQL database must be able to start at the same moment; this
// needs a server (PGlite is one process's database by design), so it runs in the PostgreSQL suite.
const onPg = process.env.TEST_DB === "pg";

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

async function emptyDatabase() {
  const made = await createPgDatabase("teilhabe_start");
  cleanups.push(made.drop);
  return made.url;
}

async function query<T>(url: string, q: string): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(q)).rows as T[];
  } finally {
    await c.end();
  }
}

describe.skipIf(!onPg)("instances starting together on an empty PostgreSQL database", () => {
  it("three db:migrate processes all succeed and apply every migration once", async () => {
    const url = await emptyDatabase();
    const runs = await Promise.all([1, 2, 3].map(() => runCliProcess(["db:migrate"], { DATABASE_URL: url })));
    for (const r of runs) expect(r, r.stderr).toMatchObject({ code: 0, stderr: "" });
    const names = await query<{ name: string; n: number }>(
      url,
      "SELECT name, count(*)::int AS n FROM schema_migrations GROUP BY name ORDER BY name",
    );
    expect(names.length).toBeGreaterThan(5);
    expect(names.every((x) => x.n === 1)).toBe(true);
    // One process applied them; the others waited for it and found nothing left to do.
    const reports = runs.map((r) => r.stdout);
    expect(reports.filter((o) => /Migration\(en\) angewendet/.test(o))).toHaveLength(1);
    expect(reports.filter((o) => /auf dem neuesten Stand/.test(o))).toHaveLength(2);
  });

  it("three app servers with demo data all come up and load the demo once", async () => {
    const url = await emptyDatabase();
    const children: ChildProcess[] = [];
    cleanups.push(async () => {
      for (const c of children) if (c.exitCode === null) c.kill("SIGTERM");
      await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once("exit", r)) : undefined)));
    });
    const started = await Promise.allSettled(
      [1, 2, 3].map(() =>
        spawnServer({ DATABASE_URL: url, DEMO_DATA: "true", DB_POOL_SIZE: "4" }).then((s) => {
          children.push(s.child);
          return s;
        }),
      ),
    );
    for (const r of started) if (r.status === "rejected") throw r.reason;
    const servers = started.map((r) => (r as PromiseFulfilledResult<Awaited<ReturnType<typeof spawnServer>>>).value);
    for (const s of servers) expect((await fetch(`${s.url}/health`)).status).toBe(200);
    const seeded = servers.filter((s) => s.output().includes("Demodaten wurden geladen."));
    expect(seeded).toHaveLength(1);
    const [{ n }] = await query<{ n: number }>(
      url,
      "SELECT count(*)::int AS n FROM users WHERE email = 'plattform@example.org'",
    );
    expect(n).toBe(1);
    const dupes = await query<{ name: string }>(
      url,
      "SELECT name FROM schema_migrations GROUP BY name HAVING count(*) > 1",
    );
    expect(dupes).toEqual([]);
  });
});
