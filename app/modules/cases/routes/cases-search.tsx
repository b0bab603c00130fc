import "./strings";
import "../search/strings";
import { data, Link } from "react-router";
import type { Route } from "./+types/cases-search";
import { failureErrors, tenantContext, tFor } from "~/kernel/http/context";
import { ActionForm, Field, formValues, PageTitle } from "~/kernel/ui/forms";
import { useT } from "~/kernel/ui/hooks";
import { DataTable } from "~/kernel/ui/table";
import { maySearch, searchName, type SearchHit } from "../search/service";
import { caseTx, requireCaseSeat, type CaseSeat } from "./session.server";

// Name search across the network's institutions (issue 16 item 5): the name is POSTed (never in a
// URL), the answer names institutions and how to reach them, never a case; each hit is logged.

async function requireSearchSeat(context: Parameters<typeof tFor>[0], request: Request): Promise<CaseSeat> {
  const seat = await requireCaseSeat(context, request);
  const allowed = await caseTx(context, seat, async (_tx, me) => maySearch(me));
  if (!allowed) throw data({ message: tFor(context)("cases.search.errors.notAllowed") }, { status: 403 });
  return seat;
}

export async function loader({ request, context }: Route.LoaderArgs) {
  await requireSearchSeat(context, request);
  return { slug: context.get(tenantContext).tenant.slug };
}

export async function action({ request, context }: Route.ActionArgs) {
  const seat = await requireSearchSeat(context, request);
  const f = await request.formData();
  const r = await caseTx(context, seat, (tx, me) => searchName(tx, me, { name: String(f.get("name") ?? "") }));
  if (!r.ok) return data({ errors: failureErrors(context, r), values: formValues(f), hits: null }, { status: 400 });
  return { errors: null, values: formValues(f), hits: r.value as SearchHit[] };
}

export default function CasesSearch({ loaderData: d, actionData: a }: Route.ComponentProps) {
  const t = useT();
  const e = a?.errors ?? undefined;
  return (
    <>
      <PageTitle>{t("cases.search.page.title")}</PageTitle>
      <p>
        <Link className="kern-link" to={`/t/${d.slug}/verwaltung/fallarbeit`}>
          {t("cases.client.back")}
        </Link>
      </p>
      <h1 className="kern-heading-large">{t("cases.search.page.title")}</h1>
      <p className="kern-body">{t("cases.search.page.intro")}</p>
      <ActionForm intent="search" errors={e} submit={t("cases.search.page.submit")} primary>
        <Field name="name" label={t("cases.search.page.name")} error={e?.name} required autoComplete="off" />
      </ActionForm>
      {a?.hits &&
        (a.hits.length === 0 ? (
          <p className="kern-body" role="status">
            {t("cases.search.page.none")}
          </p>
        ) : (
          <DataTable
            caption={t("cases.search.page.resultsCaption")}
            headers={[
              t("cases.search.page.institution"),
              t("cases.search.page.contact"),
              { label: t("cases.search.page.cases"), numeric: true },
            ]}
          >
            {a.hits.map((h) => (
              <tr key={h.institutionId} className="kern-table__row">
                <th scope="row" className="kern-table__cell">
                  {h.institutionName}
                </th>
                <td className="kern-table__cell">{h.contact ?? "–"}</td>
                <td className="kern-table__cell kern-table__cell--numeric">{h.cases}</td>
              </tr>
            ))}
          </DataTable>
        ))}
    </>
  );
}
