import "./strings";
import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "~/kernel/db/client";
import { rows } from "~/kernel/db/context";
import { audit } from "~/kernel/audit/service";
import { formatDate } from "~/kernel/dates";
import { fail, ok, type Result } from "~/kernel/errors";
import { getT } from "~/kernel/i18n";
import type { AttainmentStatus } from "~/kernel/evidence";
import { COMPETENCES, createPaper, getPaper } from "~/modules/bodies";
import { currentEdition, getAdoptedEdition, getEdition } from "~/modules/concept";
import { councilReportData, leitzielStatuses } from "./data";
import { reportDocument } from "./model";
import { documentDocx } from "~/kernel/documents/docx";
import { documentPdf } from "~/kernel/documents/pdf";

// The report to the council (decision 0034): a new paper through bodies' public entry, the report
// gathered from the public entries of concept, monitoring, participation and steering's own
// attainment, laid out as DOCX and tagged PDF, and both files stored as they went out.

const isoDate = z.iso.date("steering.report.errors.date");
const text = (max: number) =>
  z.string().trim().min(1, "steering.report.errors.required").max(max, "steering.report.errors.tooLong");

export const ReportStepInput = z
  .object({
    bodyId: z.uuid("steering.report.errors.stepBody").optional(),
    bodyName: text(300).optional(),
    meetsOn: isoDate.optional(),
    competence: z.enum(COMPETENCES, "steering.report.errors.competence"),
  })
  .refine((s) => !!s.bodyId || !!s.bodyName, { message: "steering.report.errors.stepBody" });

export const ReportInput = z
  .object({
    from: isoDate,
    to: isoDate,
    number: text(60),
    date: isoDate,
    title: text(500).optional(),
    leadOffice: text(300),
    isPublic: z.boolean().default(true),
    kind: z.enum(["kenntnisnahme", "beschluss"], "steering.report.errors.kind"),
    proposal: text(20000).optional(),
    editionId: z.uuid("steering.report.errors.edition").optional(),
    steps: z.array(ReportStepInput).max(10).default([]),
  })
  .refine((r) => r.to >= r.from, { message: "steering.report.errors.periodOrder", path: ["to"] });
export type ReportInput = z.input<typeof ReportInput>;

export interface CouncilReportHead {
  id: string;
  paperId: string | null;
  number: string;
  editionTitle: string;
  from: string;
  to: string;
  createdAt: string;
  createdBy: string;
  leitziele: Record<string, AttainmentStatus | null>;
}

/**
 * Makes the paper, the report and its two files, and stores them. The paper and the stored report
 * are one transaction: a refused paper (its number taken) leaves nothing behind.
 */
export async function createCouncilReport(
  tx: Tx,
  input: ReportInput,
  opts: { tenantName: string; lang?: string },
): Promise<Result<{ id: string; paperId: string }>> {
  const r = ReportInput.parse(input);
  const lang = opts.lang ?? "de";
  const t = getT(lang);
  const edition = r.editionId
    ? await getEdition(tx, r.editionId)
    : ((await getAdoptedEdition(tx)) ?? (await currentEdition(tx)));
  if (!edition) return fail("steering.report.errors.edition", "editionId");
  const day = (iso: string) => formatDate(iso, lang === "de" ? "de-DE" : "en-GB");
  const title = r.title ?? t("steering.report.doc.defaultTitle", { from: day(r.from), to: day(r.to) });
  const proposal =
    r.proposal ??
    t(`steering.report.doc.defaultProposal.${r.kind}`, { edition: edition.title, from: day(r.from), to: day(r.to) });
  // The paper does not name the edition: only a paper that brings an edition may adopt it (decision 0024).
  const paper = await createPaper(tx, {
    number: r.number,
    title,
    submittedOn: r.date,
    isPublic: r.isPublic,
    leadOffice: r.leadOffice,
    proposal,
    explanation: t("steering.report.doc.intro", { edition: edition.title, from: day(r.from), to: day(r.to) }),
    consultations: r.steps,
  });
  if (!paper.ok) return paper;
  const stored = (await getPaper(tx, paper.value.id))!;
  const data = await councilReportData(tx, {
    tenantName: opts.tenantName,
    edition,
    from: r.from,
    to: r.to,
    paper: {
      number: stored.number,
      title: stored.title,
      date: stored.submittedOn,
      leadOffice: stored.leadOffice,
      isPublic: stored.isPublic,
      kind: r.kind,
      proposal,
      steps: stored.consultations.map((c) => ({
        date: c.meetsOn,
        body: c.body + (c.bodyShort ? ` (${c.bodyShort})` : ""),
        competence: c.competence,
      })),
    },
  });
  const document = reportDocument(data, lang);
  const [docx, pdf] = [await documentDocx(document), await documentPdf(document, opts.tenantName)];
  const leitziele = leitzielStatuses(data);
  const [row] = await rows<{ id: string }>(
    tx,
    sql`INSERT INTO steering_council_reports (tenant_id, paper_id, paper_number, edition_id, edition_title, period_from,
          period_to, leitziele, created_by, created_by_label, docx, pdf)
        VALUES (app_tenant_id(), ${paper.value.id}, ${stored.number}, ${edition.id}, ${edition.title}, ${r.from}, ${r.to},
          ${JSON.stringify(leitziele)}::jsonb, app_user_id(),
          coalesce(nullif(current_setting('app.actor_label', true), ''), 'System'), ${docx}, ${pdf})
        RETURNING id`,
  );
  await audit(tx, {
    action: "create",
    entity: "steering_council_report",
    entityId: row.id,
    after: {
      paperId: paper.value.id,
      number: stored.number,
      from: r.from,
      to: r.to,
      editionId: edition.id,
      leitziele,
      docxBytes: docx.length,
      pdfBytes: pdf.length,
    },
  });
  return ok({ id: row.id, paperId: paper.value.id });
}

/** The tenant's reports, newest first, without their files. */
export function listCouncilReports(tx: Tx): Promise<CouncilReportHead[]> {
  return rows<CouncilReportHead>(
    tx,
    sql`SELECT id, paper_id AS "paperId", paper_number AS number, edition_title AS "editionTitle",
          period_from::text AS "from", period_to::text AS "to", to_json(created_at)#>>'{}' AS "createdAt",
          created_by_label AS "createdBy", leitziele
        FROM steering_council_reports ORDER BY created_at DESC, paper_number`,
  );
}

/** One stored file of a report, as it was generated; undefined for an unknown or foreign id. */
export async function councilReportFile(
  tx: Tx,
  id: string,
  format: "docx" | "pdf",
): Promise<{ number: string; bytes: Uint8Array } | undefined> {
  if (!z.uuid().safeParse(id).success) return undefined;
  const column = format === "pdf" ? sql`pdf` : sql`docx`;
  const [r] = await rows<{ number: string; bytes: Uint8Array }>(
    tx,
    sql`SELECT paper_number AS number, ${column} AS bytes FROM steering_council_reports WHERE id = ${id}`,
  );
  return r;
}
