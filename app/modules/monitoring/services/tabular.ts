import { ServiceError } from "~/kernel/errors";
import { parseInWorker } from "~/kernel/parsing/run";
import { decode as decodeCsv, detectDelimiter } from "~/kernel/parsing/csv";
import { HEAD_ROWS, ParseFailure, type ParsedTable, type TableRow } from "~/kernel/parsing/limits";
import { isZip } from "~/kernel/parsing/zip";

// Reading CSV and XLSX in whatever layout an office sends: encoding, delimiter, decimal comma and
// the row where the header sits are detected unless the import profile fixes them.

export interface FormatOptions {
  encoding?: "auto" | "utf-8" | "windows-1252";
  delimiter?: "auto" | "," | ";" | "\t" | "|";
  decimal?: "auto" | "," | ".";
  /** 1-based line of the header; "auto" looks for it in the first 30 lines. */
  headerRow?: "auto" | number;
  /**
   * How many lines the header spans (a group heading over its sub-headings): each column's name
   * joins its parts with " / ". Without it, a header whose names repeat (merged group headings)
   * takes in the next text line until they are unique.
   */
  headerRows?: number;
  sheet?: string;
}

export interface Detected {
  kind: "csv" | "xlsx";
  encoding: "utf-8" | "windows-1252";
  delimiter: string;
  decimal: "," | ".";
  headerRow: number;
  /** Lines the header spans from headerRow. */
  headerRows: number;
  header: string[];
  sample: string[][];
}

/** A file the importer cannot read; carries an error code (monitoring.errors.*) for the report. */
export class TabularError extends ServiceError {}

export const isXlsx = isZip;

/** Decodes CSV bytes (UTF-8 unless that fails, then windows-1252), as the import reads them. */
export function decode(bytes: Uint8Array, enc: FormatOptions["encoding"] = "auto") {
  try {
    return decodeCsv(bytes, enc);
  } catch (e) {
    throw ownError(e);
  }
}
export { detectDelimiter };

const modeOf = (xs: number[]) => {
  const m = new Map<number, number>();
  for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
  return [...m].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0][0];
};

/** The header is the first row that has as many filled cells as the data below and is mostly text. */
export function detectHeaderRow(rows: string[][]): number {
  const widths = rows.map((r) => r.filter((c) => c !== "").length);
  const width = modeOf(widths.filter((w) => w > 1).length ? widths.filter((w) => w > 1) : widths);
  for (let i = 0; i < rows.length; i++) {
    const filled = rows[i].filter((c) => c !== "");
    // A title merged across the columns fills them all with one text: not a header.
    if (filled.length >= width && isTextRow(rows[i]) && new Set(filled).size >= Math.ceil(filled.length / 2))
      return i + 1;
  }
  return 1;
}
const looksNumeric = (s: string) => /^-?[\d.,\s]+%?$/.test(s);
const isTextRow = (row: string[]) => {
  const filled = row.filter((c) => c !== "");
  return filled.length > 0 && filled.filter((c) => !looksNumeric(c)).length >= Math.ceil(filled.length / 2);
};

/** Each column's name from the header lines it spans: its distinct parts, top to bottom, joined by " / ". */
export function joinHeader(lines: string[][]): string[] {
  const width = Math.max(0, ...lines.map((l) => l.length));
  return Array.from({ length: width }, (_, j) => {
    const parts: string[] = [];
    for (const l of lines) {
      const part = (l[j] ?? "").trim();
      if (part && parts[parts.length - 1] !== part) parts.push(part);
    }
    return parts.join(" / ");
  });
}

/**
 * Lines the header spans from `start` (0-based in `head`): one more while a name repeats in the next
 * column (a group heading merged over its sub-headings) and the next line is text.
 */
export function detectHeaderRows(head: string[][], start: number): number {
  let n = 1;
  for (; n < 5 && start + n < head.length; n++) {
    const names = joinHeader(head.slice(start, start + n));
    const grouped = names.some((h, j) => h !== "" && names[j + 1] === h);
    if (!grouped || !isTextRow(head[start + n] ?? [])) break;
  }
  return n;
}

export function detectDecimal(cells: string[]): "," | "." {
  let comma = 0,
    dot = 0;
  for (const c of cells) {
    if (/^-?\d{1,3}(\.\d{3})+(,\d+)?$|^-?\d+,\d+$/.test(c)) comma++;
    else if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$|^-?\d+\.\d+$/.test(c)) dot++;
  }
  return comma > dot ? "," : ".";
}

/** Parses a number the way the file writes it; returns NaN for anything that is not one. */
export function parseNumber(s: string, decimal: "," | "."): number {
  let t = s.trim().replace(/\s|%$/g, "");
  if (!t) return NaN;
  if (decimal === ",") t = t.replace(/\.(?=\d{3}(\D|$))/g, "").replace(",", ".");
  else t = t.replace(/,(?=\d{3}(\D|$))/g, "");
  return /^-?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t) ? Number(t) : NaN;
}

/**
 * Statistical symbols of German official statistics (Destatis/GENESIS, "Zeichenerklärung") that stand
 * in a value cell instead of a number (their states: kernel/value-states.ts). "-" is not among them: it
 * means exactly zero, a value.
 */
export type SourceSymbolWithoutValue = "." | "x" | "…" | "/";
/** A symbol kept with an observation: one without a value, or "()" (a value of limited reliability). */
export type SourceSymbol = SourceSymbolWithoutValue | "()";

/** What a value cell says: empty, a number (with "()" for limited reliability), a symbol without a number, or nothing readable. */
export type CellReading =
  | { kind: "empty" }
  | { kind: "value"; value: number; symbol: "()" | null }
  | { kind: "symbol"; symbol: SourceSymbolWithoutValue }
  | { kind: "invalid" };

// A JavaScript number as the XLSX reader writes a numeric cell ("1675", "12.3", "-23", "1e-7").
const JS_NUMBER = /^-?\d+(\.\d+)?(e[-+]?\d+)?$/i;

/**
 * Reads a value cell as CSV and XLSX alike: "-" (also "–", "—") is 0; ".", "x", "…" (or "..."), "/"
 * are the source's symbols; "(12,3)" is 12.3 of limited reliability; "1 675" (space, no-break space
 * or narrow no-break space between thousands) and "-  23" are numbers. In an XLSX file a numeric cell
 * arrives as a JavaScript number, a text cell as typed: text is read with `textDecimal` (German
 * offices type "12,3"), so both kinds in one sheet read right.
 */
export function readCell(
  raw: string,
  decimal: "," | ".",
  kind: "csv" | "xlsx" = "csv",
  textDecimal: "," | "." = ",",
): CellReading {
  const s = raw.replace(/[\s\u00a0\u202f]+/g, " ").trim();
  if (!s) return { kind: "empty" };
  if (s === "-" || s === "–" || s === "—") return { kind: "value", value: 0, symbol: null };
  if (s === ".") return { kind: "symbol", symbol: "." };
  if (s === "x" || s === "X") return { kind: "symbol", symbol: "x" };
  if (s === "…" || s === "...") return { kind: "symbol", symbol: "…" };
  if (s === "/") return { kind: "symbol", symbol: "/" };
  const m = /^\((.+)\)$/.exec(s);
  const body = m ? m[1].trim() : s;
  const v =
    kind === "xlsx"
      ? JS_NUMBER.test(body)
        ? Number(body)
        : parseNumber(body, textDecimal)
      : parseNumber(body, decimal);
  if (Number.isNaN(v)) return { kind: "invalid" };
  return { kind: "value", value: v, symbol: m ? "()" : null };
}

/** Wide when several columns other than area, period and group hold numbers (and none is called like a value column). */
export function guessLayout(d: Pick<Detected, "header" | "sample" | "decimal" | "kind">): "long" | "wide" {
  if (d.header.some((h) => /^(wert|anzahl|zahl|value)$/i.test(h))) return "long";
  const row = d.sample.find((r) => r.some((c) => c !== "")) ?? [];
  const numeric = row.filter(
    (c, j) =>
      !/gebiet|raum|stadtteil|bezirk|schl|jahr|zeit|stichtag|periode|gruppe/i.test(d.header[j] ?? "") &&
      readCell(c, d.decimal, d.kind).kind === "value",
  ).length;
  return numeric >= 2 ? "wide" : "long";
}

// The kernel parser's refusals that this module words in its own way (with a hint for the profile).
const OWN_CODES: Record<string, string> = {
  "upload.format.notUtf8": "monitoring.errors.notUtf8",
  "upload.format.xlsx": "monitoring.errors.xlsxUnreadable",
  "upload.format.zip": "monitoring.errors.xlsxUnreadable",
  "upload.format.noSheet": "monitoring.errors.noSheet",
  "upload.format.noSuchSheet": "monitoring.errors.noSuchSheet",
  "upload.format.empty": "monitoring.errors.emptyFile",
  "upload.format.csv": "monitoring.errors.csvBroken",
};
function ownError(e: unknown): unknown {
  const code = (e as { code?: string })?.code;
  if (e instanceof ServiceError || e instanceof ParseFailure)
    return new TabularError(OWN_CODES[code!] ?? code!, (e as ServiceError).params);
  return e;
}

/** What a stored parse is keyed by: the options that change how the bytes are read. */
export function formatKey(fmt: FormatOptions = {}): string {
  return JSON.stringify([fmt.encoding ?? "auto", fmt.delimiter ?? "auto", fmt.sheet ?? ""]);
}

/** Parses the file in the kernel's worker thread, within the upload limits. */
export async function parseTable(bytes: Uint8Array, fmt: FormatOptions = {}): Promise<ParsedTable> {
  try {
    return await parseInWorker({
      kind: "table",
      bytes,
      options: { encoding: fmt.encoding, delimiter: fmt.delimiter, sheet: fmt.sheet, dates: "iso" },
    });
  } catch (e) {
    throw ownError(e);
  }
}

export interface Table {
  detected: Detected;
  /** Non-empty data rows below the header (for progress). */
  rowCount?: number;
  /** Data rows after the header, with their 1-based line/row number in the file. */
  rows: AsyncIterable<{ line: number; cells: string[] }>;
}

/**
 * The table as the import reads it from a parse: header row, decimal mark and sample detected
 * unless the profile fixes them; `chunks` yields the stored row chunks in order (read lazily, so a
 * large file never sits in memory as a whole).
 */
export async function tableOf(
  parsed: Omit<ParsedTable, "chunks">,
  chunks: () => AsyncIterable<string>,
  fmt: FormatOptions = {},
): Promise<Table> {
  const head = parsed.head;
  const fixedHeader = fmt.headerRow && fmt.headerRow !== "auto" ? fmt.headerRow : null;
  const headerRow =
    fixedHeader ??
    detectHeaderRow(
      parsed.kind === "csv"
        ? head.filter((r, i) => i < head.length - 1 || !(r.length === 1 && r[0] === ""))
        : head.slice(0, HEAD_ROWS),
    );
  const all = async function* () {
    for await (const c of chunks()) for (const [line, cells] of JSON.parse(c) as TableRow[]) yield { line, cells };
  };
  const headerRows = fmt.headerRows ?? (head[headerRow - 1] ? detectHeaderRows(head, headerRow - 1) : 1);
  const lastHeader = headerRow + headerRows - 1;
  let header = head[lastHeader - 1] ? joinHeader(head.slice(headerRow - 1, lastHeader)) : undefined;
  if (!header) {
    // A header below the head rows (rare): read from the stored rows.
    const lines: string[][] = [];
    for await (const r of all())
      if (r.line >= headerRow) {
        if (r.line > lastHeader) break;
        lines.push(r.cells);
      }
    header = lines.length ? joinHeader(lines) : undefined;
  }
  const sample = head.slice(lastHeader, lastHeader + 10);
  const decimal =
    fmt.decimal && fmt.decimal !== "auto"
      ? fmt.decimal
      : parsed.kind === "csv"
        ? detectDecimal(head.slice(lastHeader).flat())
        : ".";
  return {
    rowCount: parsed.rowCount - head.slice(0, lastHeader).filter((r) => r.some((c) => c !== "")).length,
    detected: {
      kind: parsed.kind,
      encoding: parsed.encoding,
      delimiter: parsed.delimiter,
      decimal,
      headerRow,
      headerRows,
      header: (header ?? []).map((h) => h.trim()),
      sample,
    },
    rows: (async function* () {
      for await (const r of all()) if (r.line > lastHeader) yield r;
    })(),
  };
}

/** Parses bytes (in the worker) and opens the result as a table. */
export async function openTable(bytes: Uint8Array, fmt: FormatOptions = {}): Promise<Table> {
  if (bytes.length === 0) throw new TabularError("monitoring.errors.emptyFile");
  const parsed = await parseTable(bytes, fmt);
  return tableOf(
    parsed,
    async function* () {
      yield* parsed.chunks;
    },
    fmt,
  );
}
