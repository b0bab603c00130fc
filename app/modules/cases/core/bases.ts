import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "~/kernel/db/client";
import { audit } from "~/kernel/audit/service";
import { fail, ok, type Result } from "~/kernel/errors";
import { may, type Me } from "./context";
import { ageOn, logAccess, openClient } from "./clients";
import { CATEGORIES, clients, consents, institutions, legalBases, networks, type Category } from "./schema";

// The legal basis of every flow to another institution (issue 16 item 3): a consent or a recorded
// statutory basis. case_may() reads them on every request, so a revocation takes effect on the next one.

const isoDate = z.string().regex(/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/, "cases.errors.date");
const categories = z
  .array(z.enum(CATEGORIES, "cases.errors.categories"))
  .min(1, "cases.errors.categories")
  .max(CATEGORIES.length);

export const consentInput = z
  .object({
    purpose: z.string().trim().min(10, "cases.errors.purpose").max(2000),
    categories,
    recipients: z.array(z.uuid("cases.errors.recipients")).min(1, "cases.errors.recipients").max(30),
    language: z.string().regex(/^[a-z]{2,3}$/, "cases.errors.language"),
    interpreter: z.string().trim().min(1, "cases.errors.interpreter").max(200),
    signedBy: z.enum(["client", "guardian"], "cases.errors.invalid"),
    givenOn: isoDate,
    validUntil: isoDate,
  })
  .refine((c) => c.validUntil >= c.givenOn, { message: "cases.errors.validUntil", path: ["validUntil"] });
export type ConsentInput = z.infer<typeof consentInput>;

/**
 * Records a consent as the client's next version; the current version ends with it. Below the
 * network's guardian age (default 15) a guardian must have signed. Only the owning case worker
 * records consents (they may write the client).
 */
export async function recordConsent(
  tx: Tx,
  me: Me | null,
  clientId: string,
  input: unknown,
): Promise<Result<{ id: string; version: number }>> {
  if (!me || !(await may(tx, clientId, null, "write"))) return fail("cases.errors.notAllowed");
  const parsed = consentInput.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail(issue?.message ?? "cases.errors.invalid", String(issue?.path[0] ?? ""));
  }
  const c = parsed.data;
  const known = await tx
    .select({ id: institutions.id })
    .from(institutions)
    .where(sql`${institutions.id} = ANY (${`{${c.recipients.join(",")}}`}::uuid[])`);
  if (known.length !== new Set(c.recipients).size) return fail("cases.errors.recipients", "recipients");
  const [net] = await tx
    .select({ guardianAge: networks.guardianAge })
    .from(networks)
    .where(eq(networks.id, me.networkId));
  const opened = await openClient(tx, me, clientId, "consent");
  if (!opened.ok) return opened;
  const birthDate = (opened.value.documents.identity as { birthDate?: string } | undefined)?.birthDate;
  if (birthDate && c.signedBy !== "guardian" && ageOn(birthDate, c.givenOn) < (net?.guardianAge ?? 15))
    return fail("cases.errors.guardianRequired", "signedBy", { age: net?.guardianAge ?? 15 });
  const [last] = await tx
    .select({ version: consents.version })
    .from(consents)
    .where(eq(consents.clientId, clientId))
    .orderBy(desc(consents.version))
    .limit(1);
  const version = (last?.version ?? 0) + 1;
  await tx
    .update(consents)
    .set({ supersededAt: sql`now()` as unknown as Date })
    .where(and(eq(consents.clientId, clientId), isNull(consents.supersededAt), isNull(consents.revokedAt)));
  const id = crypto.randomUUID();
  await tx.insert(consents).values({ id, networkId: me.networkId, clientId, version, ...c, recordedBy: me.id });
  await logAccess(tx, me, [clientId], "write", "consent");
  await audit(tx, { action: "create", entity: "case_consent", entityId: id });
  return ok({ id, version });
}

/** Revokes a consent: from the next request on, nothing it allowed is readable any more. */
export async function revokeConsent(tx: Tx, me: Me | null, consentId: string): Promise<Result<undefined>> {
  if (!me) return fail("cases.errors.notAllowed");
  const [k] = await tx.select().from(consents).where(eq(consents.id, consentId));
  if (!k || !(await may(tx, k.clientId, null, "write"))) return fail("cases.errors.notAllowed");
  if (k.revokedAt) return fail("cases.errors.alreadyRevoked");
  await tx
    .update(consents)
    .set({ revokedAt: sql`now()` as unknown as Date, revokedBy: me.id })
    .where(eq(consents.id, consentId));
  await logAccess(tx, me, [k.clientId], "write", "consent");
  await audit(tx, { action: "revoke", entity: "case_consent", entityId: consentId });
  return ok(undefined);
}

export const legalBasisInput = z.object({
  recipientId: z.uuid("cases.errors.recipients"),
  categories,
  legalBasis: z.string().trim().min(10, "cases.errors.legalBasis").max(1000),
  validUntil: isoDate,
});

/**
 * Records a statutory basis for a flow to one institution. To the Ausländerbehörde it counts only
 * after a second person has approved it (approveLegalBasis); to others it counts at once.
 */
export async function requestLegalBasis(
  tx: Tx,
  me: Me | null,
  clientId: string,
  input: unknown,
): Promise<Result<{ id: string }>> {
  if (!me || !(await may(tx, clientId, null, "write"))) return fail("cases.errors.notAllowed");
  const parsed = legalBasisInput.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail(issue?.message ?? "cases.errors.invalid", String(issue?.path[0] ?? ""));
  }
  const [recipient] = await tx.select().from(institutions).where(eq(institutions.id, parsed.data.recipientId));
  if (!recipient) return fail("cases.errors.recipients", "recipientId");
  const id = crypto.randomUUID();
  await tx.insert(legalBases).values({ id, networkId: me.networkId, clientId, ...parsed.data, requestedBy: me.id });
  await audit(tx, { action: "create", entity: "case_legal_basis", entityId: id });
  if (recipient.kind !== "auslaenderbehoerde") await discloseEvent(tx, me, clientId, parsed.data.categories);
  return ok({ id });
}

/** The disclosure itself shows in the client's access log, naming the categories. */
async function discloseEvent(tx: Tx, me: Me, clientId: string, cats: Category[]) {
  await logAccess(tx, me, [clientId], "disclose", "legal_basis", cats);
}

/** The second approver: another case worker or the lead of the owning institution. */
export async function approveLegalBasis(tx: Tx, me: Me | null, basisId: string): Promise<Result<undefined>> {
  if (!me) return fail("cases.errors.notAllowed");
  const [b] = await tx.select().from(legalBases).where(eq(legalBases.id, basisId));
  if (!b) return fail("cases.errors.notFound");
  if (b.requestedBy === me.id) return fail("cases.errors.secondApprover");
  if (b.approvedAt) return fail("cases.errors.alreadyApproved");
  if (b.revokedAt) return fail("cases.errors.alreadyRevoked");
  const [owner] = await tx
    .select({ owner: clients.ownerInstitutionId })
    .from(clients)
    .where(eq(clients.id, b.clientId));
  if (owner?.owner !== me.institutionId || !["coordination", "specialist", "lead"].includes(me.role))
    return fail("cases.errors.notAllowed");
  await tx
    .update(legalBases)
    .set({ approvedBy: me.id, approvedAt: sql`now()` as unknown as Date })
    .where(eq(legalBases.id, basisId));
  await audit(tx, { action: "approve", entity: "case_legal_basis", entityId: basisId });
  await discloseEvent(tx, me, b.clientId, b.categories);
  return ok(undefined);
}

export async function revokeLegalBasis(tx: Tx, me: Me | null, basisId: string): Promise<Result<undefined>> {
  if (!me) return fail("cases.errors.notAllowed");
  const [b] = await tx.select().from(legalBases).where(eq(legalBases.id, basisId));
  if (!b || !(await may(tx, b.clientId, null, "write"))) return fail("cases.errors.notAllowed");
  if (b.revokedAt) return fail("cases.errors.alreadyRevoked");
  await tx
    .update(legalBases)
    .set({ revokedAt: sql`now()` as unknown as Date, revokedBy: me.id })
    .where(eq(legalBases.id, basisId));
  await audit(tx, { action: "revoke", entity: "case_legal_basis", entityId: basisId });
  return ok(undefined);
}
