import { describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { getT } from "~/kernel/i18n";
import { translateError } from "~/kernel/errors";
import { manyPointsGeoJson, xlsxBomb, zeroDeflate, zipOf } from "../../../tests/support/hostile-files";
import { ParseFailure, type ParsedTable, type TableRow, type UploadLimits } from "./limits";
import { parseInWorker, UploadRefused } from "./run";
import { runTask } from "./tasks";
import { ZipReader } from "./zip";
import { decodeWindows1252 } from "./csv";

const limits: UploadLimits = {
  uploadBytes: 20 * 2 ** 20,
  unpackedBytes: 200 * 2 ** 20,
  sheets: 50,
  rows: 1_048_576,
  columns: 1000,
  cells: 10_000_000,
  points: 500_000,
  seconds: 60,
  memoryMb: 512,
};
const table = (bytes: Uint8Array, options = {}, l = limits) =>
  runTask({ kind: "table", bytes, options }, l) as ParsedTable;
const rowsOf = (t: ParsedTable) => t.chunks.flatMap((c) => JSON.parse(c) as TableRow[]);
const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    if (e instanceof ParseFailure) return { code: e.code, params: e.params };
    throw e;
  }
  throw new Error("not refused");
};

describe("XLSX reader", () => {
  it("reads shared and inline strings, numbers, booleans, formulas and dates as the import expects", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Erstes");
    wb.addWorksheet("Zweites").getCell("B2").value = "anderes Blatt";
    ws.addRow(["Gebiet", "Jahr", "Wert", "Datum", "Ja?", "Formel"]);
    ws.addRow([
      "101 Altstadt & Süd",
      2024,
      1.25,
      new Date(Date.UTC(2024, 11, 31)),
      true,
      { formula: "C2*2", result: 2.5 },
    ]);
    ws.getCell("A5").value = { richText: [{ text: "<fett>" }, { text: " und normal" }] };
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const t = table(bytes);
    expect(t).toMatchObject({ kind: "xlsx", sheet: "Erstes", sheets: ["Erstes", "Zweites"], rowCount: 3 });
    expect(rowsOf(t)).toEqual([
      [1, ["Gebiet", "Jahr", "Wert", "Datum", "Ja?", "Formel"]],
      [2, ["101 Altstadt & Süd", "2024", "1.25", "2024-12-31", "true", "2.5"]],
      [5, ["<fett> und normal"]],
    ]);
    expect(t.head.slice(0, 5)).toEqual([rowsOf(t)[0][1], rowsOf(t)[1][1], [], [], ["<fett> und normal"]]);
    expect(rowsOf(table(bytes, { dates: "de" }))[1][1][3]).toBe("31.12.2024");
    expect(rowsOf(table(bytes, { sheet: "Zweites" }))).toEqual([[2, ["", "anderes Blatt"]]]);
    expect(refusal(() => table(bytes, { sheet: "Drittes" }))).toEqual({
      code: "upload.format.noSuchSheet",
      params: { sheet: "Drittes" },
    });
  });

  it("refuses a sparse sheet with a far-away cell at once instead of walking the empty rows", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Daten");
    ws.getCell("A1").value = "Gebiet";
    ws.getCell("XFD1048576").value = 1;
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    expect(bytes.length).toBeLessThan(10_000);
    expect(refusal(() => table(bytes))).toEqual({ code: "upload.limit.columns", params: { max: 1000 } });
    // Rows are limited by their number in the sheet, not by how many are filled.
    const low = new ExcelJS.Workbook();
    low.addWorksheet("Daten").getCell("A5000").value = 1;
    const few = new Uint8Array(await low.xlsx.writeBuffer());
    expect(refusal(() => table(few, {}, { ...limits, rows: 4999 }))).toEqual({
      code: "upload.limit.rows",
      params: { max: 4999 },
    });
    expect(rowsOf(table(few))).toEqual([[5000, ["1"]]]);
  });

  it("refuses more sheets than allowed", async () => {
    const wb = new ExcelJS.Workbook();
    for (let i = 0; i < 4; i++) wb.addWorksheet(`Blatt ${i}`);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    expect(refusal(() => table(bytes, {}, { ...limits, sheets: 3 }))).toEqual({
      code: "upload.limit.sheets",
      params: { max: 3 },
    });
  });
});

describe("ZIP reader", () => {
  it("refuses by the declared sizes before inflating anything", () => {
    const bomb = xlsxBomb(1024, false);
    expect(bomb.length).toBeLessThan(2 * 2 ** 20);
    expect(refusal(() => new ZipReader(bomb, limits))).toEqual({ code: "upload.limit.unpacked", params: { mb: 200 } });
  });

  it("stops a directory that lies about its sizes at the inflated bytes, 1 GB and 3.5 GB alike", () => {
    for (const mb of [1024, 3584]) {
      const bomb = xlsxBomb(mb, true);
      const zip = new ZipReader(bomb, limits); // the declarations pass
      expect(refusal(() => zip.read("xl/worksheets/sheet1.xml"))).toEqual({
        code: "upload.limit.unpacked",
        params: { mb: 200 },
      });
    }
  });

  it("counts the budget across entries and refuses a size other than the declared one", () => {
    const two = zipOf([
      { name: "a", data: zeroDeflate(3), method: 8, size: 3 * 2 ** 20 },
      { name: "b", data: zeroDeflate(3), method: 8, size: 3 * 2 ** 20 },
    ]);
    const zip = new ZipReader(two, { unpackedBytes: 7 * 2 ** 20 });
    expect(zip.read("a").length).toBe(3 * 2 ** 20);
    expect(() => new ZipReader(two, { unpackedBytes: 5 * 2 ** 20 })).toThrow(ParseFailure);
    const small = new ZipReader(zipOf([{ name: "a", data: zeroDeflate(2), method: 8, size: 2 ** 20 }]), limits);
    expect(refusal(() => small.read("a"))).toEqual({ code: "upload.format.zip", params: undefined });
  });
});

describe("CSV reader", () => {
  it("detects delimiter and encoding and keeps line numbers", () => {
    const t = table(new Uint8Array([...Buffer.from("Gebiet;Wert\n\n101;1,5\n"), 0x4b, 0xf6, 0x6c, 0x6e, 0x3b, 0x32]));
    expect(t).toMatchObject({ kind: "csv", delimiter: ";", encoding: "windows-1252" });
    expect(rowsOf(t)).toEqual([
      [1, ["Gebiet", "Wert"]],
      [3, ["101", "1,5"]],
      [4, ["Köln", "2"]],
    ]);
  });

  it("reads Windows-1252's own characters (0x80–0x9F) as the code page defines them, not as Latin-1", () => {
    // "…" is the statistics symbol "not yet available"; „“ and € are everyday text in German files.
    const bytes = new Uint8Array([
      ...Buffer.from("Gebiet;Wert\n"),
      0x84,
      0x4b,
      0x93,
      0x3b,
      0x85,
      0x0a,
      0x80,
      0x3b,
      0x81,
    ]);
    expect(decodeWindows1252(bytes)).toBe("Gebiet;Wert\n\u201eK\u201c;\u2026\n\u20ac;\u0081");
    const t = table(bytes);
    expect(t.encoding).toBe("windows-1252");
    expect(rowsOf(t)).toEqual([
      [1, ["Gebiet", "Wert"]],
      [2, ["\u201eK\u201c", "\u2026"]],
      [3, ["\u20ac", "\u0081"]],
    ]);
  });

  it("fills a merged header cell across its range in the head rows only", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Tabelle");
    ws.getCell("A1").value = "Gebiet";
    ws.getCell("B1").value = "Bevölkerung";
    ws.getCell("B2").value = "insgesamt";
    ws.getCell("C2").value = "Ausländer";
    ws.getCell("A3").value = "Altstadt";
    ws.getCell("B3").value = 12;
    ws.mergeCells("A1:A2");
    ws.mergeCells("B1:C1");
    const t = table(new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(t.head.slice(0, 3)).toEqual([
      ["Gebiet", "Bevölkerung", "Bevölkerung"],
      ["Gebiet", "insgesamt", "Ausländer"],
      ["Altstadt", "12"],
    ]);
    // The stored rows are the file as it is: the merged range's other cells stay empty.
    expect(rowsOf(t)[0]).toEqual([1, ["Gebiet", "Bevölkerung", ""]]);
  });

  it("refuses a line with a million columns from the preview, and rows and cells beyond the limits", () => {
    const wide = Buffer.from("Gebiet" + ";x".repeat(1_000_000) + "\n101;1\n");
    expect(refusal(() => table(wide))).toEqual({ code: "upload.limit.columns", params: { max: 1000 } });
    const long = Buffer.from("a;b\n" + "1;2\n".repeat(100));
    expect(refusal(() => table(long, {}, { ...limits, rows: 50 }))).toEqual({
      code: "upload.limit.rows",
      params: { max: 50 },
    });
    expect(refusal(() => table(long, {}, { ...limits, cells: 99 }))).toEqual({
      code: "upload.limit.cells",
      params: { max: 99 },
    });
    // Wide lines further down, beyond the preview, are counted as they are parsed.
    const late = Buffer.from("a;b\n".repeat(40) + "1" + ";2".repeat(2000) + "\n");
    expect(refusal(() => table(late))).toEqual({ code: "upload.limit.columns", params: { max: 1000 } });
  });
});

describe("area files", () => {
  it("refuses a GeoJSON with a million points", () => {
    const bytes = manyPointsGeoJson(1_000_000);
    expect(refusal(() => runTask({ kind: "geo", files: [{ name: "gebiete.geojson", bytes }] }, limits))).toEqual({
      code: "upload.limit.points",
      params: { max: 500_000 },
    });
    const few = manyPointsGeoJson(10);
    expect(runTask({ kind: "geo", files: [{ name: "gebiete.geojson", bytes: few }] }, limits)).toHaveLength(1);
  });
});

describe("the worker", () => {
  it("answers with the parse, and refuses by error code", async () => {
    const t = await parseInWorker({ kind: "table", bytes: Buffer.from("a;b\n1;2\n"), options: {} }, limits);
    expect(rowsOf(t)).toEqual([
      [1, ["a", "b"]],
      [2, ["1", "2"]],
    ]);
    const e = await parseInWorker({ kind: "table", bytes: xlsxBomb(1024, true), options: {} }, limits).catch(
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(UploadRefused);
    expect(translateError(getT("de"), e as UploadRefused)).toBe(
      "Die Datei ist entpackt zu groß: höchstens 200 MB sind erlaubt (XLSX-Dateien sind gepackt). Es wurde nichts gespeichert.",
    );
    expect(translateError(getT("en"), e as UploadRefused)).toContain("at most 200 MB is allowed");
  });

  it("is stopped at its deadline and at its heap cap", async () => {
    const big = Buffer.from("a;b;c;d\n" + "1;2;3;4\n".repeat(300_000));
    const slow = await parseInWorker({ kind: "table", bytes: big, options: {} }, { ...limits, seconds: 0.05 }).catch(
      (x: unknown) => x,
    );
    expect(slow).toMatchObject({ code: "upload.limit.time", params: { seconds: 0.05 } });
    expect(translateError(getT("de"), slow as UploadRefused)).toContain("länger als 0,05 Sekunden");
    const geo = manyPointsGeoJson(400_000);
    const heavy = await parseInWorker(
      { kind: "geo", files: [{ name: "gebiete.geojson", bytes: geo }] },
      { ...limits, memoryMb: 16 },
    ).catch((x: unknown) => x);
    expect(heavy).toMatchObject({ code: "upload.limit.memory", params: { mb: 16 } });
  });
});
