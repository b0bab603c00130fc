// Which module still uses a term (decision 0037): the kernel owns the taxonomy but never reads a
// module's tables, so a module that tags its things with terms says how many it tags through
// `taxonomyUsage` in its manifest; the registry joins them, like evidence (decision 0032) and
// areaContents. The taxonomy's delete asks the joined lookup and refuses while anything is counted.
import type { Tx } from "../db/client";
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
