import "../trainings/strings";
import { data, redirect, useLocation } from "react-router";
import type { Route } from "./+types/trainings-evaluate";
import { failureErrors, fieldErrors, tenantContext, tenantTx } from "~/kernel/http/context";
import {
  Alert,
  ErrorSummary,
  Field,
  formValues,
  PageTitle,
  SubmittedValues,
  useSubmitted,
  valueOf,
  PostForm,
} from "~/kernel/ui/forms";
import { useT } from "~/kernel/ui/hooks";
import { EvaluationInput, submitEvaluation } from "../trainings/service";
import { QUESTION_KEYS } from "../trainings/questions";
import { optional, wholeNumber } from "../seal/http.server";

// The participants' evaluation of a training session, anonymous and without JavaScript: the session's
// code (from the trainer, or in the link as ?code=) and a mark 1–5 per question. Nothing about the
// participant is stored, not even the time of the answer.
export async function loader({ request, context }: Route.LoaderArgs) {
  const { tenant } = context.get(tenantContext);
  const url = new URL(request.url);
  const code = (url.searchParams.get("code") ?? "").slice(0, 20);
  return { slug: tenant.slug, code, thanks: url.searchParams.get("ok") === "1" };
}

export async function action({ request, context }: Route.ActionArgs) {
  const { tenant } = context.get(tenantContext);
  const f = await request.formData();
  const p = EvaluationInput.safeParse({
    code: optional(f.get("code")) ?? "",
    marks: Object.fromEntries(QUESTION_KEYS.map((q) => [q, wholeNumber(f.get(q))])),
  });
  if (!p.success) {
    // The marks' issues sit at marks.<question>; the form's fields are named by the question.
    const issues = p.error.issues.map((i) => (i.path[0] === "marks" ? { ...i, path: i.path.slice(1) } : i));
    return data({ errors: fieldErrors(context, issues), values: formValues(f) }, { status: 400 });
  }
  const r = await tenantTx(context, (tx) => submitEvaluation(tx, p.data));
  if (!r.ok) return data({ errors: failureErrors(context, r), values: formValues(f) }, { status: 400 });
  return redirect(`/t/${tenant.slug}/schulung-bewerten?ok=1`);
}

function Marks({ name, error }: { name: string; error?: string }) {
  const t = useT();
  const submitted = useSubmitted();
  const checked = (v: string) => !!submitted && valueOf(submitted, name) === v;
  return (
    <fieldset
      className={`kern-fieldset${error ? " kern-fieldset--error" : ""}`}
      aria-describedby={error ? `${name}-error` : undefined}
      id={`f-${name}`}
    >
      <legend className="kern-label">{t(`opening.trainings.questions.${name}`)}</legend>
      {error && (
        <p className="kern-error" id={`${name}-error`}>
          {error}
        </p>
      )}
      <div className="kern-fieldset__body">
        {["1", "2", "3", "4", "5"].map((v) => (
          <div key={v} className="kern-form-check">
            <input
              className="kern-form-check__radio"
              type="radio"
              id={`f-${name}-${v}`}
              name={name}
              value={v}
              required
              defaultChecked={checked(v)}
            />
            <label className="kern-label" htmlFor={`f-${name}-${v}`}>
              {t(`opening.trainings.marks.${v}`)}
            </label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

export default function Evaluate({ loaderData: d, actionData }: Route.ComponentProps) {
  const t = useT();
  const errors = actionData?.errors as Record<string, string> | undefined;
  // A new form after each navigation (an answer sent): the next participant starts empty.
  const fresh = useLocation().key;
  return (
    <main id="inhalt" className="kern-container page stack">
      <PageTitle>{t("opening.trainings.evaluate.title")}</PageTitle>
      <h1 className="kern-heading-x-large">{t("opening.trainings.evaluate.title")}</h1>
      {d.thanks && <Alert kind="success">{t("opening.trainings.evaluate.thanks")}</Alert>}
      <p className="kern-body">{t("opening.trainings.evaluate.intro")}</p>
      <p className="kern-body">{t("opening.trainings.evaluate.scale")}</p>
      <PostForm key={fresh} className="form-grid" noValidate>
        <ErrorSummary errors={errors} />
        <SubmittedValues values={actionData?.values}>
          <Field
            name="code"
            required
            autoComplete="off"
            label={t("opening.trainings.evaluate.code")}
            hint={t("opening.trainings.evaluate.codeHint")}
            defaultValue={d.code}
            error={errors?.code}
          />
          {QUESTION_KEYS.map((q) => (
            <Marks key={q} name={q} error={errors?.[q]} />
          ))}
        </SubmittedValues>
        <div>
          <button type="submit" className="kern-btn kern-btn--primary">
            <span className="kern-label">{t("opening.trainings.evaluate.submit")}</span>
          </button>
        </div>
      </PostForm>
    </main>
  );
}
