import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "~/kernel/db/client";
import { rows } from "~/kernel/db/context";
import { audit } from "~/kernel/audit/service";
import { addDays } from "~/kernel/dates";
import { fail, ok, type Result } from "~/kernel/errors";

// The seal "Interkulturell orientiert" (seed 004:5777–5815): application → milestones agreed →
// award (valid two years) → re-certification reminder → re-certification or expiry. A case's state is
// computed from its dates (sealState), never stored, so a seal expires on its day without anyone
// touching it.

/** How long before the end of the two years the re-certification reminder is due. */
export const REMINDER_DAYS = 90;

export const SEAL_STATES = ["applied", "agreed", "awarded", "reminder_due", "expired"] as const;
export type SealState = (typeof SEAL_STATES)[number];

const E = "opening.seal.errors";
const isoDate = z.iso.date(`${E}.date`);
const text = (max: number) => z.string().trim().min(1, `${E}.required`).max(max, `${E}.tooLong`);

export const SealCaseInput = z
  .object({
    organisationId: z.uuid(`${E}.organisation`).optional(),
    applicantName: text(200).optional(),
    contactEmail: z.email(`${E}.email`).max(200, `${E}.tooLong`).optional(),
    appliedOn: isoDate,
    isDemo: z.boolean().optional(),
  })
  .refine((c) => !!c.organisationId !== !!c.applicantName, { message: `${E}.applicant`, path: ["applicantName"] });
export type SealCaseInput = z.input<typeof SealCaseInput>;

export const MilestoneInput = z.object({ caseId: z.uuid(), title: text(300), dueOn: isoDate });
export const DateOf = (key: string) => z.object({ id: z.uuid(), on: isoDate }).describe(key);

/** The state of a case on a day, from its dates alone. */
export function sealState(
  c: { milestonesAgreedOn: string | null; validUntil: string | null },
  today: string,
): SealState {
  if (c.validUntil) {
    if (today > c.validUntil) return "expired";
    return today > addDays(c.validUntil, -REMINDER_DAYS) ? "reminder_due" : "awarded";
  }
  return c.milestonesAgreedOn ? "agreed" : "applied";
}

export async function createSealCase(tx: Tx, input: SealCaseInput): Promise<Result<{ id: string }>> {
  const c = SealCaseInput.parse(input);
  const [r] = await rows<{ id: string }>(
    tx,
    sql`INSERT INTO opening_seal_cases (tenant_id, organisation_id, applicant_name, contact_email, applied_on, is_demo)
        VALUES (app_tenant_id(), ${c.organisationId ?? null}, ${c.applicantName ?? null}, ${c.contactEmail ?? null},
                ${c.appliedOn}, ${c.isDemo ?? false}) RETURNING id`,
  );
  await audit(tx, { action: "create", entity: "opening_seal_case", entityId: r.id, after: c });
  return ok({ id: r.id });
}

interface CaseRow {
  id: string;
  name: string;
  organisation_id: string | null;
  contact_email: string | null;
  applied_on: string;
  milestones_agreed_on: string | null;
  is_demo: boolean;
  award_id: string | null;
  awarded_on: string | null;
  valid_until: string | null;
  first_awarded_on: string | null;
  reminded_on: string | null;
}

const CASES = sql`
  SELECT c.id, coalesce(o.name, c.applicant_name) AS name, c.organisation_id, c.contact_email,
    c.applied_on::text, c.milestones_agreed_on::text, c.is_demo,
    a.id AS award_id, a.awarded_on::text, a.valid_until::text,
    (SELECT min(x.awarded_on) FROM opening_seal_awards x WHERE x.case_id = c.id)::text AS first_awarded_on,
    r.queued_on::text AS reminded_on
  FROM opening_seal_cases c
  LEFT JOIN organisations o ON o.id = c.organisation_id
  LEFT JOIN LATERAL (SELECT * FROM opening_seal_awards x WHERE x.case_id = c.id ORDER BY x.awarded_on DESC LIMIT 1) a ON true
  LEFT JOIN opening_seal_reminders r ON r.award_id = a.id`;

const toCase = (r: CaseRow, today: string) => ({
  id: r.id,
  name: r.name,
  organisationId: r.organisation_id,
  contactEmail: r.contact_email,
  appliedOn: r.applied_on,
  milestonesAgreedOn: r.milestones_agreed_on,
  isDemo: r.is_demo,
  awardId: r.award_id,
  awardedOn: r.awarded_on,
  firstAwardedOn: r.first_awarded_on,
  validUntil: r.valid_until,
  remindedOn: r.reminded_on,
  state: sealState({ milestonesAgreedOn: r.milestones_agreed_on, validUntil: r.valid_until }, today),
});
export type SealCase = ReturnType<typeof toCase>;

export async function listSealCases(tx: Tx, today: string): Promise<SealCase[]> {
  const rs = await rows<CaseRow>(tx, sql`${CASES} ORDER BY lower(coalesce(o.name, c.applicant_name))`);
  return rs.map((r) => toCase(r, today));
}

export async function getSealCase(tx: Tx, id: string, today: string) {
  if (!z.uuid().safeParse(id).success) return null;
  const [r] = await rows<CaseRow>(tx, sql`${CASES} WHERE c.id = ${id}`);
  if (!r) return null;
  const milestones = await rows<{ id: string; title: string; due_on: string; done_on: string | null }>(
    tx,
    sql`SELECT id, title, due_on::text, done_on::text FROM opening_seal_milestones WHERE case_id = ${id}
        ORDER BY position, due_on, title`,
  );
  const awards = await rows<{ id: string; awarded_on: string; valid_until: string }>(
    tx,
    sql`SELECT id, awarded_on::text, valid_until::text FROM opening_seal_awards WHERE case_id = ${id} ORDER BY awarded_on`,
  );
  return {
    ...toCase(r, today),
    milestones: milestones.map((m) => ({ id: m.id, title: m.title, dueOn: m.due_on, doneOn: m.done_on })),
    awards: awards.map((a) => ({ id: a.id, awardedOn: a.awarded_on, validUntil: a.valid_until })),
  };
}

const lockCase = (tx: Tx, id: string) =>
  rows<{ id: string; applied_on: string; milestones_agreed_on: string | null }>(
    tx,
    sql`SELECT id, applied_on::text, milestones_agreed_on::text FROM opening_seal_cases WHERE id = ${id} FOR UPDATE`,
  ).then((r) => r[0]);

export async function addSealMilestone(tx: Tx, input: z.input<typeof MilestoneInput>): Promise<Result<{ id: string }>> {
  const m = MilestoneInput.parse(input);
  const c = await lockCase(tx, m.caseId);
  if (!c) return fail(`${E}.notFound`);
  const [r] = await rows<{ id: string }>(
    tx,
    sql`INSERT INTO opening_seal_milestones (tenant_id, case_id, title, due_on, position)
        VALUES (app_tenant_id(), ${m.caseId}, ${m.title}, ${m.dueOn},
          (SELECT coalesce(max(position), 0) + 1 FROM opening_seal_milestones WHERE case_id = ${m.caseId}))
        RETURNING id`,
  );
  await audit(tx, { action: "create", entity: "opening_seal_milestone", entityId: r.id, after: m });
  return ok({ id: r.id });
}

/** Marks a milestone done on a day (not before the case's application). */
export async function completeSealMilestone(tx: Tx, input: { id: string; on: string }): Promise<Result<undefined>> {
  const p = DateOf("done").safeParse(input);
  if (!p.success) return fail(`${E}.date`, "on");
  const [m] = await rows<{ case_id: string; done_on: string | null; applied_on: string }>(
    tx,
    sql`SELECT m.case_id, m.done_on::text, c.applied_on::text FROM opening_seal_milestones m
        JOIN opening_seal_cases c ON c.id = m.case_id WHERE m.id = ${p.data.id} FOR UPDATE OF m`,
  );
  if (!m) return fail(`${E}.notFound`);
  if (m.done_on) return fail(`${E}.alreadyDone`);
  if (p.data.on < m.applied_on) return fail(`${E}.beforeApplication`, "on");
  await tx.execute(sql`UPDATE opening_seal_milestones SET done_on = ${p.data.on} WHERE id = ${p.data.id}`);
  await audit(tx, {
    action: "update",
    entity: "opening_seal_milestone",
    entityId: p.data.id,
    after: { doneOn: p.data.on },
  });
  return ok(undefined);
}

/** Records that the case's milestones were agreed: there must be at least one, and only once. */
export async function agreeSealMilestones(tx: Tx, input: { id: string; on: string }): Promise<Result<undefined>> {
  const p = DateOf("agreed").safeParse(input);
  if (!p.success) return fail(`${E}.date`, "on");
  const c = await lockCase(tx, p.data.id);
  if (!c) return fail(`${E}.notFound`);
  if (c.milestones_agreed_on) return fail(`${E}.alreadyAgreed`);
  if (p.data.on < c.applied_on) return fail(`${E}.beforeApplication`, "on");
  const [n] = await rows<{ n: number }>(
    tx,
    sql`SELECT count(*)::int AS n FROM opening_seal_milestones WHERE case_id = ${c.id}`,
  );
  if (n.n === 0) return fail(`${E}.noMilestones`);
  await tx.execute(sql`UPDATE opening_seal_cases SET milestones_agreed_on = ${p.data.on} WHERE id = ${c.id}`);
  await audit(tx, {
    action: "status",
    entity: "opening_seal_case",
    entityId: c.id,
    after: { milestonesAgreedOn: p.data.on },
  });
  return ok(undefined);
}

/**
 * Awards (or re-certifies) the seal on a day: only after the milestones were agreed and when every
 * milestone is done by then; a re-certification comes after the previous award. Valid two years.
 */
export async function awardSeal(tx: Tx, input: { id: string; on: string }): Promise<Result<{ id: string }>> {
  const p = DateOf("awarded").safeParse(input);
  if (!p.success) return fail(`${E}.date`, "on");
  const c = await lockCase(tx, p.data.id);
  if (!c) return fail(`${E}.notFound`);
  if (!c.milestones_agreed_on) return fail(`${E}.notAgreed`);
  if (p.data.on < c.milestones_agreed_on) return fail(`${E}.beforeAgreement`, "on");
  const [m] = await rows<{ open: number; last_done: string | null; last_award: string | null }>(
    tx,
    sql`SELECT count(*) FILTER (WHERE done_on IS NULL OR done_on > ${p.data.on})::int AS open,
          max(done_on)::text AS last_done,
          (SELECT max(awarded_on)::text FROM opening_seal_awards WHERE case_id = ${c.id}) AS last_award
        FROM opening_seal_milestones WHERE case_id = ${c.id}`,
  );
  if (m.open > 0) return fail(`${E}.milestonesOpen`, undefined, { open: m.open });
  if (m.last_award && p.data.on <= m.last_award) return fail(`${E}.notAfterLastAward`, "on");
  const [r] = await rows<{ id: string }>(
    tx,
    sql`INSERT INTO opening_seal_awards (tenant_id, case_id, awarded_on) VALUES (app_tenant_id(), ${c.id}, ${p.data.on}) RETURNING id`,
  );
  await audit(tx, {
    action: m.last_award ? "recertify" : "award",
    entity: "opening_seal_case",
    entityId: c.id,
    after: { awardedOn: p.data.on },
  });
  return ok({ id: r.id });
}

/** The current holders: the latest award of each case, valid on the day. */
export async function sealHolders(tx: Tx, today: string) {
  const rs = await rows<{
    name: string;
    first_awarded_on: string;
    awarded_on: string;
    valid_until: string;
    is_demo: boolean;
  }>(
    tx,
    sql`SELECT coalesce(o.name, c.applicant_name) AS name, c.is_demo, a.awarded_on::text, a.valid_until::text,
          (SELECT min(x.awarded_on) FROM opening_seal_awards x WHERE x.case_id = c.id)::text AS first_awarded_on
        FROM opening_seal_cases c
        LEFT JOIN organisations o ON o.id = c.organisation_id
        JOIN LATERAL (SELECT * FROM opening_seal_awards x WHERE x.case_id = c.id ORDER BY x.awarded_on DESC LIMIT 1) a ON true
        WHERE a.awarded_on <= ${today} AND a.valid_until >= ${today}
        ORDER BY lower(coalesce(o.name, c.applicant_name))`,
  );
  return rs.map((r) => ({
    name: r.name,
    firstAwardedOn: r.first_awarded_on,
    awardedOn: r.awarded_on,
    validUntil: r.valid_until,
    isDemo: r.is_demo,
  }));
}
