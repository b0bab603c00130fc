import "./strings";
import type { Block, DocumentModel, SeriesPoint } from "~/kernel/documents/model";
import { formatDate, todayBerlin } from "~/kernel/dates";
import { formatLocale, getT } from "~/kernel/i18n";
import { NO_DATA_COLOR, PALETTE } from "~/kernel/ui/classes";
import { SUPPRESSED_MARKER } from "../shared";
import { TREND_PERIODS, type MonitoringReportData, type ReportCell, type ReportIndicator } from "./data";

// The monitoring report as the kernel's neutral blocks (kernel/documents), written once and laid out
// as DOCX and tagged PDF. A suppressed cell has no number in the data (reveal: false), and every
// text here – tables, Alt texts, legends – is written from that data, so none can show one.

export function monitoringReportDocument(d: MonitoringReportData, lang = "de"): DocumentModel {
  const t = getT(lang);
  const loc = formatLocale(lang);
  const doc = (key: string, o?: Record<string, unknown>) => t(`monitoring.report.doc.${key}`, o ?? {});
  const levelName = t(`monitoring.levels.${d.level}`, { defaultValue: d.level });
  const today = formatDate(todayBerlin(), loc);
  const blocks: Block[] = [];
  const h = (level: 1 | 2 | 3 | 4, text: string) => blocks.push({ kind: "heading", level, text });
  const para = (text: string, opts: { bold?: boolean; small?: boolean } = {}) =>
    blocks.push({ kind: "paragraph", text, ...opts });

  // Title page: who, which period, when; what the report holds and how to read its symbols.
  para(d.tenantName, { bold: true });
  h(1, doc("title", { year: d.year }));
  para(doc("subtitle", { level: levelName }));
  blocks.push({
    kind: "fields",
    rows: [
      [doc("period"), d.year],
      [doc("level"), levelName],
      [doc("made"), today],
      [doc("count"), String(d.indicators.length)],
    ],
  });
  h(2, doc("contents"));
  blocks.push({ kind: "list", items: d.indicators.map((i) => i.name) });
  h(2, doc("about"));
  para(doc("aboutText", { count: TREND_PERIODS, level: levelName }));
  para(doc("disclosure", { threshold: d.threshold }));
  h(2, doc("symbols"));
  blocks.push({
    kind: "list",
    items: [
      doc("symbolSuppressed"),
      doc("symbolEstimate"),
      doc("symbolNotCollected"),
      doc("symbolNoData"),
      doc("symbolSource"),
      doc("symbolRange"),
      doc("symbolFootnote"),
    ],
  });
  if (d.sources.length) para(doc("sources", { sources: d.sources.join("; ") }), { small: true });
  para(doc("madeNote", { date: today }), { small: true });

  const geometry = new Map(d.areas.map((a) => [a.key, a.geometry]));
  for (const ind of d.indicators) {
    blocks.push({ kind: "pageBreak" });
    blocks.push(...indicatorBlocks(ind, d, lang, geometry));
  }

  const title = doc("title", { year: d.year });
  return {
    lang: loc,
    title: `${title} – ${d.tenantName}`,
    footer: doc("footer", { tenant: d.tenantName, year: d.year }),
    pageLabel: (page, pages) => doc("page", { page, pages }),
    blocks,
  };
}

/** Decimals of an indicator's numbers: none for whole numbers, two for a ratio without unit, else one. */
function digitsOf(ind: ReportIndicator): number {
  const values = [...ind.rows.map((r) => r.cell), ...ind.trend.map((x) => x.cell), ind.city?.cell].flatMap((c) =>
    c && c.value !== null ? [c.value] : [],
  );
  if (values.every((v) => Number.isInteger(v))) return 0;
  return ind.unit.trim() === "" ? 2 : 1;
}

function indicatorBlocks(
  ind: ReportIndicator,
  d: MonitoringReportData,
  lang: string,
  geometry: Map<string, unknown>,
): Block[] {
  const t = getT(lang);
  const loc = formatLocale(lang);
  const doc = (key: string, o?: Record<string, unknown>) => t(`monitoring.report.doc.${key}`, o ?? {});
  const levelName = t(`monitoring.levels.${d.level}`, { defaultValue: d.level });
  const digits = digitsOf(ind);
  const fmt = (v: number) =>
    new Intl.NumberFormat(loc, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(v);
  const unit = ind.unit.trim() || "–";
  const footnotes: string[] = [];
  const note = (text: string | null) => {
    if (!text) return "";
    let i = footnotes.indexOf(text);
    if (i < 0) i = footnotes.push(text) - 1;
    return ` [${i + 1}]`;
  };
  /** A cell as printed: the marker only when suppressed, the state's words when there is no value. */
  const cellText = (c: ReportCell): string => {
    if (!c) return t("monitoring.states.no_data");
    if (c.suppressed || c.state === "suppressed") return SUPPRESSED_MARKER;
    // The source's symbols (".", "x", "…", "/") are its statements, in words with the symbol.
    if (c.value === null)
      return ["secret", "not_applicable", "not_yet_available", "unreliable", "not_collected"].includes(c.state)
        ? t(`monitoring.states.${c.state}`)
        : t("monitoring.states.no_data");
    if (c.state === "limited") return `(${fmt(c.value)})`;
    return c.isEstimate || c.state === "estimate" ? doc("estimate", { value: fmt(c.value) }) : fmt(c.value);
  };
  const rangeText = (c: ReportCell) =>
    c && !c.suppressed && c.rangeLow != null && c.rangeHigh != null ? `${fmt(c.rangeLow)}–${fmt(c.rangeHigh)}` : "";
  const point = (period: string, c: ReportCell): SeriesPoint => ({
    period,
    value: c && !c.suppressed ? c.value : null,
    suppressed: !!c?.suppressed,
  });
  const blocks: Block[] = [];
  const h = (level: 1 | 2 | 3 | 4, text: string) => blocks.push({ kind: "heading", level, text });
  const para = (text: string, opts: { bold?: boolean; small?: boolean } = {}) =>
    blocks.push({ kind: "paragraph", text, ...opts });

  h(2, ind.group === "gesamt" ? ind.name : `${ind.name} (${doc("groupOf", { group: ind.group })})`);
  // Definition.
  h(3, doc("definition"));
  if (ind.description) para(ind.description);
  if (ind.definition) para(doc("declaredDefinition", { definition: ind.definition }));
  blocks.push({
    kind: "fields",
    rows: [
      [doc("code"), ind.code],
      [doc("unit"), unit],
      [doc("sourceField"), ind.source ?? doc("none")],
      [doc("dimension"), t(`monitoring.dimensions.${ind.dimension}`, { defaultValue: ind.dimension })],
      [doc("field"), ind.field],
      [
        doc("derivation"),
        ind.derivation
          ? t(`monitoring.ops.${ind.derivation.op}`, { a: ind.derivation.a, b: ind.derivation.b })
          : doc("baseSeries"),
      ],
      [doc("group"), ind.group === "gesamt" ? t("monitoring.gesamt") : ind.group],
      [doc("visibility"), doc(ind.isPublic ? "public" : "internal")],
    ],
  });
  if (!ind.period) {
    para(doc("noPeriod", { year: d.year }));
    return blocks;
  }

  // The whole town: its value and trend.
  h(3, doc("city"));
  if (ind.city) {
    para(
      doc("cityValue", {
        area: ind.city.name,
        period: ind.period,
        value: `${cellText(ind.city.cell)}${ind.city.cell?.value != null ? ` ${ind.unit}` : ""}${note(ind.city.cell?.footnote ?? null)}`,
      }),
      { bold: true },
    );
    if (ind.trend.length) {
      const values = ind.trend.map((x) => `${x.period} ${cellText(x.cell)}`).join(", ");
      blocks.push({
        kind: "chart",
        series: ind.trend.map((x) => point(x.period, x.cell)),
        compare: null,
        caption: doc("trendCaption", { indicator: ind.name, area: ind.city.name }),
        alt: doc("trendAlt", { indicator: ind.name, unit, area: ind.city.name, values }),
        targetValue: null,
        targetLabel: null,
        table: {
          head: [doc("periodColumn"), doc("valueColumn", { unit })],
          rows: ind.trend.map((x) => [x.period, cellText(x.cell)]),
        },
      });
    }
  } else para(t("monitoring.states.no_data"));

  // The map and, next to it, the same values as a table.
  h(3, doc("map", { level: levelName }));
  const withGeometry = ind.rows.filter((r) => geometry.get(r.key));
  const classes = ind.breaks.map((b, i) => ({
    n: i + 1,
    from: fmt(i === 0 ? ind.min! : ind.breaks[i - 1]),
    to: fmt(b),
    count: ind.rows.filter((r) => r.color === PALETTE[i]).length,
  }));
  const without = ind.rows.filter((r) => r.color === NO_DATA_COLOR).length;
  if (withGeometry.length) {
    blocks.push({
      kind: "map",
      caption: doc("mapCaption", { indicator: ind.name, unit, level: levelName, period: ind.period }),
      alt: doc("mapAlt", {
        indicator: ind.name,
        unit,
        level: levelName,
        period: ind.period,
        classes: [
          ...classes.map((c) => doc("mapAltClass", c)),
          ...(without ? [doc("mapAltNone", { count: without })] : []),
        ].join(" "),
      }),
      areas: withGeometry.map((r) => ({
        key: r.key,
        name: r.name,
        geometry: geometry.get(r.key) as never,
        color: r.color,
      })),
      legendTitle: `${doc("legendTitle")} (${unit})`,
      legend: [
        ...classes.map((c) => ({ color: PALETTE[c.n - 1], label: doc("legendClass", { ...c, unit: ind.unit }) })),
        ...(without ? [{ color: NO_DATA_COLOR, label: doc("legendNone") }] : []),
      ],
    });
  } else para(doc("noMap"));

  h(3, doc("table", { level: levelName }));
  const hasRange = ind.rows.some((r) => rangeText(r.cell));
  const body = ind.rows.map((r) => [
    r.key,
    r.name,
    cellText(r.cell),
    ...(hasRange ? [rangeText(r.cell)] : []),
    note(r.cell?.footnote ?? null).trim(),
  ]);
  const hasNotes = body.some((r) => r[r.length - 1] !== "");
  blocks.push({
    kind: "table",
    caption: doc("tableCaption", { indicator: ind.name, level: levelName, period: ind.period }),
    head: [
      doc("key"),
      levelName,
      doc("valueColumn", { unit }),
      ...(hasRange ? [doc("range")] : []),
      ...(hasNotes ? [doc("footnote")] : []),
    ],
    rows: hasNotes ? body : body.map((r) => r.slice(0, -1)),
  });
  if (footnotes.length) {
    para(doc("footnotes"), { bold: true });
    blocks.push({ kind: "list", items: footnotes.map((f, i) => `[${i + 1}] ${f}`) });
  }
  if (ind.sources.length) para(doc("source", { sources: ind.sources.join("; ") }), { small: true });
  return blocks;
}
