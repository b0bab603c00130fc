import { data } from "react-router";
import type { Route } from "./+types/staff-indicator";
import { effectiveRole, failureErrors, requireRole, tenantTx } from "~/kernel/http/context";
import { roleAtLeast } from "~/kernel/roles";
import { ErrorSummary, Field, formValues, SubmittedValues, PostForm } from "~/kernel/ui/forms";
import { useT } from "~/kernel/ui/hooks";
import {
  getIndicator,
  listIndicators,
  setIndicatorBase,
  setIndicatorDefinition,
  takesDeclaredBase,
  type Derivation,
} from "../services/indicators";
import { loadIndicatorPage } from "./data.server";
import { IndicatorView } from "./indicator-view";
import { BaseFields } from "./base-fields";

export async function loader({ context, params, request }: Route.LoaderArgs) {
  requireRole(context, "viewer");
  const page = await loadIndicatorPage(context, params.code, new URL(request.url), true);
  // Editors declare the base of a share read without counts (decision 0033) and the definition of a
  // series read as it is (decision 0039) here.
  const forms = roleAtLeast(effectiveRole(context) ?? undefined, "editor")
    ? await tenantTx(context, async (tx) => {
        const ind = await getIndicator(tx, params.code);
        if (!ind) return { baseForm: null, definitionForm: null };
        const definitionForm = ind.derivation ? null : { current: ind.definition ?? "" };
        if (!takesDeclaredBase({ ...ind, derivation: ind.derivation as Derivation | null }))
          return { baseForm: null, definitionForm };
        const baseForm = {
          current: { baseIndicator: ind.baseIndicator, minBase: ind.minBase },
          indicators: (await listIndicators(tx)).map((i) => ({
            code: i.code,
            name: i.name,
            coreSet: i.coreSet,
            isCount: i.isCount && !i.derivation,
          })),
        };
        return { baseForm, definitionForm };
      })
    : { baseForm: null, definitionForm: null };
  return { ...page, ...forms };
}

const s = (v: FormDataEntryValue | null) => (v === null || String(v).trim() === "" ? null : String(v).trim());

export async function action({ request, context, params }: Route.ActionArgs) {
  requireRole(context, "editor");
  const form = await request.formData();
  const intent = form.get("intent") === "definition" ? "definition" : "base";
  const min = s(form.get("minBase"));
  const r = await tenantTx(context, (tx) =>
    intent === "definition"
      ? setIndicatorDefinition(tx, params.code, s(form.get("definition")))
      : setIndicatorBase(tx, params.code, {
          baseIndicator: s(form.get("baseIndicator")),
          minBase: min === null ? null : /^\d+$/.test(min) ? Number(min) : Number.NaN,
        }),
  );
  if (!r.ok)
    return data({ errors: failureErrors(context, r), values: formValues(form), saved: null, intent }, { status: 422 });
  return { errors: undefined, values: undefined, saved: intent, intent };
}

export default function StaffIndicator({ loaderData, actionData, params }: Route.ComponentProps) {
  const t = useT();
  const errors = (actionData?.errors ?? undefined) as Record<string, string> | undefined;
  const e = actionData?.intent === "base" ? errors : undefined;
  const de = actionData?.intent === "definition" ? errors : undefined;
  const b = loaderData.baseForm;
  const def = loaderData.definitionForm;
  return (
    <IndicatorView d={loaderData} base={`/t/${params.slug}/verwaltung/monitoring`}>
      {b && (
        <section aria-labelledby="basis-h" className="stack">
          <h2 id="basis-h" className="kern-heading-medium">
            {t("monitoring.declaredBase")}
          </h2>
          {actionData?.saved === "base" && (
            <p role="status" className="kern-body">
              {t("monitoring.baseSaved")}
            </p>
          )}
          <PostForm className="form-grid">
            <ErrorSummary errors={e} />
            <SubmittedValues values={actionData?.intent === "base" ? actionData.values : undefined}>
              <BaseFields indicators={b.indicators} errors={e} current={b.current} />
            </SubmittedValues>
            <div>
              <button type="submit" className="kern-btn kern-btn--primary">
                <span className="kern-label">{t("monitoring.saveBase")}</span>
              </button>
            </div>
          </PostForm>
        </section>
      )}
      {def && (
        <section aria-labelledby="definition-h" className="stack">
          <h2 id="definition-h" className="kern-heading-medium">
            {t("monitoring.definition")}
          </h2>
          {actionData?.saved === "definition" && (
            <p role="status" className="kern-body">
              {t("monitoring.definitionSaved")}
            </p>
          )}
          <PostForm className="form-grid">
            <input type="hidden" name="intent" value="definition" />
            <ErrorSummary errors={de} />
            <SubmittedValues values={actionData?.intent === "definition" ? actionData.values : undefined}>
              <Field
                name="definition"
                label={t("monitoring.definition")}
                hint={t("monitoring.definitionHint")}
                type="textarea"
                defaultValue={def.current}
                error={de?.definition}
              />
            </SubmittedValues>
            <div>
              <button type="submit" className="kern-btn kern-btn--primary">
                <span className="kern-label">{t("monitoring.definitionSave")}</span>
              </button>
            </div>
          </PostForm>
        </section>
      )}
    </IndicatorView>
  );
}
