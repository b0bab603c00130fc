import "./strings";
import { data, Link, redirect } from "react-router";
import type { Route } from "./+types/staff-meetings";
import { failureErrors, fieldErrors, requireRole, tenantContext, tenantTx } from "~/kernel/http/context";
import { roleAtLeast } from "~/kernel/roles";
import { ActionForm, Field, formValues, PageTitle } from "~/kernel/ui/forms";
import { AccessSelect } from "../ui";
import { useFormat, useT } from "~/kernel/ui/hooks";
import { DataTable } from "~/kernel/ui/table";
import { getBody } from "../service";
import { createMeeting, listMeetings, MeetingInput } from "../meetings";
import { bodyNotFound, dateField, optional } from "../http.server";

// A body's meetings, and for editors a form for a new one (decision 0024).
export async function loader({ params, context }: Route.LoaderArgs) {
  const role = requireRole(context, "viewer");
  const { tenant } = context.get(tenantContext);
  return tenantTx(context, async (tx) => {
    const body = await getBody(tx, params.id);
    if (!body) throw bodyNotFound(context);
    return {
      slug: tenant.slug,
      body: { id: body.id, name: body.name },
      canEdit: roleAtLeast(role, "editor"),
      meetings: await listMeetings(tx, body.id),
    };
  });
}

export async function action({ request, params, context }: Route.ActionArgs) {
  requireRole(context, "editor");
  const { tenant } = context.get(tenantContext);
  const f = await request.formData();
  const fail = (errors: Record<string, string>) =>
    data({ intent: "meeting", errors, values: formValues(f) }, { status: 400 });
  const body = await tenantTx(context, (tx) => getBody(tx, params.id));
  if (!body) throw bodyNotFound(context);
  const p = MeetingInput.safeParse({
    bodyId: body.id,
    meetsOn: dateField(f.get("meetsOn")),
    startsAt: optional(f.get("startsAt")),
    endsAt: optional(f.get("endsAt")),
    location: optional(f.get("location")),
    isPublic: f.get("isPublic") !== "0",
  });
  if (!p.success) return fail(fieldErrors(context, p.error.issues));
  const r = await tenantTx(context, (tx) => createMeeting(tx, p.data));
  if (!r.ok) return fail(failureErrors(context, r));
  return redirect(`/t/${tenant.slug}/verwaltung/gremien/${body.id}/sitzungen/${r.value.id}?ok=created`);
}

export default function Meetings({ loaderData: d, actionData: a }: Route.ComponentProps) {
  const t = useT();
  const fmt = useFormat();
  const errors = (a?.errors ?? undefined) as Record<string, string> | undefined;
  const base = `/t/${d.slug}/verwaltung/gremien/${d.body.id}`;
  const title = t("bodies.meetings.title", { body: d.body.name });
  return (
    <>
      <PageTitle>{title}</PageTitle>
      <p>
        <Link className="kern-link" to={base}>
          {t("bodies.meetings.back")}
        </Link>
      </p>
      <h1 className="kern-heading-large">{title}</h1>
      {d.meetings.length === 0 ? (
        <p className="kern-body">{t("bodies.meetings.empty")}</p>
      ) : (
        <DataTable
          caption={title}
          headers={[
            t("bodies.meetings.date"),
            t("bodies.meetings.time"),
            t("bodies.meetings.location"),
            t("bodies.meetings.state"),
            t("bodies.meetings.access"),
          ]}
        >
          {d.meetings.map((m) => (
            <tr key={m.id} className="kern-table__row">
              <th scope="row" className="kern-table__cell">
                <Link className="kern-link" to={`${base}/sitzungen/${m.id}`}>
                  {fmt.date(m.meetsOn)}
                </Link>
                {m.isDemo && <span className="kern-body--small"> – {t("bodies.meetings.demo")}</span>}
              </th>
              <td className="kern-table__cell">{[m.startsAt, m.endsAt].filter(Boolean).join("–") || "–"}</td>
              <td className="kern-table__cell">{m.location ?? "–"}</td>
              <td className="kern-table__cell">{t(`bodies.states.${m.state}`)}</td>
              <td className="kern-table__cell">
                {t(m.isPublic ? "bodies.meetings.public" : "bodies.meetings.notPublic")}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {d.canEdit && (
        <section aria-labelledby="h-new-meeting">
          <h2 id="h-new-meeting" className="kern-heading-medium">
            {t("bodies.meetings.new")}
          </h2>
          <ActionForm intent="meeting" errors={errors} submit={t("bodies.meetings.create")} primary>
            <Field name="meetsOn" type="date" label={t("bodies.meetings.date")} required error={errors?.meetsOn} />
            <Field
              name="startsAt"
              type="time"
              label={t("bodies.meetings.startsAt")}
              hint={t("bodies.meetings.timeHint")}
              error={errors?.startsAt}
            />
            <Field
              name="endsAt"
              type="time"
              label={t("bodies.meetings.endsAt")}
              hint={t("bodies.meetings.timeHint")}
              error={errors?.endsAt}
            />
            <Field name="location" label={t("bodies.meetings.location")} error={errors?.location} />
            <AccessSelect label={t("bodies.meetings.access")} />
          </ActionForm>
        </section>
      )}
    </>
  );
}
