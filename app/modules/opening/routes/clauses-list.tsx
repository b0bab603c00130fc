import "../seal/strings";
import { data, Link, redirect } from "react-router";
import type { Route } from "./+types/clauses-list";
import { failureErrors, fieldErrors, requireRole, tenantContext, tenantTx } from "~/kernel/http/context";
import { roleAtLeast } from "~/kernel/roles";
import { ActionForm, Alert, Field, formValues, PageTitle, type FormValues } from "~/kernel/ui/forms";
import { useT } from "~/kernel/ui/hooks";
import { addClause, ClauseInput, deleteClause, listClauses } from "../seal/clauses";
import { optional } from "../seal/http.server";

// The job-ad clause library: the partners' clauses from seed 004 with their source, and the tenant's
// own. `?ansicht=text` shows the texts alone, each in a read-only field to select and copy.
export async function loader({ request, context }: Route.LoaderArgs) {
  const role = requireRole(context, "viewer");
  const { tenant } = context.get(tenantContext);
  const url = new URL(request.url);
  const clauses = await tenantTx(context, (tx) => listClauses(tx));
  const ok = url.searchParams.get("ok");
  return {
    slug: tenant.slug,
    canEdit: roleAtLeast(role, "editor"),
    textView: url.searchParams.get("ansicht") === "text",
    done: ok === "added" || ok === "deleted" ? ok : null,
    clauses,
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  requireRole(context, "editor");
  const { tenant } = context.get(tenantContext);
  const f = await request.formData();
  const intent = String(f.get("intent") ?? "");
  const bad = (errors: Record<string, string>) =>
    data({ intent, errors, values: formValues(f) as FormValues | null }, { status: 400 });
  const back = (ok: string) => redirect(`/t/${tenant.slug}/verwaltung/oeffnung/stellenausschreibungen?ok=${ok}`);
  if (intent === "delete") {
    const r = await tenantTx(context, (tx) => deleteClause(tx, String(f.get("clauseId") ?? "")));
    return r.ok ? back("deleted") : bad(failureErrors(context, r));
  }
  const p = ClauseInput.safeParse({ body: optional(f.get("body")), sourceLabel: optional(f.get("sourceLabel")) });
  if (!p.success) return bad(fieldErrors(context, p.error.issues));
  const r = await tenantTx(context, (tx) => addClause(tx, p.data));
  return r.ok ? back("added") : bad(failureErrors(context, r));
}

export default function Clauses({ loaderData: d, actionData: a }: Route.ComponentProps) {
  const t = useT();
  const base = `/t/${d.slug}/verwaltung/oeffnung/stellenausschreibungen`;
  const addErr = a?.intent === "add" ? (a.errors as Record<string, string>) : undefined;
  const source = (c: (typeof d.clauses)[number]) =>
    c.sourceFile
      ? t("opening.clauses.sourceSeed", { label: c.sourceLabel, file: c.sourceFile, from: c.lineFrom, to: c.lineTo })
      : t("opening.clauses.sourceOwn", { label: c.sourceLabel });
  return (
    <>
      <PageTitle>{t("opening.clauses.title")}</PageTitle>
      <h1 className="kern-heading-large">{t("opening.clauses.title")}</h1>
      <p className="kern-body">{t("opening.clauses.intro")}</p>
      {d.done && <Alert kind="success">{t(`opening.clauses.done.${d.done}`)}</Alert>}
      {a?.intent === "delete" && <Alert kind="danger">{Object.values(a.errors as Record<string, string>)[0]}</Alert>}
      <p className="kern-body">
        {d.textView ? (
          <Link className="kern-link" to={base}>
            {t("opening.clauses.listView")}
          </Link>
        ) : (
          <Link className="kern-link" to={`${base}?ansicht=text`}>
            {t("opening.clauses.textView")}
          </Link>
        )}
      </p>
      {d.textView ? (
        <div className="form-grid">
          {d.clauses.map((c, i) => (
            <div key={c.id} className="kern-form-input">
              <label className="kern-label" htmlFor={`clause-${i + 1}`}>
                {t("opening.clauses.textLabel", { n: i + 1, source: source(c) })}
              </label>
              <textarea
                className="kern-form-input__input"
                id={`clause-${i + 1}`}
                readOnly
                rows={Math.min(8, Math.ceil(c.body.length / 80) + 1)}
                defaultValue={c.body}
              />
            </div>
          ))}
        </div>
      ) : (
        <ol className="kern-list clause-list">
          {d.clauses.map((c) => (
            <li key={c.id}>
              <blockquote className="kern-body">
                <p>„{c.body}“</p>
              </blockquote>
              <p className="kern-body--small">
                {source(c)}
                {c.builtinKey && ` – ${t("opening.clauses.builtin")}`}
              </p>
              {d.canEdit && !c.builtinKey && (
                <ActionForm intent="delete" hidden={{ clauseId: c.id }} submit={t("opening.clauses.delete")}>
                  <span className="kern-body--small">{t("opening.clauses.deleteHint")}</span>
                </ActionForm>
              )}
            </li>
          ))}
        </ol>
      )}
      {d.canEdit && (
        <ActionForm
          intent="add"
          heading={t("opening.clauses.addTitle")}
          headingId="clause-add"
          errors={addErr}
          submit={t("opening.clauses.add")}
        >
          <Field name="body" type="textarea" required label={t("opening.clauses.body")} error={addErr?.body} />
          <Field
            name="sourceLabel"
            required
            label={t("opening.clauses.sourceLabel")}
            hint={t("opening.clauses.sourceLabelHint")}
            error={addErr?.sourceLabel}
          />
        </ActionForm>
      )}
    </>
  );
}
