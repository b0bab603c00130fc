import "../mediators/strings";
import { data, Link, redirect } from "react-router";
import type { Route } from "./+types/mediators-requests";
import { failureErrors, fieldErrors, requireRole, tenantContext, tenantTx, tFor } from "~/kernel/http/context";
import { roleAtLeast } from "~/kernel/roles";
import { ActionForm, Alert, Field, formValues, PageTitle, Select } from "~/kernel/ui/forms";
import { useFormat, useT } from "~/kernel/ui/hooks";
import { DataTable } from "~/kernel/ui/table";
import { LANGUAGES } from "../surveys/languages";
import {
  assignMediator,
  eligibleByLanguage,
  finishRequest,
  listRequests,
  requestMediation,
  RequestInput,
} from "../mediators/service";

export async function loader({ request, context }: Route.LoaderArgs) {
  const role = requireRole(context, "viewer");
  const { tenant } = context.get(tenantContext);
  const q = new URL(request.url).searchParams;
  const manages = roleAtLeast(role, "editor");
  return tenantTx(context, async (tx) => {
    const requests = await listRequests(tx);
    const open = requests.filter((r) => r.status === "open" || r.status === "assigned");
    const eligible = manages ? await eligibleByLanguage(tx, [...new Set(open.map((r) => r.language))]) : {};
    return {
      slug: tenant.slug,
      manages,
      requests,
      eligible,
      created: q.get("neu"),
      saved: q.get("ok") === "saved",
    };
  });
}

export async function action({ request, context }: Route.ActionArgs) {
  requireRole(context, "editor");
  const { tenant } = context.get(tenantContext);
  const f = await request.formData();
  const intent = String(f.get("intent") ?? "");
  const id = String(f.get("requestId") ?? "");
  const fail = (errors: Record<string, string>) => data({ intent, id, errors, values: formValues(f) }, { status: 400 });
  const base = `/t/${tenant.slug}/verwaltung/oeffnung/sprachmittlung/anfragen`;
  if (intent === "request") {
    const p = RequestInput.safeParse({
      department: f.get("department"),
      language: f.get("language"),
      onDate: f.get("onDate"),
      atTime: String(f.get("atTime") ?? ""),
      place: f.get("place"),
      purpose: String(f.get("purpose") ?? ""),
    });
    if (!p.success) return fail(fieldErrors(context, p.error.issues));
    const r = await tenantTx(context, (tx) => requestMediation(tx, p.data));
    return r.ok ? redirect(`${base}?neu=${r.value.reference}`) : fail(failureErrors(context, r));
  }
  const r =
    intent === "assign"
      ? await tenantTx(context, (tx) => assignMediator(tx, id, String(f.get("mediatorId") ?? "")))
      : intent === "done"
        ? await tenantTx(context, (tx) =>
            finishRequest(tx, id, "done", Number(String(f.get("hours") ?? "").replace(",", "."))),
          )
        : intent === "cancel"
          ? await tenantTx(context, (tx) => finishRequest(tx, id, "cancelled"))
          : null;
  if (!r) return fail({ _form: tFor(context)("errors.badRequest") });
  if (!r.ok) {
    const e = failureErrors(context, r);
    return fail({ _form: Object.values(e)[0] });
  }
  return redirect(`${base}?ok=saved`);
}

export default function MediationRequests({ loaderData: d, actionData: a }: Route.ComponentProps) {
  const t = useT();
  const fmt = useFormat();
  const lang = (c: string) => t(`opening.surveys.languages.${c}`);
  const requestErrors = a?.intent === "request" ? (a.errors as Record<string, string>) : undefined;
  const rowError = (id: string) =>
    a && a.intent !== "request" && a.id === id ? (a.errors as Record<string, string>)._form : undefined;
  return (
    <>
      <PageTitle>{t("opening.mediators.requests.title")}</PageTitle>
      <p>
        <Link className="kern-link" to={`/t/${d.slug}/verwaltung/oeffnung/sprachmittlung`}>
          {t("opening.mediators.requests.back")}
        </Link>
      </p>
      <h1 className="kern-heading-large">{t("opening.mediators.requests.title")}</h1>
      <p className="kern-body">{t("opening.mediators.requests.intro")}</p>
      {d.created && <Alert kind="success">{t("opening.mediators.requests.created", { reference: d.created })}</Alert>}
      {d.saved && <Alert kind="success">{t("opening.mediators.requests.saved")}</Alert>}
      {d.requests.length === 0 ? (
        <p className="kern-body">{t("opening.mediators.requests.empty")}</p>
      ) : (
        <DataTable
          caption={t("opening.mediators.requests.title")}
          headers={[
            t("opening.mediators.requests.reference"),
            t("opening.mediators.requests.when"),
            t("opening.mediators.pool.language"),
            t("opening.mediators.requests.department"),
            t("opening.mediators.requests.purpose"),
            t("opening.mediators.requests.status"),
          ]}
        >
          {d.requests.map((r) => (
            <tr key={r.id} className="kern-table__row">
              <th scope="row" className="kern-table__cell">
                {r.reference}
              </th>
              <td className="kern-table__cell">
                {fmt.date(r.onDate)}
                {r.atTime && `, ${r.atTime.slice(0, 5)}`} – {r.place}
              </td>
              <td className="kern-table__cell">{lang(r.language)}</td>
              <td className="kern-table__cell">{r.department}</td>
              <td className="kern-table__cell">{r.purpose ?? "–"}</td>
              <td className="kern-table__cell">
                {t(`opening.mediators.statuses.${r.status}`)}
                {r.mediator && `: ${r.mediator}`}
                {r.hours &&
                  ` (${t("opening.mediators.requests.hoursShort", { hours: fmt.number(Number(r.hours), 1) })})`}
                {rowError(r.id) && (
                  <p className="kern-error" role="alert">
                    {rowError(r.id)}
                  </p>
                )}
                {d.manages && (r.status === "open" || r.status === "assigned") && (
                  <>
                    {(d.eligible[r.language] ?? []).length === 0 ? (
                      <p className="kern-body kern-body--small">{t("opening.mediators.requests.noneEligible")}</p>
                    ) : (
                      <ActionForm
                        intent="assign"
                        hidden={{ requestId: r.id }}
                        submit={t("opening.mediators.requests.assign")}
                      >
                        <Select
                          name="mediatorId"
                          id={`f-mediator-${r.id}`}
                          label={t("opening.mediators.requests.assignTo", { reference: r.reference })}
                          options={d.eligible[r.language].map((m) => ({ value: m.id, label: m.name }))}
                          required
                        />
                      </ActionForm>
                    )}
                    {r.status === "assigned" && (
                      <ActionForm
                        intent="done"
                        hidden={{ requestId: r.id }}
                        submit={t("opening.mediators.requests.done")}
                      >
                        <Field
                          name="hours"
                          id={`f-hours-${r.id}`}
                          inputMode="decimal"
                          label={t("opening.mediators.requests.hoursFor", { reference: r.reference })}
                          required
                        />
                      </ActionForm>
                    )}
                    <ActionForm
                      intent="cancel"
                      hidden={{ requestId: r.id }}
                      submit={t("opening.mediators.requests.cancel")}
                    >
                      {null}
                    </ActionForm>
                  </>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {d.manages && (
        <section aria-labelledby="new-request">
          <h2 id="new-request" className="kern-heading-medium">
            {t("opening.mediators.requests.new")}
          </h2>
          <ActionForm intent="request" errors={requestErrors} submit={t("opening.mediators.requests.send")} primary>
            <Field
              name="department"
              label={t("opening.mediators.requests.department")}
              required
              error={requestErrors?.department}
            />
            <Select
              name="language"
              label={t("opening.mediators.pool.language")}
              options={LANGUAGES.map((l) => ({ value: l.code, label: lang(l.code) }))}
              required
              error={requestErrors?.language}
            />
            <Field
              name="onDate"
              type="date"
              label={t("opening.mediators.requests.date")}
              required
              error={requestErrors?.onDate}
            />
            <Field
              name="atTime"
              type="time"
              label={t("opening.mediators.requests.time")}
              error={requestErrors?.atTime}
            />
            <Field name="place" label={t("opening.mediators.requests.place")} required error={requestErrors?.place} />
            <Field
              name="purpose"
              type="textarea"
              label={t("opening.mediators.requests.purpose")}
              error={requestErrors?.purpose}
            />
          </ActionForm>
        </section>
      )}
    </>
  );
}
