import "../assessment/strings";
import { data, Link, redirect } from "react-router";
import type { Route } from "./+types/assessment-catalogues";
import { failureErrors, fieldErrors, requireRole, tenantContext, tenantTx, tFor } from "~/kernel/http/context";
import { roleAtLeast } from "~/kernel/roles";
import { ActionForm, Alert, Field, formValues, PageTitle } from "~/kernel/ui/forms";
import { useT } from "~/kernel/ui/hooks";
import { DataTable } from "~/kernel/ui/table";
import { BUILTIN_CATALOGUES, SEED_003 } from "../assessment/catalogues";
import { CatalogueInput, createCatalogue, listCatalogues } from "../assessment/service";

// The built-in lists come from the code (each tenant's copy, made on first use, is identical); the
// tenant's own catalogues from the database.
export async function loader({ request, context }: Route.LoaderArgs) {
  const role = requireRole(context, "viewer");
  const { tenant } = context.get(tenantContext);
  const own = await tenantTx(context, async (tx) => (await listCatalogues(tx)).filter((c) => !c.builtin));
  return {
    slug: tenant.slug,
    canEdit: roleAtLeast(role, "editor"),
    created: new URL(request.url).searchParams.get("ok") === "created",
    catalogues: [
      ...BUILTIN_CATALOGUES.map((c) => ({
        key: c.key,
        title: c.title,
        kind: c.kind,
        items: c.items.length,
        source: `seeds/${SEED_003}`,
        builtin: true,
      })),
      ...own.map((c) => ({
        key: c.key,
        title: c.title,
        kind: c.kind,
        items: c.items,
        source: c.source,
        builtin: false,
      })),
    ],
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  requireRole(context, "editor");
  const { tenant } = context.get(tenantContext);
  const f = await request.formData();
  const fail = (errors: Record<string, string>) => data({ errors, values: formValues(f) }, { status: 400 });
  if (String(f.get("intent")) !== "catalogue") return fail({ _form: tFor(context)("errors.badRequest") });
  const raw = {
    title: String(f.get("title") ?? ""),
    source: String(f.get("source") ?? ""),
    items: String(f.get("items") ?? ""),
  };
  const p = CatalogueInput.safeParse(raw);
  if (!p.success) return fail(fieldErrors(context, p.error.issues));
  const r = await tenantTx(context, (tx) => createCatalogue(tx, raw));
  if (!r.ok) return fail(failureErrors(context, r));
  return redirect(`/t/${tenant.slug}/verwaltung/oeffnung/kataloge?ok=created`);
}

export default function Catalogues({ loaderData: d, actionData: a }: Route.ComponentProps) {
  const t = useT();
  return (
    <>
      <PageTitle>{t("opening.assessment.catalogues.title")}</PageTitle>
      <p>
        <Link className="kern-link" to={`/t/${d.slug}/verwaltung/oeffnung`}>
          {t("opening.overview.title")}
        </Link>
      </p>
      <h1 className="kern-heading-large">{t("opening.assessment.catalogues.title")}</h1>
      <p className="kern-body">{t("opening.assessment.catalogues.intro")}</p>
      {d.created && <Alert kind="success">{t("opening.assessment.catalogues.created")}</Alert>}
      <DataTable
        caption={t("opening.assessment.catalogues.title")}
        headers={[
          t("opening.assessment.catalogues.catalogueTitle"),
          t("opening.assessment.catalogues.kind"),
          { label: t("opening.assessment.catalogues.items"), numeric: true },
          t("opening.assessment.catalogues.source"),
        ]}
      >
        {d.catalogues.map((c) => (
          <tr key={c.key} className="kern-table__row">
            <th scope="row" className="kern-table__cell">
              <Link className="kern-link" to={`/t/${d.slug}/verwaltung/oeffnung/kataloge/${c.key}`}>
                {c.title}
              </Link>
            </th>
            <td className="kern-table__cell">{t(`opening.assessment.kinds.${c.kind}`)}</td>
            <td className="kern-table__cell kern-table__cell--numeric">{c.items}</td>
            <td className="kern-table__cell">{c.builtin ? t("opening.assessment.catalogues.builtin") : c.source}</td>
          </tr>
        ))}
      </DataTable>
      {d.canEdit && (
        <section aria-labelledby="new-catalogue">
          <h2 id="new-catalogue" className="kern-heading-medium">
            {t("opening.assessment.catalogues.new")}
          </h2>
          <ActionForm intent="catalogue" errors={a?.errors} submit={t("opening.assessment.catalogues.create")} primary>
            <Field
              name="title"
              label={t("opening.assessment.catalogues.catalogueTitle")}
              required
              error={a?.errors?.title}
            />
            <Field
              name="source"
              label={t("opening.assessment.catalogues.catalogueSource")}
              hint={t("opening.assessment.catalogues.catalogueSourceHint")}
              required
              error={a?.errors?.source}
            />
            <Field
              name="items"
              type="textarea"
              label={t("opening.assessment.catalogues.catalogueItems")}
              hint={t("opening.assessment.catalogues.catalogueItemsHint")}
              required
              error={a?.errors?.items}
            />
          </ActionForm>
        </section>
      )}
    </>
  );
}
