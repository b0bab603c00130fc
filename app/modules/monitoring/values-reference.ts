// The in-memory evaluation that services/values.ts used before derived values moved into SQL
// (decision 0015), kept only as the oracle the equality test compares the SQL path with.
import { sql, type SQL } from "drizzle-orm";
import type { Tx } from "~/kernel/db/client";
import { rows } from "~/kernel/db/context";
import { disclosureThreshold, listIndicators, type Derivation, type Indicator } from "./services/indicators";
import { combine, sourcesOf, type Cell, type ValueFilter } from "./services/values";
import { primarySuppression, valueState } from "~/kernel/disclosure";
import { shareScale } from "./shared";

type Raw = Cell;
type AreaRow = { id: string; key: string; name: string; level: string };

export async function referenceValues(
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
  const raw = await evaluate(tx, catalogue, indicator, filter, threshold, areas);
  // Bases of shares without counts, looked up in memory (the SQL path does it per row in the database).
  const out = raw.filter((c) => !filter.group || c.group === filter.group);
  out.sort(
    (a, b) =>
      a.areaKey.localeCompare(b.areaKey, "de", { numeric: true }) ||
      a.period.localeCompare(b.period) ||
      a.group.localeCompare(b.group),
  );
  return out.map((c) => {
    const hide = c.suppressed && !opts.reveal;
    return {
      ...c,
      state: valueState(c),
      value: hide ? null : c.value,
      rangeLow: hide ? null : c.rangeLow,
      rangeHigh: hide ? null : c.rangeHigh,
      symbol: hide ? null : c.symbol,
    };
  });
}

/** The old public index: every indicator evaluated to learn whether it has data. */
export async function referenceWithData(tx: Tx, inds: Indicator[]) {
  const withData = new Set<string>();
  const sources = new Set<string>();
  for (const i of inds) {
    const cells = await referenceValues(tx, i, {}, { reveal: false });
    if (cells.length) withData.add(i.code);
    sourcesOf(cells).forEach((s) => sources.add(s));
  }
  return { withData, sources };
}

async function evaluate(
  tx: Tx,
  catalogue: Map<string, Indicator>,
  ind: Indicator,
  f: ValueFilter,
  threshold: number,
  areas: Map<string, AreaRow>,
): Promise<Raw[]> {
  const d = ind.derivation as Derivation | null;
  if (!d) return baseValues(tx, catalogue, ind, f, threshold, areas);
  const a = await evaluate(
    tx,
    catalogue,
    catalogue.get(d.a.indicator)!,
    { ...f, group: d.a.group ?? f.group },
    threshold,
    areas,
  );
  const b = await evaluate(
    tx,
    catalogue,
    catalogue.get(d.b.indicator)!,
    { ...f, group: d.b.group ?? f.group },
    threshold,
    areas,
  );
  const keyB = (c: Raw) => `${c.areaId}|${c.period}${d.b.group === null ? `|${c.group}` : ""}`;
  const bMap = new Map(b.map((c) => [keyB(c), c]));
  const out: Raw[] = [];
  for (const x of a) {
    if (d.a.group !== null && x.group !== d.a.group) continue;
    const y = bMap.get(`${x.areaId}|${x.period}${d.b.group === null ? `|${x.group}` : ""}`);
    if (!y || (d.b.group !== null && y.group !== d.b.group)) continue;
    // Not collected on either side: the derived value is not collected either; b = 0 leaves a gap.
    if (y.value === 0 && d.op !== "pp_diff") continue;
    const v = x.value === null || y.value === null ? null : combine(d.op, x.value, y.value);
    if (v === null && x.value !== null && y.value !== null) continue;
    const group =
      d.a.group === null ? x.group : d.b.group === null ? y.group : d.a.group === d.b.group ? d.a.group : "gesamt";
    out.push({
      ...x,
      group,
      value: v,
      suppressed: x.suppressed || y.suppressed,
      isEstimate: x.isEstimate || y.isEstimate,
      rangeLow: null,
      rangeHigh: null,
      footnote: x.footnote ?? y.footnote,
      source: x.source === y.source || !y.source ? x.source : !x.source ? y.source : `${x.source}; ${y.source}`,
      symbol:
        v === null
          ? ([x.symbol, y.symbol].find((s) => s && s !== "()") ?? null)
          : x.symbol === "()" || y.symbol === "()"
            ? "()"
            : null,
    });
  }
  return out;
}

async function baseValues(
  tx: Tx,
  catalogue: Map<string, Indicator>,
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
    f.level || f.areaKeys?.length || f.areas?.length
      ? [...areas.values()].filter(
          (a) =>
            (!f.level || a.level === f.level) &&
            (!f.areaKeys?.length || f.areaKeys.includes(a.key)) &&
            (!f.areas?.length || f.areas.some((r) => r.level === a.level && r.key === a.key)),
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
    value: number | null;
    numerator: number | null;
    denominator: number | null;
    is_estimate: boolean;
    range_low: number | null;
    range_high: number | null;
    footnote: string | null;
    source: string | null;
    symbol: string | null;
  }>(
    tx,
    sql`SELECT area_id, period, group_code, value, numerator, denominator, is_estimate, range_low, range_high, footnote, source, symbol
        FROM mon_observations WHERE ${sql.join(conds, sql` AND `)}`,
  );
  const scale = ind.isCount ? null : shareScale(ind.unit);
  const baseInd = scale && ind.baseIndicator ? catalogue.get(ind.baseIndicator) : undefined;
  const bases = new Map<string, number | null>();
  if (baseInd)
    for (const b of await rows<{ area_id: string; period: string; group_code: string; value: number | null }>(
      tx,
      sql`SELECT area_id, period, group_code, value FROM mon_observations WHERE indicator_id = ${baseInd.id}`,
    ))
      bases.set(`${b.area_id}|${b.period}|${b.group_code}`, b.value == null ? null : Number(b.value));
  return r.map((o) => {
    const a = areas.get(o.area_id)!;
    const value = o.value == null ? null : Number(o.value);
    return {
      areaId: o.area_id,
      areaKey: a.key,
      areaName: a.name,
      areaLevel: a.level,
      period: o.period,
      group: o.group_code,
      value,
      suppressed:
        primarySuppression(
          {
            kind: ind.isCount ? "count" : scale ? "share" : "statistic",
            value,
            numerator: o.numerator,
            denominator: o.denominator,
            base: scale && ind.baseIndicator ? (bases.get(`${o.area_id}|${o.period}|${o.group_code}`) ?? null) : null,
            minBase: ind.minBase,
            scale: scale ?? undefined,
          },
          threshold,
        ) !== null,
      state: "value",
      isEstimate: o.is_estimate,
      rangeLow: o.range_low,
      rangeHigh: o.range_high,
      footnote: o.footnote,
      source: o.source,
      symbol: o.symbol,
    };
  });
}
