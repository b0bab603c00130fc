import "./strings";
import { Link } from "react-router";
import type { Route } from "./+types/staff-list";
import { requireRole, tenantContext, tenantTx } from "~/kernel/http/context";
import { todayBerlin } from "~/kernel/dates";
import { roleAtLeast } from "~/kernel/roles";
import { PageTitle } from "~/kernel/ui/forms";
import { useT } from "~/kernel/ui/hooks";
import { DataTable } from "~/kernel/ui/table";
import { listBodies } from "../service";

export async function loader({ context }: Route.LoaderArgs) {
  const role = requireRole(context, "viewer");
  const { tenant } = context.get(tenantContext);
  const bodies = await tenantTx(context, (tx) => listBodies(tx, todayBerlin()));
  return { slug: tenant.slug, canEdit: roleAtLeast(role, "editor"), bodies };
}

export default function BodiesList({ loaderData: d }: Route.ComponentProps) {
  const t = useT();
  const base = `/t/${d.slug}/verwaltung/gremien`;
  return (
    <>
      <PageTitle>{t("bodies.list.title")}</PageTitle>
      <h1 className="kern-heading-large">{t("bodies.list.title")}</h1>
      <p className="kern-body">{t("bodies.list.intro")}</p>
      {d.canEdit && (
        <p className="actions">
          <Link className="kern-btn kern-btn--primary" to={`${base}/neu`}>
            <span className="kern-label">{t("bodies.list.new")}</span>
          </Link>
        </p>
      )}
      {d.bodies.length === 0 ? (
        <p className="kern-body">{t("bodies.list.empty")}</p>
      ) : (
        <DataTable
          caption={t("bodies.list.title")}
          headers={[t("bodies.list.name"), t("bodies.list.kind"), t("bodies.list.seats")]}
        >
          {d.bodies.map((b) => (
            <tr key={b.id} className="kern-table__row">
              <th scope="row" className="kern-table__cell">
                <Link className="kern-link" to={`${base}/${b.id}`}>
                  {b.name}
                </Link>
                {b.shortName && ` (${b.shortName})`}
                {b.isDemo && <span className="kern-body--small"> – {t("bodies.list.demo")}</span>}
              </th>
              <td className="kern-table__cell">{t(`bodies.kinds.${b.kind}`)}</td>
              <td className="kern-table__cell">{t("bodies.list.seatsOf", { taken: b.taken, seats: b.seats })}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}
