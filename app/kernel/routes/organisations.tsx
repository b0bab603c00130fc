import { data } from "react-router";
import type { Route } from "./+types/organisations";
import { effectiveRole, fieldErrors, requireRole, tenantTx, tFor } from "../http/context";
import { createOrganisation, listOrganisations, OrganisationInput } from "../organisations/service";
import { ORGANISATION_KINDS } from "../roles";
import { roleAtLeast } from "../roles";
import { Alert, ErrorSummary, Field, formValues, PageTitle, Select, SubmittedValues, PostForm } from "../ui/forms";
import { useT } from "../ui/hooks";
import { DataTable } from "../ui/table";
import { safeWebUrl } from "../urls";

export async function loader({ context }: Route.LoaderArgs) {
  requireRole(context, "viewer");
  return {
    // An older row may hold a non-web address: it is shown as text, never as a link.
    organisations: (await tenantTx(context, listOrganisations)).map((o) => ({ ...o, link: safeWebUrl(o.website) })),
    canEdit: roleAtLeast(effectiveRole(context) ?? undefined, "editor"),
  };
}

const blankToNull = (v: FormDataEntryValue | undefined) => (v === undefined || v === "" ? null : String(v));

export async function action({ request, context }: Route.ActionArgs) {
  requireRole(context, "editor");
  const form = await request.formData();
  const f = Object.fromEntries(form);
  const values = formValues(form);
  const parsed = OrganisationInput.safeParse({
    name: f.name,
    kind: f.kind,
    shortName: blankToNull(f.shortName),
    website: blankToNull(f.website),
    email: blankToNull(f.email),
    phone: blankToNull(f.phone),
    address: blankToNull(f.address),
  });
  if (!parsed.success)
    return data({ errors: fieldErrors(context, parsed.error.issues), values, ok: null }, { status: 400 });
  const r = await tenantTx(context, (tx) => createOrganisation(tx, parsed.data));
  if (!r.ok)
    return data({ errors: { name: tFor(context)("organisations.duplicate") }, values, ok: null }, { status: 409 });
  return { errors: null, values: null, ok: tFor(context)("organisations.created") };
}

export default function Organisations({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const errors = (actionData?.errors ?? undefined) as Record<string, string> | undefined;
  return (
    <>
      <PageTitle>{t("organisations.title")}</PageTitle>
      <h1 className="kern-heading-large">{t("organisations.title")}</h1>
      <p className="kern-body">{t("organisations.intro")}</p>
      {actionData?.ok && <Alert kind="success">{actionData.ok}</Alert>}
      {loaderData.organisations.length === 0 ? (
        <p>{t("organisations.empty")}</p>
      ) : (
        <DataTable
          caption={t("organisations.title")}
          headers={[t("organisations.name"), t("organisations.kind"), t("organisations.website")]}
        >
          {loaderData.organisations.map((o) => (
            <tr key={o.id} className="kern-table__row">
              <th scope="row" className="kern-table__cell">
                {o.name}
                {o.shortName ? ` (${o.shortName})` : ""}
              </th>
              <td className="kern-table__cell">{t(`organisations.kinds.${o.kind}`)}</td>
              <td className="kern-table__cell">
                {o.link ? (
                  <a className="kern-link" href={o.link} rel="noopener noreferrer">
                    {o.link}
                  </a>
                ) : (
                  (o.website ?? "–")
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {loaderData.canEdit && (
        <section aria-labelledby="new-org">
          <h2 id="new-org" className="kern-heading-medium">
            {t("organisations.create")}
          </h2>
          <PostForm className="form-grid">
            <ErrorSummary errors={errors} />
            <SubmittedValues values={actionData?.values}>
              <Field name="name" label={t("organisations.name")} required error={errors?.name} />
              <Select
                name="kind"
                label={t("organisations.kind")}
                required
                error={errors?.kind}
                options={ORGANISATION_KINDS.map((k) => ({ value: k, label: t(`organisations.kinds.${k}`) }))}
              />
              <Field name="shortName" label={t("organisations.shortName")} error={errors?.shortName} />
              <Field name="website" type="url" label={t("organisations.website")} error={errors?.website} />
              <Field name="email" type="email" label={t("organisations.email")} error={errors?.email} />
              <Field name="phone" type="tel" label={t("organisations.phone")} error={errors?.phone} />
              <Field name="address" label={t("organisations.address")} error={errors?.address} />
            </SubmittedValues>
            <div>
              <button type="submit" className="kern-btn kern-btn--primary">
                <span className="kern-label">{t("organisations.create")}</span>
              </button>
            </div>
          </PostForm>
        </section>
      )}
    </>
  );
}
