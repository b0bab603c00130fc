import "./strings";
import { data, Link, redirect } from "react-router";
import type { Route } from "./+types/staff-meeting";
import { failureErrors, fieldErrors, requireRole, tenantContext, tenantTx, tFor } from "~/kernel/http/context";
import { roleAtLeast } from "~/kernel/roles";
import { ActionForm, Alert, Field, formValues, PageTitle, Select, type FormValues } from "~/kernel/ui/forms";
import { useFormat, useT } from "~/kernel/ui/hooks";
import { DataTable } from "~/kernel/ui/table";
import { ATTENDANCE, MEETING_STATES } from "../schema";
import { AccessSelect, ResultSelect } from "../ui";
import {
  addAgendaItem,
  addGuest,
  AgendaItemInput,
  getMeeting,
  ItemResultInput,
  recordItemResult,
  setAttendance,
  setMeetingState,
  setMinutes,
} from "../meetings";
import { openConsultations } from "../papers";
import { notFound, optional } from "../http.server";

// A meeting: agenda with results, attendance, minutes (decision 0024). An item that treats a
// consultation records its result on the consultation, through the same service as the paper page.
const DONE = ["created", "saved"] as const;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const role = requireRole(context, "viewer");
  const { tenant } = context.get(tenantContext);
  const canEdit = roleAtLeast(role, "editor");
  return tenantTx(context, async (tx) => {
    const meeting = await getMeeting(tx, params.meetingId, params.id);
    if (!meeting) throw notFound(context, "bodies.errors.meetingNotFound");
    const open = canEdit ? await openConsultations(tx, meeting.bodyId) : [];
    const ok = new URL(request.url).searchParams.get("ok");
    return {
      slug: tenant.slug,
      canEdit,
      meeting,
      done: DONE.find((x) => x === ok) ?? null,
      consultations: open.map((c) => ({ value: c.id, label: `${c.number}: ${c.title} (${c.body})` })),
    };
  });
}

/** Thrown inside a transaction to undo what it wrote and answer with the failure. */
class Refused extends Error {
  constructor(readonly errors: Record<string, string>) {
    super("refused");
  }
}

export async function action({ request, params, context }: Route.ActionArgs) {
  requireRole(context, "editor");
  const { tenant } = context.get(tenantContext);
  const f = await request.formData();
  const intent = String(f.get("intent") ?? "");
  const fail = (errors: Record<string, string>) =>
    data({ intent, errors, values: formValues(f) as FormValues | null }, { status: 400 });
  const meeting = await tenantTx(context, (tx) => getMeeting(tx, params.meetingId, params.id));
  if (!meeting) throw notFound(context, "bodies.errors.meetingNotFound");
  const back = () =>
    redirect(`/t/${tenant.slug}/verwaltung/gremien/${meeting.bodyId}/sitzungen/${meeting.id}?ok=saved`);
  const run = async (fn: Parameters<typeof tenantTx>[1]) => {
    try {
      await tenantTx(context, fn);
      return back();
    } catch (e) {
      if (e instanceof Refused) return fail(e.errors);
      throw e;
    }
  };

  if (intent === "item") {
    const p = AgendaItemInput.safeParse({
      number: f.get("number"),
      title: f.get("title"),
      isPublic: f.get("isPublic") !== "0",
      consultationId: optional(f.get("consultationId")),
    });
    if (!p.success) return fail(fieldErrors(context, p.error.issues));
    const r = await tenantTx(context, (tx) => addAgendaItem(tx, meeting.id, p.data));
    return r.ok ? back() : fail(failureErrors(context, r));
  }
  if (intent === "result") {
    const itemId = String(f.get("itemId") ?? "");
    const p = ItemResultInput.safeParse({
      result: optional(f.get("result")),
      resolution: optional(f.get("resolution")),
    });
    if (!p.success) return fail(fieldErrors(context, p.error.issues));
    return run(async (tx) => {
      for (const r of [
        await recordItemResult(tx, meeting.id, itemId, p.data),
        await setMinutes(tx, meeting.id, String(f.get("itemMinutes") ?? ""), itemId),
      ])
        if (!r.ok) throw new Refused(failureErrors(context, r));
    });
  }
  if (intent === "attendance") {
    const entries = meeting.attendance.map((a) => ({
      membershipId: a.membershipId,
      status: optional(f.get(`status-${a.membershipId}`)) ?? null,
    }));
    const r = await tenantTx(context, (tx) => setAttendance(tx, meeting.id, entries));
    return r.ok ? back() : fail(failureErrors(context, r));
  }
  if (intent === "guest") {
    const r = await tenantTx(context, (tx) =>
      addGuest(tx, meeting.id, String(f.get("guestName") ?? ""), optional(f.get("status")) ?? "present"),
    );
    return r.ok ? back() : fail(failureErrors(context, r));
  }
  if (intent === "minutes") {
    const r = await tenantTx(context, (tx) => setMinutes(tx, meeting.id, String(f.get("minutes") ?? "")));
    return r.ok ? back() : fail(failureErrors(context, r));
  }
  if (intent === "state") {
    const r = await tenantTx(context, (tx) => setMeetingState(tx, meeting.id, String(f.get("state") ?? "")));
    return r.ok ? back() : fail(failureErrors(context, r));
  }
  return fail({ _form: tFor(context)("errors.badRequest") });
}

export default function MeetingPage({ loaderData: d, actionData: a }: Route.ComponentProps) {
  const t = useT();
  const fmt = useFormat();
  const m = d.meeting;
  const err = (intent: string, itemId?: string) =>
    a?.intent === intent && (!itemId || a.values?.itemId === itemId)
      ? ((a.errors as Record<string, string> | null) ?? undefined)
      : undefined;
  const title = t("bodies.meeting.title", { date: fmt.date(m.meetsOn) });
  const bodyBase = `/t/${d.slug}/verwaltung/gremien/${m.bodyId}`;
  const presence = [
    { value: "", label: t("bodies.meeting.notRecorded") },
    ...ATTENDANCE.map((s) => ({ value: s, label: t(`bodies.presence.${s}`) })),
  ];
  return (
    <>
      <PageTitle>{`${title} – ${m.body}`}</PageTitle>
      <p>
        <Link className="kern-link" to={`${bodyBase}/sitzungen`}>
          {t("bodies.meeting.back")}
        </Link>
      </p>
      <h1 className="kern-heading-large">
        {title}: {m.body}
      </h1>
      {d.done && <Alert kind="success">{t(`bodies.meeting.${d.done}`)}</Alert>}
      <dl className="bodies-facts">
        <dt>{t("bodies.meetings.time")}</dt>
        <dd>{[m.startsAt, m.endsAt].filter(Boolean).join("–") || "–"}</dd>
        <dt>{t("bodies.meetings.location")}</dt>
        <dd>{m.location ?? "–"}</dd>
        <dt>{t("bodies.meetings.state")}</dt>
        <dd>{t(`bodies.states.${m.state}`)}</dd>
        <dt>{t("bodies.meetings.access")}</dt>
        <dd>{t(m.isPublic ? "bodies.meetings.public" : "bodies.meetings.notPublic")}</dd>
      </dl>
      {d.canEdit && (
        <ActionForm intent="state" errors={err("state")} submit={t("bodies.meeting.saveState")}>
          <Select
            name="state"
            label={t("bodies.meeting.state")}
            defaultValue={m.state}
            options={MEETING_STATES.map((s) => ({ value: s, label: t(`bodies.states.${s}`) }))}
            error={err("state")?.state}
          />
        </ActionForm>
      )}

      <section aria-labelledby="h-agenda">
        <h2 id="h-agenda" className="kern-heading-medium">
          {t("bodies.meeting.agenda")}
        </h2>
        {m.items.length === 0 ? (
          <p className="kern-body">{t("bodies.meeting.noItems")}</p>
        ) : (
          <DataTable
            caption={t("bodies.meeting.agenda")}
            headers={[
              t("bodies.meeting.number"),
              t("bodies.meeting.subject"),
              t("bodies.meeting.paper"),
              t("bodies.meeting.result"),
            ]}
          >
            {m.items.map((i) => (
              <tr key={i.id} className="kern-table__row">
                <td className="kern-table__cell">{i.number}</td>
                <th scope="row" className="kern-table__cell">
                  {i.title}
                  {!i.isPublic && <span className="kern-body--small"> ({t("bodies.meeting.notPublic")})</span>}
                  {i.minutes && <p className="kern-body--small">{i.minutes}</p>}
                </th>
                <td className="kern-table__cell">
                  {i.paperId ? (
                    <Link className="kern-link" to={`/t/${d.slug}/verwaltung/vorlagen/${i.paperId}`}>
                      {i.paperNumber}
                    </Link>
                  ) : (
                    "–"
                  )}
                </td>
                <td className="kern-table__cell">
                  {i.result ? t(`bodies.results.${i.result}`) : "–"}
                  {i.resolution && <p className="kern-body--small">{i.resolution}</p>}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
        {d.canEdit &&
          m.items.map((i) => {
            const e = err("result", i.id);
            return (
              <ActionForm
                key={i.id}
                intent="result"
                hidden={{ itemId: i.id }}
                heading={t("bodies.meeting.recordItemFor", { number: i.number })}
                headingId={`h-result-${i.id}`}
                errors={e}
                submit={t("bodies.meeting.recordItem")}
              >
                <ResultSelect id={`f-result-${i.id}`} defaultValue={i.result} error={e?.result} />
                <Field
                  id={`f-resolution-${i.id}`}
                  name="resolution"
                  type="textarea"
                  label={t("bodies.meeting.resolution")}
                  defaultValue={i.resolution ?? ""}
                  error={e?.resolution}
                />
                <Field
                  id={`f-itemMinutes-${i.id}`}
                  name="itemMinutes"
                  type="textarea"
                  label={t("bodies.meeting.itemMinutes", { number: i.number })}
                  defaultValue={i.minutes ?? ""}
                  error={e?.minutes}
                />
              </ActionForm>
            );
          })}
        {d.canEdit && (
          <ActionForm
            intent="item"
            heading={t("bodies.meeting.addItem")}
            headingId="h-add-item"
            errors={err("item")}
            submit={t("bodies.meeting.addItem")}
          >
            <Field
              name="number"
              label={t("bodies.meeting.itemNumber")}
              hint={t("bodies.meeting.itemNumberHint")}
              required
              error={err("item")?.number}
            />
            <Field name="title" label={t("bodies.meeting.itemTitle")} required error={err("item")?.title} />
            <AccessSelect label={t("bodies.meetings.access")} />
            <Select
              name="consultationId"
              label={t("bodies.meeting.consultation")}
              defaultValue=""
              options={[{ value: "", label: t("bodies.meeting.noConsultation") }, ...d.consultations]}
              error={err("item")?.consultationId}
            />
          </ActionForm>
        )}
      </section>

      <section aria-labelledby="h-attendance">
        <h2 id="h-attendance" className="kern-heading-medium">
          {t("bodies.meeting.attendance")}
        </h2>
        {m.attendance.length === 0 ? (
          <p className="kern-body">{t("bodies.meeting.noMembers")}</p>
        ) : d.canEdit ? (
          <ActionForm intent="attendance" errors={err("attendance")} submit={t("bodies.meeting.saveAttendance")}>
            {m.attendance.map((x) => (
              <Select
                key={x.membershipId}
                name={`status-${x.membershipId}`}
                label={`${x.personName} (${t(`bodies.roles.${x.role}`)})`}
                defaultValue={x.status ?? ""}
                options={presence}
              />
            ))}
          </ActionForm>
        ) : (
          <DataTable
            caption={t("bodies.meeting.attendance")}
            headers={[t("bodies.meeting.person"), t("bodies.meeting.status")]}
          >
            {m.attendance.map((x) => (
              <tr key={x.membershipId} className="kern-table__row">
                <th scope="row" className="kern-table__cell">
                  {x.personName} ({t(`bodies.roles.${x.role}`)})
                </th>
                <td className="kern-table__cell">
                  {x.status ? t(`bodies.presence.${x.status}`) : t("bodies.meeting.notRecorded")}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
        <h3 className="kern-heading-small">{t("bodies.meeting.guests")}</h3>
        {m.guests.length === 0 ? (
          <p className="kern-body">{t("bodies.meeting.noGuests")}</p>
        ) : (
          <ul className="kern-list">
            {m.guests.map((g) => (
              <li key={g.id}>
                {g.name} – {t(`bodies.presence.${g.status}`)}
              </li>
            ))}
          </ul>
        )}
        {d.canEdit && (
          <ActionForm intent="guest" errors={err("guest")} submit={t("bodies.meeting.addGuest")}>
            <Field name="guestName" label={t("bodies.meeting.guestName")} required error={err("guest")?.guestName} />
          </ActionForm>
        )}
      </section>

      <section aria-labelledby="h-minutes">
        <h2 id="h-minutes" className="kern-heading-medium">
          {t("bodies.meeting.minutes")}
        </h2>
        {d.canEdit ? (
          <ActionForm intent="minutes" errors={err("minutes")} submit={t("bodies.meeting.saveMinutes")}>
            <Field
              name="minutes"
              type="textarea"
              label={t("bodies.meeting.minutes")}
              defaultValue={m.minutes ?? ""}
              error={err("minutes")?.minutes}
            />
          </ActionForm>
        ) : (
          <p className="kern-body">{m.minutes ?? t("bodies.meeting.noMinutes")}</p>
        )}
      </section>
    </>
  );
}
