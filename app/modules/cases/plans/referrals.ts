import crypto from "node:crypto";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import type { Tx } from "~/kernel/db/client";
import { rows } from "~/kernel/db/context";
import { audit } from "~/kernel/audit/service";
import { fail, ok, type Result } from "~/kernel/errors";
import { may, type Me } from "../core/context";
import { logAccess } from "../core/clients";
import { clients, institutions } from "../core/schema";
import { caseStepTypes } from "../eligibility/schema";
import { freeText, id, invalid, isoDate, openText, sealOptional, today } from "./common";
import { planSteps, REFERRAL_STATES, referrals, REJECTION_REASONS, type ReferralState } from "./schema";

// Referrals (issue 16 item 4): the owning case worker refers a client to another institution that
// has a basis for the plan (a current consent naming it and 'plan', or a statutory basis — for the
// Ausländerbehörde only an approved one); the recipient accepts or rejects with a reason; the
// sender closes or withdraws. The database enforces all of it (0840: policies, case_referral_check,
// and the withdrawal of pending referrals when a basis ends). Every read is logged.

export const ReferInput = z.strictObject({
  clientId: id,
  toInstitutionId: id,
  stepId: id.optional(),
  referredOn: isoDate.optional(),
});
export type ReferInput = z.input<typeof ReferInput>;

const basisOf = async (tx: Tx, clientId: string, institutionId: string) =>
  (await rows<{ ok: boolean }>(tx, sql`SELECT case_plan_basis(${clientId}::uuid, ${institutionId}::uuid) AS ok`))[0]
    ?.ok === true;

/** Refers a client to another institution; the flow of the plan shows in the client's access log. */
export async function referClient(tx: Tx, me: Me | null, input: ReferInput): Promise<Result<{ id: string }>> {
  const p = ReferInput.safeParse(input);
  if (!p.success) return invalid(p.error);
  const r = p.data;
  if (!me || !(await may(tx, r.clientId, "plan", "write"))) return fail("cases.plans.errors.notAllowed");
  const [to] = await tx
    .select({ id: institutions.id, kind: institutions.kind })
    .from(institutions)
    .where(and(eq(institutions.id, r.toInstitutionId), eq(institutions.networkId, me.networkId)));
  if (!to) return fail("cases.plans.errors.unknownInstitution", "toInstitutionId");
  if (to.id === me.institutionId) return fail("cases.plans.errors.selfReferral", "toInstitutionId");
  if (r.stepId) {
    const [step] = await tx
      .select({ id: planSteps.id })
      .from(planSteps)
      .where(and(eq(planSteps.id, r.stepId), eq(planSteps.clientId, r.clientId)));
    if (!step) return fail("cases.plans.errors.unknownStep", "stepId");
  }
  if (!(await basisOf(tx, r.clientId, to.id)))
    return fail(
      to.kind === "auslaenderbehoerde" ? "cases.plans.errors.noBasisAbh" : "cases.plans.errors.noBasis",
      "toInstitutionId",
    );
  const referralId = crypto.randomUUID();
  await tx.insert(referrals).values({
    id: referralId,
    networkId: me.networkId,
    clientId: r.clientId,
    stepId: r.stepId ?? null,
    fromInstitutionId: me.institutionId,
    toInstitutionId: to.id,
    referredOn: r.referredOn ?? (await today(tx)),
    createdBy: me.id,
  });
  await logAccess(tx, me, [r.clientId], "disclose", "referral", ["plan"]);
  await audit(tx, { action: "create", entity: "case_referral", entityId: referralId, after: { to: to.id } });
  return ok({ id: referralId });
}

export const AnswerInput = z.strictObject({ referralId: id, on: isoDate.optional() });
export type AnswerInput = z.input<typeof AnswerInput>;
export const RejectInput = z.strictObject({
  referralId: id,
  on: isoDate.optional(),
  reason: z.enum(REJECTION_REASONS, "cases.plans.errors.rejectionReason"),
  /** Optional explanation; stored only as ciphertext under the client's key. */
  note: freeText(2000).optional(),
});
export type RejectInput = z.input<typeof RejectInput>;

type Referral = typeof referrals.$inferSelect;

/**
 * One step of a referral's lifecycle: the caller must be on the right side (the recipient answers,
 * the sender closes) and the referral in one of the `from` states; `set` gives the new state and its
 * fields from the referral and the date. The database checks the same (case_referral_check).
 */
async function move(
  tx: Tx,
  me: Me | null,
  input: { referralId: string; on?: string },
  side: "recipient" | "sender",
  from: ReferralState[],
  set: (r: Referral, on: string, me: Me) => Promise<Result<Partial<Referral> & { state: ReferralState }>>,
  auditAction: string,
  auditAfter: Record<string, string> = {},
): Promise<Result<undefined>> {
  if (!me) return fail("cases.plans.errors.notAllowed");
  const [r] = await tx.select().from(referrals).where(eq(referrals.id, input.referralId));
  // Invisible (no basis any more, or not addressed to the caller's institution) reads as not found.
  if (!r) return fail("cases.plans.errors.notFound");
  if (side === "recipient") {
    if (r.toInstitutionId !== me.institutionId || !["coordination", "specialist", "lead"].includes(me.role))
      return fail("cases.plans.errors.notAllowed");
  } else if (!(await may(tx, r.clientId, "plan", "write"))) return fail("cases.plans.errors.notAllowed");
  if (!from.includes(r.state)) return fail("cases.plans.errors.referralState", undefined, { state: r.state });
  const on = input.on ?? (await today(tx));
  if (on < r.referredOn) return fail("cases.plans.errors.beforeReferral", "on");
  const values = await set(r, on, me);
  if (!values.ok) return values;
  await tx.update(referrals).set(values.value).where(eq(referrals.id, r.id));
  await logAccess(tx, me, [r.clientId], "write", "referral", ["plan"]);
  await audit(tx, {
    action: auditAction,
    entity: "case_referral",
    entityId: r.id,
    after: { state: values.value.state, ...auditAfter },
  });
  return ok(undefined);
}

/**
 * The recipient accepts a pending referral. The first accepted referral sets the client's first
 * offer date (database trigger: the recipient may not update the client itself).
 */
export async function acceptReferral(tx: Tx, me: Me | null, input: AnswerInput): Promise<Result<undefined>> {
  const p = AnswerInput.safeParse(input);
  if (!p.success) return invalid(p.error);
  return move(
    tx,
    me,
    p.data,
    "recipient",
    ["in_progress"],
    async (_, on, m) => ok({ state: "accepted", answeredOn: on, answeredBy: m.id }),
    "approve",
  );
}

/** The recipient rejects a pending referral with a reason code and an optional (encrypted) note. */
export async function rejectReferral(tx: Tx, me: Me | null, input: RejectInput): Promise<Result<undefined>> {
  const p = RejectInput.safeParse(input);
  if (!p.success) return invalid(p.error);
  const { reason, note } = p.data;
  return move(
    tx,
    me,
    p.data,
    "recipient",
    ["in_progress"],
    async (r, on, m) => {
      const sealed = await sealOptional(tx, r.clientId, `referral:${r.id}:rejection`, note);
      if (!sealed.ok) return sealed;
      return ok({
        state: "rejected",
        answeredOn: on,
        answeredBy: m.id,
        rejectionReason: reason,
        rejectionNote: sealed.value,
      });
    },
    "reject",
    { reason },
  );
}

/** The sender marks an accepted referral done. */
export async function completeReferral(tx: Tx, me: Me | null, input: AnswerInput): Promise<Result<undefined>> {
  const p = AnswerInput.safeParse(input);
  if (!p.success) return invalid(p.error);
  return move(tx, me, p.data, "sender", ["accepted"], async (_, on) => ok({ state: "done", closedOn: on }), "status");
}

/** The sender withdraws a pending or accepted referral. */
export async function withdrawReferral(tx: Tx, me: Me | null, input: AnswerInput): Promise<Result<undefined>> {
  const p = AnswerInput.safeParse(input);
  if (!p.success) return invalid(p.error);
  return move(
    tx,
    me,
    p.data,
    "sender",
    ["in_progress", "accepted"],
    async (_, on) => ok({ state: "withdrawn", withdrawnReason: "sender", closedOn: on }),
    "status",
  );
}

export interface ReferralRow {
  id: string;
  clientId: string;
  pseudonym: string;
  stepId: string | null;
  stepType: string | null;
  stepLabelDe: string | null;
  stepLabelEn: string | null;
  fromInstitutionId: string;
  fromInstitution: string;
  toInstitutionId: string;
  toInstitution: string;
  state: ReferralState;
  referredOn: string;
  answeredOn: string | null;
  closedOn: string | null;
  rejectionReason: (typeof REJECTION_REASONS)[number] | null;
  /** Decrypted explanation of a rejection, if any. */
  rejectionNote: string | null;
  withdrawnReason: "sender" | "basis_revoked" | null;
}

const fromInst = alias(institutions, "from_inst");
const toInst = alias(institutions, "to_inst");

async function select(tx: Tx, where: ReturnType<typeof and>, limit: number): Promise<ReferralRow[]> {
  const list = await tx
    .select({
      r: referrals,
      pseudonym: clients.pseudonym,
      stepType: planSteps.stepType,
      stepLabelDe: caseStepTypes.labelDe,
      stepLabelEn: caseStepTypes.labelEn,
      fromInstitution: fromInst.name,
      toInstitution: toInst.name,
    })
    .from(referrals)
    .innerJoin(clients, eq(clients.id, referrals.clientId))
    .innerJoin(fromInst, eq(fromInst.id, referrals.fromInstitutionId))
    .innerJoin(toInst, eq(toInst.id, referrals.toInstitutionId))
    .leftJoin(planSteps, eq(planSteps.id, referrals.stepId))
    .leftJoin(caseStepTypes, eq(caseStepTypes.code, planSteps.stepType))
    .where(where)
    .orderBy(desc(referrals.referredOn), asc(referrals.id))
    .limit(limit);
  const out: ReferralRow[] = [];
  for (const { r, ...x } of list)
    out.push({
      id: r.id,
      clientId: r.clientId,
      pseudonym: x.pseudonym,
      stepId: r.stepId,
      stepType: x.stepType,
      stepLabelDe: x.stepLabelDe,
      stepLabelEn: x.stepLabelEn,
      fromInstitutionId: r.fromInstitutionId,
      fromInstitution: x.fromInstitution,
      toInstitutionId: r.toInstitutionId,
      toInstitution: x.toInstitution,
      state: r.state,
      referredOn: r.referredOn,
      answeredOn: r.answeredOn,
      closedOn: r.closedOn,
      rejectionReason: r.rejectionReason,
      rejectionNote: await openText(tx, r.clientId, `referral:${r.id}:rejection`, r.rejectionNote),
      withdrawnReason: r.withdrawnReason,
    });
  return out;
}

export const ListForMeInput = z.strictObject({
  states: z.array(z.enum(REFERRAL_STATES)).min(1).optional(),
  limit: z.int().min(1).max(200).default(50),
});
export type ListForMeInput = z.input<typeof ListForMeInput>;

/**
 * Incoming referrals of the caller's institution (pending first by default: every state if none is
 * given). The database shows only those whose client's plan the institution still has a basis for;
 * every client shown is logged as a read of its plan for a referral.
 */
export async function listReferralsForMe(
  tx: Tx,
  me: Me | null,
  input: ListForMeInput = {},
): Promise<Result<ReferralRow[]>> {
  const p = ListForMeInput.safeParse(input);
  if (!p.success) return invalid(p.error);
  if (!me) return fail("cases.plans.errors.notAllowed");
  const list = await select(
    tx,
    and(
      eq(referrals.toInstitutionId, me.institutionId),
      p.data.states ? inArray(referrals.state, p.data.states) : undefined,
    ),
    p.data.limit,
  );
  await logAccess(tx, me, [...new Set(list.map((r) => r.clientId))], "read", "referral", ["plan"]);
  return ok(list);
}

/** A client's referrals (the sender's view; a recipient sees those addressed to it). Logged. */
export async function listReferrals(tx: Tx, me: Me | null, clientId: string): Promise<Result<ReferralRow[]>> {
  if (!z.uuid().safeParse(clientId).success) return fail("cases.plans.errors.invalid");
  if (!me || !(await may(tx, clientId, "plan", "read"))) return fail("cases.plans.errors.notAllowed");
  const list = await select(tx, and(eq(referrals.clientId, clientId)), 200);
  await logAccess(tx, me, [clientId], "read", "referral", ["plan"]);
  return ok(list);
}
