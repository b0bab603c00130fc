import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import nodemailer from "nodemailer";
import { sql } from "drizzle-orm";
import { createTestDb } from "../../../tests/support/db";
import { startSmtpSink, type SmtpSink } from "../../../tests/support/smtp";
import { openDatabase, type Database } from "../db/client";
import { rows, withSystem } from "../db/context";
import { deliverPending, enqueueMail, scheduleDelivery, type MailTransport } from "./outbox";

let db: Database;
/** A second "instance": on PostgreSQL a pool of its own on the same database, on PGlite the same handle. */
let db2: Database;
let cleanup: () => Promise<void>;
let sink: SmtpSink;

beforeAll(async () => {
  const made = await createTestDb();
  db = made.db;
  db2 = made.url ? await openDatabase({ url: made.url }) : db;
  cleanup = async () => {
    if (db2 !== db) await db2.close();
    await made.cleanup();
  };
});
afterAll(async () => {
  await cleanup?.();
});
beforeEach(async () => {
  sink = await startSmtpSink();
  await withSystem(db, (tx) => tx.execute(sql`DELETE FROM outbox`));
});
afterEach(async () => {
  await sink.close();
});

const smtp = () => nodemailer.createTransport({ host: "127.0.0.1", port: sink.port, secure: false, ignoreTLS: true });
const queue = (i: number) =>
  withSystem(db, (tx) =>
    enqueueMail(tx, { to: `person${i}@example.org`, subject: `Mail ${i}`, body: `Text ${i}`, tenantId: null }),
  );
const subjects = () =>
  sink.mails.map((m) => /^Subject: (.*)$/m.exec(m.data)?.[1]).sort((a, b) => a!.localeCompare(b!, "de"));
interface Row {
  id: string;
  subject: string;
  attempts: number;
  sent: boolean;
  failed: boolean;
  last_error: string | null;
  wait: number;
}
const outboxRows = () =>
  withSystem(db, (tx) =>
    rows<Row>(
      tx,
      sql`SELECT id::text, subject, attempts, sent_at IS NOT NULL AS sent, failed_at IS NOT NULL AS failed, last_error,
        extract(epoch FROM next_attempt_at - now())::float8 AS wait FROM outbox ORDER BY id`,
    ),
  );
/** Lets time pass for the queue: every waiting mail becomes due. */
const makeDue = () =>
  withSystem(db, (tx) => tx.execute(sql`UPDATE outbox SET next_attempt_at = now() WHERE sent_at IS NULL`));

describe("outbox delivery", () => {
  it("delivers 24 mails queued concurrently exactly once with two instances sending at the same time", async () => {
    const instances = [
      { db, transport: smtp() },
      { db: db2, transport: smtp() },
    ];
    // Each instance runs several delivery loops at once, as the server did after every request,
    // while the mails are being queued.
    const senders = () =>
      Promise.all(
        instances.flatMap((x) => [1, 2, 3].map(() => deliverPending(x.db, { transport: x.transport, log: () => {} }))),
      );
    const [sentWhileQueueing] = await Promise.all([
      senders(),
      Promise.all(Array.from({ length: 24 }, (_, i) => queue(i))),
    ]);
    const sentAfter = await senders();
    const total = [...sentWhileQueueing, ...sentAfter].reduce((a, b) => a + b, 0);

    expect(sink.mails).toHaveLength(24);
    expect(total).toBe(24);
    expect(new Set(subjects()).size).toBe(24);
    const r = await outboxRows();
    expect(r.filter((x) => x.sent)).toHaveLength(24);
    expect(r.every((x) => x.attempts === 1 && x.last_error === null)).toBe(true);
  });

  it("runs one delivery loop per process however often it is asked to", async () => {
    let inFlight = 0;
    let most = 0;
    const inner = smtp();
    const counting: MailTransport = {
      sendMail: (async (m: Parameters<MailTransport["sendMail"]>[0]) => {
        most = Math.max(most, ++inFlight);
        try {
          return await inner.sendMail(m);
        } finally {
          inFlight--;
        }
      }) as MailTransport["sendMail"],
    };
    await Promise.all(Array.from({ length: 24 }, (_, i) => queue(i)));
    await Promise.all(Array.from({ length: 10 }, () => scheduleDelivery(db, { transport: counting, log: () => {} })));
    expect(most).toBe(1);
    expect(sink.mails).toHaveLength(24);
    // Asked again while nothing runs, it starts a new run that finds nothing to send.
    await scheduleDelivery(db, { transport: counting, log: () => {} });
    expect(sink.mails).toHaveLength(24);
  });

  it("records a failed attempt and retries with exponential backoff", async () => {
    await queue(1);
    const opts = { transport: smtp(), log: () => {}, backoffSeconds: 60, maxAttempts: 5 };
    sink.failNext(2);

    expect(await deliverPending(db, opts)).toBe(0);
    let [r] = await outboxRows();
    expect(r).toMatchObject({ attempts: 1, sent: false, failed: false });
    expect(r.last_error).toContain("451");
    expect(r.wait).toBeGreaterThan(0);
    expect(r.wait).toBeLessThanOrEqual(60);
    // Not due yet: another run leaves it alone.
    expect(await deliverPending(db, opts)).toBe(0);
    expect((await outboxRows())[0].attempts).toBe(1);

    await makeDue();
    expect(await deliverPending(db, opts)).toBe(0);
    [r] = await outboxRows();
    expect(r.attempts).toBe(2);
    // The second wait is twice the first.
    expect(r.wait).toBeGreaterThan(60);
    expect(r.wait).toBeLessThanOrEqual(120);

    await makeDue();
    expect(await deliverPending(db, opts)).toBe(1);
    [r] = await outboxRows();
    expect(r).toMatchObject({ attempts: 3, sent: true, last_error: null });
    expect(sink.mails).toHaveLength(1);
  });

  it("gives a mail up after the last allowed attempt and keeps it in the outbox", async () => {
    await queue(1);
    const opts = { transport: smtp(), log: () => {}, maxAttempts: 2 };
    sink.failNext(5);
    await deliverPending(db, opts);
    await makeDue();
    await deliverPending(db, opts);
    let [r] = await outboxRows();
    expect(r).toMatchObject({ attempts: 2, sent: false, failed: true });
    expect(r.last_error).toContain("451");
    sink.failNext(0);
    await makeDue();
    expect(await deliverPending(db, opts)).toBe(0);
    [r] = await outboxRows();
    expect(r.attempts).toBe(2);
    expect(sink.mails).toHaveLength(0);
  });

  it("leaves a claimed mail to its sender until the claim expires, then sends it once", async () => {
    await queue(1);
    // Another process claimed it and is still within its lease.
    await withSystem(db, (tx) =>
      tx.execute(
        sql`UPDATE outbox SET claim_token = gen_random_uuid(), claimed_until = now() + interval '5 minutes', attempts = 1`,
      ),
    );
    const opts = { transport: smtp(), log: () => {} };
    expect(await deliverPending(db, opts)).toBe(0);
    expect(sink.mails).toHaveLength(0);
    // That process died mid-send: its lease runs out.
    await withSystem(db, (tx) => tx.execute(sql`UPDATE outbox SET claimed_until = now() - interval '1 second'`));
    expect(await deliverPending(db, opts)).toBe(1);
    expect(await deliverPending(db, opts)).toBe(0);
    expect(sink.mails).toHaveLength(1);
    expect((await outboxRows())[0]).toMatchObject({ attempts: 2, sent: true });
  });

  it("gives up a mail whose last attempt was lost with its process", async () => {
    await queue(1);
    await withSystem(db, (tx) =>
      tx.execute(
        sql`UPDATE outbox SET claim_token = gen_random_uuid(), claimed_until = now() - interval '1 second', attempts = 3`,
      ),
    );
    expect(await deliverPending(db, { transport: smtp(), log: () => {}, maxAttempts: 3 })).toBe(0);
    expect(sink.mails).toHaveLength(0);
    expect((await outboxRows())[0]).toMatchObject({ attempts: 3, sent: false, failed: true });
  });

  it("without SMTP prints each mail once and keeps it in the outbox", async () => {
    await Promise.all([1, 2, 3].map(queue));
    const printed: string[] = [];
    const log = (m: string) => printed.push(m);
    await Promise.all([deliverPending(db, { transport: null, log }), deliverPending(db2, { transport: null, log })]);
    expect(printed).toHaveLength(3);
    const r = await outboxRows();
    expect(r.every((x) => x.sent && x.attempts === 1 && /kein SMTP/.test(x.last_error ?? ""))).toBe(true);
  });
});
