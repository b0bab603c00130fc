import { inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "~/kernel/db/client";
import { audit } from "~/kernel/audit/service";
import { fail, ok, type Result } from "~/kernel/errors";
import { getEdition, loadGoals, measureSuccessors } from "~/modules/concept";
import { goalTargets, measureAreas, measureIndicators } from "../schema";

export interface Carried {
  targets: number;
  measureIndicators: number;
  measureAreas: number;
}

/**
 * A Fortschreibung copies goals and measures (decision 0035); this carries what steering recorded for
 * them into the new edition: each goal's targets onto the goal with the same reference, each carried
 * measure's indicators and Stadtteile onto its successor. Idempotent – what the new edition already
 * has is kept, nothing is carried twice – and a fixed number of statements whatever the size.
 */
export async function carryLinks(tx: Tx, editionId: string): Promise<Result<Carried>> {
  // Form input: not an id at all is the same answer as an unknown one (and no database error).
  const edition = z.string().uuid().safeParse(editionId).success ? await getEdition(tx, editionId) : undefined;
  if (!edition) return fail("steering.errors.noEdition");
  if (!edition.sourceEditionId) return fail("steering.errors.notAFortschreibung");
  const [before, after, successors] = await Promise.all([
    loadGoals(tx, edition.sourceEditionId),
    loadGoals(tx, edition.id),
    measureSuccessors(tx, edition.id),
  ]);
  const newGoal = new Map(after.map((g) => [`${g.kind}:${g.ref}`, g.id]));
  const goalMap = new Map(
    before.flatMap((g) => (newGoal.has(`${g.kind}:${g.ref}`) ? [[g.id, newGoal.get(`${g.kind}:${g.ref}`)!]] : [])),
  );
  const measureMap = new Map(successors.map((m) => [m.predecessorId, m.id]));

  const targets = goalMap.size
    ? await tx
        .select()
        .from(goalTargets)
        .where(inArray(goalTargets.goalId, [...goalMap.keys()]))
    : [];
  const tenant = sql`app_tenant_id()` as unknown as string;
  const insertedTargets = targets.length
    ? await tx
        .insert(goalTargets)
        .values(
          targets.map(({ id: _id, createdAt: _c, tenantId: _t, goalId, ...rest }) => ({
            ...rest,
            tenantId: tenant,
            goalId: goalMap.get(goalId)!,
          })),
        )
        .onConflictDoNothing()
        .returning({ id: goalTargets.id })
    : [];
  const from = [...measureMap.keys()];
  const [inds, areas] = from.length
    ? await Promise.all([
        tx.select().from(measureIndicators).where(inArray(measureIndicators.measureId, from)),
        tx.select().from(measureAreas).where(inArray(measureAreas.measureId, from)),
      ])
    : [[], []];
  const insertedInds = inds.length
    ? await tx
        .insert(measureIndicators)
        .values(
          inds.map((l) => ({ tenantId: tenant, measureId: measureMap.get(l.measureId)!, indicatorId: l.indicatorId })),
        )
        .onConflictDoNothing()
        .returning({ m: measureIndicators.measureId })
    : [];
  const insertedAreas = areas.length
    ? await tx
        .insert(measureAreas)
        .values(areas.map((l) => ({ tenantId: tenant, measureId: measureMap.get(l.measureId)!, areaId: l.areaId })))
        .onConflictDoNothing()
        .returning({ m: measureAreas.measureId })
    : [];
  const carried = {
    targets: insertedTargets.length,
    measureIndicators: insertedInds.length,
    measureAreas: insertedAreas.length,
  };
  await audit(tx, {
    action: "create",
    entity: "steering_carry",
    entityId: edition.id,
    after: { from: edition.sourceEditionId, ...carried },
  });
  return ok(carried);
}
