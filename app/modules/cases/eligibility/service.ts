import { and, asc, eq, gte, isNull, lte, or, sql } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "~/kernel/db/client";
import { addDays } from "~/kernel/dates";
import { fail, ok, type Result } from "~/kernel/errors";
import { audit } from "~/kernel/audit/service";
import { evaluate, Facts, isoDate, REASONS, reasonKey, RuleParameters, type Reason } from "./rules";
import { caseEligibilityRules, caseEligibilityRuleVersions, caseStepTypes } from "./schema";

// Versioned eligibility rules (issue 16 item 4): a decision uses the version valid on its date and
// keeps that version's id. Errors are i18n keys under cases.eligibility.errors.

export { ageOn, evaluate, Facts, onCountryList, reasonKey, REASONS, RuleParameters } from "./rules";
export type { Outcome, Reason } from "./rules";

export const DecideInput = z.strictObject({
  rule: z.string().min(1),
  decisionDate: isoDate,
  facts: Facts,
});
export type DecideInput = z.input<typeof DecideInput>;

export interface Decision {
  eligible: boolean;
  /** i18n keys (cases.eligibility.reasons.…). */
  reasons: string[];
  versionId: string;
}

/**
 * What the core stores of a decision (table case_eligibility_decisions, which belongs to a client
 * and so to the core): the version used, the date decided for, the outcome and its reasons.
 */
export const DecisionRecord = z.strictObject({
  ruleVersionId: z.uuid(),
  decisionDate: isoDate,
  eligible: z.boolean(),
  reasons: z.array(z.enum(REASONS.map(reasonKey) as [string, ...string[]])).min(1),
});
export type DecisionRecord = z.infer<typeof DecisionRecord>;

/** A decision as the core stores it. */
export const decisionRecord = (decisionDate: string, d: Decision): DecisionRecord =>
  DecisionRecord.parse({ ruleVersionId: d.versionId, decisionDate, eligible: d.eligible, reasons: d.reasons });

export interface RuleVersion {
  id: string;
  ruleCode: string;
  validFrom: string;
  validTo: string | null;
  parameters: Record<string, unknown>;
  source: string;
  note: string | null;
  isExample: boolean;
  recordedBy: string;
}

/** The version of a rule valid on a date, or null. */
export async function versionOn(tx: Tx, rule: string, date: string): Promise<RuleVersion | null> {
  const v = caseEligibilityRuleVersions;
  const [row] = await tx
    .select()
    .from(v)
    .where(and(eq(v.ruleCode, rule), lte(v.validFrom, date), or(isNull(v.validTo), gte(v.validTo, date))))
    .limit(1);
  return row ? toVersion(row) : null;
}

const toVersion = (r: typeof caseEligibilityRuleVersions.$inferSelect): RuleVersion => ({
  id: r.id,
  ruleCode: r.ruleCode,
  validFrom: r.validFrom,
  validTo: r.validTo,
  parameters: r.parameters,
  source: r.source,
  note: r.note,
  isExample: r.isExample,
  recordedBy: r.recordedBy,
});

/**
 * Decides a rule for the facts on the decision date with the version valid then. A date no version
 * covers is a failure (cases.eligibility.errors.noVersion), never "eligible".
 */
export async function decideEligibility(tx: Tx, input: DecideInput): Promise<Result<Decision>> {
  const p = DecideInput.safeParse(input);
  if (!p.success) return fail("cases.eligibility.errors.invalidInput");
  const { rule, decisionDate, facts } = p.data;
  const [r] = await tx.select().from(caseEligibilityRules).where(eq(caseEligibilityRules.code, rule));
  if (!r) return fail("cases.eligibility.errors.unknownRule", undefined, { rule });
  const version = await versionOn(tx, rule, decisionDate);
  if (!version) return fail("cases.eligibility.errors.noVersion", undefined, { rule, date: decisionDate });
  const params = RuleParameters[r.kind].safeParse(version.parameters);
  if (!params.success) return fail("cases.eligibility.errors.badParameters", undefined, { rule });
  const outcome = evaluate(r.kind, params.data, facts, decisionDate);
  return ok({ eligible: outcome.eligible, reasons: outcome.reasons.map(reasonKey), versionId: version.id });
}

/** Reason keys without their prefix, for callers that need the bare reason. */
export const bareReason = (key: string) => key.replace(/^cases\.eligibility\.reasons\./, "") as Reason;

// ---- Reading for the staff page -------------------------------------------------------------

export async function listStepTypes(tx: Tx) {
  return tx.select().from(caseStepTypes).orderBy(asc(caseStepTypes.position), asc(caseStepTypes.code));
}

export async function listRules(tx: Tx) {
  const rules = await tx
    .select()
    .from(caseEligibilityRules)
    .orderBy(asc(caseEligibilityRules.position), asc(caseEligibilityRules.code));
  const versions = await tx
    .select()
    .from(caseEligibilityRuleVersions)
    .orderBy(asc(caseEligibilityRuleVersions.ruleCode), asc(caseEligibilityRuleVersions.validFrom));
  return rules.map((r) => ({ ...r, versions: versions.filter((v) => v.ruleCode === r.code).map(toVersion) }));
}

// ---- Maintenance (platform admin, through the CLI) -----------------------------------------

/** One new version as the maintenance file gives it. */
export const NewVersion = z.strictObject({
  rule: z.string().min(1),
  validFrom: isoDate,
  validTo: isoDate.optional(),
  parameters: z.record(z.string(), z.unknown()),
  source: z.string().trim().min(1).max(500),
  note: z.string().trim().min(1).max(2000).optional(),
  isExample: z.boolean().default(false),
});
export type NewVersion = z.input<typeof NewVersion>;
/** The file: one version or a list, added together or not at all. */
export const NewVersions = z.preprocess((v) => (Array.isArray(v) ? v : [v]), z.array(NewVersion).min(1));

/**
 * Adds versions of rules in the caller's transaction (run it as the owning role: the request role
 * can only read these tables). A rule's open version that began earlier is closed the day before
 * the new one starts; a new version that begins on or before the open one's start, or overlaps a
 * closed version, is refused. On failure the caller rolls the whole transaction back.
 */
export async function addRuleVersions(
  tx: Tx,
  versions: z.output<typeof NewVersions>,
  recordedBy: string,
): Promise<Result<{ id: string; rule: string; closed: { id: string; validTo: string } | null }[]>> {
  const out: { id: string; rule: string; closed: { id: string; validTo: string } | null }[] = [];
  for (const [i, v] of versions.entries()) {
    const at = { n: i + 1, rule: v.rule };
    const [rule] = await tx.select().from(caseEligibilityRules).where(eq(caseEligibilityRules.code, v.rule));
    if (!rule) return fail("cases.eligibility.errors.unknownRule", undefined, at);
    if (v.validTo && v.validTo < v.validFrom) return fail("cases.eligibility.errors.endBeforeStart", undefined, at);
    const params = RuleParameters[rule.kind].safeParse(v.parameters);
    if (!params.success) return fail("cases.eligibility.errors.badParameters", undefined, at);
    const t = caseEligibilityRuleVersions;
    // Lock the rule so that a concurrent addition waits for this one.
    await tx.execute(sql`SELECT 1 FROM case_eligibility_rules WHERE code = ${v.rule} FOR UPDATE`);
    const [open] = await tx
      .select()
      .from(t)
      .where(and(eq(t.ruleCode, v.rule), isNull(t.validTo)));
    let closed: { id: string; validTo: string } | null = null;
    if (open) {
      if (open.validFrom >= v.validFrom)
        return fail("cases.eligibility.errors.notAfterOpen", undefined, { ...at, from: open.validFrom });
      const validTo = addDays(v.validFrom, -1);
      await tx.update(t).set({ validTo }).where(eq(t.id, open.id));
      closed = { id: open.id, validTo };
    }
    const overlap = await tx
      .select({ from: t.validFrom })
      .from(t)
      .where(
        and(
          eq(t.ruleCode, v.rule),
          sql`daterange(${t.validFrom}, ${t.validTo}, '[]') && daterange(${v.validFrom}::date, ${v.validTo ?? null}::date, '[]')`,
        ),
      );
    if (overlap.length > 0)
      return fail("cases.eligibility.errors.overlap", undefined, { ...at, from: overlap[0].from });
    const [row] = await tx
      .insert(t)
      .values({
        ruleCode: v.rule,
        validFrom: v.validFrom,
        validTo: v.validTo ?? null,
        parameters: params.data,
        source: v.source,
        note: v.note ?? null,
        isExample: v.isExample,
        recordedBy,
      })
      .returning();
    await audit(tx, {
      action: "create",
      entity: "case_eligibility_rule_version",
      entityId: row.id,
      tenantId: null,
      actorId: null,
      actorLabel: recordedBy,
      before: closed ? { id: closed.id, validTo: null } : null,
      after: { rule: v.rule, validFrom: v.validFrom, validTo: v.validTo ?? null, parameters: params.data, closed },
    });
    out.push({ id: row.id, rule: v.rule, closed });
  }
  return ok(out);
}
