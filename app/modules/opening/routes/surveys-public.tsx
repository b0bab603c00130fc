import "../surveys/strings";
import { data, redirect } from "react-router";
import type { Route } from "./+types/surveys-public";
import { failureErrors, fieldErrors, tenantContext, tenantTx } from "~/kernel/http/context";
import { Alert, formValues, PageTitle } from "~/kernel/ui/forms";
import { useT } from "~/kernel/ui/hooks";
import { AnswerInput, submitAnswer, surveyForRespondent, surveyK } from "../surveys/service";
import { optional } from "../surveys/http.server";
import { AnswerForm, unitOptions } from "../surveys/answer-form";

// The respondent's page (public, no account): a plain form POST with the CSRF field, then a thank-you
// page. Nothing of the request – address, agent, time – is stored with the answer (decision 0041).
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { tenant } = context.get(tenantContext);
  const thanks = new URL(request.url).searchParams.get("ok") === "1";
  return tenantTx(context, async (tx) => {
    const r = await surveyForRespondent(tx, params.surveyId);
    return {
      slug: tenant.slug,
      thanks,
      k: await surveyK(tx),
      survey: r && {
        id: r.survey.id,
        title: r.survey.title,
        mode: r.survey.mode,
        periodLabel: r.survey.periodLabel,
        isDemo: r.survey.isDemo,
      },
      units: r ? unitOptions(r.units) : [],
    };
  });
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { tenant } = context.get(tenantContext);
  const f = await request.formData();
  const values = { ...formValues(f), _csrf: "" };
  const parsed = AnswerInput.safeParse({
    code: optional(f.get("code")),
    migration: optional(f.get("migration")),
    languages: f.getAll("languages").map(String),
    unitId: optional(f.get("unitId")),
  });
  if (!parsed.success) return data({ errors: fieldErrors(context, parsed.error.issues), values }, { status: 400 });
  const r = await tenantTx(context, (tx) => submitAnswer(tx, params.surveyId, parsed.data));
  if (!r.ok)
    return data(
      { errors: failureErrors(context, r), values },
      { status: r.error.code.endsWith("notAnswerable") ? 409 : 400 },
    );
  return redirect(`/t/${tenant.slug}/befragung/${params.surveyId}?ok=1`);
}

export default function SurveyRespondent({ loaderData: d, actionData: a }: Route.ComponentProps) {
  const t = useT();
  const k = "opening.surveys.public";
  const title = d.survey ? t(`${k}.title`, { title: d.survey.title }) : t(`${k}.closed`);
  return (
    <main id="inhalt" className="kern-container page stack">
      <PageTitle>{title}</PageTitle>
      <h1 className="kern-heading-large">{title}</h1>
      {d.thanks ? (
        <Alert kind="success">{t(`${k}.thanks`)}</Alert>
      ) : !d.survey ? (
        <p className="kern-body">{t(`${k}.closed`)}</p>
      ) : (
        <>
          {d.survey.isDemo && <Alert kind="warning">{t("opening.surveys.demoText")}</Alert>}
          <p className="kern-body">{t(`${k}.intro`, { period: d.survey.periodLabel, k: d.k })}</p>
          <AnswerForm
            slug={d.slug}
            surveyId={d.survey.id}
            mode={d.survey.mode}
            units={d.units}
            errors={a?.errors as Record<string, string> | undefined}
            values={a?.values}
          />
        </>
      )}
    </main>
  );
}
