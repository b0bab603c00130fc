import type { Tx } from "~/kernel/db/client";
import { AREA_LEVELS } from "../shared";
import { listAreas, type Area } from "./areas";
import { listIndicators, type Indicator } from "./indicators";
import { indicatorValues, sourcesOf, type Cell } from "./values";

// Goal attainment: the one rule for "on track / at risk / off track" (docs/monitoring.md,
// "Zielerreichung"). It lives here because the monitoring owns the values and their disclosure;
// every other module (the Ziele page, steering) asks this file instead of judging values itself.

// The status list (and its order, used to roll up a goal tree) is the kernel's (kernel/evidence.ts).
export { ATTAINMENT_STATUSES, type AttainmentStatus } from "~/kernel/evidence";
import type { AttainmentStatus } from "~/kernel/evidence";

export interface TargetSpec {
  kind: "value" | "parity";
  /** kind value: the target value (in the indicator's unit). */
  value: number | null;
  /** The value should rise to (hoch) or fall to (niedrig) the target. */
  direction: "hoch" | "niedrig";
  /** Target year, optional. */
  year: number | null;
  /** kind parity: the target is this group's value in the same area and period (default "gesamt"). */
  compareGroup?: string;
}

/**
 * One period of a series as assess() reads it. A Cell of indicatorValues() is a Point. `value` of a
 * suppressed point is never read (it may hold the revealed number or null): suppressed is enough.
 */
export interface Point {
  period: string;
  value: number | null;
  suppressed: boolean;
  /** kind parity: the compare group's value in the same period; absent = the period is not usable. */
  compare?: { value: number | null; suppressed: boolean } | null;
}

export interface Attainment {
  status: AttainmentStatus;
  latest: { period: string; value: number | null; suppressed: boolean } | null;
  baseline: { period: string; value: number } | null;
  /** The value target, or for parity the compare group's value in the latest period. */
  target: number | null;
  /** Share of the way from baseline to target covered (1 = reached, above 1 = beyond). */
  progress: number | null;
  /** Share of the time from baseline year to target year elapsed at the latest value. */
  expected: number | null;
}

/** "2012", "2012-H1", "2012-12-31" → 2012; null for a period that does not start with a year. */
export function yearOf(period: string): number | null {
  return /^\d{4}/.test(period) ? Number(period.slice(0, 4)) : null;
}

/**
 * Rounding slack for the two comparisons where equality matters (target reached, on schedule):
 * derived values come from floating-point division, and 1 − 32/40 is 0.19999999999999996, not 0.2.
 */
const EPS = 1e-9;

const has = (v: number | null | undefined): v is number => v != null && Number.isFinite(v);

/**
 * The status of one series against one target (pure). Only disclosed values count: a suppressed
 * latest value gives no_data (latest.suppressed), a suppressed earlier one is skipped, so the status
 * can never reveal a hidden number. For parity a period is usable only with the compare group's
 * value beside it; a suppressed compare value hides the period like a suppressed own value.
 */
export function assess(points: Point[], target: TargetSpec, baseYear?: number | null): Attainment {
  const parity = target.kind === "parity";
  // Periods with a value, shown or hidden, in order; a hidden one keeps no number.
  const series = points
    .filter((p) => p.suppressed || has(p.value))
    .filter((p) => !parity || (p.compare != null && (p.compare.suppressed || has(p.compare.value))))
    .map((p) => {
      const hidden = p.suppressed || (parity && p.compare!.suppressed);
      return {
        period: p.period,
        hidden,
        value: hidden ? null : p.value,
        goal: parity ? (hidden ? null : p.compare!.value) : has(target.value) ? target.value : null,
      };
    })
    .sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
  const none = { baseline: null, progress: null, expected: null };
  const last = series[series.length - 1];
  // 1. No value, or the latest is hidden: nothing to assess (and nothing to leak).
  if (!last) return { status: "no_data", latest: null, target: parity ? null : target.value, ...none };
  if (last.hidden)
    return {
      status: "no_data",
      latest: { period: last.period, value: null, suppressed: true },
      target: parity ? null : target.value,
      ...none,
    };
  const latest = { period: last.period, value: last.value!, suppressed: false };
  // A value target without a value cannot be assessed.
  if (last.goal === null) return { status: "no_data", latest, target: null, ...none };
  const gap = (v: number, goal: number) => (target.direction === "niedrig" ? v - goal : goal - v);
  const gapLatest = gap(last.value!, last.goal);

  const shown = series.filter((s) => !s.hidden && s.goal !== null);
  const before = has(baseYear) ? shown.filter((s) => (yearOf(s.period) ?? Infinity) <= baseYear) : [];
  const base = before.length ? before[before.length - 1] : shown[0];
  const distinct = base.period !== last.period;
  const gapBase = gap(base.value!, base.goal!);
  const progress = distinct && gapBase > 0 ? 1 - gapLatest / gapBase : null;
  const latestYear = yearOf(last.period),
    baseYearOfValue = yearOf(base.period),
    targetYear = has(target.year) ? target.year : null;
  const expected =
    distinct && targetYear !== null && latestYear !== null && baseYearOfValue !== null && targetYear > baseYearOfValue
      ? (latestYear - baseYearOfValue) / (targetYear - baseYearOfValue)
      : null;
  const out = {
    latest,
    baseline: distinct ? { period: base.period, value: base.value! } : null,
    target: last.goal,
    progress,
    expected,
  };

  // 2. Reached.
  if (gapLatest <= EPS) return { status: "achieved", ...out };
  // 3. Deadline passed without reaching it.
  if (targetYear !== null && latestYear !== null && latestYear >= targetYear) return { status: "off_track", ...out };
  // 4. One usable value shows no development.
  if (!distinct) return { status: "too_few_values", ...out };
  // 5. The baseline met the target and the latest no longer does, or no movement towards it.
  if (progress === null || progress <= 0) return { status: "off_track", ...out };
  // 6. Fast enough for the target year; without one any movement towards the target is on track.
  if (expected !== null) return { status: progress >= expected - EPS ? "on_track" : "at_risk", ...out };
  return { status: "on_track", ...out };
}

export interface AttainmentQuery {
  /** Indicator code. */
  indicator: string;
  /** Default: the city (level "stadt"), or the single area of the topmost level that has values. */
  area?: { level: string; key: string };
  /** Default "gesamt". */
  group?: string;
  target: TargetSpec;
  baseYear?: number | null;
}

export interface AttainmentResult extends Attainment {
  indicator: { code: string; name: string; unit: string; isPublic: boolean };
  /**
   * The area assessed; null when the named area is not in the register, or when none was named and
   * there is no city and the topmost level with values has several areas.
   */
  area: { level: string; key: string; name: string } | null;
  group: string;
  /** The sources of the values assessed, to cite beside the status. */
  sources: string[];
}

/**
 * assess() for many goals at once, with disclosed values only. One indicatorValues() call per
 * distinct indicator however many goals use it. Results in the order of `specs`; null where the
 * tenant has no such indicator.
 */
export async function attainments(tx: Tx, specs: AttainmentQuery[]): Promise<(AttainmentResult | null)[]> {
  if (!specs.length) return [];
  const catalogue = new Map((await listIndicators(tx)).map((i) => [i.code, i]));
  const register = await listAreas(tx);
  const byIndicator = new Map<string, AttainmentQuery[]>();
  for (const s of specs)
    if (catalogue.has(s.indicator)) byIndicator.set(s.indicator, [...(byIndicator.get(s.indicator) ?? []), s]);
  const cellsOf = new Map<string, Cell[]>();
  for (const [code, list] of byIndicator) {
    const groups = new Set(list.flatMap((s) => [groupOf(s), ...(s.target.kind === "parity" ? [compareOf(s)] : [])]));
    // A default area is only known once the values are there, so then every area is read.
    const areas = list.some((s) => !s.area) ? undefined : list.map((s) => s.area!);
    const cells = await indicatorValues(
      tx,
      catalogue.get(code)!,
      { areas, group: groups.size === 1 ? [...groups][0] : undefined },
      { reveal: false },
    );
    cellsOf.set(
      code,
      cells.filter((c) => groups.has(c.group)),
    );
  }
  return specs.map((s) => {
    const ind = catalogue.get(s.indicator);
    return ind ? attainmentOf(ind, s, cellsOf.get(s.indicator)!, register) : null;
  });
}

const groupOf = (s: AttainmentQuery) => s.group || "gesamt";
const compareOf = (s: AttainmentQuery) => s.target.compareGroup || "gesamt";

function attainmentOf(ind: Indicator, s: AttainmentQuery, cells: Cell[], register: Area[]): AttainmentResult {
  const group = groupOf(s);
  const area = s.area
    ? register.find((a) => a.level === s.area!.level && a.key === s.area!.key)
    : defaultArea(
        cells.filter((c) => c.group === group),
        register,
      );
  const inArea = area ? cells.filter((c) => c.areaId === area.id) : [];
  const own = inArea.filter((c) => c.group === group);
  const compare = new Map(inArea.filter((c) => c.group === compareOf(s)).map((c) => [c.period, c]));
  const parity = s.target.kind === "parity";
  const points: Point[] = own.map((c) => ({
    period: c.period,
    value: c.value,
    suppressed: c.suppressed,
    ...(parity ? { compare: compare.get(c.period) ?? null } : {}),
  }));
  const used = parity ? [...own, ...own.flatMap((c) => compare.get(c.period) ?? [])] : own;
  return {
    ...assess(points, s.target, s.baseYear),
    indicator: { code: ind.code, name: ind.name, unit: ind.unit, isPublic: ind.isPublic },
    area: area ? { level: area.level, key: area.key, name: area.name } : null,
    group,
    sources: used.length ? sourcesOf(used, ind) : [],
  };
}

/**
 * The city if it has values; else the one area of the topmost level that has values (none if that
 * level has several); with no values at all the city of the register, if there is one.
 */
export function defaultArea(cells: Pick<Cell, "areaId" | "areaLevel">[], register: Area[]): Area | undefined {
  const city = register.find((a) => a.level === "stadt");
  if (!cells.length) return city;
  const top = Math.min(...cells.map((c) => rank(c.areaLevel)));
  const ids = new Set(cells.filter((c) => rank(c.areaLevel) === top).map((c) => c.areaId));
  if (city && ids.has(city.id)) return city;
  return ids.size === 1 ? register.find((a) => ids.has(a.id)) : undefined;
}

const rank = (level: string) => {
  const i = AREA_LEVELS.indexOf(level as never);
  return i < 0 ? AREA_LEVELS.length : i;
};
