import type { Tx } from "~/kernel/db/client";
import type { ValueState } from "~/kernel/value-states";
import { listIndicators, type Derivation, type Indicator } from "./indicators";
import { indicatorsWithData, manyIndicatorValues } from "./values";

// The monitoring's start page (issue 18): one tile per indicator that has values, with the whole city's
// latest value, the year before and the trend; indicators without values are listed for staff only, with
// what is missing. The values are the public ones: suppressed cells stay hidden (kernel disclosure rules).

/** An indicator's names as the pages translate them (texts.ts). */
type Named = Pick<Indicator, "code" | "name" | "coreSet" | "field" | "fieldEn" | "fieldPreset">;
const named = (i: Indicator): Named => ({
  code: i.code,
  name: i.name,
  coreSet: i.coreSet,
  field: i.field,
  fieldEn: i.fieldEn,
  fieldPreset: i.fieldPreset,
});

export interface OverviewTile extends Named {
  unit: string;
  /** The whole city's value in the latest period that has one; null when the city level has none. */
  latest: { period: string; value: number | null; state: ValueState } | null;
  previous: { period: string; value: number } | null;
  /** The city's values by period, oldest first (null where hidden or missing). */
  series: { period: string; value: number | null }[];
  source: string | null;
}

export interface EmptyIndicator extends Named {
  /** For a computed indicator: the series it is computed from that have no values. */
  missingInputs: Pick<Indicator, "code" | "name" | "coreSet">[] | null;
}

/** The whole municipality's series: the area of level "stadt", all people ("gesamt"). */
const HEADLINE = { level: "stadt", group: "gesamt" } as const;

export async function monitoringOverview(tx: Tx): Promise<{ tiles: OverviewTile[]; empty: EmptyIndicator[] }> {
  // All indicators for the check: a public indicator may be computed from an internal one.
  const all = await listIndicators(tx);
  const inds = all.filter((i) => i.isPublic);
  const { withData } = await indicatorsWithData(tx, all);
  const filled = inds.filter((i) => withData.has(i.code));
  const values = await manyIndicatorValues(tx, filled, HEADLINE);
  const tiles = filled.map((i): OverviewTile => {
    const cells = values.get(i.code) ?? [];
    const series = cells.map((c) => ({ period: c.period, value: c.value }));
    const shown = cells.filter((c) => c.value !== null || c.state === "suppressed");
    const last = shown.at(-1);
    const before = cells.filter((c) => c.value !== null && last && c.period < last.period).at(-1);
    return {
      ...named(i),
      unit: i.unit,
      latest: last ? { period: last.period, value: last.value, state: last.state } : null,
      previous: before ? { period: before.period, value: before.value! } : null,
      series,
      source: last?.source ?? i.source ?? null,
    };
  });
  const byCode = new Map(all.map((i) => [i.code, i]));
  const empty = inds
    .filter((i) => !withData.has(i.code))
    .map((i: Indicator): EmptyIndicator => {
      const d = i.derivation as Derivation | null;
      return {
        ...named(i),
        missingInputs: d
          ? [d.a.indicator, d.b.indicator]
              .filter((c) => !withData.has(c))
              .map((c) => {
                const x = byCode.get(c);
                return { code: c, name: x?.name ?? c, coreSet: x?.coreSet ?? false };
              })
          : null,
      };
    });
  return { tiles, empty };
}
