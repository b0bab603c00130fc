/**
 * Compiling the partner network's state report (issue 15): the NRW demo's 28 partners, each with six
 * modules, a current period and a submitted report with one entry per module (about 600 characters
 * each), as DOCX and tagged PDF. Beside it, in the same run: reading the same rows with one SQL query,
 * and the kernel's documentDocx/documentPdf of a plain model of equal size (the same text as
 * paragraphs, without tables, fields or headings). Time (median) and the process's peak RSS.
 *   npx react-router build && npm run bench -- opening-state-report [rounds]   (vite-node: strings and fonts)
 */
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import { rows, withTenant } from "../app/kernel/db/context";
import type { Tx } from "../app/kernel/db/client";
import { documentDocx } from "../app/kernel/documents/docx";
import { documentPdf } from "../app/kernel/documents/pdf";
import type { Block, DocumentModel } from "../app/kernel/documents/model";
import {
  addModule,
  addPeriod,
  listPartners,
  reportForPeriod,
  saveEntry,
  stateReportData,
  stateReportDocument,
  submitReport,
} from "../app/modules/opening";
import { demoDatabase, documentLines as lines, pct } from "./support";

const ROUNDS = Number(process.argv[2] ?? 5);
const MODULES = 6;
const AS_OF = "2020-06-30";
const { db, tenantId } = await demoDatabase("nrw");
const inNrw = <T>(fn: (tx: Tx) => Promise<T>) =>
  withTenant(db, { tenantId, actor: { userId: null, label: "Benchmark" } }, fn);
const must = <T>(r: { ok: true; value: T } | { ok: false; error: { code: string } }): T => {
  if (!r.ok) throw new Error(r.error.code);
  return r.value;
};

const TEXT =
  "Im Berichtszeitraum wurden die Beschäftigten in Einführungsveranstaltungen, Beiträgen im Intranet und " +
  "Fortbildungen zur interkulturellen Öffnung informiert; die Zahl der Teilnehmenden stieg gegenüber dem Vorjahr. ";
await inNrw(async (tx) => {
  for (const p of await listPartners(tx, AS_OF)) {
    const period = must(
      await addPeriod(tx, { partnerId: p.id, startsOn: "2019-10-01", endsOn: "2020-09-30", dueOn: "2020-10-31" }),
    );
    const report = must(await reportForPeriod(tx, period.id));
    for (let i = 1; i <= MODULES; i++) {
      const mod = must(await addModule(tx, { partnerId: p.id, title: `Bench-Modul ${i}`, recurring: i % 2 === 0 }));
      must(
        await saveEntry(tx, {
          reportId: report.id,
          moduleId: mod.id,
          progress: TEXT.repeat(2),
          figures: [{ label: "Teilnehmende", value: String(10 * i) }],
          activities: TEXT,
          outlook: TEXT.slice(0, 120),
        }),
      );
    }
    must(await submitReport(tx, report.id));
  }
});

// The process's peak RSS before the first report: the build, PGlite and the whole demo in memory.
const baseRss = process.resourceUsage().maxRSS;

const plainModel = (d: DocumentModel): DocumentModel => ({
  ...d,
  blocks: lines(d).map((text): Block => ({ kind: "paragraph", text })),
});

const m: Record<string, number[]> = { data: [], sql: [], model: [], docx: [], pdf: [], plainDocx: [], plainPdf: [] };
const rss: Record<string, number> = {};
let sizes: Record<string, number> = {};
let model: DocumentModel | undefined;
let sqlRows = 0;
for (let round = 0; round <= ROUNDS; round++) {
  const time = async <T>(name: string, fn: () => Promise<T>) => {
    const t0 = performance.now();
    const r = await fn();
    if (round > 0) m[name].push(performance.now() - t0); // round 0 warms up
    rss[name] = Math.max(rss[name] ?? 0, process.resourceUsage().maxRSS);
    return r;
  };
  const data = await time("data", () => inNrw((tx) => stateReportData(tx, AS_OF, "Land Nordrhein-Westfalen")));
  sqlRows = (
    await time("sql", () =>
      inNrw((tx) =>
        rows(
          tx,
          sql`SELECT p.ordinal, p.name, p.joined_on, m.title, m.recurring, e.progress, e.figures, e.activities, e.outlook
              FROM opening_partners p
              LEFT JOIN opening_reporting_periods x ON x.partner_id = p.id AND x.starts_on <= ${AS_OF}::date
              LEFT JOIN opening_partner_reports r ON r.period_id = x.id AND r.status <> 'draft'
              LEFT JOIN opening_agreement_modules m ON m.partner_id = p.id
              LEFT JOIN opening_report_entries e ON e.report_id = r.id AND e.module_id = m.id
              ORDER BY p.ordinal, m.position`,
        ),
      ),
    )
  ).length;
  model = await time("model", async () => stateReportDocument(data));
  const plain = plainModel(model);
  const files = {
    docx: await time("docx", () => documentDocx(model!)),
    pdf: await time("pdf", () => documentPdf(model!, "Land Nordrhein-Westfalen")),
    plainDocx: await time("plainDocx", () => documentDocx(plain)),
    plainPdf: await time("plainPdf", () => documentPdf(plain, "Land Nordrhein-Westfalen")),
  };
  sizes = Object.fromEntries(Object.entries(files).map(([k, v]) => [k, v.length]));
}
const med = (k: string) => pct(m[k], 50);
const kb = (k: string) => `${Math.round(sizes[k] / 1024)} KB`;
const mb = (k: string) => `${Math.round(rss[k] / 1024)} MB`;
console.log(
  `Landesbericht NRW: 28 Partner × ${MODULES} Module (+ Demo-Module), ${lines(model!).length} Textzeilen, ${sqlRows} SQL-Zeilen, ${ROUNDS} Runden (Median in ms; Spitzen-RSS des Prozesses nach dem Schritt)`,
);
console.log(`  Spitzen-RSS vor dem ersten Bericht (Build, PGlite, alle Demodaten): ${Math.round(baseRss / 1024)} MB`);
console.log(
  `  Daten ${med("data").toFixed(1)}  Referenz: eine SQL-Abfrage derselben Zeilen ${med("sql").toFixed(1)}  → ${(med("data") / med("sql")).toFixed(1)}×`,
);
console.log(`  Modell ${med("model").toFixed(1)}`);
console.log(
  `  DOCX ${med("docx").toFixed(0)} (${kb("docx")}, ${mb("docx")})  Referenz: Kernel-DOCX desselben Texts als Absätze ${med("plainDocx").toFixed(0)} (${kb("plainDocx")})  → ${(med("docx") / med("plainDocx")).toFixed(1)}×`,
);
console.log(
  `  PDF  ${med("pdf").toFixed(0)} (${kb("pdf")}, ${mb("pdf")})  Referenz: Kernel-PDF desselben Texts als Absätze ${med("plainPdf").toFixed(0)} (${kb("plainPdf")})  → ${(med("pdf") / med("plainPdf")).toFixed(1)}×`,
);
await db.close();
