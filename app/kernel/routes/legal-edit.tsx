import "../legal/strings";
import { data, Link, redirect } from "react-router";
import type { Route } from "./+types/legal-edit";
import {
  appContext,
  failureErrors,
  requestContext,
  requireRole,
  requirePlatformAdmin,
  tenantContext,
  tenantTx,
} from "../http/context";
import { withSystem } from "../db/context";
import {
  isWritten,
  listLegalPages,
  listPlatformLegalPages,
  saveLegalPage,
  savePlatformLegalPage,
} from "../legal/service";
import { CONFORMITY, LEGAL_KINDS, type LegalKind } from "../legal/kinds";
import { ActionForm, Alert, Field, formValues, PageTitle, Select } from "../ui/forms";
import { useT } from "../ui/hooks";

// Editing the legal pages: a tenant's administration at /t/:slug/verwaltung/rechtliches, platform
// administrators at /plattform/rechtliches for the operator's own pages. One form per page.

type Ctx = Route.LoaderArgs["context"];

/** Who edits what: null = the platform (superadmins only), else the tenant (its admins). */
function scope(context: Ctx, request: Request, slug: string | undefined) {
  if (slug) {
    requireRole(context, "admin");
    return context.get(tenantContext).tenant;
  }
  requirePlatformAdmin(context, request);
  return null;
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const tenant = scope(context, request, params.slug);
  const pages = tenant
    ? await tenantTx(context, (tx) => listLegalPages(tx))
    : await withSystem(context.get(appContext).db, (tx) => listPlatformLegalPages(tx));
  return {
    base: tenant ? `/t/${tenant.slug}` : "",
    platform: !tenant,
    saved: new URL(request.url).searchParams.get("gespeichert"),
    pages: LEGAL_KINDS.map((kind) => {
      const p = pages[kind];
      return {
        kind,
        body: p?.body ?? "",
        conformity: p?.conformity ?? "",
        barriers: p?.barriers ?? "",
        assessedOn: p?.assessedOn ?? "",
        feedbackEmail: p?.feedbackEmail ?? "",
        enforcementName: p?.enforcementName ?? "",
        enforcementUrl: p?.enforcementUrl ?? "",
        filled: isWritten(p),
      };
    }),
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const tenant = scope(context, request, params.slug);
  const f = await request.formData();
  const kind = String(f.get("intent") ?? "") as LegalKind;
  const text = (k: string) => String(f.get(k) ?? "").trim() || null;
  const input = {
    kind,
    body: String(f.get("body") ?? ""),
    ...(kind === "barrierefreiheit"
      ? {
          conformity: text("conformity"),
          barriers: text("barriers"),
          assessedOn: text("assessedOn"),
          feedbackEmail: text("feedbackEmail"),
          enforcementName: text("enforcementName"),
          enforcementUrl: text("enforcementUrl"),
        }
      : {}),
  };
  const r = tenant
    ? await tenantTx(context, (tx) => saveLegalPage(tx, input))
    : await savePlatformLegalPage(context.get(appContext).db, context.get(requestContext).user!.id, input);
  if (!r.ok) return data({ intent: kind, errors: failureErrors(context, r), values: formValues(f) }, { status: 400 });
  const path = tenant ? `/t/${tenant.slug}/verwaltung/rechtliches` : "/plattform/rechtliches";
  return redirect(`${path}?gespeichert=${kind}#${kind}`);
}

export default function LegalEdit({ loaderData: d, actionData: a }: Route.ComponentProps) {
  const t = useT();
  const title = t(d.platform ? "legal.edit.platformTitle" : "legal.edit.title");
  const missing = d.pages.filter((p) => !p.filled).map((p) => t(`legal.titles.${p.kind}`));
  const errorsFor = (kind: string) => (a?.intent === kind ? a.errors : null);
  const content = (
    <>
      <PageTitle>{title}</PageTitle>
      <h1 className="kern-heading-large">{title}</h1>
      <p className="kern-body">{t("legal.edit.intro")}</p>
      {missing.length > 0 && (
        <Alert kind="warning">{t("legal.edit.missingNotice", { pages: missing.join(", ") })}</Alert>
      )}
      {d.pages.map((p) => (
        <section key={p.kind} id={p.kind} aria-labelledby={`h-${p.kind}`}>
          <h2 id={`h-${p.kind}`} className="kern-heading-medium">
            {t(`legal.titles.${p.kind}`)}
          </h2>
          {d.saved === p.kind && <Alert kind="success">{t("legal.edit.saved")}</Alert>}
          <p className="kern-body">
            <Link className="kern-link" to={`${d.base}/${p.kind}`}>
              {t("legal.edit.view")}
            </Link>
          </p>
          <ActionForm intent={p.kind} errors={errorsFor(p.kind)} submit={t("legal.edit.save")}>
            <Field
              id={`f-${p.kind}-body`}
              name="body"
              type="textarea"
              label={t("legal.edit.body")}
              defaultValue={p.body}
              error={errorsFor(p.kind)?.body}
            />
            {p.kind === "barrierefreiheit" && (
              <>
                <Select
                  id={`f-${p.kind}-conformity`}
                  name="conformity"
                  label={t("legal.edit.conformity")}
                  options={[
                    { value: "", label: t("legal.edit.choose") },
                    ...CONFORMITY.map((c) => ({ value: c, label: t(`legal.conformityLabel.${c}`) })),
                  ]}
                  defaultValue={p.conformity}
                  error={errorsFor(p.kind)?.conformity}
                  required
                />
                <Field
                  name="barriers"
                  type="textarea"
                  label={t("legal.edit.barriers")}
                  hint={t("legal.edit.barriersHint")}
                  defaultValue={p.barriers}
                  error={errorsFor(p.kind)?.barriers}
                />
                <Field
                  name="assessedOn"
                  type="date"
                  label={t("legal.edit.assessedOn")}
                  defaultValue={p.assessedOn}
                  error={errorsFor(p.kind)?.assessedOn}
                  required
                />
                <Field
                  name="feedbackEmail"
                  type="email"
                  label={t("legal.edit.feedbackEmail")}
                  hint={t("legal.edit.feedbackEmailHint")}
                  defaultValue={p.feedbackEmail}
                  error={errorsFor(p.kind)?.feedbackEmail}
                  required
                />
                <Field
                  name="enforcementName"
                  label={t("legal.edit.enforcementName")}
                  hint={t("legal.edit.enforcementNameHint")}
                  defaultValue={p.enforcementName}
                  error={errorsFor(p.kind)?.enforcementName}
                  required
                />
                <Field
                  name="enforcementUrl"
                  type="url"
                  label={t("legal.edit.enforcementUrl")}
                  defaultValue={p.enforcementUrl}
                  error={errorsFor(p.kind)?.enforcementUrl}
                  required
                />
              </>
            )}
          </ActionForm>
        </section>
      ))}
    </>
  );
  // Staff pages sit inside the staff layout's <main>; the platform page is a page of its own.
  return d.platform ? (
    <main id="inhalt" className="kern-container page stack">
      {content}
    </main>
  ) : (
    content
  );
}
