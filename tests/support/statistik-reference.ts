// An independent reading of tests/fixtures/doppelstadt/statistik-2024.{csv,xlsx}: what the files say,
// read without anything from app/, so tests can hold the app's import against it (issue 14). It is
// deliberately simple and knows this one layout from the fixture's README (data lines 4–13, the last
// header line 3); anything it does not expect throws instead of being guessed at.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";

export type RefSymbol = "." | "x" | "…";
export type RefValue = { value: number | null; symbol: RefSymbol | null };
export type RefLevel = "stadtteil" | "stadtbezirk" | "stadt";
export type RefRow = { line: number; level: RefLevel; name: string; values: Record<string, RefValue> };

const DIR = fileURLToPath(new URL("../fixtures/doppelstadt/", import.meta.url));
export const STATISTIK_FILES = { csv: `${DIR}statistik-2024.csv`, xlsx: `${DIR}statistik-2024.xlsx` } as const;

/** The line numbers the fixture's README documents, the same in both files. */
const HEADER_LINE = 3;
const LEVELS: [from: number, to: number, level: RefLevel][] = [
  [4, 9, "stadtteil"],
  [10, 12, "stadtbezirk"],
  [13, 13, "stadt"],
];
const SHEET = "Bevölkerung 2024";

// Node 20's TextDecoder("windows-1252") decodes 0x80–0x9F as Latin-1 control characters (newer Node
// follows the WHATWG table); this puts the code page's characters back, so „ “ … read right on any Node.
const CP1252_80_9F =
  "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f" +
  "\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";

/** windows-1252 bytes as text, with the characters 0x80–0x9F the code page has there. */
export function decodeWindows1252(bytes: Uint8Array): string {
  return new TextDecoder("windows-1252")
    .decode(bytes)
    .replace(/[\u0080-\u009f]/g, (c) => CP1252_80_9F[c.charCodeAt(0) - 0x80]);
}

/**
 * One value cell as the Destatis "Zeichenerklärung" says: "-" is exactly 0; ".", "x", "…" are no
 * value with that symbol; else a number with spaces between thousands and a decimal comma.
 */
export function readRefValue(cell: string | number): RefValue {
  if (typeof cell === "number") return { value: cell, symbol: null };
  const s = cell.trim();
  if (s === "-") return { value: 0, symbol: null };
  if (s === "." || s === "x" || s === "…") return { value: null, symbol: s };
  const compact = s.replace(/\s/g, "");
  if (!/^-?\d+(,\d+)?$/.test(compact)) throw new Error(`not a value cell: ${JSON.stringify(cell)}`);
  return { value: Number(compact.replace(",", ".")), symbol: null };
}

function levelOf(line: number): RefLevel | undefined {
  return LEVELS.find(([from, to]) => line >= from && line <= to)?.[2];
}

/** Lines as lists of cells (line n at index n − 1): the CSV's records or the sheet's rows. */
async function readLines(kind: "csv" | "xlsx"): Promise<(string | number)[][]> {
  const bytes = readFileSync(STATISTIK_FILES[kind]);
  if (kind === "csv") {
    // No cell spans lines in this file, so record n is line n (checked by the count in the test).
    return parse(decodeWindows1252(bytes), { delimiter: ";", relax_column_count: true, skip_empty_lines: false });
  }
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const ws = wb.getWorksheet(SHEET);
  if (!ws) throw new Error(`no sheet ${SHEET}`);
  const lines: (string | number)[][] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cells: (string | number)[] = [];
    for (let c = 1; c <= ws.columnCount; c++) {
      const v = row.getCell(c).value;
      if (v === null || v === undefined) cells.push("");
      else if (typeof v === "number" || typeof v === "string") cells.push(v);
      else throw new Error(`unexpected cell ${row.getCell(c).address}: ${JSON.stringify(v)}`);
    }
    lines.push(cells);
  }
  return lines;
}

/** The data lines of the CSV or the workbook, keyed by the last header line's column titles. */
export async function readStatistikReference(kind: "csv" | "xlsx"): Promise<RefRow[]> {
  const lines = await readLines(kind);
  const header = lines[HEADER_LINE - 1].map((c) => String(c).trim());
  const rows: RefRow[] = [];
  lines.forEach((cells, i) => {
    const line = i + 1;
    const level = levelOf(line);
    if (!level) return;
    const values: Record<string, RefValue> = {};
    for (let c = 1; c < header.length; c++) values[header[c]] = readRefValue(cells[c] ?? "");
    rows.push({ line, level, name: String(cells[0]).trim(), values });
  });
  return rows;
}
