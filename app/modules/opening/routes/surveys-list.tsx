import "../surveys/strings";
import { data, Link, redirect } from "react-router";
import type { Route } from "./+types/surveys-list";
import { failureErrors, requireRole, tenantContext, tenantTx } from "~/kernel/http/context";
import { roleAtLeast } from "~/kernel/roles";
import { ActionForm, Alert, Field, PageTitle } from "~/kernel/ui/forms";
import { DataTable } from "~/kernel/ui/table";
import { useT } from "~/kernel/ui/hooks";
import { listSurveys, setSurveyK, surveyK } from "../surveys/service";
import { numberField } from "../surveys/http.server";
import { staffPath } from "../surveys/constants";

// The tenant's surveys, and (for admins) the minimum group size k.
export async function loader({ request, context }: Route.LoaderArgs) {
  const role = requireRole(context, "viewer");
  const { tenant } = context.get(tenantContext);
  const { surveys, k } = await tenantTx(context, async (tx) => ({
    surveys: await listSurveys(tx),
    k: await surveyK(tx),
  }));
  return {
    slug: tenant.slug,
    surveys,
    k,
    canEdit: roleAtLeast(role, "editor"),
    isAdmin: roleAtLeast(role, "admin"),
    saved: new URL(request.url).searchParams.get("ok") === "k",
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  requireRole(context, "admin");
  const { tenant } = context.get(tenantContext);
  const f = await request.formData();
  const r = await tenantTx(context, (tx) => setSurveyK(tx, numberField(f.get("k")) ?? NaN));
  if (!r.ok)
    return data(
      { errors: failureErrors(context, r), values: { intent: "k", k: String(f.get("k") ?? "") } },
      { status: 400 },
    );
  return redirect(staffPath(tenant.slug, "?ok=k"));
}

export default function SurveyList({ loaderData: d, actionData: a }: Route.ComponentProps) {
  const t = useT();
  const errors = a?.errors as Record<string, string> | undefined;
  return (
    <>
      <PageTitle>{t("opening.surveys.title")}</PageTitle>
      <h1 className="kern-heading-large">{t("opening.surveys.title")}</h1>
      <p className="kern-body">{t("opening.surveys.intro")}</p>
      <p className="actions">
        {d.canEdit && (
          <Link className="kern-btn kern-btn--primary" to={staffPath(d.slug, "/neu")}>
            <span className="kern-label">{t("opening.surveys.new")}</span>
          </Link>
        )}
        <Link className="kern-link" to={staffPath(d.slug, "/zeitreihe")}>
          {t("opening.overview.series.title")}
        </Link>
      </p>
      {d.surveys.length === 0 ? (
        <p className="kern-body">{t("opening.surveys.none")}</p>
      ) : (
        <DataTable
          caption={t("opening.surveys.title")}
          headers={[
            t("opening.surveys.columns.title"),
            t("opening.surveys.columns.organisation"),
            t("opening.surveys.columns.kind"),
            t("opening.surveys.columns.period"),
            t("opening.surveys.columns.status"),
            { label: t("opening.surveys.columns.answers"), numeric: true },
          ]}
        >
          {d.surveys.map((s) => (
            <tr key={s.id} className="kern-table__row">
              <td className="kern-table__cell">
                <Link className="kern-link" to={staffPath(d.slug, `/${s.id}`)}>
                  {s.title}
                </Link>
                {s.isDemo && <span className="kern-badge kern-badge--warning"> {t("opening.surveys.demoNote")}</span>}
              </td>
              <td className="kern-table__cell">{s.organisationName ?? t("opening.surveys.ownAdministration")}</td>
              <td className="kern-table__cell">{t(`opening.surveys.kinds.${s.kind}`)}</td>
              <td className="kern-table__cell">{s.periodLabel}</td>
              <td className="kern-table__cell">{t(`opening.surveys.states.${s.status}`)}</td>
              <td className="kern-table__cell kern-table__cell--numeric">
                {s.status === "closed" || s.rolling ? s.answers : "–"}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <h2 className="kern-heading-medium">{t("opening.surveys.settings.title")}</h2>
      <p className="kern-body">{t("opening.surveys.settings.text")}</p>
      {d.saved && <Alert kind="success">{t("opening.surveys.settings.saved")}</Alert>}
      {d.isAdmin ? (
        <ActionForm intent="k" errors={errors} submit={t("opening.surveys.settings.save")}>
          <Field
            name="k"
            inputMode="numeric"
            label={t("opening.surveys.settings.k")}
            required
            defaultValue={d.k}
            error={errors?.k}
          />
        </ActionForm>
      ) : (
        <p className="kern-body">
          {t("opening.surveys.settings.k")}: {d.k}
        </p>
      )}
    </>
  );
}
