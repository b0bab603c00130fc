import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import pg from "pg";
import { openDatabase, type Database } from "~/kernel/db/client";
import { Client, finishedJobPage } from "../support/server";
import { freePort, spawnServer } from "../support/process";
import { createPgDatabase, templateFor, templateKind } from "../support/templates";

// Two app instances behind PgBouncer in transaction mode (issue 11, decision 0019): every
// transaction may run on another server connection, so nothing may rely on a session's state
// between transactions. The pooler hands its server connections out in turn (server_round_robin),
// so session state that leaks from one transaction into the next fails here rather than by chance
// under load. Only with a server (TEST_DB=pg) and the pgbouncer binary (.ci/run installs it).
const PW = "Teilhabe-Demo-2026";
const PGBOUNCER = ["/usr/sbin/pgbouncer", "/usr/bin/pgbouncer"].find((p) => fs.existsSync(p));
const active = process.env.TEST_DB === "pg" && !!PGBOUNCER;
type Instance = Awaited<ReturnType<typeof spawnServer>>;
let a: Instance, b: Instance;
let pooler: ChildProcess;
let dir: string;
let db: Database;
let drop: () => Promise<void>;

async function startPgBouncer(serverUrl: URL): Promise<number> {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "pgbouncer-"));
  const port = await freePort();
  fs.writeFileSync(path.join(dir, "users.txt"), `"${decodeURIComponent(serverUrl.username)}" ""\n`);
  fs.writeFileSync(
    path.join(dir, "pgbouncer.ini"),
    `[databases]
* = host=${serverUrl.hostname} port=${serverUrl.port || 5432}
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = ${port}
unix_socket_dir =
auth_type = trust
auth_file = ${dir}/users.txt
pool_mode = transaction
server_round_robin = 1
min_pool_size = 4
default_pool_size = 8
max_client_conn = 200
ignore_startup_parameters = extra_float_digits,options
`,
  );
  // PgBouncer refuses to run as root; CI runs as root and has the postgres user.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) spawnSync("chown", ["-R", "postgres", dir]);
  const cmd = asRoot ? ["runuser", "-u", "postgres", "--", PGBOUNCER!] : [PGBOUNCER!];
  pooler = spawn(cmd[0]!, [...cmd.slice(1), path.join(dir, "pgbouncer.ini")], { stdio: "ignore" });
  for (;;) {
    if (pooler.exitCode !== null) throw new Error("PgBouncer hat sich beendet");
    const probe = new pg.Client({ connectionString: poolerUrl(serverUrl, port, "postgres") });
    const up = await probe.connect().then(
      () => true,
      () => false,
    );
    await probe.end().catch(() => {});
    if (up) return port;
    await new Promise((r) => setTimeout(r, 100));
  }
}

function poolerUrl(serverUrl: URL, port: number, database: string) {
  const u = new URL(serverUrl);
  u.hostname = "127.0.0.1";
  u.port = String(port);
  u.pathname = `/${database}`;
  return u.toString();
}

beforeAll(async () => {
  if (!active) return;
  const made = await createPgDatabase("teilhabe_pooler", templateFor(templateKind({ demo: true, modules: true })));
  drop = made.drop;
  db = await openDatabase({ url: made.url });
  const port = await startPgBouncer(new URL(made.url));
  // Start-up work and LISTEN go to the server itself (DATABASE_DIRECT_URL), as the README says.
  const env = {
    DATABASE_URL: poolerUrl(new URL(made.url), port, made.name),
    DATABASE_DIRECT_URL: made.url,
    WEB_CONCURRENCY: "1",
  };
  [a, b] = await Promise.all([spawnServer(env), spawnServer(env)]);
});
afterAll(async () => {
  for (const s of [a, b]) s?.child.kill("SIGTERM");
  pooler?.kill("SIGTERM");
  await db?.close();
  await drop?.();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!active)("two app instances behind PgBouncer in transaction mode", () => {
  it("accept a session made on one instance on the other, and its form posts", async () => {
    const c = new Client(a.url);
    await c.login("editor.aachen@example.org", PW);
    const other = new Client(b.url);
    other.cookies = new Map(c.cookies);
    const res = await other.get("/t/aachen/verwaltung/organisationen");
    expect(res.status).toBe(200);
    const created = await other.post("/t/aachen/verwaltung/organisationen", {
      intent: "create",
      name: "Über den Pooler e.V.",
      kind: "verein",
    });
    expect(created.status).toBeLessThan(400);
    const [row] = (
      (await db.orm.execute(
        sql`SELECT count(*)::int AS n FROM organisations WHERE name = 'Über den Pooler e.V.'`,
      )) as unknown as { rows: { n: number }[] }
    ).rows;
    expect(row!.n).toBe(1);
  });

  it("runs an import from the web UI as a background job to the end", async () => {
    const editor = new Client(b.url);
    await editor.login("editor.koeln@example.org", PW);
    const rows = ["Stadtteil;Jahr;Einbürgerungen", ...[101, 102, 103, 104, 105].map((k, i) => `${k};2013;${i + 3}`)];
    const up = await editor.postFile(
      "/t/koeln/verwaltung/monitoring/import",
      { intent: "upload" },
      { field: "file", name: "pooler.csv", content: rows.join("\n") + "\n", type: "text/csv" },
    );
    expect(up.status).toBe(302);
    const loc = up.headers.get("location")!;
    const job = await finishedJobPage(
      editor,
      await editor.post(loc, {
        upload: new URL(loc, b.url).searchParams.get("upload")!,
        areaColumn: "Stadtteil",
        periodColumn: "Jahr",
        valueColumn: "Einbürgerungen",
        indicator: "einbuergerungen",
        fixedGroup: "gesamt",
        profileName: "pooler",
        intent: "commit",
      }),
    );
    expect(job.status).toBe("done");
    expect(job.html).toContain("Übernommen: 5 neu");
  });
});
