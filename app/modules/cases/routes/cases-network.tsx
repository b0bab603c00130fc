import "./strings";
import { sql } from "drizzle-orm";
import { data, Link, redirect } from "react-router";
import type { Route } from "./+types/cases-network";
import { rows, withSystem } from "~/kernel/db/context";
import { fail, type Result } from "~/kernel/errors";
import { appContext, failureErrors, requireRole, tenantContext } from "~/kernel/http/context";
import { ActionForm, Alert, Field, formValues, PageTitle, Select } from "~/kernel/ui/forms";
import { useT } from "~/kernel/ui/hooks";
import { DataTable, RowAction } from "~/kernel/ui/table";
import {
  addInstitutionFor,
  addSiteFor,
  addStaffFor,
  adminView,
  createNetworkFor,
  setStaffActiveFor,
} from "../core/admin";
import { CASE_ROLES, INSTITUTION_KINDS } from "../core/schema";
import { ChoiceList } from "~/kernel/ui/picker";
import { given } from "./forms.server";

// Setting up and looking after the networks this tenant takes part in, for its administrators. The
// host tenant creates the network, its sites and institutions; every tenant seats its own members as
// staff of the institutions homed in it. Structure only – no page of a tenant admin shows a case.

export async function loader({ request, context }: Route.LoaderArgs) {
  requireRole(context, "admin");
  const { tenant } = context.get(tenantContext);
  const { db } = context.get(appContext);
  const { view, tenants } = await withSystem(db, async (tx) => ({
    view: await adminView(tx, tenant.id),
    tenants: await rows<{ slug: string; name: string }>(tx, sql`SELECT slug, name FROM tenants ORDER BY name`),
  }));
  return {
    slug: tenant.slug,
    networks: view.networks,
    tenants,
    saved: new URL(request.url).searchParams.get("ok") === "saved",
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  requireRole(context, "admin");
  const { tenant } = context.get(tenantContext);
  const { db } = context.get(appContext);
  const f = await request.formData();
  const intent = String(f.get("intent") ?? "");
  const networkId = String(f.get("networkId") ?? "");
  const r = await withSystem(db, (tx): Promise<Result<unknown>> => {
    switch (intent) {
      case "network":
        return createNetworkFor(tx, tenant.id, {
          name: String(f.get("name") ?? ""),
          foundingReference: given(f, "foundingReference"),
          guardianAge: given(f, "guardianAge") ?? "15",
        });
      case "site":
        return addSiteFor(tx, tenant.id, {
          networkId,
          name: String(f.get("name") ?? ""),
          postcode: given(f, "postcode"),
        });
      case "institution":
        return addInstitutionFor(tx, tenant.id, {
          networkId,
          homeTenantSlug: String(f.get("homeTenantSlug") ?? ""),
          kind: String(f.get("kind") ?? ""),
          name: String(f.get("name") ?? ""),
          contact: given(f, "contact"),
          siteIds: f.getAll("siteIds").map(String),
        });
      case "staff":
        return addStaffFor(tx, tenant.id, {
          institutionId: String(f.get("institutionId") ?? ""),
          email: String(f.get("email") ?? ""),
          siteId: given(f, "siteId"),
          role: String(f.get("role") ?? ""),
        });
      case "deactivate":
      case "activate":
        return setStaffActiveFor(tx, tenant.id, String(f.get("staffId") ?? ""), intent === "activate");
      default:
        return Promise.resolve(fail("errors.badRequest"));
    }
  });
  if (!r.ok)
    return data({ intent, networkId, errors: failureErrors(context, r), values: formValues(f) }, { status: 400 });
  return redirect(`/t/${tenant.slug}/verwaltung/fallarbeit/netzwerk?ok=saved`);
}

export default function CasesNetwork({ loaderData: d, actionData: a }: Route.ComponentProps) {
  const t = useT();
  const errorsFor = (intent: string, networkId = "") =>
    a?.intent === intent && (a.networkId ?? "") === networkId ? (a.errors as Record<string, string>) : null;
  const choose = { value: "", label: t("cases.intake.choose") };
  return (
    <>
      <PageTitle>{t("cases.network.title")}</PageTitle>
      <p>
        <Link className="kern-link" to={`/t/${d.slug}/verwaltung/fallarbeit`}>
          {t("cases.client.back")}
        </Link>
      </p>
      <h1 className="kern-heading-large">{t("cases.network.title")}</h1>
      <p className="kern-body">{t("cases.network.intro")}</p>
      {d.saved && <Alert kind="success">{t("cases.client.saved")}</Alert>}
      {d.networks.length === 0 && <p className="kern-body">{t("cases.network.empty")}</p>}
      {d.networks.map((n) => {
        const siteName = (id: string) => n.sites.find((s) => s.id === id)?.name ?? "";
        const mine = n.institutions.filter((i) => i.home);
        return (
          <section key={n.id} aria-labelledby={`n-${n.id}`}>
            <h2 id={`n-${n.id}`} className="kern-heading-medium">
              {n.name}
              {n.hosted && ` – ${t("cases.network.hosted")}`}
            </h2>
            <DataTable
              caption={n.name}
              headers={[t("cases.network.institution"), t("cases.network.kind"), t("cases.network.sites")]}
            >
              {n.institutions.map((i) => (
                <tr key={i.id} className="kern-table__row">
                  <th scope="row" className="kern-table__cell">
                    {i.name}
                  </th>
                  <td className="kern-table__cell">{t(`cases.kinds.${i.kind}`)}</td>
                  <td className="kern-table__cell">{i.siteIds.map(siteName).join(", ") || t("cases.network.none")}</td>
                </tr>
              ))}
            </DataTable>
            {n.staff.length > 0 && (
              <DataTable
                caption={t("cases.admin.staffCaption", { network: n.name })}
                headers={[
                  t("cases.admin.person"),
                  t("cases.network.institution"),
                  t("cases.home.site"),
                  t("cases.admin.role"),
                  { label: t("cases.admin.actions"), srOnly: true },
                ]}
              >
                {n.staff.map((s) => (
                  <tr key={s.id} className="kern-table__row">
                    <th scope="row" className="kern-table__cell">
                      {s.displayName} ({s.email}){!s.active && ` – ${t("cases.admin.inactive")}`}
                    </th>
                    <td className="kern-table__cell">{s.institution}</td>
                    <td className="kern-table__cell">{s.site ?? "–"}</td>
                    <td className="kern-table__cell">{t(`cases.roles.${s.role}`)}</td>
                    <td className="kern-table__cell">
                      <RowAction
                        intent={s.active ? "deactivate" : "activate"}
                        fields={{ staffId: s.id }}
                        label={t(s.active ? "cases.admin.deactivate" : "cases.admin.activate")}
                        target={s.displayName}
                      />
                    </td>
                  </tr>
                ))}
              </DataTable>
            )}
            {n.hosted && (
              <>
                <ActionForm
                  intent="site"
                  hidden={{ networkId: n.id }}
                  heading={t("cases.admin.addSite")}
                  headingId={`site-${n.id}`}
                  errors={errorsFor("site", n.id)}
                  submit={t("cases.admin.addSite")}
                >
                  <Field
                    id={`site-name-${n.id}`}
                    name="name"
                    label={t("cases.admin.siteName")}
                    error={errorsFor("site", n.id)?.name}
                    required
                  />
                  <Field
                    id={`site-pc-${n.id}`}
                    name="postcode"
                    label={t("cases.intake.postcode")}
                    error={errorsFor("site", n.id)?.postcode}
                  />
                </ActionForm>
                <ActionForm
                  intent="institution"
                  hidden={{ networkId: n.id }}
                  heading={t("cases.admin.addInstitution")}
                  headingId={`inst-${n.id}`}
                  errors={errorsFor("institution", n.id)}
                  submit={t("cases.admin.addInstitution")}
                >
                  <Field
                    id={`inst-name-${n.id}`}
                    name="name"
                    label={t("cases.network.institution")}
                    error={errorsFor("institution", n.id)?.name}
                    required
                  />
                  <Select
                    id={`inst-kind-${n.id}`}
                    name="kind"
                    label={t("cases.network.kind")}
                    options={[choose, ...INSTITUTION_KINDS.map((k) => ({ value: k, label: t(`cases.kinds.${k}`) }))]}
                    error={errorsFor("institution", n.id)?.kind}
                    required
                  />
                  <Select
                    id={`inst-tenant-${n.id}`}
                    name="homeTenantSlug"
                    label={t("cases.admin.homeTenant")}
                    hint={t("cases.admin.homeTenantHint")}
                    options={d.tenants.map((x) => ({ value: x.slug, label: x.name }))}
                    defaultValue={d.slug}
                    error={errorsFor("institution", n.id)?.homeTenantSlug}
                    required
                  />
                  <Field
                    id={`inst-contact-${n.id}`}
                    name="contact"
                    label={t("cases.admin.contact")}
                    hint={t("cases.admin.contactHint")}
                    error={errorsFor("institution", n.id)?.contact}
                  />
                  {n.sites.length > 0 && (
                    <ChoiceList
                      name="siteIds"
                      legend={t("cases.network.sites")}
                      options={n.sites.map((s) => ({ value: s.id, label: s.name }))}
                      error={errorsFor("institution", n.id)?.siteIds}
                    />
                  )}
                </ActionForm>
              </>
            )}
            {mine.length > 0 && (
              <ActionForm
                intent="staff"
                hidden={{ networkId: n.id }}
                heading={t("cases.admin.addStaff")}
                headingId={`staff-${n.id}`}
                errors={errorsFor("staff", n.id)}
                submit={t("cases.admin.addStaff")}
              >
                <Select
                  id={`staff-inst-${n.id}`}
                  name="institutionId"
                  label={t("cases.network.institution")}
                  options={mine.map((i) => ({ value: i.id, label: i.name }))}
                  error={errorsFor("staff", n.id)?.institutionId}
                  required
                />
                <Field
                  id={`staff-email-${n.id}`}
                  name="email"
                  type="email"
                  label={t("cases.admin.email")}
                  hint={t("cases.admin.emailHint")}
                  error={errorsFor("staff", n.id)?.email}
                  required
                />
                <Select
                  id={`staff-site-${n.id}`}
                  name="siteId"
                  label={t("cases.home.site")}
                  hint={t("cases.admin.siteHint")}
                  options={[
                    { value: "", label: t("cases.admin.noSite") },
                    ...n.sites.map((s) => ({ value: s.id, label: s.name })),
                  ]}
                  error={errorsFor("staff", n.id)?.siteId}
                />
                <Select
                  id={`staff-role-${n.id}`}
                  name="role"
                  label={t("cases.admin.role")}
                  options={[choose, ...CASE_ROLES.map((r) => ({ value: r, label: t(`cases.roles.${r}`) }))]}
                  error={errorsFor("staff", n.id)?.role}
                  required
                />
              </ActionForm>
            )}
          </section>
        );
      })}
      <ActionForm
        intent="network"
        heading={t("cases.admin.addNetwork")}
        headingId="neues-netzwerk"
        errors={errorsFor("network")}
        submit={t("cases.admin.addNetwork")}
      >
        <Field name="name" label={t("cases.admin.networkName")} error={errorsFor("network")?.name} required />
        <Field
          name="foundingReference"
          label={t("cases.admin.founding")}
          hint={t("cases.admin.foundingHint")}
          error={errorsFor("network")?.foundingReference}
        />
        <Field
          name="guardianAge"
          type="number"
          inputMode="numeric"
          label={t("cases.admin.guardianAge")}
          defaultValue={15}
          error={errorsFor("network")?.guardianAge}
          required
        />
      </ActionForm>
    </>
  );
}
