import "./strings";
import { data, Link } from "react-router";
import type { Route } from "./+types/staff-papers";
import { failureErrors, fieldErrors, requireRole, tenantContext, tenantTx } from "~/kernel/http/context";
import { todayBerlin } from "~/kernel/dates";
import { rows } from "~/kernel/db/context";
import { roleAtLeast } from "~/kernel/roles";
import { ActionForm, Alert, Field, PageTitle, Select, formValues } from "~/kernel/ui/forms";
import { useFormat, useT } from "~/kernel/ui/hooks";
import { sql } from "drizzle-orm";
import { COMPETENCES } from "../schema";
import { listBodies } from "../service";
import { AccessSelect } from "../ui";
import { createPaper, getPaper, listPapers, PaperInput } from "../papers";
import { dateField, optional } from "../http.server";

// Vorlagen (decision 0024): the concept module's page moved here with its URL; every paper with
// its Beratungsfolge, and for editors a form for a new one with up to three steps.
const STEPS = [0, 1, 2];

export async function loader({ context }: Route.LoaderArgs) {
  const role = requireRole(context, "viewer");
  const { tenant } = context.get(tenantContext);
  return tenantTx(context, async (tx) => {
    const heads = await listPapers(tx);
    const papers = (await Promise.all(heads.map((p) => getPaper(tx, p.id)))).filter((p) => !!p);
    // The concept's editions by title, for the paper's edition (read as the concept keeps them).
    const editions = await rows<{ value: string; label: string }>(
      tx,
      sql`SELECT id AS value, title AS label FROM concept_editions ORDER BY created_at`,
    );
    const bodies = await listBodies(tx, todayBerlin());
    return {
      slug: tenant.slug,
      canEdit: roleAtLeast(role, "editor"),
      editions,
      bodies: bodies.map((b) => ({ value: b.id, label: b.name })),
      papers: papers.map((p) => ({ ...p, edition: editions.find((e) => e.value === p.editionId)?.label ?? null })),
    };
  });
}

export async function action({ request, context }: Route.ActionArgs) {
  requireRole(context, "editor");
  const f = await request.formData();
  const fail = (errors: Record<string, string>) =>
    data({ intent: "paper", errors, values: formValues(f), ok: null as string | null }, { status: 400 });
  const consultations = STEPS.map((i) => ({
    meetsOn: dateField(f.get(`step${i}Date`)),
    bodyId: optional(f.get(`step${i}BodyId`)),
    bodyName: optional(f.get(`step${i}Body`)),
    competence: optional(f.get(`step${i}Competence`)),
  })).filter((s) => s.meetsOn || s.bodyId || s.bodyName);
  const p = PaperInput.safeParse({
    number: f.get("number"),
    title: f.get("title"),
    submittedOn: dateField(f.get("submittedOn")),
    isPublic: f.get("isPublic") !== "0",
    leadOffice: f.get("leadOffice"),
    proposal: optional(f.get("proposal")),
    explanation: optional(f.get("explanation")),
    decision: optional(f.get("decision")),
    financialImpact: optional(f.get("financialImpact")),
    attachments: String(f.get("attachments") ?? "")
      .split(/\r?\n/)
      .map((x) => x.trim())
      .filter(Boolean),
    editionId: optional(f.get("editionId")),
    consultations,
  });
  if (!p.success) return fail(fieldErrors(context, p.error.issues));
  const r = await tenantTx(context, (tx) => createPaper(tx, p.data));
  if (!r.ok) return fail(failureErrors(context, r));
  return { intent: "paper", errors: null, values: null, ok: p.data.number };
}

export default function Papers({ loaderData: d, actionData: a }: Route.ComponentProps) {
  const t = useT();
  const fmt = useFormat();
  const errors = (a?.errors ?? undefined) as Record<string, string> | undefined;
  const title = t("bodies.papers.title");
  const base = `/t/${d.slug}/verwaltung`;
  return (
    <>
      <PageTitle>{title}</PageTitle>
      <h1 className="kern-heading-large">{title}</h1>
      <p className="kern-body">{t("bodies.papers.intro")}</p>
      {a?.ok && <Alert kind="success">{t("bodies.papers.created", { number: a.ok })}</Alert>}
      {d.papers.length === 0 && <p className="kern-body">{t("bodies.papers.empty")}</p>}
      {d.papers.map((p) => (
        <article key={p.id} className="kern-card kern-card--hug">
          <div className="kern-card__container">
            <h2 className="kern-heading-medium">
              <Link className="kern-link" to={`${base}/vorlagen/${p.id}`}>{`${p.number}: ${p.title}`}</Link>
            </h2>
            <p className="kern-body">
              {t("bodies.papers.meta", {
                date: fmt.date(p.submittedOn),
                access: t(p.isPublic ? "bodies.papers.isPublic" : "bodies.papers.notPublic"),
                office: p.leadOffice,
              })}
              {p.edition ? ` · ${p.edition}` : ""}
            </p>
            {p.consultations.length > 0 && (
              <div className="table-wrap" tabIndex={0}>
                <table className="kern-table">
                  <caption className="kern-title">{t("bodies.papers.steps")}</caption>
                  <thead className="kern-table__head">
                    <tr className="kern-table__row">
                      <th scope="col" className="kern-table__header">
                        {t("bodies.papers.date")}
                      </th>
                      <th scope="col" className="kern-table__header">
                        {t("bodies.meeting.subject")}
                      </th>
                      <th scope="col" className="kern-table__header">
                        {t("bodies.papers.competence")}
                      </th>
                      <th scope="col" className="kern-table__header">
                        {t("bodies.paper.result")}
                      </th>
                    </tr>
                  </thead>
                  <tbody className="kern-table__body">
                    {p.consultations.map((c) => (
                      <tr key={c.id} className="kern-table__row">
                        <td className="kern-table__cell">{c.meetsOn ? fmt.date(c.meetsOn) : "–"}</td>
                        <td className="kern-table__cell">
                          {c.body}
                          {c.bodyShort ? ` (${c.bodyShort})` : ""}
                        </td>
                        <td className="kern-table__cell">{t(`bodies.competences.${c.competence}`)}</td>
                        <td className="kern-table__cell">
                          {c.result ? t(`bodies.results.${c.result}`) : t("bodies.paper.open")}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {p.attachments.length > 0 && (
              <>
                <h3 className="kern-heading-small">{t("bodies.papers.attachments")}</h3>
                <ul>
                  {p.attachments.map((x) => (
                    <li key={x}>{x}</li>
                  ))}
                </ul>
              </>
            )}
          </div>
        </article>
      ))}
      {d.canEdit && (
        <section aria-labelledby="h-new-paper">
          <h2 id="h-new-paper" className="kern-heading-medium">
            {t("bodies.papers.new")}
          </h2>
          <ActionForm intent="paper" errors={errors} submit={t("bodies.papers.create")} primary>
            <Field name="number" label={t("bodies.papers.number")} required error={errors?.number} />
            <Field name="title" label={t("bodies.papers.subject")} required error={errors?.title} />
            <Field
              name="submittedOn"
              type="date"
              label={t("bodies.papers.date")}
              required
              hint={t("bodies.papers.dateHint")}
              error={errors?.submittedOn}
            />
            <AccessSelect label={t("bodies.papers.public")} />
            <Field name="leadOffice" label={t("bodies.papers.leadOffice")} required error={errors?.leadOffice} />
            <Select
              name="editionId"
              label={t("bodies.papers.edition")}
              defaultValue=""
              options={[{ value: "", label: t("bodies.papers.noEdition") }, ...d.editions]}
              error={errors?.editionId}
            />
            {STEPS.map((i) => (
              <fieldset key={i} className="kern-fieldset">
                <legend className="kern-label">{t("bodies.papers.step", { n: i + 1 })}</legend>
                <Field
                  name={`step${i}Date`}
                  type="date"
                  label={t("bodies.papers.date")}
                  hint={t("bodies.papers.dateHint")}
                />
                <Select
                  name={`step${i}BodyId`}
                  label={t("bodies.papers.bodyId")}
                  hint={t("bodies.papers.bodyIdHint")}
                  defaultValue=""
                  options={[{ value: "", label: t("bodies.papers.noBody") }, ...d.bodies]}
                />
                <Field name={`step${i}Body`} label={t("bodies.papers.body")} />
                <Select
                  name={`step${i}Competence`}
                  label={t("bodies.papers.competence")}
                  required
                  options={COMPETENCES.map((c) => ({ value: c, label: t(`bodies.competences.${c}`) }))}
                />
              </fieldset>
            ))}
            {errors?.consultations && (
              <p id="f-consultations" className="kern-error" role="alert">
                {errors.consultations}
              </p>
            )}
            <Field name="proposal" type="textarea" label={t("bodies.papers.proposal")} error={errors?.proposal} />
            <Field name="financialImpact" label={t("bodies.papers.financialImpact")} />
            <Field name="explanation" type="textarea" label={t("bodies.papers.explanation")} />
            <Field
              name="attachments"
              type="textarea"
              label={t("bodies.papers.attachments")}
              hint={t("bodies.papers.attachmentsHint")}
            />
            <Field
              name="decision"
              type="textarea"
              label={t("bodies.papers.decision")}
              hint={t("bodies.papers.decisionHint")}
            />
          </ActionForm>
        </section>
      )}
    </>
  );
}
