import "./strings";
import "../plans/strings";
import { eq } from "drizzle-orm";
import { data, Link, redirect } from "react-router";
import type { Route } from "./+types/cases-contacts";
import { fail, type Result } from "~/kernel/errors";
import { tenantContext, tFor } from "~/kernel/http/context";
import { todayBerlin } from "~/kernel/dates";
import { ActionForm, Alert, Field, formValues, PageTitle, Select } from "~/kernel/ui/forms";
import { useFormat, useRoot, useT } from "~/kernel/ui/hooks";
import { DataTable } from "~/kernel/ui/table";
import { may } from "../core/context";
import { clients } from "../core/schema";
import { institutionsOfNetwork, staffDirectory } from "../core/views";
import { listStepTypes } from "../eligibility/service";
import { refusalText } from "../plans/messages";
import { addContact, holdConference, listConferences, listContacts } from "../plans/conferences";
import { CONTACT_KINDS } from "../plans/schema";
import { ChoiceList } from "~/kernel/ui/picker";
import { given } from "./forms.server";
import { caseTx, requireCaseSeat } from "./session.server";

// Contacts with a client (home visit, office, phone, video) and case conferences with participants and
// minutes (issue 16 item 4). Notes and minutes are stored only encrypted under the client's key;
// reading them is a logged read of the plan. A conference's decisions (up to DECISIONS, fixed rows so
// that the form works without JavaScript) become plan steps through the same eligibility check as a
// step planned by hand; a refused decision does not undo the conference, the page says which and why.
const DECISIONS = 3;

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const seat = await requireCaseSeat(context, request);
  const r = await caseTx(context, seat, async (tx, me) => {
    const [contacts, conferences] = await Promise.all([
      listContacts(tx, me, params.clientId),
      listConferences(tx, me, params.clientId),
    ]);
    if (!contacts.ok || !conferences.ok) return null;
    const [c] = await tx.select({ pseudonym: clients.pseudonym }).from(clients).where(eq(clients.id, params.clientId));
    const [people, writes, types, insts] = await Promise.all([
      staffDirectory(tx),
      may(tx, params.clientId, "plan", "write"),
      listStepTypes(tx),
      institutionsOfNetwork(tx),
    ]);
    return {
      pseudonym: c.pseudonym,
      contacts: contacts.value,
      conferences: conferences.value,
      people,
      writes,
      types,
      insts,
      myInstitutionId: me.institutionId,
    };
  });
  if (!r) throw data({ message: tFor(context)("cases.errors.notAllowed") }, { status: 403 });
  const name = new Map(r.people.map((p) => [p.staffId, `${p.displayName} (${p.institutionName})`]));
  return {
    slug: context.get(tenantContext).tenant.slug,
    clientId: params.clientId,
    pseudonym: r.pseudonym,
    contacts: r.contacts.map((c) => ({ ...c, staff: name.get(c.staffId) ?? "–" })),
    conferences: r.conferences.map((k) => ({ ...k, participants: k.participants.map((p) => name.get(p) ?? "–") })),
    people: r.people.map((p) => ({ id: p.staffId, label: `${p.displayName} (${p.institutionName})` })),
    writes: r.writes,
    types: r.types.map((s) => ({ code: s.code, labelDe: s.labelDe, labelEn: s.labelEn })),
    institutions: r.insts.map((i) => ({ id: i.id, name: i.name })),
    myInstitutionId: r.myInstitutionId,
    decisionRows: Array.from({ length: DECISIONS }, (_, i) => i + 1),
    today: todayBerlin(),
    saved: new URL(request.url).searchParams.get("ok") === "saved",
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const seat = await requireCaseSeat(context, request);
  const f = await request.formData();
  const intent = String(f.get("intent") ?? "");
  const clientId = params.clientId;
  const minutes = Number(given(f, "durationMinutes") ?? "NaN");
  const r = await caseTx(context, seat, (tx, me): Promise<Result<unknown>> => {
    if (intent === "contact")
      return addContact(tx, me, {
        clientId,
        kind: String(f.get("kind") ?? "") as (typeof CONTACT_KINDS)[number],
        contactOn: String(f.get("contactOn") ?? ""),
        durationMinutes: Number.isInteger(minutes) ? minutes : 0,
        note: given(f, "note"),
      });
    if (intent === "conference")
      return holdConference(tx, me, {
        clientId,
        heldOn: String(f.get("heldOn") ?? ""),
        participants: f.getAll("participants").map(String),
        minutes: given(f, "minutes"),
        decisions: Array.from({ length: DECISIONS }, (_, i) => i + 1).flatMap((n) => {
          const stepType = given(f, `decision${n}StepType`);
          return stepType
            ? [
                {
                  stepType,
                  responsibleInstitutionId: String(f.get(`decision${n}Institution`) ?? ""),
                  plannedStart: given(f, `decision${n}Start`),
                },
              ]
            : [];
        }),
      });
    return Promise.resolve(fail("errors.badRequest"));
  });
  if (!r.ok)
    return data(
      { intent, errors: { [r.field ?? "_form"]: refusalText(tFor(context), r.error) }, values: formValues(f) },
      { status: 400 },
    );
  // Decisions that did not become steps (e.g. not eligible on the conference date): the conference is
  // stored, so no redirect back to an empty form, but the page names each refused decision.
  const held = r.value as { steps?: ({ ok: true } | { ok: false; error: Parameters<typeof refusalText>[1] })[] };
  const refused = (held.steps ?? []).flatMap((x, i) =>
    x.ok ? [] : [{ n: i + 1, reason: refusalText(tFor(context), x.error) }],
  );
  if (refused.length) return { intent, refused };
  return redirect(
    `/t/${context.get(tenantContext).tenant.slug}/verwaltung/fallarbeit/fall/${clientId}/kontakte?ok=saved`,
  );
}

export default function CaseContacts({ loaderData: d, actionData: a }: Route.ComponentProps) {
  const t = useT();
  const fmt = useFormat();
  const title = t("cases.contactsPage.title", { pseudonym: d.pseudonym });
  const errorsFor = (intent: string) =>
    a?.intent === intent && "errors" in a ? (a.errors as Record<string, string>) : null;
  const refused = a && "refused" in a ? a.refused : [];
  const { lang } = useRoot();
  const stepLabel = (code: string) => {
    const s = d.types.find((x) => x.code === code);
    return (s && (lang === "en" ? s.labelEn : s.labelDe)) || code;
  };
  return (
    <>
      <PageTitle>{title}</PageTitle>
      <p>
        <Link className="kern-link" to={`/t/${d.slug}/verwaltung/fallarbeit/fall/${d.clientId}`}>
          {t("cases.category.back")}
        </Link>
      </p>
      <h1 className="kern-heading-large">{title}</h1>
      {d.saved && <Alert kind="success">{t("cases.client.saved")}</Alert>}
      <section aria-labelledby="kontakte">
        <h2 id="kontakte" className="kern-heading-medium">
          {t("cases.contactsPage.contacts")}
        </h2>
        {d.contacts.length === 0 ? (
          <p className="kern-body">{t("cases.contactsPage.noContacts")}</p>
        ) : (
          <DataTable
            caption={t("cases.contactsPage.contacts")}
            headers={[
              t("cases.contactsPage.on"),
              t("cases.contactsPage.kind"),
              { label: t("cases.contactsPage.duration"), numeric: true },
              t("cases.contactsPage.staff"),
              t("cases.contactsPage.note"),
            ]}
          >
            {d.contacts.map((c) => (
              <tr key={c.id} className="kern-table__row">
                <td className="kern-table__cell">{fmt.date(c.contactOn)}</td>
                <td className="kern-table__cell">{t(`cases.plans.contactKinds.${c.kind}`)}</td>
                <td className="kern-table__cell kern-table__cell--numeric">{c.durationMinutes}</td>
                <td className="kern-table__cell">{c.staff}</td>
                <td className="kern-table__cell">{c.note ?? "–"}</td>
              </tr>
            ))}
          </DataTable>
        )}
        {d.writes && (
          <ActionForm
            intent="contact"
            heading={t("cases.contactsPage.addContact")}
            headingId="neuer-kontakt"
            errors={errorsFor("contact")}
            submit={t("cases.contactsPage.addContact")}
          >
            <Select
              name="kind"
              label={t("cases.contactsPage.kind")}
              options={[
                { value: "", label: t("cases.intake.choose") },
                ...CONTACT_KINDS.map((k) => ({ value: k, label: t(`cases.plans.contactKinds.${k}`) })),
              ]}
              error={errorsFor("contact")?.kind}
              required
            />
            <Field
              name="contactOn"
              type="date"
              label={t("cases.contactsPage.on")}
              defaultValue={d.today}
              error={errorsFor("contact")?.contactOn}
              required
            />
            <Field
              name="durationMinutes"
              type="number"
              inputMode="numeric"
              label={t("cases.contactsPage.duration")}
              error={errorsFor("contact")?.durationMinutes}
              required
            />
            <Field
              name="note"
              type="textarea"
              label={t("cases.contactsPage.note")}
              hint={t("cases.contactsPage.encrypted")}
              error={errorsFor("contact")?.note}
            />
          </ActionForm>
        )}
      </section>
      <section aria-labelledby="konferenzen">
        <h2 id="konferenzen" className="kern-heading-medium">
          {t("cases.contactsPage.conferences")}
        </h2>
        {refused.length > 0 && (
          <Alert kind="warning">
            <p className="kern-body">{t("cases.contactsPage.heldWithRefusals")}</p>
            <ul className="kern-list">
              {refused.map((x) => (
                <li key={x.n}>{t("cases.contactsPage.decisionRefused", { n: x.n, reason: x.reason })}</li>
              ))}
            </ul>
          </Alert>
        )}
        {d.conferences.length === 0 && <p className="kern-body">{t("cases.contactsPage.noConferences")}</p>}
        {d.conferences.map((k) => (
          <section key={k.id} aria-labelledby={`k-${k.id}`}>
            <h3 id={`k-${k.id}`} className="kern-heading-small">
              {t("cases.contactsPage.conferenceOn", { date: fmt.date(k.heldOn) })}
            </h3>
            <p className="kern-body">
              {t("cases.contactsPage.participants")}: {k.participants.join(", ")}
            </p>
            <p className="kern-body" style={{ whiteSpace: "pre-line" }}>
              {k.minutes ?? t("cases.contactsPage.noMinutes")}
            </p>
            {k.steps.length > 0 && (
              <>
                <p className="kern-body">{t("cases.contactsPage.steps", { count: k.steps.length })}</p>
                <ul className="kern-list">
                  {k.steps.map((x) => (
                    <li key={x.id}>{stepLabel(x.stepType)}</li>
                  ))}
                </ul>
              </>
            )}
          </section>
        ))}
        {d.writes && (
          <ActionForm
            intent="conference"
            heading={t("cases.contactsPage.addConference")}
            headingId="neue-konferenz"
            errors={errorsFor("conference")}
            submit={t("cases.contactsPage.addConference")}
          >
            <Field
              name="heldOn"
              type="date"
              label={t("cases.contactsPage.heldOn")}
              defaultValue={d.today}
              error={errorsFor("conference")?.heldOn}
              required
            />
            <ChoiceList
              name="participants"
              legend={t("cases.contactsPage.participants")}
              options={d.people.map((p) => ({ value: p.id, label: p.label }))}
              error={errorsFor("conference")?.participants}
            />
            <Field
              name="minutes"
              type="textarea"
              label={t("cases.contactsPage.minutes")}
              hint={t("cases.contactsPage.minutesHint")}
              error={errorsFor("conference")?.minutes}
            />
            {d.decisionRows.map((n) => (
              <fieldset key={n} className="kern-fieldset">
                <legend className="kern-label">{t("cases.contactsPage.decision", { n })}</legend>
                <div className="kern-fieldset__body">
                  <Select
                    name={`decision${n}StepType`}
                    label={t("cases.planPage.step")}
                    options={[
                      { value: "", label: t("cases.contactsPage.noDecision") },
                      ...d.types.map((s) => ({ value: s.code, label: stepLabel(s.code) })),
                    ]}
                  />
                  <Select
                    name={`decision${n}Institution`}
                    label={t("cases.planPage.responsible")}
                    options={d.institutions.map((i) => ({ value: i.id, label: i.name }))}
                    defaultValue={d.myInstitutionId}
                  />
                  <Field name={`decision${n}Start`} type="date" label={t("cases.planPage.plannedStart")} />
                </div>
              </fieldset>
            ))}
            {errorsFor("conference")?.decisions && (
              <p className="kern-error" role="alert">
                {errorsFor("conference")?.decisions}
              </p>
            )}
          </ActionForm>
        )}
      </section>
    </>
  );
}
