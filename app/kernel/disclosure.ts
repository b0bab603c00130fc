// Statistical disclosure control: the one place of the rules (decision 0033). The monitoring applies
// them to its values; the atlas's gap analysis and survey or case aggregates use the same functions.
// Pure functions (plus the SQL form of the small-number rule); input that enters from outside is
// checked with the Zod schemas below.
import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";

/** Counts of 1 … threshold−1 persons are not published unless a tenant sets another threshold. */
export const DEFAULT_DISCLOSURE_THRESHOLD = 3;

// The states of a value and the source's symbols live in a module without imports, so browser
// components (value cells, the import preview) use the same list and rule.
export { STATE_SYMBOLS, VALUE_STATES, valueState, type ValueState } from "./value-states";

/** A count (or a numerator/denominator/base) of 1 … threshold−1 persons identifies too few people. */
export function isSmall(v: number | null | undefined, threshold: number): boolean {
  return v != null && v > 0 && v < threshold;
}

/** isSmall() as an SQL expression over a column or any numeric expression (NULL is not small). */
export function isSmallSql(column: SQL, threshold: number): SQL {
  return sql`COALESCE(${column} > 0 AND ${column} < ${threshold}, false)`;
}

/** Why a value is hidden: a primary reason of its own, or complementary protection of another. */
export const SUPPRESSION_REASONS = [
  "small_count",
  "small_numerator",
  "small_denominator",
  "small_base",
  "no_base",
  "complementary",
] as const;
export type SuppressionReason = (typeof SUPPRESSION_REASONS)[number];

/**
 * One published figure as primary suppression sees it.
 * - count: a number of persons.
 * - share: a proportion of persons (percent: scale 100; per mille: scale 1000). With numerator or
 *   denominator given they decide; without them the declared base does: either the base itself (the
 *   number of persons the share is of) or a declared minimum base that every value of the series
 *   rests on. A share without counts and without a declared base is unsafe and not published.
 * - statistic: anything else (a mean, a ratio); only numerator and denominator, if given, decide.
 */
export const Figure = z.object({
  kind: z.enum(["count", "share", "statistic"]),
  /** null: no value (not collected) – nothing to hide. */
  value: z.number().finite().nullable(),
  numerator: z.number().finite().nullable().optional(),
  denominator: z.number().finite().nullable().optional(),
  base: z.number().finite().nullable().optional(),
  minBase: z.number().int().min(1).nullable().optional(),
  scale: z.number().positive().optional(),
});
export type Figure = z.input<typeof Figure>;

/** The primary reason to hide a figure, or null when it may be published. */
export function primarySuppression(figure: Figure, threshold: number): SuppressionReason | null {
  const f = Figure.parse(figure);
  if (f.value === null) return null;
  if (f.kind === "count" && isSmall(f.value, threshold)) return "small_count";
  if (isSmall(f.numerator, threshold)) return "small_numerator";
  if (isSmall(f.denominator, threshold)) return "small_denominator";
  if (f.kind !== "share" || f.numerator != null || f.denominator != null) return null;
  if (f.minBase != null && f.minBase >= threshold) return null;
  if (f.base == null) return "no_base";
  if (isSmall(f.base, threshold)) return "small_base";
  // The persons behind the share follow from it and the base: 1 of 40 is as telling as a count of 1.
  if (isSmall(Math.round((f.value * f.base) / (f.scale ?? 100)), threshold)) return "small_numerator";
  return null;
}

/**
 * primarySuppression() as an SQL boolean over columns or expressions (a base from a join, say), for
 * values selected in the database. `minBase` and `kind` are per series, so they are plain values.
 */
export function primarySuppressionSql(
  f: {
    kind: Figure["kind"];
    value: SQL;
    numerator?: SQL;
    denominator?: SQL;
    base?: SQL;
    minBase?: number | null;
    scale?: number;
  },
  threshold: number,
): SQL {
  const parts: SQL[] = [];
  if (f.kind === "count") parts.push(isSmallSql(f.value, threshold));
  if (f.numerator) parts.push(isSmallSql(f.numerator, threshold));
  if (f.denominator) parts.push(isSmallSql(f.denominator, threshold));
  if (f.kind === "share" && !(f.minBase != null && f.minBase >= threshold)) {
    const noCounts = sql.join(
      [f.numerator, f.denominator].filter((x): x is SQL => !!x).map((x) => sql`${x} IS NULL`),
      sql` AND `,
    );
    const unsafe = f.base
      ? sql`(${f.base} IS NULL OR ${isSmallSql(f.base, threshold)}
          OR ${isSmallSql(sql`round(${f.value} * ${f.base} / ${f.scale ?? 100})`, threshold)})`
      : sql`true`;
    parts.push(
      f.numerator || f.denominator
        ? sql`(${f.value} IS NOT NULL AND ${noCounts} AND ${unsafe})`
        : sql`(${f.value} IS NOT NULL AND ${unsafe})`,
    );
  }
  if (!parts.length) return sql`false`;
  return sql`(${f.value} IS NOT NULL AND (${sql.join(parts, sql` OR `)}))`;
}

/** "total = sum of parts": an area and its sub-areas, or a group and the groups that partition it. */
export const Equation = z.object({ total: z.string().min(1), parts: z.array(z.string().min(1)).min(1) });
export type Equation = z.infer<typeof Equation>;

/** A cell of an additive table: a value (null: not collected) and its primary reason, if any. */
export const TableCell = z.object({
  id: z.string().min(1),
  value: z.number().finite().nullable(),
  primary: z.enum(SUPPRESSION_REASONS).nullable(),
});
export type TableCell = z.infer<typeof TableCell>;

/**
 * Primary plus complementary suppression over an additive table: returns every hidden cell with its
 * reason. It runs the attack it defends against: whoever knows the shown cells and the equations
 * solves every equation with exactly one unknown member, again and again, also recovering cells
 * that were never shown (missing, not collected) and using them further. As long as that recovers a
 * hidden cell, one more cell of the equation that gave it away is hidden – the smallest shown part (a
 * positive one first: a zero protects nothing an attacker cannot guess), the total only when no part
 * is left; if every other member was itself recovered, the equation that gave that one away is
 * treated the same way. In a complete table this means: no equation keeps exactly one hidden member.
 *
 * With `exact`, also the linear attack that combines several equations with several unknowns each
 * (determinedCells): no hidden cell then follows exactly from the shown ones (decision 0041).
 * Not covered: interval and linear-programming attacks with bounds known in advance (counts are not
 * negative) – decision 0033.
 */
export function protectTable(
  cells: readonly TableCell[],
  equations: readonly Equation[],
  options: { exact?: boolean } = {},
): Map<string, SuppressionReason> {
  const byId = new Map<string, TableCell>();
  for (const c of cells) byId.set(c.id, TableCell.parse(c));
  const hidden = new Map<string, SuppressionReason>();
  for (const c of byId.values()) if (c.primary && c.value !== null) hidden.set(c.id, c.primary);
  const eqs = equations
    .map((e) => Equation.parse(e))
    .map((e) => ({ total: e.total, parts: [...new Set(e.parts)].filter((p) => p !== e.total) }))
    .filter((e) => e.parts.length > 0);
  const shown = (id: string) => byId.get(id)?.value != null && !hidden.has(id);
  const order = (a: string, b: string) => {
    const va = byId.get(a)!.value!,
      vb = byId.get(b)!.value!;
    return Number(va <= 0) - Number(vb <= 0) || va - vb || (a < b ? -1 : a > b ? 1 : 0);
  };
  for (;;) {
    // The attack: which cells follow from the shown ones, and through which equation.
    const known = new Set([...byId.keys()].filter(shown));
    const via = new Map<string, number>();
    for (let progress = true; progress;) {
      progress = false;
      eqs.forEach((e, i) => {
        const unknown = [e.total, ...e.parts].filter((m) => !known.has(m));
        if (unknown.length !== 1) return;
        known.add(unknown[0]);
        via.set(unknown[0], i);
        progress = true;
      });
    }
    const leaked = [...hidden.keys()].find((h) => known.has(h));
    if (leaked === undefined) {
      if (!options.exact) return hidden;
      // The linear attack (decision 0041): a hidden cell that any combination of the equations pins
      // down. One more cell is hidden for each such cell, then both attacks run again.
      const unknown = [...byId.keys()].filter((id) => !shown(id));
      const determined = [...determinedCells(unknown, eqs)].filter((id) => hidden.has(id));
      if (!determined.length) return hidden;
      const before = hidden.size;
      for (const h of determined) {
        const cut = cellToCut(h, eqs, shown, order);
        if (cut) hidden.set(cut, "complementary");
      }
      if (hidden.size === before) return hidden;
      continue;
    }
    // Hide one more shown member of the equation that recovered it: the smallest shown part; else,
    // if another member is a hidden cell recovered too, protect that one first (it must be anyway);
    // else the shown total; else go back along the chain to where a recovered member came from.
    for (let cell = leaked; ;) {
      const e = eqs[via.get(cell)!];
      const others = [e.total, ...e.parts].filter((m) => m !== cell);
      const part = e.parts.filter((p) => p !== cell && shown(p)).sort(order)[0];
      if (part !== undefined) {
        hidden.set(part, "complementary");
        break;
      }
      const leakedToo = others.find((m) => hidden.has(m));
      if (leakedToo !== undefined) {
        cell = leakedToo;
        continue;
      }
      if (e.total !== cell && shown(e.total)) {
        hidden.set(e.total, "complementary");
        break;
      }
      // Every other member was recovered itself: cut the chain one step earlier.
      cell = others.find((m) => via.has(m))!;
    }
  }
}

// A prime below 2^25: products of two residues stay below 2^50, exact in a double.
const PRIME = 33554393;
const mod = (a: number) => ((a % PRIME) + PRIME) % PRIME;
function inverse(a: number): number {
  let [r0, r1, s0, s1] = [PRIME, mod(a), 0, 1];
  while (r1 !== 0) {
    const q = Math.floor(r0 / r1);
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  return mod(s0);
}

/**
 * The unknown cells (hidden or never shown) whose value follows exactly from the shown cells and
 * the equations by any linear combination, not only by solving one equation at a time: u is
 * determined when the unit vector of u lies in the row space of the equations restricted to the
 * unknowns (Gaussian elimination modulo a large prime; the coefficients are ±1). Equations with
 * no unknown member say nothing and are skipped.
 */
export function determinedCells(unknown: readonly string[], equations: readonly Equation[]): Set<string> {
  const col = new Map(unknown.map((u, i) => [u, i]));
  const n = unknown.length;
  // Echelon rows kept fully reduced against each other: pivot column → row.
  const basis = new Map<number, Float64Array>();
  for (const e of equations) {
    const row = new Float64Array(n);
    let any = false;
    const add = (id: string, c: number) => {
      const i = col.get(id);
      if (i === undefined) return;
      row[i] = mod(row[i] + c);
      any = true;
    };
    add(e.total, 1);
    for (const p of e.parts) add(p, -1);
    if (!any) continue;
    for (const [pc, prow] of basis) {
      const f = row[pc];
      if (f === 0) continue;
      for (let j = 0; j < n; j++) if (prow[j] !== 0) row[j] = mod(row[j] - ((f * prow[j]) % PRIME));
    }
    let pivot = -1;
    for (let j = 0; j < n; j++)
      if (row[j] !== 0) {
        pivot = j;
        break;
      }
    if (pivot < 0) continue;
    const inv = inverse(row[pivot]);
    for (let j = 0; j < n; j++) if (row[j] !== 0) row[j] = (row[j] * inv) % PRIME;
    // Clear the new pivot column from the other rows, so every row stays reduced.
    for (const prow of basis.values()) {
      const f = prow[pivot];
      if (f === 0) continue;
      for (let j = 0; j < n; j++) if (row[j] !== 0) prow[j] = mod(prow[j] - ((f * row[j]) % PRIME));
    }
    basis.set(pivot, row);
  }
  const out = new Set<string>();
  for (const [pc, row] of basis) {
    let others = false;
    for (let j = 0; j < n && !others; j++) others = j !== pc && row[j] !== 0;
    if (!others) out.add(unknown[pc]);
  }
  return out;
}

/**
 * The shown cell to hide so that a determined cell h gets a new unknown beside it: the smallest
 * shown part (else the total) of an equation of h; if none of h's equations has a shown member, of
 * the nearest equation reached through unknown members.
 */
function cellToCut(
  h: string,
  eqs: readonly Equation[],
  shown: (id: string) => boolean,
  order: (a: string, b: string) => number,
): string | undefined {
  const seen = new Set([h]);
  let frontier = [h];
  while (frontier.length) {
    const next: string[] = [];
    for (const cell of frontier)
      for (const e of eqs) {
        const members = [e.total, ...e.parts];
        if (!members.includes(cell)) continue;
        const part = e.parts.filter(shown).sort(order)[0];
        if (part !== undefined) return part;
        if (shown(e.total)) return e.total;
        for (const m of members)
          if (!seen.has(m)) {
            seen.add(m);
            next.push(m);
          }
      }
    frontier = next;
  }
  return undefined;
}

/**
 * The equations of an area hierarchy (each area = sum of its children), for each of some group
 * codes, over cell ids made by `id(areaId, group)`. Areas without children give none.
 */
export function hierarchyEquations(
  areas: readonly { id: string; parentId: string | null }[],
  groups: readonly string[],
  id: (area: string, group: string) => string,
): Equation[] {
  const children = new Map<string, string[]>();
  for (const a of areas) if (a.parentId) children.set(a.parentId, [...(children.get(a.parentId) ?? []), a.id]);
  const out: Equation[] = [];
  for (const [parent, kids] of children)
    for (const g of groups) out.push({ total: id(parent, g), parts: kids.map((k) => id(k, g)) });
  return out;
}

/** The equations of group partitions (total group = sum of its parts) in each area. */
export function partitionEquations(
  areaIds: readonly string[],
  partitions: readonly { total: string; parts: readonly string[] }[],
  id: (area: string, group: string) => string,
): Equation[] {
  return areaIds.flatMap((a) =>
    partitions.map((p) => ({ total: id(a, p.total), parts: p.parts.map((g) => id(a, g)) })),
  );
}
