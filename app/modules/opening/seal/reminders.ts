import "./strings";
import { sql } from "drizzle-orm";
import type { Database, Tx } from "~/kernel/db/client";
import { rows, withSystem, withTenant } from "~/kernel/db/context";
import { audit } from "~/kernel/audit/service";
import { addDays, germanDate } from "~/kernel/dates";
import { getT } from "~/kernel/i18n";
import { enqueueMail } from "~/kernel/mail/outbox";
import { REMINDER_DAYS } from "./service";

// The re-certification reminder. The kernel has no periodic scheduler for tenant work (its jobs are
// queued by a request, decision 0020), so the reminders are queued by the CLI command
// `opening:seal-reminders`, run daily by the operator's cron; each award is reminded once (a row in
// opening_seal_reminders), the mail goes through the outbox, and the staff page shows the due state
// from the dates whether the command ran or not.

export interface DueReminder {
  awardId: string;
  caseId: string;
  name: string;
  contactEmail: string | null;
  validUntil: string;
}

/** Awards that are their case's latest, end within REMINDER_DAYS of the day, and were not reminded. */
export async function dueSealReminders(tx: Tx, today: string): Promise<DueReminder[]> {
  const rs = await rows<{
    award_id: string;
    case_id: string;
    name: string;
    contact_email: string | null;
    valid_until: string;
  }>(
    tx,
    sql`SELECT a.id AS award_id, c.id AS case_id, coalesce(o.name, c.applicant_name) AS name, c.contact_email,
          a.valid_until::text
        FROM opening_seal_cases c
        LEFT JOIN organisations o ON o.id = c.organisation_id
        JOIN LATERAL (SELECT * FROM opening_seal_awards x WHERE x.case_id = c.id ORDER BY x.awarded_on DESC LIMIT 1) a ON true
        WHERE a.valid_until >= ${today} AND a.valid_until < ${addDays(today, REMINDER_DAYS)}
          AND NOT EXISTS (SELECT 1 FROM opening_seal_reminders r WHERE r.award_id = a.id)
        ORDER BY a.valid_until, 3`,
  );
  return rs.map((r) => ({
    awardId: r.award_id,
    caseId: r.case_id,
    name: r.name,
    contactEmail: r.contact_email,
    validUntil: r.valid_until,
  }));
}

/** Queues the due reminders of the transaction's tenant: a row each, and a mail where there is an address. */
export async function queueTenantReminders(tx: Tx, today: string): Promise<DueReminder[]> {
  const due = await dueSealReminders(tx, today);
  const t = getT("de");
  for (const r of due) {
    if (r.contactEmail)
      await enqueueMail(tx, {
        to: r.contactEmail,
        subject: t("opening.seal.reminder.subject"),
        body: t("opening.seal.reminder.body", { name: r.name, date: germanDate(r.validUntil) }),
      });
    await tx.execute(
      sql`INSERT INTO opening_seal_reminders (tenant_id, award_id, queued_on, mailed)
          VALUES (app_tenant_id(), ${r.awardId}, ${today}, ${!!r.contactEmail})`,
    );
    await audit(tx, {
      action: "remind",
      entity: "opening_seal_case",
      entityId: r.caseId,
      after: { validUntil: r.validUntil, mailed: !!r.contactEmail },
    });
  }
  return due;
}

/** Every tenant's due reminders, each tenant in its own transaction; returns how many per tenant slug. */
export async function queueSealReminders(db: Database, today: string): Promise<Record<string, number>> {
  const tenants = await withSystem(db, (tx) =>
    rows<{ id: string; slug: string }>(
      tx,
      sql`SELECT DISTINCT t.id, t.slug FROM tenants t JOIN opening_seal_cases c ON c.tenant_id = t.id ORDER BY t.slug`,
    ),
  );
  const out: Record<string, number> = {};
  for (const t of tenants) {
    const due = await withTenant(db, { tenantId: t.id, actor: { userId: null, label: "CLI" } }, (tx) =>
      queueTenantReminders(tx, today),
    );
    if (due.length) out[t.slug] = due.length;
  }
  return out;
}
