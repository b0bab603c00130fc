import { afterAll, describe, expect, it } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { randomBytes } from "node:crypto";
import { Client } from "../support/server";
import { spawnServer } from "../support/process";

/**
 * Acknowledged writes survive SIGKILL: the server is killed right after answering, while further
 * writes are still in flight, then restarted on the same data. Runs on the embedded database, and
 * with TEST_DB=pg against the PostgreSQL server.
 */
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "teilhabe-durability-"));
let dropDb: (() => Promise<void>) | undefined;
afterAll(async () => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  await dropDb?.();
});

async function env(): Promise<Record<string, string>> {
  if (process.env.TEST_DB !== "pg") return { DATA_DIR: dataDir };
  const admin = process.env.TEST_DATABASE_URL!;
  const name = `teilhabe_kill_${randomBytes(5).toString("hex")}`;
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  dropDb = async () => {
    const c2 = new pg.Client({ connectionString: admin });
    await c2.connect();
    await c2.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c2.end();
  };
  return { DATA_DIR: dataDir, DATABASE_URL: admin.replace(/\/[^/?]*(\?|$)/, `/${name}$1`) };
}

describe(`durability (${process.env.TEST_DB === "pg" ? "PostgreSQL" : "PGlite"})`, () => {
  it("keeps every acknowledged write after SIGKILL", async () => {
    const e = await env();
    let srv = await spawnServer(e);
    const c = new Client(srv.url);
    await c.login("admin.aachen@example.org", "Teilhabe-Demo-2026");
    const html = await (
      await c.post("/t/aachen/verwaltung/api-tokens", { intent: "create", name: "Dauertest", canWrite: "1" })
    ).text();
    const token = html.match(/th_[A-Za-z0-9_-]{43}/)![0];
    const create = (name: string) =>
      fetch(`${srv.url}/api/v1/t/aachen/organisations`, {
        method: "POST",
        body: JSON.stringify({ name, kind: "verein" }),
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      });

    const acked: string[] = [];
    for (let i = 0; i < 20; i++) {
      const name = `Dauerhaft ${i} e.V.`;
      if ((await create(name)).status === 201) acked.push(name);
    }
    // Fire a burst and kill the process as soon as the first of it is acknowledged.
    const burst = Array.from({ length: 30 }, (_, i) => `Im Flug ${i} e.V.`);
    await new Promise<void>((resolve) => {
      let killed = false;
      for (const name of burst) {
        create(name)
          .then((r) => {
            if (r.status === 201) acked.push(name);
            if (!killed) {
              killed = true;
              srv.child.kill("SIGKILL");
              resolve();
            }
          })
          .catch(() => {
            /* connection cut by the kill */
          });
      }
    });
    await new Promise((r) => srv.child.once("exit", r));
    expect(acked.length).toBeGreaterThanOrEqual(21);

    srv = await spawnServer(e);
    try {
      const res = await fetch(`${srv.url}/api/v1/t/aachen/organisations`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const names = new Set((await res.json()).organisations.map((o: { name: string }) => o.name));
      const lost = acked.filter((n) => !names.has(n));
      expect(lost).toEqual([]);
      // The demo data was not loaded a second time.
      expect(srv.output()).toContain("Demodaten waren bereits vorhanden");
    } finally {
      srv.child.kill("SIGTERM");
    }
  });
});
