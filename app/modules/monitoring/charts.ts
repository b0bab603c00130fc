import { CHART_FONT, CHART_TEXT, type ChartSpec } from "~/kernel/ui/charts";
import { PALETTE } from "~/kernel/ui/classes";
import { unitDigits, unitLabel } from "./shared";

// The monitoring's charts as pure functions of the page's data (decision 0052): the loader draws
// them as SVG on the server (kernel/ui/charts.server.ts), the page hands the very same option to
// ECharts in the browser. Every value is written on its bar or point in the format of the table
// beside the chart, so the picture alone carries the numbers, with or without JavaScript.

/** useFormat().number or formatsFor(lang).number: the page language's number format. */
type NumberFormat = (n: number | null | undefined, digits?: number) => string;
type T = (key: string) => string;

const TEXT = { color: CHART_TEXT, fontFamily: CHART_FONT };
/** Grey for an area without a class (no value). */
const NO_CLASS = "#cccccc";

/** The table's decimals on values; axis ticks without trailing zeros ("10", not "10,0"). */
function formats(num: NumberFormat, unit: string) {
  const digits = unitDigits(unit);
  const value = (v: unknown) => (typeof v === "number" ? num(v, digits) : "–");
  return {
    value,
    tick: (v: number) => num(v, Number.isInteger(v) ? 0 : digits),
    label: (p: { value: unknown }) => value(p.value),
  };
}

/** One line per series over the periods, every point labelled with its value. */
export function lineChart({
  periods,
  series,
  unit,
  unitName,
  num,
}: {
  periods: string[];
  series: { name: string; data: (number | null)[] }[];
  unit: string;
  /** The unit as the axis names it, in the page's language (default: `unit`). */
  unitName?: string;
  num: NumberFormat;
}): ChartSpec {
  const f = formats(num, unit);
  return {
    width: 720,
    height: 320,
    option: {
      textStyle: TEXT,
      tooltip: { trigger: "axis", valueFormatter: f.value },
      legend: { top: 0, textStyle: TEXT },
      grid: { left: 60, right: 30, top: 48, bottom: 30 },
      xAxis: { type: "category", data: periods, axisLabel: TEXT },
      yAxis: { type: "value", name: unitName ?? unit, nameTextStyle: TEXT, axisLabel: { ...TEXT, formatter: f.tick } },
      series: series.map((s) => ({
        type: "line",
        name: s.name,
        connectNulls: false,
        data: s.data,
        label: { show: true, position: "top", fontSize: 11, ...TEXT, formatter: f.label },
      })),
    },
  };
}

/** One horizontal bar per category, top to bottom, the value written after the bar. */
export function barChart({
  categories,
  bars,
  unit,
  unitName,
  num,
}: {
  categories: string[];
  bars: { value: number | null; color: string }[];
  unit: string;
  /** The unit as the axis names it, in the page's language (default: `unit`). */
  unitName?: string;
  num: NumberFormat;
}): ChartSpec {
  const f = formats(num, unit);
  return {
    width: 960,
    height: Math.max(200, categories.length * 18 + 50),
    option: {
      textStyle: TEXT,
      tooltip: { trigger: "axis", valueFormatter: f.value },
      grid: { left: 150, right: 70, top: 10, bottom: 30 },
      yAxis: { type: "category", inverse: true, data: categories, axisLabel: { ...TEXT, fontSize: 11 } },
      xAxis: { type: "value", name: unitName ?? unit, nameTextStyle: TEXT, axisLabel: { ...TEXT, formatter: f.tick } },
      series: [
        {
          type: "bar",
          data: bars.map((b) => ({ value: b.value, itemStyle: { color: b.color } })),
          label: { show: true, position: "right", fontSize: 11, ...TEXT, formatter: f.label },
        },
      ],
    },
  };
}

/** What an indicator page's charts are drawn from (a part of its loader data). */
export interface IndicatorChartData {
  indicator: { unit: string };
  series: { periods: string[]; groups: string[]; values: Record<string, ({ v: number | null } | null)[]> };
  /** Areas in the order of the bars, each with its class (its colour on the map). */
  comparison: { name: string; value: number | null; cls: number | null }[];
}

/** A population group's name: "gesamt" is ours (translated), the others are the source's. */
export const groupName = (g: string, t: T) => (g === "gesamt" ? t("monitoring.gesamt") : g);

/** The time series of the chosen area (one line per group) and the comparison of the areas at one level. */
export function indicatorCharts(d: IndicatorChartData, t: T, num: NumberFormat) {
  const unit = d.indicator.unit;
  const unitName = unitLabel(unit, t) ?? unit;
  return {
    timeSeries: lineChart({
      periods: d.series.periods,
      series: d.series.groups.map((g) => ({
        name: groupName(g, t),
        data: d.series.values[g].map((x) => x?.v ?? null),
      })),
      unit,
      unitName,
      num,
    }),
    comparison: barChart({
      categories: d.comparison.map((c) => c.name),
      bars: d.comparison.map((c) => ({ value: c.value, color: c.cls === null ? NO_CLASS : PALETTE[c.cls] })),
      unit,
      unitName,
      num,
    }),
  };
}

/** The comparison of a Land's or Kreis's members: one line per municipality (all in the unit of the first). */
export function membersChart(
  d: { periods: string[]; rows: { name: string; unit: string; values: { period: string; value: number | null }[] }[] },
  num: NumberFormat,
): ChartSpec {
  const unit = d.rows[0]?.unit ?? "%";
  return lineChart({
    periods: d.periods,
    series: d.rows.map((r) => ({
      name: r.name,
      data: d.periods.map((p) => r.values.find((x) => x.period === p)?.value ?? null),
    })),
    unit,
    num,
  });
}
