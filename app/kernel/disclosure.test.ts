import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  determinedCells,
  hierarchyEquations,
  isSmall,
  partitionEquations,
  primarySuppression,
  protectTable,
  valueState,
  type Equation,
  type TableCell,
} from "./disclosure";

const THRESHOLD = 3;

describe("primary suppression", () => {
  it("hides small counts, small numerators and denominators, never zero", () => {
    expect(primarySuppression({ kind: "count", value: 2 }, THRESHOLD)).toBe("small_count");
    expect(primarySuppression({ kind: "count", value: 0 }, THRESHOLD)).toBeNull();
    expect(primarySuppression({ kind: "count", value: 3 }, THRESHOLD)).toBeNull();
    expect(primarySuppression({ kind: "statistic", value: 40, numerator: 2, denominator: 5 }, THRESHOLD)).toBe(
      "small_numerator",
    );
    expect(primarySuppression({ kind: "share", value: 50, numerator: 10, denominator: 2 }, THRESHOLD)).toBe(
      "small_denominator",
    );
    expect(primarySuppression({ kind: "share", value: 30, numerator: 30, denominator: 100 }, THRESHOLD)).toBeNull();
  });

  it("does not publish a share without counts over a base of 2, nor one without a declared base", () => {
    expect(primarySuppression({ kind: "share", value: 50, base: 2 }, THRESHOLD)).toBe("small_base");
    expect(primarySuppression({ kind: "share", value: 50 }, THRESHOLD)).toBe("no_base");
    // 2.5 % of 80 are 2 persons.
    expect(primarySuppression({ kind: "share", value: 2.5, base: 80 }, THRESHOLD)).toBe("small_numerator");
    expect(primarySuppression({ kind: "share", value: 50, base: 80 }, THRESHOLD)).toBeNull();
    expect(primarySuppression({ kind: "share", value: 50, minBase: 20 }, THRESHOLD)).toBeNull();
    expect(primarySuppression({ kind: "share", value: 50, minBase: 2 }, THRESHOLD)).toBe("no_base");
    // Not collected: nothing to hide.
    expect(primarySuppression({ kind: "share", value: null }, THRESHOLD)).toBeNull();
  });

  it("names the states of a value", () => {
    expect(valueState(undefined)).toBe("no_data");
    expect(valueState({ value: null, suppressed: false })).toBe("not_collected");
    expect(valueState({ value: null, suppressed: true })).toBe("suppressed");
    expect(valueState({ value: 4, suppressed: false, isEstimate: true })).toBe("estimate");
    expect(valueState({ value: 4, suppressed: false })).toBe("value");
  });
});

describe("complementary suppression", () => {
  it("hides the smallest positive sibling of a lone hidden cell", () => {
    const cells: TableCell[] = [
      { id: "city", value: 112, primary: null },
      { id: "a", value: 2, primary: "small_count" },
      { id: "b", value: 0, primary: null },
      { id: "c", value: 40, primary: null },
      { id: "d", value: 70, primary: null },
    ];
    const hidden = protectTable(cells, [{ total: "city", parts: ["a", "b", "c", "d"] }]);
    expect(Object.fromEntries(hidden)).toEqual({ a: "small_count", c: "complementary" });
  });

  it("hides the total when a hidden part has no sibling", () => {
    const hidden = protectTable(
      [
        { id: "t", value: 2, primary: null },
        { id: "p", value: 2, primary: "small_count" },
      ],
      [{ total: "t", parts: ["p"] }],
    );
    expect([...hidden.keys()].sort()).toEqual(["p", "t"]);
  });

  it("refuses malformed input with a Zod error", () => {
    expect(() => protectTable([{ id: "", value: 1, primary: null }], [])).toThrow();
  });
});

/**
 * A random additive table: an area tree (levels of 1–4 children) times a group dimension (none or a
 * partition of "gesamt" into 1–3 groups); leaf values are random, every total is the sum of its
 * parts. Some cells are missing or not collected.
 */
const table = fc
  .record({
    shape: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 3 }),
    groups: fc.integer({ min: 0, max: 3 }),
    seed: fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 200, maxLength: 200 }),
    gaps: fc.array(fc.integer({ min: 0, max: 19 }), { minLength: 200, maxLength: 200 }),
  })
  .map(({ shape, groups, seed, gaps }) => {
    const areas: { id: string; parentId: string | null }[] = [{ id: "0", parentId: null }];
    let level = ["0"];
    for (const [l, n] of shape.entries()) {
      const next: string[] = [];
      for (const p of level)
        for (let i = 0; i < n + ((p.length + l) % 2); i++) {
          const id = `${p}.${i}`;
          areas.push({ id, parentId: p });
          next.push(id);
        }
      level = next;
    }
    const parts = Array.from({ length: groups }, (_, i) => `g${i}`);
    const groupCodes = ["gesamt", ...parts];
    const id = (a: string, g: string) => `${a}|${g}`;
    const value = new Map<string, number>();
    let k = 0;
    const leafGroups = parts.length ? parts : ["gesamt"];
    const children = (a: string) => areas.filter((x) => x.parentId === a).map((x) => x.id);
    const fill = (a: string, g: string): number => {
      const kids = children(a);
      const v = kids.length ? kids.reduce((s, c) => s + fill(c, g), 0) : seed[k++ % seed.length];
      value.set(id(a, g), v);
      return v;
    };
    for (const g of leafGroups) fill("0", g);
    if (parts.length)
      for (const a of areas)
        value.set(
          id(a.id, "gesamt"),
          parts.reduce((s, g) => s + value.get(id(a.id, g))!, 0),
        );
    const cells: TableCell[] = [];
    let j = 0;
    for (const [cid, v] of value) {
      const gap = gaps[j++ % gaps.length];
      if (gap === 0) continue; // missing
      const val = gap === 1 ? null : v; // not collected
      cells.push({ id: cid, value: val, primary: isSmall(val, THRESHOLD) ? "small_count" : null });
    }
    const equations: Equation[] = [
      ...hierarchyEquations(areas, groupCodes, id),
      ...(parts.length
        ? partitionEquations(
            areas.map((a) => a.id),
            [{ total: "gesamt", parts }],
            id,
          )
        : []),
    ];
    return { cells, equations, truth: value };
  });

/**
 * An attacker who does not share protectTable's code: knows every shown value and the equations and
 * solves every equation with exactly one unknown member until nothing more follows, recovering
 * missing and not-collected cells on the way. Returns every cell it recovered, with the value.
 */
function attack(cells: TableCell[], equations: Equation[], hidden: Set<string>): Map<string, number> {
  const known = new Map(cells.filter((c) => c.value !== null && !hidden.has(c.id)).map((c) => [c.id, c.value!]));
  const recovered = new Map<string, number>();
  for (let progress = true; progress;) {
    progress = false;
    for (const e of equations) {
      const members = [e.total, ...e.parts];
      const unknown = members.filter((m) => !known.has(m));
      if (unknown.length !== 1) continue;
      const u = unknown[0];
      const sumParts = e.parts.filter((p) => p !== u).reduce((s, p) => s + known.get(p)!, 0);
      const v = u === e.total ? sumParts : known.get(e.total)! - sumParts;
      known.set(u, v);
      recovered.set(u, v);
      progress = true;
    }
  }
  return recovered;
}

describe("complementary suppression over random hierarchies (property)", () => {
  it("leaves no hidden cell computable, keeps every small cell hidden and hides nothing without a reason", () => {
    fc.assert(
      fc.property(table, ({ cells, equations, truth }) => {
        const hidden = protectTable(cells, equations);
        const ids = new Set(hidden.keys());
        // 1. The attacker recovers no hidden cell.
        const recovered = attack(cells, equations, ids);
        expect([...recovered.keys()].filter((id) => ids.has(id))).toEqual([]);
        // 2. Every primarily small cell stays hidden, with its own reason.
        for (const c of cells) if (c.primary) expect(hidden.get(c.id)).toBe(c.primary);
        // 3. Nothing is hidden without a reason: a complementary cell shares an equation with a cell
        //    that is not shown (hidden, missing, not collected), and without a small cell nothing is hidden.
        const shown = new Set(cells.filter((c) => c.value !== null && !ids.has(c.id)).map((c) => c.id));
        for (const [id, reason] of hidden) {
          if (reason !== "complementary") continue;
          expect(
            equations.some(
              (e) => [e.total, ...e.parts].includes(id) && [e.total, ...e.parts].some((m) => m !== id && !shown.has(m)),
            ),
          ).toBe(true);
        }
        if (!cells.some((c) => c.primary)) expect(hidden.size).toBe(0);
        // The generator builds consistent tables, so whatever the attack finds is true.
        for (const [id, v] of recovered) expect(v).toBe(truth.get(id));
      }),
      { numRuns: 300 },
    );
  });

  it("the attacker does recover a small cell when complementary suppression is left out", () => {
    // Guards the property above against an attacker too weak to find anything.
    const cells: TableCell[] = [
      { id: "t", value: 10, primary: null },
      { id: "a", value: 2, primary: "small_count" },
      { id: "b", value: 8, primary: null },
    ];
    const eq = [{ total: "t", parts: ["a", "b"] }];
    expect(attack(cells, eq, new Set(["a"])).get("a")).toBe(2);
    expect(attack(cells, eq, new Set(protectTable(cells, eq).keys())).size).toBe(0);
  });
});

describe("protectTable with the exact (linear) attack", () => {
  // a + b, b + c and a + c shown: no equation has a single unknown, yet a = (K1 − K2 + K3) / 2.
  const cells = [
    { id: "a", value: 2, primary: "small_count" as const },
    { id: "b", value: 1, primary: "small_count" as const },
    { id: "c", value: 1, primary: "small_count" as const },
    { id: "K1", value: 3, primary: null },
    { id: "K2", value: 2, primary: null },
    { id: "K3", value: 3, primary: null },
  ];
  const equations = [
    { total: "K1", parts: ["a", "b"] },
    { total: "K2", parts: ["b", "c"] },
    { total: "K3", parts: ["a", "c"] },
  ];

  it("the one-equation-at-a-time attack misses the combination, the exact one finds it", () => {
    expect([...protectTable(cells, equations).keys()].sort()).toEqual(["a", "b", "c"]);
    expect([...determinedCells(["a", "b", "c"], equations)].sort()).toEqual(["a", "b", "c"]);
    const hidden = protectTable(cells, equations, { exact: true });
    expect(hidden.size).toBeGreaterThan(3);
    const unknown = cells.filter((c) => hidden.has(c.id)).map((c) => c.id);
    expect([...determinedCells(unknown, equations)]).toEqual([]);
  });
});
