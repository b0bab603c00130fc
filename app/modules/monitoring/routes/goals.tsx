import { Link } from "react-router";
import type { Route } from "./+types/goals";
import { PageTitle } from "~/kernel/ui/forms";
import { useFormat, useT } from "~/kernel/ui/hooks";
import { loadGoals } from "./data.server";
import { ValueCell } from "../components";
import "~/kernel/ui/data-view.css";
import "../monitoring.css";
import { DataTable } from "~/kernel/ui/table";

export async function loader({ context }: Route.LoaderArgs) {
  return loadGoals(context, false);
}

export default function Goals({ loaderData: d, params }: Route.ComponentProps) {
  const t = useT();
  const f = useFormat();
  const base = `/t/${params.slug}/monitoring`;
  return (
    <main id="inhalt" className="kern-container page stack">
      <PageTitle>{t("monitoring.goals")}</PageTitle>
      <p>
        <Link className="kern-link" to={base}>
          {t("monitoring.title")}
        </Link>
      </p>
      <h1 className="kern-heading-large">{t("monitoring.goals")}</h1>
      <p className="kern-body">{t("monitoring.goalsIntro")}</p>
      {d.rows.length === 0 ? (
        <p>{t("monitoring.noGoals")}</p>
      ) : (
        <DataTable
          caption={t("monitoring.goals")}
          headers={[
            t("monitoring.indicator"),
            t("monitoring.period"),
            { label: t("monitoring.actual"), numeric: true },
            t("monitoring.target"),
            t("monitoring.trend"),
            t("monitoring.status"),
          ]}
        >
          {d.rows.map((r) => (
            <tr key={r.code} className="kern-table__row">
              <th scope="row" className="kern-table__cell">
                <Link className="kern-link" to={`${base}/indikator/${r.code}`}>
                  {r.name}
                </Link>
              </th>
              <td className="kern-table__cell">{r.period ?? "–"}</td>
              <ValueCell value={r.value} suppressed={r.suppressed} marker={d.marker} unit={r.unit} />
              <td className="kern-table__cell">
                {r.parity
                  ? t("monitoring.targetParity")
                  : r.target == null
                    ? "–"
                    : t(r.direction === "niedrig" ? "monitoring.targetLow" : "monitoring.targetHigh", {
                        value: f.number(r.target, 1),
                      })}
                {r.targetYear ? ` (${r.targetYear})` : ""}
              </td>
              <td className="kern-table__cell">
                {r.trend ? t(`monitoring.trend${r.trend === "up" ? "Up" : r.trend === "down" ? "Down" : "Flat"}`) : "–"}
              </td>
              <td className="kern-table__cell">
                {t(
                  r.status === "met"
                    ? "monitoring.statusMet"
                    : r.status === "open"
                      ? "monitoring.statusOpen"
                      : "monitoring.statusUnknown",
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <p className="kern-body">
        {t("monitoring.export")}:{" "}
        <a className="kern-link" href={`${base}/ziele/export?format=csv`} download>
          {t("monitoring.exportCsv")}
        </a>
        {" · "}
        <a className="kern-link" href={`${base}/ziele/export?format=xlsx`} download>
          {t("monitoring.exportXlsx")}
        </a>
      </p>
    </main>
  );
}
