import { Checkbox, Field, Select } from "~/kernel/ui/forms";
import { useT } from "~/kernel/ui/hooks";
import { SURVEY_KINDS, SURVEY_MODES } from "./constants";

// The survey form's fields (new survey and a draft's edit form) and small pieces the pages share.

export interface SurveyValues {
  organisationId: string | null;
  kind: string;
  title: string;
  opensOn: string;
  closesOn: string;
  periodLabel: string;
  mode: string;
  rolling: boolean;
  headcount: number | null;
  benchmarkShare: number | null;
  benchmarkSource: string | null;
}

export function SurveyFields({
  values,
  orgs,
  errors,
}: {
  values?: Partial<SurveyValues>;
  orgs: { value: string; label: string }[];
  errors?: Record<string, string>;
}) {
  const t = useT();
  const k = "opening.surveys.form";
  return (
    <>
      <Field name="title" label={t(`${k}.title`)} required defaultValue={values?.title} error={errors?.title} />
      <Select
        name="organisationId"
        label={t(`${k}.organisation`)}
        hint={t(`${k}.organisationHint`)}
        defaultValue={values?.organisationId ?? ""}
        error={errors?.organisationId}
        options={[{ value: "", label: t("opening.surveys.ownAdministration") }, ...orgs]}
      />
      <Select
        name="kind"
        label={t(`${k}.kind`)}
        required
        defaultValue={values?.kind ?? "staff"}
        error={errors?.kind}
        options={SURVEY_KINDS.map((x) => ({ value: x, label: t(`opening.surveys.kinds.${x}`) }))}
      />
      <Field
        name="opensOn"
        type="date"
        label={t(`${k}.opensOn`)}
        required
        defaultValue={values?.opensOn}
        error={errors?.opensOn}
      />
      <Field
        name="closesOn"
        type="date"
        label={t(`${k}.closesOn`)}
        required
        defaultValue={values?.closesOn}
        error={errors?.closesOn}
      />
      <Field
        name="periodLabel"
        label={t(`${k}.periodLabel`)}
        hint={t(`${k}.periodLabelHint`)}
        required
        defaultValue={values?.periodLabel}
        error={errors?.periodLabel}
      />
      <Select
        name="mode"
        label={t(`${k}.mode`)}
        required
        defaultValue={values?.mode ?? "codes"}
        error={errors?.mode}
        options={SURVEY_MODES.map((x) => ({ value: x, label: t(`opening.surveys.modes.${x}`) }))}
      />
      <Checkbox name="rolling" label={t(`${k}.rolling`)} defaultChecked={values?.rolling} />
      <Field
        name="headcount"
        inputMode="numeric"
        label={t(`${k}.headcount`)}
        hint={t(`${k}.headcountHint`)}
        required
        defaultValue={values?.headcount}
        error={errors?.headcount}
      />
      <Field
        name="benchmarkShare"
        inputMode="decimal"
        label={t(`${k}.benchmarkShare`)}
        hint={t(`${k}.benchmarkShareHint`)}
        defaultValue={values?.benchmarkShare}
        error={errors?.benchmarkShare}
      />
      <Field
        name="benchmarkSource"
        label={t(`${k}.benchmarkSource`)}
        defaultValue={values?.benchmarkSource}
        error={errors?.benchmarkSource}
      />
    </>
  );
}

/** The visible note on example data (issue 15 item 10). */
export function DemoNote({ show }: { show: boolean }) {
  const t = useT();
  if (!show) return null;
  return (
    <div className="kern-alert kern-alert--warning" role="note">
      <div className="kern-alert__header">
        <span className="kern-title">{t("opening.surveys.demoNote")}</span>
      </div>
      <div className="kern-alert__body">
        <p className="kern-body">{t("opening.surveys.demoText")}</p>
      </div>
    </div>
  );
}
