// What happens in an area, from the modules that know it (issue 13: "the area profile shows the
// measures and offers in that area"): the monitoring's area profile lists them without importing the
// modules that record measures' Stadtteile (steering) or offers' places (atlas), which import the
// monitoring themselves. A module contributes `areaContents` in its manifest; the registry joins the
// contributions, like provenance (decision 0028) and evidence (decision 0032). Public content only:
// the area profile is a public page.
import type { Tx } from "./db/client";

export const AREA_ITEM_KINDS = ["measure", "offer"] as const;
export type AreaItemKind = (typeof AREA_ITEM_KINDS)[number];

export interface AreaItem {
  kind: AreaItemKind;
  id: string;
  title: string;
  /** Language of the title (offers may be shown in the visitor's language). */
  lang: string;
  /** The item's public page below /t/:slug. */
  path: string;
  /** A short second line as text (an offer's provider) … */
  detail: string | null;
  /** … or as an i18n key (a measure's status). */
  detailKey: string | null;
  /** The Stadtteil it is in, when the profile is of a larger area. */
  areaName: string | null;
}

export interface AreaRef {
  id: string;
  level: string;
  key: string;
  name: string;
}

export interface AreaContentsModule {
  /** Public items in the area or in its sub-areas (`within`: the area and its descendants). */
  inArea(tx: Tx, area: AreaRef, within: AreaRef[], opts: { lang: string }): Promise<AreaItem[]>;
}

export type AreaContents = AreaContentsModule["inArea"];

/** Joins the modules' contributions (loaded on first use): measures first, then offers, each by title. */
export function joinAreaContents(loaders: readonly (() => Promise<AreaContentsModule>)[]): AreaContents {
  return async (tx, area, within, opts) => {
    const all: AreaItem[] = [];
    for (const load of loaders) all.push(...(await (await load()).inArea(tx, area, within, opts)));
    return all.sort(
      (a, b) =>
        AREA_ITEM_KINDS.indexOf(a.kind) - AREA_ITEM_KINDS.indexOf(b.kind) || a.title.localeCompare(b.title, "de"),
    );
  };
}
