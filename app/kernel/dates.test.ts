import { describe, expect, it } from "vitest";
import {
  addDays,
  addMonths,
  daysBetween,
  formatDate,
  formatDateTime,
  germanDate,
  isIsoDate,
  todayBerlin,
} from "./dates";

describe("today in Berlin", () => {
  it("is already the next day at 23:30 UTC in winter (CET, +1) and at 22:30 UTC in summer (CEST, +2)", () => {
    expect(todayBerlin(new Date("2026-01-14T22:59:00Z"))).toBe("2026-01-14");
    expect(todayBerlin(new Date("2026-01-14T23:30:00Z"))).toBe("2026-01-15");
    expect(todayBerlin(new Date("2026-07-14T21:59:00Z"))).toBe("2026-07-14");
    expect(todayBerlin(new Date("2026-07-14T22:30:00Z"))).toBe("2026-07-15");
    expect(todayBerlin(new Date("2026-12-31T23:30:00Z"))).toBe("2027-01-01");
  });
});

describe("day arithmetic on ISO dates", () => {
  it("adds days across months, leap days and the clock change", () => {
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2026-03-28", 2)).toBe("2026-03-30");
    expect(addDays("2026-01-01", -182)).toBe("2025-07-03");
    expect(daysBetween("2026-03-28", "2026-03-30")).toBe(2);
    expect(daysBetween("2026-10-26", "2026-10-24")).toBe(-2);
  });

  it("adds months and keeps the day where it exists", () => {
    expect(addMonths("2026-08-31", 6)).toBe("2027-02-28");
    expect(addMonths("2027-02-28", 36)).toBe("2030-02-28");
    expect(addMonths("2024-02-29", 36)).toBe("2027-02-28");
    expect(addMonths("2026-05-15", -6)).toBe("2025-11-15");
  });

  it("knows real dates and refuses others", () => {
    expect(isIsoDate("2028-02-29")).toBe(true);
    expect(isIsoDate("2026-02-29")).toBe(false);
    expect(isIsoDate("2026-2-1")).toBe(false);
    expect(() => addDays("2026-02-30", 1)).toThrow(RangeError);
  });
});

describe("formatting", () => {
  it("shows a calendar date as that day in every locale and an instant as its Berlin date", () => {
    expect(germanDate("2026-03-01")).toBe("01.03.2026");
    expect(germanDate(new Date("2026-02-28T23:30:00Z"))).toBe("01.03.2026");
    expect(formatDate("2026-03-01", "de-DE")).toBe("01.03.2026");
    expect(formatDate("2026-03-01", "en-GB")).toBe("1 Mar 2026");
    expect(formatDate(new Date("2026-02-28T23:30:00Z"), "de-DE")).toBe("01.03.2026");
    expect(formatDateTime("2026-07-14T22:30:00Z", "de-DE")).toBe("15.07.2026, 00:30");
    expect(formatDate(null, "de-DE")).toBe("–");
  });
});
