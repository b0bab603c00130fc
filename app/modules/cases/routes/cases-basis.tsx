import "./strings";
import { data, Link, redirect } from "react-router";
import type { Route } from "./+types/cases-basis";
import { failureErrors, tenantContext } from "~/kernel/http/context";
import { ActionForm, Field, formValues, PageTitle, Select } from "~/kernel/ui/forms";
import { useT } from "~/kernel/ui/hooks";
import { requestLegalBasis } from "../core/bases";
import { CATEGORIES } from "../core/schema";
import { ChoiceList } from "~/kernel/ui/picker";
import { categoriesFrom } from "./forms.server";
import { caseTx, flowFormData, requireCaseSeat } from "./session.server";

// Recording a statutory basis for a flow to one institution. To the Ausländerbehörde it counts only
// once a second person has approved it on the case page.

export async function loader({ request, context, params }: Route.LoaderArgs) {
  return { ...(await flowFormData(context, request, params.clientId)) };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const seat = await requireCaseSeat(context, request);
  const f = await request.formData();
  const input = {
    recipientId: String(f.get("recipientId") ?? ""),
    categories: categoriesFrom(f),
    legalBasis: String(f.get("legalBasis") ?? ""),
    validUntil: String(f.get("validUntil") ?? ""),
  };
  const r = await caseTx(context, seat, (tx, me) => requestLegalBasis(tx, me, params.clientId, input));
  if (!r.ok) return data({ errors: failureErrors(context, r), values: formValues(f) }, { status: 400 });
  return redirect(
    `/t/${context.get(tenantContext).tenant.slug}/verwaltung/fallarbeit/fall/${params.clientId}?ok=saved`,
  );
}

export default function CaseBasis({ loaderData: d, actionData: a }: Route.ComponentProps) {
  const t = useT();
  const e = a?.errors as Record<string, string> | undefined;
  const title = t("cases.basis.title", { pseudonym: d.pseudonym });
  return (
    <>
      <PageTitle>{title}</PageTitle>
      <p>
        <Link className="kern-link" to={`/t/${d.slug}/verwaltung/fallarbeit/fall/${d.clientId}`}>
          {t("cases.category.back")}
        </Link>
      </p>
      <h1 className="kern-heading-large">{title}</h1>
      <p className="kern-body">{t("cases.basis.intro")}</p>
      <ActionForm intent="basis" errors={e} submit={t("cases.basis.submit")} primary>
        <Select
          name="recipientId"
          label={t("cases.basis.recipient")}
          options={[
            { value: "", label: t("cases.intake.choose") },
            ...d.insts.map((i) => ({ value: i.id, label: `${i.name} (${t(`cases.kinds.${i.kind}`)})` })),
          ]}
          error={e?.recipientId}
          required
        />
        <ChoiceList
          name="categories"
          legend={t("cases.basis.categories")}
          options={CATEGORIES.map((c) => ({ value: c, label: t(`cases.categories.${c}`) }))}
          error={e?.categories}
        />
        <Field
          name="legalBasis"
          type="textarea"
          label={t("cases.basis.legalBasis")}
          hint={t("cases.basis.legalBasisHint")}
          error={e?.legalBasis}
          required
        />
        <Field name="validUntil" type="date" label={t("cases.basis.validUntil")} error={e?.validUntil} required />
      </ActionForm>
    </>
  );
}
