import "../seal/strings";
import { data, Link, redirect } from "react-router";
import type { Route } from "./+types/seal-list";
import { failureErrors, fieldErrors, requireRole, tenantContext, tenantTx } from "~/kernel/http/context";
import { todayBerlin } from "~/kernel/dates";
import { listOrganisations } from "~/kernel/organisations/service";
import { roleAtLeast } from "~/kernel/roles";
import { ActionForm, Alert, Field, formValues, PageTitle, Select } from "~/kernel/ui/forms";
import { useFormat, useT } from "~/kernel/ui/hooks";
import { DataTable } from "~/kernel/ui/table";
import { createSealCase, listSealCases, SealCaseInput } from "../seal/service";
import { optional } from "../seal/http.server";

export async function loader({ context }: Route.LoaderArgs) {
  const role = requireRole(context, "viewer");
  const { tenant } = context.get(tenantContext);
  const today = todayBerlin();
  const canEdit = roleAtLeast(role, "editor");
  const [cases, orgs] = await tenantTx(context, async (tx) =>
    Promise.all([listSealCases(tx, today), canEdit ? listOrganisations(tx) : []]),
  );
  return {
    slug: tenant.slug,
    today,
    canEdit,
    cases,
    orgs: orgs.map((o) => ({ value: o.id, label: o.name })),
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  requireRole(context, "editor");
  const { tenant } = context.get(tenantContext);
  const f = await request.formData();
  const parsed = SealCaseInput.safeParse({
    organisationId: optional(f.get("organisationId")),
    applicantName: optional(f.get("applicantName")),
    contactEmail: optional(f.get("contactEmail")),
    appliedOn: optional(f.get("appliedOn")),
  });
  if (!parsed.success)
    return data({ errors: fieldErrors(context, parsed.error.issues), values: formValues(f) }, { status: 400 });
  const r = await tenantTx(context, (tx) => createSealCase(tx, parsed.data));
  if (!r.ok) return data({ errors: failureErrors(context, r), values: formValues(f) }, { status: 400 });
  return redirect(`/t/${tenant.slug}/verwaltung/oeffnung/siegel/${r.value.id}?ok=created`);
}

export default function SealList({ loaderData: d, actionData }: Route.ComponentProps) {
  const t = useT();
  const fmt = useFormat();
  const errors = actionData?.errors as Record<string, string> | undefined;
  const base = `/t/${d.slug}/verwaltung/oeffnung/siegel`;
  const due = d.cases.filter((c) => c.state === "reminder_due");
  return (
    <>
      <PageTitle>{t("opening.seal.list.title")}</PageTitle>
      <h1 className="kern-heading-large">{t("opening.seal.list.title")}</h1>
      <p className="kern-body">{t("opening.seal.list.intro")}</p>
      <p className="kern-body">
        <Link className="kern-link" to={`/t/${d.slug}/siegel`}>
          {t("opening.seal.list.publicPage")}
        </Link>
      </p>
      {due.length > 0 && (
        <Alert kind="warning">
          {t("opening.seal.list.due", { count: due.length, names: due.map((c) => c.name).join(", ") })}
        </Alert>
      )}
      {d.cases.length === 0 ? (
        <p className="kern-body">{t("opening.seal.list.empty")}</p>
      ) : (
        <DataTable
          caption={t("opening.seal.list.caption")}
          headers={[
            t("opening.seal.list.name"),
            t("opening.seal.list.state"),
            t("opening.seal.list.awardedOn"),
            t("opening.seal.list.validUntil"),
          ]}
        >
          {d.cases.map((c) => (
            <tr key={c.id} className="kern-table__row">
              <th scope="row" className="kern-table__cell">
                <Link className="kern-link" to={`${base}/${c.id}`}>
                  {c.name}
                </Link>
                {c.isDemo && <span className="kern-body--small"> – {t("opening.seal.example")}</span>}
              </th>
              <td className="kern-table__cell">{t(`opening.seal.states.${c.state}`)}</td>
              <td className="kern-table__cell">{c.awardedOn ? fmt.date(c.awardedOn) : "–"}</td>
              <td className="kern-table__cell">{c.validUntil ? fmt.date(c.validUntil) : "–"}</td>
            </tr>
          ))}
        </DataTable>
      )}
      {d.canEdit && (
        <section aria-labelledby="seal-new">
          <h2 id="seal-new" className="kern-heading-medium">
            {t("opening.seal.list.newTitle")}
          </h2>
          <p className="kern-body">{t("opening.seal.list.newIntro")}</p>
          <ActionForm intent="create" errors={errors} submit={t("opening.seal.list.create")} primary>
            <Select
              name="organisationId"
              label={t("opening.seal.form.organisation")}
              defaultValue=""
              error={errors?.organisationId}
              options={[{ value: "", label: t("opening.seal.form.noOrganisation") }, ...d.orgs]}
            />
            <Field
              name="applicantName"
              label={t("opening.seal.form.applicantName")}
              hint={t("opening.seal.form.applicantNameHint")}
              error={errors?.applicantName}
            />
            <Field
              name="contactEmail"
              type="email"
              label={t("opening.seal.form.contactEmail")}
              hint={t("opening.seal.form.contactEmailHint")}
              error={errors?.contactEmail}
            />
            <Field
              name="appliedOn"
              type="date"
              required
              label={t("opening.seal.form.appliedOn")}
              defaultValue={d.today}
              error={errors?.appliedOn}
            />
          </ActionForm>
        </section>
      )}
    </>
  );
}
