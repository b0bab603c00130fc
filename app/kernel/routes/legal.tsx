import "../legal/strings";
import { data, redirect } from "react-router";
import type { Route } from "./+types/legal";
import { appContext, failureErrors, tenantContext, tenantTx } from "../http/context";
import { withSystem } from "../db/context";
import { getLegalPage, getPlatformLegalPage, isWritten, sendAccessibilityFeedback } from "../legal/service";
import { LEGAL_KINDS, type LegalKind } from "../legal/kinds";
import { ActionForm, Alert, Field, formValues, PageTitle } from "../ui/forms";
import { useFormat, useT } from "../ui/hooks";

// Impressum, Datenschutzerklärung and Erklärung zur Barrierefreiheit (issue 17 item 3): the same page
// for a tenant (/t/:slug/…) and for the platform operator (/…). The statement's feedback form mails
// the inbox it names (outbox); a page with that form is never shared by the page cache (it carries
// the visitor's CSRF token), the other two are.

function kindOf(request: Request): LegalKind {
  const last = new URL(request.url).pathname.split("/").filter(Boolean).pop() ?? "";
  const kind = LEGAL_KINDS.find((k) => k === last);
  if (!kind) throw data(null, { status: 404 });
  return kind;
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const kind = kindOf(request);
  const tenant = params.slug ? context.get(tenantContext).tenant : null;
  const page = tenant
    ? await tenantTx(context, (tx) => getLegalPage(tx, kind))
    : await withSystem(context.get(appContext).db, (tx) => getPlatformLegalPage(tx, kind));
  return {
    kind,
    tenantName: tenant?.name ?? null,
    // The contact from the tenant settings (docs/tenant-settings.md), shown with the Impressum.
    contact:
      tenant && kind === "impressum" && (tenant.contactOffice || tenant.contactAddress || tenant.contactEmail)
        ? {
            office: tenant.contactOffice,
            address: tenant.contactAddress,
            email: tenant.contactEmail,
            phone: tenant.contactPhone,
            web: tenant.contactWeb,
          }
        : null,
    sent: new URL(request.url).searchParams.get("gesendet") === "1",
    // A page not yet written is announced as missing, not shown empty.
    page: isWritten(page)
      ? {
          paragraphs: page.body.split(/\n\s*\n/).filter((p) => p.trim()),
          conformity: page.conformity,
          barriers: (page.barriers ?? "").split(/\n\s*\n/).filter((p) => p.trim()),
          assessedOn: page.assessedOn,
          feedbackEmail: page.feedbackEmail,
          enforcementName: page.enforcementName,
          enforcementUrl: page.enforcementUrl,
          updatedAt: page.updatedAt.toISOString(),
        }
      : null,
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  if (kindOf(request) !== "barrierefreiheit") throw data(null, { status: 405 });
  const f = await request.formData();
  const tenant = params.slug ? context.get(tenantContext).tenant : null;
  const r = await sendAccessibilityFeedback(
    context.get(appContext).db,
    tenant ? { id: tenant.id, name: tenant.name } : null,
    {
      message: String(f.get("message") ?? ""),
      name: String(f.get("name") ?? ""),
      email: String(f.get("email") ?? ""),
      page: String(f.get("page") ?? ""),
    },
  );
  if (!r.ok)
    return data(
      { intent: "feedback", errors: failureErrors(context, r), values: formValues(f) },
      { status: r.error.code === "legal.errors.busy" ? 429 : 400 },
    );
  return redirect(`${tenant ? `/t/${tenant.slug}` : ""}/barrierefreiheit?gesendet=1#rueckmeldung`);
}

export default function LegalPage({ loaderData: d, actionData: a }: Route.ComponentProps) {
  const t = useT();
  const fmt = useFormat();
  const heading = t(`legal.titles.${d.kind}`);
  const owner = d.tenantName ?? t("legal.platformOwner");
  const p = d.page;
  const paragraphs = (list: string[]) =>
    list.map((text, i) => (
      <p key={i} className="kern-body" style={{ whiteSpace: "pre-line" }}>
        {text}
      </p>
    ));
  return (
    <main id="inhalt" className="kern-container page stack">
      <PageTitle>{heading}</PageTitle>
      <h1 className="kern-heading-large">{d.tenantName ? `${heading}: ${d.tenantName}` : heading}</h1>
      {!d.tenantName && <p className="kern-body">{t("legal.platformNote")}</p>}
      {!p ? (
        <Alert kind="info">{t("legal.missing", { owner })}</Alert>
      ) : (
        <>
          {paragraphs(p.paragraphs)}
          {d.kind === "barrierefreiheit" && p.conformity && (
            <>
              <h2 className="kern-heading-medium">{t("legal.conformityHeading")}</h2>
              <p className="kern-body">{t(`legal.conformity.${p.conformity}`)}</p>
              {p.barriers.length > 0 && (
                <>
                  <h2 className="kern-heading-medium">{t("legal.barriersHeading")}</h2>
                  {paragraphs(p.barriers)}
                </>
              )}
              {p.assessedOn && <p className="kern-body">{t("legal.assessed", { date: fmt.date(p.assessedOn) })}</p>}
              {p.enforcementName && p.enforcementUrl && (
                <>
                  <h2 className="kern-heading-medium">{t("legal.enforcementHeading")}</h2>
                  <p className="kern-body">{t("legal.enforcementText")}</p>
                  <p className="kern-body">
                    <a className="kern-link" href={p.enforcementUrl} rel="noopener noreferrer">
                      {p.enforcementName}
                    </a>
                  </p>
                </>
              )}
            </>
          )}
          <p className="kern-body--small">{t("legal.updated", { date: fmt.date(p.updatedAt) })}</p>
        </>
      )}
      {d.contact && (
        <section aria-labelledby="kontakt">
          <h2 id="kontakt" className="kern-heading-medium">
            {t("legal.contactHeading")}
          </h2>
          <address className="kern-body" style={{ whiteSpace: "pre-line", fontStyle: "normal" }}>
            {[d.contact.office, d.contact.address].filter(Boolean).join("\n")}
          </address>
          {d.contact.email && (
            <p className="kern-body">
              {t("legal.contactEmail")}:{" "}
              <a className="kern-link" href={`mailto:${d.contact.email}`}>
                {d.contact.email}
              </a>
            </p>
          )}
          {d.contact.phone && (
            <p className="kern-body">
              {t("legal.contactPhone")}: {d.contact.phone}
            </p>
          )}
          {d.contact.web && (
            <p className="kern-body">
              <a className="kern-link" href={d.contact.web} rel="noopener noreferrer">
                {d.contact.web}
              </a>
            </p>
          )}
        </section>
      )}
      {d.kind === "barrierefreiheit" && p?.feedbackEmail && (
        <section aria-labelledby="rueckmeldung">
          <h2 id="rueckmeldung" className="kern-heading-medium">
            {t("legal.feedbackHeading")}
          </h2>
          {d.sent && <Alert kind="success">{t("legal.sent")}</Alert>}
          <p className="kern-body">
            {t("legal.feedbackIntro")}{" "}
            <a className="kern-link" href={`mailto:${p.feedbackEmail}`}>
              {p.feedbackEmail}
            </a>
          </p>
          <ActionForm intent="feedback" errors={a && "errors" in a ? a.errors : null} submit={t("legal.send")} primary>
            <Field
              name="message"
              type="textarea"
              label={t("legal.message")}
              hint={t("legal.messageHint")}
              error={a?.errors?.message}
              required
            />
            <Field name="page" label={t("legal.page")} error={a?.errors?.page} />
            <Field name="name" label={t("legal.name")} autoComplete="name" error={a?.errors?.name} />
            <Field name="email" type="email" label={t("legal.email")} autoComplete="email" error={a?.errors?.email} />
          </ActionForm>
        </section>
      )}
    </main>
  );
}
