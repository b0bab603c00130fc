import { useSubmitted, valuesOf } from "~/kernel/ui/forms";
import { ChoiceList, SEARCH_FROM } from "~/kernel/ui/picker";

// The offer form's check-box groups: apart from ui.tsx, so the public pages do not load the kernel's
// searchable list with them.

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
