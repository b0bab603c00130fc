import { sql } from "drizzle-orm";
import type { Tx } from "~/kernel/db/client";
import { rows } from "~/kernel/db/context";
import { MEASURE_STATUSES } from "../constants";
import { listHandlungsfelder, loadGoals, type Edition, type GoalInfo } from "./concept";
import { listMeasures, STALE_AFTER_DAYS, todayIso, type MeasureListItem } from "./measures";
import { addDays } from "~/kernel/dates";

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

export async function dashboard(tx: Tx, edition: Edition, today = todayIso(), preloaded?: MeasureListItem[]) {
  const items = preloaded ?? (await listMeasures(tx, { editionId: edition.id, today }));
  const goalsOf = await loadGoals(tx, edition.id);
  const tfs = goalsOf.filter((g) => g.kind === "themenfeld");
  const byTf = tfs.map((t) => ({
    id: t.id,
    number: t.number,
    title: t.title,
    byStatus: Object.fromEntries(
      MEASURE_STATUSES.map((s) => [s, items.filter((m) => m.themenfeldIds.includes(t.id) && m.status === s).length]),
    ),
  }));
  const overdue = await rows<{
    id: string;
    measure_id: string;
    code: string;
    measure: string;
    title: string;
    due_on: string;
  }>(
    tx,
    sql`
    SELECT ms.id, m.id AS measure_id, m.code, m.title AS measure, ms.title, ms.due_on::text FROM concept_milestones ms JOIN concept_measures m ON m.id = ms.measure_id
    WHERE m.edition_id = ${edition.id} AND ms.done_on IS NULL AND ms.due_on < ${today}::date ORDER BY ms.due_on`,
  );
  const staleBefore = addDays(today, -STALE_AFTER_DAYS);
  const stale = items.filter(
    (m) => ["beschlossen", "in_umsetzung"].includes(m.status) && (!m.lastUpdate || m.lastUpdate < staleBefore),
  );
  return { byTf, overdue, stale, total: items.length };
}

export interface EditionDiff {
  added: string[];
  removed: string[];
  changed: { ref: string; before: string; after: string }[];
}

/** Goals are matched by their reference (Themenfeld/Nummer), measures by their Kennung. */
export async function compareEditions(tx: Tx, a: string, b: string) {
  const [ga, gb, ma, mb] = await Promise.all([
    loadGoals(tx, a),
    loadGoals(tx, b),
    listMeasures(tx, { editionId: a }),
    listMeasures(tx, { editionId: b }),
  ]);
  const diff = <T>(xs: T[], ys: T[], key: (x: T) => string, text: (x: T) => string): EditionDiff => {
    const A = new Map(xs.map((x) => [key(x), x])),
      B = new Map(ys.map((y) => [key(y), y]));
    return {
      added: [...B.keys()].filter((k) => !A.has(k)).map((k) => `${k} ${text(B.get(k)!)}`),
      removed: [...A.keys()].filter((k) => !B.has(k)).map((k) => `${k} ${text(A.get(k)!)}`),
      changed: [...A.keys()]
        .filter((k) => B.has(k) && text(A.get(k)!) !== text(B.get(k)!))
        .map((k) => ({ ref: k, before: text(A.get(k)!), after: text(B.get(k)!) })),
    };
  };
  return {
    goals: diff(
      ga,
      gb,
      (g) => `${g.kind === "themenfeld" ? "TF " : ""}${g.ref}`,
      (g) => g.title,
    ),
    measures: diff(
      ma,
      mb,
      (m) => m.code,
      (m) => `${m.title}${m.description ? ` — ${m.description}` : ""} [${m.goalRefs.join(", ")}]`,
    ),
  };
}
