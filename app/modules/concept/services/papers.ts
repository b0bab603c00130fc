import { eq, sql } from "drizzle-orm";
import type { Tx } from "~/kernel/db/client";
import { audit } from "~/kernel/audit/service";
import { getPaper, listPapers } from "~/modules/bodies";
import { measurePapers } from "../schema";
import { fail, ok, type Result } from "./concept";

// Measures linked to papers (Vorlagen). The papers are the bodies module's (decision 0024); the
// link is the concept's, as the measure is.

const tenant = sql`app_tenant_id()` as unknown as string;

/** Links a measure to a paper (e.g. the one that adopted or reported on it). */
export async function linkMeasure(tx: Tx, paperId: string, measureId: string): Promise<Result<undefined>> {
  const p = await getPaper(tx, paperId);
  if (!p) return fail("concept.errors.submissionNotFound", "submissionId");
  const linked = await tx.select().from(measurePapers).where(eq(measurePapers.paperId, paperId));
  if (linked.some((l) => l.measureId === measureId))
    return fail("concept.errors.alreadyLinked", "submissionId", { number: p.number });
  await tx.insert(measurePapers).values({ tenantId: tenant, paperId, measureId });
  await audit(tx, {
    action: "create",
    entity: "concept_measure_paper",
    entityId: paperId,
    after: { paperId, measureId },
  });
  return ok(undefined);
}

/** The papers a measure is linked to, newest first. */
export async function papersOfMeasure(tx: Tx, measureId: string) {
  const links = await tx.select().from(measurePapers).where(eq(measurePapers.measureId, measureId));
  return links.length
    ? listPapers(
        tx,
        links.map((l) => l.paperId),
      )
    : [];
}
