import "../surveys/strings";
import { data } from "react-router";
import type { Route } from "./+types/surveys-public-entry";
import { tenantContext, tenantTx, tFor } from "~/kernel/http/context";
import { ActionForm, PageTitle } from "~/kernel/ui/forms";
import { Field } from "~/kernel/ui/forms";
import { useT } from "~/kernel/ui/hooks";
import { surveyForRespondent, surveyIdByCode, surveyK } from "../surveys/service";
import { AnswerForm, unitOptions } from "../surveys/answer-form";

// The code entry page: whoever holds a printed code types it here (POST, so the code never appears in
// an address or a log); a valid unused code opens the survey's form with the code filled in. Looking
// does not use the code up – answering does.
export function loader({ context }: Route.LoaderArgs) {
  return { slug: context.get(tenantContext).tenant.slug };
}

export async function action({ request, context }: Route.ActionArgs) {
  const f = await request.formData();
  const code = String(f.get("code") ?? "")
    .trim()
    .slice(0, 100);
  const found = await tenantTx(context, async (tx) => {
    const id = await surveyIdByCode(tx, code);
    const r = id ? await surveyForRespondent(tx, id) : undefined;
    return (
      r && {
        id: r.survey.id,
        title: r.survey.title,
        periodLabel: r.survey.periodLabel,
        units: unitOptions(r.units),
        k: await surveyK(tx),
      }
    );
  });
  if (!found)
    return data(
      {
        errors: { code: tFor(context)("opening.surveys.errors.codeInvalid") },
        values: { intent: "code", code },
        survey: null,
      },
      { status: 400 },
    );
  return { errors: null, values: null, survey: { ...found, code } };
}

export default function SurveyEntry({ loaderData: d, actionData: a }: Route.ComponentProps) {
  const t = useT();
  const k = "opening.surveys.public";
  const s = a?.survey;
  const title = s ? t(`${k}.title`, { title: s.title }) : t(`${k}.entryTitle`);
  return (
    <main id="inhalt" className="kern-container page stack">
      <PageTitle>{title}</PageTitle>
      <h1 className="kern-heading-large">{title}</h1>
      {s ? (
        <>
          <p className="kern-body">{t(`${k}.intro`, { period: s.periodLabel, k: s.k })}</p>
          <AnswerForm slug={d.slug} surveyId={s.id} mode="codes" code={s.code} units={s.units} />
        </>
      ) : (
        <>
          <p className="kern-body">{t(`${k}.entryIntro`)}</p>
          <ActionForm intent="code" errors={a?.errors ?? undefined} submit={t(`${k}.entrySubmit`)} primary>
            <Field
              name="code"
              label={t(`${k}.code`)}
              hint={t(`${k}.codeHint`)}
              required
              autoComplete="off"
              error={a?.errors?.code}
            />
          </ActionForm>
        </>
      )}
    </main>
  );
}
