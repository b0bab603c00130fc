import { createContext, useContext, useEffect, useRef, useState, type FormEvent, type ReactNode } from "react";
import { Form, useActionData, useNavigation, useRouteLoaderData, type FormProps } from "react-router";
import { useRoot, useT } from "./hooks";
import { FEEDBACK_ATTR } from "./focus";
import { useContentAttrs } from "./content";
import { valueOf, valuesOf, type FormValues } from "./values";

export { formValues, valueOf, valuesOf, type FormValues } from "./values";

/**
 * The values the user submitted when the action rejected the form. While set, every control inside
 * takes its default from them instead of the loaded record – also an unticked checkbox, which is
 * simply absent from the submission.
 */
const SubmittedContext = createContext<FormValues | null>(null);

export function SubmittedValues({ values, children }: { values: FormValues | null | undefined; children: ReactNode }) {
  return <SubmittedContext.Provider value={values ?? null}>{children}</SubmittedContext.Provider>;
}

/** The submitted values of the surrounding form, or null when it shows the loaded record. */
export function useSubmitted(): FormValues | null {
  return useContext(SubmittedContext);
}

/** The default of a text control: what was submitted, else the record's value. */
export function useDefaultValue<T>(name: string, fallback: T): string | T {
  const sub = useSubmitted();
  return sub ? valueOf(sub, name) : fallback;
}

/** Whether a checkbox or option `value` of field `name` starts selected. */
export function useDefaultChecked(name: string, value: string, fallback: boolean | undefined): boolean | undefined {
  const sub = useSubmitted();
  return sub ? valuesOf(sub, name).includes(value) : fallback;
}

/**
 * The id prefix of the surrounding ActionForm (its `idPrefix`), for a page with two forms that both
 * have a field of the same name: the fields' ids and the error summary's links stay unique and match.
 */
const IdPrefixContext = createContext("");

/** A control's id: the one given, else `f-<form prefix><name>`, which the error summary links to. */
export function useFieldId(name: string, id: string | undefined): string {
  const prefix = useContext(IdPrefixContext);
  return id ?? `f-${prefix}${name}`;
}

/** The CSRF token every state-changing form carries (checked in kernelMiddleware). */
export function CsrfField() {
  const { csrfToken } = useRoot();
  return <input type="hidden" name="_csrf" value={csrfToken} />;
}

/**
 * The document title "<page> – <tenant> – Teilhabe" on a tenant's pages (the tenant layout's data),
 * "<page> – Teilhabe" elsewhere: screen reader users hear it first and tell tabs apart by it. A part
 * that repeats the one before (the tenant's start page, the platform's) is said once.
 */
export function PageTitle({ children }: { children: string }) {
  const t = useT();
  const tenant = (useRouteLoaderData("kernel/routes/tenant-layout") as { tenant?: { name: string } } | undefined)
    ?.tenant;
  const parts = [children, tenant?.name, t("app.name")].filter((p): p is string => !!p);
  return <title>{parts.filter((p, i) => p !== parts[i - 1]).join(" – ")}</title>;
}

/** The ids of a control's hint and error, for its aria-describedby (undefined when it has neither). */
export const describedByOf = (id: string, hint?: string, error?: string) =>
  [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ") || undefined;

/** A control's hint and error below its label or legend, with the ids describedByOf names. */
export function HintAndError({ id, hint, error }: { id: string; hint?: string; error?: string }) {
  return (
    <>
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
    </>
  );
}

interface FieldProps {
  name: string;
  label: string;
  type?: string;
  defaultValue?: string | number | null;
  error?: string;
  hint?: string;
  required?: boolean;
  autoComplete?: string;
  inputMode?: "numeric" | "decimal" | "text" | "email";
  /** For a field whose name recurs on the page (one form per row): its own id, else `f-<name>`. */
  id?: string;
}

/** A labelled KERN input with hint and error wired up by aria-describedby. */
/** Label, hint and error of a form control; children get the ids through render props. */
function FieldShell({
  id,
  label,
  hint,
  error,
  required,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  required?: boolean;
  children: (describedBy: string | undefined) => ReactNode;
}) {
  const t = useT();
  const describedBy = describedByOf(id, hint, error);
  return (
    <div className={`kern-form-input${error ? " kern-form-input--error" : ""}`}>
      <label className="kern-label" htmlFor={id}>
        {label}
        {!required && <span className="kern-label__optional"> – {t("form.optional")}</span>}
      </label>
      <HintAndError id={id} hint={hint} error={error} />
      {children(describedBy)}
    </div>
  );
}

export function Field({
  name,
  label,
  type = "text",
  defaultValue,
  error,
  hint,
  required,
  autoComplete,
  inputMode,
  id: idProp,
}: FieldProps) {
  const id = useFieldId(name, idProp);
  const submitted = useDefaultValue(name, defaultValue);
  // A password is never sent back to the page, so it never comes from the submitted values.
  defaultValue = type === "password" ? defaultValue : submitted;
  return (
    <FieldShell id={id} label={label} hint={hint} error={error} required={required}>
      {(describedBy) =>
        type === "textarea" ? (
          <textarea
            className={`kern-form-input__input${error ? " kern-form-input__input--error" : ""}`}
            id={id}
            name={name}
            defaultValue={defaultValue ?? undefined}
            required={required}
            aria-invalid={!!error || undefined}
            aria-describedby={describedBy}
            rows={5}
          />
        ) : (
          <input
            className={`kern-form-input__input${error ? " kern-form-input__input--error" : ""}`}
            id={id}
            name={name}
            type={type}
            defaultValue={defaultValue ?? undefined}
            required={required}
            autoComplete={autoComplete}
            inputMode={inputMode}
            aria-invalid={!!error || undefined}
            aria-describedby={describedBy}
          />
        )
      }
    </FieldShell>
  );
}

/** A labelled file input (required unless told otherwise), with hint and error like every field. */
export function FileField({
  name,
  label,
  hint,
  error,
  accept,
  multiple,
  required = true,
  id: idProp,
}: {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  accept: string;
  multiple?: boolean;
  required?: boolean;
  id?: string;
}) {
  const id = useFieldId(name, idProp);
  return (
    <FieldShell id={id} label={label} hint={hint} error={error} required={required}>
      {(describedBy) => (
        <input
          className={`kern-form-input__input${error ? " kern-form-input__input--error" : ""}`}
          id={id}
          name={name}
          type="file"
          accept={accept}
          multiple={multiple}
          required={required}
          aria-invalid={!!error || undefined}
          aria-describedby={describedBy}
        />
      )}
    </FieldShell>
  );
}

interface SelectProps {
  name: string;
  label: string;
  /** `content`: the label is the tenant's text (a goal, an organisation), marked with its language. */
  options: { value: string; label: string; content?: boolean }[];
  defaultValue?: string | null;
  error?: string;
  hint?: string;
  required?: boolean;
  id?: string;
}

export function Select({ name, label, options, defaultValue, error, hint, required, id: idProp }: SelectProps) {
  const id = useFieldId(name, idProp);
  defaultValue = useDefaultValue(name, defaultValue);
  const content = useContentAttrs();
  return (
    <FieldShell id={id} label={label} hint={hint} error={error} required={required}>
      {(describedBy) => (
        <div className="kern-form-input__select-wrapper">
          <select
            className={`kern-form-input__select${error ? " kern-form-input__select--error" : ""}`}
            id={id}
            name={name}
            defaultValue={defaultValue ?? undefined}
            required={required}
            aria-invalid={!!error || undefined}
            aria-describedby={describedBy}
          >
            {options.map((o) => (
              <option key={o.value} value={o.value} {...(o.content ? content : {})}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
      )}
    </FieldShell>
  );
}

export function Checkbox({
  name,
  label,
  defaultChecked,
  value = "1",
  id: idProp,
}: {
  name: string;
  label: string;
  defaultChecked?: boolean;
  value?: string;
  id?: string;
}) {
  const id = useFieldId(name, idProp);
  defaultChecked = useDefaultChecked(name, value, defaultChecked);
  return (
    <div className="kern-form-check">
      <input
        className="kern-form-check__checkbox"
        type="checkbox"
        id={id}
        name={name}
        value={value}
        defaultChecked={defaultChecked}
      />
      <label className="kern-label" htmlFor={id}>
        {label}
      </label>
    </div>
  );
}

/**
 * Radio buttons in a fieldset whose legend asks the question: one choice of a few (a rating). The
 * group's id is the one an error summary links to; arrow keys move between the options.
 */
export function RadioGroup({
  name,
  legend,
  options,
  defaultValue,
  error,
  hint,
  horizontal,
  id: idProp,
}: {
  name: string;
  legend: ReactNode;
  options: { value: string; label: string }[];
  defaultValue?: string | null;
  error?: string;
  hint?: string;
  horizontal?: boolean;
  id?: string;
}) {
  const id = useFieldId(name, idProp);
  const chosen = useDefaultValue(name, defaultValue ?? "");
  const describedBy = describedByOf(id, hint, error);
  return (
    <fieldset className={`kern-fieldset${error ? " kern-fieldset--error" : ""}`} id={id} aria-describedby={describedBy}>
      <legend className="kern-label">{legend}</legend>
      <HintAndError id={id} hint={hint} error={error} />
      <div className={`kern-fieldset__body${horizontal ? " kern-fieldset__body--horizontal" : ""}`}>
        {options.map((o, i) => (
          <div className="kern-form-check" key={o.value}>
            <input
              className={`kern-form-check__radio${error ? " kern-form-check__radio--error" : ""}`}
              type="radio"
              id={`${id}-${i}`}
              name={name}
              value={o.value}
              defaultChecked={chosen === o.value}
            />
            <label className="kern-label" htmlFor={`${id}-${i}`}>
              {o.label}
            </label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

/** Lists all errors at the top of a form, each linking to its field (WCAG 3.3.1). */
export function ErrorSummary({ errors }: { errors?: Record<string, string> | null }) {
  const t = useT();
  const prefix = useContext(IdPrefixContext);
  if (!errors || !Object.keys(errors).length) return null;
  return (
    <div className="kern-alert kern-alert--danger" role="alert" tabIndex={-1} {...{ [FEEDBACK_ATTR]: "error" }}>
      <div className="kern-alert__header">
        <span className="kern-title">{t("form.errorSummary")}</span>
      </div>
      <div className="kern-alert__body">
        <ul className="kern-list">
          {Object.entries(errors).map(([k, m]) => (
            <li key={k}>
              {k === "_form" ? (
                m
              ) : (
                <a className="kern-link" href={`#f-${prefix}${k}`}>
                  {m}
                </a>
              )}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

export function Alert({
  kind = "info",
  children,
}: {
  kind?: "info" | "success" | "warning" | "danger";
  children: ReactNode;
}) {
  // Success and danger messages are what an action answers; info and warning describe the page. The
  // root moves focus to the answer after a submission (focus.ts), so it is seen and announced.
  const feedback = kind === "success" ? "success" : kind === "danger" ? "error" : undefined;
  return (
    <div
      className={`kern-alert kern-alert--${kind}`}
      role={kind === "danger" ? "alert" : "status"}
      tabIndex={feedback ? -1 : undefined}
      {...(feedback ? { [FEEDBACK_ATTR]: feedback } : {})}
    >
      <div className="kern-alert__body">
        <p className="kern-body">{children}</p>
      </div>
    </div>
  );
}

/**
 * The submitted values in the route's action data, if they came from this very form: same intent and
 * same hidden fields (a page may render one form per row with the same intent).
 */
function useValuesFor(intent: string, hidden: Record<string, string> | undefined): FormValues | null {
  const d = useActionData() as { values?: FormValues | null } | undefined;
  const v = d?.values;
  if (!v || valueOf(v, "intent") !== intent) return null;
  return Object.entries(hidden ?? {}).every(([k, x]) => valueOf(v, k) === x) ? v : null;
}

/** Whether the navigation under way is this very form's submission (same intent and hidden fields). */
function useSubmittingThis(intent: string, hidden: Record<string, string> | undefined): boolean {
  const { state, formData } = useNavigation();
  if (state === "idle" || !formData || formData.get("intent") !== intent) return false;
  return Object.entries(hidden ?? {}).every(([k, x]) => formData.get(k) === x);
}

/** Whether the route's action answered with an error of any shape ({ errors } or { error }). */
function useActionFailed(): boolean {
  const d = useActionData() as { errors?: unknown; error?: unknown } | undefined;
  return !!d && typeof d === "object" && (!!d.error || (!!d.errors && Object.keys(d.errors).length > 0));
}

/**
 * A form's guard against a second submit and its fresh start after success: `submitting` says whether
 * the navigation under way is this form's. A second submit while it runs is ignored (a second Enter may
 * come before React re-renders, hence the ref); when it ends without an error the form remounts
 * (`generation` is its key), so uncontrolled inputs clear and a later Enter cannot make a duplicate.
 */
function useSubmitOnce(submitting: boolean, failed: boolean) {
  const navigating = useNavigation().state !== "idle";
  const [generation, setGeneration] = useState(0);
  const pending = useRef(false);
  const wasSubmitting = useRef(false);
  useEffect(() => {
    if (submitting) {
      wasSubmitting.current = true;
      return;
    }
    // Another navigation may have cut this submission short; then the form takes submits again.
    if (!navigating) pending.current = false;
    if (!wasSubmitting.current) return;
    wasSubmitting.current = false;
    if (!failed) setGeneration((g) => g + 1);
  }, [submitting, navigating, failed]);
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    if (pending.current || submitting) e.preventDefault();
    else pending.current = true;
  };
  return { generation, onSubmit };
}

/**
 * A POST form with the CSRF token, guarded like ActionForm – no second submit while one runs, a fresh
 * start after success – with a layout of its own: the single-button forms of lists and the pages' own
 * forms. `keep` leaves the values after success, for a form whose answer is a step on the same form
 * (a preview, a mapping), not a finished action.
 */
export function PostForm({ children, onSubmit, keep, ...props }: Omit<FormProps, "method"> & { keep?: boolean }) {
  const navigating = useNavigation().state !== "idle";
  // Whether the navigation under way is this form's: set when it submits, cleared when that ends.
  const [mine, setMine] = useState(false);
  const started = useRef(false);
  useEffect(() => {
    if (mine && navigating) started.current = true;
    else if (mine && started.current) {
      started.current = false;
      setMine(false);
    }
  }, [mine, navigating]);
  const failed = useActionFailed();
  const guard = useSubmitOnce(mine && navigating, failed || !!keep);
  return (
    <Form
      key={guard.generation}
      method="post"
      {...props}
      onSubmit={(e) => {
        onSubmit?.(e);
        if (e.defaultPrevented) return;
        guard.onSubmit(e);
        if (!e.defaultPrevented) setMine(true);
      }}
    >
      <CsrfField />
      {children}
    </Form>
  );
}

/**
 * One action of a page as a POST form: the CSRF token, the `intent` the route's action switches on
 * with its hidden fields, an optional heading, the error summary and the submit button. When the
 * action answers with `{ errors, values }` for this form, its controls show the submitted values.
 * After it succeeded the form starts afresh (remounted, so uncontrolled inputs clear and a second
 * Enter cannot create a duplicate); while it is being submitted, a second submit is ignored. Without
 * JavaScript the server's redirect after the POST renders it anew anyway.
 */
export function ActionForm({
  intent,
  hidden,
  heading,
  headingId,
  errors,
  submit,
  primary,
  multipart,
  idPrefix = "",
  children,
}: {
  intent: string;
  hidden?: Record<string, string>;
  heading?: ReactNode;
  headingId?: string;
  errors?: Record<string, string> | null;
  submit: string;
  primary?: boolean;
  /** For a form with a file field. */
  multipart?: boolean;
  /** Prefix of its fields' ids (`f-<prefix><name>`) where another form on the page has a field of the same name. */
  idPrefix?: string;
  children?: ReactNode;
}) {
  const values = useValuesFor(intent, hidden);
  const submitting = useSubmittingThis(intent, hidden);
  const failed = useActionFailed() || !!values || (!!errors && Object.keys(errors).length > 0);
  const { generation, onSubmit } = useSubmitOnce(submitting, failed);
  return (
    <Form
      key={generation}
      onSubmit={onSubmit}
      method="post"
      encType={multipart ? "multipart/form-data" : undefined}
      className="form-grid"
      aria-labelledby={heading ? headingId : undefined}
    >
      {heading && (
        <h3 id={headingId} className="kern-heading-small">
          {heading}
        </h3>
      )}
      <CsrfField />
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(hidden ?? {}).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <IdPrefixContext.Provider value={idPrefix}>
        <ErrorSummary errors={errors} />
        <SubmittedValues values={values}>{children}</SubmittedValues>
      </IdPrefixContext.Provider>
      <div>
        <button
          type="submit"
          className={`kern-btn ${primary ? "kern-btn--primary" : "kern-btn--secondary"}`}
          aria-disabled={submitting || undefined}
        >
          <span className="kern-label">{submit}</span>
        </button>
      </div>
    </Form>
  );
}
