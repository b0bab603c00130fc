// Provenance between modules (decision 0028): where a thing of one module came from in another,
// without the two importing each other. A module that records such links (participation: a card
// carried into the concept as a measure) contributes `provenance` in its manifest; the registry
// joins the contributions, and the server hands the joined lookup to pages (appContext) and the API
// (ApiOptions). The module that shows the thing (concept's measure pages) asks by subject and ids.
// Only types and a joining function here: the kernel imports no module.
import type { Tx } from "./db/client";

/** What is asked about: a measure of the concept. More subjects are added here when needed. */
export type ProvenanceSubject = "concept.measure";
export const ORIGIN_RELATIONS = ["new", "amends", "confirms", "retires"] as const;
export type OriginRelation = (typeof ORIGIN_RELATIONS)[number];

/** One origin of a subject, in words the showing module can render without knowing the source. */
export interface Origin {
  subjectId: string;
  relation: OriginRelation;
  /** The contributing module (its name = its i18n key). */
  module: string;
  /** E.g. the participation process's title. */
  title: string;
  /** E.g. the process's phase in which the card was written. */
  part: string | null;
  /** E.g. the card's number. */
  number: number | null;
  /** The public page of the source below /t/:slug, if it is public. */
  publicPath: string | null;
  /** The staff page of the source below /t/:slug/verwaltung. */
  staffPath: string;
  /** ISO date of the link. */
  on: string;
}

export interface ProvenanceModule {
  origins(tx: Tx, subject: ProvenanceSubject, ids: string[], opts: { publicOnly: boolean }): Promise<Origin[]>;
}

export type Provenance = ProvenanceModule["origins"];

/** Joins the modules' contributions (loaded on first use) into one lookup. */
export function joinProvenance(loaders: readonly (() => Promise<ProvenanceModule>)[]): Provenance {
  return async (tx, subject, ids, opts) => {
    if (!ids.length || !loaders.length) return [];
    const all: Origin[] = [];
    for (const load of loaders) all.push(...(await (await load()).origins(tx, subject, ids, opts)));
    return all.sort((a, b) => a.on.localeCompare(b.on));
  };
}
