import "./strings";
import { data, Link, redirect } from "react-router";
import type { Route } from "./+types/cases-consent";
import { failureErrors, tenantContext } from "~/kernel/http/context";
import { todayBerlin } from "~/kernel/dates";
import { ActionForm, Field, formValues, PageTitle, RadioGroup } from "~/kernel/ui/forms";
import { useT } from "~/kernel/ui/hooks";
import { recordConsent } from "../core/bases";
import { CATEGORIES } from "../core/schema";
import { ChoiceList } from "~/kernel/ui/picker";
import { categoriesFrom, given } from "./forms.server";
import { caseTx, flowFormData, requireCaseSeat } from "./session.server";

// Recording a consent (issue 16 item 3): prior, purpose-bound, naming categories and recipients, in
// the client's language with the interpreter recorded; below the network's guardian age a guardian signs.

export async function loader({ request, context, params }: Route.LoaderArgs) {
  return { ...(await flowFormData(context, request, params.clientId)), today: todayBerlin() };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const seat = await requireCaseSeat(context, request);
  const f = await request.formData();
  const input = {
    purpose: String(f.get("purpose") ?? ""),
    categories: categoriesFrom(f),
    recipients: f.getAll("recipients").map(String),
    language: given(f, "language")?.toLowerCase() ?? "",
    interpreter: String(f.get("interpreter") ?? ""),
    signedBy: given(f, "signedBy") ?? "client",
    givenOn: String(f.get("givenOn") ?? ""),
    validUntil: String(f.get("validUntil") ?? ""),
  };
  const r = await caseTx(context, seat, (tx, me) => recordConsent(tx, me, params.clientId, input));
  if (!r.ok) return data({ errors: failureErrors(context, r), values: formValues(f) }, { status: 400 });
  return redirect(
    `/t/${context.get(tenantContext).tenant.slug}/verwaltung/fallarbeit/fall/${params.clientId}?ok=saved`,
  );
}

export default function CaseConsent({ loaderData: d, actionData: a }: Route.ComponentProps) {
  const t = useT();
  const e = a?.errors as Record<string, string> | undefined;
  const title = t("cases.consent.title", { pseudonym: d.pseudonym });
  return (
    <>
      <PageTitle>{title}</PageTitle>
      <p>
        <Link className="kern-link" to={`/t/${d.slug}/verwaltung/fallarbeit/fall/${d.clientId}`}>
          {t("cases.category.back")}
        </Link>
      </p>
      <h1 className="kern-heading-large">{title}</h1>
      <p className="kern-body">{t("cases.consent.intro")}</p>
      <ActionForm intent="consent" errors={e} submit={t("cases.consent.submit")} primary>
        <Field name="purpose" type="textarea" label={t("cases.consent.purpose")} error={e?.purpose} required />
        <ChoiceList
          name="categories"
          legend={t("cases.consent.categories")}
          options={CATEGORIES.map((c) => ({ value: c, label: t(`cases.categories.${c}`) }))}
          error={e?.categories}
        />
        <ChoiceList
          name="recipients"
          legend={t("cases.consent.recipients")}
          hint={t("cases.consent.recipientsHint")}
          options={d.insts.map((i) => ({ value: i.id, label: `${i.name} (${t(`cases.kinds.${i.kind}`)})` }))}
          error={e?.recipients}
        />
        <Field
          name="language"
          label={t("cases.consent.language")}
          hint={t("cases.intake.languageHint")}
          error={e?.language}
          required
        />
        <Field
          name="interpreter"
          label={t("cases.consent.interpreter")}
          hint={t("cases.consent.interpreterHint")}
          error={e?.interpreter}
          required
        />
        <RadioGroup
          name="signedBy"
          legend={t("cases.consent.signedBy")}
          options={(["client", "guardian"] as const).map((s) => ({ value: s, label: t(`cases.client.signedBy.${s}`) }))}
          defaultValue="client"
          error={e?.signedBy}
        />
        <Field
          name="givenOn"
          type="date"
          label={t("cases.consent.givenOn")}
          defaultValue={d.today}
          error={e?.givenOn}
          required
        />
        <Field name="validUntil" type="date" label={t("cases.consent.validUntil")} error={e?.validUntil} required />
      </ActionForm>
    </>
  );
}
