import { data, Form, Link } from "react-router";
import type { Route } from "./+types/staff-submissions";
import { failureErrors, fieldErrors, requireRole, tenantContext, tenantTx } from "~/kernel/http/context";
import {
  Alert,
  CsrfField,
  ErrorSummary,
  Field,
  formValues,
  PageTitle,
  Select,
  SubmittedValues,
} from "~/kernel/ui/forms";
import { useFormat, useT } from "~/kernel/ui/hooks";
import { listEditions } from "../services/concept";
import { createSubmission, getSubmission, listSubmissions, SubmissionInput } from "../services/submissions";
import { parseDate, text } from "../http.server";

export async function loader({ context }: Route.LoaderArgs) {
  const role = requireRole(context, "viewer");
  const { tenant } = context.get(tenantContext);
  return tenantTx(context, async (tx) => {
    const subs = await listSubmissions(tx);
    const eds = new Map((await listEditions(tx)).map((e) => [e.id, e.title]));
    const full = await Promise.all(subs.map((s) => getSubmission(tx, s.id)));
    return {
      slug: tenant.slug,
      canEdit: role === "editor" || role === "admin",
      editions: [...eds].map(([value, label]) => ({ value, label })),
      submissions: full
        .filter(Boolean)
        .map((s) => ({ ...s!, edition: s!.editionId ? (eds.get(s!.editionId) ?? null) : null })),
    };
  });
}

export async function action({ request, context }: Route.ActionArgs) {
  requireRole(context, "editor");
  const f = await request.formData();
  const steps = [0, 1, 2]
    .map((i) => ({
      meetsOn: parseDate(f.get(`step${i}Date`)),
      body: text(f.get(`step${i}Body`)),
      competence: f.get(`step${i}Competence`),
    }))
    .filter((s) => s.meetsOn || s.body);
  const p = SubmissionInput.safeParse({
    number: f.get("number"),
    title: f.get("title"),
    submittedOn: parseDate(f.get("submittedOn")) ?? "",
    status: f.get("status") || "öffentlich",
    leadOffice: f.get("leadOffice"),
    proposal: text(f.get("proposal")),
    explanation: text(f.get("explanation")),
    decision: text(f.get("decision")),
    financialImpact: text(f.get("financialImpact")),
    attachments: String(f.get("attachments") ?? "")
      .split(/\r?\n/)
      .map((x) => x.trim())
      .filter(Boolean),
    editionId: text(f.get("editionId")),
    steps,
  });
  if (!p.success)
    return data(
      { errors: fieldErrors(context, p.error.issues), values: formValues(f), ok: null as string | null },
      { status: 400 },
    );
  const r = await tenantTx(context, (tx) => createSubmission(tx, p.data));
  if (!r.ok) return data({ errors: failureErrors(context, r), values: formValues(f), ok: null }, { status: 400 });
  return { errors: null, values: null, ok: r.value.number };
}

export default function Submissions({ loaderData: d, actionData: a }: Route.ComponentProps) {
  const t = useT();
  const fmt = useFormat();
  const errors = (a?.errors ?? undefined) as Record<string, string> | undefined;
  const title = t("concept.submissions.title");
  return (
    <>
      <PageTitle>{title}</PageTitle>
      <h1 className="kern-heading-large">{title}</h1>
      {a?.ok && <Alert kind="success">{t("concept.submissions.created", { number: a.ok })}</Alert>}
      {d.submissions.map((s) => (
        <article key={s.id} className="kern-card">
          <div className="kern-card__container">
            <h2 className="kern-heading-medium">{`${s.number}: ${s.title}`}</h2>
            <p className="kern-body">
              {t("concept.submissions.meta", { date: fmt.date(s.submittedOn), status: s.status, office: s.leadOffice })}
              {s.edition ? ` · ${s.edition}` : ""}
            </p>
            <div className="table-wrap" tabIndex={0}>
              <table className="kern-table">
                <caption className="kern-title">{t("concept.submissions.steps")}</caption>
                <thead className="kern-table__head">
                  <tr className="kern-table__row">
                    <th scope="col" className="kern-table__header">
                      {t("concept.submissions.date")}
                    </th>
                    <th scope="col" className="kern-table__header">
                      {t("concept.submissions.body")}
                    </th>
                    <th scope="col" className="kern-table__header">
                      {t("concept.submissions.competence")}
                    </th>
                  </tr>
                </thead>
                <tbody className="kern-table__body">
                  {s.steps.map((st) => (
                    <tr key={st.id} className="kern-table__row">
                      <td className="kern-table__cell">{fmt.date(st.meetsOn)}</td>
                      <td className="kern-table__cell">
                        {st.body}
                        {st.bodyShort ? ` (${st.bodyShort})` : ""}
                      </td>
                      <td className="kern-table__cell">{t(`concept.submissions.${st.competence}`)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {s.proposal && (
              <>
                <h3 className="kern-heading-small">{t("concept.submissions.proposal")}</h3>
                {s.proposal.split(/\n\n+/).map((p, i) => (
                  <p key={i} className="kern-body">
                    {p}
                  </p>
                ))}
              </>
            )}
            {s.explanation && (
              <>
                <h3 className="kern-heading-small">{t("concept.submissions.explanation")}</h3>
                <p className="kern-body">{s.explanation}</p>
              </>
            )}
            {s.attachments.length > 0 && (
              <>
                <h3 className="kern-heading-small">{t("concept.submissions.attachments")}</h3>
                <ul>
                  {s.attachments.map((x) => (
                    <li key={x}>{x}</li>
                  ))}
                </ul>
              </>
            )}
            {s.decision && (
              <p className="kern-body">
                <strong>{t("concept.submissions.decision")}:</strong> {s.decision}
              </p>
            )}
            <p className="actions">
              <a
                className="kern-link"
                href={`/t/${d.slug}/verwaltung/konzept/sachstandsbericht/docx?vorlage=${s.id}${s.editionId ? `&fassung=${s.editionId}` : ""}`}
              >
                {t("concept.report.docx")}
              </a>
              <a
                className="kern-link"
                href={`/t/${d.slug}/verwaltung/konzept/sachstandsbericht/pdf?vorlage=${s.id}${s.editionId ? `&fassung=${s.editionId}` : ""}`}
              >
                {t("concept.report.pdf")}
              </a>
            </p>
          </div>
        </article>
      ))}
      {d.canEdit && (
        <section aria-labelledby="h-new-sub">
          <h2 id="h-new-sub" className="kern-heading-medium">
            {t("concept.submissions.new")}
          </h2>
          <Form method="post" className="form-grid">
            <CsrfField />
            <ErrorSummary errors={errors} />
            <SubmittedValues values={a?.values}>
              <Field name="number" label={t("concept.submissions.number")} required error={errors?.number} />
              <Field name="title" label={t("concept.submissions.subject")} required error={errors?.title} />
              <Field
                name="submittedOn"
                label={t("concept.submissions.date")}
                required
                hint={t("concept.form.dateHint")}
                error={errors?.submittedOn}
              />
              <Field
                name="leadOffice"
                label={t("concept.submissions.leadOffice")}
                required
                error={errors?.leadOffice}
              />
              <Select
                name="editionId"
                label={t("concept.submissions.edition")}
                defaultValue=""
                options={[{ value: "", label: "–" }, ...d.editions]}
                error={errors?.editionId}
              />
              {[0, 1, 2].map((i) => (
                <fieldset key={i} className="kern-fieldset">
                  <legend className="kern-label">{t("concept.submissions.step", { n: i + 1 })}</legend>
                  <Field
                    name={`step${i}Date`}
                    label={t("concept.submissions.date")}
                    hint={t("concept.form.dateHint")}
                  />
                  <Field name={`step${i}Body`} label={t("concept.submissions.body")} />
                  <Select
                    name={`step${i}Competence`}
                    label={t("concept.submissions.competence")}
                    required
                    options={["kenntnisnahme", "entscheidung"].map((c) => ({
                      value: c,
                      label: t(`concept.submissions.${c}`),
                    }))}
                  />
                </fieldset>
              ))}
              {errors?.steps && (
                <p className="kern-error" role="alert">
                  {errors.steps}
                </p>
              )}
              <Field name="proposal" type="textarea" label={t("concept.submissions.proposal")} />
              <Field name="financialImpact" label={t("concept.submissions.financialImpact")} />
              <Field name="explanation" type="textarea" label={t("concept.submissions.explanation")} />
              <Field
                name="attachments"
                type="textarea"
                label={t("concept.submissions.attachments")}
                hint={t("concept.submissions.attachmentsHint")}
              />
              <Field
                name="decision"
                type="textarea"
                label={t("concept.submissions.decision")}
                hint={t("concept.submissions.decisionHint")}
              />
            </SubmittedValues>
            <div>
              <button type="submit" className="kern-btn kern-btn--primary">
                <span className="kern-label">{t("concept.submissions.create")}</span>
              </button>
            </div>
          </Form>
          <p>
            <Link className="kern-link" to={`/t/${d.slug}/verwaltung/konzept`}>
              {t("concept.overview.title")}
            </Link>
          </p>
        </section>
      )}
    </>
  );
}
