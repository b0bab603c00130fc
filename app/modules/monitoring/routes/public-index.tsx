import { Link } from "react-router";
import type { Route } from "./+types/public-index";
import { effectiveRole, tenantTx } from "~/kernel/http/context";
import { roleAtLeast } from "~/kernel/roles";
import { PageTitle } from "~/kernel/ui/forms";
import { useT } from "~/kernel/ui/hooks";
import { listAreas } from "../services/areas";
import { areaPath } from "../shared";
import { indicatorsWithData } from "../services/values";
import { listIndicators } from "../services/indicators";
import { monitoringOverview } from "../services/overview";
import { OverviewTiles, EmptyIndicators } from "../overview";
import { SourceLine } from "../components";
import "../monitoring.css";

export async function loader({ context }: Route.LoaderArgs) {
  // Staff also see which indicators have no values yet and why; the public sees only what has values.
  const staff = roleAtLeast(effectiveRole(context) ?? undefined, "viewer");
  return tenantTx(context, async (tx) => {
    const { tiles, empty } = await monitoringOverview(tx);
    const { sources } = await indicatorsWithData(tx, await listIndicators(tx, { publicOnly: true }));
    const areas = (await listAreas(tx))
      .filter((a) => a.level === "stadtbezirk" || a.level === "stadtteil")
      .map((a) => ({ key: a.key, name: a.name, level: a.level }));
    return { tiles, empty: staff ? empty : null, areas, sources };
  });
}

export default function MonitoringIndex({ loaderData, params }: Route.ComponentProps) {
  const t = useT();
  const base = `/t/${params.slug}/monitoring`;
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
      {loaderData.tiles.length === 0 && <p>{t("monitoring.noIndicators")}</p>}
      <OverviewTiles tiles={loaderData.tiles} base={base} />
      {loaderData.empty && <EmptyIndicators empty={loaderData.empty} />}
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
      <SourceLine sources={loaderData.sources} indicators={loaderData.tiles} />
    </main>
  );
}
