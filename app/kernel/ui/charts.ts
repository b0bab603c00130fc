// What the server's and the browser's charts share (decision 0052): a chart is an ECharts option with
// the size it is laid out for. One pure function per chart builds it; the server draws it as SVG
// (charts.server.ts), the browser hands the same option to ECharts once the library has loaded.

/** An ECharts option (the library's own types would pull it into every importing page's types). */
export type ChartOption = Record<string, unknown>;

export interface ChartSpec {
  option: ChartOption;
  /** The width the server draws at; in the browser the chart fills its box's width. */
  width: number;
  /** The box's height on the page, the same for the server's SVG and the interactive chart. */
  height: number;
}

/** The page's typeface (KERN's Fira Sans), so a chart's texts match the page around it. */
export const CHART_FONT = "'Fira Sans', sans-serif";
/** The page's text colour: labels and axes read like the text beside them. */
export const CHART_TEXT = "#1b1b1b";
