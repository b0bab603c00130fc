import ExcelJS from "exceljs";
import type { Tx } from "~/kernel/db/client";
import { csvResponse, csvValueText, toCsv, type CsvColumn, type CsvValue } from "~/kernel/csv";
import { todayBerlin } from "~/kernel/dates";
import { audit } from "~/kernel/audit/service";
import { MEASURE_STATUS_LABEL } from "../constants";
import { listHandlungsfelder } from "./concept";
import { listMeasures, type MeasureFilter } from "./measures";

// The measure catalogue as a file (CSV or XLSX): what the measure list and the controlling page offer
// for download and what the import (transfer.ts) reads back. Kept apart from the import so that the
// module's public entry can offer it without the upload parser.

/** The catalogue's columns, in German as Excel users read them; the import expects exactly these headers. */
export const COLUMNS = [
  "Kennung",
  "Titel",
  "Beschreibung",
  "Ziele",
  "Handlungsfelder",
  "Federführung",
  "Partner",
  "Zielgruppen",
  "Beginn",
  "Ende",
  "Quantitatives Ziel",
  "Budget (EUR)",
  "Status",
  "Fortschritt (%)",
  "Interne Notiz",
] as const;
export const SEP = " | ";

/** Column types for the CSV writer: dates as TT.MM.JJJJ, the budget with two decimals. */
export const CSV_COLUMNS: CsvColumn[] = COLUMNS.map((header) =>
  header === "Beginn" || header === "Ende"
    ? { header, type: "date" }
    : header === "Budget (EUR)"
      ? { header, type: "number", decimals: 2 }
      : { header },
);

/**
 * One row per measure the filter selects (a whole edition: `{ editionId }`), typed (numbers as numbers,
 * dates as ISO), in column order.
 */
export async function exportRecords(tx: Tx, filter: MeasureFilter): Promise<CsvValue[][]> {
  const [items, hfs] = await Promise.all([listMeasures(tx, filter), listHandlungsfelder(tx)]);
  const hfName = new Map(hfs.map((h) => [h.id, h.name]));
  const hfPos = new Map(hfs.map((h, i) => [h.id, i]));
  return items.map((m) => [
    m.code,
    m.title,
    m.description ?? "",
    m.goalRefs.join(SEP),
    [...m.handlungsfeldIds]
      .sort((a, b) => hfPos.get(a)! - hfPos.get(b)!)
      .map((h) => hfName.get(h)!)
      .join(SEP),
    m.lead?.name ?? "",
    m.partners
      .map((p) => p.name)
      .sort()
      .join(SEP),
    m.targetGroups ?? "",
    m.startsOn,
    m.endsOn,
    m.quantitativeTarget ?? "",
    m.budget,
    MEASURE_STATUS_LABEL[m.status],
    m.progress,
    m.internalNote ?? "",
  ]);
}

/** The rows as an import reads them back from our CSV (German, apostrophes removed): to spot unchanged rows. */
export async function exportRows(tx: Tx, editionId: string): Promise<string[][]> {
  return (await exportRecords(tx, { editionId })).map((r) =>
    r.map((v, i) => csvValueText(v, CSV_COLUMNS[i], "de").text),
  );
}

/** German Excel CSV (kernel writer); round-trips through readFile. */
export function catalogueCsv(records: CsvValue[][]): string {
  return toCsv({ columns: CSV_COLUMNS, rows: records }, "de");
}

export async function toXlsx(records: CsvValue[][], title: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  // Fixed metadata so that two exports of the same data differ only in the zip's own timestamps.
  wb.creator = "Teilhabe";
  wb.created = new Date("2000-01-01T00:00:00Z");
  wb.modified = wb.created;
  const ws = wb.addWorksheet("Maßnahmen");
  ws.addRow([...COLUMNS]);
  ws.getRow(1).font = { bold: true };
  for (const r of records) {
    // Numbers stay numbers, dates are German text as the import expects them.
    const row = ws.addRow(
      r.map((v, i) => (typeof v === "number" ? v : csvValueText(v, CSV_COLUMNS[i], "de").text || null)),
    );
    row.getCell(12).numFmt = "#,##0.00";
  }
  ws.columns.forEach((c, i) => {
    c.width = [12, 50, 60, 20, 40, 40, 40, 30, 12, 12, 30, 14, 16, 12, 30][i];
  });
  ws.views = [{ state: "frozen", ySplit: 1 }];
  wb.title = title;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * The catalogue file of the measures a filter selects: what the measure list and the controlling page
 * offer for download, so both write the same file that the import reads back. Logged with the query
 * the download came with.
 */
export async function catalogueFile(
  tx: Tx,
  edition: { id: string; title: string },
  filter: MeasureFilter,
  format: "csv" | "xlsx",
  query: string,
): Promise<string | Uint8Array<ArrayBuffer>> {
  const records = await exportRecords(tx, filter);
  await audit(tx, {
    action: "export",
    entity: "concept_measure",
    entityId: edition.id,
    after: { format, rows: records.length, query },
  });
  return format === "csv" ? catalogueCsv(records) : new Uint8Array(await toXlsx(records, edition.title));
}

/** The download of a catalogue file, named after the tenant and the day. */
export function catalogueResponse(
  body: string | Uint8Array<ArrayBuffer>,
  format: "csv" | "xlsx",
  slug: string,
): Response {
  const name = `massnahmen-${slug}-${todayBerlin()}`;
  if (typeof body === "string") return csvResponse(body, `${name}.csv`);
  return new Response(body, {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="${name}.xlsx"`,
    },
  });
}
