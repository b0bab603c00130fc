import { createHash, randomBytes } from "node:crypto";
import { and, count, desc, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database, Tx } from "~/kernel/db/client";
import { rows, withTenant, type TenantScope } from "~/kernel/db/context";
import { copyInto, copyText } from "~/kernel/db/copy";
import { audit } from "~/kernel/audit/service";
import { monImportProfiles, monImports } from "../schema";
import { AREA_LEVELS } from "../shared";
import { AreaMatcher, AreaProfile, describeArea, listAreas, type Area } from "./areas";
import { levelOf } from "./area-list";
import { listIndicators } from "./indicators";
import { issueText, type ErrorCode, type ErrorParams } from "~/kernel/errors";
import { getT } from "~/kernel/i18n";
import {
  openTable,
  readCell,
  TabularError,
  type Detected,
  type FormatOptions,
  type SourceSymbol,
  type Table,
} from "./tabular";
import { isIsoDate } from "~/kernel/dates";

const Col = z.string().trim().min(1, "monitoring.importErrors.columnNameMissing");
const Format = z
  .object({
    encoding: z.enum(["auto", "utf-8", "windows-1252"]).default("auto"),
    delimiter: z.enum(["auto", ",", ";", "\t", "|"]).default("auto"),
    decimal: z.enum(["auto", ",", "."]).default("auto"),
    headerRow: z.union([z.literal("auto"), z.number().int().min(1).max(1000)]).default("auto"),
    /** Lines the header spans (group headings over sub-headings); detected when not given. */
    headerRows: z.number().int().min(1).max(5).optional(),
    sheet: z.string().optional(),
  })
  .default({ encoding: "auto", delimiter: "auto", decimal: "auto", headerRow: "auto" });
export const ROW_FILTER_OPS = ["equals", "notEquals", "contains", "notContains", "notEmpty"] as const;
export type RowFilterOp = (typeof ROW_FILTER_OPS)[number];
const LevelRows = z
  .object({
    from: z.number().int().min(1),
    to: z.number().int().min(1),
    level: z.enum(AREA_LEVELS, { message: "monitoring.errors.areaLevel" }),
  })
  .refine((r) => r.from <= r.to, { message: "monitoring.importErrors.rowRange", path: ["to"] });
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
    area: z.object({
      column: Col,
      nameColumn: Col.optional(),
      /** The level of every row, unless a row range or the level column says otherwise. */
      level: z.enum(AREA_LEVELS).optional(),
      /** A column naming each row's level ("Stadtteil", "stadtbezirk"). */
      levelColumn: Col.optional(),
      /** Levels by the file's line numbers: the districts' rows, the total row. */
      levelRows: z.array(LevelRows).max(20).optional(),
    }),
    /** Which lines are data: a line range (leaving out footnotes) and a filter on one column. */
    rows: z
      .object({
        from: z.number().int().min(1).optional(),
        to: z.number().int().min(1).optional(),
        filter: z
          .object({
            column: Col,
            op: z.enum(ROW_FILTER_OPS),
            value: z.string().max(200).default(""),
          })
          .optional(),
      })
      .refine((r) => !r.from || !r.to || r.from <= r.to, {
        message: "monitoring.importErrors.rowRange",
        path: ["to"],
      })
      .optional(),
    period: z
      .object({ column: Col.optional(), fixed: z.string().optional() })
      .refine((p) => !!p.column !== !!p.fixed, "monitoring.importErrors.periodEither"),
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
    // For an empty cell only: the source's symbols (".", "x", "…", "/") are kept as the value's state
    // and "-" is 0, whatever this says. not_collected: stored as "nicht erhoben", an observation without value.
    emptyValues: z.enum(["skip", "error", "not_collected"]).default("error"),
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
/** A row (or a wide row's value) the profile told the import to skip, with the reason as an error code. */
export type SkippedRow = ErrorCode & { line: number };
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
  /** Every skipped row by number and reason, up to MAX_SKIPPED_LISTED (then `skipped` has the total). */
  skippedRows: SkippedRow[];
  errors: RowError[];
  errorCount: number;
  preview: {
    line: number;
    area: string;
    period: string;
    indicator: string;
    group: string;
    value: number | null;
    symbol?: SourceSymbol | null;
    /** The area the row was matched to (a name can stand for a district and a Stadtteil). */
    target?: { level: string; key: string; name: string };
  }[];
  alreadyImported: { id: string; at: string } | null;
  /** Not written because rows were skipped and the caller did not accept that (refuseSkipped). */
  refusedSkipped?: boolean;
}

const MAX_ERRORS = 500;
/** Skipped rows listed by number in the report and the import's record; beyond, `skipped` counts them. */
export const MAX_SKIPPED_LISTED = 5000;

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

/** Runs fn in a transaction of the import's tenant (or inside the one transaction of runImport). */
export type Run = <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>;

/** Where an import stands: reading rows (done of total), checking, merging. */
export interface ImportProgress {
  phase: "read" | "check" | "merge";
  done: number;
  total: number;
}

export interface ImportInput {
  /** The file; parsed in the upload parser's worker before any transaction starts. */
  bytes?: Uint8Array;
  /** Or a staged upload parsed earlier: its hash and its table, read chunk by chunk through `run`. */
  staged?: { fileHash: string; open: (run: Run, fmt: FormatOptions) => Promise<Table> };
  fileName: string;
  profile: ObservationProfile;
  dryRun: boolean;
  actor?: { id: string | null; label: string };
  /** Write nothing when rows were skipped (the CLI without --accept-skipped): counted as in a dry run. */
  refuseSkipped?: boolean;
}

// Rows go to the staging table in COPY batches of this many; each batch is one short transaction
// in a background import, so an embedded database answers other requests in between.
const COPY_BATCH = 20_000;
/** Lets the event loop serve other requests: the embedded database runs in this very thread. */
const breathe = () => new Promise<void>((r) => setImmediate(r));
const STAGE_COLUMNS = "line, ak, i, a, p, g, v, n, d, e, rl, rh, s, f, y";
const OBS_VALUES = "value, numerator, denominator, is_estimate, range_low, range_high, source, footnote, symbol";
const X_VALUES = "x.v, x.n, x.d, x.e, x.rl, x.rh, x.s, x.f, x.y";
/** The observation's value columns of one table alias ("o.value, o.numerator, …"). */
const obsValues = (alias: string) => OBS_VALUES.replace(/(\w+)/g, `${alias}.$1`);
const OBS_KEY_JOIN =
  "o.tenant_id = app_tenant_id() AND o.indicator_id = x.i AND o.area_id = x.a AND o.period = x.p AND o.group_code = x.g";

/**
 * The import in four steps over one staging table (decision 0020):
 * 1. read: the rows stream through the checks that need only the row itself and lookups of the
 *    profile, areas and indicators (each distinct area key or period is matched once), and valid
 *    values go to a TEMP staging table by COPY;
 * 2. check: duplicates across the whole file are found in SQL;
 * 3. a dry run counts new, changed and unchanged values in SQL without writing;
 * 4. merge: one transaction writes the import record, the history of overwritten values and the
 *    values themselves with two INSERT … SELECT statements.
 * Nothing is written to the tenant's data before step 4, and step 4 is all or nothing.
 */
async function importStaged(
  run: Run,
  input: ImportInput,
  parsed: Promise<Table> | undefined,
  opts: {
    temp: "commit-drop" | "session";
    onProgress?: (p: ImportProgress) => Promise<void> | void;
    /** Merge in slices of this many lines (embedded database); by default in one statement each. */
    sliceLines?: number;
  },
): Promise<ImportReport> {
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
    skippedRows: [],
    errors: [],
    errorCount: 0,
    preview: [],
    alreadyImported: null,
  };
  const errors: RowError[] = [];
  const fail = (line: number, code: string, params?: ErrorParams) => {
    report.errorCount++;
    if (errors.length < MAX_ERRORS) errors.push(params ? { line, code, params } : { line, code });
  };
  const skip = (line: number, code: string, params?: ErrorParams) => {
    report.skipped++;
    if (report.skippedRows.length < MAX_SKIPPED_LISTED)
      report.skippedRows.push(params ? { line, code, params } : { line, code });
  };
  const done = () => {
    // Row errors come from the reading pass and from the duplicate check: shown in line order.
    report.errors = errors.sort((a, b) => a.line - b.line).slice(0, MAX_ERRORS);
    return report;
  };

  const setup = await run(async (tx) => {
    const [prev] = await tx
      .select()
      .from(monImports)
      .where(
        and(eq(monImports.fileHash, fileHash), eq(monImports.profileName, p.name), isNull(monImports.rolledBackAt)),
      )
      .orderBy(desc(monImports.at))
      .limit(1);
    return {
      prev,
      indicators: new Map((await listIndicators(tx)).map((i) => [i.code, i])),
      areas: await listAreas(tx),
    };
  });
  if (setup.prev) report.alreadyImported = { id: setup.prev.id, at: setup.prev.at.toISOString() };

  let table;
  try {
    table = input.staged ? await input.staged.open(run, p.format) : await (parsed ?? openTable(input.bytes!, p.format));
  } catch (e) {
    if (e instanceof TabularError) {
      fail(0, e.code, e.params);
      return done();
    }
    throw e;
  }
  const { sample: _s, ...detected } = table.detected;
  report.detected = detected;
  const header = table.detected.header;
  const colIndex = (name: string | undefined, what: string): number => {
    if (!name) return -1;
    const exact = header.findIndex((h) => h === name);
    const i = exact >= 0 ? exact : header.findIndex((h) => h.toLowerCase() === name.toLowerCase());
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
    level: colIndex(p.area.levelColumn, "level"),
    filter: colIndex(p.rows?.filter?.column, "filter"),
    wide: (p.wide ?? []).map((w) => ({ ...w, idx: colIndex(w.column, "value") })),
  };
  if (report.errorCount) return done();

  const indicators = setup.indicators;
  for (const code of new Set(
    [
      p.indicator,
      ...Object.values(p.series?.map ?? {}).map((t) => t.indicator),
      ...(p.wide ?? []).map((w) => w.indicator),
    ].filter(Boolean) as string[],
  )) {
    const i = indicators.get(code);
    if (!i) fail(0, "monitoring.importErrors.profileUnknownIndicator", { code });
    else if (i.derivation) fail(0, "monitoring.importErrors.profileDerived", { code });
  }
  if (report.errorCount) return done();
  const codeOf = new Map([...indicators.values()].map((i) => [i.id, i.code]));

  // One matcher per level a row can have (fixed, by row range, by level column).
  const matchers = new Map<string, AreaMatcher>();
  const matcherFor = (level: string | undefined) => {
    let m = matchers.get(level ?? "");
    if (!m) matchers.set(level ?? "", (m = new AreaMatcher(setup.areas, level)));
    return m;
  };
  // The total row ("Doppelstadt insgesamt") of a file whose rows say their level: the one city area.
  const cities = setup.areas.filter((a) => a.level === "stadt");
  const areaById = new Map(setup.areas.map((a) => [a.id, a]));
  const perRowLevel = !!(p.area.levelRows?.length || p.area.levelColumn);
  // Area id, or null (no match), or the candidates of an ambiguous match, by level, key and name.
  const areaCache = new Map<string, string | null | Area[]>();
  const periodCache = new Map<string, string | null>();
  const decimal = table.detected.decimal;
  // XLSX text cells ("12,3", "1 675") are read the German way unless the profile fixes the decimal mark.
  const textDecimal = p.format.decimal === "." ? "." : ",";
  const read = (raw: string) => readCell(raw, decimal, table.detected.kind, textDecimal);
  const stage = `mon_stage_${randomBytes(6).toString("hex")}`;
  const total = table.rowCount ?? 0;
  await run((tx) =>
    tx.execute(
      sql.raw(`CREATE TEMP TABLE ${stage} (line int NOT NULL, ak text NOT NULL, i uuid NOT NULL, a uuid NOT NULL,
        p text NOT NULL, g text NOT NULL, v double precision, n double precision, d double precision,
        e boolean NOT NULL, rl double precision, rh double precision, s text, f text, y text)
        ${opts.temp === "commit-drop" ? "ON COMMIT DROP" : ""}`),
    ),
  );
  let lastLine = 0;
  try {
    let lines: string[] = [];
    const flush = async () => {
      // Rows are staged even after a bad one: the duplicate check below must see the whole file.
      if (lines.length) await run((tx) => copyInto(tx, `${stage} (${STAGE_COLUMNS})`, lines));
      lines = [];
      await breathe();
      await opts.onProgress?.({ phase: "read", done: report.rowsRead, total: Math.max(total, report.rowsRead) });
    };

    const cell = (cells: string[], i: number) => (i >= 0 ? (cells[i] ?? "").trim() : "");
    const num = (cells: string[], i: number, line: number, what: string): number | null => {
      const s = cell(cells, i);
      const r = read(s);
      if (r.kind === "invalid") {
        fail(line, "monitoring.importErrors.notANumber", { what, value: s });
        return null;
      }
      // A count given as a symbol (".", "x", …) is not known: no count, the value keeps its own state.
      return r.kind === "value" ? r.value : null;
    };
    const periodOf = (raw: string) => {
      let r = periodCache.get(raw);
      if (r === undefined) periodCache.set(raw, (r = normPeriod(raw)));
      return r;
    };
    const staticSource = p.source ?? null;
    const rowsFrom = p.rows?.from ?? 0,
      rowsTo = p.rows?.to ?? Infinity;
    const filter = p.rows?.filter;
    const passes = (cells: string[]) => {
      if (!filter) return true;
      const v = cell(cells, ci.filter).toLowerCase(),
        want = filter.value.trim().toLowerCase();
      switch (filter.op) {
        case "equals":
          return v === want;
        case "notEquals":
          return v !== want;
        case "contains":
          return v.includes(want);
        case "notContains":
          return !v.includes(want);
        case "notEmpty":
          return v !== "";
      }
    };
    /** The row's level: its row range, else its level column, else the profile's level; a bad name is an error. */
    const levelFor = (line: number, cells: string[]): string | undefined | false => {
      const range = p.area.levelRows?.find((r) => line >= r.from && line <= r.to);
      if (range) return range.level;
      const raw = cell(cells, ci.level);
      if (raw) {
        const l = levelOf(raw);
        if (!l) fail(line, "monitoring.importErrors.unknownRowLevel", { level: raw });
        return l ?? false;
      }
      return p.area.level;
    };

    try {
      for await (const { line, cells } of table.rows) {
        if (cells.every((c) => c === "")) continue;
        lastLine = line;
        if (++report.rowsRead % 5000 === 0) await breathe();
        // Lines the profile leaves out (footnotes below the table, a filter) are listed, never dropped silently.
        if (line < rowsFrom) {
          skip(line, "monitoring.importErrors.skippedBeforeRows", { from: rowsFrom });
          continue;
        }
        if (line > rowsTo) {
          skip(line, "monitoring.importErrors.skippedAfterRows", { to: rowsTo });
          continue;
        }
        if (!passes(cells)) {
          skip(line, "monitoring.importErrors.skippedByFilter", { column: filter!.column });
          continue;
        }
        const level = levelFor(line, cells);
        if (level === false) continue;
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
                skip(line, "monitoring.importErrors.skippedSeries", { series: key });
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
        const ck = `${level ?? ""}\u0000${areaKey}\u0000${areaName}`;
        let areaId = areaCache.get(ck);
        if (areaId === undefined) {
          // Without a name column the area column may hold names (a publication without keys).
          const m = matcherFor(level).match(areaKey, areaName || areaKey);
          areaId = m.area
            ? m.area.id
            : m.reason === "ambiguous"
              ? m.candidates
              : level === "stadt" && perRowLevel && cities.length === 1
                ? cities[0].id
                : null;
          areaCache.set(ck, areaId);
        }
        // Two areas fit (a district and a Stadtteil of one name): never a guess, never a silent skip.
        if (Array.isArray(areaId)) {
          fail(line, "monitoring.importErrors.ambiguousArea", {
            area: `${areaKey}${areaName ? ` ${areaName}` : ""}`,
            candidates: areaId.map(describeArea).join("; "),
          });
          continue;
        }
        if (!areaId) {
          if (p.unmatchedAreas === "skip") {
            skip(line, "monitoring.importErrors.skippedArea", {
              area: `${areaKey}${areaName ? ` ${areaName}` : ""}`,
            });
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
        const est = ESTIMATE_MARKS.has(cell(cells, ci.estimate).toLowerCase());
        const source = cell(cells, ci.source) || staticSource;
        const footnote = cell(cells, ci.footnote) || null;
        for (const t of targets) {
          const period = periodOf(t.period ?? rawPeriod);
          if (!period) {
            fail(line, "monitoring.importErrors.badPeriod", { period: t.period ?? rawPeriod });
            continue;
          }
          const reading = read(t.raw);
          const empty = reading.kind === "empty";
          if (empty && p.emptyValues !== "not_collected") {
            if (p.emptyValues === "skip") {
              skip(line, "monitoring.importErrors.skippedEmpty", { indicator: t.indicator });
              continue;
            }
            fail(
              line,
              p.layout === "wide" ? "monitoring.importErrors.valueMissingFor" : "monitoring.importErrors.valueMissing",
              { indicator: t.indicator },
            );
            continue;
          }
          if (reading.kind === "invalid") {
            fail(line, "monitoring.importErrors.notANumber", { what: "value", value: t.raw });
            continue;
          }
          const value = reading.kind === "value" ? reading.value : null;
          const symbol: SourceSymbol | null =
            reading.kind === "value" || reading.kind === "symbol" ? reading.symbol : null;
          if (!t.group || t.group.length > 60) {
            fail(line, "monitoring.importErrors.badGroup");
            continue;
          }
          report.observations++;
          if (report.preview.length < 20) {
            const a = areaById.get(areaId)!;
            report.preview.push({
              line,
              area: areaKey,
              period,
              indicator: t.indicator,
              group: t.group,
              value,
              symbol,
              target: { level: a.level, key: a.key, name: a.name },
            });
          }
          // "(12,3)" is a value of limited reliability: kept as an estimate, with its symbol.
          lines.push(
            `${line}\t${copyText(areaKey)}\t${indicators.get(t.indicator)!.id}\t${areaId}\t${copyText(period)}\t${copyText(t.group)}\t${copyText(value)}\t${copyText(numerator)}\t${copyText(denominator)}\t${est || symbol === "()"}\t${copyText(rangeLow)}\t${copyText(rangeHigh)}\t${copyText(source)}\t${copyText(footnote)}\t${copyText(symbol)}\n`,
          );
          if (lines.length >= COPY_BATCH) await flush();
        }
      }
    } catch (e) {
      if (e instanceof TabularError) {
        fail(0, e.code, e.params);
        return done();
      }
      throw e;
    }
    await flush();

    // The same series, area, period and group twice in the file: every later row is reported with the first.
    await opts.onProgress?.({ phase: "check", done: report.rowsRead, total: report.rowsRead });
    await run(async (tx) => {
      await tx.execute(sql.raw(`ANALYZE ${stage}`));
      const dups = await rows<{ line: number; first: number; ak: string; p: string; i: string; g: string; n: number }>(
        tx,
        sql.raw(`WITH d AS (SELECT i, a, p, g, min(line) AS first FROM ${stage} GROUP BY i, a, p, g HAVING count(*) > 1)
          SELECT s.line, d.first, s.ak, s.p, s.i, s.g, count(*) OVER ()::int AS n
          FROM ${stage} s JOIN d USING (i, a, p, g) WHERE s.line <> d.first ORDER BY s.line LIMIT ${MAX_ERRORS}`),
      );
      if (!dups.length) return;
      report.observations -= Number(dups[0].n);
      report.errorCount += Number(dups[0].n);
      for (const d of dups)
        errors.push({
          line: d.line,
          code: "monitoring.importErrors.duplicate",
          params: { area: d.ak, period: d.p, indicator: codeOf.get(d.i) ?? d.i, group: d.g, first: d.first },
        });
      const dupLines = new Set(dups.map((d) => d.line));
      report.preview = report.preview.filter((r) => !dupLines.has(r.line));
    });
    if (report.observations === 0 && !report.errorCount) fail(0, "monitoring.importErrors.noValues");
    if (report.errorCount) return done();

    // What the merge does (or would do, in a dry run): new, changed and unchanged values.
    const countChanges = async (tx: Tx) => {
      const [c] = await rows<{ ins: number; upd: number }>(
        tx,
        sql.raw(`SELECT count(*) FILTER (WHERE o.tenant_id IS NULL)::int AS ins,
          count(*) FILTER (WHERE o.tenant_id IS NOT NULL AND (${obsValues("o")}) IS DISTINCT FROM (${X_VALUES}))::int AS upd
        FROM ${stage} x LEFT JOIN mon_observations o ON ${OBS_KEY_JOIN}`),
      );
      report.inserted = Number(c.ins);
      report.updated = Number(c.upd);
      report.unchanged = report.observations - report.inserted - report.updated;
    };
    if (dryRun || (input.refuseSkipped && report.skipped > 0)) {
      await run(countChanges);
      if (!dryRun) report.refusedSkipped = true;
      return done();
    }
    if (report.alreadyImported) return done();

    await opts.onProgress?.({ phase: "merge", done: 0, total: report.observations });
    await run(async (tx) => {
      // One tenant's imports merge one after another (also across instances): between looking for a
      // value and inserting it, no other import may insert the same one.
      await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('mon_import'), hashtext(app_tenant_id()::text))`);
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
      const importId = imp.id;
      // Keep what the upsert overwrites, in one statement before it. Then write: on the embedded
      // database in slices of lines, with a breath between them, so that pages served from the
      // cache keep coming while the transaction runs; keys never repeat across slices.
      await tx.execute(sql`
        INSERT INTO mon_observation_history (tenant_id, import_id, indicator_id, area_id, period, group_code, ${sql.raw(OBS_VALUES)}, previous_import_id)
        SELECT o.tenant_id, ${importId}::uuid, o.indicator_id, o.area_id, o.period, o.group_code, ${sql.raw(obsValues("o"))}, o.import_id
        FROM ${sql.raw(stage)} x JOIN mon_observations o ON ${sql.raw(OBS_KEY_JOIN)}
        WHERE (${sql.raw(obsValues("o"))}) IS DISTINCT FROM (${sql.raw(X_VALUES)})`);
      await breathe();
      await countChanges(tx);
      const slice = opts.sliceLines ?? Number.MAX_SAFE_INTEGER;
      if (slice < lastLine) await tx.execute(sql.raw(`CREATE INDEX ON ${stage} USING brin (line)`));
      for (let lo = 0; lo < lastLine; lo += slice) {
        const within = sql.raw(slice < lastLine ? `AND x.line > ${lo} AND x.line <= ${lo + slice}` : "");
        // An upsert finds each key through the unique index, whatever the planner knows of the
        // table (the embedded database has no autovacuum); no RETURNING, the counts are above.
        await tx.execute(sql`
          INSERT INTO mon_observations (tenant_id, indicator_id, area_id, period, group_code, ${sql.raw(OBS_VALUES)}, import_id)
          SELECT app_tenant_id(), x.i, x.a, x.p, x.g, ${sql.raw(X_VALUES)}, ${importId}::uuid FROM ${sql.raw(stage)} x
          WHERE true ${within}
          ON CONFLICT (tenant_id, indicator_id, area_id, period, group_code) DO UPDATE SET
            value = excluded.value, numerator = excluded.numerator, denominator = excluded.denominator, is_estimate = excluded.is_estimate,
            range_low = excluded.range_low, range_high = excluded.range_high, source = excluded.source, footnote = excluded.footnote,
            symbol = excluded.symbol, import_id = excluded.import_id
          WHERE (${sql.raw(obsValues("mon_observations"))})
            IS DISTINCT FROM (${sql.raw(obsValues("excluded"))})`);
        await breathe();
        // What this import says about every value, the unchanged ones too: a rollback of another
        // import restores from here what the latest remaining import said (rollbackImport). In the
        // same slices, so the embedded database never holds the event loop for the whole file.
        await tx.execute(sql`
          INSERT INTO mon_import_values (tenant_id, import_id, indicator_id, area_id, period, group_code, ${sql.raw(OBS_VALUES)})
          SELECT app_tenant_id(), ${importId}::uuid, x.i, x.a, x.p, x.g, ${sql.raw(X_VALUES)} FROM ${sql.raw(stage)} x
          WHERE true ${within}`);
        await breathe();
      }
      await tx
        .update(monImports)
        .set({
          skippedRows: report.skippedRows,
          rowsRead: report.rowsRead,
          inserted: report.inserted,
          updated: report.updated,
          unchanged: report.unchanged,
          skipped: report.skipped,
        })
        .where(eq(monImports.id, importId));
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
          skipped: report.skipped,
        },
      });
      report.importId = importId;
    });
    report.committed = true;
    await opts.onProgress?.({ phase: "merge", done: report.observations, total: report.observations });
    return done();
  } finally {
    if (opts.temp === "session") await run((tx) => tx.execute(sql.raw(`DROP TABLE IF EXISTS ${stage}`)));
  }
}

const ESTIMATE_MARKS = new Set(["1", "ja", "true", "x", "geschätzt", "s"]);

/**
 * Runs an import in one transaction of `inTx` and returns the report whether it was kept or not.
 * For tests, demo data and small files; large files go through importInBackground.
 */
export async function runImport(
  inTx: <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>,
  input: ImportInput,
): Promise<ImportReport> {
  // The file is parsed outside the transaction: a transaction held open while a worker parses
  // would hold up every other request on an embedded database.
  const parsed = parseFirst(input);
  await parsed?.catch(() => {}); // a refusal is reported by importStaged
  return inTx((tx) => importStaged((fn) => fn(tx), input, parsed, { temp: "commit-drop" }));
}

const parseFirst = (input: ImportInput) => (input.staged ? undefined : openTable(input.bytes!, input.profile.format));

/**
 * Runs an import as a background job. On the embedded database in short transactions on one
 * connection (the staging table is that session's): the reading, the checks and the merge each
 * commit on their own, so the site keeps answering while a large file is read; only the merge
 * writes the tenant's data. On PostgreSQL in one transaction with a staging table dropped at
 * commit: a long transaction holds up no reader there, and without session state the import also
 * runs behind a pooler in transaction mode (PgBouncer), where each transaction may get another
 * server connection.
 */
export async function importInBackground(
  db: Database,
  scope: TenantScope,
  input: ImportInput,
  onProgress?: (p: ImportProgress) => Promise<void> | void,
): Promise<ImportReport> {
  const parsed = parseFirst(input);
  await parsed?.catch(() => {});
  if (db.kind === "pg")
    return withTenant(db, scope, (tx) =>
      importStaged((fn) => fn(tx), input, parsed, { temp: "commit-drop", onProgress }),
    );
  return db.withConnection((conn) =>
    importStaged((fn) => withTenant(conn, scope, fn), input, parsed, {
      temp: "session",
      onProgress,
      sliceLines: 10_000,
    }),
  );
}

export async function listImports(tx: Tx, limit = 100, offset = 0) {
  return tx.select().from(monImports).orderBy(desc(monImports.at), desc(monImports.id)).limit(limit).offset(offset);
}

export async function getImport(tx: Tx, id: string) {
  const [imp] = await tx.select().from(monImports).where(eq(monImports.id, id));
  return imp;
}

export async function countImports(tx: Tx): Promise<number> {
  return (await tx.select({ n: count() }).from(monImports))[0].n;
}

/** What a rollback did: values removed (no import and no earlier value left), values now from another import or from before. */
export type RollbackResult = { ok: true; deleted: number; restored: number; kept: number };

/**
 * Takes an import back and keeps the history (issue 14): for every value the import read, the value
 * becomes what the latest remaining import says about it (imports in the order they were made,
 * mon_imports.seq), else the value from before any import (history), else it is removed. A value a
 * later import confirmed unchanged therefore stays, now as that import's. The file can be imported
 * again afterwards. Who rolled it back is kept with the import and in the audit log.
 */
export async function rollbackImport(tx: Tx, id: string): Promise<RollbackResult | { ok: false; error: ErrorCode }> {
  const [imp] = await tx.select().from(monImports).where(eq(monImports.id, id));
  if (!imp) return { ok: false, error: { code: "monitoring.importErrors.importNotFound" } };
  if (imp.rolledBackAt) return { ok: false, error: { code: "monitoring.importErrors.alreadyRolledBack" } };
  // Not while an import of this tenant merges: it could confirm a value this rollback is deciding about.
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('mon_import'), hashtext(app_tenant_id()::text))`);
  await tx
    .update(monImports)
    .set({
      rolledBackAt: new Date(),
      rolledBackBy: sql`nullif(current_setting('app.user_id', true), '')::uuid` as unknown as string,
      rolledBackByLabel:
        sql`coalesce(nullif(current_setting('app.actor_label', true), ''), 'System')` as unknown as string,
    })
    .where(eq(monImports.id, id));
  const t = `mon_rollback_${randomBytes(6).toString("hex")}`;
  const KEY = "indicator_id, area_id, period, group_code";
  // Every value the import read (imports before migration 0210 recorded only those they changed),
  // with what now replaces it: the latest remaining import's word, else the value before any import.
  await tx.execute(
    sql.raw(`CREATE TEMP TABLE ${t} ON COMMIT DROP AS
    WITH k AS (
      SELECT ${KEY} FROM mon_import_values WHERE import_id = '${imp.id}'
      UNION SELECT ${KEY} FROM mon_observations WHERE import_id = '${imp.id}'
      UNION SELECT ${KEY} FROM mon_observation_history WHERE import_id = '${imp.id}'),
    latest AS (
      SELECT DISTINCT ON (v.indicator_id, v.area_id, v.period, v.group_code) v.*
      FROM k JOIN mon_import_values v USING (${KEY})
      JOIN mon_imports i ON i.id = v.import_id AND i.rolled_back_at IS NULL
      ORDER BY v.indicator_id, v.area_id, v.period, v.group_code, i.seq DESC),
    before AS (
      SELECT DISTINCT ON (h.indicator_id, h.area_id, h.period, h.group_code) h.*
      FROM k JOIN mon_observation_history h USING (${KEY})
      WHERE h.previous_import_id IS NULL
      ORDER BY h.indicator_id, h.area_id, h.period, h.group_code, h.id DESC)
    SELECT k.indicator_id, k.area_id, k.period, k.group_code,
      COALESCE(l.import_id IS NOT NULL, false) AS from_import, (l.import_id IS NOT NULL OR b.id IS NOT NULL) AS present,
      l.import_id AS source_import,
      CASE WHEN l.import_id IS NOT NULL THEN l.value ELSE b.value END AS value,
      CASE WHEN l.import_id IS NOT NULL THEN l.numerator ELSE b.numerator END AS numerator,
      CASE WHEN l.import_id IS NOT NULL THEN l.denominator ELSE b.denominator END AS denominator,
      CASE WHEN l.import_id IS NOT NULL THEN l.is_estimate ELSE COALESCE(b.is_estimate, false) END AS is_estimate,
      CASE WHEN l.import_id IS NOT NULL THEN l.range_low ELSE b.range_low END AS range_low,
      CASE WHEN l.import_id IS NOT NULL THEN l.range_high ELSE b.range_high END AS range_high,
      CASE WHEN l.import_id IS NOT NULL THEN l.source ELSE b.source END AS source,
      CASE WHEN l.import_id IS NOT NULL THEN l.footnote ELSE b.footnote END AS footnote,
      CASE WHEN l.import_id IS NOT NULL THEN l.symbol ELSE b.symbol END AS symbol
    FROM k LEFT JOIN latest l USING (${KEY}) LEFT JOIN before b USING (${KEY})`),
  );
  const [c] = await rows<{ deleted: number; restored: number; kept: number }>(
    tx,
    sql.raw(`SELECT count(*) FILTER (WHERE o.id IS NOT NULL AND NOT r.present)::int AS deleted,
      count(*) FILTER (WHERE r.present AND (o.id IS NULL OR (${obsValues("o")}) IS DISTINCT FROM (${obsValues("r")})))::int AS restored,
      count(*) FILTER (WHERE r.present AND o.id IS NOT NULL AND (${obsValues("o")}) IS NOT DISTINCT FROM (${obsValues("r")}))::int AS kept
    FROM ${t} r LEFT JOIN mon_observations o USING (${KEY})`),
  );
  await tx.execute(
    sql.raw(`DELETE FROM mon_observations o USING ${t} r
    WHERE o.indicator_id = r.indicator_id AND o.area_id = r.area_id AND o.period = r.period AND o.group_code = r.group_code`),
  );
  await tx.execute(
    sql.raw(`INSERT INTO mon_observations (tenant_id, ${KEY}, ${OBS_VALUES}, import_id)
    SELECT app_tenant_id(), ${KEY}, ${OBS_VALUES}, source_import FROM ${t} WHERE present`),
  );
  const result = { deleted: Number(c.deleted), restored: Number(c.restored), kept: Number(c.kept) };
  await audit(tx, {
    action: "delete",
    entity: "mon_import",
    entityId: id,
    before: { file: imp.fileName, hash: imp.fileHash },
    after: { rolledBack: true, ...result },
  });
  return { ok: true, ...result };
}
