import { and, asc, desc, eq, getTableColumns, inArray, lt, sql } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "~/kernel/db/client";
import { audit } from "~/kernel/audit/service";
import { fail, ok, type Failure, type Result } from "~/kernel/errors";
import { isIsoDate } from "~/kernel/dates";
import { organisations } from "~/kernel/db/schema";
import { conceptMeasures, getMeasureRow } from "~/modules/concept";
import { BUILTIN_CATALOGUES, PHASES, SEED_003, type CatalogueKind, type Phase } from "./catalogues";
import {
  actionMilestones,
  actions,
  ACTION_STATUSES,
  answers,
  assessments,
  catalogueItems,
  catalogues,
  RATINGS,
  ratings,
  workshopNotes,
  type ActionStatus,
  type Rating,
} from "./schema";

// The self-assessment cycle (issue 15 item 1). Plain functions over a tenant transaction; the pages
// decide who may call them (an organisation's partner account only for its own organisation).

const E = "opening.assessment.errors";
const uuid = z.string().uuid();

/**
 * Copies the seed's catalogues into the tenant's tables, verbatim with their source lines, where they
 * are missing. Idempotent: a tenant's copy is never rewritten, so an assessment keeps the texts it
 * was rated against.
 */
export async function ensureBuiltinCatalogues(tx: Tx): Promise<void> {
  const have = new Set(
    (await tx.select({ key: catalogues.key }).from(catalogues).where(eq(catalogues.builtin, true))).map((c) => c.key),
  );
  const missing = BUILTIN_CATALOGUES.map((c, position) => ({ c, position })).filter(({ c }) => !have.has(c.key));
  if (!missing.length) return;
  const rows = await tx
    .insert(catalogues)
    .values(
      missing.map(({ c, position }) => ({
        tenantId: sql`app_tenant_id()` as unknown as string,
        key: c.key,
        kind: c.kind,
        phase: c.phase ?? null,
        title: c.title,
        heading: c.heading?.text ?? null,
        headingLine: c.heading?.line ?? null,
        source: `seeds/${SEED_003}`,
        builtin: true,
        position,
      })),
    )
    .onConflictDoNothing()
    .returning({ id: catalogues.id, key: catalogues.key });
  const items = rows.flatMap((r) =>
    BUILTIN_CATALOGUES.find((c) => c.key === r.key)!.items.map((it, position) => ({
      tenantId: sql`app_tenant_id()` as unknown as string,
      catalogueId: r.id,
      code: it.code,
      text: it.text,
      detail: it.detail ?? null,
      lineFrom: it.lines[0],
      lineTo: it.lines[1],
      position,
    })),
  );
  if (items.length) await tx.insert(catalogueItems).values(items);
}

export type CatalogueRow = typeof catalogues.$inferSelect;
export type CatalogueItemRow = typeof catalogueItems.$inferSelect;

/** The tenant's catalogues (after ensureBuiltinCatalogues) with their item counts. */
export async function listCatalogues(tx: Tx): Promise<(CatalogueRow & { items: number })[]> {
  return tx
    .select({
      ...getTableColumns(catalogues),
      items: sql<number>`(SELECT count(*)::int FROM opening_catalogue_items i WHERE i.catalogue_id = opening_catalogues.id)`,
    })
    .from(catalogues)
    .orderBy(desc(catalogues.builtin), asc(catalogues.position), asc(catalogues.title));
}

export async function getCatalogue(
  tx: Tx,
  key: string,
): Promise<{ catalogue: CatalogueRow; items: CatalogueItemRow[] } | undefined> {
  const [c] = await tx.select().from(catalogues).where(eq(catalogues.key, key));
  if (!c) return undefined;
  const items = await tx
    .select()
    .from(catalogueItems)
    .where(eq(catalogueItems.catalogueId, c.id))
    .orderBy(asc(catalogueItems.position));
  return { catalogue: c, items };
}

/** A tenant's own catalogue of criteria: one criterion per line of the textarea. */
export const CatalogueInput = z.object({
  title: z.string().trim().min(1).max(200),
  source: z.string().trim().min(1).max(300),
  items: z
    .string()
    .max(40_000)
    .transform((s) =>
      s
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean),
    )
    .pipe(
      z
        .array(z.string().max(2000, `${E}.itemTooLong`))
        .min(1, `${E}.noItems`)
        .max(200, `${E}.tooManyItems`),
    ),
});
export type CatalogueInput = z.input<typeof CatalogueInput>;

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/ä/g, "ae")
    .replace(/ö/g, "oe")
    .replace(/ü/g, "ue")
    .replace(/ß/g, "ss")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60) || "katalog";

export async function createCatalogue(tx: Tx, raw: CatalogueInput): Promise<Result<{ key: string }>> {
  const input = CatalogueInput.parse(raw);
  const key = `eigen.${slug(input.title)}`;
  const [dupe] = await tx
    .select({ id: catalogues.id })
    .from(catalogues)
    .where(sql`${catalogues.key} = ${key} OR lower(${catalogues.title}) = lower(${input.title})`);
  if (dupe) return fail(`${E}.catalogueTaken`, "title", { title: input.title });
  const [c] = await tx
    .insert(catalogues)
    .values({
      tenantId: sql`app_tenant_id()` as unknown as string,
      key,
      kind: "criteria",
      title: input.title,
      source: input.source,
      position: 100,
    })
    .returning();
  await tx.insert(catalogueItems).values(
    input.items.map((text, i) => ({
      tenantId: sql`app_tenant_id()` as unknown as string,
      catalogueId: c.id,
      code: `item.${i + 1}`,
      text,
      position: i,
    })),
  );
  await audit(tx, {
    action: "create",
    entity: "opening_catalogue",
    entityId: c.id,
    after: { ...c, items: input.items },
  });
  return ok({ key });
}

export const AssessmentInput = z.object({
  organisationId: uuid,
  unit: z.string().trim().max(200).default(""),
  year: z.coerce.number().int().min(2000).max(2100),
  catalogueKey: z.string().min(1).max(80),
  mission: z.string().trim().max(8000).optional().nullable(),
});
export type AssessmentInput = z.input<typeof AssessmentInput>;

/** A new assessment; a year that already has one for the organisation, unit and catalogue is refused. */
export async function createAssessment(
  tx: Tx,
  raw: AssessmentInput,
  opts: { isDemo?: boolean } = {},
): Promise<Result<{ id: string }>> {
  const input = AssessmentInput.parse(raw);
  await ensureBuiltinCatalogues(tx);
  const [cat] = await tx.select().from(catalogues).where(eq(catalogues.key, input.catalogueKey));
  if (!cat || cat.kind !== "criteria") return fail(`${E}.catalogue`, "catalogueKey");
  const [org] = await tx
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.id, input.organisationId));
  if (!org) return fail(`${E}.organisation`, "organisationId");
  const [dupe] = await tx
    .select({ id: assessments.id })
    .from(assessments)
    .where(
      and(
        eq(assessments.organisationId, input.organisationId),
        eq(assessments.unit, input.unit),
        eq(assessments.catalogueId, cat.id),
        eq(assessments.year, input.year),
      ),
    );
  if (dupe) return fail(`${E}.yearTaken`, "year", { year: input.year });
  const [a] = await tx
    .insert(assessments)
    .values({
      tenantId: sql`app_tenant_id()` as unknown as string,
      organisationId: input.organisationId,
      unit: input.unit,
      catalogueId: cat.id,
      year: input.year,
      mission: input.mission ?? null,
      isDemo: opts.isDemo ?? false,
    })
    .returning();
  await audit(tx, { action: "create", entity: "opening_assessment", entityId: a.id, after: a });
  return ok({ id: a.id });
}

/**
 * The next year's assessment of the same organisation, unit and catalogue: the Leitbild statement is
 * carried over, the ratings start empty (last year's are shown beside each criterion).
 */
export async function reassess(tx: Tx, id: string): Promise<Result<{ id: string }>> {
  const a = await assessmentRow(tx, id);
  if (!a) return fail(`${E}.notFound`);
  const [cat] = await tx.select({ key: catalogues.key }).from(catalogues).where(eq(catalogues.id, a.catalogueId));
  const [later] = await tx
    .select({ year: sql<number>`max(${assessments.year})` })
    .from(assessments)
    .where(
      and(
        eq(assessments.organisationId, a.organisationId),
        eq(assessments.unit, a.unit),
        eq(assessments.catalogueId, a.catalogueId),
      ),
    );
  return createAssessment(tx, {
    organisationId: a.organisationId,
    unit: a.unit,
    year: Math.max(later?.year ?? a.year, a.year) + 1,
    catalogueKey: cat.key,
    mission: a.mission,
  });
}

export type AssessmentRow = typeof assessments.$inferSelect;

/** An assessment that may still be changed: it exists and is not completed. */
async function openAssessment(tx: Tx, id: string): Promise<Result<AssessmentRow>> {
  const a = await assessmentRow(tx, id);
  if (!a) return fail(`${E}.notFound`);
  return a.completedOn ? fail(`${E}.completed`) : ok(a);
}

export async function assessmentRow(tx: Tx, id: string): Promise<AssessmentRow | undefined> {
  if (!uuid.safeParse(id).success) return undefined;
  const [a] = await tx.select().from(assessments).where(eq(assessments.id, id));
  return a;
}

export interface AssessmentListItem {
  id: string;
  organisationId: string;
  organisation: string;
  unit: string;
  year: number;
  phase: Phase;
  catalogue: string;
  completedOn: string | null;
  rated: number;
  criteria: number;
  met: number;
  isDemo: boolean;
}

/** All assessments (or one organisation's), newest year first, with how far the rating has come. */
export async function listAssessments(
  tx: Tx,
  f: { organisationId?: string | null } = {},
): Promise<AssessmentListItem[]> {
  return tx
    .select({
      id: assessments.id,
      organisationId: assessments.organisationId,
      organisation: organisations.name,
      unit: assessments.unit,
      year: assessments.year,
      phase: assessments.phase,
      catalogue: catalogues.title,
      completedOn: assessments.completedOn,
      rated: sql<number>`(SELECT count(*)::int FROM opening_ratings r WHERE r.assessment_id = opening_assessments.id)`,
      criteria: sql<number>`(SELECT count(*)::int FROM opening_catalogue_items i WHERE i.catalogue_id = opening_assessments.catalogue_id)`,
      met: sql<number>`(SELECT count(*)::int FROM opening_ratings r WHERE r.assessment_id = opening_assessments.id AND r.rating = 'met')`,
      isDemo: assessments.isDemo,
    })
    .from(assessments)
    .innerJoin(organisations, eq(organisations.id, assessments.organisationId))
    .innerJoin(catalogues, eq(catalogues.id, assessments.catalogueId))
    .where(f.organisationId ? eq(assessments.organisationId, f.organisationId) : undefined)
    .orderBy(desc(assessments.year), asc(organisations.name), asc(assessments.unit));
}

export type Change = "better" | "worse" | "same" | "new" | "none";
const RANK: Record<Rating, number | null> = { met: 2, partly: 1, not_met: 0, not_applicable: null };

/** How a criterion's rating moved from last assessment to this one. */
export function changeOf(previous: Rating | null, current: Rating | null): Change {
  const p = previous ? RANK[previous] : null;
  const c = current ? RANK[current] : null;
  if (c === null) return "none";
  if (p === null) return "new";
  return c > p ? "better" : c < p ? "worse" : "same";
}

export interface CriterionView {
  id: string;
  code: string;
  text: string;
  lineFrom: number | null;
  lineTo: number | null;
  rating: Rating | null;
  evidence: string | null;
  previous: { rating: Rating; evidence: string | null } | null;
  change: Change;
}
export interface ItemView {
  id: string;
  code: string;
  text: string;
  detail: string | null;
  lineFrom: number | null;
  lineTo: number | null;
}
export interface ListView {
  key: string;
  kind: CatalogueKind;
  phase: Phase | null;
  title: string;
  heading: string | null;
  headingLine: number | null;
  source: string;
  items: (ItemView & { answer: string | null; checked: boolean; notes: string[] })[];
}
export interface ActionView {
  id: string;
  title: string;
  owner: string;
  status: ActionStatus;
  criterion: string | null;
  conceptMeasure: { id: string; code: string; title: string } | null;
  milestones: { id: string; title: string; dueOn: string; doneOn: string | null }[];
}
export interface AssessmentView {
  assessment: AssessmentRow & { organisation: string; catalogue: string; catalogueSource: string };
  previous: { id: string; year: number } | null;
  criteria: CriterionView[];
  /** Question sets, barriers, success factors and the workshop prompts, in the seed's order. */
  lists: ListView[];
  actions: ActionView[];
  summary: Record<Rating | "open", number>;
}

/** Everything the assessment page shows, in a fixed number of queries. */
export async function getAssessment(tx: Tx, id: string): Promise<AssessmentView | undefined> {
  const a = await assessmentRow(tx, id);
  if (!a) return undefined;
  const [[head], [prev]] = await Promise.all([
    tx
      .select({ organisation: organisations.name, catalogue: catalogues.title, catalogueSource: catalogues.source })
      .from(organisations)
      .innerJoin(catalogues, eq(catalogues.id, a.catalogueId))
      .where(eq(organisations.id, a.organisationId)),
    tx
      .select({ id: assessments.id, year: assessments.year })
      .from(assessments)
      .where(
        and(
          eq(assessments.organisationId, a.organisationId),
          eq(assessments.unit, a.unit),
          eq(assessments.catalogueId, a.catalogueId),
          lt(assessments.year, a.year),
        ),
      )
      .orderBy(desc(assessments.year))
      .limit(1),
  ]);
  const lists = await tx
    .select()
    .from(catalogues)
    .where(and(eq(catalogues.builtin, true), sql`${catalogues.kind} <> 'criteria'`))
    .orderBy(asc(catalogues.position));
  const catalogueIds = [a.catalogueId, ...lists.map((l) => l.id)];
  const [items, rated, answered, notes, acts] = await Promise.all([
    tx
      .select()
      .from(catalogueItems)
      .where(inArray(catalogueItems.catalogueId, catalogueIds))
      .orderBy(asc(catalogueItems.position)),
    tx
      .select()
      .from(ratings)
      .where(inArray(ratings.assessmentId, prev ? [a.id, prev.id] : [a.id])),
    tx.select().from(answers).where(eq(answers.assessmentId, a.id)),
    tx
      .select({ itemId: workshopNotes.itemId, note: workshopNotes.note })
      .from(workshopNotes)
      .where(eq(workshopNotes.assessmentId, a.id))
      // Random keys: ordered by text, so the order tells nothing about who wrote first.
      .orderBy(asc(workshopNotes.note)),
    tx
      .select()
      .from(actions)
      .where(eq(actions.assessmentId, a.id))
      .orderBy(asc(actions.position), asc(actions.createdAt)),
  ]);
  const milestones = acts.length
    ? await tx
        .select()
        .from(actionMilestones)
        .where(
          inArray(
            actionMilestones.actionId,
            acts.map((x) => x.id),
          ),
        )
        .orderBy(asc(actionMilestones.dueOn))
    : [];
  const measureIds = [...new Set(acts.map((x) => x.conceptMeasureId).filter((m): m is string => !!m))];
  const measures = measureIds.length
    ? await tx
        .select({ id: conceptMeasures.id, code: conceptMeasures.code, title: conceptMeasures.title })
        .from(conceptMeasures)
        .where(inArray(conceptMeasures.id, measureIds))
    : [];
  const ratingOf = (assessmentId: string, itemId: string) =>
    rated.find((r) => r.assessmentId === assessmentId && r.itemId === itemId);
  const criteria: CriterionView[] = items
    .filter((i) => i.catalogueId === a.catalogueId)
    .map((i) => {
      const cur = ratingOf(a.id, i.id);
      const old = prev ? ratingOf(prev.id, i.id) : undefined;
      return {
        id: i.id,
        code: i.code,
        text: i.text,
        lineFrom: i.lineFrom,
        lineTo: i.lineTo,
        rating: cur?.rating ?? null,
        evidence: cur?.evidence ?? null,
        previous: old ? { rating: old.rating, evidence: old.evidence } : null,
        change: changeOf(old?.rating ?? null, cur?.rating ?? null),
      };
    });
  const summary: AssessmentView["summary"] = { met: 0, partly: 0, not_met: 0, not_applicable: 0, open: 0 };
  for (const c of criteria) summary[c.rating ?? "open"]++;
  const itemText = new Map(items.map((i) => [i.id, i.text]));
  return {
    assessment: { ...a, ...head },
    previous: prev ?? null,
    criteria,
    lists: lists.map((l) => ({
      key: l.key,
      kind: l.kind,
      phase: l.phase,
      title: l.title,
      heading: l.heading,
      headingLine: l.headingLine,
      source: l.source,
      items: items
        .filter((i) => i.catalogueId === l.id)
        .map((i) => {
          const ans = answered.find((x) => x.itemId === i.id);
          return {
            id: i.id,
            code: i.code,
            text: i.text,
            detail: i.detail,
            lineFrom: i.lineFrom,
            lineTo: i.lineTo,
            answer: ans?.answer ?? null,
            checked: ans?.checked ?? false,
            notes: notes.filter((n) => n.itemId === i.id).map((n) => n.note),
          };
        }),
    })),
    actions: acts.map((x) => {
      const m = measures.find((mm) => mm.id === x.conceptMeasureId);
      return {
        id: x.id,
        title: x.title,
        owner: x.owner,
        status: x.status,
        criterion: x.itemId ? (itemText.get(x.itemId) ?? null) : null,
        conceptMeasure: m ? { id: m.id, code: m.code, title: m.title } : null,
        milestones: milestones
          .filter((ms) => ms.actionId === x.id)
          .map((ms) => ({ id: ms.id, title: ms.title, dueOn: ms.dueOn, doneOn: ms.doneOn })),
      };
    }),
    summary,
  };
}

export const RatingEntry = z.object({
  itemId: uuid,
  rating: z.enum(RATINGS).nullable(),
  evidence: z.string().trim().max(4000, `${E}.evidenceTooLong`).default(""),
});
export type RatingEntry = z.input<typeof RatingEntry>;

/**
 * Saves the ratings of an assessment's criteria, all or nothing: a criterion rated "erfüllt" without
 * evidence refuses the whole form, each such criterion named. A criterion without a rating is left
 * open (its earlier rating removed).
 */
export async function saveRatings(
  tx: Tx,
  id: string,
  raw: RatingEntry[],
): Promise<Result<{ saved: number }> | (Failure & { errors: Record<string, string> })> {
  const found = await openAssessment(tx, id);
  if (!found.ok) return found;
  const a = found.value;
  const entries = raw.map((r) => RatingEntry.parse(r));
  const known = new Set(
    (
      await tx
        .select({ id: catalogueItems.id })
        .from(catalogueItems)
        .where(eq(catalogueItems.catalogueId, a.catalogueId))
    ).map((i) => i.id),
  );
  const errors: Record<string, string> = {};
  for (const e of entries) {
    if (!known.has(e.itemId)) return fail(`${E}.criterion`);
    if (e.rating === "met" && !e.evidence) errors[`evidence-${e.itemId}`] = `${E}.evidenceRequired`;
  }
  if (Object.keys(errors).length) return { ...fail(`${E}.evidenceRequired`), errors };
  const before = await tx.select().from(ratings).where(eq(ratings.assessmentId, a.id));
  const set = entries.filter((e) => e.rating !== null);
  const cleared = entries.filter((e) => e.rating === null).map((e) => e.itemId);
  if (cleared.length)
    await tx.delete(ratings).where(and(eq(ratings.assessmentId, a.id), inArray(ratings.itemId, cleared)));
  if (set.length)
    await tx
      .insert(ratings)
      .values(
        set.map((e) => ({
          tenantId: sql`app_tenant_id()` as unknown as string,
          assessmentId: a.id,
          itemId: e.itemId,
          rating: e.rating!,
          evidence: e.evidence || null,
        })),
      )
      .onConflictDoUpdate({
        target: [ratings.assessmentId, ratings.itemId],
        set: { rating: sql`excluded.rating`, evidence: sql`excluded.evidence`, updatedAt: sql`now()` },
      });
  await touch(tx, a.id);
  await audit(tx, {
    action: "update",
    entity: "opening_ratings",
    entityId: a.id,
    before: before.map((r) => ({ itemId: r.itemId, rating: r.rating, evidence: r.evidence })),
    after: set.map((e) => ({ itemId: e.itemId, rating: e.rating, evidence: e.evidence || null })),
  });
  return ok({ saved: set.length });
}

export const AnswerEntry = z.object({
  itemId: uuid,
  answer: z.string().trim().max(8000, `${E}.answerTooLong`).default(""),
  checked: z.boolean().default(false),
});
export type AnswerEntry = z.input<typeof AnswerEntry>;

/** Saves answers to question sets and the barrier and success-factor check lists of one phase. */
export async function saveAnswers(tx: Tx, id: string, raw: AnswerEntry[]): Promise<Result<{ saved: number }>> {
  const found = await openAssessment(tx, id);
  if (!found.ok) return found;
  const a = found.value;
  const entries = raw.map((r) => AnswerEntry.parse(r));
  if (!entries.length) return ok({ saved: 0 });
  const known = await tx
    .select({ id: catalogueItems.id })
    .from(catalogueItems)
    .innerJoin(catalogues, eq(catalogues.id, catalogueItems.catalogueId))
    .where(
      and(
        inArray(
          catalogueItems.id,
          entries.map((e) => e.itemId),
        ),
        inArray(catalogues.kind, ["questions", "barriers", "factors"]),
      ),
    );
  if (known.length !== new Set(entries.map((e) => e.itemId)).size) return fail(`${E}.criterion`);
  await tx
    .insert(answers)
    .values(
      entries.map((e) => ({
        tenantId: sql`app_tenant_id()` as unknown as string,
        assessmentId: a.id,
        itemId: e.itemId,
        answer: e.answer || null,
        checked: e.checked,
      })),
    )
    .onConflictDoUpdate({
      target: [answers.assessmentId, answers.itemId],
      set: { answer: sql`excluded.answer`, checked: sql`excluded.checked` },
    });
  await touch(tx, a.id);
  await audit(tx, { action: "update", entity: "opening_answers", entityId: a.id, after: entries });
  return ok({ saved: entries.length });
}

export const MissionInput = z.object({ mission: z.string().trim().max(8000, `${E}.answerTooLong`) });

export async function saveMission(tx: Tx, id: string, mission: string): Promise<Result<undefined>> {
  const found = await openAssessment(tx, id);
  if (!found.ok) return found;
  const a = found.value;
  const m = MissionInput.parse({ mission }).mission || null;
  await tx.update(assessments).set({ mission: m, updatedAt: new Date() }).where(eq(assessments.id, a.id));
  await audit(tx, {
    action: "update",
    entity: "opening_assessment",
    entityId: a.id,
    before: { mission: a.mission },
    after: { mission: m },
  });
  return ok(undefined);
}

/** Moves the assessment to a phase of the cycle (any order: practice rarely goes step by step, 003:2120). */
export async function setPhase(tx: Tx, id: string, phase: string): Promise<Result<undefined>> {
  const found = await openAssessment(tx, id);
  if (!found.ok) return found;
  const a = found.value;
  const p = z.enum(PHASES).safeParse(phase);
  if (!p.success) return fail(`${E}.phase`, "phase");
  await tx.update(assessments).set({ phase: p.data, updatedAt: new Date() }).where(eq(assessments.id, a.id));
  await audit(tx, {
    action: "update",
    entity: "opening_assessment",
    entityId: a.id,
    before: { phase: a.phase },
    after: { phase: p.data },
  });
  return ok(undefined);
}

/** Closes the assessment: every criterion must be rated. Afterwards it is the record the next year compares with. */
export async function completeAssessment(tx: Tx, id: string, today: string): Promise<Result<undefined>> {
  const found = await openAssessment(tx, id);
  if (!found.ok) return found;
  const a = found.value;
  const [open] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(catalogueItems)
    .where(
      and(
        eq(catalogueItems.catalogueId, a.catalogueId),
        sql`NOT EXISTS (SELECT 1 FROM opening_ratings r WHERE r.assessment_id = ${a.id} AND r.item_id = opening_catalogue_items.id)`,
      ),
    );
  if (open.n > 0) return fail(`${E}.unrated`, undefined, { count: open.n });
  if (!isIsoDate(today)) return fail(`${E}.date`);
  await tx
    .update(assessments)
    .set({ completedOn: today, phase: "evaluation", updatedAt: new Date() })
    .where(eq(assessments.id, a.id));
  await audit(tx, { action: "complete", entity: "opening_assessment", entityId: a.id, after: { completedOn: today } });
  return ok(undefined);
}

/**
 * A workshop's note to one of the resistance statements. Nothing about who wrote it is kept – not
 * even in the audit log, which records only that a note was added to the assessment.
 */
export async function addWorkshopNote(tx: Tx, id: string, itemId: string, note: string): Promise<Result<undefined>> {
  const found = await openAssessment(tx, id);
  if (!found.ok) return found;
  const a = found.value;
  const text = z.string().trim().min(1, `${E}.noteEmpty`).max(2000, `${E}.noteTooLong`).safeParse(note);
  if (!text.success) return fail(text.error.issues[0].message, "note");
  if (!uuid.safeParse(itemId).success) return fail(`${E}.prompt`, "itemId");
  const [item] = await tx
    .select({ id: catalogueItems.id })
    .from(catalogueItems)
    .innerJoin(catalogues, eq(catalogues.id, catalogueItems.catalogueId))
    .where(and(eq(catalogueItems.id, itemId), eq(catalogues.kind, "prompts")));
  if (!item) return fail(`${E}.prompt`, "itemId");
  await tx.insert(workshopNotes).values({
    tenantId: sql`app_tenant_id()` as unknown as string,
    assessmentId: a.id,
    itemId,
    note: text.data,
  });
  await audit(tx, {
    action: "create",
    entity: "opening_workshop_note",
    entityId: a.id,
    actorId: null,
    actorLabel: "anonym",
  });
  return ok(undefined);
}

export const ActionInput = z.object({
  title: z.string().trim().min(1).max(300),
  owner: z.string().trim().min(1).max(200),
  itemId: uuid.optional().nullable(),
  conceptMeasureId: uuid.optional().nullable(),
  milestoneTitle: z.string().trim().max(300).optional().nullable(),
  milestoneDue: z.string().refine(isIsoDate, `${E}.date`).optional().nullable(),
});
export type ActionInput = z.input<typeof ActionInput>;

/** A measure of the action plan, optionally for a criterion and linked to a measure of the concept. */
export async function addAction(tx: Tx, id: string, raw: ActionInput): Promise<Result<{ id: string }>> {
  const a = await assessmentRow(tx, id);
  if (!a) return fail(`${E}.notFound`);
  const input = ActionInput.parse(raw);
  if (input.itemId) {
    const [it] = await tx
      .select({ id: catalogueItems.id })
      .from(catalogueItems)
      .where(and(eq(catalogueItems.id, input.itemId), eq(catalogueItems.catalogueId, a.catalogueId)));
    if (!it) return fail(`${E}.criterion`, "itemId");
  }
  if (input.conceptMeasureId && !(await getMeasureRow(tx, input.conceptMeasureId)))
    return fail(`${E}.measure`, "conceptMeasureId");
  if (!!input.milestoneTitle !== !!input.milestoneDue) return fail(`${E}.milestoneBoth`, "milestoneDue");
  const [{ n }] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(actions)
    .where(eq(actions.assessmentId, a.id));
  const [row] = await tx
    .insert(actions)
    .values({
      tenantId: sql`app_tenant_id()` as unknown as string,
      assessmentId: a.id,
      title: input.title,
      owner: input.owner,
      itemId: input.itemId ?? null,
      conceptMeasureId: input.conceptMeasureId ?? null,
      position: n,
    })
    .returning();
  if (input.milestoneTitle && input.milestoneDue)
    await tx.insert(actionMilestones).values({
      tenantId: sql`app_tenant_id()` as unknown as string,
      actionId: row.id,
      title: input.milestoneTitle,
      dueOn: input.milestoneDue,
    });
  await audit(tx, { action: "create", entity: "opening_action", entityId: row.id, after: row });
  return ok({ id: row.id });
}

async function actionOf(tx: Tx, assessmentId: string, actionId: string) {
  if (!uuid.safeParse(actionId).success) return undefined;
  const [x] = await tx
    .select()
    .from(actions)
    .where(and(eq(actions.id, actionId), eq(actions.assessmentId, assessmentId)));
  return x;
}

export async function setActionStatus(
  tx: Tx,
  id: string,
  actionId: string,
  status: string,
): Promise<Result<undefined>> {
  const x = await actionOf(tx, id, actionId);
  if (!x) return fail(`${E}.action`);
  const s = z.enum(ACTION_STATUSES).safeParse(status);
  if (!s.success) return fail(`${E}.status`, "status");
  await tx.update(actions).set({ status: s.data }).where(eq(actions.id, x.id));
  await audit(tx, {
    action: "update",
    entity: "opening_action",
    entityId: x.id,
    before: { status: x.status },
    after: { status: s.data },
  });
  return ok(undefined);
}

export const MilestoneInput = z.object({
  title: z.string().trim().min(1).max(300),
  dueOn: z.string().refine(isIsoDate, `${E}.date`),
});

export async function addMilestone(
  tx: Tx,
  id: string,
  actionId: string,
  raw: z.input<typeof MilestoneInput>,
): Promise<Result<undefined>> {
  const x = await actionOf(tx, id, actionId);
  if (!x) return fail(`${E}.action`);
  const input = MilestoneInput.parse(raw);
  const [m] = await tx
    .insert(actionMilestones)
    .values({ tenantId: sql`app_tenant_id()` as unknown as string, actionId: x.id, ...input })
    .returning();
  await audit(tx, { action: "create", entity: "opening_action_milestone", entityId: m.id, after: m });
  return ok(undefined);
}

export async function completeMilestone(
  tx: Tx,
  id: string,
  milestoneId: string,
  doneOn: string,
): Promise<Result<undefined>> {
  if (!uuid.safeParse(milestoneId).success || !isIsoDate(doneOn)) return fail(`${E}.date`, "doneOn");
  const [m] = await tx
    .select({ id: actionMilestones.id, doneOn: actionMilestones.doneOn })
    .from(actionMilestones)
    .innerJoin(actions, eq(actions.id, actionMilestones.actionId))
    .where(and(eq(actionMilestones.id, milestoneId), eq(actions.assessmentId, id)));
  if (!m) return fail(`${E}.action`);
  await tx.update(actionMilestones).set({ doneOn }).where(eq(actionMilestones.id, m.id));
  await audit(tx, {
    action: "update",
    entity: "opening_action_milestone",
    entityId: m.id,
    before: m,
    after: { doneOn },
  });
  return ok(undefined);
}

async function touch(tx: Tx, id: string) {
  await tx.update(assessments).set({ updatedAt: new Date() }).where(eq(assessments.id, id));
}
