import { CHART_FONT as FONT, CHART_TEXT } from "~/kernel/ui/charts";
import { chartSvg } from "~/kernel/ui/charts.server";

// The controlling overview's charts, drawn on the server by the kernel (decision 0052). Every chart
// sits beside a table with the same numbers, which is its text alternative.

/** Room left of the bars for a shortened name (34 characters at 12 px). */
const LABEL_SPACE = 290;

export interface StackedBarInput {
  /** One bar per category, top to bottom. */
  categories: string[];
  series: { name: string; color: string; data: number[] }[];
  width?: number;
}

/** Long names are shortened on the axis; the table beside the chart has them in full. */
const short = (s: string, max = 34) => (s.length > max ? `${s.slice(0, max - 1).trimEnd()}…` : s);

/** Horizontal stacked bars as an SVG string (the kernel's chartSvg: no inline style, hidden from assistive technology). */
export function stackedBarsSvg({ categories, series, width = 720 }: StackedBarInput): Promise<string> {
  const legendRows = Math.ceil(series.length / 4);
  const height = 40 + categories.length * 34 + 30 + legendRows * 24;
  return chartSvg({
    width,
    height,
    option: {
      // A fixed margin for the names: ECharts measures text on the server only roughly, so letting it fit
      // the labels (containLabel) cut them off in the browser's font.
      grid: { left: LABEL_SPACE, right: 24, top: 16, bottom: 30 + legendRows * 24 },
      legend: { bottom: 0, itemGap: 14, textStyle: { color: CHART_TEXT, fontSize: 13, fontFamily: FONT } },
      xAxis: {
        type: "value",
        minInterval: 1,
        axisLabel: { color: CHART_TEXT, fontFamily: FONT },
        splitLine: { lineStyle: { color: "#d0d4da" } },
      },
      yAxis: {
        type: "category",
        inverse: true,
        data: categories.map((c) => short(c)),
        axisLabel: { color: CHART_TEXT, fontSize: 12, fontFamily: FONT },
      },
      series: series.map((s) => ({
        type: "bar",
        stack: "total",
        name: s.name,
        data: s.data,
        barMaxWidth: 22,
        itemStyle: { color: s.color },
        emphasis: { disabled: true },
      })),
    },
  });
}

/** Measure statuses: from proposed (light) over running (blue) to finished (green), set aside grey. */
export const MEASURE_STATUS_COLORS: Record<string, string> = {
  vorgeschlagen: "#b7c7e3",
  beschlossen: "#6f93c9",
  in_umsetzung: "#2b5ea7",
  umgesetzt: "#4c9a52",
  verstetigt: "#1e5e2a",
  zurueckgestellt: "#c9a227",
  verworfen: "#8a8f96",
};

/** Attainment statuses in the colours of the page's badges, strong enough to tell apart as bars. */
export const ATTAINMENT_COLORS: Record<string, string> = {
  achieved: "#1e5e2a",
  on_track: "#4c9a52",
  at_risk: "#d9a400",
  off_track: "#b3261e",
  too_few_values: "#a7adb5",
  no_data: "#d5d9de",
};

type T = (key: string, opts?: Record<string, unknown>) => string;

/** The two charts of the controlling overview, in the request's language. */
export async function controllingCharts(
  c: {
    byThemenfeld: { label: string; byStatus: Record<string, number> }[];
    leitziele: { themenfeld: string; number: string; title: string; targets: Record<string, number> }[];
  },
  t: T,
) {
  const used = <K extends string>(keys: readonly K[], rows: Record<K, number>[]) =>
    keys.filter((k) => rows.some((r) => r[k] > 0));
  const statuses = used(
    Object.keys(MEASURE_STATUS_COLORS),
    c.byThemenfeld.map((r) => r.byStatus),
  );
  const attainment = used(
    Object.keys(ATTAINMENT_COLORS),
    c.leitziele.map((l) => l.targets),
  );
  return {
    statusByThemenfeld:
      c.byThemenfeld.length && statuses.length
        ? await stackedBarsSvg({
            categories: c.byThemenfeld.map((r) => r.label),
            series: statuses.map((s) => ({
              name: t(`concept.status.${s}`),
              color: MEASURE_STATUS_COLORS[s],
              data: c.byThemenfeld.map((r) => r.byStatus[s]),
            })),
          })
        : null,
    attainmentByLeitziel:
      c.leitziele.length && attainment.length
        ? await stackedBarsSvg({
            categories: c.leitziele.map((l) => `${l.themenfeld}/${l.number} ${l.title}`),
            series: attainment.map((s) => ({
              name: t(`steering.status.${s}`),
              color: ATTAINMENT_COLORS[s],
              data: c.leitziele.map((l) => l.targets[s]),
            })),
          })
        : null,
  };
}
