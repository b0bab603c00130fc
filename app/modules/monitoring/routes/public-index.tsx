import { Link } from "react-router";
import type { Route } from "./+types/public-index";
import { tenantTx } from "~/kernel/http/context";
import { PageTitle } from "~/kernel/ui/forms";
import { useT } from "~/kernel/ui/hooks";
import { listIndicators } from "../services/indicators";
import { listAreas } from "../services/areas";
import { areaPath } from "../shared";
import { indicatorsWithData } from "../services/values";
import { Sources } from "~/kernel/ui/choropleth";

export async function loader({ context }: Route.LoaderArgs) {
  return tenantTx(context, async (tx) => {
    const inds = await listIndicators(tx, { publicOnly: true });
    const { withData, sources } = await indicatorsWithData(tx, inds);
    const indicators = inds.map((i) => ({
      code: i.code,
      name: i.name,
      field: i.field,
      unit: i.unit,
      coreSet: i.coreSet,
      derived: !!i.derivation,
      hasData: withData.has(i.code),
    }));
    const areas = (await listAreas(tx))
      .filter((a) => a.level === "stadtbezirk" || a.level === "stadtteil")
      .map((a) => ({ key: a.key, name: a.name, level: a.level }));
    return { indicators, areas, sources };
  });
}

export default function MonitoringIndex({ loaderData, params }: Route.ComponentProps) {
  const t = useT();
  const base = `/t/${params.slug}/monitoring`;
  const fields = [...new Set(loaderData.indicators.map((i) => i.field))];
  return (
    <main id="inhalt" className="kern-container page stack">
      <PageTitle>{t("monitoring.title")}</PageTitle>
      <h1 className="kern-heading-large">{t("monitoring.title")}</h1>
      <p className="kern-body--large">{t("monitoring.intro")}</p>
      <p>
        <Link className="kern-link" to={`${base}/ziele`}>
          {t("monitoring.goals")}
        </Link>
        {" · "}
        <Link className="kern-link" to={`${base}/vergleich`}>
          {t("monitoring.comparisonTenants")}
        </Link>
      </p>
      {loaderData.indicators.length === 0 && <p>{t("monitoring.noIndicators")}</p>}
      {/* The field's position makes the id: its name may hold spaces, which an id reference cannot. */}
      {fields.map((f, n) => (
        <section key={f} aria-labelledby={`field-${n}`}>
          <h2 className="kern-heading-medium" id={`field-${n}`}>
            {f}
          </h2>
          <ul>
            {loaderData.indicators
              .filter((i) => i.field === f)
              .map((i) => (
                <li key={i.code}>
                  {i.hasData ? (
                    <Link className="kern-link" to={`${base}/indikator/${i.code}`}>
                      {i.name}
                    </Link>
                  ) : (
                    <span>
                      {i.name} ({t("monitoring.noData")})
                    </span>
                  )}{" "}
                  <span className="kern-body--small">
                    ({i.unit}
                    {i.coreSet ? `, ${t("monitoring.core")}` : ""})
                  </span>
                </li>
              ))}
          </ul>
        </section>
      ))}
      {loaderData.areas.length > 0 && (
        <details>
          <summary className="kern-link">{t("monitoring.areaLinks")}</summary>
          <ul>
            {loaderData.areas.map((a) => (
              <li key={`${a.level}/${a.key}`}>
                <Link className="kern-link" to={`/t/${params.slug}/${areaPath(a.level, a.key)}`}>
                  {a.name}
                </Link>{" "}
                ({t(`monitoring.levels.${a.level}`)} {a.key})
              </li>
            ))}
          </ul>
        </details>
      )}
      <Sources sources={loaderData.sources} />
    </main>
  );
}
