import "./strings";
import { Content } from "~/kernel/ui/content";
import { data, Link, redirect } from "react-router";
import type { Route } from "./+types/staff-events";
import { failureErrors, fieldErrors, requireRole, tenantContext, tenantTx } from "~/kernel/http/context";
import { roleAtLeast } from "~/kernel/roles";
import { ActionForm, Checkbox, Field, formValues, PageTitle, Select } from "~/kernel/ui/forms";
import { useFormat, useT } from "~/kernel/ui/hooks";
import { DataTable } from "~/kernel/ui/table";
import { createEvent, inWorkingHours, listEvents } from "../events";
import { AUDIENCES, BARRIER_FREE, EventInput, EVENT_MODES } from "../events-schema";
import { optional } from "../http.server";
import { listProcesses } from "../service";

export async function loader({ context }: Route.LoaderArgs) {
  const role = requireRole(context, "viewer");
  const { tenant } = context.get(tenantContext);
  return tenantTx(context, async (tx) => {
    const [events, processes] = await Promise.all([listEvents(tx), listProcesses(tx)]);
    return {
      slug: tenant.slug,
      canEdit: roleAtLeast(role, "editor"),
      events: events.map((e) => ({
        id: e.id,
        title: e.title,
        processTitle: e.processTitle,
        startsAt: e.startsAt.toISOString(),
        capacity: e.capacity,
        confirmed: e.confirmed,
        waitlisted: e.waitlisted,
        published: e.published,
        workingHours: inWorkingHours(e),
      })),
      processes: processes.map((p) => ({ value: p.id, label: p.title })),
    };
  });
}

/** The event form's fields as EventInput takes them (checkboxes send "1"). */
function eventFromForm(f: FormData) {
  const yes = (k: string) => f.get(k) === "1";
  const transport = String(f.get("publicTransport") ?? "");
  return {
    processId: optional(f.get("processId")),
    title: f.get("title"),
    description: optional(f.get("description")),
    date: optional(f.get("date")),
    startTime: optional(f.get("startTime")),
    endTime: optional(f.get("endTime")),
    mode: optional(f.get("mode")),
    venueAddress: optional(f.get("venueAddress")),
    barrierFree: optional(f.get("barrierFree")),
    publicTransport: transport === "yes" ? true : transport === "no" ? false : undefined,
    venueNotes: optional(f.get("venueNotes")),
    onlineLink: optional(f.get("onlineLink")),
    capacity: optional(f.get("capacity")),
    audience: optional(f.get("audience")),
    childcare: yes("childcare"),
    interpreterLanguages: optional(f.get("interpreterLanguages")),
    signLanguage: yes("signLanguage"),
    easyLanguage: yes("easyLanguage"),
    expenseRefund: yes("expenseRefund"),
    supportNotes: optional(f.get("supportNotes")),
    published: yes("published"),
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  requireRole(context, "editor");
  const { tenant } = context.get(tenantContext);
  const f = await request.formData();
  const fail = (errors: Record<string, string>) =>
    data({ intent: "create", errors, values: formValues(f) }, { status: 400 });
  const parsed = EventInput.safeParse(eventFromForm(f));
  if (!parsed.success) return fail(fieldErrors(context, parsed.error.issues));
  const r = await tenantTx(context, (tx) => createEvent(tx, parsed.data));
  if (!r.ok) return fail(failureErrors(context, r));
  return redirect(`/t/${tenant.slug}/verwaltung/veranstaltungen/${r.value.id}?ok=created`);
}

export default function StaffEvents({ loaderData: d, actionData: a }: Route.ComponentProps) {
  const t = useT();
  const fmt = useFormat();
  const errors = a?.errors as Record<string, string> | undefined;
  const opts = (list: readonly string[], key: string, empty?: string) => [
    ...(empty ? [{ value: "", label: empty }] : []),
    ...list.map((v) => ({ value: v, label: t(`participation.events.${key}.${v}`) })),
  ];
  return (
    <>
      <PageTitle>{t("participation.events.title")}</PageTitle>
      <h1 className="kern-heading-large">{t("participation.events.title")}</h1>
      {d.events.length === 0 ? (
        <p className="kern-body">{t("participation.events.none")}</p>
      ) : (
        <DataTable
          caption={t("participation.events.title")}
          headers={[
            t("participation.events.table.title"),
            t("participation.events.table.when"),
            t("participation.events.table.process"),
            { label: t("participation.events.table.seats"), numeric: true },
            { label: t("participation.events.table.waitlisted"), numeric: true },
            t("participation.events.table.status"),
          ]}
        >
          {d.events.map((e) => (
            <tr key={e.id} className="kern-table__row">
              <td className="kern-table__cell">
                <Link className="kern-link" to={e.id}>
                  <Content>{e.title}</Content>
                </Link>
                {e.workingHours && <> ({t("participation.events.workingHoursShort")})</>}
              </td>
              <td className="kern-table__cell">{fmt.dateTime(e.startsAt)}</td>
              <td className="kern-table__cell">{e.processTitle ?? "–"}</td>
              <td className="kern-table__cell kern-table__cell--numeric">
                {e.confirmed} / {e.capacity}
              </td>
              <td className="kern-table__cell kern-table__cell--numeric">{e.waitlisted}</td>
              <td className="kern-table__cell">
                {t(e.published ? "participation.events.published" : "participation.events.unpublished")}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {d.canEdit && (
        <ActionForm
          intent="create"
          heading={t("participation.events.new")}
          headingId="neu"
          errors={errors}
          submit={t("participation.events.form.save")}
          primary
        >
          <Select
            name="processId"
            label={t("participation.events.form.process")}
            defaultValue=""
            error={errors?.processId}
            options={[{ value: "", label: t("participation.events.form.standalone") }, ...d.processes]}
          />
          <Field name="title" label={t("participation.events.form.title")} required error={errors?.title} />
          <Field
            name="description"
            type="textarea"
            label={t("participation.events.form.description")}
            error={errors?.description}
          />
          <Field name="date" type="date" label={t("participation.events.form.date")} required error={errors?.date} />
          <Field
            name="startTime"
            type="time"
            label={t("participation.events.form.startTime")}
            required
            error={errors?.startTime}
          />
          <Field
            name="endTime"
            type="time"
            label={t("participation.events.form.endTime")}
            required
            error={errors?.endTime}
          />
          <Select
            name="mode"
            label={t("participation.events.modeLabel")}
            required
            defaultValue="in_person"
            error={errors?.mode}
            options={opts(EVENT_MODES, "modes")}
          />
          <Field name="venueAddress" label={t("participation.events.form.venueAddress")} error={errors?.venueAddress} />
          <Select
            name="barrierFree"
            label={t("participation.events.form.barrierFree")}
            defaultValue=""
            error={errors?.barrierFree}
            options={opts(BARRIER_FREE, "barrierFree", t("participation.events.form.unknown"))}
          />
          <Select
            name="publicTransport"
            label={t("participation.events.form.publicTransport")}
            defaultValue=""
            options={[
              { value: "", label: t("participation.events.form.unknown") },
              { value: "yes", label: t("participation.events.transportYes") },
              { value: "no", label: t("participation.events.transportNo") },
            ]}
          />
          <Field name="venueNotes" label={t("participation.events.form.venueNotes")} error={errors?.venueNotes} />
          <Field
            name="onlineLink"
            type="url"
            label={t("participation.events.form.onlineLink")}
            hint={t("participation.events.form.onlineLinkHint")}
            error={errors?.onlineLink}
          />
          <Field
            name="capacity"
            type="number"
            inputMode="numeric"
            label={t("participation.events.form.capacity")}
            required
            error={errors?.capacity}
          />
          <Select
            name="audience"
            label={t("participation.events.audienceLabel")}
            required
            defaultValue="general"
            error={errors?.audience}
            options={opts(AUDIENCES, "audiences")}
          />
          <fieldset className="kern-fieldset">
            <legend className="kern-label">{t("participation.events.supportLabel")}</legend>
            <div className="kern-fieldset__body">
              <Checkbox name="childcare" label={t("participation.events.support.childcare")} />
              <Checkbox name="signLanguage" label={t("participation.events.support.signLanguage")} />
              <Checkbox name="easyLanguage" label={t("participation.events.support.easyLanguage")} />
              <Checkbox name="expenseRefund" label={t("participation.events.support.expenseRefund")} />
            </div>
          </fieldset>
          <Field
            name="interpreterLanguages"
            label={t("participation.events.form.interpreterLanguages")}
            hint={t("participation.events.form.interpreterLanguagesHint")}
            error={errors?.interpreterLanguages}
          />
          <Field name="supportNotes" label={t("participation.events.form.supportNotes")} error={errors?.supportNotes} />
          <Checkbox name="published" label={t("participation.events.form.published")} />
        </ActionForm>
      )}
    </>
  );
}
