/**
 * What the user typed into a form, sent back by an action that failed validation so the form can be
 * shown again with every value (also without JavaScript). Plain JSON: one string per field, an array
 * for fields sent more than once (multi-selects, checkbox groups).
 */
export type FormValues = Record<string, string | string[]>;

// Never echoed: the CSRF token is page-bound, secrets must not travel back into the HTML.
const SECRET = /^_csrf$|password|passwort|secret|token$/i;

export function formValues(form: FormData): FormValues {
  const out: FormValues = {};
  for (const [k, v] of form.entries()) {
    if (typeof v !== "string" || SECRET.test(k)) continue;
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

/** All submitted values of a field (empty when the field was not sent, e.g. unticked checkboxes). */
export function valuesOf(values: FormValues, name: string): string[] {
  const v = values[name];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** The first submitted value of a field, "" when it was not sent. */
export const valueOf = (values: FormValues, name: string): string => valuesOf(values, name)[0] ?? "";
