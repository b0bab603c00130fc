import "./strings";
import "../steering.css";
import { Link } from "react-router";
import type { Route } from "./+types/staff-members";
import { requireRole, tenantContext, tenantTx } from "~/kernel/http/context";
import { germanDate, todayBerlin } from "~/kernel/dates";
import { PageTitle } from "~/kernel/ui/forms";
import { DataTable } from "~/kernel/ui/table";
import { useT } from "~/kernel/ui/hooks";
import { memberConcepts } from "../services/members";

// For a Land, Kreis or Stadtstaat: which municipalities' Integrationskonzepte are past the three-year
// rule, where their Land has one.
export async function loader({ context }: Route.LoaderArgs) {
  requireRole(context, "viewer");
  const { tenant } = context.get(tenantContext);
  const today = todayBerlin();
  const members = tenant.kind === "kommune" ? [] : await tenantTx(context, (tx) => memberConcepts(tx, today));
  return { slug: tenant.slug, kind: tenant.kind, today, members };
}

const STATES = ["expired", "none", "warning", "ok"] as const;

export default function MemberConcepts({ loaderData: d }: Route.ComponentProps) {
  const t = useT();
  const count = (s: (typeof STATES)[number]) =>
    d.members.filter((m) => m.freshness.applies && m.freshness.state === s).length;
  const unruled = d.members.filter((m) => !m.freshness.applies).length;
  return (
    <>
      <PageTitle>{t("steering.members.title")}</PageTitle>
      <h1 className="kern-heading-large">{t("steering.members.title")}</h1>
      {d.kind === "kommune" ? (
        <p className="kern-body">{t("steering.members.onlyKreisLand")}</p>
      ) : d.members.length === 0 ? (
        <p className="kern-body">{t("steering.members.none")}</p>
      ) : (
        <>
          <p className="kern-body">{t("steering.members.intro", { date: germanDate(d.today) })}</p>
          <ul className="kern-list">
            {STATES.map((s) => (
              <li key={s}>{t(`steering.members.count.${s}`, { count: count(s) })}</li>
            ))}
            {unruled > 0 && <li>{t("steering.members.count.noRule", { count: unruled })}</li>}
          </ul>
          <DataTable
            caption={t("steering.members.caption")}
            headers={[
              t("steering.members.municipality"),
              t("steering.members.parent"),
              t("steering.members.concept"),
              t("steering.members.adoptedOn"),
              t("steering.members.validUntil"),
              t("steering.members.state"),
            ]}
          >
            {d.members.map((m) => (
              <tr key={m.slug} className="kern-table__row">
                <th scope="row" className="kern-table__cell">
                  <Link className="kern-link" to={`/t/${m.slug}/konzept`}>
                    {m.name}
                  </Link>
                </th>
                <td className="kern-table__cell">{m.parent ?? ""}</td>
                <td className="kern-table__cell">{m.edition?.title ?? t("steering.members.noConcept")}</td>
                <td className="kern-table__cell">{m.edition?.adoptedOn ? germanDate(m.edition.adoptedOn) : "–"}</td>
                <td className="kern-table__cell">
                  {m.freshness.validUntil ? germanDate(m.freshness.validUntil) : "–"}
                </td>
                <td className="kern-table__cell">
                  {m.freshness.applies ? (
                    <strong>{t(`steering.members.states.${m.freshness.state}`)}</strong>
                  ) : (
                    t("steering.members.states.noRule", { land: m.land ?? "–" })
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
          <p className="kern-body--small">{t("steering.members.rule")}</p>
        </>
      )}
    </>
  );
}
