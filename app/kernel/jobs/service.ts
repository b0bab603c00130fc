import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { Database, Tx } from "../db/client";
import { rows, withSystem, type TenantScope } from "../db/context";
import { jobs } from "../db/schema";
import { ServiceError, type ErrorCode } from "../errors";

// Background jobs (decision 0020). A job is a row: queued by a tenant transaction, claimed by one
// instance with FOR UPDATE SKIP LOCKED under a lease, advanced with progress reports that renew the
// lease, and finished with a result or an error code. A job whose lease ran out was lost with its
// process and is marked failed (its work must be all-or-nothing, as the import's merge is).

export type Job = typeof jobs.$inferSelect;
export type JobStatus = Job["status"];

export interface JobProgress {
  phase: string;
  done: number;
  total: number;
}

/** What a handler gets: the job, the database, its tenant's scope, and a way to report progress. */
export interface JobContext {
  db: Database;
  job: Job;
  scope: TenantScope;
  progress(p: JobProgress): Promise<void>;
}
/** Runs one job and returns its result (stored as JSON); a thrown ServiceError becomes the job's error. */
export type JobHandler = (ctx: JobContext) => Promise<unknown>;

/** How long a claim holds without a progress report; handlers report at least every few seconds. */
export const LEASE_SECONDS = 120;

/** Queues a job of the transaction's tenant; it starts once an instance is free (pg_notify wakes them). */
export async function enqueueJob(
  tx: Tx,
  kind: string,
  payload: unknown,
  actor: { id: string | null; label: string },
): Promise<string> {
  const [j] = await tx
    .insert(jobs)
    .values({
      tenantId: sql`app_tenant_id()` as unknown as string,
      kind,
      payload,
      actorId: actor.id,
      actorLabel: actor.label,
    })
    .returning({ id: jobs.id });
  await tx.execute(sql`SELECT pg_notify('jobs', ${j.id})`);
  return j.id;
}

/** A job of the transaction's tenant (row-level security hides the others), of the given kind. */
export async function getJob(tx: Tx, id: string, kind?: string): Promise<Job | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const [j] = await tx
    .select()
    .from(jobs)
    .where(kind ? and(eq(jobs.id, id), eq(jobs.kind, kind)) : eq(jobs.id, id));
  return j;
}

/** Marks jobs whose claim ran out as failed: their process died (jobs.interrupted). */
export async function failAbandonedJobs(db: Database, opts: { all?: boolean } = {}): Promise<number> {
  const r = await withSystem(db, (tx) =>
    rows<{ id: string }>(
      tx,
      sql`UPDATE jobs SET status = 'failed', finished_at = now(), error = '{"code":"jobs.interrupted"}'::jsonb,
        claim_token = NULL, claimed_until = NULL
      WHERE status = 'running' AND (${opts.all ?? false} OR claimed_until < now()) RETURNING id`,
    ),
  );
  return r.length;
}

/** Claims the oldest queued job of one of `kinds` for this caller, or none. */
async function claimJob(db: Database, kinds: string[], token: string): Promise<Job | undefined> {
  if (!kinds.length) return undefined;
  const [j] = await withSystem(db, (tx) =>
    tx.execute(sql`UPDATE jobs SET status = 'running', started_at = now(), claim_token = ${token}::uuid,
        claimed_until = now() + make_interval(secs => ${LEASE_SECONDS})
      WHERE id = (SELECT id FROM jobs WHERE status = 'queued' AND kind IN ${kinds}
        ORDER BY created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
      RETURNING id`),
  ).then((r) => (r as unknown as { rows: { id: string }[] }).rows);
  if (!j) return undefined;
  return withSystem(db, async (tx) => (await tx.select().from(jobs).where(eq(jobs.id, j.id)))[0]);
}

/** Runs a claimed job to its end and records the outcome; only the claim's holder may write it. */
async function runClaimed(db: Database, job: Job, token: string, handler: JobHandler, log: (m: string) => void) {
  const mine = and(eq(jobs.id, job.id), eq(jobs.claimToken, token));
  const progress = async (p: JobProgress) => {
    await withSystem(db, (tx) =>
      tx
        .update(jobs)
        .set({
          phase: p.phase,
          done: Math.round(p.done),
          total: Math.round(p.total),
          claimedUntil: sql`now() + make_interval(secs => ${LEASE_SECONDS})` as unknown as Date,
        })
        .where(mine),
    );
  };
  const scope: TenantScope = { tenantId: job.tenantId, actor: { userId: job.actorId, label: job.actorLabel } };
  let outcome: Partial<Job>;
  try {
    const result = await handler({ db, job, scope, progress });
    outcome = { status: "done", result: result ?? null };
  } catch (e) {
    const error: ErrorCode =
      e instanceof ServiceError ? { code: e.code, ...(e.params && { params: e.params }) } : { code: "jobs.failed" };
    if (!(e instanceof ServiceError)) log(`Hintergrundauftrag ${job.id} (${job.kind}) fehlgeschlagen: ${String(e)}`);
    outcome = { status: "failed", error };
  }
  await withSystem(db, (tx) =>
    tx
      .update(jobs)
      .set({ ...outcome, finishedAt: new Date(), claimToken: null, claimedUntil: null })
      .where(mine),
  );
}

export interface JobRunner {
  /** Looks for work now (after a job was queued in this process, or in tests). */
  wake(): void;
  /** Resolves when no job is running in this runner. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Runs queued jobs of the given kinds in this process, one at a time: woken by NOTIFY on `jobs`
 * (any instance queued one) and by a timer as a fallback. On the embedded database this process is
 * the only one, so a job still marked running at start was cut off by a crash and fails at once.
 */
export function startJobRunner(
  db: Database,
  handlerSource: Record<string, JobHandler> | Promise<Record<string, JobHandler>>,
  opts: { pollMs?: number; log?: (m: string) => void } = {},
): JobRunner {
  const log = opts.log ?? ((m: string) => console.error(m));
  let handlers: Record<string, JobHandler> = {};
  let kinds: string[] = [];
  let stopped = false;
  let running: Promise<void> | null = null;
  let again = false;
  const loop = async () => {
    do {
      again = false;
      for (;;) {
        if (stopped) return;
        const token = randomUUID();
        const job = await claimJob(db, kinds, token);
        if (!job) break;
        await runClaimed(db, job, token, handlers[job.kind], log);
      }
      await failAbandonedJobs(db);
    } while (again && !stopped);
  };
  const wake = () => {
    if (stopped || !kinds.length) return;
    if (running) {
      again = true;
      return;
    }
    running = loop()
      .catch((e) => {
        if (!stopped) log(`Hintergrundaufträge: ${String(e)}`);
      })
      .finally(() => {
        running = null;
      });
  };
  const started = (async () => {
    handlers = await handlerSource;
    kinds = Object.keys(handlers);
    if (db.kind === "pglite") await failAbandonedJobs(db, { all: true });
    await db.listen("jobs", () => wake());
    wake();
  })().catch((e) => log(`Hintergrundaufträge: ${String(e)}`));
  const timer = setInterval(wake, opts.pollMs ?? 5000);
  timer.unref();
  return {
    wake,
    idle: async () => {
      await started;
      while (running) await running;
    },
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await started;
      await running;
    },
  };
}
