// The reference reading of the Doppelstadt statistics fixture: both files say the same, and the
// office's ways of writing numbers and symbols read as the README says.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import {
  decodeWindows1252,
  readRefValue,
  readStatistikReference,
  STATISTIK_FILES,
  type RefRow,
} from "../support/statistik-reference";

const EINWOHNER = "Einwohner insgesamt";
const AUSLAENDER = "Ausländerinnen und Ausländer";
const VERAENDERUNG = "Veränderung zum Vorjahr";
const ARBEITSLOSE = "Arbeitslose";
const ANTEIL = "Anteil Arbeitslose in %";

// The raw lines of the CSV, split without csv-parse: the file has no quoted cells.
const rawCsv = () => decodeWindows1252(readFileSync(STATISTIK_FILES.csv));
const rawCells = () =>
  rawCsv()
    .split("\r\n")
    .map((l) => l.split(";"));
const at = (rows: RefRow[], line: number) => rows.find((r) => r.line === line)!;

describe("statistik-2024 fixture, reference reading", () => {
  it("the CSV is windows-1252 with CRLF and exactly 15 lines, as documented", () => {
    const bytes = readFileSync(STATISTIK_FILES.csv);
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes)).toThrow();
    const text = rawCsv();
    expect(text.endsWith("\r\n")).toBe(true);
    const lines = text.slice(0, -2).split("\r\n");
    expect(lines).toHaveLength(15);
    expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    expect(lines[0]).toMatch(/^Bevölkerung und Arbeitsmarkt in Doppelstadt am 31\.12\.2024;*$/);
    expect(lines[2]).toBe(`Gebiet;${[EINWOHNER, AUSLAENDER, VERAENDERUNG, ARBEITSLOSE, ANTEIL].join(";")}`);
    expect(lines[1]).toMatch(/^;*$/);
    expect(lines[13]).toMatch(/^;*$/);
    expect(lines[14].replace(/;+$/, "")).toBe(
      "Quelle: Amt für Statistik Doppelstadt. Zeichenerklärung: „-“ = genau null, „.“ = Zahlenwert unbekannt oder geheim zu halten",
    );
    for (const s of ["12 000", "1 675", "-  23", "- 7", "4,5"]) expect(text).toContain(s);
  });

  it("windows-1252's characters at 0x80–0x9F decode as the code page has them", () => {
    expect(decodeWindows1252(Uint8Array.of(0x84, 0x2d, 0x93, 0x85, 0xe4, 0x80))).toBe("„-“…ä€");
  });

  it("CSV and XLSX give the same ten rows with identical values", async () => {
    const csv = await readStatistikReference("csv");
    const xlsx = await readStatistikReference("xlsx");
    expect(csv.map((r) => [r.line, r.level, r.name])).toEqual([
      [4, "stadtteil", "Altstadt"],
      [5, "stadtteil", "Innenstadt"],
      [6, "stadtteil", "Mülheim"],
      [7, "stadtteil", "Buchheim"],
      [8, "stadtteil", "Porz"],
      [9, "stadtteil", "Urbach"],
      [10, "stadtbezirk", "Innenstadt"],
      [11, "stadtbezirk", "Mülheim"],
      [12, "stadtbezirk", "Porz"],
      [13, "stadt", "Doppelstadt insgesamt"],
    ]);
    expect(Object.keys(csv[0].values)).toEqual([EINWOHNER, AUSLAENDER, VERAENDERUNG, ARBEITSLOSE, ANTEIL]);
    expect(xlsx).toEqual(csv);
  });

  it("Einwohner are the README's; Bezirke and the city are the sums wherever all parts are known", async () => {
    const rows = await readStatistikReference("csv");
    expect(rows.map((r) => r.values[EINWOHNER].value)).toEqual([
      12000, 18000, 23000, 18000, 15000, 11000, 30000, 41000, 26000, 97000,
    ]);
    // Stadtteile per Bezirk as in gebiete.csv: 1 Innenstadt ⊃ Altstadt, Innenstadt; 2 Mülheim ⊃ Mülheim,
    // Buchheim; 3 Porz ⊃ Porz, Urbach.
    const parts: [number, number[]][] = [
      [10, [4, 5]],
      [11, [6, 7]],
      [12, [8, 9]],
      [13, [10, 11, 12]],
    ];
    let checked = 0;
    for (const column of [EINWOHNER, AUSLAENDER, VERAENDERUNG, ARBEITSLOSE])
      for (const [whole, of] of parts) {
        const values = [whole, ...of].map((l) => at(rows, l).values[column].value);
        if (values.includes(null)) continue;
        const [sum, ...addends] = values as number[];
        expect(
          addends.reduce((a, b) => a + b, 0),
          `${column}, line ${whole}`,
        ).toBe(sum);
        checked++;
      }
    expect(checked).toBeGreaterThanOrEqual(12);
  });

  it('"1 675" is 1675 (in the workbook a text cell), "-  23" is -23, "- 7" is -7', async () => {
    const cells = rawCells();
    expect(cells[3][2]).toBe("1 675");
    expect(cells[7][3]).toBe("-  23");
    expect(cells[3][3]).toBe("- 7");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(STATISTIK_FILES.xlsx) as unknown as ExcelJS.Buffer);
    expect(wb.getWorksheet("Bevölkerung 2024")!.getCell("C4").value).toBe("1 675");
    for (const kind of ["csv", "xlsx"] as const) {
      const rows = await readStatistikReference(kind);
      expect(at(rows, 4).values[AUSLAENDER]).toEqual({ value: 1675, symbol: null });
      expect(at(rows, 8).values[VERAENDERUNG]).toEqual({ value: -23, symbol: null });
      expect(at(rows, 4).values[VERAENDERUNG]).toEqual({ value: -7, symbol: null });
      expect(at(rows, 4).values[ANTEIL]).toEqual({ value: 4.5, symbol: null });
    }
  });

  it('"-" cells are 0 without a symbol, "." cells no value with ".", "x" and "…" keep theirs', async () => {
    const cells = rawCells();
    const header = cells[2];
    const where = (text: string) =>
      cells.flatMap((row, i) =>
        i >= 3 && i <= 12
          ? row.flatMap((c, j) => (j > 0 && c === text ? [{ line: i + 1, column: header[j] }] : []))
          : [],
      );
    const zeros = where("-");
    const secrets = where(".");
    expect(new Set(zeros.map((z) => z.column)).size).toBeGreaterThanOrEqual(2);
    expect(secrets.length).toBeGreaterThanOrEqual(2);
    expect(secrets.some((s) => s.line >= 10 && s.line <= 12)).toBe(true);
    expect(where("x").length + where("…").length).toBeGreaterThanOrEqual(1);
    for (const kind of ["csv", "xlsx"] as const) {
      const rows = await readStatistikReference(kind);
      for (const z of zeros) expect(at(rows, z.line).values[z.column]).toEqual({ value: 0, symbol: null });
      for (const s of secrets) expect(at(rows, s.line).values[s.column]).toEqual({ value: null, symbol: "." });
      for (const symbol of ["x", "…"] as const)
        for (const s of where(symbol)) expect(at(rows, s.line).values[s.column]).toEqual({ value: null, symbol });
    }
  });

  it("every count that is not exactly zero is at least 20 (no small-number suppression)", async () => {
    const rows = await readStatistikReference("csv");
    for (const r of rows)
      for (const column of [EINWOHNER, AUSLAENDER, ARBEITSLOSE]) {
        const v = r.values[column].value;
        if (v !== null && v !== 0) expect(v, `${column}, line ${r.line}`).toBeGreaterThanOrEqual(20);
      }
  });

  it("the workbook has the office's layout: merged title and two header lines, formatted numbers", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(STATISTIK_FILES.xlsx) as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet("Bevölkerung 2024")!;
    expect([...ws.model.merges].sort()).toEqual(["A1:F1", "A2:A3", "B2:D2", "E2:F2"]);
    expect([ws.getCell("A2").value, ws.getCell("B2").value, ws.getCell("E2").value]).toEqual([
      "Gebiet",
      "Bevölkerung",
      "Arbeitsmarkt",
    ]);
    expect(ws.getCell("B4").numFmt).toBe("#,##0");
    expect(ws.getCell("F4").numFmt).toBe("0.0");
    expect(ws.getRow(14).cellCount).toBe(0);
    expect(String(ws.getCell("A15").value)).toMatch(/^Quelle: Amt für Statistik Doppelstadt\./);
  });

  it("a cell the reading does not know is refused, not guessed", () => {
    expect(() => readRefValue("12.000")).toThrow();
    expect(() => readRefValue("")).toThrow();
    expect(readRefValue(" 1 234,5 ")).toEqual({ value: 1234.5, symbol: null });
  });
});
