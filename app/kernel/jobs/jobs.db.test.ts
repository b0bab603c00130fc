import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDb } from "../../../tests/support/db";
import { openDatabase, type Database } from "../db/client";
import { rows, withSystem, withTenant } from "../db/context";
import { createTenant } from "../tenancy/service";
import { ServiceError } from "../errors";
import { enqueueJob, failAbandonedJobs, getJob, startJobRunner, type JobHandler } from "./service";

// Background jobs: queued by a tenant, run once by whichever runner claims them (on PostgreSQL two
// runners on two pools, as two app instances), with progress, result or error, and a job whose
// process died is reported as interrupted.
let db: Database, second: Database, cleanup: () => Promise<void>;
let a: string, b: string;
const actor = { userId: null, label: "Test" };
const inA = <T>(fn: Parameters<typeof withTenant<T>>[2], id = a) => withTenant(db, { tenantId: id, actor }, fn);

beforeAll(async () => {
  const made = await createTestDb();
  db = made.db;
  cleanup = made.cleanup;
  second = made.url ? await openDatabase({ url: made.url }) : db;
  a = (
    await withSystem(db, (tx) =>
      createTenant(tx, { slug: "jobstadt", name: "Jobstadt", kind: "kommune", ags: "05999101" }),
    )
  ).id;
  b = (
    await withSystem(db, (tx) => createTenant(tx, { slug: "andere", name: "Andere", kind: "kommune", ags: "05999102" }))
  ).id;
});
afterAll(async () => {
  if (second !== db) await second.close();
  await cleanup();
});

const until = async (cond: () => Promise<boolean>) => {
  while (!(await cond())) await new Promise((r) => setTimeout(r, 20));
};
const statusOf = async (id: string, tenant = a) => (await inA((tx) => getJob(tx, id), tenant))?.status;

describe("background jobs", () => {
  it("runs each of many jobs exactly once across two runners, with progress and result", async () => {
    const runs = new Map<string, number>();
    const seen: number[] = [];
    const handler: JobHandler = async ({ job, scope, progress }) => {
      runs.set(job.id, (runs.get(job.id) ?? 0) + 1);
      expect(scope.tenantId).toBe(a);
      await progress({ phase: "read", done: 5, total: 10 });
      const [p] = await withSystem(db, (tx) =>
        rows<{ done: number }>(tx, sql`SELECT done::int FROM jobs WHERE id = ${job.id}`),
      );
      seen.push(p.done);
      return { n: (job.payload as { n: number }).n * 2 };
    };
    const r1 = startJobRunner(db, { "test.double": handler }, { pollMs: 50, log: () => {} });
    const r2 = startJobRunner(second, { "test.double": handler }, { pollMs: 50, log: () => {} });
    const ids: string[] = [];
    for (let n = 0; n < 12; n++)
      ids.push(await inA((tx) => enqueueJob(tx, "test.double", { n }, { id: null, label: "Test" })));
    await until(async () => {
      const r = await withSystem(db, (tx) =>
        rows<{ n: number }>(
          tx,
          sql`SELECT count(*)::int AS n FROM jobs WHERE status = 'done' AND kind = 'test.double'`,
        ),
      );
      return r[0].n === 12;
    });
    await r1.stop();
    await r2.stop();
    expect([...runs.values()]).toEqual(Array(12).fill(1));
    expect(seen).toEqual(Array(12).fill(5));
    for (const [n, id] of ids.entries()) {
      const j = (await inA((tx) => getJob(tx, id)))!;
      expect(j).toMatchObject({ status: "done", result: { n: n * 2 }, phase: "read", done: 5, total: 10 });
      expect(j.claimToken).toBeNull();
    }
  });

  it("keeps jobs within their tenant", async () => {
    const id = await inA((tx) => enqueueJob(tx, "test.none", {}, { id: null, label: "Test" }));
    expect(await statusOf(id)).toBe("queued");
    expect(await statusOf(id, b)).toBeUndefined();
    const seenByB = await inA((tx) => rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM jobs`), b);
    expect(seenByB[0].n).toBe(0);
  });

  it("records a refusal's error code, and an unexpected failure without its internals", async () => {
    const logged: string[] = [];
    const runner = startJobRunner(
      db,
      {
        "test.refuse": async () => {
          throw new ServiceError("monitoring.uploadGone");
        },
        "test.crash": async () => {
          throw new Error("geheimer Stack");
        },
      },
      { pollMs: 50, log: (m) => logged.push(m) },
    );
    const refused = await inA((tx) => enqueueJob(tx, "test.refuse", {}, { id: null, label: "Test" }));
    const crashed = await inA((tx) => enqueueJob(tx, "test.crash", {}, { id: null, label: "Test" }));
    await until(async () => (await statusOf(refused)) === "failed" && (await statusOf(crashed)) === "failed");
    await runner.stop();
    expect((await inA((tx) => getJob(tx, refused)))!.error).toEqual({ code: "monitoring.uploadGone" });
    expect((await inA((tx) => getJob(tx, crashed)))!.error).toEqual({ code: "jobs.failed" });
    expect(logged.join("\n")).toContain("geheimer Stack");
  });

  it("marks a job whose claim ran out as interrupted, and only that one", async () => {
    const lost = await inA((tx) => enqueueJob(tx, "test.none", {}, { id: null, label: "Test" }));
    const alive = await inA((tx) => enqueueJob(tx, "test.none", {}, { id: null, label: "Test" }));
    await withSystem(db, (tx) =>
      tx.execute(sql`UPDATE jobs SET status = 'running', claim_token = gen_random_uuid(),
        claimed_until = CASE WHEN id = ${lost} THEN now() - interval '1 second' ELSE now() + interval '1 hour' END
        WHERE id IN (${lost}, ${alive})`),
    );
    expect(await failAbandonedJobs(db)).toBe(1);
    expect((await inA((tx) => getJob(tx, lost)))!).toMatchObject({
      status: "failed",
      error: { code: "jobs.interrupted" },
    });
    expect(await statusOf(alive)).toBe("running");
    // The embedded database has one process: at start, whatever is still running was cut off.
    expect(await failAbandonedJobs(db, { all: true })).toBe(1);
    expect(await statusOf(alive)).toBe("failed");
  });
});
