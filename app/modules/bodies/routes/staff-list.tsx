import "./strings";
import { Link } from "react-router";
import type { Route } from "./+types/staff-list";
import { requireRole, tenantContext, tenantTx } from "~/kernel/http/context";
import { todayBerlin } from "~/kernel/dates";
import { roleAtLeast } from "~/kernel/roles";
import { PageTitle } from "~/kernel/ui/forms";
import { useContentAttrs } from "~/kernel/ui/content";
import { useFormat, useT } from "~/kernel/ui/hooks";
import { DataTable } from "~/kernel/ui/table";
import { listBodies } from "../service";
import { meetingsToDo } from "../meetings";

export async function loader({ context }: Route.LoaderArgs) {
  const role = requireRole(context, "viewer");
  const { tenant } = context.get(tenantContext);
  const canEdit = roleAtLeast(role, "editor");
  const today = todayBerlin();
  // The meetings with work outstanding are the editors' (the staff home counts them and links here).
  const [bodies, todo] = await tenantTx(context, (tx) =>
    Promise.all([listBodies(tx, today), canEdit ? meetingsToDo(tx, today) : []]),
  );
  return { slug: tenant.slug, canEdit, bodies, todo };
}

export default function BodiesList({ loaderData: d }: Route.ComponentProps) {
  const t = useT();
  const fmt = useFormat();
  const content = useContentAttrs();
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
      {d.todo.length > 0 && (
        <section aria-labelledby="sitzungen-offen">
          <h2 id="sitzungen-offen" className="kern-heading-medium">
            {t("bodies.list.todo.title")}
          </h2>
          <p className="kern-body">{t("bodies.list.todo.intro")}</p>
          <DataTable
            caption={t("bodies.list.todo.title")}
            headers={[t("bodies.list.todo.date"), t("bodies.list.todo.body"), t("bodies.list.todo.what")]}
          >
            {d.todo.map((m) => (
              <tr key={m.id} className="kern-table__row">
                <th scope="row" className="kern-table__cell">
                  <Link className="kern-link" to={`${base}/${m.bodyId}/sitzungen/${m.id}`}>
                    {fmt.date(m.meetsOn)}
                  </Link>
                </th>
                <td className="kern-table__cell" {...content}>
                  {m.body}
                </td>
                <td className="kern-table__cell">{t(`bodies.list.todo.${m.todo}`)}</td>
              </tr>
            ))}
          </DataTable>
        </section>
      )}
    </>
  );
}
