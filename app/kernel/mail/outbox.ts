import nodemailer, { type Transporter } from "nodemailer";
import { count, eq, desc, isNull, sql } from "drizzle-orm";
import type { Database, Tx } from "../db/client";
import { withSystem } from "../db/context";
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

let transport: Transporter | null | undefined;
function getTransport() {
  if (transport !== undefined) return transport;
  const c = config();
  transport = c.smtp.host
    ? nodemailer.createTransport({
        host: c.smtp.host,
        port: c.smtp.port,
        secure: c.smtp.secure,
        auth: c.smtp.user ? { user: c.smtp.user, pass: c.smtp.password } : undefined,
      })
    : null;
  return transport;
}

/** Sends queued mail by SMTP when configured; otherwise prints it and leaves it in the outbox. */
export async function deliverPending(db: Database, log: (m: string) => void = console.log): Promise<number> {
  const pending = await withSystem(db, (tx) => tx.select().from(outbox).where(isNull(outbox.sentAt)).limit(50));
  const t = getTransport();
  let sent = 0;
  for (const m of pending) {
    if (!t) {
      log(`[Postausgang] An ${m.recipient}: ${m.subject}\n${m.body}`);
      await withSystem(db, (tx) =>
        tx
          .update(outbox)
          .set({ sentAt: new Date(), error: "kein SMTP konfiguriert – nur im Postausgang" })
          .where(eq(outbox.id, m.id)),
      );
      continue;
    }
    try {
      await t.sendMail({ from: config().smtp.from, to: m.recipient, subject: m.subject, text: m.body });
      await withSystem(db, (tx) =>
        tx.update(outbox).set({ sentAt: new Date(), error: null }).where(eq(outbox.id, m.id)),
      );
      sent++;
    } catch (e) {
      await withSystem(db, (tx) =>
        tx
          .update(outbox)
          .set({ error: String((e as Error).message) })
          .where(eq(outbox.id, m.id)),
      );
    }
  }
  return sent;
}

export async function listOutbox(db: Database, limit = 100, offset = 0) {
  return withSystem(db, (tx) => tx.select().from(outbox).orderBy(desc(outbox.id)).limit(limit).offset(offset));
}

export async function countOutbox(db: Database): Promise<number> {
  return withSystem(db, async (tx) => (await tx.select({ n: count() }).from(outbox))[0].n);
}
