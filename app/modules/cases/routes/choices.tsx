import { Checkbox } from "~/kernel/ui/forms";

/** A group of checkboxes under one legend, with its error (categories, recipients). */
export function CheckboxGroup({
  name,
  legend,
  hint,
  options,
  error,
}: {
  name: string;
  legend: string;
  hint?: string;
  options: { value: string; label: string }[];
  error?: string;
}) {
  const id = `f-${name}`;
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset className={`kern-fieldset${error ? " kern-fieldset--error" : ""}`} id={id} aria-describedby={describedBy}>
      <legend className="kern-label">{legend}</legend>
      {hint && (
        <div className="kern-hint" id={`${id}-hint`}>
          {hint}
        </div>
      )}
      {error && (
        <p className="kern-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
      <div className="kern-fieldset__body">
        {options.map((o) => (
          <Checkbox key={o.value} name={name} value={o.value} label={o.label} id={`${id}-${o.value}`} />
        ))}
      </div>
    </fieldset>
  );
}
