import { Form, Link } from "react-router";
import type { Route } from "./+types/comparison";
import { appContext, requestContext, tenantContext } from "~/kernel/http/context";
import { chartSvg } from "~/kernel/ui/charts.server";
import { PageTitle, Select } from "~/kernel/ui/forms";
import { formatsFor, useFormat, useT } from "~/kernel/ui/hooks";
import { COMPARABLE, compareMembers } from "../services/comparison";
import { Sources } from "~/kernel/ui/choropleth";
import { Chart, Unit, useIndicatorTexts, useTextAttrs, ValueCell, withTexts } from "../components";
import { membersChart } from "../charts";
import { SUPPRESSED_MARKER } from "../shared";
import { CONTENT_LANGUAGE } from "~/kernel/ui/content";
import "~/kernel/ui/data-view.css";
import "../monitoring.css";

/**
 * Comparison of the municipalities below this tenant (Land or Kreis) whose indicator rests on the same
 * declared definition as the core indicator chosen – not merely the same code (decision 0039); the
 * others are named with the reason.
 */
export async function loader({ context, request }: Route.LoaderArgs) {
  const { db } = context.get(appContext);
  const { tenant } = context.get(tenantContext);
  const asked = new URL(request.url).searchParams.get("indikator");
  const code = COMPARABLE.find((c) => c.code === asked)?.code ?? "mh_anteil";
  const r = await compareMembers(db, tenant.id, code);
  const svg = r.rows.length
    ? await chartSvg(membersChart(r, formatsFor(context.get(requestContext).lang).number))
    : null;
  return { tenantName: tenant.name, codes: COMPARABLE, code, ...r, marker: SUPPRESSED_MARKER, svg };
}

export default function Comparison({ loaderData: d, params }: Route.ComponentProps) {
  const t = useT();
  const texts = useIndicatorTexts();
  const attrs = useTextAttrs();
  const name = texts.name(d.codes.find((c) => c.code === d.code) ?? { code: d.code, coreSet: false, name: d.code });
  const unit = d.rows[0]?.unit ?? "%";
  const spec = membersChart(d, useFormat().number);
  return (
    <main id="inhalt" className="kern-container page stack">
      <PageTitle>{t("monitoring.comparisonTenants")}</PageTitle>
      <p>
        <Link className="kern-link" to={`/t/${params.slug}/monitoring`}>
          {t("monitoring.title")}
        </Link>
      </p>
      <h1 className="kern-heading-large">{t("monitoring.comparisonTenants")}</h1>
      <p className="kern-body">
        {t("monitoring.comparisonTenantsIntro", { name: d.tenantName, count: d.members.length })}
      </p>
      <Form method="get" className="filter-bar">
        <Select
          name="indikator"
          label={t("monitoring.indicator")}
          defaultValue={d.code}
          required
          options={d.codes.map((c) => {
            const n = texts.name(c);
            return { value: c.code, label: n.text, content: n.lang === CONTENT_LANGUAGE };
          })}
        />
        <div>
          <button type="submit" className="kern-btn kern-btn--primary">
            <span className="kern-label">{t("monitoring.show")}</span>
          </button>
        </div>
      </Form>
      {d.rows.length === 0 ? (
        <p>{t("monitoring.noData")}</p>
      ) : (
        <>
          <Chart spec={spec} svg={d.svg} label={`${name.text}. ${t("monitoring.chartLabel")}`} />
          <div className="table-wrap" role="region" aria-labelledby="tc-cap" tabIndex={0}>
            <table className="kern-table">
              <caption id="tc-cap">
                <span {...attrs(name)}>{name.text}</span> (<Unit unit={unit} />)
              </caption>
              <thead className="kern-table__head">
                <tr className="kern-table__row">
                  <th scope="col" className="kern-table__header">
                    {t("monitoring.municipality")}
                  </th>
                  {d.periods.map((p) => (
                    <th key={p} scope="col" className="kern-table__header num">
                      {p}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="kern-table__body">
                {d.rows.map((r) => (
                  <tr key={r.slug} className="kern-table__row">
                    <th scope="row" className="kern-table__cell">
                      <Link className="kern-link" to={`/t/${r.slug}/monitoring/indikator/${r.code}`}>
                        {r.name}
                      </Link>
                      {r.code !== d.code && (
                        <span className="kern-body--small">
                          {" "}
                          (
                          {withTexts(t, "monitoring.comparisonOwnCode", {
                            name: texts.name({ code: r.code, coreSet: r.indicatorCore, name: r.indicatorName }),
                          })}
                          )
                        </span>
                      )}
                    </th>
                    {d.periods.map((p) => {
                      const v = r.values.find((x) => x.period === p);
                      return (
                        <ValueCell
                          key={p}
                          value={v?.value ?? null}
                          suppressed={v?.suppressed ?? false}
                          state={v?.state ?? "no_data"}
                          marker={d.marker}
                          unit={unit}
                        />
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {d.notCompared.length > 0 && (
        <section aria-labelledby="tc-not" className="stack">
          <h2 id="tc-not" className="kern-heading-medium">
            {t("monitoring.comparisonNotCompared")}
          </h2>
          <ul className="kern-list">
            {d.notCompared.map((n) => (
              <li key={n.slug}>
                {n.name}: {t(`monitoring.comparisonReason.${n.reason}`, { code: n.code ?? d.code })}
                {n.reason === "different" && n.definition && (
                  <> {t("monitoring.comparisonTheirDefinition", { definition: n.definition })}</>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      <Sources sources={d.sources} />
    </main>
  );
}
