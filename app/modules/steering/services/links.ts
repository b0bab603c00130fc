import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "~/kernel/db/client";
import { audit } from "~/kernel/audit/service";
import { fail, invalid, ok, type Result } from "~/kernel/errors";
import { TARGET_DIRECTIONS, TARGET_KINDS } from "~/kernel/evidence";
import { getGoal, getMeasureRow } from "~/modules/concept";
import { indicatorCatalogue, listAreas } from "~/modules/monitoring";
import { goalTargets, measureAreas, measureIndicators } from "../schema";

const year = z.number().int().min(1990, "steering.errors.year").max(2100, "steering.errors.year");
const group = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[\p{L}\p{N}_.:-]+$/u, "steering.errors.group");

/** A goal's target on one indicator: a value (or parity with a compare group), direction, years. */
export const TargetInput = z
  .object({
    goalId: z.string().uuid(),
    indicator: z.string().trim().min(1, "steering.errors.indicator").max(100),
    /** "level:key", or empty for the whole municipality. */
    area: z.string().trim().max(200).default(""),
    group: group.default("gesamt"),
    kind: z.enum(TARGET_KINDS),
    targetValue: z.number().finite().min(-1e12).max(1e12).nullable().default(null),
    direction: z.enum(TARGET_DIRECTIONS),
    targetYear: year.nullable().default(null),
    compareGroup: group.nullable().default(null),
    baseYear: year.nullable().default(null),
    note: z.string().trim().max(2000).nullable().default(null),
    exampleNote: z.string().nullable().default(null),
  })
  .superRefine((v, ctx) => {
    if (v.kind === "value" && v.targetValue == null)
      ctx.addIssue({ code: "custom", path: ["targetValue"], message: "steering.errors.targetValue" });
    if (v.kind === "parity" && !v.compareGroup)
      ctx.addIssue({ code: "custom", path: ["compareGroup"], message: "steering.errors.compareGroup" });
    if (v.kind === "parity" && v.compareGroup === v.group)
      ctx.addIssue({ code: "custom", path: ["compareGroup"], message: "steering.errors.compareSame" });
    if (v.baseYear != null && v.targetYear != null && v.baseYear >= v.targetYear)
      ctx.addIssue({ code: "custom", path: ["baseYear"], message: "steering.errors.baseAfterTarget" });
  });
export type TargetInput = z.input<typeof TargetInput>;

async function indicatorId(tx: Tx, code: string): Promise<string | undefined> {
  return (await indicatorCatalogue(tx, { publicOnly: false })).find((i) => i.code === code)?.id;
}

/** "stadtteil:101" → the area's id; "" → null (whole municipality); undefined when unknown. */
async function areaId(tx: Tx, ref: string): Promise<string | null | undefined> {
  if (!ref) return null;
  const i = ref.indexOf(":");
  if (i < 1) return undefined;
  const [level, key] = [ref.slice(0, i), ref.slice(i + 1)];
  return (await listAreas(tx, level)).find((a) => a.key === key)?.id;
}

export async function addTarget(tx: Tx, input: TargetInput): Promise<Result<{ id: string }>> {
  const p = TargetInput.safeParse(input);
  if (!p.success) return invalid(p.error.issues);
  const v = p.data;
  const goal = await getGoal(tx, v.goalId);
  if (!goal) return fail("steering.errors.goalMissing");
  if (goal.kind === "themenfeld") return fail("steering.errors.themenfeld", "goalId");
  const ind = await indicatorId(tx, v.indicator);
  if (!ind) return fail("steering.errors.indicator", "indicator");
  const area = await areaId(tx, v.area);
  if (area === undefined) return fail("steering.errors.area", "area");
  const dup = await tx
    .select({ id: goalTargets.id })
    .from(goalTargets)
    .where(
      and(
        eq(goalTargets.goalId, goal.id),
        eq(goalTargets.indicatorId, ind),
        area ? eq(goalTargets.areaId, area) : sql`${goalTargets.areaId} IS NULL`,
        eq(goalTargets.groupCode, v.group),
      ),
    );
  if (dup.length) return fail("steering.errors.duplicate", "indicator");
  const [row] = await tx
    .insert(goalTargets)
    .values({
      tenantId: sql`app_tenant_id()`,
      goalId: goal.id,
      indicatorId: ind,
      areaId: area,
      groupCode: v.group,
      kind: v.kind,
      targetValue: v.kind === "value" ? v.targetValue : null,
      direction: v.direction,
      targetYear: v.targetYear,
      compareGroup: v.kind === "parity" ? v.compareGroup : null,
      baseYear: v.baseYear,
      note: v.note || null,
      exampleNote: v.exampleNote,
    })
    .returning();
  await audit(tx, { action: "create", entity: "steering_goal_target", entityId: row.id, after: row });
  return ok({ id: row.id });
}

export async function removeTarget(tx: Tx, id: string): Promise<Result<undefined>> {
  const [row] = await tx.delete(goalTargets).where(eq(goalTargets.id, id)).returning();
  if (!row) return fail("steering.errors.targetMissing");
  await audit(tx, { action: "delete", entity: "steering_goal_target", entityId: id, before: row });
  return ok(undefined);
}

/** Replaces the indicators a measure is meant to move and the areas it works in. */
export async function setMeasureLinks(
  tx: Tx,
  measureId: string,
  links: { indicators: string[]; areas: string[] },
): Promise<Result<undefined>> {
  if (!(await getMeasureRow(tx, measureId))) return fail("steering.errors.measureMissing");
  if (links.indicators.length > 50 || links.areas.length > 500) return fail("steering.errors.tooMany");
  const catalogue = new Map((await indicatorCatalogue(tx, { publicOnly: false })).map((i) => [i.code, i.id]));
  const indIds: string[] = [];
  for (const code of new Set(links.indicators)) {
    const id = catalogue.get(code);
    if (!id) return fail("steering.errors.indicator", "indicators", { code });
    indIds.push(id);
  }
  const areas = await listAreas(tx);
  const areaIds: string[] = [];
  for (const ref of new Set(links.areas)) {
    const i = ref.indexOf(":");
    const a = areas.find((x) => `${x.level}:${x.key}` === ref && i > 0);
    if (!a) return fail("steering.errors.area", "areas", { area: ref });
    areaIds.push(a.id);
  }
  const before = await measureLinkIds(tx, measureId);
  await tx.delete(measureIndicators).where(eq(measureIndicators.measureId, measureId));
  await tx.delete(measureAreas).where(eq(measureAreas.measureId, measureId));
  if (indIds.length)
    await tx
      .insert(measureIndicators)
      .values(indIds.map((indicatorId) => ({ tenantId: sql`app_tenant_id()`, measureId, indicatorId })));
  if (areaIds.length)
    await tx
      .insert(measureAreas)
      .values(areaIds.map((areaId) => ({ tenantId: sql`app_tenant_id()`, measureId, areaId })));
  await audit(tx, {
    action: "update",
    entity: "steering_measure_links",
    entityId: measureId,
    before,
    after: { indicators: indIds, areas: areaIds },
  });
  return ok(undefined);
}

async function measureLinkIds(tx: Tx, measureId: string) {
  const inds = await tx
    .select({ id: measureIndicators.indicatorId })
    .from(measureIndicators)
    .where(eq(measureIndicators.measureId, measureId));
  const areas = await tx
    .select({ id: measureAreas.areaId })
    .from(measureAreas)
    .where(eq(measureAreas.measureId, measureId));
  return { indicators: inds.map((r) => r.id), areas: areas.map((r) => r.id) };
}

export async function targetsOf(tx: Tx, goalIds: string[]) {
  if (!goalIds.length) return [];
  return tx.select().from(goalTargets).where(inArray(goalTargets.goalId, goalIds));
}

export async function measureLinksOf(tx: Tx, measureIds: string[]) {
  if (!measureIds.length) return { indicators: [], areas: [] };
  return {
    indicators: await tx.select().from(measureIndicators).where(inArray(measureIndicators.measureId, measureIds)),
    areas: await tx.select().from(measureAreas).where(inArray(measureAreas.measureId, measureIds)),
  };
}
