import "../mediators/strings";
import type { Route } from "./+types/mediators-mine";
import { requireRole, requestContext, tenantTx } from "~/kernel/http/context";
import { PageTitle } from "~/kernel/ui/forms";
import { useFormat, useT } from "~/kernel/ui/hooks";
import { DataTable } from "~/kernel/ui/table";
import { assignmentsOf } from "../mediators/service";

// A mediator's own view: only what they need to get there (decision: never the case's content).
export async function loader({ context }: Route.LoaderArgs) {
  requireRole(context, "partner");
  const user = context.get(requestContext).user!;
  return { assignments: await tenantTx(context, (tx) => assignmentsOf(tx, user.id)) };
}

export default function MyAssignments({ loaderData: d }: Route.ComponentProps) {
  const t = useT();
  const fmt = useFormat();
  return (
    <>
      <PageTitle>{t("opening.mediators.mine.title")}</PageTitle>
      <h1 className="kern-heading-large">{t("opening.mediators.mine.title")}</h1>
      <p className="kern-body">{t("opening.mediators.mine.intro")}</p>
      {d.assignments.length === 0 ? (
        <p className="kern-body">{t("opening.mediators.mine.none")}</p>
      ) : (
        <DataTable
          caption={t("opening.mediators.mine.title")}
          headers={[
            t("opening.mediators.requests.reference"),
            t("opening.mediators.requests.when"),
            t("opening.mediators.requests.place"),
            t("opening.mediators.pool.language"),
            t("opening.mediators.requests.status"),
          ]}
        >
          {d.assignments.map((r) => (
            <tr key={r.reference} className="kern-table__row">
              <th scope="row" className="kern-table__cell">
                {r.reference}
              </th>
              <td className="kern-table__cell">
                {fmt.date(r.onDate)}
                {r.atTime && `, ${r.atTime.slice(0, 5)}`}
              </td>
              <td className="kern-table__cell">{r.place}</td>
              <td className="kern-table__cell">{t(`opening.surveys.languages.${r.language}`)}</td>
              <td className="kern-table__cell">{t(`opening.mediators.statuses.${r.status}`)}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}
