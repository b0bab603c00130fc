import { eq, lt, sql } from "drizzle-orm";
import type { Tx } from "~/kernel/db/client";
import { issueCode, ServiceError, type ErrorCode, type ErrorParams } from "~/kernel/errors";
import type { TableRow } from "~/kernel/parsing/limits";
import { parseInWorker } from "~/kernel/parsing/run";
import { isZip } from "~/kernel/parsing/zip";
import { listOrganisations } from "~/kernel/organisations/service";
import { MEASURE_STATUSES, MEASURE_STATUS_LABEL, MEASURE_TRANSITIONS, type MeasureStatus } from "../constants";
import { getEdition, listHandlungsfelder, loadGoals } from "./concept";
import { COLUMNS, exportRows } from "./catalogue";
import { importStaged } from "../schema";
import { changeMeasureStatus, createMeasure, listMeasures, MeasureInput, updateMeasure } from "./measures";

export const MAX_IMPORT_ROWS = 5000;
// A defused cell starts with an apostrophe that Excel hides; the import removes it again.
const FORMULA = /^[=+\-@\t\r]/;
const unguard = (s: string) => (s.startsWith("'") && FORMULA.test(s.slice(1)) ? s.slice(1) : s);

/** One problem of an import file as an error code; `inRow` ones read "Zeile N: …" (`line` 0: the whole file). */
export type RowError = ErrorCode & { line: number; inRow?: boolean };
export type ParsedFile =
  { ok: true; header: string[]; rows: { line: number; cells: string[] }[] } | { ok: false; errors: RowError[] };

// The kernel parser's refusals that this import words in its own way.
const OWN_CODES: Record<string, string> = {
  "upload.format.notUtf8": "concept.importErrors.notUtf8",
  "upload.format.xlsx": "concept.importErrors.xlsxUnreadable",
  "upload.format.zip": "concept.importErrors.xlsxUnreadable",
  "upload.format.noSheet": "concept.importErrors.noSheet",
  "upload.format.csv": "concept.importErrors.csvBroken",
};

/**
 * Reads a catalogue file in the kernel's parser worker, within the upload limits (UPLOAD_MAX_*);
 * the size limit (UPLOAD_MAX_MB) is checked where the bytes arrive, before they are read.
 */
export async function readFile(name: string, bytes: Buffer): Promise<ParsedFile> {
  const lower = name.toLowerCase();
  const type = lower.endsWith(".xlsx") ? "xlsx" : lower.endsWith(".csv") ? "csv" : null;
  if (!type) return { ok: false, errors: [{ line: 0, code: "concept.importErrors.fileType" }] };
  if (type === "xlsx" && !isZip(bytes))
    return { ok: false, errors: [{ line: 0, code: "concept.importErrors.notXlsx" }] };
  let parsed;
  try {
    parsed = await parseInWorker({
      kind: "table",
      bytes,
      options: { type, delimiter: ";", encoding: "utf-8", trim: false, dates: "de" },
    });
  } catch (e) {
    if (!(e instanceof ServiceError)) throw e;
    const code = OWN_CODES[e.code] ?? e.code;
    return { ok: false, errors: [e.params ? { line: 0, code, params: e.params } : { line: 0, code }] };
  }
  // CSV cells come back defused by our export (a leading apostrophe); Excel keeps its own cells.
  const plain = type === "csv" ? unguard : (x: string) => x;
  const all = parsed.chunks.flatMap((c) => JSON.parse(c) as TableRow[]);
  const first = all[0]?.[0] === 1 ? all[0][1] : [];
  const header = first.map((h) => plain(h).trim());
  const missing = COLUMNS.filter((c, i) => header[i] !== c);
  if (missing.length)
    return {
      ok: false,
      errors: [{ line: 1, code: "concept.importErrors.header", params: { columns: COLUMNS.join("; ") } }],
    };
  const rows = all
    .filter(([line]) => line > 1)
    .map(([line, cells]) => ({ line, cells: COLUMNS.map((_, k) => plain(cells[k] ?? "").trim()) }))
    .filter((r) => r.cells.some((c) => c !== ""));
  if (rows.length > MAX_IMPORT_ROWS)
    return {
      ok: false,
      errors: [{ line: 0, code: "concept.importErrors.tooManyRows", params: { max: MAX_IMPORT_ROWS } }],
    };
  return { ok: true, header, rows };
}

export interface PlannedRow {
  line: number;
  code: string;
  title: string;
  action: "neu" | "ändern" | "unverändert";
  status: MeasureStatus;
  input: MeasureInput;
  existingId?: string;
}

const parseDeDate = (s: string): string | null | undefined => {
  if (!s) return null;
  const m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s);
  return m
    ? `${m[3]}-${m[2].padStart(2, "0")}-${m[1].padStart(2, "0")}`
    : /^\d{4}-\d{2}-\d{2}$/.test(s)
      ? s
      : undefined;
};
const parseDeNumber = (s: string): number | null | undefined => {
  if (!s) return null;
  const t = s.replace(/\s|€/g, "");
  if (/^\d+(\.\d+)?$/.test(t) && !t.includes(",")) return Number(t); // from an XLSX number cell
  if (!/^\d{1,3}(\.\d{3})*(,\d+)?$|^\d+(,\d+)?$/.test(t)) return undefined;
  return Number(t.replace(/\./g, "").replace(",", "."));
};

/** Checks every row against the edition's goals, the Handlungsfelder and the organisations; changes nothing. */
export async function planImport(
  tx: Tx,
  editionId: string,
  file: Extract<ParsedFile, { ok: true }>,
): Promise<{ rows: PlannedRow[]; errors: RowError[] }> {
  const [goalsOf, hfs, orgs, existing] = await Promise.all([
    loadGoals(tx, editionId),
    listHandlungsfelder(tx),
    listOrganisations(tx),
    listMeasures(tx, { editionId }),
  ]);
  const goalByRef = new Map(goalsOf.filter((g) => g.kind !== "themenfeld").map((g) => [g.ref, g.id]));
  const hfByName = new Map(hfs.map((h) => [h.name.toLowerCase(), h.id]));
  const orgByName = new Map(orgs.map((o) => [o.name.toLowerCase(), o.id]));
  const existingByCode = new Map(existing.map((m) => [m.code, m]));
  const statusByLabel = new Map(MEASURE_STATUSES.map((s) => [MEASURE_STATUS_LABEL[s].toLowerCase(), s]));
  const current = new Map((await exportRows(tx, editionId)).map((r) => [r[0], r.join("\u0000")]));
  const errors: RowError[] = [],
    rows: PlannedRow[] = [];
  const seen = new Set<string>();
  const split = (s: string) =>
    s
      .split("|")
      .map((x) => x.trim())
      .filter(Boolean);
  for (const { line, cells } of file.rows) {
    const [
      code,
      title,
      description,
      goalsCell,
      hfCell,
      lead,
      partners,
      targetGroups,
      begin,
      end,
      target,
      budgetCell,
      statusCell,
      progressCell,
      note,
    ] = cells;
    const err = (code: string, params?: ErrorParams) => errors.push({ line, inRow: true, code, params });
    const before = errors.length;
    if (code && seen.has(code)) err("concept.importErrors.duplicateCode", { code });
    seen.add(code);
    const goalIds: string[] = [];
    for (const ref of split(goalsCell)) {
      const g = goalByRef.get(ref);
      if (g) goalIds.push(g);
      else err("concept.importErrors.unknownGoal", { ref });
    }
    const hfIds: string[] = [];
    for (const name of split(hfCell)) {
      const h = hfByName.get(name.toLowerCase());
      if (h) hfIds.push(h);
      else err("concept.importErrors.unknownHandlungsfeld", { name, allowed: hfs.map((x) => x.name).join(", ") });
    }
    const leadId = lead ? orgByName.get(lead.toLowerCase()) : null;
    if (lead && !leadId) err("concept.importErrors.unknownLead", { name: lead });
    const partnerIds: string[] = [];
    for (const p of split(partners)) {
      const o = orgByName.get(p.toLowerCase());
      if (o) partnerIds.push(o);
      else err("concept.importErrors.unknownPartner", { name: p });
    }
    const startsOn = parseDeDate(begin),
      endsOn = parseDeDate(end);
    if (startsOn === undefined) err("concept.importErrors.badStart", { value: begin });
    if (endsOn === undefined) err("concept.importErrors.badEnd", { value: end });
    const budget = parseDeNumber(budgetCell);
    if (budget === undefined) err("concept.importErrors.badBudget", { value: budgetCell });
    const status = statusCell ? statusByLabel.get(statusCell.toLowerCase()) : "vorgeschlagen";
    if (!status)
      err("concept.importErrors.unknownStatus", {
        value: statusCell,
        allowed: MEASURE_STATUSES.map((s) => MEASURE_STATUS_LABEL[s]).join(", "),
      });
    const progress = progressCell === "" ? 0 : Number(progressCell.replace(",", "."));
    const parsed = MeasureInput.safeParse({
      code,
      title,
      description: description || null,
      targetGroups: targetGroups || null,
      startsOn: startsOn ?? null,
      endsOn: endsOn ?? null,
      quantitativeTarget: target || null,
      budget: budget ?? null,
      progress,
      goalIds,
      handlungsfeldIds: hfIds,
      leadOrganisationId: leadId ?? null,
      partnerOrganisationIds: partnerIds,
      internalNote: note || null,
    });
    if (!parsed.success)
      for (const i of parsed.error.issues)
        if (!(i.path[0] === "goalIds" && split(goalsCell).length)) {
          const c = issueCode(i);
          err(c.code, c.params);
        }
    const prev = existingByCode.get(code);
    if (prev && status && prev.status !== status && !MEASURE_TRANSITIONS[prev.status].includes(status)) {
      err("concept.errors.statusTransition", { from: prev.status, to: status });
    }
    if (errors.length === before && parsed.success && status) {
      rows.push({
        line,
        code,
        title,
        status,
        input: parsed.data,
        existingId: prev?.id,
        action: !prev ? "neu" : current.get(code) === cells.join("\u0000") ? "unverändert" : "ändern",
      });
    }
  }
  if (!file.rows.length) errors.push({ line: 0, code: "concept.importErrors.empty" });
  return { rows, errors };
}

/** Stops applyImport (and so rolls back the transaction) with the row that failed. */
class ImportAbort extends Error {
  constructor(public row: RowError) {
    super(row.code);
  }
}

/** Applies a plan in the caller's transaction; any failure rolls the whole import back. */
export async function applyImport(tx: Tx, editionId: string, plan: PlannedRow[]): Promise<number> {
  const e = await getEdition(tx, editionId);
  if (!e) throw new ImportAbort({ line: 0, code: "concept.errors.editionNotFound" });
  let n = 0;
  for (const r of plan) {
    if (r.action === "unverändert") continue;
    if (r.existingId) {
      const u = await updateMeasure(tx, r.existingId, r.input);
      if (!u.ok) throw new ImportAbort({ line: r.line, inRow: true, ...u.error });
      if (u.value.status !== r.status) {
        const s = await changeMeasureStatus(tx, r.existingId, r.status, "Import aus Datei");
        if (!s.ok) throw new ImportAbort({ line: r.line, inRow: true, ...s.error });
      }
    } else {
      const c = await createMeasure(tx, editionId, r.input, { status: r.status, reason: "Import aus Datei" });
      if (!c.ok) throw new ImportAbort({ line: r.line, inRow: true, ...c.error });
    }
    n++;
  }
  return n;
}
export { ImportAbort };

// A checked file waits in the database between preview and confirmation (decision 0010): the
// confirmation then carries only its id, and several app instances can serve the two steps.

/** Keeps a checked file for its confirmation; returns the id the confirmation carries. */
export async function stageImport(tx: Tx, fileName: string, file: ParsedFile): Promise<string> {
  // Stale checks are cleared whenever a new file is checked.
  await tx.delete(importStaged).where(lt(importStaged.createdAt, sql`now() - interval '1 day'`));
  const [st] = await tx
    .insert(importStaged)
    .values({
      tenantId: sql`app_tenant_id()` as unknown as string,
      fileName: fileName.slice(0, 200),
      parsed: JSON.stringify(file),
    })
    .returning({ id: importStaged.id });
  return st.id;
}

/** The file checked before under this id; undefined when it is gone or the id is malformed. */
export async function stagedImport(tx: Tx, id: string): Promise<{ fileName: string; file: ParsedFile } | undefined> {
  if (!/^[0-9a-f-]{36}$/.test(id)) return undefined;
  const [row] = await tx.select().from(importStaged).where(eq(importStaged.id, id));
  return row && { fileName: row.fileName, file: JSON.parse(row.parsed) as ParsedFile };
}

export async function dropStagedImport(tx: Tx, id: string): Promise<void> {
  await tx.delete(importStaged).where(eq(importStaged.id, id));
}
