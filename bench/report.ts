/**
 * Generating the monitoring report (Köln demo data: every public indicator with data, Stadtteile, the
 * newest year) as tagged PDF/UA and DOCX, beside references made in the same run from the very same
 * text: pdfkit setting every line of the document untagged, with the same embedded font, without
 * tables, maps or charts; and docx writing one paragraph per line. The ratio is what layout, tagging,
 * tables and maps cost over setting the text.
 *   npx react-router build && SHARED_DATA_DIR=/work/shared/data npm run bench -- report [rounds]   (vite-node: the fonts are ?inline imports)
 */
import { performance } from "node:perf_hooks";
import PDFDocument from "pdfkit";
import { Document, Packer, Paragraph } from "docx";
import { withTenant } from "../app/kernel/db/context";
import { demoDatabase, documentLines as lines, pct } from "./support";
import { documentDocx } from "../app/kernel/documents/docx";
import { documentPdf } from "../app/kernel/documents/pdf";
import type { DocumentModel } from "../app/kernel/documents/model";
import { REGULAR } from "../app/kernel/documents/fonts";
import { monitoringReportModel } from "../app/modules/monitoring";

if (!process.env.SHARED_DATA_DIR) throw new Error("SHARED_DATA_DIR (mit koeln/) fehlt");
const ROUNDS = Number(process.argv[2] ?? 5);
const { db, tenantId } = await demoDatabase("koeln");
const inKoeln = <T>(fn: Parameters<typeof withTenant<T>>[2]) =>
  withTenant(db, { tenantId, actor: { userId: null, label: "Benchmark" } }, fn);

const report = () => inKoeln((tx) => monitoringReportModel(tx, { tenantName: "Stadt Köln" }));
const first = await report();
if (!first) throw new Error("Köln hat keine Werte – SHARED_DATA_DIR prüfen");

function plainPdf(text: string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: "A4" });
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
    doc.registerFont("regular", REGULAR);
    doc.font("regular").fontSize(10);
    for (const l of text) doc.text(l);
    doc.end();
  });
}
const plainDocx = (text: string[]) =>
  Packer.toBuffer(new Document({ sections: [{ children: text.map((l) => new Paragraph(l)) }] }));

const m: Record<string, number[]> = { data: [], pdf: [], docx: [], plainPdf: [], plainDocx: [] };
let sizes: Record<string, number> = {};
let model: DocumentModel | undefined;
for (let round = 0; round <= ROUNDS; round++) {
  const time = async <T>(name: string, fn: () => Promise<T>) => {
    const t0 = performance.now();
    const r = await fn();
    if (round > 0) m[name].push(performance.now() - t0); // round 0 warms up
    return r;
  };
  model = (await time("data", report))!.model;
  const text = lines(model);
  const files = {
    pdf: await time("pdf", () => documentPdf(model!, "Stadt Köln")),
    docx: await time("docx", () => documentDocx(model!)),
    plainPdf: await time("plainPdf", () => plainPdf(text)),
    plainDocx: await time("plainDocx", () => plainDocx(text)),
  };
  sizes = Object.fromEntries(Object.entries(files).map(([k, v]) => [k, v.length]));
}
const med = (k: string) => pct(m[k], 50);
const kb = (k: string) => `${Math.round(sizes[k] / 1024)} KB`;
console.log(
  `Monitoringbericht Köln ${first.year}: ${first.codes.length} Indikatoren × Stadtteile, ${lines(model!).length} Textzeilen, ${ROUNDS} Runden (Median in ms)`,
);
console.log(`  Daten (disclosure, Werte, Karten)  ${med("data").toFixed(0)}`);
console.log(
  `  PDF/UA ${med("pdf").toFixed(0)} (${kb("pdf")})  Referenz: derselbe Text, ungetaggt ${med("plainPdf").toFixed(0)} (${kb("plainPdf")})  → ${(med("pdf") / med("plainPdf")).toFixed(1)}×`,
);
console.log(
  `  DOCX   ${med("docx").toFixed(0)} (${kb("docx")})  Referenz: derselbe Text, Absätze ${med("plainDocx").toFixed(0)} (${kb("plainDocx")})  → ${(med("docx") / med("plainDocx")).toFixed(1)}×`,
);
await db.close();
