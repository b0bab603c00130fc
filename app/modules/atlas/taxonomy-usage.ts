// Tells the kernel's taxonomy how many atlas entries carry each term (decision 0037). Entries keep
// terms by code in arrays (no key can guard them), so this count is what keeps a term in use.
import { sql } from "drizzle-orm";
import type { Tx } from "~/kernel/db/client";
import { rows } from "~/kernel/db/context";
import type { TermRef, TermUse } from "~/kernel/taxonomy/usage";

export async function usage(tx: Tx, terms: TermRef[]): Promise<TermUse[]> {
  const out: TermUse[] = [];
  for (const [kind, column] of [
    ["handlungsfeld", sql`handlungsfelder`],
    ["target_group", sql`target_groups`],
  ] as const) {
    const of = terms.filter((t) => t.kind === kind);
    if (!of.length) continue;
    const counted = await rows<{ code: string; n: number }>(
      tx,
      sql`SELECT c AS code, count(*)::int AS n FROM atlas_entries, unnest(${column}) c
          WHERE c IN (${sql.join(
            of.map((t) => sql`${t.code}`),
            sql`, `,
          )}) GROUP BY c`,
    );
    for (const r of counted) {
      const term = of.find((t) => t.code === r.code)!;
      out.push({ termId: term.id, labelKey: "atlas.taxonomyUse.entries", count: r.n });
    }
  }
  return out;
}
