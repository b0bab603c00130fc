import type { ChartSpec } from "./charts";

// Charts drawn on the server (decision 0052): ECharts (the library the pages use in the browser) in
// its SSR mode writes an SVG string, so a chart shows from the first paint and without JavaScript,
// and costs the page no script. Every chart sits beside a table with the same numbers, which is its
// text alternative; the SVG is hidden from assistive technology and its box is named instead.

/**
 * The chart as an SVG string that scales with its box (viewBox, no fixed size; aligned top left when
 * the box's shape differs). ECharts escapes the texts. Its hover stylesheet is dropped – the page's
 * Content-Security-Policy allows no inline <style>, and nothing in a static picture hovers – and so
 * are the classes that pointed into it and its bookkeeping attributes (ecmeta_*).
 */
export async function chartSvg({ option, width, height }: ChartSpec): Promise<string> {
  const echarts = await import("echarts");
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width, height });
  try {
    chart.setOption({ ...option, animation: false });
    return chart
      .renderToSVGString()
      .replace(/<style[\s\S]*?<\/style>/g, "")
      .replace(/ (ecmeta_[a-z_]+|class)="[^"]*"/g, "")
      .replace(
        /^<svg width="\d+" height="\d+"/,
        `<svg aria-hidden="true" focusable="false" preserveAspectRatio="xMinYMin meet"`,
      );
  } finally {
    chart.dispose();
  }
}
