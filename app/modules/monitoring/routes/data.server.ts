import { data } from "react-router";
import ExcelJS from "exceljs";
import type { RouterContextProvider } from "react-router";
import { effectiveRole, requestContext, tenantTx, tFor } from "~/kernel/http/context";
import { chartSvg } from "~/kernel/ui/charts.server";
import { formatsFor } from "~/kernel/ui/hooks";
import { indicatorCharts } from "../charts";
import { roleAtLeast } from "~/kernel/roles";
import type { Tx } from "~/kernel/db/client";
import { classBreaks, classOf, type Classification } from "~/kernel/ui/classes";
import {
  AREA_LEVELS,
  areaRef,
  compareKeys,
  parseAreaRef,
  roundAsShown,
  SUPPRESSED_MARKER,
  unitDigits,
} from "../shared";
import {
  disclosureThreshold,
  getIndicator,
  listIndicators,
  type Derivation,
  type Indicator,
} from "../services/indicators";
import { facets, indicatorValues, sourcesOf, type Cell } from "../services/values";
import { areasGeoJson, listAreas } from "../services/areas";
import { bbox } from "../services/geo";
import { csvResponse, csvVariantFrom, toCsv } from "~/kernel/csv";
import { getT } from "~/kernel/i18n";
import type { ValueState } from "~/kernel/disclosure";
import { ATTAINMENT_STATUSES, attainments, type TargetSpec } from "../services/attainment";

type Ctx = Readonly<RouterContextProvider>;

/** Staff from editor up see suppressed values; everyone else (and every public page) sees the marker. */
export function mayReveal(context: Ctx, staff: boolean): boolean {
  return staff && roleAtLeast(effectiveRole(context) ?? undefined, "editor");
}

/** An operand of a derivation as the page names it: the indicator (translatable, texts.ts) and the group. */
function operand(o: Derivation["a"], byCode: Map<string, Indicator>) {
  const i = byCode.get(o.indicator);
  return { code: o.indicator, coreSet: i?.coreSet ?? false, name: i?.name ?? o.indicator, group: o.group };
}

export function indicatorSummary(i: Indicator, byCode: Map<string, Indicator>) {
  const d = i.derivation as Derivation | null;
  return {
    code: i.code,
    name: i.name,
    description: i.description,
    definition: i.definition,
    field: i.field,
    fieldEn: i.fieldEn,
    fieldPreset: i.fieldPreset,
    dimension: i.dimension,
    unit: i.unit,
    source: i.source,
    coreSet: i.coreSet,
    isPublic: i.isPublic,
    isCount: i.isCount,
    derivation: d ? { op: d.op, a: operand(d.a, byCode), b: operand(d.b, byCode) } : null,
    target:
      i.targetValue != null || i.targetParity
        ? { value: i.targetValue, direction: i.targetDirection, year: i.targetYear, parity: i.targetParity }
        : null,
  };
}

async function findIndicator(tx: Tx, code: string, staff: boolean, context: Ctx) {
  const ind = await getIndicator(tx, code);
  if (!ind || (!ind.isPublic && !staff)) throw data({ message: tFor(context)("errors.notFound") }, { status: 404 });
  return ind;
}

export async function loadIndicatorPage(context: Ctx, code: string, url: URL, staff: boolean) {
  const page = await indicatorPageData(context, code, url, staff);
  // Drawn after the transaction: the charts cost CPU, not the database.
  const specs = indicatorCharts(page, tFor(context), formatsFor(context.get(requestContext).lang).number);
  const any = page.periods.length > 0;
  return {
    ...page,
    charts: {
      timeSeries: any ? await chartSvg(specs.timeSeries) : null,
      comparison: any && page.comparison.length ? await chartSvg(specs.comparison) : null,
    },
  };
}

async function indicatorPageData(context: Ctx, code: string, url: URL, staff: boolean) {
  const reveal = mayReveal(context, staff);
  return tenantTx(context, async (tx) => {
    const ind = await findIndicator(tx, code, staff, context);
    const byCode = new Map((await listIndicators(tx)).map((i) => [i.code, i]));
    const cells = await indicatorValues(tx, ind, {}, { reveal });
    const f = facets(cells);
    const q = url.searchParams;
    const period = f.periods.includes(q.get("jahr") ?? "") ? q.get("jahr")! : (f.periods[f.periods.length - 1] ?? "");
    const group = f.groups.includes(q.get("gruppe") ?? "") ? q.get("gruppe")! : (f.groups[0] ?? "gesamt");
    const levels = AREA_LEVELS.filter((l) => f.levels.includes(l));
    const level = levels.includes(q.get("ebene") as never)
      ? q.get("ebene")!
      : levels.includes("stadtteil")
        ? "stadtteil"
        : (levels[levels.length - 1] ?? "stadtteil");
    const cls: Classification = q.get("klassen") === "equal" ? "equal" : "quantile";
    const areaKeys = [
      ...new Map(cells.map((c) => [c.areaId, { key: c.areaKey, name: c.areaName, level: c.areaLevel }])).values(),
    ].sort(
      (a, b) =>
        AREA_LEVELS.indexOf(a.level as never) - AREA_LEVELS.indexOf(b.level as never) || compareKeys(a.key, b.key),
    );
    // ?gebiet=stadtbezirk/7 (areaRef); a bare key from an old link picks the top level with that key.
    const wanted = parseAreaRef(q.get("gebiet"));
    const area =
      areaKeys.find((a) => wanted && a.key === wanted.key && (!wanted.level || a.level === wanted.level)) ??
      areaKeys.find((a) => a.level === "stadt") ??
      areaKeys[0];

    const seriesCells = cells.filter((c) => c.areaKey === area?.key && c.areaLevel === area?.level);
    const series = {
      periods: f.periods,
      groups: f.groups.filter((g) => seriesCells.some((c) => c.group === g)),
      values: Object.fromEntries(
        f.groups.map((g) => [
          g,
          f.periods.map((p) => {
            const c = seriesCells.find((x) => x.group === g && x.period === p);
            return c ? { v: c.value, s: c.suppressed, e: c.isEstimate, st: c.state, ...extras(c) } : null;
          }),
        ]),
      ),
    };
    const comp = cells.filter((c) => c.period === period && c.group === group && c.areaLevel === level);
    const breaks = classBreaks(
      comp.filter((c) => c.value !== null).map((c) => c.value!),
      5,
      cls,
    );
    // Highest value first, as the bars and the table beside the map show them.
    const comparison = comp
      .toSorted((a, b) => (b.value ?? -Infinity) - (a.value ?? -Infinity))
      .map((c) => ({
        key: c.areaKey,
        name: c.areaName,
        value: c.value,
        suppressed: c.suppressed,
        estimate: c.isEstimate,
        state: c.state,
        ...extras(c),
        cls: c.value === null ? null : classOf(c.value, breaks),
      }));
    const geo = await areasGeoJson(tx, level);
    const box = bbox(geo.features);
    return {
      indicator: indicatorSummary(ind, byCode),
      reveal,
      staff,
      threshold: await disclosureThreshold(tx),
      marker: SUPPRESSED_MARKER,
      periods: f.periods,
      groups: f.groups,
      levels,
      areas: areaKeys,
      sel: { period, group, level, cls, area: area ? areaRef(area) : "" },
      areaName: area?.name ?? "",
      series,
      comparison,
      breaks,
      map: box ? { level, bounds: box } : null,
      sources: sourcesOf(cells, ind),
    };
  });
}

export type IndicatorPageData = Awaited<ReturnType<typeof loadIndicatorPage>>;

/** Range and footnote of a value, for the views (kept out of the loader data when absent). */
function extras(c: Pick<Cell, "rangeLow" | "rangeHigh" | "footnote">) {
  return {
    ...(c.rangeLow != null && c.rangeHigh != null ? { lo: c.rangeLow, hi: c.rangeHigh } : {}),
    ...(c.footnote ? { fn: c.footnote } : {}),
  };
}

/** A state in German words for the downloads (whatever the page language, like their column names). */
const stateDe = (s: ValueState) => getT("de")(`monitoring.states.${s}`);

/** Excel's number format for a unit's decimals ("0", "0.0", "0.00"). */
const numFmt = (digits: number) => (digits ? `0.${"0".repeat(digits)}` : "0");

/** A column of a download: its name and, for values, the decimals they are shown with. */
type Col = { header: string; digits?: number };

/**
 * One table as German Excel CSV (kernel writer) or XLSX. The CSV is nothing but the table – the source
 * is a column – so that it reads back through an import; the XLSX puts the notes on a second sheet.
 */
export async function tableResponse(
  format: string | null,
  name: string,
  cols: Col[],
  body: (string | number | boolean | null)[][],
  notes: string[],
): Promise<Response> {
  if (format !== "xlsx")
    return csvResponse(
      toCsv({ columns: cols.map((c) => ({ header: c.header, decimals: c.digits })), rows: body }, "de"),
      `${name}.csv`,
    );
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(name.slice(0, 31));
  ws.addRow(cols.map((c) => c.header)).font = { bold: true };
  for (const r of body) {
    const row = ws.addRow(r.map((v) => (typeof v === "boolean" ? (v ? "ja" : "nein") : v)));
    cols.forEach((c, i) => {
      if (c.digits !== undefined && typeof r[i] === "number") row.getCell(i + 1).numFmt = numFmt(c.digits);
    });
  }
  const notesSheet = wb.addWorksheet("Hinweise");
  for (const f of notes) notesSheet.addRow([f]);
  const buf = await wb.xlsx.writeBuffer();
  return new Response(buf as ArrayBuffer, {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="${name}.xlsx"`,
    },
  });
}
/**
 * A value for a (German) download, rounded as the page shows it: the marker only when suppressed,
 * "nicht erhoben" for an observation without value, "keine Daten" when there is none.
 */
const cellOut = (v: number | null, suppressed: boolean, unit: string, state?: ValueState) =>
  v !== null
    ? roundAsShown(v, unit)
    : suppressed
      ? SUPPRESSED_MARKER
      : stateDe(state && WORD_STATES.has(state) ? state : "no_data");
/** States without a value that have words: the source's symbols (".", "x", "…", "/") and "nicht erhoben". */
const WORD_STATES = new Set<ValueState>([
  "secret",
  "not_applicable",
  "not_yet_available",
  "unreliable",
  "not_collected",
]);
const MARKER_NOTE = `${SUPPRESSED_MARKER} = unterdrückt (weniger Personen als die Geheimhaltungsschwelle oder zum Schutz eines unterdrückten Werts vor Rückrechnung)`;
const STATE_NOTE =
  "nicht erhoben = nicht erfasst; keine Daten = kein Wert geliefert; Zeichen der Quelle (Destatis): . = geheim, x = Tabellenfach gesperrt, … = noch nicht verfügbar, / = nicht sicher genug, Aussagewert eingeschränkt = Wert in Klammern; - der Quelle steht als 0";
const ROUND_NOTE =
  "Werte gerundet wie auf der Seite angezeigt; ungerundet im Download „Offene Daten“ der Indikatorseite.";
/** "25–30" for a range, empty without one. */
const rangeOut = (r: { lo?: number; hi?: number }, unit: string) =>
  r.lo != null && r.hi != null ? `${roundAsShown(r.lo, unit)}–${roundAsShown(r.hi, unit)}`.replace(/\./g, ",") : "";

export async function exportAreaProfile(
  context: Ctx,
  level: string,
  key: string,
  format: string | null,
): Promise<Response> {
  const d = await loadAreaProfile(context, level, key, false);
  const levelName = getT("de")(`monitoring.levels.${d.area.level}`);
  // Each row has its own unit, so the values carry their rounding, not the column.
  return tableResponse(
    format,
    `gebietsprofil-${d.area.level}-${d.area.key}`,
    [
      "Indikator",
      "Code",
      "Zeitraum",
      `${d.area.name} (${levelName} ${d.area.key})`,
      "Bereich",
      "Fußnote",
      "Gesamtstadt",
      "Einheit",
      "Quelle",
    ].map((header) => ({ header })),
    d.rows.map((r) => [
      r.name,
      r.code,
      r.period,
      cellOut(r.value, r.suppressed, r.unit, r.state),
      rangeOut(r, r.unit),
      r.fn ?? "",
      cellOut(r.city, r.citySuppressed, r.unit, r.cityState),
      r.unit,
      r.sources.join("; "),
    ]),
    [MARKER_NOTE, STATE_NOTE, ROUND_NOTE],
  );
}

export async function exportGoals(context: Ctx, format: string | null): Promise<Response> {
  const d = await loadGoals(context, false);
  // The download is German like its column names, whatever the page language.
  const t = getT("de");
  const percent = (v: number | null) => (v === null ? "" : Math.round(v * 1000) / 10);
  return tableResponse(
    format,
    "zielerreichung",
    [
      "Indikator",
      "Code",
      "Gebiet",
      "Zeitraum",
      "Ist",
      "Soll",
      "Richtung",
      "Zieljahr",
      "Ausgangszeitraum",
      "Ausgangswert",
      "Fortschritt (%)",
      "Erwartet (%)",
      "Stand",
      "Quelle",
    ].map((header) => ({ header })),
    d.rows.map((r) => [
      r.name,
      r.code,
      r.area?.name ?? "",
      r.period ?? "",
      cellOut(r.value, r.suppressed, r.unit),
      r.target === null ? "" : roundAsShown(r.target, r.unit),
      r.parity ? "Parität" : r.direction,
      r.targetYear ?? "",
      r.baseline?.period ?? "",
      r.baseline ? roundAsShown(r.baseline.value, r.unit) : "",
      percent(r.progress),
      percent(r.expected),
      t(`monitoring.attainment.status.${r.status}`),
      r.sources.join("; "),
    ]),
    [
      MARKER_NOTE,
      STATE_NOTE,
      ROUND_NOTE,
      `${t("monitoring.attainment.ruleTitle")}: ${t("monitoring.attainment.ruleIntro")}`,
      ...ATTAINMENT_STATUSES.map(
        (x) => `${t(`monitoring.attainment.status.${x}`)}: ${t(`monitoring.attainment.rule.${x}`)}`,
      ),
    ],
  );
}

/** The tables of the indicator page a download can hold: the selected area's series or the comparison. */
export const INDICATOR_TABLES = ["zeitreihe", "vergleich"] as const;

const INDICATOR_HEADER = (unit: string) => [
  "Indikator",
  "Gebietsschlüssel",
  "Gebiet",
  "Ebene",
  "Zeitraum",
  "Gruppe",
  `Wert (${unit})`,
  "unterdrückt",
  "Schätzwert",
  "Status",
  "Bereich von",
  "Bereich bis",
  "Fußnote",
  "Quelle",
];

/**
 * An indicator's values as a download. CSV for Excel and XLSX hold what the page shows for its
 * selection (`?jahr`, `gruppe`, `ebene`, `gebiet`, read by the page's own loader): the selected area's
 * time series, or with `?tabelle=vergleich` the comparison of the areas of one level, period and
 * group – rounded as shown, with the page's disclosure control. `?variante=offen` is the open-data
 * file: every published value of the indicator at full precision, whatever the selection, never with
 * a revealed value.
 */
export async function exportIndicator(context: Ctx, code: string, url: URL, staff: boolean): Promise<Response> {
  const format = url.searchParams.get("format") === "xlsx" ? "xlsx" : "csv";
  if (format === "csv" && csvVariantFrom(url) === "offen") return openIndicatorData(context, code, staff);
  const d = await loadIndicatorPage(context, code, url, staff);
  const ind = d.indicator;
  const digits = unitDigits(ind.unit);
  const sources = d.sources.join("; ");
  const row = (
    a: { key: string; name: string; level: string },
    period: string,
    group: string,
    c: { v: number | null; s: boolean; e?: boolean; st: ValueState; lo?: number; hi?: number; fn?: string },
  ) => [
    ind.code,
    a.key,
    a.name,
    a.level,
    period,
    group,
    cellOut(c.v, c.s, ind.unit, c.st),
    c.s,
    !!c.e,
    stateDe(c.st),
    c.lo == null ? null : roundAsShown(c.lo, ind.unit),
    c.hi == null ? null : roundAsShown(c.hi, ind.unit),
    c.fn ?? "",
    sources,
  ];
  const table = url.searchParams.get("tabelle") === "vergleich" ? "vergleich" : "zeitreihe";
  const area = d.areas.find((a) => areaRef(a) === d.sel.area);
  const rows =
    table === "vergleich"
      ? d.comparison.map((c) =>
          row({ key: c.key, name: c.name, level: d.sel.level }, d.sel.period, d.sel.group, {
            ...c,
            v: c.value,
            s: c.suppressed,
            e: c.estimate,
            st: c.state,
          }),
        )
      : area
        ? d.series.groups.flatMap((g) =>
            d.series.periods.flatMap((p, i) => {
              const c = d.series.values[g]?.[i];
              return c ? [row(area, p, g, c)] : [];
            }),
          )
        : [];
  const name =
    table === "vergleich"
      ? `${ind.code}-${d.sel.level}-${d.sel.period}-${d.sel.group}`
      : `${ind.code}-${area ? `${area.level}-${area.key}` : "zeitreihe"}`;
  const cols: Col[] = INDICATOR_HEADER(ind.unit).map((header, i) =>
    i === 6 || i === 10 || i === 11 ? { header, digits } : { header },
  );
  return tableResponse(format, name.replace(/[^\w.-]+/g, "_"), cols, rows, [MARKER_NOTE, STATE_NOTE, ROUND_NOTE]);
}

/** The open-data file of an indicator (decision 0007's `offen` dialect): all published cells, unrounded. */
async function openIndicatorData(context: Ctx, code: string, staff: boolean): Promise<Response> {
  const { ind, cells } = await tenantTx(context, async (tx) => {
    const ind = await findIndicator(tx, code, staff, context);
    return { ind, cells: await indicatorValues(tx, ind, {}, { reveal: false }) };
  });
  const sources = sourcesOf(cells, ind).join("; ");
  const rows = cells.map((c) => [
    ind.code,
    c.areaKey,
    c.areaName,
    c.areaLevel,
    c.period,
    c.group,
    c.value,
    c.suppressed,
    c.isEstimate,
    stateDe(c.state),
    c.rangeLow,
    c.rangeHigh,
    c.footnote,
    sources,
  ]);
  return csvResponse(toCsv({ columns: INDICATOR_HEADER(ind.unit), rows }, "offen"), `${ind.code}-offene-daten.csv`);
}

/** All public indicators of one area (level, key) against the city, for the latest period each has. */
export async function loadAreaProfile(context: Ctx, level: string, key: string, staff: boolean) {
  const reveal = mayReveal(context, staff);
  return tenantTx(context, async (tx) => {
    const areas = await listAreas(tx);
    const area = areas.find((a) => a.level === level && a.key === key);
    if (!area) throw data({ message: tFor(context)("errors.notFound") }, { status: 404 });
    const city = areas.find((a) => a.level === "stadt");
    const inds = await listIndicators(tx, { publicOnly: !staff });
    const out = [];
    const sources = new Set<string>();
    for (const ind of inds) {
      const cells = await indicatorValues(
        tx,
        ind,
        { areas: city ? [area, city] : [area], group: "gesamt" },
        { reveal },
      );
      const mine = cells.filter((c) => c.areaId === area.id);
      if (!mine.length) continue;
      const last = mine[mine.length - 1];
      const c = city ? cells.find((x) => x.areaId === city.id && x.period === last.period) : undefined;
      const own = sourcesOf(mine, ind);
      own.forEach((s) => sources.add(s));
      out.push({
        code: ind.code,
        name: ind.name,
        coreSet: ind.coreSet,
        unit: ind.unit,
        field: ind.field,
        period: last.period,
        value: last.value,
        suppressed: last.suppressed,
        state: last.state,
        estimate: last.isEstimate,
        ...extras(last),
        city: c?.value ?? null,
        citySuppressed: c?.suppressed ?? false,
        cityState: (c?.state ?? "no_data") as ValueState,
        cityEstimate: c?.isEstimate ?? false,
        sources: own,
      });
    }
    return {
      area: { key: area.key, name: area.name, level: area.level },
      rows: out,
      sources: [...sources],
      marker: SUPPRESSED_MARKER,
      threshold: await disclosureThreshold(tx),
      reveal,
      siblings: areas.filter((a) => a.level === area.level).map((a) => ({ key: a.key, name: a.name })),
    };
  });
}

/**
 * Ist vs. Soll for every indicator with a target, judged by the one attainment rule (assess(), on
 * disclosed values only) at the city, or the topmost level with values. A parity indicator is a
 * ratio whose target is 1.
 */
export async function loadGoals(context: Ctx, staff: boolean) {
  return tenantTx(context, async (tx) => {
    const inds = (await listIndicators(tx, { publicOnly: !staff })).filter(
      (i) => i.targetValue != null || i.targetParity,
    );
    const results = await attainments(
      tx,
      inds.map((i) => ({ indicator: i.code, target: targetOf(i) })),
    );
    const rows = inds.map((ind, n) => {
      const a = results[n]!;
      const t = targetOf(ind);
      return {
        code: ind.code,
        name: ind.name,
        coreSet: ind.coreSet,
        unit: ind.unit,
        area: a.area,
        period: a.latest?.period ?? null,
        value: a.latest?.value ?? null,
        suppressed: a.latest?.suppressed ?? false,
        target: t.value,
        direction: t.direction,
        parity: ind.targetParity,
        targetYear: ind.targetYear,
        status: a.status,
        baseline: a.baseline,
        progress: a.progress,
        expected: a.expected,
        sources: a.sources ?? [],
      };
    });
    return {
      rows,
      statuses: ATTAINMENT_STATUSES,
      sources: [...new Set(results.flatMap((r) => r?.sources ?? []))],
      marker: SUPPRESSED_MARKER,
      threshold: await disclosureThreshold(tx),
    };
  });
}

function targetOf(i: Indicator): TargetSpec {
  return i.targetParity
    ? { kind: "value", value: 1, direction: "hoch", year: i.targetYear }
    : {
        kind: "value",
        value: i.targetValue,
        direction: i.targetDirection === "niedrig" ? "niedrig" : "hoch",
        year: i.targetYear,
      };
}
