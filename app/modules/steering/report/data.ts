import { sql } from "drizzle-orm";
import type { Tx } from "~/kernel/db/client";
import { rows } from "~/kernel/db/context";
import type { AttainmentStatus, Evidence } from "~/kernel/evidence";
import { listMeasures, measureRecords, MEASURE_STATUSES, type Edition, type MeasureStatus } from "~/modules/concept";
import { defaultArea, disclosedValues, listAreas } from "~/modules/monitoring";
import { periodResults, type PeriodProcess } from "~/modules/participation";
import { attainmentTree, type GoalNode, type StatusCounts } from "../services/attainment";

// What the council report says, gathered through the other modules' public entries only. Public
// means public here as on the accountability page: a Vorlage is published in the council's
// information system, so only public indicators and disclosed values count (decision 0034).

/** One period of a chart: a suppressed value has no number. */
export interface SeriesPoint {
  period: string;
  value: number | null;
  suppressed: boolean;
}

export interface ReportTarget {
  evidence: Evidence;
  /** The indicator's values in the target's area and group, oldest first (disclosed only). */
  series: SeriesPoint[];
  /** For a parity target: the compare group's values in the same area. */
  compare: SeriesPoint[] | null;
}

export interface ReportGoal {
  ref: string;
  number: string;
  title: string;
  status: AttainmentStatus | null;
  targets: ReportTarget[];
  children: ReportGoal[];
}

export interface ReportThemenfeld {
  number: string;
  title: string;
  status: AttainmentStatus | null;
  leitziele: ReportGoal[];
}

export interface ReportStep {
  date: string | null;
  body: string;
  competence: "kenntnisnahme" | "vorberatung" | "entscheidung";
}

export interface ReportPaper {
  number: string;
  title: string;
  date: string;
  leadOffice: string;
  isPublic: boolean;
  /** Kenntnisnahme (the council takes note) or Beschluss (it decides on a proposal). */
  kind: "kenntnisnahme" | "beschluss";
  proposal: string;
  steps: ReportStep[];
}

export interface ReportMeasureNote {
  code: string;
  title: string;
  status: MeasureStatus;
  lead: string | null;
  endsOn: string | null;
  /** Milestones open past their day at the period's end. */
  milestones: { title: string; dueOn: string }[];
  /** The reason given with the latest status change up to the period's end. */
  reason: string | null;
  reasonOn: string | null;
  /** The latest published report up to the period's end. */
  lastReport: { reportedOn: string; body: string } | null;
}

export interface ReportEnded {
  code: string;
  title: string;
  status: MeasureStatus;
  changedOn: string;
  reason: string;
  who: string;
}

export interface ReportUpdate {
  code: string;
  title: string;
  reportedOn: string;
  author: string;
  organisation: string | null;
  body: string;
  progress: number | null;
}

export interface CouncilReportData {
  tenantName: string;
  paper: ReportPaper;
  period: { from: string; to: string };
  edition: { title: string; adoptedOn: string | null; adoptedBy: string | null; exampleNote: string | null };
  themenfelder: ReportThemenfeld[];
  counts: { leitziel: StatusCounts; teilziel: StatusCounts };
  measures: { total: number; byStatus: { status: MeasureStatus; count: number }[] };
  overdue: ReportMeasureNote[];
  ended: ReportEnded[];
  updates: ReportUpdate[];
  partnerReports: ReportUpdate[];
  participation: PeriodProcess[];
}

const RUNNING: readonly MeasureStatus[] = ["beschlossen", "in_umsetzung"];
const ENDING: readonly MeasureStatus[] = ["umgesetzt", "verstetigt", "zurueckgestellt", "verworfen"];
const inPeriod = (day: string, p: { from: string; to: string }) => day >= p.from && day <= p.to;

/** The series of every target, one read of the monitoring per indicator. */
async function seriesOf(tx: Tx, targets: Evidence[]): Promise<Map<Evidence, ReportTarget>> {
  const cells = new Map<string, Awaited<ReturnType<typeof disclosedValues>>>();
  for (const code of new Set(targets.map((t) => t.indicator.code)))
    cells.set(code, await disclosedValues(tx, code, {}));
  const register = await listAreas(tx);
  const out = new Map<Evidence, ReportTarget>();
  for (const e of targets) {
    const all = cells.get(e.indicator.code)?.cells ?? [];
    // No area: the whole municipality, chosen by the same rule as the attainment (the city, else the
    // one area of the topmost level with values), so chart and status show the same series.
    const area = e.area
      ? register.find((a) => a.level === e.area!.level && a.key === e.area!.key)
      : defaultArea(
          all.filter((c) => c.group === e.group),
          register,
        );
    const inArea = area ? all.filter((c) => c.areaId === area.id) : [];
    const points = (group: string) =>
      inArea
        .filter((c) => c.group === group)
        .map((c) => ({ period: c.period, value: c.suppressed ? null : c.value, suppressed: c.suppressed }))
        .sort((a, b) => a.period.localeCompare(b.period));
    out.set(e, {
      evidence: e,
      series: points(e.group),
      compare: e.target?.kind === "parity" ? points(e.target.compareGroup ?? "gesamt") : null,
    });
  }
  return out;
}

/** Organisation names by id (the kernel's register, which every module may read). */
async function organisationNames(tx: Tx, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const found = await rows<{ id: string; name: string }>(
    tx,
    sql`SELECT id, name FROM organisations WHERE id IN (${sql.join(
      ids.map((id) => sql`${id}::uuid`),
      sql`, `,
    )})`,
  );
  return new Map(found.map((o) => [o.id, o.name]));
}

/**
 * Everything the report shows for the period: goal attainment per Themenfeld and Leitziel with the
 * Teilziele's indicator series, the measures' status summary, overdue and ended measures with their
 * reasons, published reports of the administration and the partners, and participation results.
 */
export async function councilReportData(
  tx: Tx,
  input: { tenantName: string; edition: Edition; paper: ReportPaper; from: string; to: string },
): Promise<CouncilReportData> {
  const period = { from: input.from, to: input.to };
  const tree = await attainmentTree(tx, input.edition.id, { publicOnly: true });
  const allTargets: Evidence[] = [];
  const collect = (g: GoalNode) => {
    allTargets.push(...g.targets);
    g.children.forEach(collect);
  };
  tree.roots.forEach(collect);
  const series = await seriesOf(tx, allTargets);
  const goal = (tf: string, g: GoalNode): ReportGoal => ({
    ref: `${tf}/${g.number}`,
    number: g.number,
    title: g.title,
    status: g.status,
    targets: g.targets.map((e) => series.get(e)!),
    children: g.children.map((c) => goal(tf, c)),
  });
  const themenfelder = tree.roots.map((tf) => ({
    number: tf.number,
    title: tf.title,
    status: tf.status,
    leitziele: tf.children.map((l) => goal(tf.number, l)),
  }));

  const measures = await listMeasures(tx, { editionId: input.edition.id, today: input.to });
  const byStatus = MEASURE_STATUSES.map((status) => ({
    status,
    count: measures.filter((m) => m.status === status).length,
  })).filter((s) => s.count > 0);

  const overdue: ReportMeasureNote[] = [];
  const ended: ReportEnded[] = [];
  const reports: (ReportUpdate & { organisationId: string | null })[] = [];
  // Three statements for all measures, not a detail read per measure.
  const records = await measureRecords(
    tx,
    measures.map((m) => m.id),
    { publicOnly: true },
  );
  for (const m of measures) {
    const d = {
      statusChanges: records.statusChanges.get(m.id) ?? [],
      updates: records.updates.get(m.id) ?? [],
      milestones: records.milestones.get(m.id) ?? [],
    };
    const changes = d.statusChanges.filter((c) => c.changedOn <= period.to);
    const last = changes.at(-1);
    for (const c of changes)
      if (inPeriod(c.changedOn, period) && ENDING.includes(c.toStatus as MeasureStatus))
        ended.push({
          code: m.code,
          title: m.title,
          status: c.toStatus as MeasureStatus,
          changedOn: c.changedOn,
          reason: c.reason,
          who: c.actorLabel,
        });
    const published = d.updates.filter((u) => u.reportedOn <= period.to);
    for (const u of published)
      if (inPeriod(u.reportedOn, period))
        reports.push({
          code: m.code,
          title: m.title,
          reportedOn: u.reportedOn,
          author: u.authorLabel,
          organisationId: u.organisationId,
          organisation: null,
          body: u.body,
          progress: u.progress,
        });
    // Overdue at the period's end: a running measure past its end, or with a milestone still open after its day.
    const late = d.milestones.filter((x) => x.dueOn < period.to && (!x.doneOn || x.doneOn > period.to));
    const pastEnd = !!m.endsOn && m.endsOn < period.to;
    if (RUNNING.includes(m.status) && (late.length || pastEnd)) {
      const latest = [...published].sort((a, b) => b.reportedOn.localeCompare(a.reportedOn))[0];
      overdue.push({
        code: m.code,
        title: m.title,
        status: m.status,
        lead: m.lead?.name ?? null,
        endsOn: pastEnd ? m.endsOn : null,
        milestones: late.map((x) => ({ title: x.title, dueOn: x.dueOn })),
        reason: last?.reason ?? null,
        reasonOn: last?.changedOn ?? null,
        lastReport: latest ? { reportedOn: latest.reportedOn, body: latest.body } : null,
      });
    }
  }
  ended.sort((a, b) => a.changedOn.localeCompare(b.changedOn) || a.code.localeCompare(b.code));
  reports.sort((a, b) => a.reportedOn.localeCompare(b.reportedOn) || a.code.localeCompare(b.code));
  const names = await organisationNames(tx, [
    ...new Set(reports.flatMap((r) => (r.organisationId ? [r.organisationId] : []))),
  ]);
  // A report that an organisation of the measure submitted is a partner report; one without is the administration's.
  const strip = ({ organisationId, ...r }: (typeof reports)[number]): ReportUpdate => ({
    ...r,
    organisation: organisationId ? (names.get(organisationId) ?? null) : null,
  });

  return {
    tenantName: input.tenantName,
    paper: input.paper,
    period,
    edition: {
      title: input.edition.title,
      adoptedOn: input.edition.adoptedOn,
      adoptedBy: input.edition.adoptedBy,
      exampleNote: input.edition.exampleNote,
    },
    themenfelder,
    counts: tree.counts,
    measures: { total: measures.length, byStatus },
    overdue,
    ended,
    updates: reports.filter((r) => !r.organisationId).map(strip),
    partnerReports: reports.filter((r) => !!r.organisationId).map(strip),
    participation: await periodResults(tx, period.from, period.to),
  };
}

/** Every Leitziel with its status, "1/2" → "off_track" (stored with the report for the list). */
export function leitzielStatuses(d: CouncilReportData): Record<string, AttainmentStatus | null> {
  return Object.fromEntries(d.themenfelder.flatMap((tf) => tf.leitziele.map((l) => [l.ref, l.status])));
}
