import "../report/strings";
import { data, Link } from "react-router";
import type { Route } from "./+types/staff-report";
import { failureErrors, fieldErrors, requireRole, tenantContext, tenantTx } from "~/kernel/http/context";
import { addDays, todayBerlin } from "~/kernel/dates";
import { roleAtLeast } from "~/kernel/roles";
import { ActionForm, Alert, Field, formValues, PageTitle, Select } from "~/kernel/ui/forms";
import { useFormat, useT } from "~/kernel/ui/hooks";
import { DataTable } from "~/kernel/ui/table";
import { COMPETENCES, listBodies } from "~/modules/bodies";
import { getAdoptedEdition, listEditions } from "~/modules/concept";
import { text } from "../http.server";
import { createCouncilReport, listCouncilReports, ReportInput } from "../report/service";

// Bericht an den Rat (issue 13, item 5; decision 0034): viewers see the reports made and download
// what went to the council; editors make a new one – a new Vorlage with its own number, date and
// Beratungsfolge. The form works without JavaScript.
const STEPS = [0, 1, 2];

/** A date field: ISO (an <input type="date">) or "TT.MM.JJJJ" typed by hand, as ISO. */
const dateField = (f: FormData, name: string) => {
  const s = text(f, name);
  const m = s && /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s);
  return m ? `${m[3]}-${m[2].padStart(2, "0")}-${m[1].padStart(2, "0")}` : s;
};

export async function loader({ context }: Route.LoaderArgs) {
  const role = requireRole(context, "viewer");
  const { tenant } = context.get(tenantContext);
  return tenantTx(context, async (tx) => {
    const adopted = await getAdoptedEdition(tx);
    const editions = await listEditions(tx);
    const today = todayBerlin();
    return {
      slug: tenant.slug,
      canEdit: roleAtLeast(role, "editor"),
      reports: await listCouncilReports(tx),
      editions: editions.map((e) => ({ value: e.id, label: e.title })),
      defaultEdition: adopted?.id ?? editions[0]?.id ?? "",
      bodies: (await listBodies(tx, today)).map((b) => ({ value: b.id, label: b.name })),
      // From the loader, so that the page's bundle does not import bodies' server entry.
      competences: [...COMPETENCES],
      defaults: {
        from: `${Number(today.slice(0, 4)) - 1}-01-01`,
        to: addDays(`${today.slice(0, 4)}-01-01`, -1),
        date: today,
      },
    };
  });
}

export async function action({ request, context }: Route.ActionArgs) {
  requireRole(context, "editor");
  const { tenant } = context.get(tenantContext);
  const f = await request.formData();
  const fail = (errors: Record<string, string>) =>
    data({ intent: "report", errors, values: formValues(f), ok: null as string | null }, { status: 400 });
  const steps = STEPS.map((i) => ({
    meetsOn: dateField(f, `step${i}Date`),
    bodyId: text(f, `step${i}BodyId`),
    bodyName: text(f, `step${i}Body`),
    competence: text(f, `step${i}Competence`),
  })).filter((s) => s.meetsOn || s.bodyId || s.bodyName);
  const p = ReportInput.safeParse({
    from: dateField(f, "from"),
    to: dateField(f, "to"),
    number: text(f, "number"),
    date: dateField(f, "date"),
    title: text(f, "title"),
    leadOffice: text(f, "leadOffice"),
    isPublic: f.get("isPublic") !== "0",
    kind: text(f, "kind"),
    proposal: text(f, "proposal"),
    editionId: text(f, "editionId"),
    steps,
  });
  if (!p.success) return fail(fieldErrors(context, p.error.issues));
  const r = await tenantTx(context, (tx) => createCouncilReport(tx, p.data, { tenantName: tenant.name }));
  if (!r.ok) return fail(failureErrors(context, r));
  return { intent: "report", errors: null, values: null, ok: p.data.number };
}

export default function CouncilReports({ loaderData: d, actionData: a }: Route.ComponentProps) {
  const t = useT();
  const fmt = useFormat();
  const errors = (a?.errors ?? undefined) as Record<string, string> | undefined;
  const title = t("steering.report.page.title");
  const base = `/t/${d.slug}/verwaltung`;
  const status = (s: string | null) => t(`steering.status.${s ?? "none"}`);
  return (
    <>
      <PageTitle>{title}</PageTitle>
      <p>
        <Link className="kern-link" to={`${base}/steuerung`}>
          {t("steering.staff.title")}
        </Link>
      </p>
      <h1 className="kern-heading-large">{title}</h1>
      <p className="kern-body">{t("steering.report.page.intro")}</p>
      {a?.ok && <Alert kind="success">{t("steering.report.page.created", { number: a.ok })}</Alert>}
      <h2 className="kern-heading-medium">{t("steering.report.page.past")}</h2>
      {d.reports.length === 0 ? (
        <p className="kern-body">{t("steering.report.page.none")}</p>
      ) : (
        <DataTable
          caption={t("steering.report.page.past")}
          headers={[
            t("steering.report.page.number"),
            t("steering.report.page.period"),
            t("steering.report.page.leitziele"),
            t("steering.report.page.createdBy"),
            t("steering.report.page.downloads"),
          ]}
        >
          {d.reports.map((r) => (
            <tr key={r.id} className="kern-table__row">
              <th scope="row" className="kern-table__cell">
                {r.paperId ? (
                  <Link className="kern-link" to={`${base}/vorlagen/${r.paperId}`}>
                    {r.number}
                  </Link>
                ) : (
                  r.number
                )}
                <br />
                {r.editionTitle}
              </th>
              <td className="kern-table__cell">{`${fmt.date(r.from)} – ${fmt.date(r.to)}`}</td>
              <td className="kern-table__cell">
                {Object.entries(r.leitziele)
                  .map(([ref, s]) => `${ref}: ${status(s)}`)
                  .join(" · ")}
              </td>
              <td className="kern-table__cell">
                {t("steering.report.page.createdMeta", { date: fmt.dateTime(r.createdAt), who: r.createdBy })}
              </td>
              <td className="kern-table__cell">
                <a className="kern-link" href={`${base}/steuerung/bericht/${r.id}/docx`} download>
                  {t("steering.report.page.docx")}
                </a>
                <br />
                <a className="kern-link" href={`${base}/steuerung/bericht/${r.id}/pdf`} download>
                  {t("steering.report.page.pdf")}
                </a>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {d.canEdit &&
        (d.editions.length === 0 ? (
          <p className="kern-body">{t("steering.report.page.noEdition")}</p>
        ) : (
          <section aria-labelledby="h-new-report">
            <h2 id="h-new-report" className="kern-heading-medium">
              {t("steering.report.page.new")}
            </h2>
            <ActionForm intent="report" errors={errors} submit={t("steering.report.page.create")} primary>
              <Field
                name="from"
                type="date"
                label={t("steering.report.page.from")}
                hint={t("steering.report.page.dateHint")}
                defaultValue={d.defaults.from}
                required
                error={errors?.from}
              />
              <Field
                name="to"
                type="date"
                label={t("steering.report.page.to")}
                hint={t("steering.report.page.dateHint")}
                defaultValue={d.defaults.to}
                required
                error={errors?.to}
              />
              <Select
                name="editionId"
                label={t("steering.report.page.edition")}
                options={d.editions}
                defaultValue={d.defaultEdition}
                error={errors?.editionId}
              />
              <Field
                name="number"
                label={t("steering.report.page.number")}
                hint={t("steering.report.page.numberHint")}
                required
                error={errors?.number}
              />
              <Field
                name="date"
                type="date"
                label={t("steering.report.page.date")}
                hint={t("steering.report.page.dateHint")}
                defaultValue={d.defaults.date}
                required
                error={errors?.date}
              />
              <Field
                name="title"
                label={t("steering.report.page.subject")}
                hint={t("steering.report.page.subjectHint")}
                error={errors?.title}
              />
              <Field
                name="leadOffice"
                label={t("steering.report.page.leadOffice")}
                required
                error={errors?.leadOffice}
              />
              <Select
                name="isPublic"
                label={t("steering.report.page.access")}
                options={[
                  { value: "1", label: t("steering.report.page.public") },
                  { value: "0", label: t("steering.report.page.notPublic") },
                ]}
              />
              <Select
                name="kind"
                label={t("steering.report.page.kind")}
                required
                error={errors?.kind}
                options={(["kenntnisnahme", "beschluss"] as const).map((k) => ({
                  value: k,
                  label: t(`steering.report.page.kinds.${k}`),
                }))}
              />
              <Field
                name="proposal"
                type="textarea"
                label={t("steering.report.page.proposal")}
                hint={t("steering.report.page.proposalHint")}
                error={errors?.proposal}
              />
              {STEPS.map((i) => (
                <fieldset key={i} className="kern-fieldset">
                  <legend className="kern-label">{t("steering.report.page.step", { n: i + 1 })}</legend>
                  <Field
                    name={`step${i}Date`}
                    type="date"
                    label={t("steering.report.page.stepDate")}
                    hint={t("steering.report.page.dateHint")}
                  />
                  <Select
                    name={`step${i}BodyId`}
                    label={t("steering.report.page.stepBody")}
                    defaultValue=""
                    options={[{ value: "", label: t("steering.report.page.noBody") }, ...d.bodies]}
                  />
                  <Field name={`step${i}Body`} label={t("steering.report.page.stepBodyName")} />
                  <Select
                    name={`step${i}Competence`}
                    label={t("steering.report.page.competence")}
                    options={d.competences.map((c) => ({ value: c, label: t(`steering.report.doc.competences.${c}`) }))}
                  />
                </fieldset>
              ))}
              {errors?.steps && (
                <p id="f-steps" className="kern-error" role="alert">
                  {errors.steps}
                </p>
              )}
            </ActionForm>
          </section>
        ))}
    </>
  );
}
