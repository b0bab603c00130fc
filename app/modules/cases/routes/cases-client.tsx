import "./strings";
import "../export/strings";
import { data, Link, redirect } from "react-router";
import type { Route } from "./+types/cases-client";
import { fail } from "~/kernel/errors";
import { failureErrors, tenantContext } from "~/kernel/http/context";
import { todayBerlin } from "~/kernel/dates";
import { ActionForm, Alert, Field, PageTitle } from "~/kernel/ui/forms";
import { useFormat, useT } from "~/kernel/ui/hooks";
import { RowAction } from "~/kernel/ui/table";
import { approveLegalBasis, revokeConsent, revokeLegalBasis } from "../core/bases";
import { may } from "../core/context";
import { openClient, setClientClosed } from "../core/clients";
import { CATEGORIES } from "../core/schema";
import { basesOf, institutionsOfNetwork, sitesOfNetwork } from "../core/views";
import { DocumentView } from "./document-view";
import { CATEGORY_SLUGS } from "./forms.server";
import { caseTx, requireCaseSeat } from "./session.server";

// A case: the categories the staff member may read, decrypted and logged as one read event; the
// consents and legal bases the database shows them; and what they may do next.

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const seat = await requireCaseSeat(context, request);
  const { tenant } = context.get(tenantContext);
  const q = new URL(request.url).searchParams;
  const r = await caseTx(context, seat, async (tx, me) => {
    const opened = await openClient(tx, me, params.clientId, "open_case");
    if (!opened.ok) return opened;
    const [bases, insts, sites, mayExport] = await Promise.all([
      basesOf(tx, params.clientId),
      institutionsOfNetwork(tx),
      sitesOfNetwork(tx),
      may(tx, params.clientId, null, "export"),
    ]);
    return { ok: true as const, opened: opened.value, bases, insts, sites, me, mayExport };
  });
  if (!r.ok) throw data({ message: failureErrors(context, r)._form }, { status: 404 });
  const { client, documents, readable, writable } = r.opened;
  const name = (xs: { id: string; name: string }[], id: string | null) => xs.find((x) => x.id === id)?.name ?? "";
  const owns = r.me.institutionId === client.ownerInstitutionId;
  const mayWrite = writable.length > 0;
  return {
    slug: tenant.slug,
    client: {
      id: client.id,
      pseudonym: client.pseudonym,
      owner: name(r.insts, client.ownerInstitutionId),
      site: name(r.sites, client.siteId),
      statusGroup: client.statusGroup,
      intakeDate: client.intakeDate,
      firstOfferDate: client.firstOfferDate,
      state: client.state,
      closedOn: client.closedOn,
    },
    categories: CATEGORIES.filter((c) => c !== "health" || readable.includes("health")).map((c) => ({
      category: c,
      slug: CATEGORY_SLUGS[c],
      readable: readable.includes(c),
      writable: writable.includes(c) && c !== "attachments",
      doc: documents[c] ?? null,
    })),
    consents: r.bases.consents.map((k) => ({ ...k, recipients: k.recipients.map((id) => name(r.insts, id)) })),
    bases: r.bases.bases.map((b) => ({ ...b, mine: b.requestedBy === r.me.id })),
    mayWrite,
    mayApprove: owns && ["coordination", "specialist", "lead"].includes(r.me.role),
    seesLog: owns,
    mayExport: r.mayExport,
    notice: q.get("ok"),
    today: todayBerlin(),
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const seat = await requireCaseSeat(context, request);
  const { tenant } = context.get(tenantContext);
  const f = await request.formData();
  const intent = String(f.get("intent") ?? "");
  const id = String(f.get("id") ?? "");
  const r = await caseTx(context, seat, (tx, me) => {
    switch (intent) {
      case "revokeConsent":
        return revokeConsent(tx, me, id);
      case "approveBasis":
        return approveLegalBasis(tx, me, id);
      case "revokeBasis":
        return revokeLegalBasis(tx, me, id);
      case "close":
        return setClientClosed(tx, me, params.clientId, String(f.get("closedOn") ?? ""));
      case "reopen":
        return setClientClosed(tx, me, params.clientId, null);
      default:
        return Promise.resolve(fail("errors.badRequest"));
    }
  });
  if (!r.ok) return data({ intent, id, error: Object.values(failureErrors(context, r))[0] }, { status: 400 });
  return redirect(`/t/${tenant.slug}/verwaltung/fallarbeit/fall/${params.clientId}?ok=saved`);
}

export default function CaseClient({ loaderData: d, actionData: a }: Route.ComponentProps) {
  const t = useT();
  const fmt = useFormat();
  const base = `/t/${d.slug}/verwaltung/fallarbeit`;
  const here = `${base}/fall/${d.client.id}`;
  const cat = (c: string) => t(`cases.categories.${c}`);
  return (
    <>
      <PageTitle>{t("cases.client.title", { pseudonym: d.client.pseudonym })}</PageTitle>
      <p>
        <Link className="kern-link" to={base}>
          {t("cases.client.back")}
        </Link>
      </p>
      <h1 className="kern-heading-large">{t("cases.client.title", { pseudonym: d.client.pseudonym })}</h1>
      {d.notice === "neu" && <Alert kind="success">{t("cases.client.created")}</Alert>}
      {d.notice === "saved" && <Alert kind="success">{t("cases.client.saved")}</Alert>}
      {a?.error && a.intent !== "close" && <Alert kind="danger">{a.error}</Alert>}
      {d.client.state === "anonymised" && <Alert kind="info">{t("cases.client.anonymised")}</Alert>}
      <section aria-labelledby="meta">
        <h2 id="meta" className="kern-heading-medium">
          {t("cases.client.meta")}
        </h2>
        <dl className="kern-description-list">
          {(
            [
              ["owner", d.client.owner],
              ["site", d.client.site],
              ["statusGroup", t(`cases.statusGroups.${d.client.statusGroup}`)],
              ["intakeDate", fmt.date(d.client.intakeDate)],
              ["firstOffer", d.client.firstOfferDate ? fmt.date(d.client.firstOfferDate) : t("cases.client.none")],
            ] as const
          ).map(([k, v]) => (
            <div className="kern-description-list-item" key={k}>
              <dt className="kern-description-list-item__key">{t(`cases.client.${k}`)}</dt>
              <dd className="kern-description-list-item__value">{v}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section aria-labelledby="daten">
        <h2 id="daten" className="kern-heading-medium">
          {t("cases.client.documents")}
        </h2>
        {d.categories.map((c) => (
          <section key={c.category} aria-labelledby={`k-${c.category}`}>
            <h3 id={`k-${c.category}`} className="kern-heading-small">
              {cat(c.category)}
            </h3>
            {c.readable ? (
              <DocumentView category={c.category} doc={c.doc} />
            ) : (
              <p className="kern-body">{t("cases.client.notReadable")}</p>
            )}
            {c.category === "attachments" && c.readable && (
              <p>
                <Link className="kern-link" to={`${here}/anlagen`}>
                  {t("cases.attachments.link")}
                </Link>
              </p>
            )}
            {c.writable && (
              <p>
                <Link className="kern-link" to={`${here}/daten/${c.slug}`}>
                  {t("cases.client.edit", { category: cat(c.category) })}
                </Link>
              </p>
            )}
          </section>
        ))}
      </section>
      {(d.mayWrite || d.consents.length > 0) && (
        <section aria-labelledby="einwilligungen">
          <h2 id="einwilligungen" className="kern-heading-medium">
            {t("cases.client.consents")}
          </h2>
          {d.consents.length === 0 && <p className="kern-body">{t("cases.client.noConsents")}</p>}
          {d.consents.map((k) => (
            <div key={k.id} className="kern-body">
              <h3 className="kern-heading-small">
                {t("cases.client.consentLine", {
                  version: k.version,
                  givenOn: fmt.date(k.givenOn),
                  validUntil: fmt.date(k.validUntil),
                  state: t(`cases.client.consentStates.${k.state}`),
                })}
              </h3>
              <p className="kern-body">
                {t("cases.client.purpose")}: {k.purpose}
              </p>
              <p className="kern-body">
                {t("cases.client.categories")}: {k.categories.map(cat).join(", ")}
              </p>
              <p className="kern-body">
                {t("cases.client.recipients")}: {k.recipients.join(", ")}
              </p>
              <p className="kern-body">
                {t("cases.client.language")}: {k.language} / {k.interpreter} –{" "}
                {t(`cases.client.signedBy.${k.signedBy}`)}
              </p>
              {d.mayWrite && (
                <p className="kern-body">
                  <a
                    className="kern-link"
                    href={`${here}/einwilligung/${k.id}/pdf`}
                    aria-label={t("cases.export.consentLinkLabel", { version: k.version })}
                    download
                  >
                    {t("cases.export.consentLink")}
                  </a>
                </p>
              )}
              {d.mayWrite && k.state === "current" && (
                <RowAction
                  intent="revokeConsent"
                  fields={{ id: k.id }}
                  label={t("cases.client.revokeConsent")}
                  target={t("cases.client.consentLine", {
                    version: k.version,
                    givenOn: fmt.date(k.givenOn),
                    validUntil: fmt.date(k.validUntil),
                    state: t(`cases.client.consentStates.${k.state}`),
                  })}
                />
              )}
            </div>
          ))}
          {d.mayWrite && (
            <p>
              <Link className="kern-link" to={`${here}/einwilligung`}>
                {t("cases.client.newConsent")}
              </Link>
            </p>
          )}
        </section>
      )}
      {(d.mayWrite || d.bases.length > 0) && (
        <section aria-labelledby="rechtsgrundlagen">
          <h2 id="rechtsgrundlagen" className="kern-heading-medium">
            {t("cases.client.bases")}
          </h2>
          {d.bases.length === 0 && <p className="kern-body">{t("cases.client.noBases")}</p>}
          <ul className="kern-list">
            {d.bases.map((b) => {
              const line = t("cases.client.basisLine", {
                recipient: b.recipientName,
                categories: b.categories.map(cat).join(", "),
                validUntil: fmt.date(b.validUntil),
              });
              return (
                <li key={b.id}>
                  {line} – {b.legalBasis} –{" "}
                  {b.revoked
                    ? t("cases.client.basisRevoked")
                    : b.approved || b.recipientKind !== "auslaenderbehoerde"
                      ? t("cases.client.basisApproved")
                      : t("cases.client.basisPending")}
                  {d.mayApprove && !b.revoked && !b.approved && b.recipientKind === "auslaenderbehoerde" && !b.mine && (
                    <RowAction
                      intent="approveBasis"
                      fields={{ id: b.id }}
                      label={t("cases.client.approveBasis")}
                      target={line}
                    />
                  )}
                  {d.mayWrite && !b.revoked && (
                    <RowAction
                      intent="revokeBasis"
                      fields={{ id: b.id }}
                      label={t("cases.client.revokeBasis")}
                      target={line}
                    />
                  )}
                </li>
              );
            })}
          </ul>
          {d.mayWrite && (
            <p>
              <Link className="kern-link" to={`${here}/rechtsgrundlage`}>
                {t("cases.client.newBasis")}
              </Link>
            </p>
          )}
        </section>
      )}
      {d.mayWrite && d.client.state === "active" && (
        <ActionForm
          intent="close"
          heading={t("cases.client.close")}
          headingId="abschluss"
          errors={a?.intent === "close" ? { closedOn: a.error } : null}
          submit={t("cases.client.close")}
        >
          <Field
            name="closedOn"
            type="date"
            label={t("cases.client.closedOn")}
            hint={t("cases.client.closeHint")}
            defaultValue={d.today}
            error={a?.intent === "close" ? a.error : undefined}
            required
          />
        </ActionForm>
      )}
      {d.client.state === "closed" && d.client.closedOn && (
        <div className="kern-body">
          <p className="kern-body">{t("cases.client.closed", { date: fmt.date(d.client.closedOn) })}</p>
          {d.mayWrite && (
            <RowAction intent="reopen" fields={{}} label={t("cases.client.reopen")} target={d.client.pseudonym} />
          )}
        </div>
      )}
      {d.categories.some((c) => c.category === "plan" && c.readable) && (
        <p>
          <Link className="kern-link" to={`${here}/plan`}>
            {t("cases.planPage.link")}
          </Link>
        </p>
      )}
      {d.categories.some((c) => c.category === "plan" && c.readable) && (
        <p>
          <Link className="kern-link" to={`${here}/kontakte`}>
            {t("cases.contactsPage.link")}
          </Link>
        </p>
      )}
      {d.categories.some((c) => c.category === "family" && c.readable) && (
        <p>
          <Link className="kern-link" to={`${here}/haushalt`}>
            {t("cases.household.link")}
          </Link>
        </p>
      )}
      {d.seesLog && (
        <p>
          <Link className="kern-link" to={`${here}/protokoll`}>
            {t("cases.client.log")}
          </Link>
        </p>
      )}
      {d.mayExport && (
        <p>
          <Link className="kern-link" to={`${here}/auskunft`}>
            {t("cases.export.exportLink")}
          </Link>
        </p>
      )}
    </>
  );
}
