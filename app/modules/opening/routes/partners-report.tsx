import "../partners/strings";
import { data, Link, redirect } from "react-router";
import type { Route } from "./+types/partners-report";
import { failureErrors, tenantContext, tenantTx, tFor } from "~/kernel/http/context";
import { roleAtLeast } from "~/kernel/roles";
import { ActionForm, Alert, Field, formValues, PageTitle } from "~/kernel/ui/forms";
import { useFormat, useT } from "~/kernel/ui/hooks";
import { reportView, reviewReport, saveEntry, saveFurtherActivities, submitReport } from "../partners/service";
import { figuresOf, notFound, optional, requireLand } from "../partners/http.server";

export async function loader({ params, context }: Route.LoaderArgs) {
  const role = requireLand(context, "viewer");
  const { tenant } = context.get(tenantContext);
  const r = await tenantTx(context, (tx) => reportView(tx, params.reportId));
  if (!r || r.partner.id !== params.id) throw notFound(context);
  return { slug: tenant.slug, canEdit: roleAtLeast(role, "editor") && r.status !== "reviewed", role, report: r };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  requireLand(context, "editor");
  const { tenant } = context.get(tenantContext);
  const t = tFor(context);
  const f = await request.formData();
  const intent = String(f.get("intent") ?? "");
  const moduleId = String(f.get("moduleId") ?? "");
  const bad = (errors: Record<string, string>) =>
    data({ intent, moduleId, errors, values: formValues(f) }, { status: 400 });
  const r = await tenantTx(context, (tx) => reportView(tx, params.reportId));
  if (!r || r.partner.id !== params.id) throw notFound(context);
  const here = `/t/${tenant.slug}/verwaltung/oeffnung/partner/${params.id}/bericht/${r.id}`;
  let result;
  if (intent === "entry") {
    if (!r.modules.some((m) => m.id === moduleId)) throw notFound(context);
    const figures = figuresOf(f.get("figures"));
    if (!figures) return bad({ figures: t("opening.partners.errors.figures") });
    result = await tenantTx(context, (tx) =>
      saveEntry(tx, {
        reportId: r.id,
        moduleId,
        progress: optional(f.get("progress")),
        figures,
        activities: optional(f.get("activities")),
        outlook: optional(f.get("outlook")),
      }),
    );
  } else if (intent === "further")
    result = await tenantTx(context, (tx) => saveFurtherActivities(tx, r.id, optional(f.get("further")) ?? ""));
  else if (intent === "submit") result = await tenantTx(context, (tx) => submitReport(tx, r.id));
  else if (intent === "review")
    result = await tenantTx(context, (tx) => reviewReport(tx, r.id, String(f.get("comment") ?? "")));
  else throw notFound(context);
  if (!result.ok) return bad(failureErrors(context, result));
  return redirect(`${here}?ok=${intent}`);
}

export default function PartnerReport({ loaderData: d, actionData: a }: Route.ComponentProps) {
  const t = useT();
  const fmt = useFormat();
  const r = d.report;
  const T = (k: string, o?: Record<string, unknown>) => t(`opening.partners.${k}`, o ?? {});
  const err = (intent: string, moduleId = "") =>
    a?.intent === intent && a.moduleId === moduleId ? (a.errors as Record<string, string>) : undefined;
  const title = T("reportPage.title", {
    from: fmt.date(r.period.startsOn),
    to: fmt.date(r.period.endsOn),
    name: r.partner.name,
  });
  const formError = a?.errors && (a.errors as Record<string, string>)._form;
  return (
    <>
      <PageTitle>{title}</PageTitle>
      <p className="kern-body">
        <Link className="kern-link" to={`/t/${d.slug}/verwaltung/oeffnung/partner/${r.partner.id}`}>
          {`${r.partner.ordinal}. ${r.partner.name}`}
        </Link>
      </p>
      <h1 className="kern-heading-large">{title}</h1>
      <p className="kern-body">{T("reportPage.status", { status: T(`status.${r.status}`) })}</p>
      {formError && <Alert kind="danger">{formError}</Alert>}
      {r.status === "reviewed" && (
        <Alert kind="info">
          {T("reportPage.locked")}{" "}
          {T("reportPage.reviewed", { date: fmt.date(r.reviewedAt), comment: r.reviewComment ?? "" })}
        </Alert>
      )}
      {r.modules.length === 0 && <p className="kern-body">{T("noModules")}</p>}
      {r.modules.map((m) => {
        const e = m.entry;
        return (
          <section key={m.id} aria-labelledby={`m-${m.id}`}>
            <h2 className="kern-heading-medium" id={`m-${m.id}`}>
              {m.title}
              {m.recurring && ` (${T("recurring")})`}
            </h2>
            {d.canEdit ? (
              <ActionForm intent="entry" hidden={{ moduleId: m.id }} errors={err("entry", m.id)} submit={T("save")}>
                <Field
                  name="progress"
                  id={`f-progress-${m.id}`}
                  type="textarea"
                  label={T("reportPage.progress")}
                  defaultValue={e?.progress}
                  error={err("entry", m.id)?.progress}
                />
                <Field
                  name="figures"
                  id={`f-figures-${m.id}`}
                  type="textarea"
                  label={T("reportPage.figures")}
                  defaultValue={e?.figures.map((x) => `${x.label}: ${x.value}`).join("\n")}
                  error={err("entry", m.id)?.figures}
                />
                <Field
                  name="activities"
                  id={`f-activities-${m.id}`}
                  type="textarea"
                  label={T("reportPage.activities")}
                  defaultValue={e?.activities}
                />
                <Field
                  name="outlook"
                  id={`f-outlook-${m.id}`}
                  type="textarea"
                  label={T("reportPage.outlook")}
                  defaultValue={e?.outlook}
                />
              </ActionForm>
            ) : e ? (
              <dl className="kern-description-list">
                {(
                  [
                    ["progress", e.progress],
                    ["activities", e.activities],
                    ["outlook", e.outlook],
                  ] as const
                )
                  .filter(([, v]) => v)
                  .map(([k, v]) => (
                    <div key={k} className="kern-description-list-item">
                      <dt className="kern-description-list-item__key">{T(`reportPage.${k}`)}</dt>
                      <dd className="kern-description-list-item__value">{v}</dd>
                    </div>
                  ))}
                {e.figures.map((x) => (
                  <div key={x.label} className="kern-description-list-item">
                    <dt className="kern-description-list-item__key">{x.label}</dt>
                    <dd className="kern-description-list-item__value">{x.value}</dd>
                  </div>
                ))}
              </dl>
            ) : (
              <p className="kern-body">{T("reportPage.notReported")}</p>
            )}
          </section>
        );
      })}
      <h2 className="kern-heading-medium">{T("reportPage.furtherActivities")}</h2>
      {d.canEdit ? (
        <ActionForm intent="further" errors={err("further")} submit={T("save")}>
          <Field
            name="further"
            type="textarea"
            label={T("reportPage.furtherActivities")}
            defaultValue={r.furtherActivities}
          />
        </ActionForm>
      ) : (
        <p className="kern-body">{r.furtherActivities ?? "–"}</p>
      )}
      {d.canEdit && r.status === "draft" && (
        <ActionForm intent="submit" errors={err("submit")} submit={T("reportPage.submit")} primary>
          <></>
        </ActionForm>
      )}
      {d.canEdit && r.status === "submitted" && (
        <ActionForm
          intent="review"
          errors={err("review")}
          submit={T("reportPage.approve")}
          heading={T("reportPage.review")}
          headingId="review"
          primary
        >
          <Field
            name="comment"
            type="textarea"
            label={T("reportPage.reviewComment")}
            required
            error={err("review")?.comment}
          />
        </ActionForm>
      )}
    </>
  );
}
