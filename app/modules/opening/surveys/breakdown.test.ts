import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { breakdownEquations, cellId, protectBreakdown, ROOT, TOTAL, type BreakdownNode } from "./breakdown";
import type { Equation } from "~/kernel/disclosure";

// The acceptance of issue 15 item 2 on suppression, and a property test: over random work-area trees
// and answers, no hidden cell can be computed exactly from the shown cells and the table's equations.

const counts = (o: Record<string, Record<string, number>>) =>
  new Map(Object.entries(o).map(([n, g]) => [n, new Map(Object.entries(g))]));
const totals = (o: Record<string, Record<string, number>>) =>
  new Map(Object.entries(o).map(([n, g]) => [n, Object.values(g).reduce((a, b) => a + b, 0)]));
const shown = (b: ReturnType<typeof protectBreakdown>, node: string, group: string) =>
  b.cells.get(cellId(node, group))!.hidden === null;

describe("k rules", () => {
  it("k = 10: a group of 9 answers shows no breakdown, one of 10 does", () => {
    const nodes: BreakdownNode[] = ["a", "c", "d"].map((id) => ({ id, parentId: ROOT as string | null }));
    nodes.unshift({ id: ROOT, parentId: null });
    const run = (a: Record<string, number>) => {
      const leaves = { a, c: { yes: 10, no: 20 }, d: { yes: 15, no: 25 } };
      return protectBreakdown(nodes, ["yes", "no"], counts(leaves), totals(leaves), 10, true);
    };
    const nine = run({ yes: 0, no: 9 });
    expect(nine.cells.get(cellId("a", TOTAL))).toEqual({ value: 9, hidden: "small_count" });
    expect(nine.cells.get(cellId("a", "no"))).toEqual({ value: 9, hidden: "small_base" });
    expect(nine.cells.get(cellId("a", "yes"))!.hidden).toBe("small_base");
    const ten = run({ yes: 0, no: 10 });
    for (const g of [TOTAL, "yes", "no"]) expect(shown(ten, "a", g)).toBe(true);
    expect([...ten.cells.values()].every((c) => c.hidden === null)).toBe(true);
  });

  it("a parent of 19 shown with a child of 9 hidden hides its sibling of 10 too", () => {
    const nodes: BreakdownNode[] = [
      { id: ROOT, parentId: null },
      { id: "p", parentId: ROOT },
      { id: "x", parentId: "p" },
      { id: "y", parentId: "p" },
      { id: "q", parentId: ROOT },
    ];
    const leaves = { x: { yes: 3, no: 6 }, y: { yes: 0, no: 10 }, q: { yes: 20, no: 20 } };
    const r = protectBreakdown(nodes, ["yes", "no"], counts(leaves), totals(leaves), 10, true);
    expect(r.cells.get(cellId("p", TOTAL))).toEqual({ value: 19, hidden: null });
    expect(r.cells.get(cellId("x", TOTAL))!.hidden).toBe("small_count");
    expect(r.cells.get(cellId("y", TOTAL))).toEqual({ value: 10, hidden: "complementary" });
  });
});

// ——— an independent exact attack: rank over the rationals (fraction-free, BigInt) ———
function rank(rows: bigint[][]): number {
  const m = rows.map((r) => [...r]);
  let rk = 0;
  const cols = m[0]?.length ?? 0;
  for (let c = 0; c < cols && rk < m.length; c++) {
    const p = m.findIndex((r, i) => i >= rk && r[c] !== 0n);
    if (p < 0) continue;
    [m[rk], m[p]] = [m[p], m[rk]];
    for (let i = 0; i < m.length; i++) {
      if (i === rk || m[i][c] === 0n) continue;
      const a = m[rk][c],
        b = m[i][c];
      m[i] = m[i].map((v, j) => v * a - m[rk][j] * b);
    }
    rk++;
  }
  return rk;
}

/** Hidden cells whose value follows from the shown ones: removing the column lowers the rank. */
function computable(hidden: string[], equations: Equation[]): string[] {
  const col = new Map(hidden.map((h, i) => [h, i]));
  const rows = equations
    .map((e) => {
      const r = hidden.map(() => 0n);
      if (col.has(e.total)) r[col.get(e.total)!] += 1n;
      for (const p of e.parts) if (col.has(p)) r[col.get(p)!] -= 1n;
      return r;
    })
    .filter((r) => r.some((v) => v !== 0n));
  if (!rows.length) return [];
  const full = rank(rows);
  return hidden.filter((_, i) => rank(rows.map((r) => r.filter((__, j) => j !== i))) === full - 1);
}

describe("complementary suppression (property)", () => {
  it("no published combination determines a hidden cell", () => {
    const tree = fc
      .array(fc.nat(), { minLength: 1, maxLength: 7 })
      .map((parents) =>
        parents.map((p, i) => ({ id: `u${i + 1}`, parentId: i === 0 || p % (i + 1) === 0 ? ROOT : `u${p % i || i}` })),
      );
    fc.assert(
      fc.property(
        tree,
        fc.array(fc.array(fc.nat({ max: 14 }), { minLength: 3, maxLength: 3 }), { minLength: 8, maxLength: 8 }),
        fc.integer({ min: 5, max: 10 }),
        fc.boolean(),
        fc.boolean(),
        (units, values, k, partition, noAnswer) => {
          const nodes: BreakdownNode[] = [{ id: ROOT, parentId: null }, ...units];
          const groups = ["g1", "g2", "g3"];
          const hasKids = new Set(units.map((u) => u.parentId));
          const leaves = nodes.filter((n) => !hasKids.has(n.id));
          const lc = new Map<string, Map<string, number>>();
          const lt = new Map<string, number>();
          leaves.forEach((n, i) => {
            const v = values[i % values.length];
            lc.set(n.id, new Map(groups.map((g, j) => [g, v[j]])));
            // Languages (no partition): a person may speak several, so respondents ≤ the sum.
            lt.set(n.id, partition ? v[0] + v[1] + v[2] : Math.max(...v) + (v[0] % 3));
          });
          const r = protectBreakdown(nodes, groups, lc, lt, k, partition, noAnswer ? ["g3"] : []);
          const hidden = [...r.cells].filter(([, c]) => c.hidden !== null).map(([id]) => id);
          expect(computable(hidden, breakdownEquations(nodes, groups, partition))).toEqual([]);
          // Primary rules hold: no shown respondent count or group cell of 1 … k−1 below the root.
          for (const [id, c] of r.cells)
            if (c.hidden === null && !id.startsWith(`${ROOT}|${TOTAL}`) && !(noAnswer && id.endsWith("|g3")))
              expect(c.value === 0 || c.value >= k).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
