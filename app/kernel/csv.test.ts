import { describe, expect, it } from "vitest";
import { csvCellText, csvNumber, csvVariantFrom, toCsv } from "./csv";
import { germanNumber, readGermanCsv, readOpenCsv } from "../../tests/support/csv";

const table = {
  columns: [
    "Name",
    { header: "Wert", type: "number" as const },
    { header: "Datum", type: "date" as const },
    "PLZ",
    { header: "Budget", type: "number" as const, decimals: 2 },
  ],
  rows: [
    ['Sprachcafé; "Treff"', 1.5, "2026-03-01", "01067", 12500],
    ['=HYPERLINK("http://x")', -1.5, null, "+49 221", -0.004],
    ["@SUM(A1)", 0, "2026-12-31", "-5", null],
    ["\tTab", 1234567.25, undefined, "\rCR", 3],
    ["Zeile 1\nZeile 2", -0, "", "-Minus", 0.5],
  ],
};

describe("German Excel CSV", () => {
  const text = toCsv(table, "de");
  const rows = readGermanCsv(text);

  it("starts with a BOM, uses ; and CRLF, and quotes per RFC 4180", () => {
    expect(text.startsWith("\uFEFFName;Wert;Datum;PLZ;Budget\r\n")).toBe(true);
    expect(text).toContain('"Sprachcafé; ""Treff""";');
    // Header, 5 rows and the final CRLF: nothing below the table, so that every file reads back.
    expect(text.split("\r\n").length).toBe(7);
    expect(rows[1][0]).toBe('Sprachcafé; "Treff"');
    expect(rows[5][0]).toBe("Zeile 1\nZeile 2");
  });

  it("writes numbers with a decimal comma and negative numbers as numbers", () => {
    expect(rows.slice(1, 6).map((r) => r[1])).toEqual(["1,5", "-1,5", "0", "1234567,25", "0"]);
    expect(germanNumber(rows[2][1])).toBe(-1.5);
    expect(rows.slice(1, 6).map((r) => r[4])).toEqual(["12500,00", "0,00", "", "3,00", "0,50"]);
  });

  it("defuses text that starts with =, +, -, @, tab or CR, but not numbers", () => {
    expect(rows[2][0]).toBe(`'=HYPERLINK("http://x")`);
    expect(rows[2][3]).toBe("'+49 221");
    expect(rows[3][0]).toBe("'@SUM(A1)");
    expect(rows[3][3]).toBe("'-5");
    expect(rows[4][0]).toBe("'\tTab");
    expect(rows[4][3]).toBe("'\rCR");
    expect(rows[5][3]).toBe("'-Minus");
  });

  it("keeps numeric-looking text as text with its leading zero", () => {
    expect(rows[1][3]).toBe("01067");
    expect(text).toContain(";01067;");
  });

  it("writes dates as TT.MM.JJJJ", () => {
    expect(rows.slice(1, 6).map((r) => r[2])).toEqual(["01.03.2026", "", "31.12.2026", "", ""]);
    expect(rows.length).toBe(6);
  });
});

describe("open-data CSV", () => {
  const text = toCsv(table, "offen");
  const rows = readOpenCsv(text);

  it("has no BOM, uses , and a decimal point and ISO dates", () => {
    expect(text.startsWith("Name,Wert,Datum,PLZ,Budget\r\n")).toBe(true);
    expect(rows.length).toBe(6);
    expect(rows.slice(1).map((r) => r[1])).toEqual(["1.5", "-1.5", "0", "1234567.25", "0"]);
    expect(rows[1][2]).toBe("2026-03-01");
    expect(rows[1][3]).toBe("01067");
  });

  it("defuses formulas too", () => {
    expect(rows[2][0]).toBe(`'=HYPERLINK("http://x")`);
    expect(rows[3][0]).toBe("'@SUM(A1)");
  });
});

describe("cells", () => {
  it("writes lists, booleans, instants and odd numbers", () => {
    expect(csvCellText(["de", "en"], { header: "x" }, "de")).toBe("de|en");
    expect(csvCellText(true, { header: "x" }, "de")).toBe("ja");
    expect(csvCellText(false, { header: "x" }, "offen")).toBe("false");
    // 23:30 UTC on 31 Dec is already New Year in Berlin.
    const d = new Date("2026-12-31T23:30:00Z");
    expect(csvCellText(d, { header: "x", type: "date" }, "de")).toBe("01.01.2027");
    expect(csvCellText(d, { header: "x", type: "date" }, "offen")).toBe("2027-01-01");
    expect(csvCellText(d, { header: "x" }, "de")).toBe("01.01.2027 00:30");
    expect(csvCellText(d, { header: "x" }, "offen")).toBe("2026-12-31T23:30:00.000Z");
    expect(csvNumber(1e-7, "de")).toBe("0,0000001");
    expect(csvNumber(1e21, "offen")).toBe("1000000000000000000000");
    expect(csvNumber(NaN, "de")).toBe("");
  });

  it("picks the variant from ?variante=", () => {
    expect(csvVariantFrom(new URL("http://x/a.csv"))).toBe("de");
    expect(csvVariantFrom(new URL("http://x/a.csv?variante=offen"))).toBe("offen");
    expect(csvVariantFrom(new URL("http://x/a.csv?variante=xyz"))).toBe("de");
  });
});
