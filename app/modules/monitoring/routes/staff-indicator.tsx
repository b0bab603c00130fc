import { data, Form } from "react-router";
import type { Route } from "./+types/staff-indicator";
import { effectiveRole, failureErrors, requireRole, tenantTx } from "~/kernel/http/context";
import { roleAtLeast } from "~/kernel/roles";
import { CsrfField, ErrorSummary, formValues, SubmittedValues } from "~/kernel/ui/forms";
import { useT } from "~/kernel/ui/hooks";
import {
  getIndicator,
  listIndicators,
  setIndicatorBase,
  takesDeclaredBase,
  type Derivation,
} from "../services/indicators";
import { loadIndicatorPage } from "./data.server";
import { IndicatorView } from "./indicator-view";
import { BaseFields } from "./base-fields";

export async function loader({ context, params, request }: Route.LoaderArgs) {
  requireRole(context, "viewer");
  const page = await loadIndicatorPage(context, params.code, new URL(request.url), true);
  // Editors declare the base of a share read without counts here (decision 0033).
  const baseForm = roleAtLeast(effectiveRole(context) ?? undefined, "editor")
    ? await tenantTx(context, async (tx) => {
        const ind = await getIndicator(tx, params.code);
        if (!ind || !takesDeclaredBase({ ...ind, derivation: ind.derivation as Derivation | null })) return null;
        return {
          current: { baseIndicator: ind.baseIndicator, minBase: ind.minBase },
          indicators: (await listIndicators(tx)).map((i) => ({
            code: i.code,
            name: i.name,
            isCount: i.isCount && !i.derivation,
          })),
        };
      })
    : null;
  return { ...page, baseForm };
}

const s = (v: FormDataEntryValue | null) => (v === null || String(v).trim() === "" ? null : String(v).trim());

export async function action({ request, context, params }: Route.ActionArgs) {
  requireRole(context, "editor");
  const form = await request.formData();
  const min = s(form.get("minBase"));
  const r = await tenantTx(context, (tx) =>
    setIndicatorBase(tx, params.code, {
      baseIndicator: s(form.get("baseIndicator")),
      minBase: min === null ? null : /^\d+$/.test(min) ? Number(min) : Number.NaN,
    }),
  );
  if (!r.ok)
    return data({ errors: failureErrors(context, r), values: formValues(form), saved: false }, { status: 422 });
  return { errors: undefined, values: undefined, saved: true };
}

export default function StaffIndicator({ loaderData, actionData, params }: Route.ComponentProps) {
  const t = useT();
  const e = (actionData?.errors ?? undefined) as Record<string, string> | undefined;
  const b = loaderData.baseForm;
  return (
    <IndicatorView d={loaderData} base={`/t/${params.slug}/verwaltung/monitoring`}>
      {b && (
        <section aria-labelledby="basis-h" className="stack">
          <h2 id="basis-h" className="kern-heading-medium">
            {t("monitoring.declaredBase")}
          </h2>
          {actionData?.saved && (
            <p role="status" className="kern-body">
              {t("monitoring.baseSaved")}
            </p>
          )}
          <Form method="post" className="form-grid">
            <CsrfField />
            <ErrorSummary errors={e} />
            <SubmittedValues values={actionData?.values}>
              <BaseFields indicators={b.indicators} errors={e} current={b.current} />
            </SubmittedValues>
            <div>
              <button type="submit" className="kern-btn kern-btn--primary">
                <span className="kern-label">{t("monitoring.saveBase")}</span>
              </button>
            </div>
          </Form>
        </section>
      )}
    </IndicatorView>
  );
}
