import { randomUUID } from "node:crypto";
import { and, asc, eq, sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { rows, withSystem } from "../db/context";
import { schedules } from "../db/schema";
import { audit } from "../audit/service";
import { TIME_ZONE } from "../dates";

// Periodic tasks inside the app (decision 0048). The kernel and modules declare tasks; each has a
// row in `schedules`. Every app process runs a scheduler that claims due tasks with one UPDATE (due,
// and no lease running), which sets a lease and moves next_run_at on: on several instances over one
// PostgreSQL exactly one claims a run. The clock is injectable (tests run a task "11 months later").

/** When a task runs: every n seconds, or once a day at a full hour (Europe/Berlin). */
export type ScheduleTiming =
  { everySeconds: number; dailyAtHour?: never } | { dailyAtHour: number; everySeconds?: never };

/**
 * A periodic task as the kernel or a module declares it. `run` returns a short message for the
 * platform page; a thrown error becomes the run's error result (the scheduler keeps going).
 */
export type ScheduledTask = ScheduleTiming & {
  /** Unique, e.g. "atlas.confirmations". */
  name: string;
  run(db: Database, now: Date): Promise<string | void>;
};

/** How long a claimed run holds before another instance may take the task again (its process died). */
export const LEASE_SECONDS = 30 * 60;
const MAX_MESSAGE = 2000;

export type ScheduleRow = typeof schedules.$inferSelect;

const berlinHour = (d: Date) =>
  Number(new Intl.DateTimeFormat("en-GB", { timeZone: TIME_ZONE, hour: "2-digit", hour12: false }).format(d)) % 24;

/** The run after `now`: now + interval, or the next full hour `dailyAtHour` in Berlin strictly after now. */
export function nextRun(t: ScheduleTiming, now: Date): Date {
  if (t.everySeconds) return new Date(now.getTime() + t.everySeconds * 1000);
  // Walk full hours forward: at most 25 steps, and it stays right across the clock changes.
  const h = new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000);
  for (let i = 1; i <= 26; i++) {
    const c = new Date(h.getTime() + i * 3_600_000);
    if (berlinHour(c) === t.dailyAtHour) return c;
  }
  throw new Error(`Keine Stunde ${t.dailyAtHour} gefunden`);
}

const timingOf = (t: ScheduleTiming) => ({
  everySeconds: t.everySeconds ?? null,
  dailyAtHour: t.dailyAtHour ?? null,
});

/**
 * A row per task. A new task runs first: interval tasks at once, daily ones at their next hour. A
 * changed timing is taken over, with the next run computed anew.
 */
export async function ensureSchedules(db: Database, tasks: readonly ScheduledTask[], now: Date): Promise<void> {
  const names = new Set<string>();
  for (const t of tasks) {
    if (names.has(t.name)) throw new Error(`Geplante Aufgabe ${t.name} gibt es zweimal`);
    names.add(t.name);
  }
  await withSystem(db, async (tx) => {
    for (const t of tasks) {
      const timing = timingOf(t);
      const first = t.everySeconds ? now : nextRun(t, now);
      await tx
        .insert(schedules)
        .values({ name: t.name, ...timing, nextRunAt: first })
        .onConflictDoUpdate({
          target: schedules.name,
          set: {
            ...timing,
            nextRunAt: sql`CASE WHEN ${schedules.everySeconds} IS NOT DISTINCT FROM ${timing.everySeconds}::int
              AND ${schedules.dailyAtHour} IS NOT DISTINCT FROM ${timing.dailyAtHour}::int
              THEN ${schedules.nextRunAt} ELSE ${first.toISOString()}::timestamptz END`,
          },
        });
    }
  });
}

/**
 * Claims the task's due run for `token`: one statement, so of several instances one wins (the others
 * find the lease set, or next_run_at moved on, once the winner's update commits).
 */
export async function claimRun(db: Database, t: ScheduledTask, now: Date, token: string): Promise<boolean> {
  const at = now.toISOString();
  const got = await withSystem(db, (tx) =>
    rows<{ name: string }>(
      tx,
      sql`UPDATE schedules SET claim_token = ${token}::uuid, last_started_at = ${at}::timestamptz,
        running_until = ${at}::timestamptz + make_interval(secs => ${LEASE_SECONDS}),
        next_run_at = ${nextRun(t, now).toISOString()}::timestamptz
      WHERE name = ${t.name} AND next_run_at <= ${at}::timestamptz
        AND (running_until IS NULL OR running_until < ${at}::timestamptz)
      RETURNING name`,
    ),
  );
  return got.length === 1;
}

/** Runs a claimed task and records its result; only the claim's holder writes it. */
async function runClaimed(db: Database, t: ScheduledTask, now: Date, token: string, log: (m: string) => void) {
  let result: "ok" | "error";
  let message: string;
  try {
    message = (await t.run(db, now)) ?? "";
    result = "ok";
  } catch (e) {
    result = "error";
    message = e instanceof Error ? e.message : String(e);
    log(`Geplante Aufgabe ${t.name} fehlgeschlagen: ${message}`);
  }
  await withSystem(db, (tx) =>
    tx
      .update(schedules)
      .set({
        lastResult: result,
        lastMessage: message.slice(0, MAX_MESSAGE),
        lastFinishedAt: new Date(),
        runningUntil: null,
        claimToken: null,
      })
      .where(and(eq(schedules.name, t.name), eq(schedules.claimToken, token))),
  );
}

/** Claims and runs what is due now; resolves when those runs are done. Returns the names that ran here. */
export async function runDue(
  db: Database,
  tasks: readonly ScheduledTask[],
  now: Date,
  log: (m: string) => void = (m) => console.error(m),
): Promise<string[]> {
  const ran: string[] = [];
  await Promise.all(
    tasks.map(async (t) => {
      const token = randomUUID();
      if (!(await claimRun(db, t, now, token))) return;
      ran.push(t.name);
      await runClaimed(db, t, now, token, log);
    }),
  );
  return ran;
}

export interface Scheduler {
  /** Looks for due tasks now (also on NOTIFY "schedules", sent by "jetzt ausführen"). */
  wake(): void;
  /** Resolves when no run of this scheduler is going. */
  idle(): Promise<void>;
  /** No new runs; resolves when the running ones are done. */
  stop(): Promise<void>;
}

/**
 * The scheduler of one app process: registers the tasks, then looks for due ones every `pollMs`
 * (default 15 s) and when woken. A task runs at most once at a time per process; tasks run side by side.
 */
export function startScheduler(
  db: Database,
  source: readonly ScheduledTask[] | Promise<readonly ScheduledTask[]>,
  opts: { now?: () => Date; pollMs?: number; log?: (m: string) => void } = {},
): Scheduler {
  const log = opts.log ?? ((m: string) => console.error(m));
  const now = opts.now ?? (() => new Date());
  let tasks: readonly ScheduledTask[] = [];
  let stopped = false;
  const busy = new Map<string, Promise<void>>();
  const wake = () => {
    if (stopped) return;
    for (const t of tasks) {
      if (busy.has(t.name)) continue;
      const p = runDue(db, [t], now(), log)
        .then(() => {})
        .catch((e) => {
          if (!stopped) log(`Geplante Aufgaben: ${String(e)}`);
        })
        .finally(() => busy.delete(t.name));
      busy.set(t.name, p);
    }
  };
  const started = (async () => {
    tasks = await source;
    await ensureSchedules(db, tasks, now());
    await db.listen("schedules", () => wake());
    wake();
  })().catch((e) => log(`Geplante Aufgaben: ${String(e)}`));
  const timer = setInterval(wake, opts.pollMs ?? 15_000);
  timer.unref();
  const idle = async () => {
    await started;
    while (busy.size) await Promise.all(busy.values());
  };
  return {
    wake,
    idle,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await idle();
    },
  };
}

/** Every task's row, by name, for the platform page. */
export async function listSchedules(db: Database): Promise<ScheduleRow[]> {
  return withSystem(db, (tx) => tx.select().from(schedules).orderBy(asc(schedules.name)));
}

/** "Jetzt ausführen": the task is due now; the schedulers are woken. False if there is no such task. */
export async function runScheduleNow(db: Database, userId: string | null, name: string): Promise<boolean> {
  return withSystem(db, async (tx) => {
    const r = await tx
      .update(schedules)
      .set({ nextRunAt: sql`now()` as unknown as Date })
      .where(eq(schedules.name, name))
      .returning({ name: schedules.name });
    if (!r.length) return false;
    await audit(tx, { tenantId: null, actorId: userId, action: "run", entity: "schedule", entityId: name });
    await tx.execute(sql`SELECT pg_notify('schedules', ${name})`);
    return true;
  });
}
