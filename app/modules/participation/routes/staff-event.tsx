import "./strings";
import { Content } from "~/kernel/ui/content";
import { data, Link, redirect } from "react-router";
import type { Route } from "./+types/staff-event";
import { requireRole, tenantContext, tenantTx, tFor } from "~/kernel/http/context";
import { roleAtLeast } from "~/kernel/roles";
import { ActionForm, Alert, PageTitle } from "~/kernel/ui/forms";
import { useT } from "~/kernel/ui/hooks";
import { DataTable } from "~/kernel/ui/table";
import {
  closingReport,
  getEvent,
  inWorkingHours,
  listRegistrations,
  queueReminders,
  setAttendance,
  setEventPublished,
} from "../events";
import { EventFacts } from "../events-ui";
import { Section } from "../ui";

const DONE = ["created", "published", "unpublished", "attendance", "reminders"] as const;
const notFound = (context: Route.LoaderArgs["context"]) =>
  data({ message: tFor(context)("participation.eventErrors.notFound") }, { status: 404 });

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const role = requireRole(context, "viewer");
  const { tenant } = context.get(tenantContext);
  const url = new URL(request.url);
  return tenantTx(context, async (tx) => {
    const e = await getEvent(tx, params.id);
    if (!e) throw notFound(context);
    const [registrations, report] = await Promise.all([listRegistrations(tx, e.id), closingReport(tx, e.id)]);
    return {
      slug: tenant.slug,
      canEdit: roleAtLeast(role, "editor"),
      done: DONE.find((x) => x === url.searchParams.get("ok")) ?? null,
      queued: Number(url.searchParams.get("n") ?? 0),
      event: { ...e, startsAt: e.startsAt.toISOString(), endsAt: e.endsAt.toISOString() },
      workingHours: inWorkingHours(e),
      registrations,
      report: report!,
    };
  });
}

export async function action({ request, params, context }: Route.ActionArgs) {
  requireRole(context, "editor");
  const { tenant } = context.get(tenantContext);
  const f = await request.formData();
  const intent = String(f.get("intent") ?? "");
  const back = (done: (typeof DONE)[number], extra = "") =>
    redirect(`/t/${tenant.slug}/verwaltung/veranstaltungen/${params.id}?ok=${done}${extra}`);
  return tenantTx(context, async (tx) => {
    const e = await getEvent(tx, params.id);
    if (!e) throw notFound(context);
    switch (intent) {
      case "publish":
      case "unpublish":
        await setEventPublished(tx, e.id, intent === "publish");
        return back(intent === "publish" ? "published" : "unpublished");
      case "attendance":
        await setAttendance(tx, e.id, f.getAll("present").map(String));
        return back("attendance");
      case "reminders": {
        const r = await queueReminders(tx, e.id);
        return back("reminders", r.ok ? `&n=${r.value.queued}` : "");
      }
    }
    return data({ intent, errors: { _form: tFor(context)("errors.badRequest") }, values: null }, { status: 400 });
  });
}

export default function StaffEvent({ loaderData: d }: Route.ComponentProps) {
  const t = useT();
  const e = d.event;
  const confirmed = d.registrations.filter((r) => r.status === "confirmed");
  const waiting = d.registrations.filter((r) => r.status === "waitlisted");
  const cancelled = d.registrations.filter((r) => r.status === "cancelled").length;
  const needs = (r: (typeof d.registrations)[number]) =>
    [
      r.needsInterpreter && t("participation.events.needs.interpreter", { language: r.needsInterpreter }),
      r.needsChildcare && t("participation.events.needs.childcare"),
      r.needsNotes,
    ]
      .filter(Boolean)
      .join(" · ") || "–";
  const person = (r: (typeof d.registrations)[number]) => r.name ?? t("participation.events.anonymised");
  const org = (r: (typeof d.registrations)[number]) =>
    [r.organisation, r.organisationType && t(`participation.events.organisationTypes.${r.organisationType}`)]
      .filter(Boolean)
      .join(", ") || "–";
  return (
    <div className="stack">
      <PageTitle>{e.title}</PageTitle>
      <p className="kern-body">
        <Link className="kern-link" to={`/t/${d.slug}/verwaltung/veranstaltungen`}>
          {t("participation.events.back")}
        </Link>
      </p>
      <h1 className="kern-heading-large">
        <Content>{e.title}</Content>
      </h1>
      {d.done && <Alert kind="success">{t(`participation.events.done.${d.done}`, { count: d.queued })}</Alert>}
      {d.workingHours && <Alert kind="warning">{t("participation.events.workingHours")}</Alert>}
      {e.processId && (
        <p className="kern-body">
          {t("participation.events.partOf")}{" "}
          <Link className="kern-link" to={`/t/${d.slug}/verwaltung/beteiligung/${e.processId}`}>
            {e.processTitle}
          </Link>
        </p>
      )}
      <EventFacts e={e} />
      <p className="kern-body">
        {t(e.published ? "participation.events.published" : "participation.events.unpublished")}
        {e.published && (
          <>
            {" · "}
            <Link className="kern-link" to={`/t/${d.slug}/veranstaltungen/${e.id}`}>
              {t("participation.events.publicPage")}
            </Link>
          </>
        )}
      </p>
      {d.canEdit && (
        <ActionForm
          intent={e.published ? "unpublish" : "publish"}
          submit={t(e.published ? "participation.events.unpublish" : "participation.events.publish")}
        >
          {null}
        </ActionForm>
      )}

      <Section
        id="anmeldungen"
        title={t("participation.events.registrations", { count: confirmed.length, capacity: e.capacity })}
      >
        {confirmed.length === 0 ? (
          <p className="kern-body">{t("participation.events.noRegistrations")}</p>
        ) : d.canEdit ? (
          <ActionForm intent="attendance" submit={t("participation.events.saveAttendance")}>
            <fieldset className="kern-fieldset">
              <legend className="kern-label">{t("participation.events.attendance")}</legend>
              <div className="kern-fieldset__body">
                {confirmed.map((r) => (
                  <div key={r.id} className="kern-form-check">
                    <input
                      className="kern-form-check__checkbox"
                      type="checkbox"
                      id={`present-${r.id}`}
                      name="present"
                      value={r.id}
                      defaultChecked={!!r.attended}
                    />
                    <label className="kern-label" htmlFor={`present-${r.id}`}>
                      {person(r)} ({r.email ?? "–"}) – {org(r)} – {needs(r)}
                    </label>
                  </div>
                ))}
              </div>
            </fieldset>
          </ActionForm>
        ) : (
          <ul className="kern-list">
            {confirmed.map((r) => (
              <li key={r.id}>
                {person(r)} – {org(r)} – {needs(r)}
                {r.attended && ` (${t("participation.events.present")})`}
              </li>
            ))}
          </ul>
        )}
        {d.canEdit && confirmed.length > 0 && (
          <ActionForm intent="reminders" submit={t("participation.events.sendReminders")}>
            <p className="kern-body">{t("participation.events.remindersHint", { count: confirmed.length })}</p>
          </ActionForm>
        )}
      </Section>

      <Section id="warteliste" title={t("participation.events.waitlist", { count: waiting.length })}>
        {waiting.length === 0 ? (
          <p className="kern-body">{t("participation.events.noWaitlist")}</p>
        ) : (
          <ol className="kern-list">
            {waiting.map((r) => (
              <li key={r.id}>
                {person(r)} – {org(r)}
              </li>
            ))}
          </ol>
        )}
        {cancelled > 0 && <p className="kern-body">{t("participation.events.cancelledCount", { count: cancelled })}</p>}
      </Section>

      <Section id="bericht" title={t("participation.events.report.title")}>
        <p className="kern-body">{t("participation.events.report.intro")}</p>
        <DataTable
          caption={t("participation.events.report.title")}
          headers={[
            t("participation.events.report.item"),
            { label: t("participation.events.report.count"), numeric: true },
          ]}
          small
        >
          <tr className="kern-table__row">
            <td className="kern-table__cell">{t("participation.events.report.attendees")}</td>
            <td className="kern-table__cell kern-table__cell--numeric">{d.report.attendees}</td>
          </tr>
          {d.report.byType.map((x) => (
            <tr key={x.type} className="kern-table__row">
              <td className="kern-table__cell">
                {x.type === "none"
                  ? t("participation.events.report.noType")
                  : t(`participation.events.organisationTypes.${x.type}`)}
              </td>
              <td className="kern-table__cell kern-table__cell--numeric">{x.count}</td>
            </tr>
          ))}
          <tr className="kern-table__row">
            <td className="kern-table__cell">{t("participation.events.report.contributions")}</td>
            <td className="kern-table__cell kern-table__cell--numeric">{d.report.contributions ?? "–"}</td>
          </tr>
        </DataTable>
      </Section>
    </div>
  );
}
