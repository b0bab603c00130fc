import "./strings";
import { sql } from "drizzle-orm";
import type { TFunction } from "i18next";
import type { Tx } from "~/kernel/db/client";
import { rows } from "~/kernel/db/context";
import { formatDate } from "~/kernel/dates";
import { formatLocale, getT } from "~/kernel/i18n";
import { documentDocx } from "~/kernel/documents/docx";
import { documentPdf } from "~/kernel/documents/pdf";
import type { Block, DocumentModel } from "~/kernel/documents/model";
import { listPartners, modulesOf, type ModuleRow, type PartnerRow } from "./service";

// The compiled state report (Landesbericht, seed 004): "Stand <date>", the overview of the partners in
// ordinal order with their join dates, then one section per partner in the same order with its
// modules as reported in its current period, or "Bericht liegt nicht vor". Every count in the text
// is computed from the rows. Laid out by the kernel as DOCX and tagged PDF from one model.

export interface StateReportEntry {
  moduleId: string;
  progress: string | null;
  figures: { label: string; value: string }[];
  activities: string | null;
  outlook: string | null;
}

export interface StateReportData {
  tenantName: string;
  asOf: string;
  partners: (PartnerRow & {
    modules: ModuleRow[];
    entries: Map<string, StateReportEntry>;
    furtherActivities: string | null;
  })[];
}

/** Everything the report shows, as of `asOf` (each partner's period current on that day). */
export async function stateReportData(tx: Tx, asOf: string, tenantName: string): Promise<StateReportData> {
  const list = await listPartners(tx, asOf);
  const modules = await modulesOf(tx, null);
  const reported = list.filter((p) => p.reportIn).map((p) => p.reportId!);
  const entries = await rows<StateReportEntry & { report_id: string }>(
    tx,
    sql`SELECT report_id, module_id AS "moduleId", progress, figures, activities, outlook FROM opening_report_entries
        WHERE report_id = ANY(${`{${reported.join(",")}}`}::uuid[])`,
  );
  const further = await rows<{ id: string; further_activities: string | null }>(
    tx,
    sql`SELECT id, further_activities FROM opening_partner_reports WHERE id = ANY(${`{${reported.join(",")}}`}::uuid[])`,
  );
  const furtherBy = new Map(further.map((f) => [f.id, f.further_activities]));
  return {
    tenantName,
    asOf,
    partners: list.map((p) => ({
      ...p,
      modules: modules.get(p.id) ?? [],
      entries: new Map(entries.filter((e) => e.report_id === p.reportId).map((e) => [e.moduleId, e])),
      furtherActivities: p.reportId ? (furtherBy.get(p.reportId) ?? null) : null,
    })),
  };
}

export function stateReportDocument(d: StateReportData, lang = "de"): DocumentModel {
  const t: TFunction = getT(lang);
  const loc = formatLocale(lang);
  const doc = (key: string, o?: Record<string, unknown>) => t(`opening.partners.doc.${key}`, o ?? {});
  const date = (iso: string | null) => formatDate(iso, loc);
  const blocks: Block[] = [];
  const h = (level: 1 | 2 | 3 | 4, text: string) => blocks.push({ kind: "heading", level, text });
  const para = (text: string, opts: { bold?: boolean; small?: boolean } = {}) =>
    blocks.push({ kind: "paragraph", text, ...opts });

  const total = d.partners.length;
  const inCount = d.partners.filter((p) => p.reportIn).length;
  para(d.tenantName, { bold: true });
  h(1, doc("title"));
  para(doc("asOf", { date: date(d.asOf) }), { bold: true });
  para(
    `${doc("partners", { count: total })} ${doc("reportsIn", { count: inCount })} ${doc("reportsMissing", { count: total - inCount })}`,
  );
  if (d.partners.some((p) => p.isDemo)) para(doc("example"), { small: true });

  h(2, doc("overview"));
  blocks.push({
    kind: "table",
    caption: doc("overviewCaption", { date: date(d.asOf) }),
    head: [doc("ordinal"), doc("partner"), doc("joined"), doc("report")],
    rows: d.partners.map((p) => [String(p.ordinal), p.name, date(p.joinedOn), doc(p.reportIn ? "in" : "notIn")]),
  });

  for (const p of d.partners) {
    blocks.push({ kind: "pageBreak" });
    h(2, doc("section", { ordinal: p.ordinal, name: p.name }));
    blocks.push({
      kind: "fields",
      rows: [
        [doc("joined"), date(p.joinedOn)],
        [doc("type"), t(`opening.partners.types.${p.type}`)],
        [
          doc("period"),
          p.period ? doc("periodValue", { from: date(p.period.startsOn), to: date(p.period.endsOn) }) : "–",
        ],
      ],
    });
    if (!p.reportIn) {
      para(doc("notIn"), { bold: true });
      continue;
    }
    const reportedModules = p.modules.filter((m) => p.entries.has(m.id));
    para(doc("modulesReported", { count: reportedModules.length, total: p.modules.length }));
    for (const m of p.modules) {
      const e = p.entries.get(m.id);
      h(3, m.recurring ? `${m.title} (${doc("recurring")})` : m.title);
      if (!e) {
        para(doc("moduleNotReported"));
        continue;
      }
      if (e.progress) para(`${doc("progress")}: ${e.progress}`);
      if (e.figures.length) blocks.push({ kind: "list", items: e.figures.map((f) => `${f.label}: ${f.value}`) });
      if (e.activities) para(`${doc("activities")}: ${e.activities}`);
      if (e.outlook) para(`${doc("outlook")}: ${e.outlook}`);
    }
    if (p.furtherActivities) {
      h(3, doc("furtherActivities"));
      para(p.furtherActivities);
    }
  }

  return {
    lang: lang === "de" ? "de-DE" : "en-GB",
    title: doc("title"),
    footer: `${doc("title")} – ${doc("asOf", { date: date(d.asOf) })}`,
    pageLabel: (page, pages) => doc("page", { page, pages }),
    blocks,
  };
}

export async function stateReportFile(
  tx: Tx,
  opts: { asOf: string; tenantName: string; format: "docx" | "pdf"; lang?: string },
): Promise<Buffer> {
  const data = await stateReportData(tx, opts.asOf, opts.tenantName);
  const model = stateReportDocument(data, opts.lang ?? "de");
  return opts.format === "pdf" ? documentPdf(model, opts.tenantName) : documentDocx(model);
}
