// Tells the kernel's taxonomy how many goals and measures carry each Handlungsfeld (decision 0037),
// so a field in use is not deleted from under them.
import { sql } from "drizzle-orm";
import type { Tx } from "~/kernel/db/client";
import { rows } from "~/kernel/db/context";
import type { TermRef, TermUse } from "~/kernel/taxonomy/usage";

export async function usage(tx: Tx, terms: TermRef[]): Promise<TermUse[]> {
  const ids = terms.filter((t) => t.kind === "handlungsfeld").map((t) => t.id);
  if (!ids.length) return [];
  const list = sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const counted = await rows<{ id: string; what: string; n: number }>(
    tx,
    sql`SELECT handlungsfeld_id AS id, 'measures' AS what, count(*)::int AS n FROM concept_measure_handlungsfelder
          WHERE handlungsfeld_id IN (${list}) GROUP BY handlungsfeld_id
        UNION ALL
        SELECT handlungsfeld_id, 'goals', count(*)::int FROM concept_goal_handlungsfelder
          WHERE handlungsfeld_id IN (${list}) GROUP BY handlungsfeld_id`,
  );
  return counted.map((r) => ({ termId: r.id, labelKey: `concept.taxonomyUse.${r.what}`, count: r.n }));
}
