import { ServiceError } from "~/kernel/errors";
import { sql, type SQL } from "drizzle-orm";
import type { Tx } from "~/kernel/db/client";
import { rows } from "~/kernel/db/context";
import { disclosureThreshold, listIndicators, type Derivation, type Indicator } from "./indicators";

export interface Cell {
  areaId: string;
  areaKey: string;
  areaName: string;
  areaLevel: string;
  period: string;
  group: string;
  /** null when suppressed and the caller may not see it. */
  value: number | null;
  suppressed: boolean;
  isEstimate: boolean;
  rangeLow: number | null;
  rangeHigh: number | null;
  footnote: string | null;
  source: string | null;
}

export interface ValueFilter {
  areaKeys?: string[];
  level?: string;
  group?: string;
  from?: string;
  to?: string;
}

interface Raw extends Omit<Cell, "value"> {
  value: number;
}

/**
 * Values of one indicator, base or derived. Derived indicators are computed here from their base
 * series, so a suppressed count makes every value built on it suppressed too. `reveal` is only
 * for staff with the right role; public pages, exports and the API pass false.
 */
export async function indicatorValues(
  tx: Tx,
  indicator: Indicator,
  filter: ValueFilter,
  opts: { reveal: boolean },
): Promise<Cell[]> {
  const catalogue = new Map((await listIndicators(tx)).map((i) => [i.code, i]));
  const threshold = await disclosureThreshold(tx);
  const areas = new Map(
    (await rows<AreaRow>(tx, sql`SELECT id, key, name, level FROM mon_areas`)).map((a) => [a.id, a]),
  );
  const raw = await evaluate(tx, catalogue, indicator, filter, threshold, 0, areas);
  const out = raw.filter((c) => !filter.group || c.group === filter.group);
  out.sort(
    (a, b) =>
      a.areaKey.localeCompare(b.areaKey, "de", { numeric: true }) ||
      a.period.localeCompare(b.period) ||
      a.group.localeCompare(b.group),
  );
  return out.map((c) => ({ ...c, value: c.suppressed && !opts.reveal ? null : c.value }));
}

async function evaluate(
  tx: Tx,
  catalogue: Map<string, Indicator>,
  ind: Indicator,
  f: ValueFilter,
  threshold: number,
  depth: number,
  areas: Map<string, AreaRow>,
): Promise<Raw[]> {
  if (depth > 8) throw new ServiceError("monitoring.errors.derivationTooDeep", { code: ind.code });
  const d = ind.derivation as Derivation | null;
  if (!d) return baseValues(tx, ind, f, threshold, areas);
  const get = (code: string) => {
    const i = catalogue.get(code);
    if (!i) throw new ServiceError("monitoring.errors.derivationUnknown", { code: ind.code, operand: code });
    return i;
  };
  // One after the other: a transaction runs one statement at a time anyway.
  const a = await evaluate(
    tx,
    catalogue,
    get(d.a.indicator),
    { ...f, group: d.a.group ?? f.group },
    threshold,
    depth + 1,
    areas,
  );
  const b = await evaluate(
    tx,
    catalogue,
    get(d.b.indicator),
    { ...f, group: d.b.group ?? f.group },
    threshold,
    depth + 1,
    areas,
  );
  // An operand with a fixed group is joined on area and period only; a pass-through operand also on group.
  const keyB = (c: Raw) => `${c.areaId}|${c.period}${d.b.group === null ? `|${c.group}` : ""}`;
  const bMap = new Map(b.map((c) => [keyB(c), c]));
  const out: Raw[] = [];
  for (const x of a) {
    if (d.a.group !== null && x.group !== d.a.group) continue;
    const y = bMap.get(`${x.areaId}|${x.period}${d.b.group === null ? `|${x.group}` : ""}`);
    if (!y || (d.b.group !== null && y.group !== d.b.group)) continue;
    const v = combine(d.op, x.value, y.value);
    if (v === null) continue;
    const group =
      d.a.group === null ? x.group : d.b.group === null ? y.group : d.a.group === d.b.group ? d.a.group : "gesamt";
    out.push({
      areaId: x.areaId,
      areaKey: x.areaKey,
      areaName: x.areaName,
      areaLevel: x.areaLevel,
      period: x.period,
      group,
      value: v,
      suppressed: x.suppressed || y.suppressed,
      isEstimate: x.isEstimate || y.isEstimate,
      rangeLow: null,
      rangeHigh: null,
      footnote: x.footnote ?? y.footnote,
      source: x.source === y.source || !y.source ? x.source : !x.source ? y.source : `${x.source}; ${y.source}`,
    });
  }
  return out;
}

export function combine(op: Derivation["op"], a: number, b: number): number | null {
  switch (op) {
    case "share":
      return b === 0 ? null : (a / b) * 100;
    case "rate1000":
      return b === 0 ? null : (a / b) * 1000;
    case "pp_diff":
      return a - b;
    case "parity":
      return b === 0 ? null : a / b;
  }
}

/** A count (or a numerator/denominator) of 1 … threshold−1 persons identifies too few people. */
export function isSmall(v: number | null | undefined, threshold: number): boolean {
  return v != null && v > 0 && v < threshold;
}

type AreaRow = { id: string; key: string; name: string; level: string };

/**
 * Areas are few and read once; observations are then fetched by indicator alone (an index range)
 * and joined here. Without table statistics the planner chose a nested loop over areas that cost
 * ~40 ms per series; this way it is a single index scan.
 */
async function baseValues(
  tx: Tx,
  ind: Indicator,
  f: ValueFilter,
  threshold: number,
  areas: Map<string, AreaRow>,
): Promise<Raw[]> {
  const conds: SQL[] = [sql`indicator_id = ${ind.id}`];
  if (f.group) conds.push(sql`group_code = ${f.group}`);
  if (f.from) conds.push(sql`period >= ${f.from}`);
  if (f.to) conds.push(sql`left(period, ${f.to.length}) <= ${f.to}`);
  const wanted =
    f.level || f.areaKeys?.length
      ? [...areas.values()].filter(
          (a) => (!f.level || a.level === f.level) && (!f.areaKeys?.length || f.areaKeys.includes(a.key)),
        )
      : null;
  if (wanted && !wanted.length) return [];
  if (wanted)
    conds.push(
      sql`area_id IN (${sql.join(
        wanted.map((a) => sql`${a.id}`),
        sql`, `,
      )})`,
    );
  const r = await rows<{
    area_id: string;
    period: string;
    group_code: string;
    value: number;
    numerator: number | null;
    denominator: number | null;
    is_estimate: boolean;
    range_low: number | null;
    range_high: number | null;
    footnote: string | null;
    source: string | null;
  }>(
    tx,
    sql`SELECT area_id, period, group_code, value, numerator, denominator, is_estimate, range_low, range_high, footnote, source
        FROM mon_observations WHERE ${sql.join(conds, sql` AND `)}`,
  );
  return r.map((o) => {
    const a = areas.get(o.area_id)!;
    return {
      areaId: o.area_id,
      areaKey: a.key,
      areaName: a.name,
      areaLevel: a.level,
      period: o.period,
      group: o.group_code,
      value: Number(o.value),
      suppressed:
        (ind.isCount && isSmall(Number(o.value), threshold)) ||
        isSmall(o.numerator, threshold) ||
        isSmall(o.denominator, threshold),
      isEstimate: o.is_estimate,
      rangeLow: o.range_low,
      rangeHigh: o.range_high,
      footnote: o.footnote,
      source: o.source,
    };
  });
}

/** Distinct periods and groups of an indicator's values, for the choosers on the indicator page. */
export function facets(cells: Cell[]) {
  return {
    periods: [...new Set(cells.map((c) => c.period))].sort(),
    groups: [...new Set(cells.map((c) => c.group))].sort((a, b) =>
      a === "gesamt" ? -1 : b === "gesamt" ? 1 : a.localeCompare(b),
    ),
    levels: [...new Set(cells.map((c) => c.areaLevel))],
  };
}

/** The distinct sources of the values shown, for the attribution line under every view and export. */
export function sourcesOf(cells: Cell[], indicator?: { source: string | null }): string[] {
  const s = new Set<string>();
  for (const c of cells) for (const part of (c.source ?? "").split("; ")) if (part) s.add(part);
  if (!s.size && indicator?.source) s.add(indicator.source);
  return [...s];
}
