import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { assess, ATTAINMENT_STATUSES, yearOf, type Point, type TargetSpec } from "./attainment";

const up = (value: number, year: number | null = null): TargetSpec => ({
  kind: "value",
  value,
  direction: "hoch",
  year,
});
const down = (value: number, year: number | null = null): TargetSpec => ({
  kind: "value",
  value,
  direction: "niedrig",
  year,
});
const pts = (...v: [string, number | null, boolean?][]): Point[] =>
  v.map(([period, value, suppressed = false]) => ({ period, value, suppressed }));

describe("assess: the goal attainment rule", () => {
  it("reads the year from every period form", () => {
    expect(yearOf("2012")).toBe(2012);
    expect(yearOf("2012-H1")).toBe(2012);
    expect(yearOf("2012-Q3")).toBe(2012);
    expect(yearOf("2012-12-31")).toBe(2012);
    expect(yearOf("Stand")).toBeNull();
  });

  it("1. no value at all, or only missing ones: no_data", () => {
    expect(assess([], up(50))).toEqual({
      status: "no_data",
      latest: null,
      baseline: null,
      target: 50,
      progress: null,
      expected: null,
    });
    expect(assess(pts(["2012", null]), up(50)).status).toBe("no_data");
  });

  it("1. a suppressed latest value: no_data, marked suppressed, its number never shown", () => {
    const a = assess(pts(["2010", 10], ["2011", 20], ["2012", 99, true]), up(50, 2020));
    expect(a).toEqual({
      status: "no_data",
      latest: { period: "2012", value: null, suppressed: true },
      baseline: null,
      target: 50,
      progress: null,
      expected: null,
    });
  });

  it("2. reached or exceeded: achieved (hoch and niedrig, the target itself counts)", () => {
    expect(assess(pts(["2010", 10], ["2012", 50]), up(50)).status).toBe("achieved");
    expect(assess(pts(["2010", 10], ["2012", 51]), up(50, 2011)).status).toBe("achieved"); // even after the year
    expect(assess(pts(["2012", 60]), up(50)).status).toBe("achieved"); // one value suffices
    expect(assess(pts(["2010", 30], ["2012", 20]), down(20)).status).toBe("achieved");
    expect(assess(pts(["2010", 30], ["2012", 19.5]), down(20)).status).toBe("achieved");
    const a = assess(pts(["2010", 10], ["2012", 60]), up(50, 2020));
    expect(a.progress).toBeCloseTo(1.25); // beyond the target
    expect(a.baseline).toEqual({ period: "2010", value: 10 });
  });

  it("3. target year reached or passed without reaching the target: off_track", () => {
    expect(assess(pts(["2010", 10], ["2020", 49]), up(50, 2020)).status).toBe("off_track");
    expect(assess(pts(["2010", 10], ["2021", 49]), up(50, 2020)).status).toBe("off_track");
    expect(assess(pts(["2021", 30]), down(20, 2020)).status).toBe("off_track"); // before too_few_values
    expect(assess(pts(["2010", 10], ["2020-H1", 49]), up(50, 2020)).status).toBe("off_track");
  });

  it("4. only one usable value: too_few_values", () => {
    expect(assess(pts(["2012", 10]), up(50, 2020))).toMatchObject({
      status: "too_few_values",
      latest: { period: "2012", value: 10, suppressed: false },
      baseline: null,
      progress: null,
    });
    // The other values are suppressed: they do not count.
    expect(assess(pts(["2010", 0, true], ["2011", 5, true], ["2012", 10]), up(50)).status).toBe("too_few_values");
  });

  it("5. baseline met but latest no longer: off_track", () => {
    const a = assess(pts(["2010", 55], ["2012", 45]), up(50, 2020));
    expect(a.status).toBe("off_track");
    expect(a.progress).toBeNull();
    expect(assess(pts(["2010", 50], ["2012", 51]), down(50)).status).toBe("off_track");
  });

  it("5. no movement or moving away: off_track (hoch and niedrig)", () => {
    expect(assess(pts(["2010", 10], ["2012", 10]), up(50, 2020))).toMatchObject({ status: "off_track", progress: 0 });
    expect(assess(pts(["2010", 10], ["2012", 5]), up(50)).status).toBe("off_track");
    expect(assess(pts(["2010", 30], ["2012", 31]), down(20, 2020)).status).toBe("off_track");
    expect(assess(pts(["2010", 30], ["2012", 30]), down(20)).status).toBe("off_track");
  });

  it("6. with a target year: on_track when progress keeps up with the time elapsed, else at_risk", () => {
    // 2010 → 2020, two years of ten gone: 20 % expected.
    const on = assess(pts(["2010", 10], ["2011", 12], ["2012", 20]), up(50, 2020));
    expect(on).toMatchObject({ status: "on_track", target: 50, baseline: { period: "2010", value: 10 } });
    expect(on.progress).toBeCloseTo(0.25);
    expect(on.expected).toBeCloseTo(0.2);
    const risk = assess(pts(["2010", 10], ["2012", 15]), up(50, 2020));
    expect(risk.status).toBe("at_risk");
    expect(risk.progress).toBeCloseTo(0.125);
    // Exactly on schedule counts as on track (1 − 32/40 is 0.19999999999999996 in floating point).
    expect(assess(pts(["2010", 10], ["2012", 18]), up(50, 2020)).status).toBe("on_track");
    // niedrig: 30 → 20 by 2020; 2015 at 26 is 40 % of the way in 50 % of the time.
    const d = assess(pts(["2010", 30], ["2015", 26]), down(20, 2020));
    expect(d.status).toBe("at_risk");
    expect(d.progress).toBeCloseTo(0.4);
    expect(d.expected).toBeCloseTo(0.5);
    expect(assess(pts(["2010", 30], ["2015", 24]), down(20, 2020)).status).toBe("on_track");
  });

  it("6. without a target year any movement towards the target is on_track", () => {
    const a = assess(pts(["2010", 10], ["2012", 10.5]), up(50));
    expect(a.status).toBe("on_track");
    expect(a.expected).toBeNull();
    expect(assess(pts(["2010", 30], ["2012", 29]), down(20)).status).toBe("on_track");
  });

  it("picks the baseline: the last disclosed value up to the base year, else the earliest", () => {
    const s = pts(["2008", 0], ["2010", 10], ["2011", 11, true], ["2012", 12], ["2016", 30]);
    expect(assess(s, up(50, 2020)).baseline).toEqual({ period: "2008", value: 0 });
    expect(assess(s, up(50, 2020), 2010).baseline).toEqual({ period: "2010", value: 10 });
    // 2011 is suppressed: the last disclosed value up to 2011 is 2010's.
    expect(assess(s, up(50, 2020), 2011).baseline).toEqual({ period: "2010", value: 10 });
    expect(assess(s, up(50, 2020), 2005).baseline).toEqual({ period: "2008", value: 0 }); // none before: earliest
    const late = assess(s, up(50, 2020), 2016);
    expect(late.status).toBe("too_few_values"); // baseline = latest
    // From 2012: 12 → 30 of 12 → 50 is 47 %, four of eight years are 50 %.
    const mid = assess(s, up(50, 2020), 2012);
    expect(mid.status).toBe("at_risk");
    expect(mid.expected).toBeCloseTo(0.5);
  });

  it("orders periods itself and understands half years and reference dates", () => {
    const a = assess(pts(["2012-H2", 20], ["2010-H1", 10], ["2011-12-31", 12]), up(50, 2020));
    expect(a.latest?.period).toBe("2012-H2");
    expect(a.baseline?.period).toBe("2010-H1");
    expect(a.expected).toBeCloseTo(0.2);
    expect(a.status).toBe("on_track");
    // Two half years of the same year: no time has passed, any progress keeps up.
    expect(assess(pts(["2012-H1", 10], ["2012-H2", 11]), up(50, 2020))).toMatchObject({
      status: "on_track",
      expected: 0,
    });
  });

  it("parity: the target of a period is the compare group's value then", () => {
    const parity = (compareGroup?: string, year: number | null = 2020): TargetSpec => ({
      kind: "parity",
      value: null,
      direction: "hoch",
      year,
      compareGroup,
    });
    const p = (period: string, value: number | null, compare: number | null, cs = false, s = false): Point => ({
      period,
      value,
      suppressed: s,
      compare: compare === null && !cs ? null : { value: compare, suppressed: cs },
    });
    // Gap 20 → 10 in two of ten years: progress 50 %, expected 20 %.
    const a = assess([p("2010", 40, 60), p("2012", 55, 65)], parity());
    expect(a).toMatchObject({ status: "on_track", target: 65, baseline: { period: "2010", value: 40 } });
    expect(a.progress).toBeCloseTo(0.5);
    // The compare group moved away faster: the gap grew.
    expect(assess([p("2010", 40, 60), p("2012", 45, 70)], parity()).status).toBe("off_track");
    expect(assess([p("2010", 40, 60), p("2012", 61, 60)], parity()).status).toBe("achieved");
    // A period without a compare value is not usable: 2012 drops out, 2011 is the latest.
    const gap = assess([p("2010", 40, 60), p("2011", 50, 60), p("2012", 70, null)], parity());
    expect(gap.latest?.period).toBe("2011");
    expect(gap.progress).toBeCloseTo(0.5);
    // A suppressed compare value hides the period as a suppressed own value does.
    expect(assess([p("2010", 40, 60), p("2012", 55, 99, true)], parity())).toMatchObject({
      status: "no_data",
      latest: { period: "2012", value: null, suppressed: true },
      target: null,
    });
    expect(assess([p("2010", 40, 60), p("2012", 55, 65, false, true)], parity()).latest?.suppressed).toBe(true);
    // niedrig: the group's value should fall to the compare group's.
    const low: TargetSpec = { kind: "parity", value: null, direction: "niedrig", year: null };
    expect(assess([p("2010", 12, 6), p("2012", 9, 6)], low)).toMatchObject({ status: "on_track", target: 6 });
    expect(assess([p("2010", 12, 6), p("2012", 5, 6)], low).status).toBe("achieved");
  });

  it("a value target without a value cannot be judged", () => {
    expect(
      assess(pts(["2010", 1], ["2012", 2]), { kind: "value", value: null, direction: "hoch", year: null }),
    ).toMatchObject({ status: "no_data", latest: { period: "2012", value: 2, suppressed: false }, target: null });
  });
});

// Series of distinct years, each value shown, missing or suppressed (the number of a suppressed one
// is whatever the caller holds: null on public paths, the real number where staff may see it).
const seriesArb = fc.uniqueArray(fc.integer({ min: 2000, max: 2030 }), { minLength: 0, maxLength: 8 }).chain((years) =>
  fc.tuple(
    ...years.map((y) =>
      fc.record({
        period: fc.constantFrom(`${y}`, `${y}-H1`, `${y}-12-31`),
        value: fc.option(fc.double({ min: -1000, max: 1000, noNaN: true }), { nil: null, freq: 6 }),
        suppressed: fc.boolean(),
      }),
    ),
  ),
);
const targetArb = fc.record({
  kind: fc.constant("value" as const),
  value: fc.double({ min: -1000, max: 1000, noNaN: true }),
  direction: fc.constantFrom("hoch" as const, "niedrig" as const),
  year: fc.option(fc.integer({ min: 2000, max: 2035 }), { nil: null }),
});
const baseArb = fc.option(fc.integer({ min: 1999, max: 2031 }), { nil: null });

describe("assess: properties", () => {
  it("achieved iff the latest gap ≤ 0, when the latest value is disclosed", () => {
    fc.assert(
      fc.property(seriesArb, targetArb, baseArb, (points, target, baseYear) => {
        const a = assess(points, target, baseYear);
        expect(ATTAINMENT_STATUSES).toContain(a.status);
        if (!a.latest || a.latest.suppressed) {
          expect(a.status).toBe("no_data");
          return;
        }
        const v = a.latest.value!;
        const gap = target.direction === "hoch" ? target.value - v : v - target.value;
        // ≤ 0 up to the rule's rounding slack of 1e-9.
        expect(a.status === "achieved").toBe(gap <= 1e-9);
      }),
      { numRuns: 500 },
    );
  });

  it("never depends on a suppressed value's number", () => {
    fc.assert(
      fc.property(
        seriesArb,
        targetArb,
        baseArb,
        fc.array(fc.option(fc.double({ noNaN: true }), { nil: null }), { minLength: 8, maxLength: 8 }),
        (points, target, baseYear, other) => {
          const replaced = points.map((p, i) => (p.suppressed ? { ...p, value: other[i] } : p));
          expect(assess(replaced, target, baseYear)).toEqual(assess(points, target, baseYear));
        },
      ),
      { numRuns: 500 },
    );
  });

  it("on_track and at_risk split exactly at progress = expected; both need progress > 0", () => {
    fc.assert(
      fc.property(seriesArb, targetArb, baseArb, (points, target, baseYear) => {
        const a = assess(points, target, baseYear);
        if (a.status === "on_track" || a.status === "at_risk") {
          expect(a.progress).toBeGreaterThan(0);
          if (a.expected !== null) expect(a.status === "on_track").toBe(a.progress! >= a.expected - 1e-9);
        }
      }),
      { numRuns: 500 },
    );
  });
});
