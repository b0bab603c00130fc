import { sql } from "drizzle-orm";
import type { Tx } from "~/kernel/db/client";
import { rows } from "~/kernel/db/context";
import { MEASURE_STATUSES } from "../constants";
import { listHandlungsfelder, loadGoals, type Edition, type GoalInfo } from "./concept";
import { countMeasures, listMeasures, overdueMilestone, todayIso, type MeasureListItem } from "./measures";
import { paginate, requestedPage } from "~/kernel/pagination";

export interface TreeMeasure {
  id: string;
  code: string;
  title: string;
  description: string | null;
  status: string;
  progress: number;
  handlungsfelder: string[];
  lead: string | null;
  partners: string[];
  exampleNote: string | null;
}
export interface TreeNode {
  id: string;
  kind: string;
  number: string;
  title: string;
  description: string | null;
  handlungsfelder: string[];
  measures: TreeMeasure[];
  children: TreeNode[];
}

/** The goal tree of an edition with each goal's measures; a measure serving several goals appears under each. */
export async function conceptTree(tx: Tx, editionId: string, opts: { items?: MeasureListItem[] } = {}) {
  const [goalsOf, hfs, items] = await Promise.all([
    loadGoals(tx, editionId),
    listHandlungsfelder(tx),
    opts.items ? Promise.resolve(opts.items) : listMeasures(tx, { editionId }),
  ]);
  const hfName = new Map(hfs.map((h) => [h.id, h.name]));
  const toMeasure = (m: MeasureListItem): TreeMeasure => ({
    id: m.id,
    code: m.code,
    title: m.title,
    description: m.description,
    status: m.status,
    progress: m.progress,
    handlungsfelder: m.handlungsfeldIds.map((h) => hfName.get(h)!).filter(Boolean),
    lead: m.lead?.name ?? null,
    partners: m.partners.map((p) => p.name),
    exampleNote: m.exampleNote,
  });
  const byGoal = new Map<string, TreeMeasure[]>();
  for (const m of items) for (const g of m.goalIds) byGoal.set(g, [...(byGoal.get(g) ?? []), toMeasure(m)]);
  const children = new Map<string | null, GoalInfo[]>();
  for (const g of goalsOf) children.set(g.parentId, [...(children.get(g.parentId) ?? []), g]);
  const build = (g: GoalInfo): TreeNode => ({
    id: g.id,
    kind: g.kind,
    number: g.number,
    title: g.title,
    description: g.description,
    handlungsfelder: g.handlungsfeldIds.map((h) => hfName.get(h)!).filter(Boolean),
    measures: byGoal.get(g.id) ?? [],
    children: (children.get(g.id) ?? []).map(build),
  });
  const roots = (children.get(null) ?? []).map(build);
  const counts = {
    themenfelder: goalsOf.filter((g) => g.kind === "themenfeld").length,
    leitziele: goalsOf.filter((g) => g.kind === "leitziel").length,
    teilziele: goalsOf.filter((g) => g.kind === "teilziel").length,
    measures: items.length,
  };
  return { roots, counts };
}

export interface Matrix {
  themenfelder: { id: string; number: string; title: string }[];
  handlungsfelder: { id: string; name: string; shortName: string }[];
  /** measures[tfId][hfId] and teilziele[tfId][hfId] */
  measures: Record<string, Record<string, number>>;
  teilziele: Record<string, Record<string, number>>;
  totals: Record<string, number>;
}

/** Themenfeld × Handlungsfeld: how many measures (and Teilziele) carry each field in each theme. */
export async function matrix(tx: Tx, editionId: string, items?: MeasureListItem[]): Promise<Matrix> {
  const [goalsOf, hfs] = await Promise.all([loadGoals(tx, editionId), listHandlungsfelder(tx)]);
  const list = items ?? (await listMeasures(tx, { editionId }));
  const tfs = goalsOf.filter((g) => g.kind === "themenfeld");
  const zero = () =>
    Object.fromEntries(tfs.map((t) => [t.id, Object.fromEntries(hfs.map((h) => [h.id, 0]))])) as Record<
      string,
      Record<string, number>
    >;
  const m = zero(),
    tz = zero();
  for (const x of list)
    for (const tf of x.themenfeldIds) for (const h of x.handlungsfeldIds) if (m[tf]?.[h] !== undefined) m[tf][h]++;
  for (const g of goalsOf)
    if (g.kind === "teilziel")
      for (const h of g.handlungsfeldIds) if (tz[g.themenfeldId]?.[h] !== undefined) tz[g.themenfeldId][h]++;
  const totals = Object.fromEntries(tfs.map((t) => [t.id, list.filter((x) => x.themenfeldIds.includes(t.id)).length]));
  return {
    themenfelder: tfs.map((t) => ({ id: t.id, number: t.number, title: t.title })),
    handlungsfelder: hfs.map((h) => ({ id: h.id, name: h.name, shortName: h.shortName })),
    measures: m,
    teilziele: tz,
    totals,
  };
}

/**
 * The staff dashboard as aggregates: counts per Themenfeld and status, the first overdue milestones
 * and the number of stale measures come from SQL, so the page does not load every measure for them.
 */
export async function dashboard(tx: Tx, edition: Edition, today = todayIso(), goals?: GoalInfo[]) {
  const goalsOf = goals ?? (await loadGoals(tx, edition.id));
  const tfs = goalsOf.filter((g) => g.kind === "themenfeld");
  // A measure counts once per Themenfeld even when it serves several of its goals.
  const perTf = await rows<{ tf: string; status: string; n: number }>(
    tx,
    sql`
    WITH RECURSIVE tree AS (
      SELECT id, id AS tf FROM concept_goals WHERE edition_id = ${edition.id} AND parent_id IS NULL
      UNION ALL SELECT g.id, tree.tf FROM concept_goals g JOIN tree ON g.parent_id = tree.id
    )
    SELECT tree.tf, m.status, count(DISTINCT m.id)::int AS n
    FROM concept_measures m JOIN concept_measure_goals mg ON mg.measure_id = m.id JOIN tree ON tree.id = mg.goal_id
    WHERE m.edition_id = ${edition.id} GROUP BY tree.tf, m.status`,
  );
  const byTf = tfs.map((t) => ({
    id: t.id,
    number: t.number,
    title: t.title,
    byStatus: Object.fromEntries(
      MEASURE_STATUSES.map((s) => [s, perTf.find((x) => x.tf === t.id && x.status === s)?.n ?? 0]),
    ),
  }));
  const overdue = await rows<{
    id: string;
    measure_id: string;
    code: string;
    measure: string;
    title: string;
    due_on: string;
    n: number;
  }>(
    tx,
    sql`
    SELECT ms.id, m.id AS measure_id, m.code, m.title AS measure, ms.title, ms.due_on::text, count(*) OVER ()::int AS n
    FROM concept_milestones ms JOIN concept_measures m ON m.id = ms.measure_id
    WHERE m.edition_id = ${edition.id} AND ${overdueMilestone(today)} ORDER BY ms.due_on, ms.id LIMIT ${OVERDUE_SHOWN}`,
  );
  const [stale, total] = await Promise.all([
    countMeasures(tx, { editionId: edition.id, today, stale: true }),
    countMeasures(tx, { editionId: edition.id, today }),
  ]);
  return {
    byTf,
    overdue: overdue.map(({ n: _n, ...o }) => o),
    overdueCount: overdue[0]?.n ?? 0,
    staleCount: stale,
    total,
  };
}
/** How many overdue milestones the dashboard names; the rest are counted. */
export const OVERDUE_SHOWN = 20;

export interface TreePageNode {
  id: string;
  kind: string;
  number: string;
  title: string;
  handlungsfelder: string[];
  /** How many measures serve this goal in the whole edition. */
  measureCount: number;
  /** The goal's own line is on an earlier page; it is repeated here as the heading of what follows. */
  continued: boolean;
  measures: { id: string; code: string; title: string; status: string }[];
  children: TreePageNode[];
}

/**
 * One page of the goal tree. The tree is read as lines in document order (a goal, its measures,
 * then its sub-goals), and a page holds `pageSize` lines, so no page grows with the catalogue. The
 * goals are few and loaded whole; measures are read for this page only, in one query.
 */
export async function conceptTreePage(
  tx: Tx,
  editionId: string,
  source: URL | URLSearchParams,
  pageSize: number,
  goals?: GoalInfo[],
) {
  const [goalsOf, hfs, perGoal] = await Promise.all([
    goals ? Promise.resolve(goals) : loadGoals(tx, editionId),
    listHandlungsfelder(tx),
    rows<{ goal_id: string; n: number }>(
      tx,
      // Counted from the edition's goals (about 100), not from its measures: half the work.
      sql`SELECT mg.goal_id, count(*)::int AS n FROM concept_measure_goals mg JOIN concept_goals g ON g.id = mg.goal_id
      WHERE g.edition_id = ${editionId} GROUP BY mg.goal_id`,
    ),
  ]);
  const hfName = new Map(hfs.map((h) => [h.id, h.name]));
  const count = new Map(perGoal.map((x) => [x.goal_id, x.n]));
  const children = new Map<string | null, GoalInfo[]>();
  for (const g of goalsOf) children.set(g.parentId, [...(children.get(g.parentId) ?? []), g]);
  // Document order, with each goal's first line number.
  const order: { goal: GoalInfo; line: number }[] = [];
  let lines = 0;
  const walk = (g: GoalInfo) => {
    order.push({ goal: g, line: lines });
    lines += 1 + (count.get(g.id) ?? 0);
    for (const c of children.get(g.id) ?? []) walk(c);
  };
  for (const r of children.get(null) ?? []) walk(r);
  const p = paginate(requestedPage(source), lines, pageSize);
  const end = p.offset + pageSize;
  // Goals with a line on this page: their own line, or some of their measures.
  const onPage = order.filter(({ goal, line }) => line < end && line + 1 + (count.get(goal.id) ?? 0) > p.offset);
  const skip = onPage.length ? Math.max(0, p.offset - onPage[0].line - 1) : 0;
  const measureLines = onPage.reduce((sum, { goal, line }) => {
    const from = Math.max(line + 1, p.offset),
      to = Math.min(line + 1 + (count.get(goal.id) ?? 0), end);
    return sum + Math.max(0, to - from);
  }, 0);
  const ids = onPage.map((x) => x.goal.id);
  const measureRows =
    measureLines > 0
      ? await rows<{ goal_id: string; id: string; code: string; title: string; status: string }>(
          tx,
          sql`SELECT mg.goal_id, m.id, m.code, m.title, m.status
          FROM concept_measure_goals mg JOIN concept_measures m ON m.id = mg.measure_id
          WHERE mg.goal_id IN (${sql.join(
            ids.map((id) => sql`${id}`),
            sql`, `,
          )})
          ORDER BY array_position(ARRAY[${sql.join(
            ids.map((id) => sql`${id}`),
            sql`, `,
          )}]::uuid[], mg.goal_id), m.position, m.code
          LIMIT ${measureLines} OFFSET ${skip}`,
        )
      : [];
  const byId = new Map(goalsOf.map((g) => [g.id, g]));
  const nodes = new Map<string, TreePageNode>();
  const roots: TreePageNode[] = [];
  const nodeFor = (g: GoalInfo): TreePageNode => {
    const known = nodes.get(g.id);
    if (known) return known;
    const n: TreePageNode = {
      id: g.id,
      kind: g.kind,
      number: g.number,
      title: g.title,
      handlungsfelder: g.handlungsfeldIds.map((h) => hfName.get(h)!).filter(Boolean),
      measureCount: count.get(g.id) ?? 0,
      continued: true,
      measures: [],
      children: [],
    };
    nodes.set(g.id, n);
    // Ancestors of the page's first goal stand above it as headings, even from earlier pages.
    if (g.parentId) nodeFor(byId.get(g.parentId)!).children.push(n);
    else roots.push(n);
    return n;
  };
  for (const { goal, line } of onPage) nodeFor(goal).continued = line < p.offset;
  for (const m of measureRows)
    nodes.get(m.goal_id)!.measures.push({ id: m.id, code: m.code, title: m.title, status: m.status });
  const counts = {
    themenfelder: goalsOf.filter((g) => g.kind === "themenfeld").length,
    leitziele: goalsOf.filter((g) => g.kind === "leitziel").length,
    teilziele: goalsOf.filter((g) => g.kind === "teilziel").length,
  };
  return { ...p, roots, counts };
}

/** How many of the edition's measures are in each state; a measure under several goals counts once. */
export function statusCounts(roots: TreeNode[]) {
  const seen = new Map<string, string>();
  const walk = (n: TreeNode) => {
    for (const m of n.measures) seen.set(m.id, m.status);
    n.children.forEach(walk);
  };
  roots.forEach(walk);
  const by = new Map<string, number>();
  for (const st of seen.values()) by.set(st, (by.get(st) ?? 0) + 1);
  return {
    total: seen.size,
    byStatus: MEASURE_STATUSES.filter((st) => by.has(st)).map((st) => ({ status: st, count: by.get(st)! })),
  };
}

/** Measures under a goal and all its sub-goals, each counted once. */
export function measuresBelow(n: TreeNode): number {
  const ids = new Set<string>();
  const walk = (x: TreeNode) => {
    x.measures.forEach((m) => ids.add(m.id));
    x.children.forEach(walk);
  };
  walk(n);
  return ids.size;
}
