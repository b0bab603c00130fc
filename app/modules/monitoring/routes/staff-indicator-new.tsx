import { Link, data, redirect } from "react-router";
import { parseGermanNumber } from "~/kernel/numbers";
import type { Route } from "./+types/staff-indicator-new";
import { failureErrors, fieldErrors, requireRole, tenantTx } from "~/kernel/http/context";
import {
  Checkbox,
  ErrorSummary,
  Field,
  formValues,
  PageTitle,
  Select,
  SubmittedValues,
  PostForm,
} from "~/kernel/ui/forms";
import { useT } from "~/kernel/ui/hooks";
import { BaseFields } from "./base-fields";
import { createIndicator, IndicatorInput, listIndicators } from "../services/indicators";
import { listTerms } from "~/kernel/taxonomy/service";
import { DERIVED_OPS, DIMENSIONS } from "../shared";
import { useIndicatorOption, useIndicatorTexts } from "../components";
import { CONTENT_LANGUAGE } from "~/kernel/ui/content";
import "~/kernel/ui/data-view.css";
import "../monitoring.css";

export async function loader({ context }: Route.LoaderArgs) {
  requireRole(context, "editor");
  return {
    indicators: (await tenantTx(context, (tx) => listIndicators(tx))).map((i) => ({
      code: i.code,
      name: i.name,
      coreSet: i.coreSet,
      isCount: i.isCount && !i.derivation,
    })),
    // The tenant's Handlungsfelder (kernel taxonomy): an indicator belongs to one of them.
    fields: (await tenantTx(context, (tx) => listTerms(tx, "handlungsfeld"))).map((h) => ({
      id: h.id,
      field: h.name,
      fieldEn: h.nameEn,
      fieldPreset: h.presetKey,
    })),
  };
}

const s = (v: FormDataEntryValue | undefined) => (v === undefined || String(v).trim() === "" ? null : String(v).trim());
const n = (v: FormDataEntryValue | undefined) => parseGermanNumber(v);

export async function action({ request, context, params }: Route.ActionArgs) {
  requireRole(context, "editor");
  const form = await request.formData();
  const f = Object.fromEntries(form);
  const op = s(f.op);
  const parsed = IndicatorInput.safeParse({
    code: f.code,
    name: f.name,
    description: s(f.description),
    definition: s(f.definition),
    fieldId: s(f.fieldId),
    field: s(f.field),
    dimension: f.dimension,
    unit: f.unit,
    isCount: f.isCount === "1",
    source: s(f.source),
    coreSet: false,
    isPublic: f.isPublic === "1",
    derivation: op
      ? {
          op,
          a: { indicator: s(f.aIndicator) ?? "", group: s(f.aGroup) },
          b: { indicator: s(f.bIndicator) ?? "", group: s(f.bGroup) },
        }
      : null,
    targetValue: n(f.targetValue),
    targetDirection: s(f.targetDirection),
    targetYear: n(f.targetYear),
    targetParity: f.targetParity === "1",
    baseIndicator: s(f.baseIndicator),
    minBase: n(f.minBase),
  });
  if (!parsed.success)
    return data(
      {
        errors: fieldErrors(
          context,
          parsed.error.issues.map((i) => ({ ...i, path: i.path[0] === "derivation" ? ["op"] : i.path })),
        ),
        values: formValues(form),
      },
      { status: 400 },
    );
  const r = await tenantTx(context, (tx) => createIndicator(tx, parsed.data, { newField: false }));
  if (!r.ok) return data({ errors: failureErrors(context, r), values: formValues(form) }, { status: 409 });
  return redirect(`/t/${params.slug}/verwaltung/monitoring/indikator/${r.indicator.code}`);
}

export default function NewIndicator({ loaderData: d, actionData, params }: Route.ComponentProps) {
  const t = useT();
  const e = (actionData?.errors ?? undefined) as Record<string, string> | undefined;
  const none = { value: "", label: t("monitoring.none") };
  const option = useIndicatorOption();
  const texts = useIndicatorTexts();
  const inds = [none, ...d.indicators.map(option)];
  return (
    <>
      <PageTitle>{t("monitoring.newIndicator")}</PageTitle>
      <p>
        <Link className="kern-link" to={`/t/${params.slug}/verwaltung/monitoring`}>
          {t("monitoring.title")}
        </Link>
      </p>
      <h1 className="kern-heading-large">{t("monitoring.newIndicator")}</h1>
      <PostForm className="form-grid">
        <ErrorSummary errors={e} />
        <SubmittedValues values={actionData?.values}>
          <Field name="code" label={t("monitoring.code")} hint={t("monitoring.codeHint")} required error={e?.code} />
          <Field name="name" label={t("monitoring.name")} required error={e?.name} />
          <Field name="description" type="textarea" label={t("monitoring.description")} error={e?.description} />
          <Field
            name="definition"
            type="textarea"
            label={t("monitoring.definition")}
            hint={t("monitoring.definitionHint")}
            error={e?.definition}
          />
          <Select
            name="fieldId"
            label={t("monitoring.field")}
            hint={t("monitoring.fieldHint")}
            required
            error={e?.fieldId ?? e?.field}
            options={[
              { value: "", label: "–" },
              ...d.fields.map((h) => {
                const f = texts.field(h);
                return { value: h.id, label: f.text, content: f.lang === CONTENT_LANGUAGE };
              }),
            ]}
          />
          <Select
            name="dimension"
            label={t("monitoring.dimension")}
            required
            error={e?.dimension}
            options={DIMENSIONS.map((x) => ({ value: x, label: t(`monitoring.dimensions.${x}`) }))}
          />
          <Field name="unit" label={t("monitoring.unit")} hint={t("monitoring.unitHint")} required error={e?.unit} />
          <Checkbox name="isCount" label={t("monitoring.isCount")} />
          <Field name="source" label={t("monitoring.source")} error={e?.source} />
          <Checkbox name="isPublic" label={t("monitoring.public")} defaultChecked />
          <fieldset className="kern-fieldset">
            <legend className="kern-label">{t("monitoring.derivation")}</legend>
            <div className="form-grid">
              <Select
                name="op"
                label={t("monitoring.op")}
                error={e?.op}
                options={[
                  { value: "", label: t("monitoring.baseSeries") },
                  ...DERIVED_OPS.map((o) => ({ value: o, label: t(`monitoring.ops.${o}`, { a: "A", b: "B" }) })),
                ]}
              />
              <Select name="aIndicator" label={t("monitoring.operandA")} options={inds} />
              <Field name="aGroup" label={t("monitoring.operandAGroup")} hint={t("monitoring.groupHint")} />
              <Select name="bIndicator" label={t("monitoring.operandB")} options={inds} />
              <Field name="bGroup" label={t("monitoring.operandBGroup")} hint={t("monitoring.groupHint")} />
            </div>
          </fieldset>
          <BaseFields indicators={d.indicators} errors={e} />
          <fieldset className="kern-fieldset">
            <legend className="kern-label">{t("monitoring.target")}</legend>
            <div className="form-grid">
              <Field
                name="targetValue"
                label={t("monitoring.targetValue")}
                inputMode="decimal"
                error={e?.targetValue}
              />
              <Select
                name="targetDirection"
                label={t("monitoring.targetDirection")}
                options={[
                  none,
                  { value: "hoch", label: t("monitoring.targetHighShort") },
                  { value: "niedrig", label: t("monitoring.targetLowShort") },
                ]}
              />
              <Field name="targetYear" label={t("monitoring.targetYear")} inputMode="numeric" error={e?.targetYear} />
              <Checkbox name="targetParity" label={t("monitoring.targetParity")} />
            </div>
          </fieldset>
        </SubmittedValues>
        <div>
          <button type="submit" className="kern-btn kern-btn--primary">
            <span className="kern-label">{t("monitoring.save")}</span>
          </button>
        </div>
      </PostForm>
    </>
  );
}
