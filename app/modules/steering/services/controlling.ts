import { z } from "zod";
import { labelled } from "~/kernel/taxonomy/label";
import type { Tx } from "~/kernel/db/client";
import { ATTAINMENT_STATUSES, type AttainmentStatus } from "~/kernel/evidence";
import {
  listHandlungsfelder,
  listMeasures,
  loadGoals,
  MEASURE_STATUSES,
  type MeasureListItem,
  type MeasureStatus,
} from "~/modules/concept";
import { listAreas } from "~/modules/monitoring";
import { attainmentTree, type GoalNode } from "./attainment";
import { measureLinksOf } from "./links";

// The controlling overview of an edition's measures (issue 13, item 3): counts per status by
// Themenfeld and by Handlungsfeld, the filtered list with each goal named by number and text, and
// the attainment of every Leitziel. The staff page and the public accountability page read the same
// function; the public one passes the adopted edition and `publicOnly`.

const id = z.string().uuid();
const optionalId = id.nullable().catch(null);

/** The filter as it travels in the URL (a GET form): German parameter names, bad values ignored. */
export const ControllingFilter = z.object({
  themenfeld: optionalId,
  handlungsfeld: optionalId,
  status: z.enum(MEASURE_STATUSES).nullable().catch(null),
  lead: optionalId,
  area: optionalId,
  overdue: z.boolean().catch(false),
  q: z.string().trim().max(200).nullable().catch(null),
});
export type ControllingFilter = z.infer<typeof ControllingFilter>;

/** URL parameters of the filter form, in the order the form shows them. */
export const FILTER_PARAMS = {
  themenfeld: "themenfeld",
  handlungsfeld: "handlungsfeld",
  status: "status",
  lead: "federfuehrung",
  area: "stadtteil",
  overdue: "ueberfaellig",
  q: "suche",
} as const;

export function parseControllingFilter(sp: URLSearchParams): ControllingFilter {
  const get = (k: keyof typeof FILTER_PARAMS) => sp.get(FILTER_PARAMS[k]) || null;
  return ControllingFilter.parse({
    themenfeld: get("themenfeld"),
    handlungsfeld: get("handlungsfeld"),
    status: get("status"),
    lead: get("lead"),
    area: get("area"),
    overdue: get("overdue") === "1",
    q: get("q"),
  });
}

export const isFiltered = (f: ControllingFilter) =>
  !!(f.themenfeld || f.handlungsfeld || f.status || f.lead || f.area || f.overdue || f.q);

export type StatusRow = {
  id: string;
  label: string;
  /** A Handlungsfeld's row: the term, so the page names it in its language (kernel/ui/terms). */
  term?: ReturnType<typeof labelled>;
  byStatus: Record<MeasureStatus, number>;
  total: number;
};
const zero = () => Object.fromEntries(MEASURE_STATUSES.map((s) => [s, 0])) as Record<MeasureStatus, number>;

export interface ControllingMeasure {
  id: string;
  code: string;
  title: string;
  status: MeasureStatus;
  progress: number;
  endsOn: string | null;
  lead: string | null;
  /** Every goal by its number and its text, never the number alone. */
  goals: { ref: string; number: string; title: string }[];
  handlungsfelder: string[];
  areas: string[];
  overdueMilestones: number;
}

export interface LeitzielAttainment {
  id: string;
  number: string;
  /** "1.2" of Themenfeld "1": the Leitziel's full number. */
  themenfeld: string;
  title: string;
  status: AttainmentStatus | null;
  /** Targets below this Leitziel (its own and its Teilziele's) by their status. */
  targets: Record<AttainmentStatus, number>;
}

/**
 * Everything the controlling overview shows for one edition and filter. Filters run in the concept's
 * SQL (status, Themenfeld, Handlungsfeld, Federführung, overdue, text); the Stadtteil filter narrows
 * by this module's own links to the measures working there or in an area below it.
 */
export async function controlling(
  tx: Tx,
  editionId: string,
  filter: ControllingFilter,
  opts: { publicOnly: boolean; today?: string },
) {
  const [goals, hfs, all, areas] = await Promise.all([
    loadGoals(tx, editionId),
    listHandlungsfelder(tx),
    listMeasures(tx, { editionId, today: opts.today }),
    listAreas(tx),
  ]);
  const links = await measureLinksOf(
    tx,
    all.map((m) => m.id),
  );
  const areaById = new Map(areas.map((a) => [a.id, a]));
  const areasOf = new Map<string, string[]>();
  for (const l of links.areas) areasOf.set(l.measureId, [...(areasOf.get(l.measureId) ?? []), l.areaId]);

  // Only options that occur in the edition (and the chosen ones, even when nothing matches them).
  const themenfelder = goals.filter((g) => g.kind === "themenfeld");
  const leads = new Map<string, string>();
  for (const m of all) if (m.lead) leads.set(m.lead.id, m.lead.name);
  const usedAreas = new Set(links.areas.map((l) => l.areaId));
  const known = {
    themenfeld: themenfelder.some((t) => t.id === filter.themenfeld),
    handlungsfeld: hfs.some((h) => h.id === filter.handlungsfeld),
    lead: leads.has(filter.lead ?? ""),
    area: areaById.has(filter.area ?? ""),
  };
  // A value that is no option of this edition filters nothing rather than everything away.
  const f: ControllingFilter = {
    ...filter,
    themenfeld: known.themenfeld ? filter.themenfeld : null,
    handlungsfeld: known.handlungsfeld ? filter.handlungsfeld : null,
    lead: known.lead ? filter.lead : null,
    area: known.area ? filter.area : null,
  };

  let inArea: string[] | undefined;
  if (f.area) {
    // The area and every area below it (a Stadtbezirk takes its Stadtteile along).
    const below = new Set([f.area]);
    for (let grew = true; grew;) {
      grew = false;
      for (const a of areas)
        if (a.parentId && below.has(a.parentId) && !below.has(a.id)) {
          below.add(a.id);
          grew = true;
        }
    }
    inArea = links.areas.filter((l) => below.has(l.areaId)).map((l) => l.measureId);
  }
  const list: MeasureListItem[] = isFiltered(f)
    ? await listMeasures(tx, {
        editionId,
        today: opts.today,
        status: f.status,
        themenfeldId: f.themenfeld,
        handlungsfeldId: f.handlungsfeld,
        organisationId: f.lead,
        leadOnly: true,
        overdue: f.overdue,
        q: f.q,
        measureIds: inArea ? [...new Set(inArea)] : undefined,
      })
    : all;

  const goalById = new Map(goals.map((g) => [g.id, g]));
  const hfName = new Map(hfs.map((h) => [h.id, h.name]));
  const byThemenfeld: StatusRow[] = themenfelder.map((t) => ({
    id: t.id,
    label: `${t.number} ${t.title}`,
    byStatus: zero(),
    total: 0,
  }));
  const byHandlungsfeld: StatusRow[] = hfs.map((h) => ({
    id: h.id,
    label: h.name,
    term: labelled(h),
    byStatus: zero(),
    total: 0,
  }));
  const withoutHf: StatusRow = { id: "", label: "", byStatus: zero(), total: 0 };
  const total: StatusRow = { id: "", label: "", byStatus: zero(), total: 0 };
  const tfRow = new Map(byThemenfeld.map((r) => [r.id, r]));
  const hfRow = new Map(byHandlungsfeld.map((r) => [r.id, r]));
  const count = (r: StatusRow | undefined, s: MeasureStatus) => {
    if (!r) return;
    r.byStatus[s]++;
    r.total++;
  };
  for (const m of list) {
    count(total, m.status);
    // A measure counts once per Themenfeld and once per Handlungsfeld it carries.
    for (const tf of m.themenfeldIds) count(tfRow.get(tf), m.status);
    for (const h of m.handlungsfeldIds) count(hfRow.get(h), m.status);
    if (!m.handlungsfeldIds.length) count(withoutHf, m.status);
  }

  const measures: ControllingMeasure[] = list.map((m) => ({
    id: m.id,
    code: m.code,
    title: m.title,
    status: m.status,
    progress: m.progress,
    endsOn: m.endsOn,
    lead: m.lead?.name ?? null,
    goals: m.goalIds.flatMap((g) => {
      const x = goalById.get(g);
      return x ? [{ ref: x.ref, number: x.number, title: x.title }] : [];
    }),
    handlungsfelder: m.handlungsfeldIds.flatMap((h) => (hfName.has(h) ? [hfName.get(h)!] : [])),
    areas: (areasOf.get(m.id) ?? []).flatMap((a) => (areaById.has(a) ? [areaById.get(a)!.name] : [])),
    overdueMilestones: m.overdueMilestones,
  }));

  const tree = await attainmentTree(tx, editionId, { publicOnly: opts.publicOnly });
  const leitziele: LeitzielAttainment[] = [];
  const countTargets = (g: GoalNode, into: Record<AttainmentStatus, number>) => {
    for (const e of g.targets) into[e.attainment?.status ?? "no_data"]++;
    for (const c of g.children) countTargets(c, into);
  };
  for (const tf of tree.roots) {
    if (f.themenfeld && tf.id !== f.themenfeld) continue;
    for (const l of tf.children) {
      if (l.kind !== "leitziel") continue;
      const targets = Object.fromEntries(ATTAINMENT_STATUSES.map((s) => [s, 0])) as Record<AttainmentStatus, number>;
      countTargets(l, targets);
      leitziele.push({ id: l.id, number: l.number, themenfeld: tf.number, title: l.title, status: l.status, targets });
    }
  }

  return {
    filter: f,
    filtered: isFiltered(f),
    // The statuses in the concept's order, for the tables and the filter (the page cannot import the concept).
    statuses: MEASURE_STATUSES,
    options: {
      themenfelder: themenfelder.map((t) => ({ value: t.id, label: `${t.number} ${t.title}` })),
      handlungsfelder: hfs.map(labelled),
      leads: [...leads]
        .map(([value, label]) => ({ value, label }))
        .sort((a, b) => a.label.localeCompare(b.label, "de")),
      areas: areas
        .filter((a) => usedAreas.has(a.id) || a.id === f.area)
        .map((a) => ({ value: a.id, label: `${a.name} (${a.key})` })),
    },
    byThemenfeld,
    byHandlungsfeld,
    withoutHandlungsfeld: withoutHf,
    total,
    overdueMilestones: measures.reduce((n, m) => n + m.overdueMilestones, 0),
    measures,
    leitziele,
    tree,
  };
}
export type Controlling = Awaited<ReturnType<typeof controlling>>;
