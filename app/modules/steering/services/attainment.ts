import type { Tx } from "~/kernel/db/client";
import { ATTAINMENT_STATUSES, rollUp, type AttainmentStatus, type Evidence } from "~/kernel/evidence";
import { loadGoals, type GoalInfo } from "~/modules/concept";
import { evidence } from "../evidence";

export interface GoalNode {
  id: string;
  kind: GoalInfo["kind"];
  number: string;
  title: string;
  targets: Evidence[];
  /** Rolled up from its own targets and its sub-goals (kernel rollUp); null: nothing below has a target. */
  status: AttainmentStatus | null;
  children: GoalNode[];
}

export type StatusCounts = Record<AttainmentStatus | "none", number>;
const emptyCounts = (): StatusCounts =>
  Object.fromEntries([...ATTAINMENT_STATUSES, "none"].map((s) => [s, 0])) as StatusCounts;

/**
 * The goal tree of an edition with every goal's targets and attainment: per Teilziel from its own
 * targets, per Leitziel and Themenfeld rolled up. Counts per status for Leitziele and Teilziele.
 */
export async function attainmentTree(tx: Tx, editionId: string, opts: { publicOnly: boolean }) {
  const goals = await loadGoals(tx, editionId);
  const ev = await evidence(
    tx,
    "concept.goal",
    goals.filter((g) => g.kind !== "themenfeld").map((g) => g.id),
    opts,
  );
  const bySubject = new Map<string, Evidence[]>();
  for (const e of ev) {
    const list = bySubject.get(e.subjectId);
    if (list) list.push(e);
    else bySubject.set(e.subjectId, [e]);
  }
  const children = new Map<string | null, GoalInfo[]>();
  for (const g of goals) {
    const list = children.get(g.parentId);
    if (list) list.push(g);
    else children.set(g.parentId, [g]);
  }
  const counts = { leitziel: emptyCounts(), teilziel: emptyCounts() };
  const build = (g: GoalInfo): GoalNode => {
    const kids = (children.get(g.id) ?? []).map(build);
    const targets = bySubject.get(g.id) ?? [];
    const status = rollUp([
      ...targets.map((t) => t.attainment?.status ?? "no_data"),
      ...kids.flatMap((k) => (k.status ? [k.status] : [])),
    ]);
    if (g.kind !== "themenfeld") counts[g.kind][status ?? "none"]++;
    return { id: g.id, kind: g.kind, number: g.number, title: g.title, targets, status, children: kids };
  };
  const roots = (children.get(null) ?? []).map(build);
  return { roots, counts, targets: ev.length };
}
export type AttainmentTree = Awaited<ReturnType<typeof attainmentTree>>;
