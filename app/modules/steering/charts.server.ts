// Charts drawn on the server: ECharts (the library the monitoring's pages use) in its SSR mode writes
// an SVG string, so a chart shows without JavaScript and costs the page no script. Every chart sits
// beside a table with the same numbers, which is its text alternative.

/** The page's typeface (KERN's Fira Sans), so the SVG's texts match the page around it. */
const FONT = "'Fira Sans', sans-serif";
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

/**
 * Horizontal stacked bars as an SVG string. ECharts escapes the texts; its hover stylesheet is
 * dropped (the page's Content-Security-Policy allows no inline <style>, and nothing here hovers).
 */
export async function stackedBarsSvg({ categories, series, width = 720 }: StackedBarInput): Promise<string> {
  const echarts = await import("echarts");
  const legendRows = Math.ceil(series.length / 4);
  const height = 40 + categories.length * 34 + 30 + legendRows * 24;
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width, height });
  try {
    chart.setOption({
      animation: false,
      // A fixed margin for the names: ECharts measures text on the server only roughly, so letting it fit
      // the labels (containLabel) cut them off in the browser's font.
      grid: { left: LABEL_SPACE, right: 24, top: 16, bottom: 30 + legendRows * 24 },
      legend: { bottom: 0, itemGap: 14, textStyle: { color: "#1b1b1b", fontSize: 13, fontFamily: FONT } },
      xAxis: {
        type: "value",
        minInterval: 1,
        axisLabel: { color: "#1b1b1b", fontFamily: FONT },
        splitLine: { lineStyle: { color: "#d0d4da" } },
      },
      yAxis: {
        type: "category",
        inverse: true,
        data: categories.map((c) => short(c)),
        axisLabel: { color: "#1b1b1b", fontSize: 12, fontFamily: FONT },
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
    });
    return chart
      .renderToSVGString()
      .replace(/<style[\s\S]*?<\/style>/g, "")
      .replace(/ ecmeta_[a-z_]+="[^"]*"/g, "")
      .replace(/^<svg width="\d+" height="\d+"/, `<svg aria-hidden="true" focusable="false"`);
  } finally {
    chart.dispose();
  }
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
