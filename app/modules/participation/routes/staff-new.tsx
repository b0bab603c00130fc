import "./strings";
import { data, Link, redirect } from "react-router";
import type { Route } from "./+types/staff-new";
import { failureErrors, fieldErrors, requireRole, tenantContext, tenantTx } from "~/kernel/http/context";
import { todayBerlin } from "~/kernel/dates";
import { ErrorSummary, Field, formValues, PageTitle, Select, SubmittedValues, PostForm } from "~/kernel/ui/forms";
import { useT } from "~/kernel/ui/hooks";
import { labelled } from "~/kernel/taxonomy/label";
import { useTerms } from "~/kernel/ui/terms";
import { listHandlungsfelder } from "~/modules/concept";
import { PROCESS_KINDS } from "../schema";
import { createProcess, ProcessInput } from "../service";
import { optional } from "../http.server";

export async function loader({ context }: Route.LoaderArgs) {
  requireRole(context, "editor");
  const { tenant } = context.get(tenantContext);
  const hf = await tenantTx(context, (tx) => listHandlungsfelder(tx));
  return { slug: tenant.slug, today: todayBerlin(), handlungsfelder: hf.map(labelled) };
}

export async function action({ request, context }: Route.ActionArgs) {
  requireRole(context, "editor");
  const { tenant } = context.get(tenantContext);
  const f = await request.formData();
  const parsed = ProcessInput.safeParse({
    kind: optional(f.get("kind")),
    title: f.get("title"),
    startsOn: optional(f.get("startsOn")),
    handlungsfeldId: optional(f.get("handlungsfeldId")),
  });
  if (!parsed.success)
    return data({ errors: fieldErrors(context, parsed.error.issues), values: formValues(f) }, { status: 400 });
  const r = await tenantTx(context, (tx) => createProcess(tx, parsed.data));
  if (!r.ok) return data({ errors: failureErrors(context, r), values: formValues(f) }, { status: 400 });
  return redirect(`/t/${tenant.slug}/verwaltung/beteiligung/${r.value.id}?ok=created`);
}

export default function NewProcess({ loaderData: d, actionData }: Route.ComponentProps) {
  const t = useT();
  const terms = useTerms();
  const errors = actionData?.errors as Record<string, string> | undefined;
  return (
    <>
      <PageTitle>{t("participation.form.newTitle")}</PageTitle>
      <h1 className="kern-heading-large">{t("participation.form.newTitle")}</h1>
      <PostForm className="form-grid" noValidate>
        <ErrorSummary errors={errors} />
        <SubmittedValues values={actionData?.values}>
          <Select
            name="kind"
            label={t("participation.form.kind")}
            hint={t("participation.form.kindHint")}
            required
            defaultValue=""
            error={errors?.kind}
            options={[
              { value: "", label: t("participation.form.chooseKind") },
              ...PROCESS_KINDS.map((k) => ({ value: k, label: t(`participation.kinds.${k}`) })),
            ]}
          />
          <Field name="title" label={t("participation.form.title")} required error={errors?.title} />
          <Field
            name="startsOn"
            type="date"
            label={t("participation.form.startsOn")}
            hint={t("participation.form.startsOnHint")}
            required
            defaultValue={d.today}
            error={errors?.startsOn}
          />
          <Select
            name="handlungsfeldId"
            label={t("participation.form.handlungsfeld")}
            hint={t("participation.form.handlungsfeldHint")}
            defaultValue=""
            error={errors?.handlungsfeldId}
            options={[
              { value: "", label: t("participation.form.noHandlungsfeld") },
              ...terms.choices(d.handlungsfelder),
            ]}
          />
        </SubmittedValues>
        <div className="actions">
          <button type="submit" className="kern-btn kern-btn--primary">
            <span className="kern-label">{t("participation.form.save")}</span>
          </button>
          <Link className="kern-link" to={`/t/${d.slug}/verwaltung/beteiligung`}>
            {t("participation.form.cancel")}
          </Link>
        </div>
      </PostForm>
    </>
  );
}
