import { useEffect, useRef, useState, type ReactNode } from "react";
import { useFormat, useRoot, useT } from "~/kernel/ui/hooks";
import { Content, CONTENT_LANGUAGE, sourceName, useContentAttrs, withContent } from "~/kernel/ui/content";
import type { ValueState } from "~/kernel/value-states";
import type { ChartSpec } from "~/kernel/ui/charts";
import { unitDigits, unitLabel } from "./shared";
import { fieldText, indicatorText, type FieldTexts, type IndicatorTexts, type LangText, type TextPart } from "./texts";

// Browser-only parts (charts, map) load their libraries in an effect: the server renders the
// tables, which carry all information, and the page works without JavaScript.

// The pages and the downloads round alike (shared.ts).
export { unitDigits } from "./shared";

/** A unit for display: translated where it is a known one, else the tenant's own word, as content. */
export function Unit({ unit }: { unit: string }) {
  const t = useT();
  return <>{unitLabel(unit, t) ?? <Content>{unit}</Content>}</>;
}

/** indicatorText() and fieldText() in the page's language. */
export function useIndicatorTexts() {
  const t = useT();
  const lang = useRoot()?.lang ?? CONTENT_LANGUAGE;
  return {
    text: (i: IndicatorTexts, part: TextPart) => indicatorText(t, lang, i, part),
    name: (i: IndicatorTexts & { name: string }) => indicatorText(t, lang, i, "name")!,
    field: (f: FieldTexts) => fieldText(t, lang, f),
  };
}

/** An indicator as a choice of a staff form: its name in the page's language where it has one, and its code. */
export function useIndicatorOption() {
  const texts = useIndicatorTexts();
  return (i: IndicatorTexts & { name: string }) => {
    const n = texts.name(i);
    return { value: i.code, label: `${n.text} (${i.code})`, content: n.lang === CONTENT_LANGUAGE };
  };
}

/** An indicator's text: translated as it is, or the tenant's German marked as content. */
export function Text({ value }: { value: LangText | null }) {
  if (!value) return null;
  return value.lang === CONTENT_LANGUAGE ? <Content>{value.text}</Content> : <>{value.text}</>;
}

/** Attributes for an element that holds one such text only (a heading, a paragraph, an option). */
export function useTextAttrs() {
  const content = useContentAttrs();
  return (value: LangText | null) => (value?.lang === CONTENT_LANGUAGE ? content : {});
}

/**
 * A sentence of the interface with indicator texts in it: the translated ones go in as they are, the
 * tenant's own are marked as content (the kernel's withContent).
 */
export function withTexts(
  t: (key: string, vars?: Record<string, unknown>) => string,
  key: string,
  vars: Record<string, LangText>,
): ReactNode {
  const entries = Object.entries(vars);
  const plain = Object.fromEntries(entries.filter(([, v]) => v.lang !== CONTENT_LANGUAGE).map(([k, v]) => [k, v.text]));
  const content = Object.fromEntries(
    entries.filter(([, v]) => v.lang === CONTENT_LANGUAGE).map(([k, v]) => [k, v.text]),
  );
  return withContent((k, marks) => t(k, { ...marks, ...plain }), key, content);
}

/**
 * The sources under a view (the kernel's Sources, with translations): a source is translated where it
 * is the catalogue's source of one of the core indicators shown (`indicators`), else the tenant's.
 */
export function SourceLine({ sources, indicators }: { sources: string[]; indicators: IndicatorTexts[] }) {
  const t = useT();
  const texts = useIndicatorTexts();
  if (!sources.length) return null;
  const core = indicators.filter((i) => i.coreSet);
  const text = (source: string): LangText =>
    core.map((i) => texts.text({ ...i, source }, "source")!).find((x) => x.lang !== CONTENT_LANGUAGE) ?? {
      text: sourceName(source),
      lang: CONTENT_LANGUAGE,
    };
  return (
    <p className="kern-body--small source-line">
      {t("data.source")}:{" "}
      {sources.map((s, i) => (
        <span key={s}>
          {i > 0 && "; "}
          <Text value={text(s)} />
        </span>
      ))}
    </p>
  );
}

export function useValueFormat(unit: string) {
  const f = useFormat();
  const digits = unitDigits(unit);
  return (v: number | null | undefined) => f.number(v ?? null, digits);
}

/** States without a value that are the source's word (its symbol) or ours ("nicht erhoben", "keine Daten"). */
const WORD_STATES = new Set<ValueState>([
  "secret",
  "not_applicable",
  "not_yet_available",
  "unreliable",
  "not_collected",
]);

/**
 * One value in a table. The marker stands for a suppressed value only: a value that was not collected
 * says "nicht erhoben", a missing one "keine Daten". A range (25–30 %) and a footnote go with the value.
 */
export function ValueCell({
  value,
  suppressed,
  state,
  estimate,
  rangeLow,
  rangeHigh,
  footnote,
  marker,
  unit,
  reveal,
}: {
  value: number | null;
  suppressed: boolean;
  /** Omitted: derived from value and suppressed (a null value that is not suppressed is missing). */
  state?: ValueState;
  estimate?: boolean;
  rangeLow?: number | null;
  rangeHigh?: number | null;
  footnote?: string | null;
  marker: string;
  unit: string;
  reveal?: boolean;
}) {
  const t = useT();
  const fmt = useValueFormat(unit);
  const st: ValueState = state ?? (suppressed ? "suppressed" : value === null ? "no_data" : "value");
  const range =
    rangeLow != null && rangeHigh != null ? t("monitoring.range", { low: fmt(rangeLow), high: fmt(rangeHigh) }) : null;
  const note = footnote ? (
    <span className="kern-body--small value-footnote">
      {" "}
      <span className="kern-sr-only">{t("monitoring.footnote")}: </span>({footnote})
    </span>
  ) : null;
  if (value === null && st === "suppressed")
    return (
      <td className="kern-table__cell num" data-state="suppressed">
        <span aria-hidden="true">{marker}</span>
        <span className="kern-sr-only">{t("monitoring.suppressed")}</span>
      </td>
    );
  if (value === null) {
    // The source's symbol (".", "x", …) is its statement about the value, not our suppression.
    const word = WORD_STATES.has(st) ? st : "no_data";
    return (
      <td className="kern-table__cell num" data-state={word}>
        {range ?? t(`monitoring.states.${word}`)}
        {note}
      </td>
    );
  }
  return (
    <td className="kern-table__cell num" data-state={st}>
      {st === "limited" ? <abbr title={t("monitoring.states.limited")}>({fmt(value)})</abbr> : fmt(value)}
      {(estimate || st === "estimate") && st !== "limited" && <abbr title={t("monitoring.estimate")}> (S)</abbr>}
      {range && <span className="value-range"> ({range})</span>}
      {suppressed && reveal && (
        <>
          <span aria-hidden="true"> {marker}</span>
          <span className="kern-sr-only"> ({t("monitoring.suppressed")})</span>
        </>
      )}
      {note}
    </td>
  );
}

/**
 * A chart: from the first paint the server's SVG of it (`svg`, drawn from the same spec by the
 * loader), replaced by the interactive ECharts chart in a box of the same size once the library has
 * loaded; without JavaScript the SVG stays. Hidden from screen readers, which get the table.
 */
export function Chart({ spec, svg, label }: { spec: ChartSpec; svg: string | null; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const [ready, setReady] = useState(false);
  const { option } = spec;
  useEffect(() => {
    let disposed = false;
    let chart: { setOption(o: unknown): void; dispose(): void; resize(): void } | undefined;
    const onResize = () => chart?.resize();
    void import("echarts").then((echarts) => {
      if (disposed || !ref.current) return;
      chart = echarts.init(ref.current, undefined, { renderer: "svg" });
      chart.setOption({ animation: false, ...option });
      setReady(true);
      window.addEventListener("resize", onResize);
    });
    return () => {
      disposed = true;
      window.removeEventListener("resize", onResize);
      chart?.dispose();
    };
    // The option holds formatter functions, which JSON leaves out; its data decide whether to redraw.
  }, [JSON.stringify(option)]);
  return (
    <div
      className="chart"
      role="img"
      aria-label={label}
      data-ready={ready ? "true" : "false"}
      style={{ height: spec.height }}
    >
      {!ready && svg && <div className="chart__svg" dangerouslySetInnerHTML={{ __html: svg }} />}
      <div ref={ref} className="chart__live" />
    </div>
  );
}
