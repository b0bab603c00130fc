import "../assessment/strings";
import { data, Link, redirect } from "react-router";
import type { Route } from "./+types/assessment-list";
import { failureErrors, fieldErrors, tenantContext, tenantTx, tFor } from "~/kernel/http/context";
import { listOrganisations } from "~/kernel/organisations/service";
import { todayBerlin } from "~/kernel/dates";
import { ActionForm, Alert, Field, formValues, PageTitle, Select } from "~/kernel/ui/forms";
import { useFormat, useT } from "~/kernel/ui/hooks";
import { DataTable } from "~/kernel/ui/table";
import { BUILTIN_CATALOGUES } from "../assessment/catalogues";
import { assessmentAccess, forbidden } from "../assessment/http.server";
import { AssessmentInput, createAssessment, listAssessments, listCatalogues } from "../assessment/service";

export async function loader({ context }: Route.LoaderArgs) {
  const access = assessmentAccess(context);
  const { tenant } = context.get(tenantContext);
  return tenantTx(context, async (tx) => {
    const [list, orgs, cats] = await Promise.all([
      listAssessments(tx, { organisationId: access.ownOrganisation }),
      listOrganisations(tx),
      listCatalogues(tx),
    ]);
    // The built-in criteria (copied into the tenant on first use) and the tenant's own catalogues.
    const builtin = BUILTIN_CATALOGUES.filter((c) => c.kind === "criteria").map((c) => ({
      value: c.key,
      label: c.title,
    }));
    const own = cats.filter((c) => c.kind === "criteria" && !c.builtin).map((c) => ({ value: c.key, label: c.title }));
    const mayCreate = access.editsAll || access.ownOrganisation !== null;
    return {
      slug: tenant.slug,
      list,
      mayCreate,
      organisations: orgs
        .filter((o) => access.editsAll || o.id === access.ownOrganisation)
        .map((o) => ({ value: o.id, label: o.name })),
      catalogues: [...builtin, ...own],
      year: Number(todayBerlin().slice(0, 4)),
    };
  });
}

export async function action({ request, context }: Route.ActionArgs) {
  const access = assessmentAccess(context);
  const { tenant } = context.get(tenantContext);
  const f = await request.formData();
  const fail = (errors: Record<string, string>) => data({ errors, values: formValues(f) }, { status: 400 });
  if (String(f.get("intent")) !== "create") return fail({ _form: tFor(context)("errors.badRequest") });
  const p = AssessmentInput.safeParse({
    organisationId: f.get("organisationId"),
    unit: f.get("unit") ?? "",
    year: f.get("year"),
    catalogueKey: f.get("catalogueKey"),
  });
  if (!p.success) return fail(fieldErrors(context, p.error.issues));
  if (!access.editsAll && p.data.organisationId !== access.ownOrganisation) throw forbidden(context);
  const r = await tenantTx(context, (tx) => createAssessment(tx, p.data));
  if (!r.ok) return fail(failureErrors(context, r));
  return redirect(`/t/${tenant.slug}/verwaltung/oeffnung/bewertung/${r.value.id}?ok=created`);
}

export default function AssessmentList({ loaderData: d, actionData: a }: Route.ComponentProps) {
  const t = useT();
  const fmt = useFormat();
  const base = `/t/${d.slug}/verwaltung/oeffnung/bewertung`;
  return (
    <>
      <PageTitle>{t("opening.assessment.list.title")}</PageTitle>
      <p>
        <Link className="kern-link" to={`/t/${d.slug}/verwaltung/oeffnung`}>
          {t("opening.overview.title")}
        </Link>
      </p>
      <h1 className="kern-heading-large">{t("opening.assessment.list.title")}</h1>
      <p className="kern-body">{t("opening.assessment.list.intro")}</p>
      {d.list.length === 0 ? (
        <p className="kern-body">{t("opening.assessment.list.empty")}</p>
      ) : (
        <DataTable
          caption={t("opening.assessment.list.title")}
          headers={[
            t("opening.assessment.list.organisation"),
            t("opening.assessment.list.year"),
            t("opening.assessment.list.phase"),
            t("opening.assessment.list.progress"),
          ]}
        >
          {d.list.map((x) => (
            <tr key={x.id} className="kern-table__row">
              <th scope="row" className="kern-table__cell">
                <Link className="kern-link" to={`${base}/${x.id}`}>
                  {x.organisation}
                  {x.unit && ` – ${x.unit}`}
                </Link>
                <span className="kern-body--small"> ({x.catalogue})</span>
                {x.isDemo && <span className="kern-body--small"> – {t("opening.assessment.list.demo")}</span>}
              </th>
              <td className="kern-table__cell">{x.year}</td>
              <td className="kern-table__cell">
                {x.completedOn
                  ? t("opening.assessment.list.completed", { date: fmt.date(x.completedOn) })
                  : t(`opening.assessment.phases.${x.phase}`)}
              </td>
              <td className="kern-table__cell">
                {t("opening.assessment.list.progressOf", { rated: x.rated, criteria: x.criteria, met: x.met })}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {d.mayCreate &&
        (d.organisations.length === 0 ? (
          <Alert kind="info">{t("opening.assessment.list.noOrganisations")}</Alert>
        ) : (
          <section aria-labelledby="new-assessment">
            <h2 id="new-assessment" className="kern-heading-medium">
              {t("opening.assessment.list.new")}
            </h2>
            <ActionForm intent="create" errors={a?.errors} submit={t("opening.assessment.list.create")} primary>
              <Select
                name="organisationId"
                label={t("opening.assessment.list.organisation")}
                options={d.organisations}
                required
                error={a?.errors?.organisationId}
              />
              <Field
                name="unit"
                label={t("opening.assessment.list.unit")}
                hint={t("opening.assessment.list.unitHint")}
                error={a?.errors?.unit}
              />
              <Field
                name="year"
                type="number"
                inputMode="numeric"
                label={t("opening.assessment.list.year")}
                defaultValue={String(d.year)}
                required
                error={a?.errors?.year}
              />
              <Select
                name="catalogueKey"
                label={t("opening.assessment.list.catalogue")}
                options={d.catalogues}
                required
                error={a?.errors?.catalogueKey}
              />
            </ActionForm>
          </section>
        ))}
    </>
  );
}
