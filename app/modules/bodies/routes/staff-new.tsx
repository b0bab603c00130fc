import "./strings";
import { data, Link, redirect } from "react-router";
import type { Route } from "./+types/staff-new";
import { failureErrors, fieldErrors, requireRole, tenantContext, tenantTx } from "~/kernel/http/context";
import { listOrganisations } from "~/kernel/organisations/service";
import { ErrorSummary, Field, formValues, PageTitle, Select, SubmittedValues, PostForm } from "~/kernel/ui/forms";
import { useT } from "~/kernel/ui/hooks";
import { BODY_KINDS } from "../schema";
import { BodyInput, createBody } from "../service";
import { optional } from "../http.server";

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
  const parsed = BodyInput.safeParse({
    name: f.get("name"),
    shortName: optional(f.get("shortName")),
    kind: optional(f.get("kind")),
    secretariatId: optional(f.get("secretariatId")),
    cadence: optional(f.get("cadence")),
    description: optional(f.get("description")),
  });
  if (!parsed.success)
    return data({ errors: fieldErrors(context, parsed.error.issues), values: formValues(f) }, { status: 400 });
  const r = await tenantTx(context, (tx) => createBody(tx, parsed.data));
  if (!r.ok) return data({ errors: failureErrors(context, r), values: formValues(f) }, { status: 400 });
  return redirect(`/t/${tenant.slug}/verwaltung/gremien/${r.value.id}?ok=created`);
}

export default function NewBody({ loaderData: d, actionData }: Route.ComponentProps) {
  const t = useT();
  const errors = actionData?.errors as Record<string, string> | undefined;
  return (
    <>
      <PageTitle>{t("bodies.form.newTitle")}</PageTitle>
      <h1 className="kern-heading-large">{t("bodies.form.newTitle")}</h1>
      <PostForm className="form-grid" noValidate>
        <ErrorSummary errors={errors} />
        <SubmittedValues values={actionData?.values}>
          <Field name="name" label={t("bodies.form.name")} required error={errors?.name} />
          <Field name="shortName" label={t("bodies.form.shortName")} error={errors?.shortName} />
          <Select
            name="kind"
            label={t("bodies.form.kind")}
            required
            defaultValue=""
            error={errors?.kind}
            options={[
              { value: "", label: t("bodies.form.chooseKind") },
              ...BODY_KINDS.map((k) => ({ value: k, label: t(`bodies.kinds.${k}`) })),
            ]}
          />
          <Select
            name="secretariatId"
            label={t("bodies.form.secretariat")}
            hint={t("bodies.form.secretariatHint")}
            defaultValue=""
            error={errors?.secretariatId}
            options={[{ value: "", label: t("bodies.form.noSecretariat") }, ...d.orgs]}
          />
          <Field
            name="cadence"
            label={t("bodies.form.cadence")}
            hint={t("bodies.form.cadenceHint")}
            error={errors?.cadence}
          />
          <Field name="description" type="textarea" label={t("bodies.form.description")} error={errors?.description} />
        </SubmittedValues>
        <div className="actions">
          <button type="submit" className="kern-btn kern-btn--primary">
            <span className="kern-label">{t("bodies.form.save")}</span>
          </button>
          <Link className="kern-link" to={`/t/${d.slug}/verwaltung/gremien`}>
            {t("bodies.form.cancel")}
          </Link>
        </div>
      </PostForm>
    </>
  );
}
