import crypto from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "~/kernel/db/client";
import { audit } from "~/kernel/audit/service";
import { daysBetween } from "~/kernel/dates";
import { fail, ok, type Result } from "~/kernel/errors";
import { may, type Me } from "../core/context";
import { logAccess, openClient } from "../core/clients";
import { clients, institutions } from "../core/schema";
import { decideEligibility, decisionRecord, type Facts } from "../eligibility/service";
import { caseEligibilityRules, caseEligibilityRuleVersions, caseStepTypes } from "../eligibility/schema";
import { id, invalid, isoDate, today } from "./common";
import { eligibilityDecisions, planSteps, STEP_OUTCOMES, STEP_STATES } from "./schema";

// Plan steps with stored eligibility decisions (issue 16 item 4). The owning case worker plans; a step
// whose type has an eligibility rule needs an eligible decision, taken with the rule version valid
// on the decision date and stored with it. A refusal is stored too (why a step was not planned).
// Errors are keys under cases.plans.errors.

const stepCode = z.string().regex(/^[a-z][a-z0-9_]{1,60}$/, "cases.plans.errors.unknownStepType");

export const DecideForStepInput = z.strictObject({
  clientId: id,
  stepType: stepCode,
  /** The day decided for (default: today). */
  decisionDate: isoDate.optional(),
  /** The planned start of the measure (§ 421 SGB III: "Maßnahmeeintritt"). */
  measureStart: isoDate.optional(),
});
export type DecideForStepInput = z.input<typeof DecideForStepInput>;

export interface StepDecision {
  /** The stored decision, null when the step type has no eligibility rule. */
  decisionId: string | null;
  eligible: boolean;
  reasons: string[];
  rule: { code: string; labelDe: string; labelEn: string } | null;
  version: { id: string; validFrom: string; validTo: string | null } | null;
}

/** The facts a decision reads, from the client's decrypted identity and residence documents. */
function factsOf(documents: Partial<Record<string, unknown>>, measureStart: string | undefined): Facts {
  const identity = documents.identity as { birthDate?: string; nationality?: string } | undefined;
  const residence = documents.residence as { title?: string } | undefined;
  const facts: Facts = {};
  if (identity?.birthDate) facts.birthDate = identity.birthDate;
  if (identity?.nationality) facts.nationality = identity.nationality;
  if (residence?.title && residence.title !== "other") facts.residenceStatus = residence.title;
  if (measureStart) facts.entryDate = measureStart;
  return facts;
}

/**
 * Decides the eligibility rule of a step type for a client and stores the decision (eligible or
 * not) with the version used. The facts come from the client's documents (opened and logged by the
 * core); a step type without a rule needs no decision.
 */
export async function decideForStep(tx: Tx, me: Me | null, input: DecideForStepInput): Promise<Result<StepDecision>> {
  const p = DecideForStepInput.safeParse(input);
  if (!p.success) return invalid(p.error);
  const { clientId, stepType } = p.data;
  if (!me || !(await may(tx, clientId, "plan", "write"))) return fail("cases.plans.errors.notAllowed");
  const [type] = await tx.select().from(caseStepTypes).where(eq(caseStepTypes.code, stepType));
  if (!type) return fail("cases.plans.errors.unknownStepType", "stepType");
  if (!type.eligibilityRule) return ok({ decisionId: null, eligible: true, reasons: [], rule: null, version: null });
  const [rule] = await tx
    .select()
    .from(caseEligibilityRules)
    .where(eq(caseEligibilityRules.code, type.eligibilityRule));
  const decisionDate = p.data.decisionDate ?? (await today(tx));
  const opened = await openClient(tx, me, clientId, "open_case");
  if (!opened.ok) return opened;
  const decided = await decideEligibility(tx, {
    rule: rule.code,
    decisionDate,
    facts: factsOf(opened.value.documents, p.data.measureStart),
  });
  if (!decided.ok) return decided;
  const [version] = await tx
    .select()
    .from(caseEligibilityRuleVersions)
    .where(eq(caseEligibilityRuleVersions.id, decided.value.versionId));
  const decisionId = crypto.randomUUID();
  await tx.insert(eligibilityDecisions).values({
    id: decisionId,
    networkId: me.networkId,
    clientId,
    // What the eligibility service says a stored decision is (validated: version, date, reason keys).
    ...decisionRecord(decisionDate, decided.value),
    stepType,
    decidedBy: me.id,
  });
  await logAccess(tx, me, [clientId], "write", "edit", ["plan"]);
  await audit(tx, {
    action: "create",
    entity: "case_eligibility_decision",
    entityId: decisionId,
    // Content-free: the rule version and the outcome, no fact of the person.
    after: { ruleVersionId: version.id, decisionDate, eligible: decided.value.eligible },
  });
  return ok({
    decisionId,
    eligible: decided.value.eligible,
    reasons: decided.value.reasons,
    rule: { code: rule.code, labelDe: rule.labelDe, labelEn: rule.labelEn },
    version: { id: version.id, validFrom: version.validFrom, validTo: version.validTo },
  });
}

export const AddStepInput = z.strictObject({
  clientId: id,
  stepType: stepCode,
  responsibleInstitutionId: id,
  plannedStart: isoDate.optional(),
  /** The day the eligibility is decided for (default: today). */
  decisionDate: isoDate.optional(),
  conferenceId: id.optional(),
});
export type AddStepInput = z.input<typeof AddStepInput>;

/**
 * Adds a step to a client's plan. If its type has an eligibility rule, the rule is decided first
 * and the decision stored; an ineligible step is refused with the rule, the version's validity and
 * the reasons as parameters (cases.plans.errors.ineligible; refusalText renders them), and the
 * refused decision stays stored.
 */
export async function addStep(
  tx: Tx,
  me: Me | null,
  input: AddStepInput,
): Promise<Result<{ id: string; decisionId: string | null }>> {
  const p = AddStepInput.safeParse(input);
  if (!p.success) return invalid(p.error);
  const s = p.data;
  if (!me || !(await may(tx, s.clientId, "plan", "write"))) return fail("cases.plans.errors.notAllowed");
  const [inst] = await tx
    .select({ id: institutions.id })
    .from(institutions)
    .where(and(eq(institutions.id, s.responsibleInstitutionId), eq(institutions.networkId, me.networkId)));
  if (!inst) return fail("cases.plans.errors.unknownInstitution", "responsibleInstitutionId");
  const decision = await decideForStep(tx, me, {
    clientId: s.clientId,
    stepType: s.stepType,
    decisionDate: s.decisionDate,
    measureStart: s.plannedStart,
  });
  if (!decision.ok) return decision;
  const d = decision.value;
  if (!d.eligible && d.rule && d.version)
    return fail(d.version.validTo ? "cases.plans.errors.ineligible" : "cases.plans.errors.ineligibleOpen", "stepType", {
      rule: d.rule.labelDe,
      ruleEn: d.rule.labelEn,
      from: d.version.validFrom,
      to: d.version.validTo ?? "",
      reasons: d.reasons.join(" "),
      decisionId: d.decisionId ?? "",
    });
  const stepId = crypto.randomUUID();
  await tx.insert(planSteps).values({
    id: stepId,
    networkId: me.networkId,
    clientId: s.clientId,
    stepType: s.stepType,
    responsibleInstitutionId: s.responsibleInstitutionId,
    plannedStart: s.plannedStart ?? null,
    decisionId: d.decisionId,
    conferenceId: s.conferenceId ?? null,
    createdBy: me.id,
  });
  await logAccess(tx, me, [s.clientId], "write", "edit", ["plan"]);
  await audit(tx, { action: "create", entity: "case_plan_step", entityId: stepId });
  return ok({ id: stepId, decisionId: d.decisionId });
}

export const UpdateStepInput = z
  .strictObject({
    stepId: id,
    state: z.enum(STEP_STATES),
    plannedStart: isoDate.nullish(),
    startDate: isoDate.nullish(),
    endDate: isoDate.nullish(),
    outcome: z.enum(STEP_OUTCOMES).nullish(),
    responsibleInstitutionId: id.optional(),
  })
  .refine((s) => !(s.startDate && s.endDate) || s.endDate >= s.startDate, {
    message: "cases.plans.errors.endBeforeStart",
    path: ["endDate"],
  })
  .refine((s) => s.state === "planned" || s.state === "cancelled" || !!s.startDate, {
    message: "cases.plans.errors.startRequired",
    path: ["startDate"],
  })
  .refine((s) => (s.state === "done" || s.state === "cancelled") === !!s.outcome, {
    message: "cases.plans.errors.outcome",
    path: ["outcome"],
  });
export type UpdateStepInput = z.input<typeof UpdateStepInput>;

/**
 * Changes a step's dates, state and outcome (the owning case worker). Starting the first step sets
 * the client's first offer date (database trigger, once).
 */
export async function updateStep(tx: Tx, me: Me | null, input: UpdateStepInput): Promise<Result<undefined>> {
  const p = UpdateStepInput.safeParse(input);
  if (!p.success) return invalid(p.error);
  const s = p.data;
  if (!me) return fail("cases.plans.errors.notAllowed");
  const [step] = await tx.select().from(planSteps).where(eq(planSteps.id, s.stepId));
  if (!step || !(await may(tx, step.clientId, "plan", "write"))) return fail("cases.plans.errors.notAllowed");
  const [client] = await tx.select({ intake: clients.intakeDate }).from(clients).where(eq(clients.id, step.clientId));
  if (s.startDate && client && s.startDate < client.intake) return fail("cases.plans.errors.beforeIntake", "startDate");
  if (s.responsibleInstitutionId) {
    const [inst] = await tx
      .select({ id: institutions.id })
      .from(institutions)
      .where(and(eq(institutions.id, s.responsibleInstitutionId), eq(institutions.networkId, me.networkId)));
    if (!inst) return fail("cases.plans.errors.unknownInstitution", "responsibleInstitutionId");
  }
  const set = {
    state: s.state,
    outcome: s.outcome ?? null,
    ...(s.plannedStart !== undefined && { plannedStart: s.plannedStart }),
    ...(s.startDate !== undefined && { startDate: s.startDate }),
    ...(s.endDate !== undefined && { endDate: s.endDate }),
    ...(s.responsibleInstitutionId && { responsibleInstitutionId: s.responsibleInstitutionId }),
  };
  await tx.update(planSteps).set(set).where(eq(planSteps.id, s.stepId));
  await logAccess(tx, me, [step.clientId], "write", "edit", ["plan"]);
  await audit(tx, {
    action: "update",
    entity: "case_plan_step",
    entityId: s.stepId,
    before: { state: step.state, outcome: step.outcome },
    after: { state: s.state, outcome: s.outcome ?? null },
  });
  return ok(undefined);
}

export interface PlanStepRow {
  id: string;
  stepType: string;
  labelDe: string;
  labelEn: string;
  responsibleInstitutionId: string;
  responsibleInstitution: string;
  plannedStart: string | null;
  startDate: string | null;
  endDate: string | null;
  state: (typeof STEP_STATES)[number];
  outcome: (typeof STEP_OUTCOMES)[number] | null;
  conferenceId: string | null;
  decision: { id: string; ruleVersionId: string; decisionDate: string; eligible: boolean; reasons: string[] } | null;
}

export interface Plan {
  steps: PlanStepRow[];
  /** Every decision taken for the client, refusals included, newest last. */
  decisions: (typeof eligibilityDecisions.$inferSelect)[];
  intakeDate: string;
  firstOfferDate: string | null;
  /** Days from intake to the first offer, null while there is none. */
  daysToFirstOffer: number | null;
}

/** A client's plan as the database lets the caller read it; logged as a read of 'plan'. */
export async function listPlan(tx: Tx, me: Me | null, clientId: string): Promise<Result<Plan>> {
  if (!z.uuid().safeParse(clientId).success) return fail("cases.plans.errors.invalid");
  if (!me || !(await may(tx, clientId, "plan", "read"))) return fail("cases.plans.errors.notAllowed");
  const offer = await timeToFirstOffer(tx, me, clientId, false);
  if (!offer.ok) return offer;
  const decisions = await tx
    .select()
    .from(eligibilityDecisions)
    .where(eq(eligibilityDecisions.clientId, clientId))
    .orderBy(asc(eligibilityDecisions.decidedAt), asc(eligibilityDecisions.id));
  const byId = new Map(decisions.map((d) => [d.id, d]));
  const list = await tx
    .select({
      step: planSteps,
      labelDe: caseStepTypes.labelDe,
      labelEn: caseStepTypes.labelEn,
      institution: institutions.name,
    })
    .from(planSteps)
    .innerJoin(caseStepTypes, eq(caseStepTypes.code, planSteps.stepType))
    .innerJoin(institutions, eq(institutions.id, planSteps.responsibleInstitutionId))
    .where(eq(planSteps.clientId, clientId))
    .orderBy(asc(planSteps.createdAt), asc(planSteps.id));
  await logAccess(tx, me, [clientId], "read", "open_case", ["plan"]);
  return ok({
    ...offer.value,
    decisions,
    steps: list.map(({ step, labelDe, labelEn, institution }) => {
      const d = step.decisionId ? byId.get(step.decisionId) : undefined;
      return {
        id: step.id,
        stepType: step.stepType,
        labelDe,
        labelEn,
        responsibleInstitutionId: step.responsibleInstitutionId,
        responsibleInstitution: institution,
        plannedStart: step.plannedStart,
        startDate: step.startDate,
        endDate: step.endDate,
        state: step.state,
        outcome: step.outcome,
        conferenceId: step.conferenceId,
        decision: d
          ? {
              id: d.id,
              ruleVersionId: d.ruleVersionId,
              decisionDate: d.decisionDate,
              eligible: d.eligible,
              reasons: d.reasons,
            }
          : null,
      };
    }),
  });
}

/** The time from intake to the first offer (first started step or first accepted referral). */
export async function timeToFirstOffer(
  tx: Tx,
  me: Me | null,
  clientId: string,
  log = true,
): Promise<Result<{ intakeDate: string; firstOfferDate: string | null; daysToFirstOffer: number | null }>> {
  if (!me || !(await may(tx, clientId, "plan", "read"))) return fail("cases.plans.errors.notAllowed");
  const [c] = await tx
    .select({ intake: clients.intakeDate, first: clients.firstOfferDate })
    .from(clients)
    .where(eq(clients.id, clientId));
  if (!c) return fail("cases.plans.errors.notFound");
  if (log) await logAccess(tx, me, [clientId], "read", "open_case", ["plan"]);
  return ok({
    intakeDate: c.intake,
    firstOfferDate: c.first,
    daysToFirstOffer: c.first ? daysBetween(c.intake, c.first) : null,
  });
}
