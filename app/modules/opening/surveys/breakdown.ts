import {
  hierarchyEquations,
  isSmall,
  partitionEquations,
  primarySuppression,
  protectTable,
  type Equation,
  type SuppressionReason,
  type TableCell,
} from "~/kernel/disclosure";

// A survey result as a table: the rows are the nodes of the work-area tree (the whole survey at the
// root), the columns the answer groups plus the number of respondents. Primary suppression is the
// kernel's small-count rule with the tenant's k; complementary suppression is the kernel's
// protectTable with the exact (linear) attack, over the equations "parent = sum of its children" and,
// for a question with one answer per person, "respondents = sum of the answer groups". Pure.

export const ROOT = "all";
export const TOTAL = "total";

export interface BreakdownNode {
  id: string;
  parentId: string | null;
}

export interface BreakdownCell {
  value: number;
  /** Why it is hidden; null when it is shown. */
  hidden: SuppressionReason | null;
}

export interface Breakdown {
  groups: string[];
  /** cell(node, group) – group TOTAL is the number of respondents of the node. */
  cells: Map<string, BreakdownCell>;
}

export const cellId = (node: string, group: string) => `${node}|${group}`;

/**
 * Suppresses one breakdown. `leafCounts` are the counts of the leaves (nodes without children) per
 * group, `leafTotals` their respondents; inner nodes are summed. A node with fewer than k
 * respondents shows no breakdown (its groups are hidden as small_base) and its respondent count is
 * hidden; a group cell of 1 … k−1 is hidden; the root's respondent count is the survey's response
 * and always shown. `partition`: each respondent is in exactly one group (not for languages).
 * `unsensitive` groups ("no answer") carry no attribute of a person: no small-count rule of their own,
 * only the group's; complementary suppression still protects the other cells through them.
 */
export function protectBreakdown(
  nodes: readonly BreakdownNode[],
  groups: readonly string[],
  leafCounts: ReadonlyMap<string, ReadonlyMap<string, number>>,
  leafTotals: ReadonlyMap<string, number>,
  k: number,
  partition: boolean,
  unsensitive: readonly string[] = [],
): Breakdown {
  const children = new Map<string, string[]>();
  for (const n of nodes) if (n.parentId) children.set(n.parentId, [...(children.get(n.parentId) ?? []), n.id]);
  const sums = new Map<string, Map<string, number>>();
  const sum = (node: string): Map<string, number> => {
    const done = sums.get(node);
    if (done) return done;
    const out = new Map<string, number>();
    const kids = children.get(node);
    if (!kids) {
      for (const g of groups) out.set(g, leafCounts.get(node)?.get(g) ?? 0);
      out.set(TOTAL, leafTotals.get(node) ?? 0);
    } else for (const kid of kids) for (const [g, v] of sum(kid)) out.set(g, (out.get(g) ?? 0) + v);
    sums.set(node, out);
    return out;
  };
  const cells: TableCell[] = [];
  for (const n of nodes) {
    const s = sum(n.id);
    const total = s.get(TOTAL) ?? 0;
    cells.push({
      id: cellId(n.id, TOTAL),
      value: total,
      primary: n.parentId === null ? null : primarySuppression({ kind: "count", value: total }, k),
    });
    for (const g of groups) {
      const v = s.get(g) ?? 0;
      cells.push({
        id: cellId(n.id, g),
        value: v,
        primary: isSmall(total, k)
          ? "small_base"
          : unsensitive.includes(g)
            ? null
            : primarySuppression({ kind: "count", value: v }, k),
      });
    }
  }
  const equations = breakdownEquations(nodes, groups, partition);
  const hidden = protectTable(cells, equations, { exact: true });
  return {
    groups: [...groups],
    cells: new Map(cells.map((c) => [c.id, { value: c.value!, hidden: hidden.get(c.id) ?? null }])),
  };
}

/** The equations protectBreakdown protects against (for tests and the methodology note). */
export function breakdownEquations(
  nodes: readonly BreakdownNode[],
  groups: readonly string[],
  partition: boolean,
): Equation[] {
  const all = [...groups, TOTAL];
  return [
    ...hierarchyEquations(nodes, all, cellId),
    ...(partition
      ? partitionEquations(
          nodes.map((n) => n.id),
          [{ total: TOTAL, parts: [...groups] }],
          cellId,
        )
      : []),
  ];
}
