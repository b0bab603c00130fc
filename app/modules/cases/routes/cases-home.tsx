import "./strings";
import { Link } from "react-router";
import type { Route } from "./+types/cases-home";
import { effectiveRole, requireUser, tenantContext } from "~/kernel/http/context";
import { PageTitle } from "~/kernel/ui/forms";
import { useFormat, useT } from "~/kernel/ui/hooks";
import { DataTable } from "~/kernel/ui/table";
import { caseload } from "../core/clients";
import { institutionsOfNetwork, sitesOfNetwork } from "../core/views";
import { maySearch } from "../search/service";
import { caseSeat, caseTx } from "./session.server";

// The entry to case work: the caseload the staff member may list (metadata only, each row logged).
// Anyone else – a tenant admin, the platform admin – learns only that they hold no seat.

export async function loader({ request, context }: Route.LoaderArgs) {
  requireUser(context, request);
  const { tenant } = context.get(tenantContext);
  const seat = await caseSeat(context, request);
  const isAdmin = effectiveRole(context) === "admin";
  if (!seat) return { slug: tenant.slug, seat: null, rows: [], canIntake: false, canSearch: false, isAdmin };
  let canSearch = false;
  const rows = await caseTx(context, seat, async (tx, me) => {
    canSearch = maySearch(me);
    const [list, insts, sites] = await Promise.all([
      caseload(tx, me, { names: true }),
      institutionsOfNetwork(tx),
      sitesOfNetwork(tx),
    ]);
    const name = (xs: { id: string; name: string }[], id: string) => xs.find((x) => x.id === id)?.name ?? "";
    return list.map((c) => ({ ...c, site: name(sites, c.siteId), owner: name(insts, c.ownerInstitutionId) }));
  });
  const canIntake = ["coordination", "specialist"].includes(seat.role) && seat.siteName !== null;
  return { slug: tenant.slug, seat, rows, canIntake, canSearch, isAdmin };
}

export default function CasesHome({ loaderData: d }: Route.ComponentProps) {
  const t = useT();
  const fmt = useFormat();
  const base = `/t/${d.slug}/verwaltung/fallarbeit`;
  return (
    <>
      <PageTitle>{t("cases.home.title")}</PageTitle>
      <h1 className="kern-heading-large">{t("cases.home.title")}</h1>
      {!d.seat ? (
        <p className="kern-body">{t("cases.home.noSeat")}</p>
      ) : (
        <>
          <p className="kern-body">{t("cases.home.intro")}</p>
          <p className="kern-body">
            {t("cases.home.seat", {
              network: d.seat.networkName,
              institution: d.seat.institutionName,
              site: d.seat.siteName ? `, ${d.seat.siteName}` : "",
              role: t(`cases.roles.${d.seat.role}`),
            })}
          </p>
        </>
      )}
      <ul className="kern-list">
        {d.canIntake && (
          <li>
            <Link className="kern-link" to={`${base}/aufnahme`}>
              {t("cases.home.intake")}
            </Link>
          </li>
        )}
        {d.canSearch && (
          <li>
            <Link className="kern-link" to={`${base}/suche`}>
              {t("cases.home.search")}
            </Link>
          </li>
        )}
        {d.isAdmin && (
          <li>
            <Link className="kern-link" to={`${base}/fristen`}>
              {t("cases.home.retention")}
            </Link>
          </li>
        )}
        <li>
          <Link className="kern-link" to={`${base}/regeln`}>
            {t("cases.home.rules")}
          </Link>
        </li>
        <li>
          <Link className="kern-link" to={`${base}/netzwerk`}>
            {t("cases.home.network")}
          </Link>
        </li>
      </ul>
      {d.seat && (
        <>
          <h2 className="kern-heading-medium">{t("cases.home.caseload")}</h2>
          {d.rows.length === 0 ? (
            <p className="kern-body">{t("cases.home.empty")}</p>
          ) : (
            <DataTable
              caption={t("cases.home.caseload")}
              headers={[
                t("cases.home.pseudonym"),
                t("cases.home.name"),
                t("cases.home.site"),
                t("cases.home.owner"),
                t("cases.home.statusGroup"),
                t("cases.home.intakeDate"),
                t("cases.home.state"),
              ]}
            >
              {d.rows.map((c) => (
                <tr key={c.id} className="kern-table__row">
                  <th scope="row" className="kern-table__cell">
                    <Link className="kern-link" to={`${base}/fall/${c.id}`}>
                      {c.pseudonym}
                    </Link>
                  </th>
                  <td className="kern-table__cell">{c.name ?? t("cases.home.noName")}</td>
                  <td className="kern-table__cell">{c.site}</td>
                  <td className="kern-table__cell">{c.owner}</td>
                  <td className="kern-table__cell">{t(`cases.statusGroups.${c.statusGroup}`)}</td>
                  <td className="kern-table__cell">{fmt.date(c.intakeDate)}</td>
                  <td className="kern-table__cell">{t(`cases.states.${c.state}`)}</td>
                </tr>
              ))}
            </DataTable>
          )}
        </>
      )}
    </>
  );
}
