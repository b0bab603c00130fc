import { germanDate, germanDateTime, isoDateBerlin } from "./dates";

/**
 * The two CSV dialects every download uses (docs/decisions/0007):
 * - `de`: what German Excel opens with a double click – `;`, decimal comma, UTF-8 with BOM, CRLF.
 * - `offen`: open-data conventions (RFC 4180 as GovData/DCAT-AP.de expect) – `,`, decimal point,
 *   UTF-8 without BOM, CRLF, ISO 8601 dates.
 * Both quote per RFC 4180 and defuse text that a spreadsheet would run as a formula.
 */
export const CSV_VARIANTS = ["de", "offen"] as const;
export type CsvVariant = (typeof CSV_VARIANTS)[number];

export type CsvValue = string | number | boolean | Date | null | undefined | readonly string[];

export interface CsvColumn {
  header: string;
  /** How non-text values are written; a string value is always text, whatever the column says. */
  type?: "auto" | "number" | "date" | "datetime";
  /** Fixed decimals for numbers (e.g. 2 for money); otherwise as many as the value has. */
  decimals?: number;
  /** Separator for list values. */
  join?: string;
}

const FORMULA = /^[=+\-@\t\r]/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The number as the variant writes it: no thousands separator, no exponent, never "-0". */
export function csvNumber(n: number, variant: CsvVariant, decimals?: number): string {
  if (!Number.isFinite(n)) return "";
  const v = Object.is(n, -0) ? 0 : n;
  const s =
    decimals === undefined
      ? v.toLocaleString("en-US", { useGrouping: false, maximumFractionDigits: 12 })
      : v.toFixed(decimals);
  const out = s === "-0" || /^-0\.0*$/.test(s) ? s.slice(1) : s;
  return variant === "de" ? out.replace(".", ",") : out;
}

/** Text as a cell: a leading =, +, -, @, tab or CR gets an apostrophe so no spreadsheet runs it. */
export function defuse(s: string): string {
  return FORMULA.test(s) ? `'${s}` : s;
}

/**
 * One value as the variant writes it, before defusing and quoting: what a reader gets back after
 * undoing the apostrophe (imports compare against this). The flag says whether it is text.
 */
export function csvValueText(
  value: CsvValue,
  column: CsvColumn,
  variant: CsvVariant,
): { text: string; isText: boolean } {
  const plain = (text: string) => ({ text, isText: false });
  if (value === null || value === undefined) return plain("");
  if (typeof value === "number") return plain(csvNumber(value, variant, column.decimals));
  if (typeof value === "boolean") return plain(variant === "de" ? (value ? "ja" : "nein") : String(value));
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return plain("");
    if (column.type === "date") return plain(variant === "de" ? germanDate(value) : isoDateBerlin(value));
    return plain(variant === "de" ? germanDateTime(value) : value.toISOString());
  }
  if (Array.isArray(value)) return { text: value.join(column.join ?? "|"), isText: true };
  const s = value as string;
  if (column.type === "date" && ISO_DATE.test(s)) return plain(variant === "de" ? germanDate(s) : s);
  if (column.type === "datetime" && /^\d{4}-\d{2}-\d{2}T/.test(s) && !Number.isNaN(Date.parse(s)))
    return csvValueText(new Date(s), column, variant);
  return { text: s, isText: true };
}

/** One value as the text of its cell (before quoting). Numbers are never defused: "-1,5" is a number. */
export function csvCellText(value: CsvValue, column: CsvColumn, variant: CsvVariant): string {
  const v = csvValueText(value, column, variant);
  return v.isText ? defuse(v.text) : v.text;
}

function quote(s: string, sep: string): string {
  return s.includes(sep) || /["\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * One header and uniform rows, nothing else: every file Teilhabe writes reads back through an import
 * (docs/architecture.md, "Exporte"), so sources are a column and notes go where a reader does not take them for rows
 * (the page, an XLSX's second sheet).
 */
export interface CsvTable {
  columns: readonly (CsvColumn | string)[];
  rows: readonly (readonly CsvValue[])[];
}

/** The whole file. */
export function toCsv(table: CsvTable, variant: CsvVariant = "de"): string {
  const sep = variant === "de" ? ";" : ",";
  const cols = table.columns.map((c) => (typeof c === "string" ? { header: c } : c));
  const line = (cells: string[]) => cells.map((c) => quote(c, sep)).join(sep);
  const lines = [line(cols.map((c) => defuse(c.header)))];
  for (const r of table.rows) lines.push(line(cols.map((c, i) => csvCellText(r[i], c, variant))));
  return (variant === "de" ? "\uFEFF" : "") + lines.join("\r\n") + "\r\n";
}

/** `?variante=offen` picks the open-data dialect; anything else the German default. */
export function csvVariantFrom(url: URL): CsvVariant {
  return url.searchParams.get("variante") === "offen" ? "offen" : "de";
}

/** A download response; the file name gets no path or quote characters from the caller's data. */
export function csvResponse(body: string, fileName: string): Response {
  const safe = fileName.replace(/["\\/\r\n]/g, "_");
  return new Response(body, {
    headers: {
      // RFC 4180's `header` parameter tells readers that the first line names the columns.
      "Content-Type": "text/csv; charset=utf-8; header=present",
      "Content-Disposition": `attachment; filename="${safe}"`,
    },
  });
}
