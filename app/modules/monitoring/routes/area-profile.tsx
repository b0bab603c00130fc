import { Form, Link } from "react-router";
import type { Route } from "./+types/area-profile";
import { PageTitle, Select } from "~/kernel/ui/forms";
import { useT } from "~/kernel/ui/hooks";
import { loadAreaProfile } from "./data.server";
import { areaItems } from "./area-contents.server";
import { AreaContents } from "../area-contents-ui";
import { SourceLine, Text, Unit, useIndicatorTexts, ValueCell } from "../components";
import { areaPath, areaRef } from "../shared";
import "~/kernel/ui/data-view.css";
import "../monitoring.css";

export async function loader({ context, params }: Route.LoaderArgs) {
  const d = await loadAreaProfile(context, params.level, params.key, false);
  return { ...d, contents: await areaItems(context, d.area.level, d.area.key) };
}

export default function AreaProfile({ loaderData: d, params }: Route.ComponentProps) {
  const t = useT();
  const texts = useIndicatorTexts();
  const base = `/t/${params.slug}/monitoring`;
  const own = `/t/${params.slug}/${areaPath(d.area.level, d.area.key)}`;
  // The level in the title: a Stadtbezirk and a Stadtteil may share a name.
  const title = t("monitoring.profileTitle", {
    name: t("monitoring.profileLevel", { name: d.area.name, level: t(`monitoring.levels.${d.area.level}`) }),
  });
  return (
    <main id="inhalt" className="kern-container page stack">
      <PageTitle>{title}</PageTitle>
      <p>
        <Link className="kern-link" to={base}>
          {t("monitoring.title")}
        </Link>
      </p>
      <h1 className="kern-heading-large">{title}</h1>
      <p className="kern-body">
        {t(`monitoring.levels.${d.area.level}`)} {d.area.key}
      </p>
      <Form method="get" action={`${base}/gebiet`} className="filter-bar">
        <input type="hidden" name="ebene" value={d.area.level} />
        <Select
          name="key"
          label={t("monitoring.area")}
          defaultValue={d.area.key}
          required
          options={d.siblings.map((s) => ({ value: s.key, label: `${s.name} (${s.key})` }))}
        />
        <div>
          <button type="submit" className="kern-btn kern-btn--secondary">
            <span className="kern-label">{t("monitoring.show")}</span>
          </button>
        </div>
      </Form>
      {d.rows.length === 0 ? (
        <p>{t("monitoring.noData")}</p>
      ) : (
        <div className="table-wrap" tabIndex={0}>
          <table className="kern-table">
            <caption>{title}</caption>
            <thead className="kern-table__head">
              <tr className="kern-table__row">
                <th scope="col" className="kern-table__header">
                  {t("monitoring.indicator")}
                </th>
                <th scope="col" className="kern-table__header">
                  {t("monitoring.period")}
                </th>
                <th scope="col" className="kern-table__header num">
                  {d.area.name}
                </th>
                <th scope="col" className="kern-table__header num">
                  {t("monitoring.cityValue")}
                </th>
                <th scope="col" className="kern-table__header">
                  {t("monitoring.unit")}
                </th>
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {d.rows.map((r) => (
                <tr key={r.code} className="kern-table__row">
                  <th scope="row" className="kern-table__cell">
                    <Link
                      className="kern-link"
                      to={`${base}/indikator/${r.code}?gebiet=${encodeURIComponent(areaRef(d.area))}`}
                    >
                      <Text value={texts.name(r)} />
                    </Link>
                  </th>
                  <td className="kern-table__cell">{r.period}</td>
                  <ValueCell
                    value={r.value}
                    suppressed={r.suppressed}
                    state={r.state}
                    estimate={r.estimate}
                    rangeLow={r.lo}
                    rangeHigh={r.hi}
                    footnote={r.fn}
                    marker={d.marker}
                    unit={r.unit}
                    reveal={d.reveal}
                  />
                  {/* A city value that does not exist is "keine Daten", never the suppression marker. */}
                  <ValueCell
                    value={r.city}
                    suppressed={r.citySuppressed}
                    state={r.cityState}
                    estimate={r.cityEstimate}
                    marker={d.marker}
                    unit={r.unit}
                    reveal={d.reveal}
                  />
                  <td className="kern-table__cell">
                    <Unit unit={r.unit} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {d.rows.some((r) => r.suppressed || r.citySuppressed) && (
        <p className="kern-body--small">
          {t("monitoring.suppressedNote", { marker: d.marker, threshold: d.threshold })}
        </p>
      )}
      <SourceLine sources={d.sources} indicators={d.rows} />
      <AreaContents items={d.contents} slug={params.slug} areaName={d.area.name} />
      <p className="kern-body">
        {t("monitoring.export")}:{" "}
        <a className="kern-link" href={`${own}/export?format=csv`} download>
          {t("monitoring.exportCsv")}
        </a>
        {" · "}
        <a className="kern-link" href={`${own}/export?format=xlsx`} download>
          {t("monitoring.exportXlsx")}
        </a>
      </p>
    </main>
  );
}
