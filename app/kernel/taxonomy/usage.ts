// Which module still uses a term (decision 0037): the kernel owns the taxonomy but never reads a
// module's tables, so a module that tags its things with terms says how many it tags through
// `taxonomyUsage` in its manifest; the registry joins them, like evidence (decision 0032) and
// areaContents. The taxonomy's delete asks the joined lookup and refuses while anything is counted.
import { sql } from "drizzle-orm";
import type { Tx } from "../db/client";
import { rows } from "../db/context";
import type { TermKind } from "./presets";

export interface TermRef {
  id: string;
  kind: TermKind;
  code: string;
}

/** `labelKey`: an i18n key with a {{count}} plural ("concept.taxonomyUse.measures"). */
export interface TermUse {
  termId: string;
  labelKey: string;
  count: number;
}

export interface TaxonomyUsageModule {
  /** How many of the module's things (of this tenant, any state) carry each of the terms; zero counts may be left out. */
  usage(tx: Tx, terms: TermRef[]): Promise<TermUse[]>;
}

export type TaxonomyUsage = TaxonomyUsageModule["usage"];

/** No module: nothing is in use (a kernel without modules, or a test of the kernel alone). */
export const noUsage: TaxonomyUsage = async () => [];

export function joinTaxonomyUsage(loaders: readonly (() => Promise<TaxonomyUsageModule>)[]): TaxonomyUsage {
  return async (tx, terms) => {
    if (!terms.length) return [];
    const all: TermUse[] = [];
    for (const load of loaders) all.push(...(await (await load()).usage(tx, terms)).filter((u) => u.count > 0));
    return all;
  };
}

/**
 * The common case: tables that point at a Handlungsfeld by a `handlungsfeld_id` column, counted per
 * term in one statement and labelled `<module>.taxonomyUse.<what>` (`tables`: what → table name, a
 * constant of the module, never input).
 */
export async function countHandlungsfeldRows(
  tx: Tx,
  terms: TermRef[],
  module: string,
  tables: Record<string, string>,
): Promise<TermUse[]> {
  const ids = terms.filter((t) => t.kind === "handlungsfeld").map((t) => t.id);
  if (!ids.length) return [];
  const list = sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const counted = await rows<{ id: string; what: string; n: number }>(
    tx,
    sql.join(
      Object.entries(tables).map(
        ([what, table]) =>
          sql`SELECT handlungsfeld_id AS id, ${what}::text AS what, count(*)::int AS n FROM ${sql.identifier(table)}
              WHERE handlungsfeld_id IN (${list}) GROUP BY handlungsfeld_id`,
      ),
      sql` UNION ALL `,
    ),
  );
  return counted.map((r) => ({ termId: r.id, labelKey: `${module}.taxonomyUse.${r.what}`, count: r.n }));
}
