import { ServiceError } from "~/kernel/errors";
import { sql, type SQL } from "drizzle-orm";
import type { Tx } from "~/kernel/db/client";
import { rows } from "~/kernel/db/context";
import {
  hierarchyEquations,
  partitionEquations,
  primarySuppressionSql,
  protectTable,
  valueState,
  type TableCell,
  type ValueState,
} from "~/kernel/disclosure";
import {
  disclosureThreshold,
  listIndicators,
  type Derivation,
  type GroupPartition,
  type Indicator,
} from "./indicators";
import { compareKeys, compareText, shareScale } from "../shared";

// The rules themselves (small numbers, shares without counts, complementary suppression) are the
// kernel's (kernel/disclosure.ts, decision 0033); this file applies them to the monitoring's values.

export interface Cell {
  areaId: string;
  areaKey: string;
  areaName: string;
  areaLevel: string;
  period: string;
  group: string;
  /** null when suppressed and the caller may not see it, or when not collected. */
  value: number | null;
  suppressed: boolean;
  /** value, estimate, suppressed or not_collected ("no_data" is a cell that does not exist). */
  state: ValueState;
  isEstimate: boolean;
  /** A range instead of (or around) the value, e.g. 25–30 %; null when suppressed and hidden. */
  rangeLow: number | null;
  rangeHigh: number | null;
  footnote: string | null;
  source: string | null;
  /** The source's statistical symbol (".", "x", "…", "/", "()"), null for a plain value or when hidden. */
  symbol: string | null;
}

export interface ValueFilter {
  /** Areas by key at any level – a key can name areas of several levels; `areas` names each by its identity. */
  areaKeys?: string[];
  areas?: { level: string; key: string }[];
  level?: string;
  group?: string;
  from?: string;
  to?: string;
}

/**
 * Values of one indicator, base or derived. Derived indicators are computed in SQL from their base
 * series (see cellsSql), so a suppressed count makes every value built on it suppressed too.
 * Complementary suppression runs over the whole area hierarchy (and declared group partitions) of
 * every count series the values rest on, before the filter applies: what one view hides, no other
 * view's totals and siblings give away. `reveal` is only for staff with the right role; public
 * pages, exports and the API pass false.
 */
export async function indicatorValues(
  tx: Tx,
  indicator: Indicator,
  filter: ValueFilter,
  opts: { reveal: boolean },
): Promise<Cell[]> {
  const ctx = await valueContext(tx);
  const out = await primaryCells(tx, ctx, indicator, filter);
  await complementary(tx, ctx, indicator, out);
  return out.map((c) => disclose(c, opts.reveal));
}

/**
 * The values with primary suppression only (small numbers, shares without a safe base), unhidden.
 * Exported for the test that compares the SQL with the in-memory oracle (values-reference.ts).
 */
export async function primaryValues(tx: Tx, indicator: Indicator, filter: ValueFilter, opts: { reveal: boolean }) {
  const ctx = await valueContext(tx);
  return (await primaryCells(tx, ctx, indicator, filter)).map((c) => disclose(c, opts.reveal));
}

/** What the caller may see: a suppressed cell loses its value and range unless revealed. */
function disclose(c: Cell, reveal: boolean): Cell {
  const state = valueState(c);
  if (!c.suppressed || reveal) return { ...c, state };
  return { ...c, state, value: null, rangeLow: null, rangeHigh: null, symbol: null };
}

async function primaryCells(tx: Tx, ctx: ValueContext, indicator: Indicator, filter: ValueFilter) {
  const { catalogue, threshold, areas } = ctx;
  const q = cellsSql(catalogue, indicator, filter, threshold, 0, areas);
  if (!q) return [];
  const out = toCells(await rows<CellRow>(tx, q), areas);
  out.sort(
    (a, b) => compareKeys(a.areaKey, b.areaKey) || compareText(a.period, b.period) || compareText(a.group, b.group),
  );
  return out;
}

/** The count series an indicator rests on: itself if it is one, else the counts of its derivation. */
function countLeaves(catalogue: Map<string, Indicator>, ind: Indicator, out = new Map<string, Indicator>()) {
  const d = ind.derivation as Derivation | null;
  if (!d) {
    if (ind.isCount) out.set(ind.id, ind);
    return out;
  }
  for (const o of [d.a, d.b]) {
    const i = catalogue.get(o.indicator);
    if (i) countLeaves(catalogue, i, out);
  }
  return out;
}

/** The count cells (indicator id|area id|period|group) a cell of `ind` in this area, period and group is built from. */
function countKeysOf(
  catalogue: Map<string, Indicator>,
  ind: Indicator,
  areaId: string,
  period: string,
  group: string,
  out: string[] = [],
): string[] {
  const d = ind.derivation as Derivation | null;
  if (!d) {
    if (ind.isCount) out.push(`${ind.id}|${areaId}|${period}|${group}`);
    return out;
  }
  for (const o of [d.a, d.b]) {
    const i = catalogue.get(o.indicator);
    if (i) countKeysOf(catalogue, i, areaId, period, o.group ?? group, out);
  }
  return out;
}

/**
 * Complementary suppression (kernel protectTable) over each count series the cells rest on, per
 * period: one table of every area and group, with the area hierarchy's and the declared group
 * partitions' equations. One statement for all those series, whatever the filter; cells built on a
 * count hidden this way are marked suppressed in place.
 */
async function complementary(tx: Tx, ctx: ValueContext, ind: Indicator, cells: Cell[]): Promise<void> {
  const leaves = countLeaves(ctx.catalogue, ind);
  if (!leaves.size || !cells.some((c) => !c.suppressed)) return;
  const periods = [...new Set(cells.map((c) => c.period))];
  // Only periods of a series with a small count can need protection; the others stay in the database.
  const parts = [...leaves.values()].map(
    (l) => sql`SELECT ${l.id}::uuid AS indicator_id, w.area_id, w.period, w.group_code, w.value, w.suppressed
      FROM (SELECT b.*, bool_or(b.suppressed) OVER (PARTITION BY b.period) AS any_small
        FROM (${baseSql(l, {}, ctx.threshold, ctx.areas, ctx.catalogue, periods)}) b) w
      WHERE w.any_small`,
  );
  const r = await rows<{
    indicator_id: string;
    area_id: string;
    period: string;
    group_code: string;
    value: number | null;
    suppressed: boolean;
  }>(tx, sql.join(parts, sql` UNION ALL `));
  const tables = new Map<string, { leaf: Indicator; period: string; cells: TableCell[]; groups: Set<string> }>();
  for (const o of r) {
    const k = `${o.indicator_id}|${o.period}`;
    let t = tables.get(k);
    if (!t) tables.set(k, (t = { leaf: leaves.get(o.indicator_id)!, period: o.period, cells: [], groups: new Set() }));
    t.groups.add(o.group_code);
    t.cells.push({
      id: `${o.area_id}|${o.group_code}`,
      value: o.value == null ? null : Number(o.value),
      primary: o.suppressed ? "small_count" : null,
    });
  }
  const id = (area: string, group: string) => `${area}|${group}`;
  const areaList = [...ctx.areas.values()].map((a) => ({ id: a.id, parentId: a.parent_id }));
  const hidden = new Set<string>();
  for (const t of tables.values()) {
    const partitions = (t.leaf.groupPartitions as GroupPartition[] | null) ?? [];
    const equations = [
      ...hierarchyEquations(areaList, [...t.groups], id),
      ...partitionEquations(
        areaList.map((a) => a.id),
        partitions,
        id,
      ),
    ];
    for (const [cell, reason] of protectTable(t.cells, equations))
      if (reason === "complementary") hidden.add(`${t.leaf.id}|${t.period}|${cell}`);
  }
  if (!hidden.size) return;
  for (const c of cells) {
    if (c.suppressed) continue;
    const keys = countKeysOf(ctx.catalogue, ind, c.areaId, c.period, c.group);
    // countKeysOf gives indicator|area|period|group; hidden holds indicator|period|area|group.
    if (
      keys.some((k) => {
        const [i, a, p, g] = k.split("|");
        return hidden.has(`${i}|${p}|${a}|${g}`);
      })
    )
      c.suppressed = true;
  }
}

/**
 * The values of many indicators under one filter (the overview's headline series): the context once, the
 * cells of all indicators in one statement, then complementary suppression per indicator as
 * indicatorValues does it (a statement only for an indicator whose series has a small count). Public:
 * suppressed values are hidden.
 */
export async function manyIndicatorValues(
  tx: Tx,
  indicators: Indicator[],
  filter: ValueFilter,
): Promise<Map<string, Cell[]>> {
  const out = new Map<string, Cell[]>();
  if (!indicators.length) return out;
  const ctx = await valueContext(tx);
  const parts = indicators.flatMap((i) => {
    const q = cellsSql(ctx.catalogue, i, filter, ctx.threshold, 0, ctx.areas);
    // By name: a derived indicator's cells come with their columns in another order, and UNION ALL
    // matches columns by position.
    return q
      ? [
          sql`SELECT ${i.code}::text AS code, c.area_id, c.period, c.group_code, c.value, c.suppressed, c.is_estimate,
            c.range_low, c.range_high, c.footnote, c.source, c.symbol FROM (${q}) c`,
        ]
      : [];
  });
  if (!parts.length) return out;
  const r = await rows<CellRow & { code: string }>(tx, sql.join(parts, sql` UNION ALL `));
  for (const i of indicators) {
    const cells = toCells(
      r.filter((x) => x.code === i.code),
      ctx.areas,
    ).sort((a, b) => compareText(a.period, b.period));
    if (!cells.length) continue;
    await complementary(tx, ctx, i, cells);
    out.set(
      i.code,
      cells.map((c) => disclose(c, false)),
    );
  }
  return out;
}

/**
 * Which of these indicators have any value (suppressed ones count: the page then shows the marker)
 * and the sources of all those values – in one statement instead of evaluating every indicator.
 */
export async function indicatorsWithData(
  tx: Tx,
  indicators: Indicator[],
): Promise<{ withData: Set<string>; sources: string[] }> {
  if (!indicators.length) return { withData: new Set(), sources: [] };
  const { catalogue, threshold, areas } = await valueContext(tx);
  const parts = indicators.map(
    (i) =>
      sql`SELECT ${i.code}::text AS code, c.source FROM (${cellsSql(catalogue, i, {}, threshold, 0, areas)}) c GROUP BY c.source`,
  );
  const r = await rows<{ code: string; source: string | null }>(tx, sql.join(parts, sql` UNION ALL `));
  return {
    withData: new Set(r.map((x) => x.code)),
    // Sorted: the rows of one statement come in no particular order, and the page should not flicker.
    sources: sourcesOf(r.map((x) => ({ source: x.source }))).sort((a, b) => a.localeCompare(b, "de")),
  };
}

type ValueContext = Awaited<ReturnType<typeof valueContext>>;

async function valueContext(tx: Tx) {
  const catalogue = new Map((await listIndicators(tx)).map((i) => [i.code, i]));
  const threshold = await disclosureThreshold(tx);
  const areas = new Map(
    (await rows<AreaRow>(tx, sql`SELECT id, key, name, level, parent_id FROM mon_areas`)).map((a) => [a.id, a]),
  );
  return { catalogue, threshold, areas };
}

type CellRow = {
  area_id: string;
  period: string;
  group_code: string;
  value: number | null;
  suppressed: boolean;
  is_estimate: boolean;
  range_low: number | null;
  range_high: number | null;
  footnote: string | null;
  source: string | null;
  symbol: string | null;
};

function toCells(r: CellRow[], areas: Map<string, AreaRow>): Cell[] {
  return r.flatMap((o) => {
    const a = areas.get(o.area_id);
    if (!a) return [];
    return [
      {
        areaId: o.area_id,
        areaKey: a.key,
        areaName: a.name,
        areaLevel: a.level,
        period: o.period,
        group: o.group_code,
        value: o.value == null ? null : Number(o.value),
        suppressed: o.suppressed,
        state: "value" as ValueState,
        isEstimate: o.is_estimate,
        rangeLow: o.range_low == null ? null : Number(o.range_low),
        rangeHigh: o.range_high == null ? null : Number(o.range_high),
        footnote: o.footnote,
        source: o.source,
        symbol: o.symbol ?? null,
      },
    ];
  });
}

/**
 * The SELECT yielding an indicator's cells (CellRow columns), or null when the area filter matches
 * no area. A derived indicator joins its operands' SELECTs on area and period (and group for a
 * pass-through operand), so the database computes it in one statement instead of one per operand.
 */
function cellsSql(
  catalogue: Map<string, Indicator>,
  ind: Indicator,
  f: ValueFilter,
  threshold: number,
  depth: number,
  areas: Map<string, AreaRow>,
): SQL | null {
  if (depth > 8) throw new ServiceError("monitoring.errors.derivationTooDeep", { code: ind.code });
  const d = ind.derivation as Derivation | null;
  const q = d
    ? derivedSql(catalogue, ind, d, f, threshold, depth, areas)
    : baseSql(ind, f, threshold, areas, catalogue);
  // Only the outermost call filters the combined group; operands get their group passed down instead.
  return q && depth === 0 && f.group ? sql`SELECT * FROM (${q}) g WHERE g.group_code = ${f.group}` : q;
}

function derivedSql(
  catalogue: Map<string, Indicator>,
  ind: Indicator,
  d: Derivation,
  f: ValueFilter,
  threshold: number,
  depth: number,
  areas: Map<string, AreaRow>,
): SQL | null {
  const get = (code: string) => {
    const i = catalogue.get(code);
    if (!i) throw new ServiceError("monitoring.errors.derivationUnknown", { code: ind.code, operand: code });
    return i;
  };
  const a = cellsSql(catalogue, get(d.a.indicator), { ...f, group: d.a.group ?? f.group }, threshold, depth + 1, areas);
  const b = cellsSql(catalogue, get(d.b.indicator), { ...f, group: d.b.group ?? f.group }, threshold, depth + 1, areas);
  if (!a || !b) return null;
  // A pass-through operand b is matched on group too; an operand with a fixed group keeps only that group.
  const part = d.b.group === null ? sql`area_id, period, group_code` : sql`area_id, period`;
  const sideA = d.a.group === null ? a : sql`SELECT * FROM (${a}) x WHERE x.group_code = ${d.a.group}`;
  const sideB = d.b.group === null ? b : sql`SELECT * FROM (${b}) y WHERE y.group_code = ${d.b.group}`;
  // combine() gives no value for a division by zero; the cell is then left out, as in combine().
  const where: SQL[] = [sql`NOT j.is_b`, sql`j.b_n > 0`];
  // An operand without a value (not collected) gives a derived value without one, not a gap.
  if (d.op !== "pp_diff") where.push(sql`(j.b_value IS NULL OR j.b_value <> 0)`);
  const value = {
    share: sql`(j.value / j.b_value) * 100`,
    rate1000: sql`(j.value / j.b_value) * 1000`,
    pp_diff: sql`j.value - j.b_value`,
    parity: sql`j.value / j.b_value`,
  }[d.op];
  const group =
    d.a.group === null || d.b.group === null
      ? sql`j.group_code`
      : sql`${d.a.group === d.b.group ? d.a.group : "gesamt"}::text`;
  // Both operands in one sorted pass with window aggregates rather than a join: without table
  // statistics (PGlite never analyzes) the planner estimated one row per operand and nested the
  // joins, which made a derivation of derivations quadratic per level and never finished. A window
  // partition cannot degrade that way. Each key has at most one b row (see the decision record).
  return sql`SELECT j.area_id, j.period, ${group} AS group_code, ${value} AS value,
      j.suppressed OR j.b_suppressed AS suppressed, j.is_estimate OR j.b_is_estimate AS is_estimate,
      NULL::double precision AS range_low, NULL::double precision AS range_high,
      COALESCE(j.footnote, j.b_footnote) AS footnote,
      -- A value built on an operand the source marked: without a value the operand's symbol (".",
      -- "x", …), with one "()" when an operand is of limited reliability.
      CASE WHEN ${value} IS NULL THEN COALESCE(NULLIF(j.symbol, '()'), NULLIF(j.b_symbol, '()'))
           WHEN j.symbol = '()' OR j.b_symbol = '()' THEN '()' END AS symbol,
      CASE WHEN j.source IS NOT DISTINCT FROM j.b_source OR COALESCE(j.b_source, '') = '' THEN j.source
           WHEN COALESCE(j.source, '') = '' THEN j.b_source
           ELSE j.source || '; ' || j.b_source END AS source
    FROM (SELECT u.*,
        count(*) FILTER (WHERE u.is_b) OVER w AS b_n,
        max(u.value) FILTER (WHERE u.is_b) OVER w AS b_value,
        bool_or(u.suppressed) FILTER (WHERE u.is_b) OVER w AS b_suppressed,
        bool_or(u.is_estimate) FILTER (WHERE u.is_b) OVER w AS b_is_estimate,
        max(u.footnote) FILTER (WHERE u.is_b) OVER w AS b_footnote,
        max(u.source) FILTER (WHERE u.is_b) OVER w AS b_source,
        max(u.symbol) FILTER (WHERE u.is_b) OVER w AS b_symbol
      FROM (SELECT false AS is_b, sa.* FROM (${sideA}) sa UNION ALL SELECT true, sb.* FROM (${sideB}) sb) u
      WINDOW w AS (PARTITION BY ${part})) j
    WHERE ${sql.join(where, sql` AND `)}`;
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

type AreaRow = { id: string; key: string; name: string; level: string; parent_id: string | null };

/**
 * Areas are few and read once; observations are then selected by indicator alone (a range of the
 * unique index) and joined to the areas in code. Without table statistics the planner chose a
 * nested loop over areas that cost ~40 ms per series; this way it is a single index scan.
 */
function baseSql(
  ind: Indicator,
  f: ValueFilter,
  threshold: number,
  areas: Map<string, AreaRow>,
  catalogue: Map<string, Indicator>,
  periods?: string[],
): SQL | null {
  const conds: SQL[] = [sql`o.indicator_id = ${ind.id}`];
  if (f.group) conds.push(sql`o.group_code = ${f.group}`);
  if (f.from) conds.push(sql`o.period >= ${f.from}`);
  if (f.to) conds.push(sql`left(o.period, ${f.to.length}) <= ${f.to}`);
  if (periods)
    conds.push(
      sql`o.period IN (${sql.join(
        periods.map((p) => sql`${p}`),
        sql`, `,
      )})`,
    );
  const wanted =
    f.level || f.areaKeys?.length || f.areas?.length
      ? [...areas.values()].filter(
          (a) =>
            (!f.level || a.level === f.level) &&
            (!f.areaKeys?.length || f.areaKeys.includes(a.key)) &&
            (!f.areas?.length || f.areas.some((r) => r.level === a.level && r.key === a.key)),
        )
      : null;
  if (wanted && !wanted.length) return null;
  if (wanted)
    conds.push(
      sql`o.area_id IN (${sql.join(
        wanted.map((a) => sql`${a.id}::uuid`),
        sql`, `,
      )})`,
    );
  // A share read without counts is published only on its declared base (kernel rule): the base
  // series' value in the same area, period and group, looked up by the unique index.
  const scale = !ind.isCount ? shareScale(ind.unit) : null;
  const baseInd = scale && ind.baseIndicator ? catalogue.get(ind.baseIndicator) : undefined;
  const base = baseInd
    ? sql`(SELECT b.value FROM mon_observations b WHERE b.indicator_id = ${baseInd.id}
        AND b.area_id = o.area_id AND b.period = o.period AND b.group_code = o.group_code)`
    : scale && ind.baseIndicator
      ? sql`NULL::double precision`
      : undefined;
  const suppressed = primarySuppressionSql(
    {
      kind: ind.isCount ? "count" : scale ? "share" : "statistic",
      value: sql`o.value`,
      numerator: sql`o.numerator`,
      denominator: sql`o.denominator`,
      base,
      minBase: ind.minBase,
      scale: scale ?? undefined,
    },
    threshold,
  );
  return sql`SELECT o.area_id, o.period, o.group_code, o.value, ${suppressed} AS suppressed,
      o.is_estimate, o.range_low, o.range_high, o.footnote, o.source, o.symbol
    FROM mon_observations o WHERE ${sql.join(conds, sql` AND `)}`;
}

/** Distinct periods and groups of an indicator's values, for the choosers on the indicator page. */
export function facets(cells: Cell[]) {
  return {
    periods: [...new Set(cells.map((c) => c.period))].sort(),
    groups: [...new Set(cells.map((c) => c.group))].sort((a, b) =>
      a === "gesamt" ? -1 : b === "gesamt" ? 1 : compareText(a, b),
    ),
    levels: [...new Set(cells.map((c) => c.areaLevel))],
  };
}

/** The distinct sources of the values shown, for the attribution line under every view and export. */
export function sourcesOf(cells: Pick<Cell, "source">[], indicator?: { source: string | null }): string[] {
  const s = new Set<string>();
  for (const c of cells) for (const part of (c.source ?? "").split("; ")) if (part) s.add(part);
  if (!s.size && indicator?.source) s.add(indicator.source);
  return [...s];
}
