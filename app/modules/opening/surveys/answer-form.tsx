import { ErrorSummary, Field, SubmittedValues, useDefaultChecked, type FormValues, PostForm } from "~/kernel/ui/forms";
import { useT } from "~/kernel/ui/hooks";
import { MIGRATION_ANSWERS, publicPath } from "./constants";
import { LANGUAGES } from "./languages";

// The respondent's form: a plain POST that works without JavaScript on a 320 px phone. Radio buttons
// and checkboxes in fieldsets with legends; the unit list only when the survey has units.

function Radio({ name, value, label, required }: { name: string; value: string; label: string; required?: boolean }) {
  const checked = useDefaultChecked(name, value, undefined);
  return (
    <div className="kern-form-check">
      <input
        className="kern-form-check__radio"
        type="radio"
        id={`f-${name}-${value}`}
        name={name}
        value={value}
        required={required}
        defaultChecked={checked}
      />
      <label className="kern-label" htmlFor={`f-${name}-${value}`}>
        {label}
      </label>
    </div>
  );
}

function Check({ name, value, label }: { name: string; value: string; label: string }) {
  const checked = useDefaultChecked(name, value, undefined);
  return (
    <div className="kern-form-check">
      <input
        className="kern-form-check__checkbox"
        type="checkbox"
        id={`f-${name}-${value}`}
        name={name}
        value={value}
        defaultChecked={checked}
      />
      <label className="kern-label" htmlFor={`f-${name}-${value}`}>
        {label}
      </label>
    </div>
  );
}

export function AnswerForm({
  slug,
  surveyId,
  mode,
  code,
  units,
  errors,
  values,
}: {
  slug: string;
  surveyId: string;
  mode: "codes" | "open";
  code?: string;
  units: { id: string; name: string; depth: number }[];
  errors?: Record<string, string>;
  values?: FormValues | null;
}) {
  const t = useT();
  const k = "opening.surveys.public";
  const langs = [...LANGUAGES].sort((a, b) =>
    t(`opening.surveys.languages.${a.code}`).localeCompare(t(`opening.surveys.languages.${b.code}`)),
  );
  return (
    <PostForm action={publicPath(slug, surveyId)} className="form-grid survey-form" noValidate>
      <ErrorSummary errors={errors} />
      <SubmittedValues values={values}>
        {mode === "codes" && (
          <Field
            name="code"
            label={t(`${k}.code`)}
            hint={t(`${k}.codeHint`)}
            required
            defaultValue={code}
            autoComplete="off"
            error={errors?.code}
          />
        )}
        <fieldset
          className={`kern-fieldset${errors?.migration ? " kern-form-input--error" : ""}`}
          id="f-migration"
          aria-describedby={errors?.migration ? "f-migration-error" : undefined}
        >
          <legend className="kern-label">{t(`${k}.migration`)}</legend>
          {errors?.migration && (
            <p className="kern-error" id="f-migration-error" role="alert">
              {errors.migration}
            </p>
          )}
          {MIGRATION_ANSWERS.map((m) => (
            <Radio key={m} name="migration" value={m} label={t(`${k}.migrationAnswers.${m}`)} required />
          ))}
        </fieldset>
        <fieldset className="kern-fieldset" id="f-languages" aria-describedby="f-languages-hint">
          <legend className="kern-label">{t(`${k}.languages`)}</legend>
          <p className="kern-hint" id="f-languages-hint">
            {t(`${k}.languagesHint`)}
          </p>
          {langs.map((l) => (
            <Check key={l.code} name="languages" value={l.code} label={t(`opening.surveys.languages.${l.code}`)} />
          ))}
        </fieldset>
        {units.length > 0 && (
          <div className="kern-form-input">
            <label className="kern-label" htmlFor="f-unitId">
              {t(`${k}.unit`)}
            </label>
            <div className="kern-form-input__select-wrapper">
              <select
                className="kern-form-input__select"
                id="f-unitId"
                name="unitId"
                defaultValue={values ? String(values.unitId ?? "") : ""}
              >
                <option value="">{t(`${k}.unitNone`)}</option>
                {units.map((u) => (
                  <option key={u.id} value={u.id}>
                    {`${"\u00a0\u00a0".repeat(u.depth)}${u.name}`}
                  </option>
                ))}
              </select>
            </div>
          </div>
        )}
      </SubmittedValues>
      <div>
        <button type="submit" className="kern-btn kern-btn--primary">
          <span className="kern-label">{t(`${k}.submit`)}</span>
        </button>
      </div>
    </PostForm>
  );
}

/** Units in tree order with their depth, for the select list. */
export function unitOptions(units: { id: string; parentId: string | null; name: string }[]) {
  const out: { id: string; name: string; depth: number }[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const u of units.filter((x) => x.parentId === parent)) {
      out.push({ id: u.id, name: u.name, depth });
      walk(u.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}
