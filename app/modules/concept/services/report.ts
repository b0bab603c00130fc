import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  Packer,
  PageBreak,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import PDFDocument from "pdfkit";
import type { Tx } from "~/kernel/db/client";
import { MEASURE_STATUS_LABEL } from "../constants";
import { listHandlungsfelder, loadGoals, type Edition } from "./concept";
import { germanDate, listMeasures } from "./measures";
import { todayBerlin } from "~/kernel/dates";
import { getPaper, listPapers } from "~/modules/bodies";

const COMPETENCE_LABEL = { kenntnisnahme: "Kenntnisnahme", vorberatung: "Vorberatung", entscheidung: "Entscheidung" };

export interface ReportData {
  tenantName: string;
  edition: { title: string; status: string; adoptedOn: string | null; adoptedBy: string | null };
  vorlage: {
    number: string;
    title: string;
    date: string;
    status: string;
    leadOffice: string;
    involvedOffices: string | null;
    steps: { date: string; body: string; competence: string }[];
    proposal: string;
    financialImpact: string;
    explanation: string;
    attachments: string[];
  };
  measures: {
    code: string;
    title: string;
    goals: string;
    handlungsfelder: string;
    lead: string;
    status: string;
    progress: number;
    lastUpdate: string;
  }[];
  byStatus: { status: string; count: number }[];
}

/**
 * Collects what a Sachstandsbericht shows: the header of the Vorlage it goes with (the one linked
 * to the edition, newest first), the Beratungsfolge, and every measure of the edition as Anlage.
 */
export async function reportData(
  tx: Tx,
  tenantName: string,
  edition: Edition,
  submissionId?: string | null,
): Promise<ReportData> {
  const subs = await listPapers(tx);
  const chosen =
    (submissionId && subs.find((s) => s.id === submissionId)) ||
    subs.find((s) => s.editionId === edition.id) ||
    subs[0];
  const sub = chosen ? await getPaper(tx, chosen.id) : undefined;
  const [items, hfs] = await Promise.all([
    listMeasures(tx, { editionId: edition.id }),
    listHandlungsfelder(tx),
    loadGoals(tx, edition.id),
  ]);
  const hfName = new Map(hfs.map((h) => [h.id, h.shortName]));
  const counts = new Map<string, number>();
  for (const m of items) counts.set(m.status, (counts.get(m.status) ?? 0) + 1);
  const intro =
    `Der Sachstand der Umsetzung des Integrationskonzepts „${edition.title}“ umfasst ${items.length} Maßnahmen. ` +
    [...counts].map(([s, n]) => `${n} ${MEASURE_STATUS_LABEL[s as keyof typeof MEASURE_STATUS_LABEL]}`).join(", ") +
    ". Die Übersicht aller Maßnahmen ist als Anlage beigefügt.";
  return {
    tenantName,
    edition: {
      title: edition.title,
      status: edition.status,
      adoptedOn: edition.adoptedOn,
      adoptedBy: edition.adoptedBy,
    },
    vorlage: {
      number: sub?.number ?? "(ohne Vorlagen-Nummer)",
      title: sub ? sub.title : `Sachstand der Umsetzung des Integrationskonzepts`,
      date: germanDate(sub?.submittedOn ?? todayBerlin()),
      status: sub && !sub.isPublic ? "nichtöffentlich" : "öffentlich",
      leadOffice: sub?.leadOffice ?? "",
      involvedOffices: sub?.involvedOffices ?? null,
      steps: (sub?.consultations ?? []).map((s) => ({
        date: germanDate(s.meetsOn),
        body: (s.bodyName ?? s.body) + (s.bodyShort ? ` (${s.bodyShort})` : ""),
        competence: COMPETENCE_LABEL[s.competence],
      })),
      proposal:
        sub?.proposal ?? "Die Gremien nehmen den Sachstand der Umsetzung des Integrationskonzepts zur Kenntnis.",
      financialImpact: sub?.financialImpact ?? "Keine.",
      explanation: [intro, sub?.explanation].filter(Boolean).join("\n\n"),
      attachments: [...(sub?.attachments ?? []), "Anlage: Stand der Umsetzung der Maßnahmen"],
    },
    measures: items.map((m) => ({
      code: m.code,
      title: m.title,
      goals: m.goalRefs.join(", "),
      handlungsfelder: m.handlungsfeldIds.map((h) => hfName.get(h)).join(", "),
      lead: m.lead?.name ?? "–",
      status: MEASURE_STATUS_LABEL[m.status] + (m.exampleNote ? " (Beispiel)" : ""),
      progress: m.progress,
      lastUpdate: germanDate(m.lastUpdate) || "–",
    })),
    byStatus: [...counts].map(([status, count]) => ({
      status: MEASURE_STATUS_LABEL[status as keyof typeof MEASURE_STATUS_LABEL],
      count,
    })),
  };
}

const cell = (text: string, bold = false) =>
  new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold })] })] });
const paragraphs = (text: string) =>
  text.split(/\n\n+/).map((p) => new Paragraph({ children: [new TextRun(p)], spacing: { after: 120 } }));

/** An editable Word document laid out like a council Vorlage. */
export async function reportDocx(d: ReportData): Promise<Buffer> {
  const v = d.vorlage;
  const head = (label: string, value: string) => new TableRow({ children: [cell(label, true), cell(value)] });
  const noBorder = { style: BorderStyle.NONE, size: 0, color: "FFFFFF" };
  const doc = new Document({
    creator: "Teilhabe",
    title: `Sachstandsbericht ${v.number}`,
    description: d.edition.title,
    styles: { default: { document: { run: { font: "Arial", size: 22 } } } },
    sections: [
      {
        children: [
          new Paragraph({ children: [new TextRun({ text: d.tenantName, bold: true })] }),
          new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun("Vorlage")] }),
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            borders: {
              top: noBorder,
              bottom: noBorder,
              left: noBorder,
              right: noBorder,
              insideHorizontal: noBorder,
              insideVertical: noBorder,
            },
            rows: [
              head("Federführende Dienststelle:", v.leadOffice),
              head("Beteiligte Dienststelle/n:", v.involvedOffices ?? ""),
              head("Vorlage-Nr.:", v.number),
              head("Status:", v.status),
              head("Datum:", v.date),
            ],
          }),
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(v.title)] }),
          new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun("Beratungsfolge:")] }),
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            rows: [
              new TableRow({
                tableHeader: true,
                children: [cell("Datum", true), cell("Gremium", true), cell("Kompetenz", true)],
              }),
              ...v.steps.map((s) => new TableRow({ children: [cell(s.date), cell(s.body), cell(s.competence)] })),
            ],
          }),
          new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun("Beschlussvorschlag:")] }),
          ...paragraphs(v.proposal),
          new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun("Finanzielle Auswirkungen:")] }),
          ...paragraphs(v.financialImpact),
          new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun("Erläuterungen:")] }),
          ...paragraphs(v.explanation),
          new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun("Anlagen:")] }),
          ...v.attachments.map((a) => new Paragraph({ children: [new TextRun(a)], bullet: { level: 0 } })),
          new Paragraph({ children: [new PageBreak()] }),
          new Paragraph({
            heading: HeadingLevel.HEADING_1,
            children: [new TextRun("Anlage: Stand der Umsetzung der Maßnahmen")],
          }),
          new Paragraph({
            children: [
              new TextRun(
                `${d.edition.title}${d.edition.adoptedOn ? `, beschlossen am ${germanDate(d.edition.adoptedOn)} (${d.edition.adoptedBy ?? ""})` : ""}`,
              ),
            ],
          }),
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            rows: [
              new TableRow({
                tableHeader: true,
                children: [
                  "Kennung",
                  "Maßnahme",
                  "Ziele",
                  "Handlungsfelder",
                  "Federführung",
                  "Status",
                  "Fortschritt",
                  "Letzter Bericht",
                ].map((h) => cell(h, true)),
              }),
              ...d.measures.map(
                (m) =>
                  new TableRow({
                    children: [
                      cell(m.code),
                      cell(m.title),
                      cell(m.goals),
                      cell(m.handlungsfelder),
                      cell(m.lead),
                      cell(m.status),
                      cell(`${m.progress} %`),
                      cell(m.lastUpdate),
                    ],
                  }),
              ),
            ],
          }),
          new Paragraph({
            alignment: AlignmentType.RIGHT,
            children: [new TextRun({ text: "Erstellt mit Teilhabe", italics: true, size: 16 })],
          }),
        ],
      },
    ],
  });
  return Buffer.from(await Packer.toBuffer(doc));
}

/** The same content as a PDF; measures are blocks rather than a wide table so text stays in reading order. */
export function reportPdf(d: ReportData): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: "A4",
      margin: 56,
      info: { Title: `Sachstandsbericht ${d.vorlage.number}`, Author: "Teilhabe" },
    });
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
    const v = d.vorlage;
    const h = (text: string, size = 13) => {
      doc.moveDown(0.6);
      doc.font("Helvetica-Bold").fontSize(size).text(text);
      doc.font("Helvetica").fontSize(10);
    };
    doc.font("Helvetica-Bold").fontSize(11).text(d.tenantName);
    doc.fontSize(18).text("Vorlage");
    doc.font("Helvetica").fontSize(10);
    for (const [k, val] of [
      ["Federführende Dienststelle:", v.leadOffice],
      ["Beteiligte Dienststelle/n:", v.involvedOffices ?? ""],
      ["Vorlage-Nr.:", v.number],
      ["Status:", v.status],
      ["Datum:", v.date],
    ]) {
      doc.font("Helvetica-Bold").text(k, { continued: true }).font("Helvetica").text(` ${val}`);
    }
    h(v.title, 14);
    h("Beratungsfolge:");
    for (const s of v.steps) doc.text(`${s.date} · ${s.body} · ${s.competence}`);
    h("Beschlussvorschlag:");
    doc.text(v.proposal);
    h("Finanzielle Auswirkungen:");
    doc.text(v.financialImpact);
    h("Erläuterungen:");
    doc.text(v.explanation);
    h("Anlagen:");
    for (const a of v.attachments) doc.text(`• ${a}`);
    doc.addPage();
    h("Anlage: Stand der Umsetzung der Maßnahmen", 14);
    doc.text(d.edition.title);
    for (const m of d.measures) {
      doc.moveDown(0.5);
      doc.font("Helvetica-Bold").text(`${m.code}  ${m.title}`);
      doc
        .font("Helvetica")
        .text(
          `Ziele: ${m.goals} · Handlungsfelder: ${m.handlungsfelder} · Federführung: ${m.lead} · Status: ${m.status} · Fortschritt: ${m.progress} % · Letzter Bericht: ${m.lastUpdate}`,
        );
    }
    doc.end();
  });
}
