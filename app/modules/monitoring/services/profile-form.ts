import type { ObservationProfile, RowFilterOp } from "./importer";
import type { FormatOptions } from "./tabular";

// The import screen's mapping form and the observation profile it saves, both ways: the form's flat
// fields (a browser without JavaScript sends nothing else) become a profile candidate that the
// profile schema checks, and a stored profile fills the form again. A profile the form cannot show
// (series maps, extra value columns) is used as it is.

/** Slots for level row ranges on the form (district rows, the total row, …). */
export const LEVEL_RANGE_SLOTS = 4;

export type MappingFields = Record<string, string>;

const num = (s: string | undefined) => (s && /^\d+$/.test(s.trim()) ? Number(s.trim()) : s?.trim() ? s : undefined);
const text = (s: string | undefined) => (s?.trim() ? s.trim() : undefined);

/**
 * The profile candidate of a submitted mapping form over a file with these header names; the
 * profile schema validates it. Wide columns are sent by position (`w<j>` indicator, `wg<j>` group).
 */
export function profileFromForm(f: MappingFields, header: string[]): unknown {
  const layout = f.layout === "wide" ? "wide" : "long";
  const levelRows = Array.from({ length: LEVEL_RANGE_SLOTS }, (_, i) => i + 1)
    .map((i) => ({
      from: num(f[`levelFrom${i}`]),
      to: num(f[`levelTo${i}`]) ?? num(f[`levelFrom${i}`]),
      level: text(f[`levelLevel${i}`]),
    }))
    .filter((r) => r.from !== undefined || r.level !== undefined);
  const filter = text(f.filterColumn)
    ? { column: f.filterColumn, op: f.filterOp || "notEmpty", value: f.filterValue ?? "" }
    : undefined;
  const rows =
    text(f.rowsFrom) || text(f.rowsTo) || filter ? { from: num(f.rowsFrom), to: num(f.rowsTo), filter } : undefined;
  const wide =
    layout === "wide"
      ? header.flatMap((column, j) =>
          text(f[`w${j}`]) && column ? [{ column, indicator: f[`w${j}`], group: text(f[`wg${j}`]) ?? "gesamt" }] : [],
        )
      : undefined;
  const seriesColumn = layout === "long" ? text(f.seriesColumn) : undefined;
  return {
    kind: "observations",
    name: f.profileName?.trim() ?? "",
    format: formatFromForm(f),
    layout,
    area: {
      column: f.areaColumn ?? "",
      nameColumn: text(f.areaNameColumn),
      level: text(f.level),
      levelColumn: text(f.levelColumn),
      levelRows: levelRows.length ? levelRows : undefined,
    },
    period: text(f.fixedPeriod) ? { fixed: f.fixedPeriod.trim() } : { column: f.periodColumn ?? "" },
    rows,
    ...(layout === "long"
      ? {
          value: { column: f.valueColumn ?? "" },
          indicator: seriesColumn ? undefined : text(f.indicator),
          series: seriesColumn ? { columns: [seriesColumn], codes: true, unmapped: "error" } : undefined,
          group: text(f.groupColumn)
            ? { column: f.groupColumn }
            : text(f.fixedGroup)
              ? { fixed: f.fixedGroup.trim() }
              : undefined,
        }
      : { wide }),
    emptyValues: f.emptyValues || "error",
    unmatchedAreas: f.unmatchedAreas || "error",
  };
}

/** How the form says the file is read (sheet, header line, lines it spans); the schema checks the numbers. */
export function formatFromForm(f: MappingFields): FormatOptions {
  return {
    headerRow: (num(f.headerRow) as number | undefined) ?? "auto",
    ...(num(f.headerRows) !== undefined ? { headerRows: num(f.headerRows) as number } : {}),
    ...(text(f.sheet) ? { sheet: text(f.sheet) } : {}),
  };
}

/** The form field a profile problem belongs to (the zod issue's path), for the error summary. */
export function fieldOfPath(path: readonly PropertyKey[]): string {
  const [a, b, c, d] = path.map(String);
  if (a === "name") return "profileName";
  if (a === "area") {
    if (b === "levelRows") return `level${d === "to" ? "To" : d === "level" ? "Level" : "From"}${Number(c) + 1}`;
    return b === "nameColumn"
      ? "areaNameColumn"
      : b === "level"
        ? "level"
        : b === "levelColumn"
          ? "levelColumn"
          : "areaColumn";
  }
  if (a === "period") return path.length > 1 && b === "fixed" ? "fixedPeriod" : "periodColumn";
  if (a === "rows")
    return b === "filter" ? (c === "value" ? "filterValue" : "filterColumn") : b === "to" ? "rowsTo" : "rowsFrom";
  if (a === "value") return "valueColumn";
  if (a === "indicator" || a === "series") return "indicator";
  if (a === "group") return b === "fixed" ? "fixedGroup" : "groupColumn";
  if (a === "wide") return "wide";
  if (a === "format") return b === "headerRows" ? "headerRows" : "headerRow";
  return a ?? "_form";
}

/** The form's defaults from a stored profile, or null when the form cannot show it (used as it is then). */
export function formFromProfile(p: ObservationProfile, header: string[]): MappingFields | null {
  const extraColumns = Object.values(p.columns ?? {}).some(Boolean);
  const seriesMapped = !!p.series && (p.series.columns.length > 1 || Object.keys(p.series.map).length > 0);
  if (extraColumns || seriesMapped || p.group?.map || (p.area.levelRows?.length ?? 0) > LEVEL_RANGE_SLOTS) return null;
  if (p.wide?.some((w) => w.period || !header.includes(w.column))) return null;
  const f: MappingFields = {
    layout: p.layout,
    profileName: p.name,
    areaColumn: p.area.column,
    areaNameColumn: p.area.nameColumn ?? "",
    level: p.area.level ?? "",
    levelColumn: p.area.levelColumn ?? "",
    periodColumn: p.period.column ?? "",
    fixedPeriod: p.period.fixed ?? "",
    rowsFrom: p.rows?.from?.toString() ?? "",
    rowsTo: p.rows?.to?.toString() ?? "",
    filterColumn: p.rows?.filter?.column ?? "",
    filterOp: p.rows?.filter?.op ?? "",
    filterValue: p.rows?.filter?.value ?? "",
    valueColumn: p.value?.column ?? "",
    seriesColumn: p.series?.columns[0] ?? "",
    indicator: p.indicator ?? "",
    groupColumn: p.group?.column ?? "",
    fixedGroup: p.group?.fixed ?? "",
    emptyValues: p.emptyValues,
    unmatchedAreas: p.unmatchedAreas,
  };
  (p.area.levelRows ?? []).forEach((r, i) => {
    f[`levelFrom${i + 1}`] = String(r.from);
    f[`levelTo${i + 1}`] = String(r.to);
    f[`levelLevel${i + 1}`] = r.level;
  });
  for (const w of p.wide ?? []) {
    const j = header.indexOf(w.column);
    f[`w${j}`] = w.indicator;
    f[`wg${j}`] = w.group;
  }
  return f;
}

/** Operators of the row filter, in the form's order. */
export const FILTER_OPS: RowFilterOp[] = ["notEmpty", "equals", "notEquals", "contains", "notContains"];

const norm = (s: string) =>
  s
    .normalize("NFC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}%]+/gu, " ")
    .trim();

/**
 * A wide column's indicator guessed from its header: the indicator whose code or name it is, also
 * when the header carries a group heading before it ("Bevölkerung / Einwohner insgesamt").
 */
export function guessIndicator(header: string, indicators: { code: string; name: string }[]): string {
  const whole = norm(header),
    last = norm(header.split(" / ").pop() ?? "");
  for (const h of [whole, last]) {
    const hit = indicators.find((i) => norm(i.code) === h || norm(i.name) === h);
    if (hit) return hit.code;
  }
  return "";
}
