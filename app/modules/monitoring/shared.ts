// Constants and pure helpers shared by server code and components (no server imports here).

export const AREA_LEVELS = ["stadt", "stadtbezirk", "stadtteil", "sozialraum", "lebensraum", "quartier"] as const;
export type AreaLevel = (typeof AREA_LEVELS)[number];
export const DIMENSIONS = ["strukturell", "sozial", "kulturell", "identifikatorisch"] as const;
export const DERIVED_OPS = ["share", "rate1000", "pp_diff", "parity"] as const;
export type DerivedOp = (typeof DERIVED_OPS)[number];

/** What public pages, exports and the API show instead of a suppressed value. */
export const SUPPRESSED_MARKER = "•";
export const KOELN_ATTRIBUTION = "Datenquelle: Stadt Köln, CC BY";

export type Classification = "quantile" | "equal";

/** Class breaks (upper bounds) for a choropleth; the same breaks are used by map, legend and table. */
export function classBreaks(values: number[], classes: number, method: Classification): number[] {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return [];
  // Quantiles cannot have more classes than values; equal intervals only need a spread.
  const n = method === "equal" ? (v[0] === v[v.length - 1] ? 1 : classes) : Math.max(1, Math.min(classes, v.length));
  const breaks: number[] = [];
  for (let i = 1; i <= n; i++) {
    if (method === "equal") breaks.push(v[0] + ((v[v.length - 1] - v[0]) * i) / n);
    else breaks.push(v[Math.min(v.length - 1, Math.ceil((i * v.length) / n) - 1)]);
  }
  breaks[breaks.length - 1] = v[v.length - 1];
  return [...new Set(breaks)];
}

export function classOf(value: number, breaks: number[]): number {
  for (let i = 0; i < breaks.length; i++) if (value <= breaks[i]) return i;
  return breaks.length - 1;
}

/** Sequential palette with enough contrast between neighbours (ColorBrewer Blues). */
export const PALETTE = ["#deebf7", "#9ecae1", "#6baed6", "#3182bd", "#08519c"];
/** Areas without a value (missing or suppressed) on a choropleth and in its legend. */
export const NO_DATA_COLOR = "#cccccc";
