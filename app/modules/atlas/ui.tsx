import { useSubmitted, valuesOf } from "~/kernel/ui/forms";
import { ChoiceList, SEARCH_FROM } from "~/kernel/ui/picker";
import { NATIVE_NAMES, dirOf, htmlLang } from "./taxonomy";

// Browser-safe pieces shared by the atlas pages (no server imports).

export function CheckboxGroup({
  name,
  legend,
  options,
  values,
  error,
}: {
  name: string;
  legend: string;
  options: { value: string; label: string; lang?: string }[];
  values: string[];
  error?: string;
}) {
  const submitted = useSubmitted();
  // A long list (the offer's languages) is the kernel's searchable one; short ones keep their columns.
  if (options.length >= SEARCH_FROM)
    return <ChoiceList name={name} legend={legend} options={options} defaultValues={values} error={error} />;
  const id = `f-${name}`;
  // After a rejected submit the boxes show what was ticked then (kernel SubmittedValues).
  if (submitted) values = valuesOf(submitted, name);
  return (
    <fieldset
      className={`kern-fieldset${error ? " kern-fieldset--error" : ""}`}
      id={id}
      tabIndex={-1}
      aria-describedby={error ? `${id}-error` : undefined}
    >
      <legend className="kern-label">{legend}</legend>
      {error && (
        <p className="kern-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
      <div className="kern-fieldset__body atlas-checks">
        {options.map((o) => (
          <div className="kern-form-check" key={o.value}>
            <input
              className="kern-form-check__checkbox"
              type="checkbox"
              id={`${id}-${o.value}`}
              name={name}
              value={o.value}
              defaultChecked={values.includes(o.value)}
            />
            <label className="kern-label" htmlFor={`${id}-${o.value}`} lang={o.lang}>
              {o.label}
            </label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

/** A language name in its own script, marked up so screen readers pronounce it correctly. */
export function LangName({ code }: { code: string }) {
  return (
    <span lang={htmlLang(code)} dir={dirOf(code)}>
      {NATIVE_NAMES[code] ?? code}
    </span>
  );
}

export function withParams(base: string, params: Record<string, string | number | undefined | null>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") p.set(k, String(v));
  const s = p.toString();
  return s ? `${base}?${s}` : base;
}

/** A filter select: optional by nature, so it carries neither "required" nor an "optional" suffix. */
export function FilterSelect({
  name,
  label,
  options,
  defaultValue,
}: {
  name: string;
  label: string;
  options: { value: string; label: string; lang?: string }[];
  defaultValue?: string | null;
}) {
  const id = `f-${name}`;
  return (
    <div className="kern-form-input">
      <label className="kern-label" htmlFor={id}>
        {label}
      </label>
      <div className="kern-form-input__select-wrapper">
        <select className="kern-form-input__select" id={id} name={name} defaultValue={defaultValue ?? ""}>
          {options.map((o) => (
            <option key={o.value} value={o.value} lang={o.lang}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
