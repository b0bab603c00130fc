import "../mediators/strings";
import "../opening.css";
import { data, Form, Link, redirect } from "react-router";
import type { Route } from "./+types/mediators-pool";
import { failureErrors, fieldErrors, requireRole, tenantContext, tenantTx, tFor } from "~/kernel/http/context";
import { listOrganisations } from "~/kernel/organisations/service";
import { roleAtLeast } from "~/kernel/roles";
import { ActionForm, Alert, Checkbox, Field, formValues, PageTitle, Select } from "~/kernel/ui/forms";
import { useFormat, useT } from "~/kernel/ui/hooks";
import { ChoiceList } from "~/kernel/ui/picker";
import { DataTable } from "~/kernel/ui/table";
import { LANGUAGES } from "../surveys/languages";
import { MEDIATOR_KINDS } from "../mediators/schema";
import { addMediator, hoursByLanguage, listMediators, MediatorInput, recordPledge } from "../mediators/service";

const DONE = ["added", "saved"] as const;

export async function loader({ request, context }: Route.LoaderArgs) {
  const role = requireRole(context, "viewer");
  const { tenant } = context.get(tenantContext);
  const q = new URL(request.url).searchParams;
  const language = LANGUAGES.find((l) => l.code === q.get("sprache"))?.code ?? null;
  const manages = roleAtLeast(role, "editor");
  return tenantTx(context, async (tx) => {
    const [pool, hours, orgs] = await Promise.all([
      listMediators(tx, { listedOnly: !manages, language }),
      hoursByLanguage(tx),
      manages ? listOrganisations(tx) : Promise.resolve([]),
    ]);
    return {
      slug: tenant.slug,
      manages,
      language,
      pool,
      hours,
      organisations: orgs.map((o) => ({ value: o.id, label: o.name })),
      done: DONE.find((x) => x === q.get("ok")) ?? null,
    };
  });
}

export async function action({ request, context }: Route.ActionArgs) {
  requireRole(context, "editor");
  const { tenant } = context.get(tenantContext);
  const f = await request.formData();
  const intent = String(f.get("intent") ?? "");
  const fail = (errors: Record<string, string>) => data({ intent, errors, values: formValues(f) }, { status: 400 });
  const back = (done: (typeof DONE)[number]) =>
    redirect(`/t/${tenant.slug}/verwaltung/oeffnung/sprachmittlung?ok=${done}`);
  if (intent === "add") {
    const str = (k: string) => String(f.get(k) ?? "").trim();
    const p = MediatorInput.safeParse({
      name: f.get("name"),
      kind: f.get("kind"),
      languages: f.getAll("languages").map(String),
      organisationId: str("organisationId") || null,
      email: str("email") || null,
      phone: str("phone"),
      qualification: str("qualification"),
      qualificationHours: str("qualificationHours") || null,
      examPassed: f.get("examPassed") === "1",
      pledgedOn: str("pledgedOn") || null,
      listingConsent: f.get("listingConsent") === "1",
      availability: str("availability"),
    });
    if (!p.success) return fail(fieldErrors(context, p.error.issues));
    const r = await tenantTx(context, (tx) => addMediator(tx, p.data));
    return r.ok ? back("added") : fail(failureErrors(context, r));
  }
  if (intent === "pledge") {
    const r = await tenantTx(context, (tx) =>
      recordPledge(tx, String(f.get("mediatorId") ?? ""), String(f.get("pledgedOn") ?? "")),
    );
    return r.ok ? back("saved") : fail(failureErrors(context, r));
  }
  return fail({ _form: tFor(context)("errors.badRequest") });
}

export default function MediatorPool({ loaderData: d, actionData: a }: Route.ComponentProps) {
  const t = useT();
  const fmt = useFormat();
  const lang = (c: string) => t(`opening.surveys.languages.${c}`);
  const errors = (intent: string) => (a?.intent === intent ? (a.errors as Record<string, string>) : undefined);
  return (
    <>
      <PageTitle>{t("opening.mediators.pool.title")}</PageTitle>
      <p>
        <Link className="kern-link" to={`/t/${d.slug}/verwaltung/oeffnung`}>
          {t("opening.overview.title")}
        </Link>
      </p>
      <h1 className="kern-heading-large">{t("opening.mediators.pool.title")}</h1>
      <p className="kern-body">{t("opening.mediators.pool.intro")}</p>
      {d.done && <Alert kind="success">{t(`opening.mediators.pool.${d.done}`)}</Alert>}
      {errors("pledge")?._form && <Alert kind="danger">{errors("pledge")!._form}</Alert>}
      <p>
        <Link className="kern-link" to={`/t/${d.slug}/verwaltung/oeffnung/sprachmittlung/anfragen`}>
          {t("opening.mediators.pool.requests")}
        </Link>
      </p>
      <Form method="get" className="form-grid">
        <Select
          name="sprache"
          label={t("opening.mediators.pool.filter")}
          options={[
            { value: "", label: t("opening.mediators.pool.allLanguages") },
            ...LANGUAGES.map((l) => ({ value: l.code, label: lang(l.code) })),
          ]}
          defaultValue={d.language ?? ""}
        />
        <div>
          <button type="submit" className="kern-btn kern-btn--secondary">
            <span className="kern-label">{t("opening.mediators.pool.show")}</span>
          </button>
        </div>
      </Form>
      {d.pool.length === 0 ? (
        <p className="kern-body">{t("opening.mediators.pool.empty")}</p>
      ) : (
        <DataTable
          caption={t("opening.mediators.pool.title")}
          headers={[
            t("opening.mediators.pool.name"),
            t("opening.mediators.pool.languages"),
            t("opening.mediators.pool.qualification"),
            t("opening.mediators.pool.pledge"),
            t("opening.mediators.pool.availability"),
            ...(d.manages ? [t("opening.mediators.pool.contact")] : []),
          ]}
        >
          {d.pool.map((m) => (
            <tr key={m.id} className="kern-table__row">
              <th scope="row" className="kern-table__cell">
                {m.name}
                <span className="kern-body--small">
                  {" "}
                  ({t(`opening.mediators.kinds.${m.kind}`)}
                  {m.organisation && `, ${m.organisation}`})
                </span>
                {d.manages && (
                  <span className="kern-body--small">
                    {" – "}
                    {t(m.listingConsent ? "opening.mediators.pool.listed" : "opening.mediators.pool.notListed")}
                  </span>
                )}
                {m.isDemo && <span className="kern-body--small"> – {t("opening.mediators.pool.demo")}</span>}
              </th>
              <td className="kern-table__cell">{m.languages.map(lang).join(", ")}</td>
              <td className="kern-table__cell">
                {[
                  m.qualification,
                  m.qualificationHours != null &&
                    t("opening.mediators.pool.hoursExam", { hours: m.qualificationHours }),
                  m.examPassed && t("opening.mediators.pool.exam"),
                ]
                  .filter(Boolean)
                  .join(", ") || "–"}
              </td>
              <td className="kern-table__cell">
                {m.pledgedOn ? (
                  t("opening.mediators.pool.pledged", { date: fmt.date(m.pledgedOn) })
                ) : d.manages ? (
                  <ActionForm
                    intent="pledge"
                    hidden={{ mediatorId: m.id }}
                    submit={t("opening.mediators.pool.recordPledge")}
                  >
                    <Field
                      name="pledgedOn"
                      id={`f-pledgedOn-${m.id}`}
                      type="date"
                      label={t("opening.mediators.pool.pledgedOn")}
                      required
                    />
                  </ActionForm>
                ) : (
                  t("opening.mediators.pool.notPledged")
                )}
              </td>
              <td className="kern-table__cell">{m.availability ?? "–"}</td>
              {d.manages && (
                <td className="kern-table__cell">{[m.email, m.phone].filter(Boolean).join(", ") || "–"}</td>
              )}
            </tr>
          ))}
        </DataTable>
      )}

      <section aria-labelledby="hours">
        <h2 id="hours" className="kern-heading-medium">
          {t("opening.mediators.pool.hoursTitle")}
        </h2>
        {d.hours.length === 0 ? (
          <p className="kern-body">{t("opening.mediators.pool.noHours")}</p>
        ) : (
          <DataTable
            caption={t("opening.mediators.pool.hoursTitle")}
            headers={[
              t("opening.mediators.pool.year"),
              t("opening.mediators.pool.language"),
              { label: t("opening.mediators.pool.hours"), numeric: true },
              { label: t("opening.mediators.pool.assignmentsCount"), numeric: true },
            ]}
          >
            {d.hours.map((h) => (
              <tr key={`${h.year}-${h.language}`} className="kern-table__row">
                <td className="kern-table__cell">{h.year}</td>
                <th scope="row" className="kern-table__cell">
                  {lang(h.language)}
                </th>
                <td className="kern-table__cell kern-table__cell--numeric">{fmt.number(h.hours, 1)}</td>
                <td className="kern-table__cell kern-table__cell--numeric">{h.assignments}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>

      {d.manages && (
        <section aria-labelledby="add-mediator">
          <h2 id="add-mediator" className="kern-heading-medium">
            {t("opening.mediators.pool.add")}
          </h2>
          <ActionForm intent="add" errors={errors("add")} submit={t("opening.mediators.pool.save")} primary>
            <Field name="name" label={t("opening.mediators.pool.name")} required error={errors("add")?.name} />
            <Select
              name="kind"
              label={t("opening.mediators.pool.kind")}
              options={MEDIATOR_KINDS.map((k) => ({ value: k, label: t(`opening.mediators.kinds.${k}`) }))}
              required
              error={errors("add")?.kind}
            />
            <ChoiceList
              id="f-languages"
              name="languages"
              legend={t("opening.mediators.pool.languages")}
              options={LANGUAGES.map((l) => ({ value: l.code, label: lang(l.code) }))}
              error={errors("add")?.languages}
            />
            <Select
              name="organisationId"
              label={t("opening.mediators.pool.organisation")}
              options={[{ value: "", label: t("opening.mediators.pool.noOrganisation") }, ...d.organisations]}
            />
            <Field name="email" type="email" label={t("opening.mediators.pool.email")} error={errors("add")?.email} />
            <Field name="phone" type="tel" label={t("opening.mediators.pool.phone")} error={errors("add")?.phone} />
            <Field
              name="qualification"
              label={t("opening.mediators.pool.qualification")}
              hint={t("opening.mediators.pool.qualificationHint")}
              error={errors("add")?.qualification}
            />
            <Field
              name="qualificationHours"
              type="number"
              inputMode="numeric"
              label={t("opening.mediators.pool.qualificationHours")}
              error={errors("add")?.qualificationHours}
            />
            <Checkbox name="examPassed" label={t("opening.mediators.pool.examPassed")} />
            <Field
              name="pledgedOn"
              type="date"
              label={t("opening.mediators.pool.pledgedOn")}
              error={errors("add")?.pledgedOn}
            />
            <Checkbox name="listingConsent" label={t("opening.mediators.pool.listingConsent")} />
            <Field
              name="availability"
              label={t("opening.mediators.pool.availability")}
              hint={t("opening.mediators.pool.availabilityHint")}
              error={errors("add")?.availability}
            />
          </ActionForm>
        </section>
      )}
    </>
  );
}
