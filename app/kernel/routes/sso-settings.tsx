import "../auth/sso-strings";
import { data, redirect } from "react-router";
import type { Route } from "./+types/sso-settings";
import { failureErrors, requireRole, tenantContext, tenantTx } from "../http/context";
import {
  callbackPath,
  deleteSsoSettings,
  getSsoSettings,
  LOGGED_OUT_PATH,
  publicOrigin,
  saveSsoSettings,
} from "../auth/oidc";
import { ROLES } from "../roles";
import { ActionForm, Alert, Checkbox, Field, formValues, PageTitle, Select } from "../ui/forms";
import { useT } from "../ui/hooks";

// A tenant's identity provider for single sign-on (decision 0047), for its administration only.

/** The settings' text fields, in the form's order: with a hint (sso.settings.<name>Hint) or not. */
const TEXT_FIELDS: {
  name: "displayName" | "issuer" | "clientId" | "clientSecretEnv" | "scopes" | "roleClaim";
  type?: "url";
  hint: boolean;
  required: boolean;
  fallback: string;
}[] = [
  { name: "displayName", hint: true, required: true, fallback: "" },
  { name: "issuer", type: "url", hint: true, required: true, fallback: "" },
  { name: "clientId", hint: false, required: true, fallback: "" },
  { name: "clientSecretEnv", hint: true, required: false, fallback: "" },
  { name: "scopes", hint: true, required: true, fallback: "openid email profile" },
  { name: "roleClaim", hint: true, required: true, fallback: "groups" },
];

/** Empty rows offered below the saved mappings (more after saving). */
const EMPTY_ROWS = 3;

export async function loader({ request, context }: Route.LoaderArgs) {
  requireRole(context, "admin");
  const { tenant } = context.get(tenantContext);
  const settings = await tenantTx(context, (tx) => getSsoSettings(tx));
  const origin = publicOrigin(request);
  return {
    settings,
    redirectUri: origin + callbackPath(tenant.slug),
    postLogoutUri: origin + LOGGED_OUT_PATH,
    notice: new URL(request.url).searchParams.get("hinweis"),
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  requireRole(context, "admin");
  const { tenant } = context.get(tenantContext);
  const f = await request.formData();
  const path = `/t/${tenant.slug}/verwaltung/anmeldung`;
  if (f.get("intent") === "delete") {
    await tenantTx(context, (tx) => deleteSsoSettings(tx));
    return redirect(`${path}?hinweis=entfernt`);
  }
  const text = (k: string) => String(f.get(k) ?? "");
  const mappings: { claimValue: string; role: string }[] = [];
  for (let i = 0; i < 200; i++) {
    if (!f.has(`claimValue.${i}`)) break;
    const claimValue = text(`claimValue.${i}`).trim();
    if (claimValue) mappings.push({ claimValue, role: text(`role.${i}`) });
  }
  const r = await tenantTx(context, (tx) =>
    saveSsoSettings(tx, {
      enabled: f.get("enabled") === "1",
      displayName: text("displayName"),
      issuer: text("issuer"),
      clientId: text("clientId"),
      clientSecretEnv: text("clientSecretEnv"),
      scopes: text("scopes"),
      roleClaim: text("roleClaim"),
      defaultRole: text("defaultRole"),
      passwordLogin: f.get("passwordLogin") === "1",
      mappings,
    }),
  );
  if (!r.ok) return data({ errors: failureErrors(context, r), values: formValues(f) }, { status: 400 });
  return redirect(`${path}?hinweis=gespeichert`);
}

export default function SsoSettings({ loaderData: d, actionData: a }: Route.ComponentProps) {
  const t = useT();
  const s = d.settings;
  const roleOptions = ROLES.map((r) => ({ value: r, label: t(`sso.roles.${r}`) }));
  const rows = [
    ...(s?.mappings ?? []),
    ...Array.from({ length: EMPTY_ROWS }, () => ({ claimValue: "", role: "editor" })),
  ];
  return (
    <>
      <PageTitle>{t("sso.settings.title")}</PageTitle>
      <h1 className="kern-heading-large">{t("sso.settings.title")}</h1>
      {d.notice === "gespeichert" && <Alert kind="success">{t("sso.settings.saved")}</Alert>}
      {d.notice === "entfernt" && <Alert kind="success">{t("sso.settings.deleted")}</Alert>}
      <p className="kern-body">{t("sso.settings.intro")}</p>
      {!s && <p className="kern-body">{t("sso.settings.none")}</p>}
      <dl className="kern-body">
        <dt>{t("sso.settings.redirectUri")}</dt>
        <dd>
          <code>{d.redirectUri}</code>
        </dd>
        <dt>{t("sso.settings.postLogoutUri")}</dt>
        <dd>
          <code>{d.postLogoutUri}</code>
        </dd>
      </dl>
      {s?.clientSecretEnv && (
        <Alert kind={s.secretPresent ? "info" : "warning"}>
          {t(s.secretPresent ? "sso.settings.secretPresent" : "sso.settings.secretMissing", {
            name: s.clientSecretEnv,
          })}
        </Alert>
      )}
      <ActionForm intent="save" errors={a?.errors} submit={t("sso.settings.save")} primary>
        <Checkbox name="enabled" label={t("sso.settings.enabled")} defaultChecked={s?.enabled ?? true} />
        {TEXT_FIELDS.map((f) => (
          <Field
            key={f.name}
            name={f.name}
            type={f.type}
            label={t(`sso.settings.${f.name}`)}
            hint={f.hint ? t(`sso.settings.${f.name}Hint`) : undefined}
            defaultValue={s?.[f.name] ?? f.fallback}
            error={a?.errors[f.name]}
            required={f.required}
          />
        ))}
        <Select
          name="defaultRole"
          label={t("sso.settings.defaultRole")}
          options={[{ value: "", label: t("sso.settings.noAccess") }, ...roleOptions]}
          defaultValue={s?.defaultRole ?? ""}
          error={a?.errors.defaultRole}
        />
        <Checkbox
          name="passwordLogin"
          label={t("sso.settings.passwordLogin")}
          defaultChecked={s?.passwordLogin ?? true}
        />
        <fieldset className="kern-fieldset" id="f-mappings">
          <legend className="kern-label">{t("sso.settings.mappingsTitle")}</legend>
          <p className="kern-body">{t("sso.settings.mappingsIntro")}</p>
          {a?.errors.mappings && <Alert kind="danger">{a.errors.mappings}</Alert>}
          {rows.map((m, i) => (
            <div key={i} className="form-grid">
              <Field
                name={`claimValue.${i}`}
                label={`${t("sso.settings.claimValue")} ${i + 1}`}
                defaultValue={m.claimValue}
              />
              <Select
                name={`role.${i}`}
                label={`${t("sso.settings.role")} ${i + 1}`}
                options={roleOptions}
                defaultValue={m.role}
              />
            </div>
          ))}
        </fieldset>
      </ActionForm>
      {s && (
        <section aria-labelledby="sso-delete">
          <ActionForm
            intent="delete"
            heading={t("sso.settings.deleteTitle")}
            headingId="sso-delete"
            submit={t("sso.settings.delete")}
          >
            <p className="kern-body">{t("sso.settings.deleteText")}</p>
          </ActionForm>
        </section>
      )}
    </>
  );
}
