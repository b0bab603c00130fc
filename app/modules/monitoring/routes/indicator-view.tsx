import { Form, Link } from "react-router";
import { PageTitle, Select } from "~/kernel/ui/forms";
import { useFormat, useT } from "~/kernel/ui/hooks";
import { ChoroplethMap, Legend } from "~/kernel/ui/choropleth";
import { PALETTE } from "~/kernel/ui/classes";
import { Chart, SourceLine, Text, Unit, useIndicatorTexts, useTextAttrs, ValueCell, withTexts } from "../components";
import { Content } from "~/kernel/ui/content";
import { Term } from "~/kernel/ui/term";
import { groupName, indicatorCharts } from "../charts";
import type { IndicatorPageData } from "./data.server";
import { areaPath, areaRef, unitDigits } from "../shared";
import "~/kernel/ui/data-view.css";
import "../monitoring.css";
import "maplibre-gl/dist/maplibre-gl.css";

export function IndicatorView({
  d,
  base,
  children,
}: {
  d: IndicatorPageData;
  base: string;
  /** Staff-only parts below the data (the declared base form). */
  children?: React.ReactNode;
}) {
  const t = useT();
  const f = useFormat();
  const texts = useIndicatorTexts();
  const attrs = useTextAttrs();
  const ind = d.indicator;
  const name = texts.name(ind);
  const description = texts.text(ind, "description");
  const groupLabel = (g: string) => groupName(g, t);
  // "Einwohner (mit_mh)": the operand's name in the page's language where it has one, with its group.
  const operand = (o: NonNullable<typeof ind.derivation>["a"]) => {
    const n = texts.name(o);
    return o.group ? { ...n, text: `${n.text} (${groupLabel(o.group)})` } : n;
  };
  const levelLabel = t(`monitoring.levels.${d.sel.level}`);
  // The series' area with its level: a Stadtbezirk and a Stadtteil may share a name.
  const selArea = d.areas.find((a) => areaRef(a) === d.sel.area);
  const areaLabel = selArea
    ? t("monitoring.profileLevel", { name: selArea.name, level: t(`monitoring.levels.${selArea.level}`) })
    : d.areaName;
  // The downloads beside each table hold that table for the selection shown (not the whole data set).
  const exportBase = `${base}/indikator/${ind.code}/export`;
  const selection = new URLSearchParams({
    jahr: d.sel.period,
    gruppe: d.sel.group,
    ebene: d.sel.level,
    gebiet: d.sel.area,
  }).toString();
  // Named by the table's caption too: "CSV" alone would not say which table.
  const downloads = (table: string, describedBy: string) => (
    <p className="kern-body">
      {t("monitoring.export")}:{" "}
      {(["csv", "xlsx"] as const).map((format, i) => (
        <span key={format}>
          {i > 0 && " · "}
          <a
            className="kern-link"
            href={`${exportBase}?format=${format}&tabelle=${table}&${selection}`}
            aria-describedby={describedBy}
            download
          >
            {t(format === "csv" ? "monitoring.exportCsv" : "monitoring.exportXlsx")}
          </a>
        </span>
      ))}
    </p>
  );
  const values = d.comparison.filter((c) => c.value !== null).map((c) => c.value!);
  const min = values.length ? Math.min(...values) : null;
  const hasSuppressed =
    d.comparison.some((c) => c.suppressed) || Object.values(d.series.values).some((l) => l.some((x) => x?.s));

  const charts = indicatorCharts(d, t, f.number);

  return (
    <main id="inhalt" className="kern-container page stack">
      <PageTitle>{name.text}</PageTitle>
      <p>
        <Link className="kern-link" to={base}>
          {t("monitoring.title")}
        </Link>
      </p>
      <h1 className="kern-heading-large" {...attrs(name)}>
        {name.text}
      </h1>
      {description && (
        <p className="kern-body" {...attrs(description)}>
          {description.text}
        </p>
      )}
      <dl className="kern-description-list">
        <div className="kern-description-list-item">
          <dt className="kern-description-list-item__key">{t("monitoring.field")}</dt>
          <dd className="kern-description-list-item__value">
            <Text value={texts.field(ind)} /> · {t(`monitoring.dimensions.${ind.dimension}`)} ·{" "}
            {ind.coreSet ? <Term id="kernset">{t("monitoring.core")}</Term> : t("monitoring.local")}
          </dd>
        </div>
        <div className="kern-description-list-item">
          <dt className="kern-description-list-item__key">{t("monitoring.unit")}</dt>
          <dd className="kern-description-list-item__value">
            <Unit unit={ind.unit} />
            {ind.derivation && (
              <>
                {" – "}
                {withTexts(t, `monitoring.ops.${ind.derivation.op}`, {
                  a: operand(ind.derivation.a),
                  b: operand(ind.derivation.b),
                })}
              </>
            )}
          </dd>
        </div>
        {(ind.definition || ind.derivation) && (
          <div className="kern-description-list-item">
            <dt className="kern-description-list-item__key">{t("monitoring.definition")}</dt>
            <dd className="kern-description-list-item__value">
              {ind.derivation ? t("monitoring.definitionDerived") : <Content>{ind.definition}</Content>}
            </dd>
          </div>
        )}
      </dl>
      {d.reveal && (
        <div className="kern-alert kern-alert--warning">
          <div className="kern-alert__body">
            <p className="kern-body">{t("monitoring.revealNote")}</p>
          </div>
        </div>
      )}
      <p className="kern-body">{t("monitoring.infoWithoutMap")}</p>

      {d.periods.length === 0 ? (
        <p>{t("monitoring.noData")}</p>
      ) : (
        <>
          <Form method="get" className="filter-bar" aria-label={t("monitoring.choose")}>
            <Select
              name="jahr"
              label={t("monitoring.period")}
              defaultValue={d.sel.period}
              required
              options={d.periods.map((p) => ({ value: p, label: p }))}
            />
            <Select
              name="gruppe"
              label={t("monitoring.group")}
              defaultValue={d.sel.group}
              required
              options={d.groups.map((g) => ({ value: g, label: groupLabel(g) }))}
            />
            <Select
              name="ebene"
              label={t("monitoring.level")}
              defaultValue={d.sel.level}
              required
              options={d.levels.map((l) => ({ value: l, label: t(`monitoring.levels.${l}`) }))}
            />
            <Select
              name="gebiet"
              label={t("monitoring.area")}
              defaultValue={d.sel.area}
              required
              options={d.areas.map((a) => ({
                value: areaRef(a),
                label: `${a.name} (${t(`monitoring.levels.${a.level}`)} ${a.key})`,
              }))}
            />
            <Select
              name="klassen"
              label={t("monitoring.classification")}
              defaultValue={d.sel.cls}
              required
              options={[
                { value: "quantile", label: t("monitoring.quantile") },
                { value: "equal", label: t("monitoring.equal") },
              ]}
            />
            <div>
              <button type="submit" className="kern-btn kern-btn--primary">
                <span className="kern-label">{t("monitoring.show")}</span>
              </button>
            </div>
          </Form>

          <section aria-labelledby="ts-h" className="stack">
            <h2 id="ts-h" className="kern-heading-medium">
              {t("monitoring.timeSeries", { area: areaLabel })}
            </h2>
            <div className="mon-grid">
              <Chart
                spec={charts.timeSeries}
                svg={d.charts.timeSeries}
                label={`${t("monitoring.timeSeries", { area: areaLabel })}. ${t("monitoring.chartLabel")}`}
              />
              <div className="table-wrap table-scroll" role="region" aria-labelledby="ts-cap" tabIndex={0}>
                <table className="kern-table">
                  <caption id="ts-cap">{t("monitoring.timeSeriesTable", { area: areaLabel })}</caption>
                  <thead className="kern-table__head">
                    <tr className="kern-table__row">
                      <th scope="col" className="kern-table__header">
                        {t("monitoring.period")}
                      </th>
                      {d.series.groups.map((g) => (
                        <th key={g} scope="col" className="kern-table__header num">
                          {groupLabel(g)}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody className="kern-table__body">
                    {d.series.periods.map((p, i) => (
                      <tr key={p} className="kern-table__row">
                        <th scope="row" className="kern-table__cell">
                          {p}
                        </th>
                        {d.series.groups.map((g) => {
                          const x = d.series.values[g][i];
                          return (
                            <ValueCell
                              key={g}
                              value={x?.v ?? null}
                              suppressed={x?.s ?? false}
                              state={x?.st ?? "no_data"}
                              estimate={x?.e}
                              rangeLow={x?.lo}
                              rangeHigh={x?.hi}
                              footnote={x?.fn}
                              marker={d.marker}
                              unit={ind.unit}
                              reveal={d.reveal}
                            />
                          );
                        })}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </div>
            {downloads("zeitreihe", "ts-cap")}
          </section>

          <section aria-labelledby="map-h" className="stack">
            <h2 id="map-h" className="kern-heading-medium">
              {t("monitoring.map", { level: levelLabel, period: d.sel.period, group: groupLabel(d.sel.group) })}
            </h2>
            <div className="mon-grid">
              <div>
                {d.map ? (
                  <ChoroplethMap
                    url={`${base.replace("/verwaltung/", "/")}/gebiete.geojson?ebene=${d.map.level}`}
                    bounds={d.map.bounds}
                    colors={Object.fromEntries(
                      d.comparison.filter((c) => c.cls !== null).map((c) => [c.key, PALETTE[c.cls!]]),
                    )}
                    label={t("monitoring.mapLabel")}
                    table="#vergleich"
                  />
                ) : (
                  <p>{t("monitoring.noGeometry")}</p>
                )}
                <Legend
                  breaks={d.breaks}
                  min={min}
                  unit={ind.unit}
                  digits={unitDigits(ind.unit)}
                  title={t("monitoring.legend")}
                />
                <SourceLine sources={d.sources} indicators={[ind]} />
              </div>
              <div className="table-wrap table-scroll" role="region" aria-labelledby="cmp-cap" tabIndex={0}>
                <table className="kern-table" id="vergleich">
                  <caption id="cmp-cap">
                    {t("monitoring.comparisonTable")} – {levelLabel}, {d.sel.period}, {groupLabel(d.sel.group)}
                  </caption>
                  <thead className="kern-table__head">
                    <tr className="kern-table__row">
                      <th scope="col" className="kern-table__header">
                        {t("monitoring.areaName")}
                      </th>
                      <th scope="col" className="kern-table__header">
                        {t("monitoring.areaKey")}
                      </th>
                      <th scope="col" className="kern-table__header num">
                        {t("monitoring.value")} (<Unit unit={ind.unit} />)
                      </th>
                      <th scope="col" className="kern-table__header num">
                        {t("monitoring.class")}
                      </th>
                    </tr>
                  </thead>
                  <tbody className="kern-table__body">
                    {d.comparison.map((c) => (
                      <tr key={c.key} className="kern-table__row">
                        <th scope="row" className="kern-table__cell">
                          <Link
                            className="kern-link"
                            to={`${base.replace("/verwaltung/", "/").replace(/monitoring$/, "")}${areaPath(d.sel.level, c.key)}`}
                          >
                            {c.name}
                          </Link>
                        </th>
                        <td className="kern-table__cell">{c.key}</td>
                        <ValueCell
                          value={c.value}
                          suppressed={c.suppressed}
                          state={c.state}
                          estimate={c.estimate}
                          rangeLow={c.lo}
                          rangeHigh={c.hi}
                          footnote={c.fn}
                          marker={d.marker}
                          unit={ind.unit}
                          reveal={d.reveal}
                        />
                        <td className="kern-table__cell num">{c.cls === null ? "–" : c.cls + 1}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </div>
            {downloads("vergleich", "cmp-cap")}
          </section>

          <section aria-labelledby="cmp-h" className="stack">
            <h2 id="cmp-h" className="kern-heading-medium">
              {t("monitoring.comparison", { level: levelLabel, period: d.sel.period, group: groupLabel(d.sel.group) })}
            </h2>
            <Chart
              spec={charts.comparison}
              svg={d.charts.comparison}
              label={`${t("monitoring.comparison", { level: levelLabel, period: d.sel.period, group: groupLabel(d.sel.group) })}. ${t("monitoring.chartLabel")}`}
            />
            <p className="kern-body">
              <a className="kern-link" href="#vergleich">
                {t("monitoring.comparisonTable")}
              </a>
            </p>
          </section>

          {hasSuppressed && (
            <p className="kern-body--small">
              {t("monitoring.suppressedNote", { marker: d.marker, threshold: d.threshold })}
            </p>
          )}
          <SourceLine sources={d.sources} indicators={[ind]} />
          <p className="kern-body">
            {t("monitoring.openDataAll")}:{" "}
            <a className="kern-link" href={`${exportBase}?format=csv&variante=offen`} download>
              {t("monitoring.exportCsvOpen")}
            </a>
          </p>
        </>
      )}
      {children}
    </main>
  );
}
