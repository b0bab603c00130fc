import "./strings";
import type { TFunction } from "i18next";
import type { Evidence } from "~/kernel/evidence";
import { formatDate, todayBerlin } from "~/kernel/dates";
import { formatLocale, getT } from "~/kernel/i18n";
import type { StatusCounts } from "../services/attainment";
import type { CouncilReportData, ReportGoal, ReportTarget, ReportUpdate } from "./data";

import type { Block, DocumentModel } from "~/kernel/documents/model";

// The report as the kernel's neutral blocks (kernel/documents), written once and laid out twice (DOCX
// and PDF), so both files say the same. Text comes from the report's strings in the report's language
// (German for the council); names of people and organisations are printed as stored.

export type { Block };
export type ReportDocument = DocumentModel;

const RULE_KEYS = ["latest", "achieved", "deadline", "baseline", "progress", "pace", "rollUp"] as const;

export function reportDocument(d: CouncilReportData, lang = "de"): ReportDocument {
  const t: TFunction = getT(lang);
  const loc = formatLocale(lang);
  const date = (iso: string | null | undefined) => (iso ? formatDate(iso, loc) : "–");
  const num = (v: number) => new Intl.NumberFormat(loc, { maximumFractionDigits: 1 }).format(v);
  const status = (s: string | null) => t(`steering.status.${s ?? "none"}`);
  const doc = (key: string, o?: Record<string, unknown>) => t(`steering.report.doc.${key}`, o ?? {});
  const p = d.paper;
  const period = { from: date(d.period.from), to: date(d.period.to) };
  const blocks: Block[] = [];
  const h = (level: 1 | 2 | 3 | 4, text: string) => blocks.push({ kind: "heading", level, text });
  const para = (text: string, opts: { bold?: boolean; small?: boolean } = {}) =>
    blocks.push({ kind: "paragraph", text, ...opts });

  // The Vorlage's head: who, number, date, status, then the Beratungsfolge.
  para(d.tenantName, { bold: true });
  h(1, `${doc("vorlage")} ${p.number}: ${p.title}`);
  blocks.push({
    kind: "fields",
    rows: [
      [doc("number"), p.number],
      [doc("date"), date(p.date)],
      [doc("access"), t(`steering.report.page.${p.isPublic ? "public" : "notPublic"}`)],
      [doc("leadOffice"), p.leadOffice],
    ],
  });
  h(2, doc("steps"));
  blocks.push({
    kind: "table",
    caption: doc("steps"),
    head: [doc("stepDate"), doc("stepBody"), doc("stepCompetence")],
    rows: p.steps.map((s) => [date(s.date), s.body, doc(`competences.${s.competence}`)]),
  });
  h(2, doc("subject"));
  para(p.title);
  h(2, doc(`proposalHeading.${p.kind}`));
  para(p.proposal);

  h(2, doc("reasoning"));
  para(doc("intro", { edition: d.edition.title, ...period }));
  if (d.edition.adoptedOn) para(doc("adopted", { date: date(d.edition.adoptedOn), body: d.edition.adoptedBy ?? "–" }));
  if (d.edition.exampleNote) para(doc("example", { note: d.edition.exampleNote }), { small: true });

  // 1. Goal attainment: the rule, the counts, every Themenfeld and Leitziel with its Teilziele.
  h(2, doc("attainment"));
  para(doc("attainmentIntro"));
  const counts = (c: StatusCounts) =>
    Object.entries(c)
      .filter(([, n]) => n > 0)
      .map(([s, n]) => `${status(s)} ${n}`)
      .join(", ") || t("steering.noTargets");
  para(doc("counts", { leitziele: counts(d.counts.leitziel), teilziele: counts(d.counts.teilziel) }));
  para(doc("rule"), { bold: true });
  blocks.push({ kind: "list", items: RULE_KEYS.map((k) => t(`steering.rule.${k}`)) });

  const where = (e: Evidence) =>
    ` (${[e.area?.name ?? doc("wholeTown"), ...(e.group !== "gesamt" ? [doc("groupOf", { group: e.group })] : [])].join(", ")})`;
  const targetText = (e: Evidence) => {
    const x = e.target;
    if (!x) return "–";
    const what =
      x.kind === "parity"
        ? t(`steering.target.parity.${x.direction}`, { group: x.compareGroup })
        : t(`steering.target.value.${x.direction}`, { value: num(x.value ?? 0), unit: e.indicator.unit });
    return x.year ? `${what} ${t("steering.target.by", { year: x.year })}` : what;
  };
  const latest = (e: Evidence) => {
    const a = e.attainment;
    if (!a || !a.period) return doc("noValue");
    if (a.suppressed) return `${doc("suppressedValue")} (${a.period})`;
    return a.value == null ? doc("noValue") : `${num(a.value)} ${e.indicator.unit} (${a.period})`;
  };
  const pointText = (v: { period: string; value: number | null; suppressed: boolean }) =>
    `${v.period} ${v.suppressed ? "•" : v.value == null ? "–" : num(v.value)}`;
  // A value target's own number; for parity the compare group's latest value.
  const goalValue = (e: Evidence) =>
    e.target?.kind === "value" ? e.target.value : (e.attainment?.targetValue ?? null);
  const targetsOf = (g: ReportGoal) => {
    if (!g.targets.length) return;
    for (const x of g.targets) {
      const e = x.evidence;
      para(
        doc("target", {
          indicator: e.indicator.name,
          where: where(e),
          target: targetText(e),
          latest: latest(e),
          status: status(e.attainment?.status ?? "no_data"),
        }),
      );
      if (x.series.length)
        blocks.push({
          kind: "chart",
          series: x.series,
          compare: x.compare,
          table: chartRows(x, lang),
          caption: doc("chartValues", { indicator: `${e.indicator.name}${where(e)}` }),
          alt: doc("chartAlt", {
            indicator: e.indicator.name,
            where: where(e),
            values: x.series.map(pointText).join(", "),
            target: targetText(e),
          }),
          targetValue: goalValue(e),
          targetLabel: goalValue(e) == null ? null : `${doc("targetLine")} ${num(goalValue(e)!)}`,
        });
    }
  };
  for (const tf of d.themenfelder) {
    h(3, doc("themenfeld", { number: tf.number, title: tf.title }));
    for (const l of tf.leitziele) {
      h(4, doc("leitziel", { number: l.number, title: l.title }));
      para(doc("statusLine", { status: status(l.status) }), { bold: true });
      targetsOf(l);
      const sub = (g: ReportGoal) => {
        para(
          `${doc("teilziel", { number: g.number, title: g.title })} – ${doc("statusLine", { status: status(g.status) })}`,
          {
            bold: true,
          },
        );
        if (!g.targets.length && !g.children.length) para(doc("noTargets"));
        targetsOf(g);
        g.children.forEach(sub);
      };
      l.children.forEach(sub);
    }
  }

  // 2. Measures by status.
  h(2, doc("measures"));
  para(doc("measuresIntro", { count: d.measures.total }));
  blocks.push({
    kind: "table",
    caption: doc("measures"),
    head: [doc("status"), doc("count")],
    rows: d.measures.byStatus.map((s) => [doc(`measureStatus.${s.status}`), String(s.count)]),
  });

  // 3. Overdue measures, with what was said about them.
  h(2, doc("overdue"));
  para(doc("overdueIntro"));
  if (!d.overdue.length) para(doc("overdueNone"));
  for (const m of d.overdue) {
    para(doc("measure", { code: m.code, title: m.title, status: doc(`measureStatus.${m.status}`) }), { bold: true });
    blocks.push({
      kind: "list",
      items: [
        ...(m.lead ? [doc("lead", { lead: m.lead })] : []),
        ...(m.endsOn ? [doc("endedOn", { date: date(m.endsOn) })] : []),
        ...m.milestones.map((x) => doc("milestone", { title: x.title, date: date(x.dueOn) })),
        ...(m.reason ? [doc("reason", { date: date(m.reasonOn), reason: m.reason })] : []),
        ...(m.lastReport ? [doc("lastReport", { date: date(m.lastReport.reportedOn), body: m.lastReport.body })] : []),
      ],
    });
  }

  // 4. Ended measures with the reason recorded at the change.
  h(2, doc("ended"));
  para(doc("endedIntro"));
  if (!d.ended.length) para(doc("endedNone"));
  for (const m of d.ended) {
    para(doc("measure", { code: m.code, title: m.title, status: doc(`measureStatus.${m.status}`) }), { bold: true });
    para(
      doc("endedLine", {
        date: date(m.changedOn),
        status: doc(`measureStatus.${m.status}`),
        who: m.who,
        reason: m.reason,
      }),
    );
  }

  // 5./6. Published reports of the administration and of the partners.
  const reports = (list: ReportUpdate[]) => {
    for (const u of list) {
      para(`${u.code} ${u.title}`, { bold: true });
      para(
        doc("reportBy", {
          date: date(u.reportedOn),
          author: u.author,
          organisation: u.organisation ? ` (${u.organisation})` : "",
          progress: u.progress != null ? doc("progress", { progress: u.progress }) : "",
        }),
      );
      para(u.body);
    }
  };
  h(2, doc("updates"));
  para(doc("updatesIntro"));
  if (!d.updates.length) para(doc("updatesNone"));
  reports(d.updates);
  h(2, doc("partners"));
  para(doc("partnersIntro"));
  if (!d.partnerReports.length) para(doc("partnersNone"));
  reports(d.partnerReports);

  // 7. Participation.
  h(2, doc("participation"));
  para(doc("participationIntro"));
  if (!d.participation.length) para(doc("participationNone"));
  for (const x of d.participation) {
    h(3, doc("process", { title: x.title, from: date(x.startsOn), to: date(x.endsOn) }));
    const outcome = (o: string | null) => doc(`outcome.${o ?? "none"}`);
    blocks.push({
      kind: "list",
      items: [
        ...(x.contactName ? [doc("contact", { name: x.contactName })] : []),
        ...(x.decidingBody ? [doc("decidingBody", { body: x.decidingBody })] : []),
        ...(x.outcomes.length
          ? [doc("outcomes", { list: x.outcomes.map((o) => `${outcome(o.outcome)} ${o.count}`).join(", ") })]
          : []),
      ],
    });
    if (x.results) para(doc("results", { results: x.results }));
    if (x.answered.length)
      blocks.push({
        kind: "list",
        items: x.answered.map((a) =>
          doc("answered", {
            seq: a.seq,
            body: a.body,
            outcome: outcome(a.outcome),
            reason: a.reason ? `: ${a.reason}` : "",
          }),
        ),
      });
    if (x.exampleNote) para(doc("example", { note: x.exampleNote }), { small: true });
  }
  para(doc("made", { date: date(todayBerlin()) }), { small: true });

  return {
    lang: loc,
    title: `${doc("vorlage")} ${p.number}: ${p.title}`,
    footer: doc("footer", { number: p.number, date: date(p.date) }),
    pageLabel: (page, pages) => doc("page", { page, pages }),
    blocks,
  };
}

/** A chart's values as table rows: period, value (• when suppressed), compare group where there is one. */
export function chartRows(x: ReportTarget, lang = "de"): { head: string[]; rows: string[][] } {
  const t = getT(lang);
  const loc = formatLocale(lang);
  const num = (v: number | null, suppressed: boolean) =>
    suppressed ? "•" : v == null ? "–" : new Intl.NumberFormat(loc, { maximumFractionDigits: 1 }).format(v);
  const compare = new Map((x.compare ?? []).map((c) => [c.period, c]));
  const unit = x.evidence.indicator.unit;
  const head = [t("steering.report.doc.period"), `${t("steering.report.doc.value")} (${unit})`];
  if (x.compare)
    head.push(t("steering.report.doc.compareValue", { group: x.evidence.target?.compareGroup ?? "gesamt" }));
  return {
    head,
    rows: x.series.map((s) => {
      const c = compare.get(s.period);
      return [s.period, num(s.value, s.suppressed), ...(x.compare ? [c ? num(c.value, c.suppressed) : "–"] : [])];
    }),
  };
}
