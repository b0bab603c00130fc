// Tells the kernel's taxonomy how many indicators belong to each Handlungsfeld (decision 0037).
import { sql } from "drizzle-orm";
import type { Tx } from "~/kernel/db/client";
import { rows } from "~/kernel/db/context";
import type { TermRef, TermUse } from "~/kernel/taxonomy/usage";

export async function usage(tx: Tx, terms: TermRef[]): Promise<TermUse[]> {
  const ids = terms.filter((t) => t.kind === "handlungsfeld").map((t) => t.id);
  if (!ids.length) return [];
  const counted = await rows<{ id: string; n: number }>(
    tx,
    sql`SELECT field_id AS id, count(*)::int AS n FROM mon_indicators
        WHERE field_id IN (${sql.join(
          ids.map((id) => sql`${id}::uuid`),
          sql`, `,
        )}) GROUP BY field_id`,
  );
  return counted.map((r) => ({ termId: r.id, labelKey: "monitoring.taxonomyUse.indicators", count: r.n }));
}
