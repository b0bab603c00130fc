import { describe, expect, it } from "vitest";
import fs from "node:fs";
import { classBreaks, classOf } from "~/kernel/ui/classes";
import { normKey } from "./services/areas";
import { detectDelimiter, detectHeaderRow, parseNumber, decode } from "./services/tabular";
import { combine } from "./services/values";
import de from "./i18n/de.json";
import en from "./i18n/en.json";

const keys = (o: Record<string, unknown>, p = ""): string[] =>
  Object.entries(o).flatMap(([k, v]) =>
    v && typeof v === "object" ? keys(v as Record<string, unknown>, `${p}${k}.`) : [`${p}${k}`],
  );

describe("monitoring module pieces", () => {
  it("has the same UI strings in German and English", () => expect(keys(en).sort()).toEqual(keys(de).sort()));

  it("enables row-level security with the tenant policy on every table of its migration", () => {
    const s = fs.readFileSync(new URL("./migrations/0200_monitoring.sql", import.meta.url), "utf8");
    const tables = [...s.matchAll(/CREATE TABLE (\w+)/g)].map((m) => m[1]);
    expect(tables.length).toBeGreaterThan(5);
    for (const t of tables) {
      expect(s).toContain(`ALTER TABLE ${t} ENABLE ROW LEVEL SECURITY`);
      expect(s).toContain(
        `CREATE POLICY tenant_isolation ON ${t} USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id())`,
      );
    }
  });

  it("normalises keys with leading zeros", () => {
    expect(normKey("007")).toBe("7");
    expect(normKey(" 101 ")).toBe("101");
    expect(normKey("000")).toBe("0");
    expect(normKey("7.0")).toBe("7");
    expect(normKey("A12")).toBe("a12");
  });

  it("parses German and English numbers", () => {
    expect(parseNumber("1.234,5", ",")).toBe(1234.5);
    expect(parseNumber("12,5 %", ",")).toBe(12.5);
    expect(parseNumber("1,234.5", ".")).toBe(1234.5);
    expect(parseNumber("1023101.0", ".")).toBe(1023101);
    expect(parseNumber("zwölf", ",")).toBeNaN();
  });

  it("detects delimiter, header row and Windows-1252", () => {
    expect(detectDelimiter(["a;b;c", "1;2,5;3", "4;5;6"])).toBe(";");
    expect(detectDelimiter(["a\tb", "1\t2"])).toBe("\t");
    expect(detectHeaderRow([["Titel"], [""], ["Gebiet", "Jahr", "Wert"], ["1", "2012", "3"]])).toBe(3);
    expect(decode(new Uint8Array([0x4b, 0xf6, 0x6c, 0x6e])).text).toBe("Köln");
    expect(decode(new Uint8Array([0x4b, 0xf6, 0x6c, 0x6e])).encoding).toBe("windows-1252");
  });

  it("combines derived values and classifies", () => {
    expect(combine("share", 1, 4)).toBe(25);
    expect(combine("rate1000", 3, 1500)).toBe(2);
    expect(combine("pp_diff", 40, 55)).toBe(-15);
    expect(combine("parity", 20, 25)).toBe(0.8);
    expect(combine("share", 1, 0)).toBeNull();
    const b = classBreaks([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 5, "quantile");
    expect(b).toEqual([2, 4, 6, 8, 10]);
    expect(classBreaks([0, 10], 5, "equal")).toEqual([2, 4, 6, 8, 10]);
    expect(classOf(5, b)).toBe(2);
  });
});
