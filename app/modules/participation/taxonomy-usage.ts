// Tells the kernel's taxonomy how many processes, cards and competence notes carry each Handlungsfeld
// (decision 0037), so a field a Fachgespräch or a card uses is not deleted from under it.
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
    sql`SELECT handlungsfeld_id AS id, 'processes' AS what, count(*)::int AS n FROM participation_processes
          WHERE handlungsfeld_id IN (${list}) GROUP BY handlungsfeld_id
        UNION ALL
        SELECT handlungsfeld_id, 'cards', count(*)::int FROM participation_cards
          WHERE handlungsfeld_id IN (${list}) GROUP BY handlungsfeld_id
        UNION ALL
        SELECT handlungsfeld_id, 'competences', count(*)::int FROM participation_handlungsfeld_competences
          WHERE handlungsfeld_id IN (${list}) GROUP BY handlungsfeld_id`,
  );
  return counted.map((r) => ({ termId: r.id, labelKey: `participation.taxonomyUse.${r.what}`, count: r.n }));
}
