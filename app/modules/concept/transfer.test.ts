import { describe, expect, it } from "vitest";
import { catalogueCsv, COLUMNS } from "./services/catalogue";
import { readFile } from "./services/transfer";
import { translateError } from "~/kernel/errors";
import { getT } from "~/kernel/i18n";

describe("CSV conventions", () => {
  it("writes BOM, semicolons, quotes and defuses formulas, and reads them back unchanged", async () => {
    const record = [
      "M 1",
      '=HYPERLINK("http://x")',
      "Text; mit Semikolon\nund Zeilenumbruch",
      "1/1.1",
      "",
      "",
      "",
      "@Zielgruppe",
      "2026-01-01",
      null,
      "-5",
      12500.5,
      "beschlossen",
      0,
      "+49 241",
    ];
    const csv = catalogueCsv([record]);
    expect(csv.startsWith("\uFEFF" + COLUMNS.join(";") + "\r\n")).toBe(true);
    expect(csv).toContain(`;"'=HYPERLINK(""http://x"")";`);
    expect(csv).toContain(";'@Zielgruppe;");
    expect(csv).toContain(";'-5;12500,50;beschlossen;0;'+49 241\r\n");
    expect(csv).toContain(";01.01.2026;;");
    const back = await readFile("x.csv", Buffer.from(csv, "utf8"));
    expect(back.ok && back.rows[0].cells).toEqual([
      ...record.slice(0, 8),
      "01.01.2026",
      "",
      "-5",
      "12500,50",
      "beschlossen",
      "0",
      "+49 241",
    ]);
  });

  it("refuses other file types and non-UTF-8 CSV with error codes", async () => {
    expect(await readFile("x.txt", Buffer.from("a"))).toEqual({
      ok: false,
      errors: [{ line: 0, code: "concept.importErrors.fileType" }],
    });
    const latin1 = Buffer.from([...Buffer.from(COLUMNS.join(";") + "\r\nM 1;Ma"), 0xdf, ...Buffer.from("nahme\r\n")]);
    const r = await readFile("x.csv", latin1);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors[0].code).toBe("concept.importErrors.notUtf8");
    expect(!r.ok && translateError(getT("de"), r.errors[0])).toContain("nicht in UTF-8 gespeichert");
    expect(!r.ok && translateError(getT("en"), r.errors[0])).toContain("not saved as UTF-8");
    expect(await readFile("x.xlsx", Buffer.from("kein zip"))).toEqual({
      ok: false,
      errors: [{ line: 0, code: "concept.importErrors.notXlsx" }],
    });
  });
});
