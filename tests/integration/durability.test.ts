import { afterAll, describe, expect, it } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Client } from "../support/server";
import { spawnServer } from "../support/process";
import { createPgDatabase, templateDataDir, templateFor } from "../support/templates";

/**
 * Acknowledged writes survive SIGKILL: the server is killed right after answering, while further
 * writes are still in flight, then restarted on the same data. Runs on the embedded database, and
 * with TEST_DB=pg against the PostgreSQL server.
 *
 * The server starts on the demo data as a first start leaves it (a copy of the test template), so
 * the run does not pay for initdb and the demo load again.
 */
let data: { dataDir: string; remove: () => void } | undefined;
let dropDb: (() => Promise<void>) | undefined;
afterAll(async () => {
  data?.remove();
  await dropDb?.();
});

async function env(): Promise<Record<string, string>> {
  if (process.env.TEST_DB !== "pg") {
    data = templateDataDir("demo-modules");
    return { DATA_DIR: data.dataDir };
  }
  const made = await createPgDatabase("teilhabe_kill", templateFor("demo-modules"));
  dropDb = made.drop;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "teilhabe-durability-"));
  data = { dataDir, remove: () => fs.rmSync(dataDir, { recursive: true, force: true }) };
  return { DATA_DIR: data.dataDir, DATABASE_URL: made.url };
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
