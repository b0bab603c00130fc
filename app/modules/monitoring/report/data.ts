import { sql } from "drizzle-orm";
import type { Tx } from "~/kernel/db/client";
import { rows } from "~/kernel/db/context";
import type { ValueState } from "~/kernel/disclosure";
import { classBreaks, classOf, NO_DATA_COLOR, PALETTE } from "~/kernel/ui/classes";
import { AREA_LEVELS, compareKeys } from "../shared";
import { listAreas, type Area } from "../services/areas";
import { defaultArea } from "../services/attainment";
import { disclosureThreshold, listIndicators, type Derivation, type Indicator } from "../services/indicators";
import { facets, indicatorValues, sourcesOf, type Cell } from "../services/values";

// What the monitoring report of one period says (decision 0038), gathered from the values as the
// public sees them: every value comes through indicatorValues with reveal: false, so a suppressed
// value – by the small-number rule or to protect another – has no number here at all, whoever asks.

/** How many periods up to the report's the city trend shows. */
export const TREND_PERIODS = 5;
/** Classes of the map: the web map's (indicator page: five quantile classes, ColorBrewer Blues). */
const CLASSES = 5;

export type ReportCell = Pick<
  Cell,
  "value" | "suppressed" | "state" | "isEstimate" | "rangeLow" | "rangeHigh" | "footnote"
> | null;

export interface ReportAreaRow {
  key: string;
  name: string;
  cell: ReportCell;
  /** The map colour: the value's class, or the no-value grey. */
  color: string;
}

export interface ReportIndicator {
  code: string;
  name: string;
  description: string | null;
  /** The declared definition of a series read as it is (decision 0039); null for a derived one or none declared. */
  definition: string | null;
  field: string;
  dimension: string;
  unit: string;
  source: string | null;
  isPublic: boolean;
  derivation: { op: Derivation["op"]; a: string; b: string } | null;
  /** The group shown ("gesamt" where there is one). */
  group: string;
  /** The indicator's period in the report's year (its latest there); null: no value that year. */
  period: string | null;
  city: { name: string; cell: ReportCell } | null;
  trend: { period: string; cell: ReportCell }[];
  rows: ReportAreaRow[];
  breaks: number[];
  /** The lowest published value of the level (the first class's lower bound). */
  min: number | null;
  sources: string[];
}

export interface MonitoringReportData {
  tenantName: string;
  year: string;
  level: string;
  threshold: number;
  areas: Pick<Area, "key" | "name" | "geometry">[];
  indicators: ReportIndicator[];
  sources: string[];
}

/** A period's year: its first four digits ("2012", "2012-H1", "2012-12-31"). */
const yearOf = (period: string) => period.slice(0, 4);

/** Years with any observation, newest first. */
export async function reportYears(tx: Tx): Promise<string[]> {
  const r = await rows<{ year: string }>(
    tx,
    sql`SELECT DISTINCT left(period, 4) AS year FROM mon_observations WHERE period ~ '^[0-9]{4}' ORDER BY 1 DESC`,
  );
  return r.map((x) => x.year);
}

/**
 * Which indicators have observations in the year: a base series if it has a row then, a derived one
 * if both its operands do. Cheap (one statement), for the chooser's defaults; the report itself
 * says "keine Daten" for an indicator whose values that year turn out empty.
 */
export async function indicatorsWithDataIn(tx: Tx, indicators: Indicator[], year: string): Promise<Set<string>> {
  const ids = new Set(
    (
      await rows<{ id: string }>(
        tx,
        sql`SELECT DISTINCT indicator_id AS id FROM mon_observations WHERE left(period, 4) = ${year}`,
      )
    ).map((r) => r.id),
  );
  const all = new Map((await listIndicators(tx)).map((i) => [i.code, i]));
  const has = (i: Indicator | undefined, depth = 0): boolean => {
    if (!i || depth > 20) return false;
    const d = i.derivation as Derivation | null;
    return d ? has(all.get(d.a.indicator), depth + 1) && has(all.get(d.b.indicator), depth + 1) : ids.has(i.id);
  };
  return new Set(indicators.filter((i) => has(i)).map((i) => i.code));
}

/** Area levels of the register that have areas, top down. */
export async function reportLevels(tx: Tx): Promise<string[]> {
  const present = new Set((await listAreas(tx)).map((a) => a.level));
  return AREA_LEVELS.filter((l) => present.has(l));
}

const reportCell = (c: Cell | undefined): ReportCell =>
  c
    ? {
        value: c.value,
        suppressed: c.suppressed,
        state: c.state as ValueState,
        isEstimate: c.isEstimate,
        rangeLow: c.rangeLow,
        rangeHigh: c.rangeHigh,
        footnote: c.footnote,
      }
    : null;

/**
 * The report's content: each chosen indicator (in catalogue order) with its definition, the city's
 * value and trend, and every area of the level with its value and map colour.
 */
export async function monitoringReportData(
  tx: Tx,
  opts: { tenantName: string; year: string; codes: string[]; level: string },
): Promise<MonitoringReportData> {
  const catalogue = await listIndicators(tx);
  const names = new Map(catalogue.map((i) => [i.code, i.name]));
  const wanted = new Set(opts.codes);
  const chosen = catalogue.filter((i) => wanted.has(i.code));
  const register = await listAreas(tx);
  const levelAreas = register.filter((a) => a.level === opts.level);
  const indicators: ReportIndicator[] = [];
  const allSources = new Set<string>();
  for (const ind of chosen) {
    const cells = await indicatorValues(tx, ind, {}, { reveal: false });
    const f = facets(cells);
    const group = f.groups.includes("gesamt") ? "gesamt" : (f.groups[0] ?? "gesamt");
    const mine = cells.filter((c) => c.group === group);
    const inYear = f.periods.filter((p) => yearOf(p) === opts.year && mine.some((c) => c.period === p));
    const period = inYear[inYear.length - 1] ?? null;
    const cityArea = defaultArea(mine, register);
    const cityCells = cityArea ? mine.filter((c) => c.areaId === cityArea.id) : [];
    const trendPeriods = period
      ? [...new Set(cityCells.map((c) => c.period))]
          .filter((p) => p <= period)
          .sort()
          .slice(-TREND_PERIODS)
      : [];
    const atLevel = new Map(
      period ? mine.filter((c) => c.period === period && c.areaLevel === opts.level).map((c) => [c.areaId, c]) : [],
    );
    // Class breaks from the published values only, as on the indicator page: a suppressed value
    // neither has a class nor moves a break.
    const shown = [...atLevel.values()].flatMap((c) => (c.value === null ? [] : [c.value]));
    const breaks = classBreaks(shown, CLASSES, "quantile");
    const d = ind.derivation as Derivation | null;
    const used = cells.filter((c) => c.group === group && (c.period === period || trendPeriods.includes(c.period)));
    const sources = sourcesOf(used, ind);
    sources.forEach((s) => allSources.add(s));
    indicators.push({
      code: ind.code,
      name: ind.name,
      description: ind.description,
      definition: ind.definition,
      field: ind.field,
      dimension: ind.dimension,
      unit: ind.unit,
      source: ind.source,
      isPublic: ind.isPublic,
      derivation: d
        ? {
            op: d.op,
            a: `${names.get(d.a.indicator) ?? d.a.indicator}${d.a.group ? ` (${d.a.group})` : ""}`,
            b: `${names.get(d.b.indicator) ?? d.b.indicator}${d.b.group ? ` (${d.b.group})` : ""}`,
          }
        : null,
      group,
      period,
      city:
        cityArea && period
          ? { name: cityArea.name, cell: reportCell(cityCells.find((c) => c.period === period)) }
          : null,
      trend: trendPeriods.map((p) => ({ period: p, cell: reportCell(cityCells.find((c) => c.period === p)) })),
      rows: levelAreas.map((a) => {
        const c = atLevel.get(a.id);
        return {
          key: a.key,
          name: a.name,
          cell: reportCell(c),
          color: c && c.value !== null ? PALETTE[classOf(c.value, breaks)] : NO_DATA_COLOR,
        };
      }),
      breaks,
      min: shown.length ? Math.min(...shown) : null,
      sources,
    });
  }
  return {
    tenantName: opts.tenantName,
    year: opts.year,
    level: opts.level,
    threshold: await disclosureThreshold(tx),
    areas: levelAreas
      .map((a) => ({ key: a.key, name: a.name, geometry: a.geometry }))
      .sort((a, b) => compareKeys(a.key, b.key)),
    indicators,
    sources: [...allSources].sort((a, b) => a.localeCompare(b, "de")),
  };
}
