import { createHash } from "node:crypto";
import { and, count, desc, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "~/kernel/db/client";
import { rows } from "~/kernel/db/context";
import { audit } from "~/kernel/audit/service";
import { monImportProfiles, monImports } from "../schema";
import { AREA_LEVELS } from "../shared";
import { AreaMatcher, AreaProfile, listAreas } from "./areas";
import { listIndicators } from "./indicators";
import { issueText, type ErrorCode, type ErrorParams } from "~/kernel/errors";
import { getT } from "~/kernel/i18n";
import { openTable, parseNumber, TabularError, type Detected, type FormatOptions, type Table } from "./tabular";
import { isIsoDate } from "~/kernel/dates";

const Col = z.string().trim().min(1, "monitoring.importErrors.columnNameMissing");
const Format = z
  .object({
    encoding: z.enum(["auto", "utf-8", "windows-1252"]).default("auto"),
    delimiter: z.enum(["auto", ",", ";", "\t", "|"]).default("auto"),
    decimal: z.enum(["auto", ",", "."]).default("auto"),
    headerRow: z.union([z.literal("auto"), z.number().int().min(1).max(1000)]).default("auto"),
    sheet: z.string().optional(),
  })
  .default({ encoding: "auto", delimiter: "auto", decimal: "auto", headerRow: "auto" });
const Target = z.object({
  indicator: z.string().regex(/^[a-z][a-z0-9_]{1,62}$/, "monitoring.errors.indicatorCode"),
  group: z.string().min(1).max(60).default("gesamt"),
});

export const ObservationProfile = z
  .object({
    kind: z.literal("observations"),
    name: z.string().trim().min(2, "Der Profilname ist zu kurz").max(100),
    description: z.string().max(2000).optional(),
    format: Format,
    layout: z.enum(["long", "wide"]),
    area: z.object({ column: Col, nameColumn: Col.optional(), level: z.enum(AREA_LEVELS).optional() }),
    period: z
      .object({ column: Col.optional(), fixed: z.string().optional() })
      .refine((p) => !!p.column !== !!p.fixed, "Zeitraum: entweder eine Spalte oder einen festen Wert angeben"),
    /** Long layout: one value column; the indicator is fixed or comes from series columns. */
    value: z.object({ column: Col }).optional(),
    indicator: z.string().optional(),
    group: z
      .object({
        column: Col.optional(),
        fixed: z.string().min(1).max(60).optional(),
        map: z.record(z.string(), z.string()).optional(),
      })
      .optional(),
    series: z
      .object({
        columns: z.array(Col).min(1),
        map: z.record(z.string(), Target).default({}),
        /** Values that are not in `map` but equal a base indicator's code are taken as that indicator. */
        codes: z.boolean().default(false),
        unmapped: z.enum(["skip", "error"]).default("skip"),
      })
      .optional(),
    /** Wide layout: each listed column is one series (and optionally one period). */
    wide: z
      .array(
        z.object({
          column: Col,
          indicator: z.string(),
          group: z.string().default("gesamt"),
          period: z.string().optional(),
        }),
      )
      .optional(),
    columns: z
      .object({
        numerator: Col.optional(),
        denominator: Col.optional(),
        estimate: Col.optional(),
        rangeLow: Col.optional(),
        rangeHigh: Col.optional(),
        source: Col.optional(),
        footnote: Col.optional(),
      })
      .default({}),
    source: z.string().max(500).optional(),
    emptyValues: z.enum(["skip", "error"]).default("error"),
    unmatchedAreas: z.enum(["skip", "error"]).default("error"),
  })
  .superRefine((p, ctx) => {
    if (p.layout === "long" && !p.value)
      ctx.addIssue({ code: "custom", message: "monitoring.importErrors.longNeedsValue", path: ["value"] });
    if (p.layout === "long" && !p.indicator && !p.series)
      ctx.addIssue({
        code: "custom",
        message: "monitoring.importErrors.needsIndicator",
        path: ["indicator"],
      });
    if (p.layout === "wide" && !p.wide?.length)
      ctx.addIssue({
        code: "custom",
        message: "monitoring.importErrors.wideNeedsColumns",
        path: ["wide"],
      });
  });
export type ObservationProfile = z.infer<typeof ObservationProfile>;
export const ImportProfile = z.union([ObservationProfile, AreaProfile]);
export type ImportProfile = z.infer<typeof ImportProfile>;

/** Parses a profile; German messages with the path of each problem (profiles are written for the German CLI). */
export function parseProfile(json: unknown): { ok: true; profile: ImportProfile } | { ok: false; errors: string[] } {
  const kind = (json as { kind?: string })?.kind;
  const r = kind === "areas" ? AreaProfile.safeParse(json) : ObservationProfile.safeParse(json);
  return r.success
    ? { ok: true, profile: r.data }
    : { ok: false, errors: r.error.issues.map((i) => `${i.path.join(".") || "Profil"}: ${issueText(getT("de"), i)}`) };
}

export async function listProfiles(tx: Tx) {
  return tx.select().from(monImportProfiles).orderBy(monImportProfiles.name);
}
export async function getProfile(tx: Tx, name: string): Promise<ImportProfile | undefined> {
  const [p] = await tx.select().from(monImportProfiles).where(eq(monImportProfiles.name, name));
  if (!p) return undefined;
  const r = parseProfile(p.profile);
  if (!r.ok) throw new Error(`Das gespeicherte Profil „${name}“ ist ungültig: ${r.errors.join("; ")}`);
  return r.profile;
}
export async function saveProfile(tx: Tx, profile: ImportProfile): Promise<void> {
  const [before] = await tx.select().from(monImportProfiles).where(eq(monImportProfiles.name, profile.name));
  await tx
    .insert(monImportProfiles)
    .values({ tenantId: sql`app_tenant_id()` as unknown as string, name: profile.name, profile })
    .onConflictDoUpdate({
      target: [monImportProfiles.tenantId, monImportProfiles.name],
      set: { profile, updatedAt: new Date() },
    });
  await audit(tx, {
    action: before ? "update" : "create",
    entity: "mon_import_profile",
    entityId: profile.name,
    before: before?.profile,
    after: profile,
  });
}

/** One problem of an import as an error code; line 0 concerns the whole file or profile. */
export type RowError = ErrorCode & { line: number };
export interface ImportReport {
  dryRun: boolean;
  committed: boolean;
  importId: string | null;
  fileName: string;
  fileHash: string;
  detected: Omit<Detected, "sample"> | null;
  rowsRead: number;
  observations: number;
  inserted: number;
  updated: number;
  unchanged: number;
  skipped: number;
  skippedSeries: Record<string, number>;
  errors: RowError[];
  errorCount: number;
  preview: { line: number; area: string; period: string; indicator: string; group: string; value: number }[];
  alreadyImported: { id: string; at: string } | null;
}

/** Thrown to roll the transaction back (dry run or bad rows) while carrying the report out. */
export class ImportAborted extends Error {
  constructor(public report: ImportReport) {
    super("Import nicht übernommen");
  }
}

const MAX_ERRORS = 500;
const BATCH = 20000;

function normPeriod(s: string): string | null {
  const t = s.trim().replace(/\.0+$/, "");
  if (/^\d{4}$/.test(t) || /^\d{4}-H[12]$/.test(t) || /^\d{4}-Q[1-4]$/.test(t)) return t;
  let m = /^(\d{4})[-/ ]?(H|Q)([1-4])$/i.exec(t);
  if (m && (m[2].toUpperCase() === "Q" || Number(m[3]) <= 2)) return `${m[1]}-${m[2].toUpperCase()}${m[3]}`;
  m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(t);
  const iso = m
    ? `${m[3]}-${m[2].padStart(2, "0")}-${m[1].padStart(2, "0")}`
    : /^\d{4}-\d{2}-\d{2}$/.test(t)
      ? t
      : null;
  if (iso) {
    return isIsoDate(iso) ? iso : null;
  }
  return null;
}

export interface ImportInput {
  /** The file; parsed in the upload parser's worker before the transaction starts. */
  bytes?: Uint8Array;
  /** Or a staged upload parsed earlier: its hash and its table, read inside the import's transaction. */
  staged?: { fileHash: string; open: (tx: Tx, fmt: FormatOptions) => Promise<Table> };
  fileName: string;
  profile: ObservationProfile;
  dryRun: boolean;
  actor?: { id: string | null; label: string };
}

/**
 * Reads every row, reports each bad one by its line number, and writes in batches inside the
 * caller's transaction. A dry run or any bad row throws ImportAborted, so the caller's
 * transaction rolls back and nothing stays — the file is taken completely or not at all.
 */
export async function importObservations(tx: Tx, input: ImportInput, parsed?: Promise<Table>): Promise<ImportReport> {
  const { profile: p, dryRun } = input;
  const fileHash = input.staged?.fileHash ?? createHash("sha256").update(input.bytes!).digest("hex");
  const report: ImportReport = {
    dryRun,
    committed: false,
    importId: null,
    fileName: input.fileName,
    fileHash,
    detected: null,
    rowsRead: 0,
    observations: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    skipped: 0,
    skippedSeries: {},
    errors: [],
    errorCount: 0,
    preview: [],
    alreadyImported: null,
  };
  const fail = (line: number, code: string, params?: ErrorParams) => {
    report.errorCount++;
    if (report.errors.length < MAX_ERRORS) report.errors.push(params ? { line, code, params } : { line, code });
  };

  const [prev] = await tx
    .select()
    .from(monImports)
    .where(and(eq(monImports.fileHash, fileHash), eq(monImports.profileName, p.name), isNull(monImports.rolledBackAt)))
    .orderBy(desc(monImports.at))
    .limit(1);
  if (prev) report.alreadyImported = { id: prev.id, at: prev.at.toISOString() };

  let table;
  try {
    table = input.staged ? await input.staged.open(tx, p.format) : await (parsed ?? openTable(input.bytes!, p.format));
  } catch (e) {
    if (e instanceof TabularError) {
      fail(0, e.code, e.params);
      throw new ImportAborted(report);
    }
    throw e;
  }
  const { sample: _s, ...detected } = table.detected;
  report.detected = detected;
  const header = table.detected.header;
  const colIndex = (name: string | undefined, what: string): number => {
    if (!name) return -1;
    const i =
      header.findIndex((h) => h === name) >= 0
        ? header.findIndex((h) => h === name)
        : header.findIndex((h) => h.toLowerCase() === name.toLowerCase());
    if (i < 0)
      fail(table.detected.headerRow, "monitoring.importErrors.columnMissing", {
        name,
        what,
        header: header.join(", "),
      });
    return i;
  };
  const ci = {
    area: colIndex(p.area.column, "area"),
    areaName: colIndex(p.area.nameColumn, "areaName"),
    period: colIndex(p.period.column, "period"),
    value: colIndex(p.value?.column, "value"),
    group: colIndex(p.group?.column, "group"),
    series: (p.series?.columns ?? []).map((c) => colIndex(c, "series")),
    numerator: colIndex(p.columns.numerator, "numerator"),
    denominator: colIndex(p.columns.denominator, "denominator"),
    estimate: colIndex(p.columns.estimate, "estimate"),
    rangeLow: colIndex(p.columns.rangeLow, "rangeLow"),
    rangeHigh: colIndex(p.columns.rangeHigh, "rangeHigh"),
    source: colIndex(p.columns.source, "source"),
    footnote: colIndex(p.columns.footnote, "footnote"),
    wide: (p.wide ?? []).map((w) => ({ ...w, idx: colIndex(w.column, "value") })),
  };
  if (report.errorCount) throw new ImportAborted(report);

  const indicators = new Map((await listIndicators(tx)).map((i) => [i.code, i]));
  const checkIndicator = (code: string): string | null => {
    const i = indicators.get(code);
    if (!i) return "monitoring.importErrors.profileUnknownIndicator";
    if (i.derivation) return "monitoring.importErrors.profileDerived";
    return null;
  };
  for (const code of new Set(
    [
      p.indicator,
      ...Object.values(p.series?.map ?? {}).map((t) => t.indicator),
      ...(p.wide ?? []).map((w) => w.indicator),
    ].filter(Boolean) as string[],
  )) {
    const bad = checkIndicator(code);
    if (bad) fail(0, bad, { code });
  }
  if (report.errorCount) throw new ImportAborted(report);

  const matcher = new AreaMatcher(await listAreas(tx), p.area.level);
  const areaCache = new Map<string, string | null>();
  const decimal = table.detected.decimal;

  let importId: string | null = null;
  if (!report.alreadyImported || dryRun) {
    const [imp] = await tx
      .insert(monImports)
      .values({
        tenantId: sql`app_tenant_id()` as unknown as string,
        kind: "observations",
        fileName: input.fileName,
        fileHash,
        profileName: p.name,
        actorLabel:
          input.actor?.label ??
          (sql`coalesce(nullif(current_setting('app.actor_label', true), ''), 'System')` as unknown as string),
        actorId: input.actor?.id ?? null,
      })
      .returning({ id: monImports.id });
    importId = imp.id;
  }
  const seen = new Map<string, number>();
  let batch: Record<string, unknown>[] = [];
  const flush = async () => {
    if (!batch.length || report.errorCount || !importId) {
      batch = [];
      return;
    }
    const [r] = await rows<{ ins: number; upd: number }>(
      tx,
      sql`
      WITH x AS (
        SELECT * FROM jsonb_to_recordset(${JSON.stringify(batch)}::jsonb) AS x(i uuid, a uuid, p text, g text, v double precision, n double precision, d double precision, e boolean, rl double precision, rh double precision, s text, f text)
      ), prev AS (
        -- All CTEs see the table as before this statement: keep what the upsert below overwrites.
        INSERT INTO mon_observation_history (tenant_id, import_id, indicator_id, area_id, period, group_code, value, numerator, denominator, is_estimate, range_low, range_high, source, footnote, previous_import_id)
        SELECT o.tenant_id, ${importId}::uuid, o.indicator_id, o.area_id, o.period, o.group_code, o.value, o.numerator, o.denominator, o.is_estimate, o.range_low, o.range_high, o.source, o.footnote, o.import_id
        FROM mon_observations o JOIN x ON o.tenant_id = app_tenant_id() AND o.indicator_id = x.i AND o.area_id = x.a AND o.period = x.p AND o.group_code = x.g
        WHERE (o.value, o.numerator, o.denominator, o.is_estimate, o.range_low, o.range_high, o.source, o.footnote)
          IS DISTINCT FROM (x.v, x.n, x.d, coalesce(x.e, false), x.rl, x.rh, x.s, x.f)
        RETURNING 1
      ), up AS (
        INSERT INTO mon_observations (tenant_id, indicator_id, area_id, period, group_code, value, numerator, denominator, is_estimate, range_low, range_high, source, footnote, import_id)
        SELECT app_tenant_id(), x.i, x.a, x.p, x.g, x.v, x.n, x.d, coalesce(x.e, false), x.rl, x.rh, x.s, x.f, ${importId}::uuid
        FROM x
        ON CONFLICT (tenant_id, indicator_id, area_id, period, group_code) DO UPDATE SET
          value = excluded.value, numerator = excluded.numerator, denominator = excluded.denominator, is_estimate = excluded.is_estimate,
          range_low = excluded.range_low, range_high = excluded.range_high, source = excluded.source, footnote = excluded.footnote, import_id = excluded.import_id
        WHERE (mon_observations.value, mon_observations.numerator, mon_observations.denominator, mon_observations.is_estimate, mon_observations.range_low, mon_observations.range_high, mon_observations.source, mon_observations.footnote)
          IS DISTINCT FROM (excluded.value, excluded.numerator, excluded.denominator, excluded.is_estimate, excluded.range_low, excluded.range_high, excluded.source, excluded.footnote)
        RETURNING (xmax = 0) AS ins
      ) SELECT count(*) FILTER (WHERE ins)::int AS ins, count(*) FILTER (WHERE NOT ins)::int AS upd, (SELECT count(*) FROM prev)::int AS kept FROM up`,
    );
    report.inserted += Number(r.ins);
    report.updated += Number(r.upd);
    report.unchanged += batch.length - Number(r.ins) - Number(r.upd);
    batch = [];
  };

  const cell = (cells: string[], i: number) => (i >= 0 ? (cells[i] ?? "").trim() : "");
  const num = (cells: string[], i: number, line: number, what: string): number | null => {
    const s = cell(cells, i);
    if (!s) return null;
    const v = parseNumber(s, decimal);
    if (Number.isNaN(v)) {
      fail(line, "monitoring.importErrors.notANumber", { what, value: s });
      return null;
    }
    return v;
  };

  try {
    for await (const { line, cells } of table.rows) {
      if (cells.every((c) => c === "")) continue;
      report.rowsRead++;
      // Which series does this row (or each wide column) feed?
      const targets: { indicator: string; group: string; raw: string; period?: string }[] = [];
      if (p.layout === "wide") {
        for (const w of ci.wide)
          targets.push({ indicator: w.indicator, group: w.group, raw: cell(cells, w.idx), period: w.period });
      } else {
        let t: { indicator: string; group: string } | undefined;
        if (p.series) {
          const key = ci.series.map((i) => cell(cells, i)).join(" / ");
          t = p.series.map[key];
          if (!t && p.series.codes && indicators.has(key)) {
            if (indicators.get(key)!.derivation) {
              fail(line, "monitoring.importErrors.derived", { code: key });
              continue;
            }
            t = { indicator: key, group: "gesamt" };
          }
          if (!t) {
            if (p.series.unmapped === "skip") {
              report.skipped++;
              report.skippedSeries[key] = (report.skippedSeries[key] ?? 0) + 1;
              continue;
            }
            fail(line, "monitoring.importErrors.unmappedSeries", { series: key });
            continue;
          }
        } else t = { indicator: p.indicator!, group: "gesamt" };
        let group = t.group;
        if (p.group?.column) {
          const g = cell(cells, ci.group);
          group = p.group.map?.[g] ?? g;
          if (!group) {
            fail(line, "monitoring.importErrors.groupMissing");
            continue;
          }
        } else if (p.group?.fixed) group = p.group.fixed;
        targets.push({ indicator: t.indicator, group, raw: cell(cells, ci.value) });
      }

      const areaKey = cell(cells, ci.area);
      const areaName = cell(cells, ci.areaName);
      const ck = `${areaKey}\u0000${areaName}`;
      let areaId = areaCache.get(ck);
      if (areaId === undefined) {
        const m = matcher.match(areaKey, areaName || undefined);
        areaId = m.area ? m.area.id : null;
        areaCache.set(ck, areaId);
      }
      if (!areaId) {
        if (p.unmatchedAreas === "skip") {
          report.skipped++;
          report.skippedSeries[`Gebiet ${areaKey}`] = (report.skippedSeries[`Gebiet ${areaKey}`] ?? 0) + 1;
          continue;
        }
        fail(line, "monitoring.importErrors.unknownArea", { area: `${areaKey}${areaName ? ` ${areaName}` : ""}` });
        continue;
      }
      const rawPeriod = p.period.fixed ?? cell(cells, ci.period);
      const numerator = num(cells, ci.numerator, line, "numerator");
      const denominator = num(cells, ci.denominator, line, "denominator");
      const rangeLow = num(cells, ci.rangeLow, line, "rangeLow");
      const rangeHigh = num(cells, ci.rangeHigh, line, "rangeHigh");
      const est = cell(cells, ci.estimate).toLowerCase();
      for (const t of targets) {
        const period = normPeriod(t.period ?? rawPeriod);
        if (!period) {
          fail(line, "monitoring.importErrors.badPeriod", { period: t.period ?? rawPeriod });
          continue;
        }
        if (!t.raw || t.raw === "-" || t.raw === "." || t.raw === "x") {
          if (p.emptyValues === "skip") {
            report.skipped++;
            continue;
          }
          fail(
            line,
            p.layout === "wide" ? "monitoring.importErrors.valueMissingFor" : "monitoring.importErrors.valueMissing",
            { indicator: t.indicator },
          );
          continue;
        }
        const value = parseNumber(t.raw, decimal);
        if (Number.isNaN(value)) {
          fail(line, "monitoring.importErrors.notANumber", { what: "value", value: t.raw });
          continue;
        }
        if (!t.group || t.group.length > 60) {
          fail(line, "monitoring.importErrors.badGroup");
          continue;
        }
        const k = `${t.indicator}|${areaId}|${period}|${t.group}`;
        const first = seen.get(k);
        if (first !== undefined) {
          fail(line, "monitoring.importErrors.duplicate", {
            area: areaKey,
            period,
            indicator: t.indicator,
            group: t.group,
            first,
          });
          continue;
        }
        seen.set(k, line);
        report.observations++;
        if (report.preview.length < 20)
          report.preview.push({ line, area: areaKey, period, indicator: t.indicator, group: t.group, value });
        batch.push({
          i: indicators.get(t.indicator)!.id,
          a: areaId,
          p: period,
          g: t.group,
          v: value,
          n: numerator,
          d: denominator,
          e: ["1", "ja", "true", "x", "geschätzt", "s"].includes(est),
          rl: rangeLow,
          rh: rangeHigh,
          s: cell(cells, ci.source) || p.source || null,
          f: cell(cells, ci.footnote) || null,
        });
        if (batch.length >= BATCH) await flush();
      }
    }
  } catch (e) {
    if (e instanceof TabularError) {
      fail(0, e.code, e.params);
      throw new ImportAborted(report);
    }
    throw e;
  }
  await flush();
  if (report.observations === 0 && !report.errorCount) fail(0, "monitoring.importErrors.noValues");
  if (report.errorCount || dryRun) throw new ImportAborted(report);
  if (report.alreadyImported && importId === null) return report;
  await tx
    .update(monImports)
    .set({
      rowsRead: report.rowsRead,
      inserted: report.inserted,
      updated: report.updated,
      unchanged: report.unchanged,
      skipped: report.skipped,
    })
    .where(eq(monImports.id, importId!));
  await audit(tx, {
    action: "import",
    entity: "mon_import",
    entityId: importId,
    after: {
      file: input.fileName,
      hash: fileHash,
      profile: p.name,
      rows: report.rowsRead,
      inserted: report.inserted,
      updated: report.updated,
    },
  });
  report.importId = importId;
  report.committed = true;
  return report;
}

/** Runs an import in a fresh transaction and returns the report whether it was kept or rolled back. */
export async function runImport(
  inTx: <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>,
  input: ImportInput,
): Promise<ImportReport> {
  // The file is parsed outside the transaction: a transaction held open while a worker parses
  // would hold up every other request on an embedded database.
  let parsed: Promise<Table> | undefined;
  if (!input.staged) {
    parsed = openTable(input.bytes!, input.profile.format);
    await parsed.catch(() => {}); // a refusal is reported by importObservations
  }
  try {
    return await inTx((tx) => importObservations(tx, input, parsed));
  } catch (e) {
    if (e instanceof ImportAborted) return e.report;
    throw e;
  }
}

export async function listImports(tx: Tx, limit = 100, offset = 0) {
  return tx.select().from(monImports).orderBy(desc(monImports.at), desc(monImports.id)).limit(limit).offset(offset);
}

export async function countImports(tx: Tx): Promise<number> {
  return (await tx.select({ n: count() }).from(monImports))[0].n;
}

/**
 * Takes an import back: removes the values it still holds and puts back what it had overwritten.
 * Values a later import has written since stay (they are that import's, not this one's).
 */
export async function rollbackImport(
  tx: Tx,
  id: string,
): Promise<{ ok: true; deleted: number; restored: number } | { ok: false; error: ErrorCode }> {
  const [imp] = await tx.select().from(monImports).where(eq(monImports.id, id));
  if (!imp) return { ok: false, error: { code: "monitoring.importErrors.importNotFound" } };
  if (imp.rolledBackAt) return { ok: false, error: { code: "monitoring.importErrors.alreadyRolledBack" } };
  const del = await rows<{ n: number }>(
    tx,
    sql`WITH d AS (DELETE FROM mon_observations WHERE import_id = ${id} RETURNING 1) SELECT count(*)::int AS n FROM d`,
  );
  const restored = await rows<{ n: number }>(
    tx,
    sql`WITH r AS (
      INSERT INTO mon_observations (tenant_id, indicator_id, area_id, period, group_code, value, numerator, denominator, is_estimate, range_low, range_high, source, footnote, import_id)
      SELECT h.tenant_id, h.indicator_id, h.area_id, h.period, h.group_code, h.value, h.numerator, h.denominator, h.is_estimate, h.range_low, h.range_high, h.source, h.footnote,
        (SELECT i.id FROM mon_imports i WHERE i.id = h.previous_import_id AND i.rolled_back_at IS NULL)
      FROM mon_observation_history h WHERE h.import_id = ${id}
      ON CONFLICT (tenant_id, indicator_id, area_id, period, group_code) DO NOTHING RETURNING 1)
    SELECT count(*)::int AS n FROM r`,
  );
  await tx.update(monImports).set({ rolledBackAt: new Date() }).where(eq(monImports.id, id));
  await audit(tx, {
    action: "delete",
    entity: "mon_import",
    entityId: id,
    before: { file: imp.fileName, hash: imp.fileHash },
    after: { deleted: Number(del[0].n), restored: Number(restored[0].n) },
  });
  return { ok: true, deleted: Number(del[0].n), restored: Number(restored[0].n) };
}
