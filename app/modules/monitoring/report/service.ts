import "./strings";
import { z } from "zod";
import type { Tx } from "~/kernel/db/client";
import { fail, ok, type Result } from "~/kernel/errors";
import { documentDocx } from "~/kernel/documents/docx";
import { documentPdf } from "~/kernel/documents/pdf";
import { AREA_LEVELS } from "../shared";
import { listIndicators } from "../services/indicators";
import { indicatorsWithDataIn, monitoringReportData, reportLevels, reportYears } from "./data";
import { monitoringReportDocument } from "./model";

// The monitoring report of one period (issue 13, item 5; decision 0038): made on request from the
// values as published at that moment, not stored – unlike the council report it is no record that
// went to a body, and the data it shows can be had again at any time.

export const MonitoringReportInput = z.object({
  year: z.string().regex(/^\d{4}$/, "monitoring.report.errors.year"),
  /** Indicator codes; none means the default (public indicators with data in the year). */
  codes: z.array(z.string().min(1).max(100)).max(200).default([]),
  level: z.enum(AREA_LEVELS, "monitoring.report.errors.level").default("stadtteil"),
  format: z.enum(["pdf", "docx"], "monitoring.report.errors.format"),
});
export type MonitoringReportInput = z.input<typeof MonitoringReportInput>;

/** What the report page offers: years with values, area levels, indicators and which are preselected. */
export async function reportChoices(tx: Tx, year?: string) {
  const years = await reportYears(tx);
  const chosen = year && years.includes(year) ? year : (years[0] ?? "");
  const indicators = await listIndicators(tx);
  const withData = chosen ? await indicatorsWithDataIn(tx, indicators, chosen) : new Set<string>();
  const levels = await reportLevels(tx);
  return {
    years,
    year: chosen,
    levels,
    level: levels.includes("stadtteil") ? "stadtteil" : (levels[levels.length - 1] ?? "stadtteil"),
    indicators: indicators.map((i) => ({
      code: i.code,
      name: i.name,
      coreSet: i.coreSet,
      isPublic: i.isPublic,
      hasData: withData.has(i.code),
    })),
    defaults: indicators.filter((i) => i.isPublic && withData.has(i.code)).map((i) => i.code),
  };
}

/** The report as a file. Refuses a year without values, an unknown indicator code and an empty choice. */
export async function makeMonitoringReport(
  tx: Tx,
  input: MonitoringReportInput,
  opts: { tenantName: string; lang?: string },
): Promise<Result<{ bytes: Buffer; fileName: string; contentType: string }>> {
  const r = MonitoringReportInput.parse(input);
  const choices = await reportChoices(tx, r.year);
  if (choices.year !== r.year) return fail("monitoring.report.errors.year", "year");
  if (!choices.levels.includes(r.level)) return fail("monitoring.report.errors.level", "level");
  const known = new Set(choices.indicators.map((i) => i.code));
  const unknown = r.codes.find((c) => !known.has(c));
  if (unknown) return fail("monitoring.report.errors.unknownIndicator", "codes", { code: unknown });
  const codes = r.codes.length ? r.codes : choices.defaults;
  if (!codes.length) return fail("monitoring.report.errors.indicators", "codes");
  const data = await monitoringReportData(tx, { tenantName: opts.tenantName, year: r.year, codes, level: r.level });
  const document = monitoringReportDocument(data, opts.lang ?? "de");
  const bytes = r.format === "pdf" ? await documentPdf(document, opts.tenantName) : await documentDocx(document);
  return ok({
    bytes,
    fileName: `monitoringbericht-${r.year}-${r.level}.${r.format}`,
    contentType:
      r.format === "pdf"
        ? "application/pdf"
        : "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  });
}
