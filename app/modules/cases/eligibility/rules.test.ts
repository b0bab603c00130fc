import { describe, expect, it } from "vitest";
import { ageOn, evaluate, Facts, onCountryList, RuleParameters } from "./rules";

describe("age in completed years on a date", () => {
  it("counts a birthday from its own day: the day before the 18th birthday is still 17", () => {
    expect(ageOn("1998-09-02", "2016-09-01")).toBe(17);
    expect(ageOn("1998-09-02", "2016-09-02")).toBe(18);
    expect(ageOn("1998-09-02", "2016-09-03")).toBe(18);
    expect(ageOn("1998-12-31", "2016-01-01")).toBe(17);
  });

  it("lets someone born on 29 February turn a year older on 1 March in other years", () => {
    expect(ageOn("2000-02-29", "2018-02-28")).toBe(17);
    expect(ageOn("2000-02-29", "2018-03-01")).toBe(18);
    expect(ageOn("2000-02-29", "2016-02-29")).toBe(16);
  });
});

describe("list lookup", () => {
  const list2016 = RuleParameters.country_list.parse({ countries: ["ER", "IR", "IQ", "SY"] });
  it("finds the 2016 countries and no others", () => {
    expect(["ER", "IR", "IQ", "SY"].map((c) => onCountryList(list2016, c))).toEqual([true, true, true, true]);
    expect(onCountryList(list2016, "AF")).toBe(false);
    expect(onCountryList(list2016, "sy")).toBe(true);
  });

  it("refuses parameters of the wrong shape", () => {
    expect(RuleParameters.country_list.safeParse({ countries: ["Syrien"] }).success).toBe(false);
    expect(RuleParameters.country_list.safeParse({ countries: ["SY", "SY"] }).success).toBe(false);
    expect(RuleParameters.country_list.safeParse({ countries: [] }).success).toBe(false);
    expect(RuleParameters.minimum_age.safeParse({ minimumAge: 17.5 }).success).toBe(false);
    expect(RuleParameters.minimum_age.safeParse({ minimumAge: 18, extra: 1 }).success).toBe(false);
    expect(RuleParameters.entry_deadline.safeParse({ entryUntil: "2015-02-30" }).success).toBe(false);
  });

  it("takes nationality as ISO 3166-1 alpha-2 only", () => {
    expect(Facts.safeParse({ nationality: "SY" }).success).toBe(true);
    expect(Facts.safeParse({ nationality: "SYR" }).success).toBe(false);
  });
});

describe("evaluating a version", () => {
  it("decides a country list", () => {
    const p = { countries: ["ER", "SY"] };
    expect(evaluate("country_list", p, { nationality: "SY" }, "2016-05-01")).toEqual({
      eligible: true,
      reasons: ["nationalityListed"],
    });
    expect(evaluate("country_list", p, { nationality: "AF" }, "2016-05-01").eligible).toBe(false);
    expect(evaluate("country_list", p, {}, "2016-05-01")).toEqual({ eligible: false, reasons: ["nationalityUnknown"] });
  });

  it("decides a minimum age on the decision date", () => {
    const p = { minimumAge: 18 };
    expect(evaluate("minimum_age", p, { birthDate: "1998-09-02" }, "2016-09-01")).toEqual({
      eligible: false,
      reasons: ["ageBelowMinimum"],
    });
    expect(evaluate("minimum_age", p, { birthDate: "1998-09-02" }, "2016-09-02").eligible).toBe(true);
    expect(evaluate("minimum_age", p, {}, "2016-09-02").reasons).toEqual(["birthDateUnknown"]);
    expect(evaluate("minimum_age", p, { birthDate: "2017-01-01" }, "2016-09-02").reasons).toEqual([
      "birthDateAfterDecision",
    ]);
  });

  it("decides an entry deadline with the residence statuses it covers", () => {
    const p = { entryUntil: "2015-12-31", residenceStatuses: ["aufenthaltsgestattung"] };
    const inTime = { entryDate: "2015-12-31", residenceStatus: "aufenthaltsgestattung" };
    expect(evaluate("entry_deadline", p, inTime, "2016-01-10")).toEqual({
      eligible: true,
      reasons: ["entryInTime", "residenceStatusCovered"],
    });
    expect(evaluate("entry_deadline", p, { ...inTime, entryDate: "2016-01-01" }, "2016-01-10")).toEqual({
      eligible: false,
      reasons: ["entryAfterDeadline", "residenceStatusCovered"],
    });
    expect(evaluate("entry_deadline", p, { ...inTime, residenceStatus: "duldung" }, "2016-01-10").eligible).toBe(false);
    expect(evaluate("entry_deadline", p, {}, "2016-01-10")).toEqual({
      eligible: false,
      reasons: ["entryDateUnknown", "residenceStatusUnknown"],
    });
  });
});
