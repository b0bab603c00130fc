import { Form, Link } from "react-router";
import type { Route } from "./+types/comparison";
import { appContext, tenantContext } from "~/kernel/http/context";
import { withTenant } from "~/kernel/db/context";
import { listMemberTenants } from "~/kernel/tenancy/service";
import { PageTitle, Select } from "~/kernel/ui/forms";
import { useT } from "~/kernel/ui/hooks";
import { CORE_SET } from "../catalogue";
import { getIndicator } from "../services/indicators";
import { indicatorValues, sourcesOf } from "../services/values";
import { Sources } from "~/kernel/ui/choropleth";
import { Chart, ValueCell } from "../components";
import { SUPPRESSED_MARKER } from "../shared";
import "~/kernel/ui/data-view.css";
import "../monitoring.css";

/**
 * Comparison of the municipalities below this tenant (Land or Kreis) that publish the same core
 * indicator. Each one is read in its own tenant transaction with public visibility only.
 */
export async function loader({ context, request }: Route.LoaderArgs) {
  const { db } = context.get(appContext);
  const { tenant } = context.get(tenantContext);
  const members = await withTenant(db, { tenantId: tenant.id, actor: { userId: null, label: "öffentlich" } }, (tx) =>
    listMemberTenants(tx),
  );
  const codes = CORE_SET.filter((i) => i.unit !== "Personen").map((i) => ({ code: i.code, name: i.name }));
  const code = codes.find((c) => c.code === new URL(request.url).searchParams.get("indikator"))?.code ?? "mh_anteil";
  const rows = [];
  const sources = new Set<string>();
  for (const m of members) {
    const r = await withTenant(db, { tenantId: m.id, actor: { userId: null, label: "öffentlich" } }, async (tx) => {
      const ind = await getIndicator(tx, code);
      if (!ind || !ind.isPublic || !ind.coreSet) return null;
      const cells = await indicatorValues(tx, ind, { level: "stadt", group: "gesamt" }, { reveal: false });
      sourcesOf(cells).forEach((s) => sources.add(`${m.name}: ${s}`));
      return cells.length
        ? {
            slug: m.slug,
            name: m.name,
            unit: ind.unit,
            values: cells.map((c) => ({ period: c.period, value: c.value, suppressed: c.suppressed, state: c.state })),
          }
        : null;
    });
    if (r) rows.push(r);
  }
  const periods = [...new Set(rows.flatMap((r) => r.values.map((v) => v.period)))].sort();
  return {
    tenantName: tenant.name,
    members: members.map((m) => m.name),
    codes,
    code,
    rows,
    periods,
    sources: [...sources],
    marker: SUPPRESSED_MARKER,
  };
}

export default function Comparison({ loaderData: d, params }: Route.ComponentProps) {
  const t = useT();
  const name = d.codes.find((c) => c.code === d.code)?.name ?? d.code;
  const unit = d.rows[0]?.unit ?? "%";
  const option = {
    tooltip: { trigger: "axis" },
    legend: { top: 0 },
    grid: { left: 60, right: 20, top: 40, bottom: 30 },
    xAxis: { type: "category", data: d.periods },
    yAxis: { type: "value", name: unit },
    series: d.rows.map((r) => ({
      type: "line",
      name: r.name,
      data: d.periods.map((p) => {
        const v = r.values.find((x) => x.period === p);
        return v?.value == null ? null : Math.round(v.value * 100) / 100;
      }),
    })),
  };
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
          options={d.codes.map((c) => ({ value: c.code, label: c.name }))}
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
          <Chart option={option} label={`${name}. ${t("monitoring.chartLabel")}`} />
          <div className="table-wrap" role="region" aria-labelledby="tc-cap" tabIndex={0}>
            <table className="kern-table">
              <caption id="tc-cap">
                {name} ({unit})
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
                      <Link className="kern-link" to={`/t/${r.slug}/monitoring/indikator/${d.code}`}>
                        {r.name}
                      </Link>
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
      <Sources sources={d.sources} />
    </main>
  );
}
