import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseGermanNumber } from "./numbers";

describe("parseGermanNumber", () => {
  it("reads what Intl writes for German, with and without grouping", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }),
        fc.integer({ min: 0, max: 3 }),
        fc.boolean(),
        (n, digits, grouping) => {
          const value = n / 10 ** digits;
          const typed = new Intl.NumberFormat("de-DE", {
            minimumFractionDigits: digits,
            maximumFractionDigits: digits,
            useGrouping: grouping,
          }).format(value);
          expect(parseGermanNumber(typed)).toBeCloseTo(value, 6);
        },
      ),
    );
  });

  it("takes spaces, a euro or percent sign; null when empty; NaN for what is not a German number", () => {
    expect(parseGermanNumber(" 2.500 € ")).toBe(2500);
    expect(parseGermanNumber("12,5 %")).toBe(12.5);
    expect(parseGermanNumber("1\u202f234,5")).toBe(1234.5);
    expect(parseGermanNumber("+3")).toBe(3);
    expect(parseGermanNumber("")).toBeNull();
    expect(parseGermanNumber("   ")).toBeNull();
    expect(parseGermanNumber(null)).toBeNull();
    for (const bad of ["12.5", "1.23,4", "1,2,3", "zwölf", "1e5", "12,", ",5", "--1", "1.2345"])
      expect(parseGermanNumber(bad), bad).toBeNaN();
  });
});
