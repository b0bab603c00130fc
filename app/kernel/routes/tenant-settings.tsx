import "../tenancy/strings";
import { data, redirect } from "react-router";
import type { Route } from "./+types/tenant-settings";
import { appContext, failureErrors, requestContext, requireRole, tenantContext, tenantTx, tFor } from "../http/context";
import {
  getTenantSettings,
  logoMaxBytes,
  parentCandidates,
  removeLogo,
  saveLogo,
  saveTenantSettings,
} from "../tenancy/settings";
import { TENANT_KINDS } from "../tenancy/laender";
import { UI_LANGUAGES, UI_LANGUAGE_NAMES } from "../i18n/languages";
import { requestTooLarge } from "../upload";
import { ActionForm, Alert, Checkbox, Field, FileField, formValues, PageTitle, Select } from "../ui/forms";
import { useT } from "../ui/hooks";

// A tenant's settings (issue 17 item 3; docs/tenant-settings.md): its administration (and platform
// administrators) at /t/:slug/verwaltung/einstellungen. Kind, AGS and parent only for the platform.

export async function loader({ request, context }: Route.LoaderArgs) {
  requireRole(context, "admin");
  const platform = !!context.get(requestContext).user?.isSuperadmin;
  const { tenant } = context.get(tenantContext);
  const [t, parents] = await tenantTx(
    context,
    async (tx) => [await getTenantSettings(tx), await parentCandidates(tx, tenant.id)] as const,
  );
  if (!t) throw data({ message: tFor(context)("errors.notFound") }, { status: 404 });
  return {
    slug: tenant.slug,
    platform,
    done: new URL(request.url).searchParams.get("ok"),
    logoKib: Math.floor(logoMaxBytes() / 1024),
    parents: parents.filter((p) => p.id !== t.id).map((p) => ({ id: p.id, name: p.name })),
    parentName: parents.find((p) => p.id === t.parentId)?.name ?? null,
    s: {
      name: t.name,
      kind: t.kind,
      ags: t.ags,
      parentId: t.parentId ?? "",
      contactOffice: t.contactOffice ?? "",
      contactAddress: t.contactAddress ?? "",
      contactEmail: t.contactEmail ?? "",
      contactPhone: t.contactPhone ?? "",
      contactWeb: t.contactWeb ?? "",
      disclosureThreshold: t.disclosureThreshold,
      publicLanguages: t.publicLanguages,
      requireSecondFactor: t.requireSecondFactor,
      logoEtag: t.logoEtag,
    },
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  requireRole(context, "admin");
  const platform = !!context.get(requestContext).user?.isSuperadmin;
  const { tenant } = context.get(tenantContext);
  const here = `/t/${tenant.slug}/verwaltung/einstellungen`;
  const t = tFor(context);
  if (requestTooLarge(request))
    return data(
      {
        intent: "logo",
        errors: { logo: t("settings.errors.logoTooLarge", { kib: Math.floor(logoMaxBytes() / 1024) }) },
        values: null,
      },
      { status: 413 },
    );
  const f = await request.formData();
  const intent = String(f.get("intent") ?? "");
  const { invalidate } = context.get(appContext).tenants;
  if (intent === "logo") {
    const file = f.get("logo");
    const bytes = file instanceof File ? new Uint8Array(await file.arrayBuffer()) : new Uint8Array();
    const r = await tenantTx(context, (tx) => saveLogo(tx, bytes));
    if (!r.ok)
      return data(
        { intent, errors: failureErrors(context, r), values: null },
        { status: r.error.code.endsWith("TooLarge") ? 413 : 400 },
      );
    invalidate();
    return redirect(`${here}?ok=logo#logo`);
  }
  if (intent === "remove-logo") {
    await tenantTx(context, (tx) => removeLogo(tx));
    invalidate();
    return redirect(`${here}?ok=logo-removed#logo`);
  }
  const text = (k: string) => String(f.get(k) ?? "").trim() || null;
  const input = {
    name: String(f.get("name") ?? ""),
    contactOffice: text("contactOffice"),
    contactAddress: text("contactAddress"),
    contactEmail: text("contactEmail"),
    contactPhone: text("contactPhone"),
    contactWeb: text("contactWeb"),
    disclosureThreshold: String(f.get("disclosureThreshold") ?? ""),
    publicLanguages: f.getAll("publicLanguages").map(String),
    requireSecondFactor: f.get("requireSecondFactor") === "1",
    ...(platform ? { kind: text("kind") ?? undefined, ags: text("ags") ?? undefined, parentId: text("parentId") } : {}),
  };
  const r = await tenantTx(context, (tx) => saveTenantSettings(tx, input, { platform }));
  if (!r.ok)
    return data({ intent: "settings", errors: failureErrors(context, r), values: formValues(f) }, { status: 400 });
  invalidate();
  return redirect(`${here}?ok=saved`);
}

const CONTACT_FIELDS = [
  ["contactOffice", "text"],
  ["contactAddress", "textarea"],
  ["contactEmail", "email"],
  ["contactPhone", "tel"],
  ["contactWeb", "url"],
] as const;

export default function TenantSettings({ loaderData: d, actionData: a }: Route.ComponentProps) {
  const t = useT();
  const errors = (intent: string): Record<string, string> | null => (a?.intent === intent ? a.errors : null);
  const e = errors("settings");
  return (
    <>
      <PageTitle>{t("settings.title")}</PageTitle>
      <h1 className="kern-heading-large">{t("settings.title")}</h1>
      <p className="kern-body">{t("settings.intro")}</p>
      {d.done === "saved" && <Alert kind="success">{t("settings.saved")}</Alert>}
      <ActionForm intent="settings" errors={e} submit={t("settings.save")} primary>
        <h2 className="kern-heading-medium">{t("settings.general")}</h2>
        <Field name="name" label={t("settings.name")} defaultValue={d.s.name} error={e?.name} required />
        {d.platform ? (
          <>
            <Select
              name="kind"
              label={t("settings.kind")}
              options={TENANT_KINDS.map((k) => ({ value: k, label: t(`settings.kinds.${k}`) }))}
              defaultValue={d.s.kind}
              error={e?.kind}
              required
            />
            <Field
              name="ags"
              label={t("settings.ags")}
              hint={t("settings.agsHint")}
              defaultValue={d.s.ags}
              error={e?.ags}
              inputMode="numeric"
              required
            />
            <Select
              name="parentId"
              label={t("settings.parent")}
              options={[
                { value: "", label: t("settings.noParent") },
                ...d.parents.map((p) => ({ value: p.id, label: p.name })),
              ]}
              defaultValue={d.s.parentId}
              error={e?.parentId}
            />
          </>
        ) : (
          <>
            <dl className="kern-description-list">
              <div className="kern-description-list-item">
                <dt className="kern-description-list-item__key">{t("settings.kind")}</dt>
                <dd className="kern-description-list-item__value">{t(`settings.kinds.${d.s.kind}`)}</dd>
              </div>
              <div className="kern-description-list-item">
                <dt className="kern-description-list-item__key">{t("settings.ags")}</dt>
                <dd className="kern-description-list-item__value">{d.s.ags}</dd>
              </div>
              <div className="kern-description-list-item">
                <dt className="kern-description-list-item__key">{t("settings.parent")}</dt>
                <dd className="kern-description-list-item__value">{d.parentName ?? t("settings.noParent")}</dd>
              </div>
            </dl>
            <p className="kern-body--small">{t("settings.platformOnlyNote")}</p>
          </>
        )}
        <h2 className="kern-heading-medium">{t("settings.contact")}</h2>
        {CONTACT_FIELDS.map(([name, type]) => (
          <Field
            key={name}
            name={name}
            type={type}
            label={t(`settings.${name}`)}
            defaultValue={d.s[name]}
            error={e?.[name]}
          />
        ))}
        <fieldset className="kern-fieldset" id="f-publicLanguages">
          <legend className="kern-label">{t("settings.languages")}</legend>
          <p className="kern-hint">{t("settings.languagesHint")}</p>
          {UI_LANGUAGES.filter((l) => l !== "de").map((l) => (
            <Checkbox
              key={l}
              id={`f-lang-${l}`}
              name="publicLanguages"
              value={l}
              label={UI_LANGUAGE_NAMES[l]}
              defaultChecked={d.s.publicLanguages.includes(l)}
            />
          ))}
        </fieldset>
        <Field
          name="disclosureThreshold"
          type="number"
          label={t("settings.threshold")}
          hint={t("settings.thresholdHint")}
          defaultValue={String(d.s.disclosureThreshold)}
          error={e?.disclosureThreshold}
          inputMode="numeric"
          required
        />
        <h2 className="kern-heading-medium">{t("settings.security")}</h2>
        <Checkbox
          name="requireSecondFactor"
          label={t("settings.requireSecondFactor")}
          defaultChecked={d.s.requireSecondFactor}
        />
      </ActionForm>

      <section id="logo" aria-labelledby="h-logo" className="stack">
        <h2 id="h-logo" className="kern-heading-medium">
          {t("settings.logo")}
        </h2>
        {d.done === "logo" && <Alert kind="success">{t("settings.logoSaved")}</Alert>}
        {d.done === "logo-removed" && <Alert kind="success">{t("settings.logoRemoved")}</Alert>}
        {d.s.logoEtag ? (
          <p>
            <img className="tenant-logo" src={`/t/${d.slug}/logo?v=${d.s.logoEtag}`} alt={d.s.name} />
          </p>
        ) : (
          <p className="kern-body">{t("settings.logoNone")}</p>
        )}
        <ActionForm intent="logo" errors={errors("logo")} submit={t("settings.logoUpload")} multipart>
          <FileField
            name="logo"
            label={t("settings.logoFile")}
            hint={t("settings.logoHint", { kib: d.logoKib })}
            accept="image/png,image/jpeg,image/webp"
            error={errors("logo")?.logo}
          />
        </ActionForm>
        {d.s.logoEtag && <ActionForm intent="remove-logo" submit={t("settings.logoRemove")} />}
      </section>
    </>
  );
}
