import { Link } from "react-router";
import type { Route } from "./+types/staff-matrix";
import { requireRole, tenantContext, tenantTx } from "~/kernel/http/context";
import { PageTitle } from "~/kernel/ui/forms";
import { useT } from "~/kernel/ui/hooks";
import { matrix } from "../services/views";
import { editionFor } from "../http.server";

export async function loader({ request, context }: Route.LoaderArgs) {
  requireRole(context, "viewer");
  const { tenant } = context.get(tenantContext);
  return tenantTx(context, async (tx) => {
    const e = await editionFor(context, tx, new URL(request.url));
    return {
      slug: tenant.slug,
      edition: e ? { id: e.id, title: e.title } : null,
      mx: e ? await matrix(tx, e.id) : null,
    };
  });
}

export default function Matrix({ loaderData: d }: Route.ComponentProps) {
  const t = useT();
  const title = t("concept.matrix.title");
  return (
    <>
      <PageTitle>{title}</PageTitle>
      <h1 className="kern-heading-large">{title}</h1>
      {!d.edition || !d.mx ? (
        <p className="kern-body">{t("concept.noEdition")}</p>
      ) : (
        <>
          <p className="kern-body">{t("concept.matrix.intro", { title: d.edition.title })}</p>
          <div className="table-wrap" tabIndex={0}>
            <table className="kern-table">
              <caption className="kern-sr-only">{title}</caption>
              <thead className="kern-table__head">
                <tr className="kern-table__row">
                  <th scope="col" className="kern-table__header">
                    {t("concept.themenfeldLabel")}
                  </th>
                  {d.mx.handlungsfelder.map((h) => (
                    <th key={h.id} scope="col" className="kern-table__header">
                      {h.name}
                    </th>
                  ))}
                  <th scope="col" className="kern-table__header">
                    {t("concept.matrix.total")}
                  </th>
                </tr>
              </thead>
              <tbody className="kern-table__body">
                {d.mx.themenfelder.map((tf) => (
                  <tr key={tf.id} className="kern-table__row">
                    <th scope="row" className="kern-table__cell">
                      {tf.number} {tf.title}
                    </th>
                    {d.mx!.handlungsfelder.map((h) => {
                      const n = d.mx!.measures[tf.id][h.id];
                      return (
                        <td key={h.id} className="kern-table__cell" data-testid={`cell-${tf.number}-${h.shortName}`}>
                          <Link
                            className="kern-link"
                            to={`/t/${d.slug}/verwaltung/massnahmen?fassung=${d.edition!.id}&themenfeld=${tf.id}&handlungsfeld=${h.id}`}
                            aria-label={t("concept.matrix.cell", { count: n, tf: tf.title, hf: h.name })}
                          >
                            {n}
                          </Link>
                          <span className="kern-hint">
                            {" "}
                            ({t("concept.matrix.teilziele", { count: d.mx!.teilziele[tf.id][h.id] })})
                          </span>
                        </td>
                      );
                    })}
                    <td className="kern-table__cell">{d.mx!.totals[tf.id]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}
