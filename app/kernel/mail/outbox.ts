import nodemailer, { type Transporter } from "nodemailer";
import { randomUUID } from "node:crypto";
import { count, desc, sql } from "drizzle-orm";
import type { Database, Tx } from "../db/client";
import { rows, withSystem } from "../db/context";
import { outbox } from "../db/schema";
import { config } from "../config";

export interface Mail {
  to: string;
  subject: string;
  body: string;
  tenantId?: string | null;
}

/**
 * Queues a mail in the same transaction as the change that causes it; delivery happens after
 * commit (deliverPending), so a rolled-back change never sends mail. Inside a tenant transaction
 * (no tenantId given) it goes through enqueue_mail(), which stamps the transaction's tenant; the
 * system context (tenantId given, possibly null) writes the row directly.
 */
export async function enqueueMail(tx: Tx, m: Mail): Promise<void> {
  if (m.tenantId === undefined) {
    await tx.execute(sql`SELECT enqueue_mail(${m.to}, ${m.subject}, ${m.body})`);
    return;
  }
  await tx.insert(outbox).values({ recipient: m.to, subject: m.subject, body: m.body, tenantId: m.tenantId });
}

/** What a sender needs from an SMTP transport (nodemailer's Transporter has it). */
export type MailTransport = Pick<Transporter, "sendMail">;

/** Delivery settings; the defaults are what the server uses, tests shorten them. */
export interface DeliveryOptions {
  /** The SMTP transport; by default the one configured by SMTP_*, or none (mail is only logged). */
  transport?: MailTransport | null;
  log?: (m: string) => void;
  /** Attempts before a mail is given up (it stays in the outbox, marked as failed). */
  maxAttempts?: number;
  /**
   * How long a claim holds. It must outlast one SMTP conversation (the transport's timeouts below
   * add up to two minutes), else a slow send could be claimed and sent a second time.
   */
  leaseSeconds?: number;
  /** Wait after the first failed attempt; it doubles with each further one, up to maxBackoffSeconds. */
  backoffSeconds?: number;
  maxBackoffSeconds?: number;
  /** Mails one run sends at most, so a long queue does not keep one run going for ever. */
  limit?: number;
}

export const MAIL_DEFAULTS = {
  maxAttempts: 8,
  leaseSeconds: 600,
  backoffSeconds: 60,
  maxBackoffSeconds: 6 * 3600,
  limit: 200,
} as const;

const NO_SMTP = "kein SMTP konfiguriert – nur im Postausgang";

let transport: Transporter | null | undefined;
function configuredTransport(): Transporter | null {
  if (transport !== undefined) return transport;
  const c = config();
  transport = c.smtp.host
    ? nodemailer.createTransport({
        host: c.smtp.host,
        port: c.smtp.port,
        secure: c.smtp.secure,
        auth: c.smtp.user ? { user: c.smtp.user, pass: c.smtp.password } : undefined,
        // nodemailer's default socket timeout is 10 minutes; these keep one send well inside the lease.
        connectionTimeout: 30_000,
        greetingTimeout: 30_000,
        socketTimeout: 60_000,
      })
    : null;
  return transport;
}

interface Claimed {
  id: string;
  recipient: string;
  subject: string;
  body: string;
  attempts: number;
}

/**
 * Takes one due mail for this sender in its own short transaction. FOR UPDATE SKIP LOCKED makes a
 * concurrent sender pass over a row being claimed, and the claim (token and lease) keeps it away
 * from every sender after the commit. The attempt is counted here, before sending, so a mail whose
 * sending kills the process still runs out of attempts.
 */
async function claimOne(db: Database, token: string, o: Required<Omit<DeliveryOptions, "transport" | "log">>) {
  const [m] = await withSystem(db, (tx) =>
    rows<Claimed>(
      tx,
      sql`UPDATE outbox SET claim_token = ${token}::uuid, attempts = attempts + 1,
        claimed_until = now() + make_interval(secs => ${o.leaseSeconds})
      WHERE id = (
        SELECT id FROM outbox
        WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= now()
          AND (claimed_until IS NULL OR claimed_until < now()) AND attempts < ${o.maxAttempts}
        ORDER BY next_attempt_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
      RETURNING id::text AS id, recipient, subject, body, attempts`,
    ),
  );
  return m;
}

/**
 * Sends due mail, each row exactly once across any number of senders and processes: a row is
 * claimed in the database before the SMTP conversation and marked sent afterwards. A failed attempt
 * is recorded with its error and retried with exponential backoff; after maxAttempts the mail is
 * given up. Without SMTP the mail is printed and stays in the outbox. Returns the number sent.
 *
 * One case cannot be exactly once with SMTP: a process killed after the server accepted a mail but
 * before the row was marked sends it again once the lease has expired.
 */
export async function deliverPending(db: Database, opts: DeliveryOptions = {}): Promise<number> {
  const o = { ...MAIL_DEFAULTS, ...opts };
  const t = opts.transport !== undefined ? opts.transport : configuredTransport();
  const log = opts.log ?? console.log;
  // A mail whose last claim expired with no attempts left was lost mid-send: give it up visibly.
  await withSystem(db, (tx) =>
    tx.execute(sql`UPDATE outbox SET failed_at = now(), claim_token = NULL, claimed_until = NULL,
      last_error = coalesce(last_error, 'Zustellung abgebrochen')
    WHERE sent_at IS NULL AND failed_at IS NULL AND attempts >= ${o.maxAttempts} AND claimed_until < now()`),
  );
  let sent = 0;
  for (let i = 0; i < o.limit; i++) {
    const token = randomUUID();
    const m = await claimOne(db, token, o);
    if (!m) break;
    const mine = sql`id = ${m.id} AND claim_token = ${token}::uuid`;
    if (!t) {
      log(`[Postausgang] An ${m.recipient}: ${m.subject}\n${m.body}`);
      await withSystem(db, (tx) =>
        tx.execute(sql`UPDATE outbox SET sent_at = now(), last_error = ${NO_SMTP}, claim_token = NULL,
          claimed_until = NULL WHERE ${mine}`),
      );
      continue;
    }
    try {
      await t.sendMail({ from: config().smtp.from, to: m.recipient, subject: m.subject, text: m.body });
    } catch (e) {
      const error = String((e as Error)?.message ?? e).slice(0, 2000);
      await withSystem(db, (tx) =>
        tx.execute(sql`UPDATE outbox SET last_error = ${error}, claim_token = NULL, claimed_until = NULL,
          next_attempt_at = now() + make_interval(secs => least(${o.backoffSeconds} * power(2, attempts - 1), ${o.maxBackoffSeconds})),
          failed_at = CASE WHEN attempts >= ${o.maxAttempts} THEN now() END
        WHERE ${mine}`),
      );
      continue;
    }
    await withSystem(db, (tx) =>
      tx.execute(sql`UPDATE outbox SET sent_at = now(), last_error = NULL, claim_token = NULL, claimed_until = NULL
        WHERE ${mine}`),
    );
    sent++;
  }
  return sent;
}

const loops = new WeakMap<Database, { running: Promise<void> | null; again: boolean }>();

/**
 * Runs deliverPending in the background unless a run is already going in this process for this
 * database; a call during a run asks for one more run after it, so mail queued meanwhile goes out
 * promptly. Requests call this after every change and the server on a timer: without it each call
 * started its own loop over the same rows.
 */
export function scheduleDelivery(db: Database, opts: DeliveryOptions = {}): Promise<void> {
  let state = loops.get(db);
  if (!state) loops.set(db, (state = { running: null, again: false }));
  if (state.running) {
    state.again = true;
    return state.running;
  }
  const s = state;
  s.running = (async () => {
    try {
      do {
        s.again = false;
        await deliverPending(db, opts);
      } while (s.again);
    } finally {
      s.running = null;
    }
  })();
  return s.running;
}

export async function listOutbox(db: Database, limit = 100, offset = 0) {
  return withSystem(db, (tx) =>
    tx
      .select({
        id: outbox.id,
        recipient: outbox.recipient,
        subject: outbox.subject,
        body: outbox.body,
        createdAt: outbox.createdAt,
        sentAt: outbox.sentAt,
        lastError: outbox.lastError,
        attempts: outbox.attempts,
        nextAttemptAt: outbox.nextAttemptAt,
        failedAt: outbox.failedAt,
      })
      .from(outbox)
      .orderBy(desc(outbox.id))
      .limit(limit)
      .offset(offset),
  );
}

export async function countOutbox(db: Database): Promise<number> {
  return withSystem(db, async (tx) => (await tx.select({ n: count() }).from(outbox))[0].n);
}
