import "./strings";
import { data, Link, redirect } from "react-router";
import type { Route } from "./+types/staff-paper";
import { failureErrors, fieldErrors, requireRole, tenantContext, tenantTx, tFor } from "~/kernel/http/context";
import { todayBerlin } from "~/kernel/dates";
import { roleAtLeast } from "~/kernel/roles";
import { ActionForm, Alert, Field, formValues, PageTitle, Select, type FormValues } from "~/kernel/ui/forms";
import { useFormat, useT } from "~/kernel/ui/hooks";
import { DataTable } from "~/kernel/ui/table";
import { COMPETENCES } from "../schema";
import { ResultSelect } from "../ui";
import { listBodies } from "../service";
import { addConsultation, ConsultationInput, getPaper, OutcomeInput, recordOutcome } from "../papers";
import { dateField, notFound, optional } from "../http.server";

// One paper (Vorlage) with its Beratungsfolge. Editors record a consultation's outcome here (the
// same write path an agenda item uses) and add steps.
const DONE = ["recorded", "stepAdded"] as const;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const role = requireRole(context, "viewer");
  const { tenant } = context.get(tenantContext);
  const canEdit = roleAtLeast(role, "editor");
  return tenantTx(context, async (tx) => {
    const paper = await getPaper(tx, params.id);
    if (!paper) throw notFound(context, "bodies.errors.paperNotFound");
    const bodies = canEdit ? await listBodies(tx, todayBerlin()) : [];
    const ok = new URL(request.url).searchParams.get("ok");
    return {
      slug: tenant.slug,
      canEdit,
      paper,
      done: DONE.find((x) => x === ok) ?? null,
      bodies: bodies.map((b) => ({ value: b.id, label: b.name })),
    };
  });
}

export async function action({ request, params, context }: Route.ActionArgs) {
  requireRole(context, "editor");
  const { tenant } = context.get(tenantContext);
  const f = await request.formData();
  const intent = String(f.get("intent") ?? "");
  const fail = (errors: Record<string, string>) =>
    data({ intent, errors, values: formValues(f) as FormValues | null }, { status: 400 });
  const paper = await tenantTx(context, (tx) => getPaper(tx, params.id));
  if (!paper) throw notFound(context, "bodies.errors.paperNotFound");
  const back = (done: (typeof DONE)[number]) =>
    redirect(`/t/${tenant.slug}/verwaltung/vorlagen/${paper.id}?ok=${done}`);
  if (intent === "outcome") {
    const id = String(f.get("consultationId") ?? "");
    const p = OutcomeInput.safeParse({
      result: optional(f.get("result")),
      decidedOn: dateField(f.get("decidedOn")),
      resolution: optional(f.get("resolution")),
    });
    if (!p.success) return fail(fieldErrors(context, p.error.issues));
    const r = await tenantTx(context, (tx) => recordOutcome(tx, id, p.data, paper.id));
    return r.ok ? back("recorded") : fail(failureErrors(context, r));
  }
  if (intent === "step") {
    const p = ConsultationInput.safeParse({
      bodyId: optional(f.get("bodyId")),
      bodyName: optional(f.get("bodyName")),
      bodyShort: optional(f.get("bodyShort")),
      meetsOn: dateField(f.get("meetsOn")),
      competence: optional(f.get("competence")),
    });
    if (!p.success) return fail(fieldErrors(context, p.error.issues));
    const r = await tenantTx(context, (tx) => addConsultation(tx, paper.id, p.data));
    return r.ok ? back("stepAdded") : fail(failureErrors(context, r));
  }
  return fail({ _form: tFor(context)("errors.badRequest") });
}

export default function PaperPage({ loaderData: d, actionData: a }: Route.ComponentProps) {
  const t = useT();
  const fmt = useFormat();
  const p = d.paper;
  const err = (intent: string, id?: string) =>
    a?.intent === intent && (!id || a.values?.consultationId === id)
      ? ((a.errors as Record<string, string> | null) ?? undefined)
      : undefined;
  const title = `${p.number}: ${p.title}`;
  const base = `/t/${d.slug}/verwaltung`;
  return (
    <>
      <PageTitle>{title}</PageTitle>
      <p>
        <Link className="kern-link" to={`${base}/vorlagen`}>
          {t("bodies.paper.back")}
        </Link>
      </p>
      <h1 className="kern-heading-large">{title}</h1>
      {d.done && <Alert kind="success">{t(`bodies.paper.${d.done}`)}</Alert>}
      <p className="kern-body">
        {t("bodies.papers.meta", {
          date: fmt.date(p.submittedOn),
          access: t(p.isPublic ? "bodies.papers.isPublic" : "bodies.papers.notPublic"),
          office: p.leadOffice,
        })}
      </p>
      {p.proposal && (
        <section aria-labelledby="h-proposal">
          <h2 id="h-proposal" className="kern-heading-medium">
            {t("bodies.papers.proposal")}
          </h2>
          {p.proposal.split(/\n\n+/).map((x, i) => (
            <p key={i} className="kern-body">
              {x}
            </p>
          ))}
        </section>
      )}
      {p.financialImpact && (
        <p className="kern-body">
          <strong>{t("bodies.papers.financialImpact")}:</strong> {p.financialImpact}
        </p>
      )}
      {p.explanation && (
        <section aria-labelledby="h-explanation">
          <h2 id="h-explanation" className="kern-heading-medium">
            {t("bodies.papers.explanation")}
          </h2>
          <p className="kern-body">{p.explanation}</p>
        </section>
      )}
      {p.attachments.length > 0 && (
        <section aria-labelledby="h-attachments">
          <h2 id="h-attachments" className="kern-heading-medium">
            {t("bodies.papers.attachments")}
          </h2>
          <ul>
            {p.attachments.map((x) => (
              <li key={x}>{x}</li>
            ))}
          </ul>
        </section>
      )}
      {p.decision && (
        <p className="kern-body">
          <strong>{t("bodies.papers.decision")}:</strong> {p.decision}
        </p>
      )}

      <section aria-labelledby="h-steps">
        <h2 id="h-steps" className="kern-heading-medium">
          {t("bodies.papers.steps")}
        </h2>
        {p.consultations.length > 0 && (
          <DataTable
            caption={t("bodies.papers.steps")}
            headers={[
              t("bodies.papers.date"),
              t("bodies.meeting.subject"),
              t("bodies.papers.competence"),
              t("bodies.paper.result"),
              t("bodies.paper.meeting"),
            ]}
          >
            {p.consultations.map((c) => (
              <tr key={c.id} className="kern-table__row">
                <td className="kern-table__cell">{c.meetsOn ? fmt.date(c.meetsOn) : "–"}</td>
                <th scope="row" className="kern-table__cell">
                  {c.body}
                  {c.bodyShort ? ` (${c.bodyShort})` : ""}
                </th>
                <td className="kern-table__cell">{t(`bodies.competences.${c.competence}`)}</td>
                <td className="kern-table__cell">
                  {c.result ? `${t(`bodies.results.${c.result}`)} (${fmt.date(c.decidedOn!)})` : t("bodies.paper.open")}
                  {c.resolution && <p className="kern-body--small">{c.resolution}</p>}
                </td>
                <td className="kern-table__cell">
                  {c.meetingId && c.bodyId ? (
                    <Link className="kern-link" to={`${base}/gremien/${c.bodyId}/sitzungen/${c.meetingId}`}>
                      {t("bodies.paper.agendaItem", { number: c.agendaNumber })}
                    </Link>
                  ) : (
                    "–"
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
        {d.canEdit &&
          p.consultations.map((c) => {
            const e = err("outcome", c.id);
            return (
              <ActionForm
                key={c.id}
                intent="outcome"
                hidden={{ consultationId: c.id }}
                heading={t("bodies.paper.recordFor", { body: c.body, date: c.meetsOn ? fmt.date(c.meetsOn) : "–" })}
                headingId={`h-outcome-${c.id}`}
                errors={e}
                submit={t("bodies.paper.record")}
              >
                <ResultSelect id={`f-result-${c.id}`} defaultValue={c.result} error={e?.result} />
                <Field
                  id={`f-decidedOn-${c.id}`}
                  name="decidedOn"
                  type="date"
                  label={t("bodies.paper.decidedOn")}
                  required
                  defaultValue={c.decidedOn ?? c.meetsOn ?? ""}
                  error={e?.decidedOn}
                />
                <Field
                  id={`f-resolution-${c.id}`}
                  name="resolution"
                  type="textarea"
                  label={t("bodies.paper.resolution")}
                  defaultValue={c.resolution ?? ""}
                  error={e?.resolution}
                />
              </ActionForm>
            );
          })}
        {d.canEdit && (
          <ActionForm
            intent="step"
            heading={t("bodies.paper.addStep")}
            headingId="h-add-step"
            errors={err("step")}
            submit={t("bodies.paper.addStep")}
          >
            <Select
              name="bodyId"
              label={t("bodies.papers.bodyId")}
              hint={t("bodies.papers.bodyIdHint")}
              defaultValue=""
              options={[{ value: "", label: t("bodies.papers.noBody") }, ...d.bodies]}
              error={err("step")?.bodyId}
            />
            <Field name="bodyName" label={t("bodies.papers.body")} error={err("step")?.bodyName} />
            <Field name="meetsOn" type="date" label={t("bodies.papers.date")} error={err("step")?.meetsOn} />
            <Select
              name="competence"
              label={t("bodies.papers.competence")}
              required
              options={COMPETENCES.map((c) => ({ value: c, label: t(`bodies.competences.${c}`) }))}
              error={err("step")?.competence}
            />
          </ActionForm>
        )}
      </section>
    </>
  );
}
