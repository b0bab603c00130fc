import "../surveys/strings";
import { data, Link, redirect } from "react-router";
import type { Route } from "./+types/surveys-new";
import { failureErrors, fieldErrors, requireRole, tenantContext, tenantTx } from "~/kernel/http/context";
import { listOrganisations } from "~/kernel/organisations/service";
import { ErrorSummary, formValues, PageTitle, SubmittedValues, PostForm } from "~/kernel/ui/forms";
import { useT } from "~/kernel/ui/hooks";
import { createSurvey, SurveyInput } from "../surveys/service";
import { surveyFromForm } from "../surveys/http.server";
import { staffPath } from "../surveys/constants";
import { SurveyFields } from "../surveys/ui";

export async function loader({ context }: Route.LoaderArgs) {
  requireRole(context, "editor");
  const { tenant } = context.get(tenantContext);
  const orgs = await tenantTx(context, (tx) => listOrganisations(tx));
  return { slug: tenant.slug, orgs: orgs.map((o) => ({ value: o.id, label: o.name })) };
}

export async function action({ request, context }: Route.ActionArgs) {
  requireRole(context, "editor");
  const { tenant } = context.get(tenantContext);
  const f = await request.formData();
  const parsed = SurveyInput.safeParse(surveyFromForm(f));
  if (!parsed.success)
    return data({ errors: fieldErrors(context, parsed.error.issues), values: formValues(f) }, { status: 400 });
  const r = await tenantTx(context, (tx) => createSurvey(tx, parsed.data));
  if (!r.ok) return data({ errors: failureErrors(context, r), values: formValues(f) }, { status: 400 });
  return redirect(staffPath(tenant.slug, `/${r.value.id}?ok=created`));
}

export default function NewSurvey({ loaderData: d, actionData }: Route.ComponentProps) {
  const t = useT();
  const errors = actionData?.errors as Record<string, string> | undefined;
  return (
    <>
      <PageTitle>{t("opening.surveys.form.newTitle")}</PageTitle>
      <h1 className="kern-heading-large">{t("opening.surveys.form.newTitle")}</h1>
      <PostForm className="form-grid" noValidate>
        <ErrorSummary errors={errors} />
        <SubmittedValues values={actionData?.values}>
          <SurveyFields orgs={d.orgs} errors={errors} />
        </SubmittedValues>
        <div className="actions">
          <button type="submit" className="kern-btn kern-btn--primary">
            <span className="kern-label">{t("opening.surveys.form.save")}</span>
          </button>
          <Link className="kern-link" to={staffPath(d.slug)}>
            {t("opening.surveys.form.cancel")}
          </Link>
        </div>
      </PostForm>
    </>
  );
}
