import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDb } from "../../../tests/support/db";
import { openDatabase, type Database } from "../db/client";
import { rows, withSystem, withTenant } from "../db/context";
import { createTenant } from "../tenancy/service";
import {
  claimRun,
  ensureSchedules,
  LEASE_SECONDS,
  listSchedules,
  nextRun,
  runDue,
  runScheduleNow,
  startScheduler,
  type ScheduledTask,
} from "./service";

// The scheduler (decision 0048): on PostgreSQL two schedulers on two pools (two app instances), on
// the embedded database two on one; a due run is claimed by one of them only. No timing assertions:
// the injected clock decides what is due.
let db: Database, second: Database, cleanup: () => Promise<void>;
beforeAll(async () => {
  const made = await createTestDb();
  db = made.db;
  cleanup = made.cleanup;
  second = made.url ? await openDatabase({ url: made.url }) : db;
});
afterAll(async () => {
  if (second !== db) await second.close();
  await cleanup();
});

const T0 = new Date("2026-12-04T10:00:00Z");
const row = async (name: string) => (await listSchedules(db)).find((s) => s.name === name)!;

describe("the next run", () => {
  it("adds the interval, or finds the next full hour in Berlin across the clock changes", () => {
    expect(nextRun({ everySeconds: 30 }, T0).toISOString()).toBe("2026-12-04T10:00:30.000Z");
    // Winter (UTC+1): 03:00 Berlin is 02:00 UTC, the next day since 11:00 Berlin has passed it.
    expect(nextRun({ dailyAtHour: 3 }, T0).toISOString()).toBe("2026-12-05T02:00:00.000Z");
    // Summer (UTC+2), later the same day.
    expect(nextRun({ dailyAtHour: 23 }, new Date("2026-07-01T10:00:00Z")).toISOString()).toBe(
      "2026-07-01T21:00:00.000Z",
    );
    // Exactly at the hour: the next day, never the same instant again.
    expect(nextRun({ dailyAtHour: 3 }, new Date("2026-12-05T02:00:00Z")).toISOString()).toBe(
      "2026-12-06T02:00:00.000Z",
    );
  });
});

describe("claiming", () => {
  it("runs a due task once with two schedulers, however often both look", async () => {
    let runs = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const task: ScheduledTask = {
      name: "test.once",
      everySeconds: 3600,
      run: async () => {
        runs++;
        await gate;
        return "fertig";
      },
    };
    await ensureSchedules(db, [task], T0);
    // Both look while the run is still going: the lease keeps the second out.
    const a = runDue(db, [task], T0);
    const b = runDue(second, [task], T0);
    const first = await Promise.race([a, b]);
    expect(first).toEqual([]);
    release();
    const both = [...(await a), ...(await b)];
    expect(both).toEqual(["test.once"]);
    expect(runs).toBe(1);
    // Later the same hour: not due again; an hour on: due once more.
    expect([
      ...(await runDue(db, [task], new Date(T0.getTime() + 60_000))),
      ...(await runDue(second, [task], new Date(T0.getTime() + 60_000))),
    ]).toEqual([]);
    const later = new Date(T0.getTime() + 3600_000);
    const again = await Promise.all([runDue(db, [task], later), runDue(second, [task], later)]);
    expect(again.flat()).toEqual(["test.once"]);
    expect(runs).toBe(2);
    const r = await row("test.once");
    expect(r).toMatchObject({ lastResult: "ok", lastMessage: "fertig", runningUntil: null, claimToken: null });
    expect(r.nextRunAt.toISOString()).toBe(new Date(later.getTime() + 3600_000).toISOString());
  });

  it("many rounds of two concurrent schedulers: every due run happens exactly once", async () => {
    let runs = 0;
    const task: ScheduledTask = { name: "test.rounds", everySeconds: 60, run: async () => void runs++ };
    await ensureSchedules(db, [task], T0);
    for (let i = 0; i < 20; i++) {
      const now = new Date(T0.getTime() + i * 60_000);
      const ran = await Promise.all([runDue(db, [task], now), runDue(second, [task], now)]);
      expect(ran.flat()).toHaveLength(1);
    }
    expect(runs).toBe(20);
  });

  it("takes over a run whose process died once its lease has run out", async () => {
    const task: ScheduledTask = { name: "test.lease", everySeconds: 60, run: async () => {} };
    await ensureSchedules(db, [task], T0);
    expect(await claimRun(db, task, T0, crypto.randomUUID())).toBe(true);
    // Due again after a minute, but the first claim still holds.
    const soon = new Date(T0.getTime() + 120_000);
    expect(await claimRun(second, task, soon, crypto.randomUUID())).toBe(false);
    const expired = new Date(T0.getTime() + (LEASE_SECONDS + 1) * 1000);
    expect(await claimRun(second, task, expired, crypto.randomUUID())).toBe(true);
  });

  it("records an error as the run's result and keeps the schedule going", async () => {
    const task: ScheduledTask = {
      name: "test.fails",
      dailyAtHour: 4,
      run: async () => {
        throw new Error("Schlüssel fehlt");
      },
    };
    await ensureSchedules(db, [task], T0);
    expect(await runDue(db, [task], T0, () => {})).toEqual([]); // daily: not before 04:00
    const at4 = nextRun(task, T0);
    expect(await runDue(db, [task], at4, () => {})).toEqual(["test.fails"]);
    const r = await row("test.fails");
    expect(r).toMatchObject({ lastResult: "error", lastMessage: "Schlüssel fehlt", runningUntil: null });
    expect(r.nextRunAt.getTime()).toBe(at4.getTime() + 86_400_000);
  });

  it("keeps the next run when a task is registered again, and takes a changed timing over", async () => {
    const task: ScheduledTask = { name: "test.timing", dailyAtHour: 5, run: async () => {} };
    await ensureSchedules(db, [task], T0);
    const before = (await row("test.timing")).nextRunAt;
    await ensureSchedules(db, [task], new Date(T0.getTime() + 3 * 86_400_000));
    expect((await row("test.timing")).nextRunAt).toEqual(before);
    await ensureSchedules(db, [{ ...task, dailyAtHour: 7 }], T0);
    expect((await row("test.timing")).dailyAtHour).toBe(7);
    expect((await row("test.timing")).nextRunAt).toEqual(nextRun({ dailyAtHour: 7 }, T0));
    await expect(ensureSchedules(db, [task, task], T0)).rejects.toThrow(/zweimal/);
  });
});

describe("the running scheduler and 'jetzt ausführen'", () => {
  it("runs a daily task made due now, woken by the notification, and stops after its run", async () => {
    let seen: Date | undefined;
    const fake = new Date("2027-11-05T12:00:00Z");
    const task: ScheduledTask = { name: "test.now", dailyAtHour: 1, run: async (_db, now) => void (seen = now) };
    const s = startScheduler(db, [task], { now: () => fake, pollMs: 3_600_000, log: () => {} });
    await s.idle();
    expect(seen).toBeUndefined();
    expect(await runScheduleNow(db, null, "test.nix")).toBe(false);
    expect(await runScheduleNow(db, null, "test.now")).toBe(true);
    s.wake();
    await s.idle();
    expect(seen).toEqual(fake);
    await s.stop();
    const [a] = await withSystem(db, (tx) =>
      rows<{ n: number }>(
        tx,
        sql`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'schedule' AND entity_id = 'test.now'`,
      ),
    );
    expect(a.n).toBe(1);
  });
});

describe("access", () => {
  it("the request role can neither read nor write the schedules", async () => {
    const tenantId = (
      await withSystem(db, (tx) =>
        createTenant(tx, { slug: "planstadt", name: "Planstadt", kind: "kommune", ags: "05999103" }),
      )
    ).id;
    const failure = async (q: ReturnType<typeof sql>) => {
      try {
        await withTenant(db, { tenantId, actor: { userId: null, label: "Test" } }, (tx) => tx.execute(q));
      } catch (e) {
        const err = e as Error & { cause?: Error };
        return `${err.cause?.message ?? ""} ${err.message}`;
      }
      return "kein Fehler";
    };
    expect(await failure(sql`SELECT * FROM schedules`)).toMatch(/permission denied/);
    expect(await failure(sql`UPDATE schedules SET next_run_at = now()`)).toMatch(/permission denied/);
  });
});
