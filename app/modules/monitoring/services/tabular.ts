import { ServiceError } from "~/kernel/errors";
import { parse } from "csv-parse";
import { Readable } from "node:stream";

// Reading CSV and XLSX in whatever layout an office sends: encoding, delimiter, decimal comma and
// the row where the header sits are detected unless the import profile fixes them.

export interface FormatOptions {
  encoding?: "auto" | "utf-8" | "windows-1252";
  delimiter?: "auto" | "," | ";" | "\t" | "|";
  decimal?: "auto" | "," | ".";
  /** 1-based line of the header; "auto" looks for it in the first 30 lines. */
  headerRow?: "auto" | number;
  sheet?: string;
}

export interface Detected {
  kind: "csv" | "xlsx";
  encoding: "utf-8" | "windows-1252";
  delimiter: string;
  decimal: "," | ".";
  headerRow: number;
  header: string[];
  sample: string[][];
}

/** A file the importer cannot read; carries an error code (monitoring.errors.*) for the report. */
export class TabularError extends ServiceError {}

export function isXlsx(bytes: Uint8Array) {
  return bytes[0] === 0x50 && bytes[1] === 0x4b; // ZIP container
}

export function decode(
  bytes: Uint8Array,
  enc: FormatOptions["encoding"] = "auto",
): { text: string; encoding: "utf-8" | "windows-1252" } {
  if (enc === "windows-1252") return { text: new TextDecoder("windows-1252").decode(bytes), encoding: "windows-1252" };
  try {
    return { text: new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes), encoding: "utf-8" };
  } catch {
    if (enc === "utf-8") throw new TabularError("monitoring.errors.notUtf8");
    return { text: new TextDecoder("windows-1252").decode(bytes), encoding: "windows-1252" };
  }
}

function splitLine(line: string, d: string): string[] {
  const out: string[] = [];
  let cur = "";
  let q = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') {
      if (q && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else q = !q;
    } else if (c === d && !q) {
      out.push(cur);
      cur = "";
    } else cur += c;
  }
  out.push(cur);
  return out.map((s) => s.trim());
}

export function detectDelimiter(lines: string[]): string {
  let best = ",",
    bestScore = -1;
  for (const d of [";", ",", "\t", "|"]) {
    const counts = lines.filter((l) => l.trim()).map((l) => splitLine(l, d).length);
    if (!counts.length) continue;
    const mode = modeOf(counts);
    if (mode < 2) continue;
    const score = counts.filter((c) => c === mode).length * 100 + mode;
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}
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
    if (filled.length >= width && filled.filter((c) => !looksNumeric(c)).length >= Math.ceil(filled.length / 2))
      return i + 1;
  }
  return 1;
}
const looksNumeric = (s: string) => /^-?[\d.,\s]+%?$/.test(s);

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

async function xlsxRows(bytes: Uint8Array, sheet?: string): Promise<string[][]> {
  // Loaded on first use: ExcelJS alone is a third of the CLI's start-up, and most commands never read Excel.
  const { default: ExcelJS } = await import("exceljs");
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as never);
  } catch {
    throw new TabularError("monitoring.errors.xlsxUnreadable");
  }
  const ws = sheet ? wb.getWorksheet(sheet) : wb.worksheets[0];
  if (!ws)
    throw sheet
      ? new TabularError("monitoring.errors.noSuchSheet", { sheet })
      : new TabularError("monitoring.errors.noSheet");
  const out: string[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    const cells: string[] = [];
    for (let c = 1; c <= ws.columnCount; c++) {
      const v = row.getCell(c).value as unknown;
      const r = v && typeof v === "object" && "result" in (v as object) ? (v as { result: unknown }).result : v;
      cells.push(
        r == null
          ? ""
          : r instanceof Date
            ? r.toISOString().slice(0, 10)
            : typeof r === "object" && "richText" in (r as object)
              ? (r as { richText: { text: string }[] }).richText.map((x) => x.text).join("")
              : String(r),
      );
    }
    out[n - 1] = cells;
  });
  for (let i = 0; i < out.length; i++) out[i] ??= [];
  return out;
}

export interface Table {
  detected: Detected;
  /** Data rows after the header, with their 1-based line/row number in the file. */
  rows: AsyncIterable<{ line: number; cells: string[] }>;
}

export async function openTable(bytes: Uint8Array, fmt: FormatOptions = {}): Promise<Table> {
  if (bytes.length === 0) throw new TabularError("monitoring.errors.emptyFile");
  if (isXlsx(bytes)) {
    const all = await xlsxRows(bytes, fmt.sheet);
    const headerRow = fmt.headerRow && fmt.headerRow !== "auto" ? fmt.headerRow : detectHeaderRow(all.slice(0, 30));
    const header = (all[headerRow - 1] ?? []).map((h) => h.trim());
    const data = all.slice(headerRow);
    const decimal = fmt.decimal && fmt.decimal !== "auto" ? fmt.decimal : ".";
    return {
      detected: {
        kind: "xlsx",
        encoding: "utf-8",
        delimiter: "",
        decimal,
        headerRow,
        header,
        sample: data.slice(0, 10),
      },
      rows: (async function* () {
        for (const [i, cells] of data.entries()) yield { line: headerRow + 1 + i, cells };
      })(),
    };
  }
  const { text, encoding } = decode(bytes, fmt.encoding);
  const head = text
    .slice(0, 64 * 1024)
    .split(/\r?\n/)
    .slice(0, 30);
  const delimiter = fmt.delimiter && fmt.delimiter !== "auto" ? fmt.delimiter : detectDelimiter(head);
  const headRows = head.map((l) => splitLine(l, delimiter));
  const headerRow =
    fmt.headerRow && fmt.headerRow !== "auto"
      ? fmt.headerRow
      : detectHeaderRow(headRows.filter((_r, i) => i < head.length - 1 || head[i] !== ""));
  const header = headRows[headerRow - 1] ?? [];
  const decimal = fmt.decimal && fmt.decimal !== "auto" ? fmt.decimal : detectDecimal(headRows.slice(headerRow).flat());
  const parser = Readable.from(chunks(text.replace(/^\uFEFF/, ""))).pipe(
    parse({
      delimiter,
      from_line: headerRow + 1,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
      bom: true,
    }),
  );
  return {
    detected: {
      kind: "csv",
      encoding,
      delimiter,
      decimal,
      headerRow,
      header,
      sample: headRows.slice(headerRow, headerRow + 10),
    },
    rows: (async function* () {
      try {
        for await (const rec of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>)
          yield { line: rec.info.lines, cells: rec.record };
      } catch (e) {
        throw new TabularError("monitoring.errors.csvBroken", { reason: (e as Error).message });
      }
    })(),
  };
}
function* chunks(s: string, size = 1 << 20) {
  for (let i = 0; i < s.length; i += size) yield s.slice(i, i + size);
}
