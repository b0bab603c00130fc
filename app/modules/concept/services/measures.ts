import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "~/kernel/db/client";
import { rows } from "~/kernel/db/context";
import { audit } from "~/kernel/audit/service";
import type { Failure } from "~/kernel/errors";
import { addDays, germanDate, isIsoDate, todayBerlin } from "~/kernel/dates";
import { organisations } from "~/kernel/db/schema";
import {
  measureGoals,
  measureHandlungsfelder,
  measureOrganisations,
  measures,
  milestones,
  statusChanges,
  updates,
} from "../schema";
import { FINISHED_STATUSES, isFinished, MEASURE_STATUSES, MEASURE_TRANSITIONS, type MeasureStatus } from "../constants";
import { fail, getEdition, listHandlungsfelder, loadGoals, ok, type GoalInfo, type Result } from "./concept";

export type Measure = typeof measures.$inferSelect;
const tenant = sql`app_tenant_id()` as unknown as string;
const dateField = () => z.string().trim().refine(isIsoDate, "validation.date");
/** Today in Berlin (ISO); `now` is injectable for tests around midnight. */
export const todayIso = (now?: Date) => todayBerlin(now);
export { germanDate };

/**
 * The one rule for an overdue milestone, as SQL over `ms` (concept_milestones) and `m` (its measure):
 * neither done nor cancelled, its day passed, and the measure not finished – a finished measure never
 * shows an overdue milestone, even one left open before the status change checked for them.
 */
export const overdueMilestone = (today: string) =>
  sql`ms.done_on IS NULL AND ms.cancelled_on IS NULL AND ms.due_on < ${today}::date AND m.status NOT IN (${sql.join(
    FINISHED_STATUSES.map((x) => sql`${x}`),
    sql`, `,
  )})`;

/** A milestone still to be reached: neither done nor cancelled. */
export const isOpenMilestone = (x: { doneOn: string | null; cancelledOn: string | null }) =>
  !x.doneOn && !x.cancelledOn;

/** What to do with an open milestone when the measure is finished. */
export type MilestoneResolution = "done" | "cancelled";

/**
 * Editing and deleting rewrite the record, so they are only for a draft (Entwurf); from
 * deliberation on, and above all once adopted, an edition is history.
 */
async function draftOnly(tx: Tx, editionId: string): Promise<Failure | null> {
  const e = await getEdition(tx, editionId);
  if (!e) return fail("concept.errors.editionNotFound");
  if (e.status !== "entwurf") return fail("concept.errors.notDraft", undefined, { edition: e.title, status: e.status });
  return null;
}

export const MeasureInput = z
  .object({
    code: z.string().trim().min(1, "concept.errors.codeRequired").max(40),
    title: z.string().trim().min(3, "concept.errors.titleShort").max(300),
    description: z.string().trim().max(20000).nullish(),
    targetGroups: z.string().trim().max(1000).nullish(),
    startsOn: dateField().nullish(),
    endsOn: dateField().nullish(),
    quantitativeTarget: z.string().trim().max(1000).nullish(),
    budget: z
      .number({ message: "concept.errors.budgetNumber" })
      .min(0, "concept.errors.budgetNegative")
      .max(1e11)
      .nullish(),
    progress: z
      .number({ message: "concept.errors.progressRange" })
      .int("concept.errors.progressRange")
      .min(0, "concept.errors.progressRange")
      .max(100, "concept.errors.progressRange")
      .default(0),
    goalIds: z.array(z.string().uuid("concept.errors.unknownGoal")).min(1, "concept.errors.goalRequired"),
    handlungsfeldIds: z.array(z.string().uuid("concept.errors.unknownHandlungsfeld")).default([]),
    leadOrganisationId: z.string().uuid("concept.errors.unknownOrganisation").nullish(),
    partnerOrganisationIds: z.array(z.string().uuid("concept.errors.unknownOrganisation")).default([]),
    internalNote: z.string().trim().max(5000).nullish(),
  })
  .refine((m) => !m.startsOn || !m.endsOn || m.endsOn >= m.startsOn, {
    message: "concept.errors.endBeforeStart",
    path: ["endsOn"],
  });
export type MeasureInput = z.infer<typeof MeasureInput>;

async function checkRefs(tx: Tx, editionId: string, input: MeasureInput): Promise<Result<undefined> | null> {
  const goalsOf = await loadGoals(tx, editionId);
  for (const g of input.goalIds) {
    const goal = goalsOf.find((x) => x.id === g);
    if (!goal) return fail("concept.errors.goalNotInEdition", "goalIds");
    if (goal.kind === "themenfeld") return fail("concept.errors.goalIsThemenfeld", "goalIds");
  }
  // The tenant's taxonomy holds target groups too: only its Handlungsfelder tag a measure.
  if (input.handlungsfeldIds.length) {
    const fields = new Set((await listHandlungsfelder(tx)).map((h) => h.id));
    if (input.handlungsfeldIds.some((h) => !fields.has(h)))
      return fail("concept.errors.unknownHandlungsfeld", "handlungsfeldIds");
  }
  const orgIds = [input.leadOrganisationId, ...input.partnerOrganisationIds].filter(Boolean) as string[];
  if (orgIds.length) {
    const found = await tx
      .select({ id: organisations.id })
      .from(organisations)
      .where(inArray(organisations.id, orgIds));
    if (found.length !== new Set(orgIds).size)
      return fail("concept.errors.unknownOrganisation", "partnerOrganisationIds");
  }
  if (input.leadOrganisationId && input.partnerOrganisationIds.includes(input.leadOrganisationId))
    return fail("concept.errors.leadIsPartner", "partnerOrganisationIds");
  return null;
}

async function writeLinks(tx: Tx, id: string, input: MeasureInput) {
  await tx.delete(measureGoals).where(eq(measureGoals.measureId, id));
  await tx.delete(measureHandlungsfelder).where(eq(measureHandlungsfelder.measureId, id));
  await tx.delete(measureOrganisations).where(eq(measureOrganisations.measureId, id));
  const goalIds = [...new Set(input.goalIds)],
    hfIds = [...new Set(input.handlungsfeldIds)];
  if (goalIds.length)
    await tx.insert(measureGoals).values(goalIds.map((g) => ({ tenantId: tenant, measureId: id, goalId: g })));
  if (hfIds.length)
    await tx
      .insert(measureHandlungsfelder)
      .values(hfIds.map((h) => ({ tenantId: tenant, measureId: id, handlungsfeldId: h })));
  const orgs = [
    ...(input.leadOrganisationId ? [{ o: input.leadOrganisationId, role: "lead" as const }] : []),
    ...[...new Set(input.partnerOrganisationIds)].map((o) => ({ o, role: "partner" as const })),
  ];
  if (orgs.length)
    await tx
      .insert(measureOrganisations)
      .values(orgs.map((x) => ({ tenantId: tenant, measureId: id, organisationId: x.o, role: x.role })));
}

const columns = (i: MeasureInput) => ({
  code: i.code,
  title: i.title,
  description: i.description ?? null,
  targetGroups: i.targetGroups ?? null,
  startsOn: i.startsOn ?? null,
  endsOn: i.endsOn ?? null,
  quantitativeTarget: i.quantitativeTarget ?? null,
  budget: i.budget == null ? null : i.budget.toFixed(2),
  progress: i.progress,
  internalNote: i.internalNote ?? null,
});

/** Creates a measure in an edition. Its first status is recorded like every later change. */
export async function createMeasure(
  tx: Tx,
  editionId: string,
  input: MeasureInput,
  opts: { status?: MeasureStatus; reason?: string; exampleNote?: string | null; changedOn?: string } = {},
): Promise<Result<Measure>> {
  const e = await getEdition(tx, editionId);
  if (!e) return fail("concept.errors.editionNotFound");
  if (e.status === "abgeloest") return fail("concept.errors.editionSuperseded");
  const bad = await checkRefs(tx, editionId, input);
  if (bad) return bad as Result<Measure>;
  const [dupe] = await tx
    .select({ id: measures.id })
    .from(measures)
    .where(and(eq(measures.editionId, editionId), eq(measures.code, input.code)));
  if (dupe) return fail("concept.errors.codeTaken", "code", { code: input.code });
  const [{ n }] = await rows<{ n: number }>(
    tx,
    sql`SELECT coalesce(max(position), -1)::int + 1 AS n FROM concept_measures WHERE edition_id = ${editionId}`,
  );
  const status = opts.status ?? "vorgeschlagen";
  const [m] = await tx
    .insert(measures)
    .values({
      tenantId: tenant,
      editionId,
      ...columns(input),
      status,
      exampleNote: opts.exampleNote ?? null,
      position: n,
    })
    .returning();
  await writeLinks(tx, m.id, input);
  await tx.insert(statusChanges).values({
    tenantId: tenant,
    measureId: m.id,
    fromStatus: null,
    toStatus: status,
    changedOn: opts.changedOn ?? todayIso(),
    actorId: sql`app_user_id()` as unknown as string,
    actorLabel: sql`coalesce(nullif(current_setting('app.actor_label', true), ''), 'System')` as unknown as string,
    reason: opts.reason ?? "Maßnahme angelegt",
  });
  await audit(tx, { action: "create", entity: "concept_measure", entityId: m.id, after: { ...m, links: input } });
  return ok(m);
}

export async function updateMeasure(tx: Tx, id: string, input: MeasureInput): Promise<Result<Measure>> {
  const before = await getMeasureRow(tx, id);
  if (!before) return fail("concept.errors.measureNotFound");
  const e = await getEdition(tx, before.editionId);
  if (e?.status === "abgeloest") return fail("concept.errors.editionSuperseded");
  const bad = await checkRefs(tx, before.editionId, input);
  if (bad) return bad as Result<Measure>;
  const [dupe] = await tx
    .select({ id: measures.id })
    .from(measures)
    .where(and(eq(measures.editionId, before.editionId), eq(measures.code, input.code)));
  if (dupe && dupe.id !== id) return fail("concept.errors.codeTaken", "code", { code: input.code });
  const early = await tx.select().from(milestones).where(eq(milestones.measureId, id));
  if (input.startsOn && early.some((x) => x.dueOn < input.startsOn!))
    return fail("concept.errors.milestoneBeforeNewStart", "startsOn");
  const [m] = await tx
    .update(measures)
    .set({ ...columns(input), updatedAt: new Date() })
    .where(eq(measures.id, id))
    .returning();
  await writeLinks(tx, id, input);
  await audit(tx, { action: "update", entity: "concept_measure", entityId: id, before, after: { ...m, links: input } });
  return ok(m);
}

export async function getMeasureRow(tx: Tx, id: string): Promise<Measure | undefined> {
  if (!z.string().uuid().safeParse(id).success) return undefined;
  const [m] = await tx.select().from(measures).where(eq(measures.id, id));
  return m;
}

/** Only the transitions in MEASURE_TRANSITIONS; each is recorded with date, person and reason. */
export async function changeMeasureStatus(
  tx: Tx,
  id: string,
  to: string,
  reason: string,
  changedOn?: string,
  opts: { milestones?: Readonly<Record<string, MilestoneResolution>> } = {},
): Promise<Result<Measure>> {
  const m = await getMeasureRow(tx, id);
  if (!m) return fail("concept.errors.measureNotFound");
  if (!(MEASURE_STATUSES as readonly string[]).includes(to))
    return fail("concept.errors.unknownStatus", "status", { status: to });
  const target = to as MeasureStatus;
  if (!MEASURE_TRANSITIONS[m.status].includes(target)) {
    const final = !MEASURE_TRANSITIONS[m.status].length;
    return fail(final ? "concept.errors.statusFinal" : "concept.errors.statusTransition", "status", {
      from: m.status,
      to: target,
    });
  }
  if (!reason.trim() || reason.trim().length < 3) return fail("concept.errors.reasonRequired", "reason");
  const on = changedOn || todayIso();
  if (!isIsoDate(on)) return fail("validation.date", "changedOn");
  if (isFinished(target)) {
    // A finished measure has no open milestone. Whether one was reached only a person can say, so
    // umgesetzt and verstetigt are refused until each is marked done or cancelled (the form offers
    // both, applied here in the same transaction). A dropped measure (verworfen) gives up what is
    // still open: its milestones are cancelled with it, on the same day.
    const open = (
      await tx.select().from(milestones).where(eq(milestones.measureId, id)).orderBy(asc(milestones.dueOn))
    ).filter(isOpenMilestone);
    const choice = opts.milestones ?? {};
    const unresolved = open.filter((x) => !choice[x.id]);
    if (unresolved.length && target !== "verworfen")
      return fail("concept.errors.openMilestones", "milestones", {
        count: unresolved.length,
        status: target,
        names: unresolved.map((x) => `„${x.title}“ (${germanDate(x.dueOn)})`).join(", "),
      });
    for (const x of open) {
      const how = choice[x.id] ?? "cancelled";
      const [after] = await tx
        .update(milestones)
        .set(how === "done" ? { doneOn: on } : { cancelledOn: on })
        .where(eq(milestones.id, x.id))
        .returning();
      await audit(tx, { action: "update", entity: "concept_milestone", entityId: x.id, before: x, after });
    }
  }
  const set: Partial<Measure> = { status: target, updatedAt: new Date() };
  if (target === "umgesetzt" || target === "verstetigt") set.progress = 100;
  const [after] = await tx.update(measures).set(set).where(eq(measures.id, id)).returning();
  await tx.insert(statusChanges).values({
    tenantId: tenant,
    measureId: id,
    fromStatus: m.status,
    toStatus: target,
    changedOn: on,
    actorId: sql`app_user_id()` as unknown as string,
    actorLabel: sql`coalesce(nullif(current_setting('app.actor_label', true), ''), 'System')` as unknown as string,
    reason: reason.trim(),
  });
  await audit(tx, {
    action: "status",
    entity: "concept_measure",
    entityId: id,
    before: { status: m.status },
    after: { status: target, reason: reason.trim(), changedOn: on },
  });
  return ok(after);
}

export const MilestoneInput = z.object({
  title: z.string().trim().min(3, "concept.errors.milestoneTitleShort").max(300),
  dueOn: dateField(),
});

export async function addMilestone(
  tx: Tx,
  measureId: string,
  input: z.infer<typeof MilestoneInput>,
): Promise<Result<typeof milestones.$inferSelect>> {
  const m = await getMeasureRow(tx, measureId);
  if (!m) return fail("concept.errors.measureNotFound");
  // An open milestone on a finished measure is the inconsistency the status change prevents.
  if (isFinished(m.status)) return fail("concept.errors.milestoneOnFinished", undefined, { status: m.status });
  const dates = checkMilestoneDates(m, input.dueOn);
  if (dates) return dates;
  const [ms] = await tx
    .insert(milestones)
    .values({ tenantId: tenant, measureId, title: input.title, dueOn: input.dueOn })
    .returning();
  await audit(tx, { action: "create", entity: "concept_milestone", entityId: ms.id, after: ms });
  return ok(ms);
}

/** A milestone lies within its measure's period. */
function checkMilestoneDates(m: Measure, dueOn: string): Failure | null {
  if (m.startsOn && dueOn < m.startsOn)
    return fail("concept.errors.milestoneBeforeStart", "dueOn", {
      due: germanDate(dueOn),
      start: germanDate(m.startsOn),
    });
  if (m.endsOn && dueOn > m.endsOn)
    return fail("concept.errors.milestoneAfterEnd", "dueOn", {
      due: germanDate(dueOn),
      end: germanDate(m.endsOn),
    });
  return null;
}

async function milestoneRow(tx: Tx, id: string) {
  if (!z.string().uuid().safeParse(id).success) return undefined;
  const [x] = await tx.select().from(milestones).where(eq(milestones.id, id));
  return x;
}

export async function completeMilestone(tx: Tx, id: string, doneOn: string): Promise<Result<undefined>> {
  if (!isIsoDate(doneOn)) return fail("validation.date", "doneOn");
  const before = await milestoneRow(tx, id);
  if (!before) return fail("concept.errors.milestoneNotFound");
  if (before.cancelledOn) return fail("concept.errors.milestoneCancelled", undefined, { title: before.title });
  const [after] = await tx.update(milestones).set({ doneOn }).where(eq(milestones.id, id)).returning();
  await audit(tx, { action: "update", entity: "concept_milestone", entityId: id, before, after });
  return ok(undefined);
}

/** Gives a milestone up: it stays in the record as cancelled, neither open nor overdue. */
export async function cancelMilestone(tx: Tx, id: string, cancelledOn: string): Promise<Result<undefined>> {
  if (!isIsoDate(cancelledOn)) return fail("validation.date", "cancelledOn");
  const before = await milestoneRow(tx, id);
  if (!before) return fail("concept.errors.milestoneNotFound");
  if (before.doneOn) return fail("concept.errors.milestoneDoneAlready", undefined, { title: before.title });
  const [after] = await tx.update(milestones).set({ cancelledOn }).where(eq(milestones.id, id)).returning();
  await audit(tx, { action: "cancel", entity: "concept_milestone", entityId: id, before, after });
  return ok(undefined);
}

/** Renames or moves a milestone; only in a draft edition, and still within the measure's period. */
export async function updateMilestone(
  tx: Tx,
  id: string,
  input: z.infer<typeof MilestoneInput>,
): Promise<Result<typeof milestones.$inferSelect>> {
  const before = await milestoneRow(tx, id);
  if (!before) return fail("concept.errors.milestoneNotFound");
  const m = (await getMeasureRow(tx, before.measureId))!;
  const notDraft = await draftOnly(tx, m.editionId);
  if (notDraft) return notDraft;
  const dates = checkMilestoneDates(m, input.dueOn);
  if (dates) return dates;
  const [after] = await tx
    .update(milestones)
    .set({ title: input.title, dueOn: input.dueOn })
    .where(eq(milestones.id, id))
    .returning();
  await audit(tx, { action: "update", entity: "concept_milestone", entityId: id, before, after });
  return ok(after);
}

/** Removes a milestone altogether; only in a draft edition (elsewhere it can be cancelled). */
export async function deleteMilestone(tx: Tx, id: string): Promise<Result<{ measureId: string }>> {
  const before = await milestoneRow(tx, id);
  if (!before) return fail("concept.errors.milestoneNotFound");
  const m = (await getMeasureRow(tx, before.measureId))!;
  const notDraft = await draftOnly(tx, m.editionId);
  if (notDraft) return notDraft;
  await tx.delete(milestones).where(eq(milestones.id, id));
  await audit(tx, { action: "delete", entity: "concept_milestone", entityId: id, before });
  return ok({ measureId: m.id });
}

/**
 * Removes a measure of a draft edition with everything that hangs on it (milestones, reports, status
 * changes, links – the foreign keys cascade). A measure carried from an earlier edition is not
 * deleted but ended with a reason (endCarriedMeasure), so the comparison can say why it is gone.
 */
export async function deleteMeasure(tx: Tx, id: string): Promise<Result<{ editionId: string }>> {
  const m = await getMeasureRow(tx, id);
  if (!m) return fail("concept.errors.measureNotFound");
  const notDraft = await draftOnly(tx, m.editionId);
  if (notDraft) return notDraft;
  if (m.predecessorId) return fail("concept.errors.deleteCarried", undefined, { code: m.code });
  await tx.delete(measures).where(eq(measures.id, id));
  await audit(tx, { action: "delete", entity: "concept_measure", entityId: id, before: m });
  return ok({ editionId: m.editionId });
}

export const UpdateInput = z.object({
  reportedOn: dateField(),
  body: z.string().trim().min(10, "concept.errors.updateBodyShort").max(10000),
  progress: z
    .number({ message: "concept.errors.progressRange" })
    .int("concept.errors.progressRange")
    .min(0, "concept.errors.progressRange")
    .max(100, "concept.errors.progressRange")
    .nullish(),
});

export interface Poster {
  userId: string | null;
  label: string;
  role: string;
  organisationId: string | null;
}

/** Whether a partner's organisation is lead or partner of the measure. */
export async function partnerMayReport(tx: Tx, measureId: string, organisationId: string | null): Promise<boolean> {
  if (!organisationId) return false;
  const [r] = await tx
    .select({ m: measureOrganisations.measureId })
    .from(measureOrganisations)
    .where(and(eq(measureOrganisations.measureId, measureId), eq(measureOrganisations.organisationId, organisationId)));
  return !!r;
}

/** Measure statuses whose progress reports stay internal unless staff choose to show them (issue 18). */
export const QUIET_MEASURE_STATUSES = ["vorgeschlagen", "beschlossen"] as const;

/**
 * A partner's report waits for an editor. An editor's own report is published at once – except for a
 * measure that is only proposed or adopted, where it waits for publication like a partner's unless
 * the editor ticked "öffentlich zeigen" (`showPublicly`): a plan is not yet public progress.
 */
export async function postUpdate(
  tx: Tx,
  measureId: string,
  input: z.infer<typeof UpdateInput>,
  who: Poster,
  opts: { isExample?: boolean; status?: "eingereicht" | "veroeffentlicht"; showPublicly?: boolean } = {},
): Promise<Result<typeof updates.$inferSelect>> {
  const m = await getMeasureRow(tx, measureId);
  if (!m) return fail("concept.errors.measureNotFound");
  const isEditor = who.role === "editor" || who.role === "admin";
  if (!isEditor) {
    if (who.role !== "partner" || !(await partnerMayReport(tx, measureId, who.organisationId))) {
      return fail("concept.errors.notYourMeasure");
    }
  }
  const quiet = (QUIET_MEASURE_STATUSES as readonly string[]).includes(m.status) && !opts.showPublicly;
  const status = opts.status ?? (isEditor && !quiet ? "veroeffentlicht" : "eingereicht");
  const [u] = await tx
    .insert(updates)
    .values({
      tenantId: tenant,
      measureId,
      reportedOn: input.reportedOn,
      body: input.body,
      progress: input.progress ?? null,
      status,
      authorId: who.userId,
      authorLabel: who.label,
      organisationId: who.organisationId,
      isExample: opts.isExample ?? false,
      reviewedBy: status === "veroeffentlicht" ? who.label : null,
      reviewedAt: status === "veroeffentlicht" ? new Date() : null,
    })
    .returning();
  if (status === "veroeffentlicht" && input.progress != null)
    await tx
      .update(measures)
      .set({ progress: input.progress, updatedAt: new Date() })
      .where(eq(measures.id, measureId));
  await audit(tx, { action: "create", entity: "concept_update", entityId: u.id, after: u });
  return ok(u);
}

export async function reviewUpdate(
  tx: Tx,
  id: string,
  decision: "publish" | "reject",
  reviewer: string,
  note?: string | null,
): Promise<Result<undefined>> {
  if (!z.string().uuid().safeParse(id).success) return fail("concept.errors.updateNotFound");
  const [u] = await tx.select().from(updates).where(eq(updates.id, id));
  if (!u) return fail("concept.errors.updateNotFound");
  if (u.status !== "eingereicht") return fail("concept.errors.updateAlreadyReviewed");
  if (decision === "reject" && !note?.trim()) return fail("concept.errors.rejectReasonRequired", "reviewNote");
  const status = decision === "publish" ? "veroeffentlicht" : "abgelehnt";
  await tx
    .update(updates)
    .set({ status, reviewNote: note?.trim() || null, reviewedBy: reviewer, reviewedAt: new Date() })
    .where(eq(updates.id, id));
  if (status === "veroeffentlicht" && u.progress != null)
    await tx.update(measures).set({ progress: u.progress, updatedAt: new Date() }).where(eq(measures.id, u.measureId));
  await audit(tx, {
    action: decision === "publish" ? "publish" : "reject",
    entity: "concept_update",
    entityId: id,
    before: { status: u.status },
    after: { status, note },
  });
  return ok(undefined);
}

export async function pendingUpdates(tx: Tx) {
  return rows<{
    id: string;
    measure_id: string;
    code: string;
    title: string;
    reported_on: string;
    body: string;
    author_label: string;
    progress: number | null;
  }>(
    tx,
    sql`
    SELECT u.id, u.measure_id, m.code, m.title, u.reported_on::text, u.body, u.author_label, u.progress
    FROM concept_updates u JOIN concept_measures m ON m.id = u.measure_id WHERE u.status = 'eingereicht' ORDER BY u.created_at`,
  );
}

export interface MeasureFilter {
  editionId: string;
  status?: string | null;
  themenfeldId?: string | null;
  handlungsfeldId?: string | null;
  organisationId?: string | null;
  /** With organisationId: only measures the organisation leads (Federführung). */
  leadOnly?: boolean;
  /** Only measures this organisation leads or takes part in (what a partner may see). */
  participantOrganisationId?: string | null;
  /** Only these measures. */
  measureIds?: readonly string[];
  overdue?: boolean;
  stale?: boolean;
  q?: string | null;
  /** The date overdue and staleness are judged on; defaults to today in Berlin at `now`. */
  today?: string;
  now?: Date;
}

/** A running measure without a published update for this many days counts as stale (half a year). */
export const STALE_AFTER_DAYS = 182;

export interface MeasureListItem {
  id: string;
  code: string;
  title: string;
  description: string | null;
  status: MeasureStatus;
  progress: number;
  startsOn: string | null;
  endsOn: string | null;
  budget: number | null;
  targetGroups: string | null;
  quantitativeTarget: string | null;
  exampleNote: string | null;
  internalNote: string | null;
  goalIds: string[];
  goalRefs: string[];
  themenfeldIds: string[];
  handlungsfeldIds: string[];
  lead: { id: string; name: string } | null;
  partners: { id: string; name: string }[];
  overdueMilestones: number;
  lastUpdate: string | null;
  /** The measure of the earlier edition this one continues (Fortschreibung, decision 0035). */
  predecessorId: string | null;
}

/** An `IN (...)` list binding one parameter per id (bounded: a page or a goal subtree). */
const idList = (ids: readonly string[]) =>
  ids.length
    ? sql`(${sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )})`
    : sql`(NULL)`;

/**
 * Every filter as SQL, so a page of the list can be counted and cut in the database. The Themenfeld
 * comes from the goal tree, which is small and loaded once per request.
 */
function measureWhere(f: MeasureFilter, goalsOf: GoalInfo[], today: string) {
  const where = [sql`m.edition_id = ${f.editionId}`];
  if (f.status) where.push(sql`m.status = ${f.status}`);
  if (f.q?.trim()) {
    const q = `%${f.q.trim().replace(/[\\%_]/g, (c) => "\\" + c)}%`;
    where.push(
      sql`(m.title ILIKE ${q} OR coalesce(m.description, '') ILIKE ${q} OR m.code ILIKE ${q} OR coalesce(m.target_groups, '') ILIKE ${q})`,
    );
  }
  if (f.organisationId)
    where.push(
      sql`EXISTS (SELECT 1 FROM concept_measure_organisations mo WHERE mo.measure_id = m.id AND mo.organisation_id = ${f.organisationId}${f.leadOnly ? sql` AND mo.role = 'lead'` : sql``})`,
    );
  if (f.participantOrganisationId)
    where.push(
      sql`EXISTS (SELECT 1 FROM concept_measure_organisations mo WHERE mo.measure_id = m.id AND mo.organisation_id = ${f.participantOrganisationId})`,
    );
  if (f.handlungsfeldId)
    where.push(
      sql`EXISTS (SELECT 1 FROM concept_measure_handlungsfelder mh WHERE mh.measure_id = m.id AND mh.handlungsfeld_id = ${f.handlungsfeldId})`,
    );
  if (f.themenfeldId) {
    const inTf = goalsOf.filter((g) => g.themenfeldId === f.themenfeldId).map((g) => g.id);
    where.push(
      sql`EXISTS (SELECT 1 FROM concept_measure_goals mg WHERE mg.measure_id = m.id AND mg.goal_id IN ${idList(inTf)})`,
    );
  }
  if (f.measureIds) where.push(sql`m.id IN ${idList(f.measureIds)}`);
  if (f.overdue)
    where.push(
      sql`EXISTS (SELECT 1 FROM concept_milestones ms WHERE ms.measure_id = m.id AND ${overdueMilestone(today)})`,
    );
  if (f.stale)
    // Stale: running, and no published update on or after the cut-off (none at all counts too).
    where.push(
      sql`m.status IN ('beschlossen', 'in_umsetzung') AND NOT EXISTS (SELECT 1 FROM concept_updates u WHERE u.measure_id = m.id AND u.status = 'veroeffentlicht' AND u.reported_on >= ${addDays(today, -STALE_AFTER_DAYS)}::date)`,
    );
  return sql.join(where, sql` AND `);
}

/** How many measures match the filter (for paging). */
export async function countMeasures(tx: Tx, f: MeasureFilter): Promise<number> {
  const goalsOf = f.themenfeldId ? await loadGoals(tx, f.editionId) : [];
  const [{ n }] = await rows<{ n: number }>(
    tx,
    sql`SELECT count(*)::int AS n FROM concept_measures m WHERE ${measureWhere(f, goalsOf, f.today ?? todayIso(f.now))}`,
  );
  return n;
}

/**
 * The measure list behind the staff list, the matrix cells, the API and the exports. All filters
 * run in SQL; with `page` only that slice is read, and its goals, fields and organisations are
 * fetched for the slice's measures alone (three queries, not one per measure).
 */
export async function listMeasures(
  tx: Tx,
  f: MeasureFilter,
  page?: { limit: number; offset: number },
): Promise<MeasureListItem[]> {
  const today = f.today ?? todayIso(f.now);
  const goalsOf = await loadGoals(tx, f.editionId);
  const list = await rows<{
    id: string;
    code: string;
    title: string;
    description: string | null;
    status: MeasureStatus;
    progress: number;
    starts_on: string | null;
    ends_on: string | null;
    budget: string | null;
    target_groups: string | null;
    quantitative_target: string | null;
    example_note: string | null;
    internal_note: string | null;
    overdue: number;
    last_update: string | null;
    predecessor_id: string | null;
  }>(
    tx,
    sql`
    SELECT m.id, m.code, m.title, m.description, m.status, m.progress, m.starts_on::text, m.ends_on::text, m.budget::text, m.target_groups,
      m.quantitative_target, m.example_note, m.internal_note, m.predecessor_id,
      (SELECT count(*)::int FROM concept_milestones ms WHERE ms.measure_id = m.id AND ${overdueMilestone(today)}) AS overdue,
      (SELECT max(u.reported_on)::text FROM concept_updates u WHERE u.measure_id = m.id AND u.status = 'veroeffentlicht') AS last_update
    FROM concept_measures m WHERE ${measureWhere(f, goalsOf, today)} ORDER BY m.position, m.code
    ${page ? sql`LIMIT ${page.limit} OFFSET ${page.offset}` : sql``}`,
  );
  const goalById = new Map(goalsOf.map((g) => [g.id, g]));
  const ids = list.map((m) => m.id);
  // A page asks for its own measures' links; the whole list reads the edition's links in one go.
  const scope = page ? sql`m.id IN ${idList(ids)}` : sql`m.edition_id = ${f.editionId}`;
  const links = ids.length
    ? await rows<{ measure_id: string; goal_id: string }>(
        tx,
        sql`SELECT mg.measure_id, mg.goal_id FROM concept_measure_goals mg JOIN concept_measures m ON m.id = mg.measure_id WHERE ${scope}`,
      )
    : [];
  const hfs = ids.length
    ? await rows<{ measure_id: string; handlungsfeld_id: string }>(
        tx,
        sql`SELECT mh.measure_id, mh.handlungsfeld_id FROM concept_measure_handlungsfelder mh JOIN concept_measures m ON m.id = mh.measure_id JOIN taxonomy_terms h ON h.id = mh.handlungsfeld_id WHERE ${scope} ORDER BY h.position, h.name`,
      )
    : [];
  const orgs = ids.length
    ? await rows<{ measure_id: string; organisation_id: string; name: string; role: string }>(
        tx,
        sql`SELECT mo.measure_id, mo.organisation_id, o.name, mo.role FROM concept_measure_organisations mo
    JOIN concept_measures m ON m.id = mo.measure_id JOIN organisations o ON o.id = mo.organisation_id WHERE ${scope} ORDER BY o.name`,
      )
    : [];
  const group = <T extends { measure_id: string }>(xs: T[]) => {
    const mp = new Map<string, T[]>();
    for (const x of xs) {
      const list = mp.get(x.measure_id);
      if (list) list.push(x);
      else mp.set(x.measure_id, [x]);
    }
    return mp;
  };
  const lg = group(links),
    hg = group(hfs),
    og = group(orgs);
  return list.map((m) => {
    const gIds = (lg.get(m.id) ?? [])
      .map((x) => x.goal_id)
      .sort((a, b) => (goalById.get(a)?.position ?? 0) - (goalById.get(b)?.position ?? 0));
    const o = og.get(m.id) ?? [];
    const lead = o.find((x) => x.role === "lead");
    return {
      id: m.id,
      code: m.code,
      title: m.title,
      description: m.description,
      status: m.status,
      progress: m.progress,
      startsOn: m.starts_on,
      endsOn: m.ends_on,
      budget: m.budget == null ? null : Number(m.budget),
      targetGroups: m.target_groups,
      quantitativeTarget: m.quantitative_target,
      exampleNote: m.example_note,
      internalNote: m.internal_note,
      goalIds: gIds,
      goalRefs: gIds.map((g) => goalById.get(g)?.ref ?? "?"),
      themenfeldIds: [...new Set(gIds.map((g) => goalById.get(g)?.themenfeldId).filter(Boolean) as string[])],
      handlungsfeldIds: (hg.get(m.id) ?? []).map((x) => x.handlungsfeld_id),
      lead: lead ? { id: lead.organisation_id, name: lead.name } : null,
      partners: o.filter((x) => x.role === "partner").map((x) => ({ id: x.organisation_id, name: x.name })),
      overdueMilestones: m.overdue,
      lastUpdate: m.last_update,
      predecessorId: m.predecessor_id,
    };
  });
}

export async function getMeasureDetail(tx: Tx, id: string, opts: { publicOnly?: boolean } = {}) {
  const m = await getMeasureRow(tx, id);
  if (!m) return undefined;
  const [item] = await listMeasures(tx, { editionId: m.editionId, measureIds: [id] }, { limit: 1, offset: 0 });
  const ms = await tx.select().from(milestones).where(eq(milestones.measureId, id)).orderBy(asc(milestones.dueOn));
  const ups = await tx
    .select()
    .from(updates)
    .where(
      opts.publicOnly
        ? and(eq(updates.measureId, id), eq(updates.status, "veroeffentlicht"))
        : eq(updates.measureId, id),
    )
    .orderBy(desc(updates.reportedOn), desc(updates.createdAt));
  const changes = await tx
    .select()
    .from(statusChanges)
    .where(eq(statusChanges.measureId, id))
    .orderBy(asc(statusChanges.createdAt));
  return { measure: m, item, milestones: ms, updates: ups, statusChanges: changes };
}

/**
 * Milestones, updates and status changes of many measures in three statements (for a report over a
 * whole edition, instead of getMeasureDetail per measure); grouped by measure id.
 */
export async function measureRecords(tx: Tx, ids: readonly string[], opts: { publicOnly?: boolean } = {}) {
  const empty = {
    milestones: new Map<string, (typeof milestones.$inferSelect)[]>(),
    updates: new Map<string, (typeof updates.$inferSelect)[]>(),
    statusChanges: new Map<string, (typeof statusChanges.$inferSelect)[]>(),
  };
  if (!ids.length) return empty;
  const list = [...ids];
  const [ms, ups, changes] = await Promise.all([
    // Cancelled milestones are no longer planned: a report over a period names none of them as late.
    tx
      .select()
      .from(milestones)
      .where(and(inArray(milestones.measureId, list), isNull(milestones.cancelledOn)))
      .orderBy(asc(milestones.dueOn)),
    tx
      .select()
      .from(updates)
      .where(
        opts.publicOnly
          ? and(inArray(updates.measureId, list), eq(updates.status, "veroeffentlicht"))
          : inArray(updates.measureId, list),
      )
      .orderBy(desc(updates.reportedOn), desc(updates.createdAt)),
    tx.select().from(statusChanges).where(inArray(statusChanges.measureId, list)).orderBy(asc(statusChanges.createdAt)),
  ]);
  const group = <T extends { measureId: string }>(rows: T[], into: Map<string, T[]>) => {
    for (const r of rows) {
      const l = into.get(r.measureId);
      if (l) l.push(r);
      else into.set(r.measureId, [r]);
    }
  };
  group(ms, empty.milestones);
  group(ups, empty.updates);
  group(changes, empty.statusChanges);
  return empty;
}

export type TimelineEntry = {
  date: string;
  kind: "status" | "milestone" | "update";
  title: string;
  detail?: string | null;
  who?: string | null;
  state?: string;
};

/** One dated list of everything that happened to a measure, newest first. */
export function timeline(d: NonNullable<Awaited<ReturnType<typeof getMeasureDetail>>>): TimelineEntry[] {
  const out: TimelineEntry[] = [
    ...d.statusChanges.map((c) => ({
      date: c.changedOn,
      kind: "status" as const,
      title: c.toStatus,
      detail: c.reason,
      who: c.actorLabel,
      state: c.fromStatus ?? "",
    })),
    ...d.milestones.map((x) => ({
      date: x.doneOn ?? x.cancelledOn ?? x.dueOn,
      kind: "milestone" as const,
      title: x.title,
      state: x.doneOn ? "done" : x.cancelledOn ? "cancelled" : "open",
    })),
    ...d.updates.map((u) => ({
      date: u.reportedOn,
      kind: "update" as const,
      title: u.body,
      who: u.authorLabel,
      state: u.status,
    })),
  ];
  return out.sort((a, b) => b.date.localeCompare(a.date));
}
