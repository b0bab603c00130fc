import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { optionalText } from "../text-fields";
import type { Database, Tx } from "../db/client";
import { rows, withSystem } from "../db/context";
import { legalPages, platformLegalPages } from "../db/schema";
import { audit } from "../audit/service";
import { fail, ok, type Result } from "../errors";
import { enqueueMail } from "../mail/outbox";

// The legal pages of a public body's site (issue 17 item 3; docs/legal-pages.md): Impressum,
// Datenschutzerklärung and Erklärung zur Barrierefreiheit, per tenant and once for the platform
// operator. Texts are plain text (paragraphs by blank lines), never HTML: nothing a tenant types can
// run in a visitor's browser. The accessibility statement carries what BITV 2.0 asks of it (status
// of conformity, known barriers, date of the assessment, a feedback channel, the enforcement body);
// its feedback form sends a mail to the tenant's inbox through the outbox.

import { CONFORMITY, LEGAL_KINDS, type LegalKind } from "./kinds";
export { CONFORMITY, LEGAL_KINDS, type LegalKind } from "./kinds";

/** Feedback mails per inbox and hour at most: a flood of the form cannot fill a tenant's mailbox. */
export const FEEDBACK_PER_HOUR = 30;
const FEEDBACK_SUBJECT = "Rückmeldung zur Barrierefreiheit";

export const LegalInput = z
  .strictObject({
    kind: z.enum(LEGAL_KINDS, "legal.errors.kind"),
    body: z.string().trim().max(50000, "legal.errors.body").default(""),
    conformity: z.enum(CONFORMITY, "legal.errors.conformity").nullish(),
    barriers: optionalText(20000, "legal.errors.barriers"),
    assessedOn: z.iso
      .date("legal.errors.assessedOn")
      .nullish()
      .transform((v) => v ?? null),
    feedbackEmail: z
      .email("legal.errors.feedbackEmail")
      .max(254, "legal.errors.feedbackEmail")
      .nullish()
      .transform((v) => v ?? null),
    enforcementName: optionalText(300, "legal.errors.enforcementName"),
    enforcementUrl: z
      .url({ protocol: /^https$/, error: "legal.errors.enforcementUrl" })
      .max(500, "legal.errors.enforcementUrl")
      .nullish()
      .transform((v) => v ?? null),
  })
  .superRefine((v, ctx) => {
    if (v.kind !== "barrierefreiheit") return;
    // A statement without these is no statement in the sense of BITV 2.0 § 7.
    const required = [
      ["conformity", v.conformity],
      ["assessedOn", v.assessedOn],
      ["feedbackEmail", v.feedbackEmail],
      ["enforcementName", v.enforcementName],
      ["enforcementUrl", v.enforcementUrl],
    ] as const;
    for (const [field, value] of required)
      if (!value) ctx.addIssue({ code: "custom", path: [field], message: `legal.errors.${field}` });
    if (v.conformity && v.conformity !== "full" && !v.barriers)
      ctx.addIssue({ code: "custom", path: ["barriers"], message: "legal.errors.barriers" });
  });
export type LegalInput = z.input<typeof LegalInput>;
export type LegalPage = typeof legalPages.$inferSelect;

/** A page counts as written once it has text or (for the accessibility statement) a conformity status. */
export const isWritten = <P extends Pick<LegalPage, "body" | "conformity">>(p: P | null | undefined): p is P =>
  !!p && (!!p.body.trim() || !!p.conformity);

const parsed = <T>(schema: z.ZodType<T>, input: unknown): Result<T> => {
  const p = schema.safeParse(input);
  if (p.success) return ok(p.data);
  const issue = p.error.issues[0];
  return fail(issue?.message ?? "legal.errors.invalid", String(issue?.path[0] ?? ""));
};

/** The row to store: only the statement keeps the statement's fields, whatever else was posted. */
const values = ({ kind, body, conformity, ...statement }: z.output<typeof LegalInput>) => {
  const none = { barriers: null, assessedOn: null, feedbackEmail: null, enforcementName: null, enforcementUrl: null };
  return kind === "barrierefreiheit"
    ? { body, conformity: conformity ?? null, ...statement, updatedAt: sql`now()` }
    : { body, conformity: null, ...none, updatedAt: sql`now()` };
};

/** The tenant's page of this kind (tenant transaction), or undefined while the tenant has none. */
export async function getLegalPage(tx: Tx, kind: LegalKind) {
  const [p] = await tx.select().from(legalPages).where(eq(legalPages.kind, kind));
  return p;
}

/** All three pages of the tenant, by kind. */
export async function listLegalPages(tx: Tx) {
  const list = await tx.select().from(legalPages);
  return Object.fromEntries(list.map((p) => [p.kind, p])) as Partial<Record<LegalKind, LegalPage>>;
}

/** The platform operator's page of this kind (any transaction may read it). */
export async function getPlatformLegalPage(tx: Tx, kind: LegalKind) {
  const [p] = await tx.select().from(platformLegalPages).where(eq(platformLegalPages.kind, kind));
  return p;
}

export async function listPlatformLegalPages(tx: Tx) {
  const list = await tx.select().from(platformLegalPages);
  return Object.fromEntries(list.map((p) => [p.kind, p])) as Partial<
    Record<LegalKind, typeof platformLegalPages.$inferSelect>
  >;
}

/** Saves a page of the transaction's tenant (its administration; the route checks the role). */
export async function saveLegalPage(tx: Tx, input: unknown): Promise<Result<undefined>> {
  const p = parsed(LegalInput, input);
  if (!p.ok) return p;
  const v = values(p.value);
  await tx
    .insert(legalPages)
    .values({ tenantId: sql`app_tenant_id()`, kind: p.value.kind, ...v, updatedBy: sql`app_user_id()` })
    .onConflictDoUpdate({
      target: [legalPages.tenantId, legalPages.kind],
      set: { ...v, updatedBy: sql`app_user_id()` },
    });
  await audit(tx, { action: "update", entity: "legal_page", entityId: p.value.kind });
  return ok(undefined);
}

/** Saves a page of the platform (platform administrators; the route checks that). */
export async function savePlatformLegalPage(db: Database, userId: string, input: unknown): Promise<Result<undefined>> {
  const p = parsed(LegalInput, input);
  if (!p.ok) return p;
  const v = values(p.value);
  await withSystem(db, async (tx) => {
    await tx
      .insert(platformLegalPages)
      .values({ kind: p.value.kind, ...v, updatedBy: userId })
      .onConflictDoUpdate({ target: platformLegalPages.kind, set: { ...v, updatedBy: userId } });
    await audit(tx, {
      tenantId: null,
      actorId: userId,
      action: "update",
      entity: "platform_legal_page",
      entityId: p.value.kind,
    });
  });
  return ok(undefined);
}

export const FeedbackInput = z.strictObject({
  message: z.string().trim().min(10, "legal.errors.message").max(5000, "legal.errors.message"),
  name: optionalText(200, "legal.errors.name"),
  email: z
    .email("legal.errors.email")
    .max(254, "legal.errors.email")
    .or(z.literal("").transform(() => null))
    .nullish()
    .transform((v) => v ?? null),
  page: optionalText(500, "legal.errors.page"),
});
export type FeedbackInput = z.input<typeof FeedbackInput>;

/**
 * Sends a visitor's feedback on accessibility to the inbox the statement names (the tenant's, or the
 * platform's when `tenant` is null), through the outbox. At most FEEDBACK_PER_HOUR per inbox and hour,
 * counted under a lock so parallel posts cannot exceed it; nothing about the sender is kept beyond
 * the mail itself (no IP address, no separate table).
 */
export async function sendAccessibilityFeedback(
  db: Database,
  tenant: { id: string; name: string } | null,
  input: unknown,
): Promise<Result<undefined>> {
  const p = parsed(FeedbackInput, input);
  if (!p.ok) return p;
  const f = p.value;
  return withSystem(db, async (tx) => {
    const statement = tenant
      ? (
          await tx
            .select()
            .from(legalPages)
            .where(and(eq(legalPages.tenantId, tenant.id), eq(legalPages.kind, "barrierefreiheit")))
        )[0]
      : await getPlatformLegalPage(tx, "barrierefreiheit");
    if (!statement?.feedbackEmail) return fail("legal.errors.noInbox");
    const key = `legal-feedback:${tenant?.id ?? "platform"}`;
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${key}))`);
    const [{ n }] = await rows<{ n: number }>(
      tx,
      sql`SELECT count(*)::int AS n FROM outbox WHERE tenant_id IS NOT DISTINCT FROM ${tenant?.id ?? null}::uuid
        AND subject LIKE ${`${FEEDBACK_SUBJECT}%`} AND created_at > now() - interval '1 hour'`,
    );
    if (n >= FEEDBACK_PER_HOUR) return fail("legal.errors.busy");
    await enqueueMail(tx, {
      to: statement.feedbackEmail,
      subject: `${FEEDBACK_SUBJECT} – ${tenant?.name ?? "Teilhabe"}`,
      body: [
        "Über das Formular der Erklärung zur Barrierefreiheit ist eine Rückmeldung eingegangen.",
        "",
        f.message,
        "",
        `Seite: ${f.page ?? "(nicht angegeben)"}`,
        `Name: ${f.name ?? "(nicht angegeben)"}`,
        `E-Mail für die Antwort: ${f.email ?? "(nicht angegeben)"}`,
      ].join("\n"),
      tenantId: tenant?.id ?? null,
    });
    // The audit names the event, never the message or the sender.
    await audit(tx, {
      tenantId: tenant?.id ?? null,
      actorId: null,
      action: "create",
      entity: "accessibility_feedback",
    });
    return ok(undefined);
  });
}
