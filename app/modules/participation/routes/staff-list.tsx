import "./strings";
import { Content } from "~/kernel/ui/content";
import { data, Link, redirect } from "react-router";
import type { Route } from "./+types/staff-list";
import { failureErrors, fieldErrors, requireRole, tenantContext, tenantTx, tFor } from "~/kernel/http/context";
import { roleAtLeast } from "~/kernel/roles";
import { ActionForm, Alert, Field, formValues, PageTitle, Select } from "~/kernel/ui/forms";
import { useT } from "~/kernel/ui/hooks";
import { DataTable } from "~/kernel/ui/table";
import { COMPETENCES } from "../schema";
import { CompetenceInput, listCompetences, listProcesses, setCompetence } from "../service";
import { optional } from "../http.server";

export async function loader({ request, context }: Route.LoaderArgs) {
  const role = requireRole(context, "viewer");
  const { tenant } = context.get(tenantContext);
  const [processes, competences] = await tenantTx(context, (tx) =>
    Promise.all([listProcesses(tx), listCompetences(tx)]),
  );
  return {
    slug: tenant.slug,
    canEdit: roleAtLeast(role, "editor"),
    saved: new URL(request.url).searchParams.get("ok") === "competence",
    processes: processes.map((p) => ({
      id: p.id,
      title: p.title,
      kind: p.kind,
      status: p.status,
      cards: p.cards,
      isDemo: p.isDemo,
    })),
    competences,
  };
}

/** The one form of the list: whether a Handlungsfeld is (wholly) the tenant's task. */
export async function action({ request, context }: Route.ActionArgs) {
  requireRole(context, "editor");
  const { tenant } = context.get(tenantContext);
  const f = await request.formData();
  const fail = (errors: Record<string, string>) => data({ errors, values: formValues(f) }, { status: 400 });
  if (f.get("intent") !== "competence") return fail({ _form: tFor(context)("errors.badRequest") });
  const competence = optional(f.get("competence"));
  const p = CompetenceInput.safeParse({
    handlungsfeldId: optional(f.get("handlungsfeldId")),
    competence: competence === "own" ? undefined : competence,
    note: optional(f.get("note")),
  });
  if (!p.success) return fail(fieldErrors(context, p.error.issues));
  const r = await tenantTx(context, (tx) => setCompetence(tx, p.data));
  if (!r.ok) return fail(failureErrors(context, r));
  return redirect(`/t/${tenant.slug}/verwaltung/beteiligung?ok=competence`);
}

export default function ProcessList({ loaderData: d, actionData }: Route.ComponentProps) {
  const t = useT();
  const base = `/t/${d.slug}/verwaltung/beteiligung`;
  return (
    <>
      <PageTitle>{t("participation.list.title")}</PageTitle>
      <h1 className="kern-heading-large">{t("participation.list.title")}</h1>
      <p className="kern-body">{t("participation.list.intro")}</p>
      {d.canEdit && (
        <p className="actions">
          <Link className="kern-btn kern-btn--primary" to={`${base}/neu`}>
            <span className="kern-label">{t("participation.list.new")}</span>
          </Link>
        </p>
      )}
      <p className="kern-body">
        <Link className="kern-link" to={`${base}/akteure`}>
          {t("participation.stakeholders.link")}
        </Link>
      </p>
      {d.processes.length === 0 ? (
        <p className="kern-body">{t("participation.list.empty")}</p>
      ) : (
        <DataTable
          caption={t("participation.list.title")}
          headers={[
            t("participation.list.name"),
            t("participation.list.kind"),
            t("participation.list.status"),
            t("participation.list.cards"),
          ]}
        >
          {d.processes.map((p) => (
            <tr key={p.id} className="kern-table__row">
              <th scope="row" className="kern-table__cell">
                <Link className="kern-link" to={`${base}/${p.id}`}>
                  <Content>{p.title}</Content>
                </Link>
                {p.isDemo && <span className="kern-body--small"> – {t("participation.list.demo")}</span>}
              </th>
              <td className="kern-table__cell">{t(`participation.kinds.${p.kind}`)}</td>
              <td className="kern-table__cell">{t(`participation.statuses.${p.status}`)}</td>
              <td className="kern-table__cell">{p.cards}</td>
            </tr>
          ))}
        </DataTable>
      )}

      <h2 className="kern-heading-medium">{t("participation.list.competenceTitle")}</h2>
      <p className="kern-body">{t("participation.list.competenceIntro")}</p>
      {d.saved && <Alert kind="success">{t("participation.list.saved")}</Alert>}
      <DataTable
        caption={t("participation.list.competenceTitle")}
        headers={[t("participation.list.handlungsfeld"), t("participation.list.competence")]}
      >
        {d.competences.map((c) => (
          <tr key={c.handlungsfeldId} className="kern-table__row">
            <th scope="row" className="kern-table__cell">
              <Content>{c.handlungsfeld}</Content>
            </th>
            <td className="kern-table__cell">
              {t(`participation.competences.${c.competence ?? "own"}`)}
              {c.note && (
                <>
                  {" – "}
                  <Content>{c.note}</Content>
                </>
              )}
            </td>
          </tr>
        ))}
      </DataTable>
      {d.canEdit && d.competences.length > 0 && (
        <ActionForm
          intent="competence"
          errors={actionData?.errors as Record<string, string> | undefined}
          submit={t("participation.list.saveCompetence")}
        >
          <Select
            name="handlungsfeldId"
            label={t("participation.list.handlungsfeld")}
            required
            options={d.competences.map((c) => ({ value: c.handlungsfeldId, label: c.handlungsfeld, content: true }))}
          />
          <Select
            name="competence"
            label={t("participation.list.competence")}
            defaultValue="own"
            options={["own", ...COMPETENCES].map((c) => ({ value: c, label: t(`participation.competences.${c}`) }))}
          />
          <Field name="note" label={t("participation.list.note")} />
        </ActionForm>
      )}
    </>
  );
}
