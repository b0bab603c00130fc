import { and, asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "~/kernel/db/client";
import { rows } from "~/kernel/db/context";
import { audit } from "~/kernel/audit/service";
import { addMonths, daysBetween, germanDate, isIsoDate } from "~/kernel/dates";
import { conceptSettings, editions, goalHandlungsfelder, goals, priorities } from "../schema";
import { ensureTerms, codeFromName, listTerms } from "~/kernel/taxonomy/service";
import { PRESETS } from "~/kernel/taxonomy/presets";
import { tenantLand } from "~/kernel/tenancy/tenant-land";
import { EDITION_TRANSITIONS, type EditionStatus } from "../constants";
import { fail, ok, type Result } from "~/kernel/errors";
import { getPaper, listPapers, type Paper } from "~/modules/bodies";
import { carryMeasures, copyGoals } from "./carry";

export type Edition = typeof editions.$inferSelect;
export type Goal = typeof goals.$inferSelect;
/** A Handlungsfeld as the concept has always given it: the tenant's taxonomy term of that kind (decision 0037). */
export interface Handlungsfeld {
  id: string;
  tenantId: string;
  name: string;
  shortName: string;
  position: number;
  /** How pages name it in other languages (kernel/taxonomy/label.ts). */
  nameEn: string | null;
  presetKey: string | null;
}
const tenant = sql`app_tenant_id()` as unknown as string;

export { fail, ok, type Result } from "~/kernel/errors";

const asHandlungsfeld = ({
  id,
  tenantId,
  name,
  shortName,
  position,
  nameEn,
  presetKey,
}: Handlungsfeld): Handlungsfeld => ({ id, tenantId, name, shortName, position, nameEn, presetKey });

export async function listHandlungsfelder(tx: Tx): Promise<Handlungsfeld[]> {
  return (await listTerms(tx, "handlungsfeld")).map(asHandlungsfeld);
}

/**
 * Adds the Handlungsfelder the tenant's list lacks (by name); a name of a preset becomes that preset's
 * term, so it keeps its translations and Land field.
 */
export async function createHandlungsfelder(
  tx: Tx,
  list: { name: string; shortName: string }[],
): Promise<Handlungsfeld[]> {
  const presetTerms = [...PRESETS.aachen.terms, ...PRESETS.hessen.terms];
  const seeds = list.map((h) => {
    const p = presetTerms.find((x) => x.name === h.name);
    return p ? { ...p, shortName: h.shortName } : { code: codeFromName(h.name), name: h.name, shortName: h.shortName };
  });
  return (await ensureTerms(tx, "handlungsfeld", seeds)).map(asHandlungsfeld);
}

export async function listEditions(tx: Tx): Promise<Edition[]> {
  return tx.select().from(editions).orderBy(asc(editions.createdAt));
}
export async function getEdition(tx: Tx, id: string): Promise<Edition | undefined> {
  if (!z.string().uuid().safeParse(id).success) return undefined;
  const [e] = await tx.select().from(editions).where(eq(editions.id, id));
  return e;
}
export async function getAdoptedEdition(tx: Tx): Promise<Edition | undefined> {
  const [e] = await tx.select().from(editions).where(eq(editions.status, "beschlossen"));
  return e;
}
/** The edition staff work on when none is chosen: the adopted one, else the newest. */
export async function currentEdition(tx: Tx, id?: string | null): Promise<Edition | undefined> {
  if (id) return getEdition(tx, id);
  return (await getAdoptedEdition(tx)) ?? (await listEditions(tx)).at(-1);
}

export const EditionInput = z.object({
  title: z.string().trim().min(3, "concept.errors.editionTitleShort").max(300),
  haltungTitle: z.string().trim().max(300).nullish(),
  haltung: z.string().trim().max(20000).nullish(),
  copyFrom: z.string().uuid("concept.errors.sourceEditionNotFound").nullish(),
});

/**
 * A new edition starts as Entwurf. With copyFrom it is a Fortschreibung (decision 0035): it takes over
 * the goal tree and carries the measures that are still open (carry.ts: CARRIED_STATUSES), each
 * linked to the measure it continues – in a fixed number of statements, not one per goal or measure.
 */
export async function createEdition(tx: Tx, input: z.infer<typeof EditionInput>): Promise<Result<Edition>> {
  let source: Edition | undefined;
  if (input.copyFrom) {
    source = await getEdition(tx, input.copyFrom);
    if (!source) return fail("concept.errors.sourceEditionNotFound", "copyFrom");
  }
  const [e] = await tx
    .insert(editions)
    .values({
      tenantId: tenant,
      title: input.title,
      status: "entwurf",
      haltungTitle: input.haltungTitle ?? source?.haltungTitle ?? null,
      haltung: input.haltung ?? source?.haltung ?? null,
      sourceEditionId: source?.id ?? null,
    })
    .returning();
  let carried = 0;
  if (source) {
    const goalMap = await copyGoals(tx, source.id, e.id);
    carried = await carryMeasures(tx, source.id, e.id, goalMap, source.title);
  }
  await audit(tx, {
    action: "create",
    entity: "concept_edition",
    entityId: e.id,
    after: { ...e, copyFrom: input.copyFrom ?? null, carriedMeasures: carried },
  });
  return ok(e);
}

/** What adopts an edition: the paper (Vorlage) whose recorded council decision adopts it. */
export interface Adoption {
  paperId?: string | null;
  /** The adoption's date; defaults to the decision's day and cannot lie before it. */
  adoptedOn?: string | null;
}

/**
 * The recorded decision of a paper that adopts an edition (decision 0024's rule, for one named
 * paper): competence Entscheidung, result beschlossen or geändert beschlossen, the latest if several.
 */
export function paperDecision(paper: Paper) {
  return paper.consultations
    .filter(
      (c) =>
        c.competence === "entscheidung" &&
        (c.result === "beschlossen" || c.result === "geaendert_beschlossen") &&
        !!c.decidedOn,
    )
    .sort((a, b) => b.decidedOn!.localeCompare(a.decidedOn!) || b.position - a.position)[0];
}

/**
 * Entwurf → in Beratung → beschlossen → abgelöst. Adopting names the paper whose recorded decision
 * adopts the edition (decision 0035): the paper must bring this edition and carry that decision; the
 * day and the body come from the record. Adopting supersedes the edition adopted before.
 */
export async function changeEditionStatus(
  tx: Tx,
  id: string,
  to: EditionStatus,
  opts: Adoption = {},
): Promise<Result<Edition>> {
  const e = await getEdition(tx, id);
  if (!e) return fail("concept.errors.editionNotFound");
  if (!EDITION_TRANSITIONS[e.status].includes(to)) {
    return fail("concept.errors.editionTransition", "status", { from: e.status, to });
  }
  const set: Partial<Edition> = { status: to, updatedAt: new Date() };
  if (to === "beschlossen") {
    if (!opts.paperId) return fail("concept.errors.adoptingPaperRequired", "paperId");
    const paper = await getPaper(tx, opts.paperId);
    if (!paper) return fail("concept.errors.adoptingPaperNotFound", "paperId");
    if (paper.editionId !== e.id)
      return fail("concept.errors.adoptingPaperOtherEdition", "paperId", { number: paper.number });
    const decision = paperDecision(paper);
    if (!decision) return fail("concept.errors.adoptingPaperUndecided", "paperId", { number: paper.number });
    if (opts.adoptedOn && !isIsoDate(opts.adoptedOn)) return fail("concept.errors.adoptedOnRequired", "adoptedOn");
    if (opts.adoptedOn && opts.adoptedOn < decision.decidedOn!)
      return fail("concept.errors.adoptedBeforeDecision", "adoptedOn", { date: germanDate(decision.decidedOn!) });
    set.adoptedOn = opts.adoptedOn || decision.decidedOn;
    // The body's name as recorded, so pages and reports that show "beschlossen durch …" need no join.
    set.adoptedBy = decision.body;
    set.adoptedPaperId = paper.id;
    const prev = await getAdoptedEdition(tx);
    if (prev) {
      set.replacesEditionId = prev.id;
      await tx.update(editions).set({ status: "abgeloest", updatedAt: new Date() }).where(eq(editions.id, prev.id));
      await audit(tx, {
        action: "status",
        entity: "concept_edition",
        entityId: prev.id,
        before: { status: prev.status },
        after: { status: "abgeloest" },
      });
    }
  }
  const [after] = await tx.update(editions).set(set).where(eq(editions.id, id)).returning();
  await audit(tx, {
    action: "status",
    entity: "concept_edition",
    entityId: id,
    before: { status: e.status },
    after: {
      status: to,
      adoptedOn: after.adoptedOn,
      adoptedBy: after.adoptedBy,
      adoptedPaperId: after.adoptedPaperId,
      replacesEditionId: after.replacesEditionId,
    },
  });
  return ok(after);
}

/**
 * Papers that may adopt an edition: those that bring it, with whether a decision is recorded on
 * them, for the adoption form (few per edition; each read through bodies' entry).
 */
export async function adoptionPapers(tx: Tx, editionId: string) {
  const heads = (await listPapers(tx)).filter((p) => p.editionId === editionId);
  const out = [];
  for (const h of heads) {
    const p = await getPaper(tx, h.id);
    const d = p && paperDecision(p);
    out.push({
      id: h.id,
      number: h.number,
      title: h.title,
      decision: d ? { body: d.body, decidedOn: d.decidedOn! } : null,
    });
  }
  return out;
}

/**
 * An adoption carried over from data kept before decisions were recorded (demo data, old concepts):
 * the day and the body as free text, no paper. Only loaders call it, never a page (decision 0035).
 */
export async function recordHistoricAdoption(
  tx: Tx,
  id: string,
  history: { adoptedOn: string; adoptedBy: string },
): Promise<Result<Edition>> {
  const e = await getEdition(tx, id);
  if (!e) return fail("concept.errors.editionNotFound");
  if (e.status !== "in_beratung")
    return fail("concept.errors.editionTransition", "status", { from: e.status, to: "beschlossen" });
  if (await getAdoptedEdition(tx))
    return fail("concept.errors.editionTransition", "status", { from: e.status, to: "beschlossen" });
  const [after] = await tx
    .update(editions)
    .set({ status: "beschlossen", adoptedOn: history.adoptedOn, adoptedBy: history.adoptedBy, updatedAt: new Date() })
    .where(eq(editions.id, id))
    .returning();
  await audit(tx, {
    action: "status",
    entity: "concept_edition",
    entityId: id,
    before: { status: e.status },
    after: { status: "beschlossen", adoptedOn: after.adoptedOn, adoptedBy: after.adoptedBy, historic: true },
  });
  return ok(after);
}

export const GoalInput = z.object({
  parentId: z.string().uuid("concept.errors.unknownParentGoal").nullish(),
  kind: z.enum(["themenfeld", "leitziel", "teilziel"], { message: "concept.errors.unknownGoalKind" }),
  number: z.string().trim().min(1, "concept.errors.goalNumberRequired").max(20),
  title: z.string().trim().min(2, "concept.errors.goalTextShort").max(5000),
  description: z.string().trim().max(20000).nullish(),
  handlungsfeldIds: z.array(z.string().uuid()).default([]),
});

const PARENT_KIND: Record<string, string[]> = {
  themenfeld: [],
  leitziel: ["themenfeld"],
  teilziel: ["leitziel", "teilziel"],
};

export async function createGoal(tx: Tx, editionId: string, input: z.infer<typeof GoalInput>): Promise<Result<Goal>> {
  const e = await getEdition(tx, editionId);
  if (!e) return fail("concept.errors.editionNotFound");
  if (e.status === "beschlossen" || e.status === "abgeloest") return fail("concept.errors.editionLocked");
  let parent: Goal | undefined;
  if (input.parentId)
    [parent] = await tx
      .select()
      .from(goals)
      .where(and(eq(goals.id, input.parentId), eq(goals.editionId, editionId)));
  if (input.kind === "themenfeld" ? !!input.parentId : !parent || !PARENT_KIND[input.kind].includes(parent.kind)) {
    return fail(`concept.errors.parentOf_${input.kind}`, "parentId");
  }
  if (input.handlungsfeldIds.length) {
    const fields = new Set((await listHandlungsfelder(tx)).map((h) => h.id));
    if (input.handlungsfeldIds.some((h) => !fields.has(h)))
      return fail("concept.errors.unknownHandlungsfeld", "handlungsfeldIds");
  }
  const [{ n }] = await rows<{ n: number }>(
    tx,
    sql`SELECT count(*)::int AS n FROM concept_goals WHERE edition_id = ${editionId}`,
  );
  const [g] = await tx
    .insert(goals)
    .values({
      tenantId: tenant,
      editionId,
      parentId: parent?.id ?? null,
      kind: input.kind,
      number: input.number,
      title: input.title,
      description: input.description ?? null,
      position: n,
    })
    .returning();
  if (input.handlungsfeldIds.length)
    await tx
      .insert(goalHandlungsfelder)
      .values(input.handlungsfeldIds.map((h) => ({ tenantId: tenant, goalId: g.id, handlungsfeldId: h })));
  await audit(tx, {
    action: "create",
    entity: "concept_goal",
    entityId: g.id,
    after: { ...g, handlungsfeldIds: input.handlungsfeldIds },
  });
  return ok(g);
}

export const GoalEdit = z.object({
  number: z.string().trim().min(1, "concept.errors.goalNumberRequired").max(20),
  title: z.string().trim().min(2, "concept.errors.goalTextShort").max(5000),
});

/** Goals can only change while their edition is still a draft or under deliberation. */
async function editableGoal(tx: Tx, id: string): Promise<Result<Goal>> {
  const [g] = await tx.select().from(goals).where(eq(goals.id, id));
  if (!g) return fail("concept.errors.goalNotFound");
  const e = await getEdition(tx, g.editionId);
  if (!e || e.status === "beschlossen" || e.status === "abgeloest") return fail("concept.errors.editionLocked");
  return ok(g);
}

export async function updateGoal(tx: Tx, id: string, input: z.infer<typeof GoalEdit>): Promise<Result<Goal>> {
  const r = await editableGoal(tx, id);
  if (!r.ok) return r;
  const [after] = await tx
    .update(goals)
    .set({ number: input.number, title: input.title })
    .where(eq(goals.id, id))
    .returning();
  await audit(tx, {
    action: "update",
    entity: "concept_goal",
    entityId: id,
    before: { number: r.value.number, title: r.value.title },
    after: { number: after.number, title: after.title },
  });
  return ok(after);
}

/** Deletes a goal that has no sub-goals and no measures, so nothing is lost by accident. */
export async function deleteGoal(tx: Tx, id: string): Promise<Result<Goal>> {
  const r = await editableGoal(tx, id);
  if (!r.ok) return r;
  const [{ children }] = await rows<{ children: number }>(
    tx,
    sql`SELECT count(*)::int AS children FROM concept_goals WHERE parent_id = ${id}`,
  );
  if (children > 0) return fail("concept.errors.goalHasChildren");
  const [{ linked }] = await rows<{ linked: number }>(
    tx,
    sql`SELECT count(*)::int AS linked FROM concept_measure_goals WHERE goal_id = ${id}`,
  );
  if (linked > 0) return fail("concept.errors.goalHasMeasures");
  await tx.delete(goalHandlungsfelder).where(eq(goalHandlungsfelder.goalId, id));
  await tx.delete(goals).where(eq(goals.id, id));
  await audit(tx, { action: "delete", entity: "concept_goal", entityId: id, before: r.value });
  return ok(r.value);
}

export interface GoalInfo extends Goal {
  handlungsfeldIds: string[];
  themenfeldId: string;
  ref: string;
}

/** All goals of an edition with their Themenfeld and a stable reference "TF/Nummer" used in exports. */
export async function loadGoals(tx: Tx, editionId: string): Promise<GoalInfo[]> {
  const list = await tx.select().from(goals).where(eq(goals.editionId, editionId)).orderBy(asc(goals.position));
  const tags = list.length
    ? await rows<{ goal_id: string; handlungsfeld_id: string }>(
        tx,
        sql`SELECT goal_id, handlungsfeld_id FROM concept_goal_handlungsfelder gh
    JOIN concept_goals g ON g.id = gh.goal_id WHERE g.edition_id = ${editionId}`,
      )
    : [];
  const byId = new Map(list.map((g) => [g.id, g]));
  const tf = (g: Goal): Goal => (g.parentId ? tf(byId.get(g.parentId)!) : g);
  return list.map((g) => {
    const t = tf(g);
    return {
      ...g,
      handlungsfeldIds: tags.filter((x) => x.goal_id === g.id).map((x) => x.handlungsfeld_id),
      themenfeldId: t.id,
      ref: g.kind === "themenfeld" ? t.number : `${t.number}/${g.number}`,
    };
  });
}

/**
 * The three-year rule holds where the tenant's Land has it (NRW's funding; decision 0040) and the
 * tenant has switched it on; elsewhere it is neither offered nor applied, whatever was stored.
 */
export async function getSettings(
  tx: Tx,
): Promise<{ threeYearRule: boolean; landHasRule: boolean; land: string | null }> {
  const [s] = await tx.select().from(conceptSettings);
  const land = await tenantLand(tx);
  const landHasRule = land?.rules.threeYearRule ?? false;
  return { threeYearRule: landHasRule && (s?.threeYearRule ?? false), landHasRule, land: land?.name ?? null };
}
export async function setThreeYearRule(tx: Tx, value: boolean): Promise<Result> {
  const before = await getSettings(tx);
  if (value && !before.landHasRule)
    return fail("concept.errors.noThreeYearRule", "threeYearRule", { land: before.land ?? "–" });
  await tx
    .insert(conceptSettings)
    .values({ tenantId: tenant, threeYearRule: value })
    .onConflictDoUpdate({ target: conceptSettings.tenantId, set: { threeYearRule: value, updatedAt: new Date() } });
  await audit(tx, {
    action: "update",
    entity: "concept_settings",
    before: { threeYearRule: before.threeYearRule },
    after: { threeYearRule: value },
  });
  return ok(undefined);
}

export interface Freshness {
  applies: boolean;
  adoptedOn: string | null;
  validUntil: string | null;
  state: "none" | "ok" | "warning" | "expired";
  daysLeft: number | null;
}

/** The three-year rule: funding needs an adopted concept not older than three years; warn from six months before. */
export function fundingFreshness(applies: boolean, adoptedOn: string | null | undefined, today: string): Freshness {
  if (!applies || !adoptedOn)
    return { applies, adoptedOn: adoptedOn ?? null, validUntil: null, state: applies ? "none" : "ok", daysLeft: null };
  const until = addMonths(adoptedOn, 36);
  const warnFrom = addMonths(until, -6);
  const daysLeft = daysBetween(today, until);
  const state = today >= until ? "expired" : today >= warnFrom ? "warning" : "ok";
  return { applies, adoptedOn, validUntil: until, state, daysLeft };
}

export const PriorityInput = z
  .object({
    periodFrom: z.coerce
      .number({ message: "concept.errors.yearRequired" })
      .int("concept.errors.yearRequired")
      .min(2000, "concept.errors.yearRange")
      .max(2100, "concept.errors.yearRange"),
    periodTo: z.coerce
      .number({ message: "concept.errors.yearRequired" })
      .int("concept.errors.yearRequired")
      .min(2000, "concept.errors.yearRange")
      .max(2100, "concept.errors.yearRange"),
    title: z.string().trim().min(3, "concept.errors.priorityShort").max(300),
    description: z.string().trim().max(5000).nullish(),
  })
  .refine((p) => p.periodTo >= p.periodFrom, {
    message: "concept.errors.periodEndBeforeStart",
    path: ["periodTo"],
  });

export async function listPriorities(tx: Tx) {
  return tx.select().from(priorities).orderBy(asc(priorities.periodFrom), asc(priorities.title));
}
export async function createPriority(tx: Tx, input: z.infer<typeof PriorityInput> & { exampleNote?: string | null }) {
  const [p] = await tx
    .insert(priorities)
    .values({
      tenantId: tenant,
      ...input,
      description: input.description ?? null,
      exampleNote: input.exampleNote ?? null,
    })
    .returning();
  await audit(tx, { action: "create", entity: "concept_priority", entityId: p.id, after: p });
  return p;
}

export async function getGoal(tx: Tx, id: string): Promise<Goal | undefined> {
  const [g] = await tx.select().from(goals).where(eq(goals.id, id));
  return g;
}
