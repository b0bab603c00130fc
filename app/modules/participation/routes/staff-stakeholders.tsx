import "./strings";
import { Content } from "~/kernel/ui/content";
import "../participation.css";
import { data, redirect } from "react-router";
import type { Route } from "./+types/staff-stakeholders";
import { failureErrors, fieldErrors, requireRole, tenantContext, tenantTx, tFor } from "~/kernel/http/context";
import { listOrganisations } from "~/kernel/organisations/service";
import { roleAtLeast } from "~/kernel/roles";
import { ActionForm, Alert, Field, formValues, PageTitle, Select } from "~/kernel/ui/forms";
import { useT } from "~/kernel/ui/hooks";
import { DataTable } from "~/kernel/ui/table";
import {
  addStakeholder,
  FIELDS,
  listStakeholders,
  rateStakeholder,
  removeStakeholder,
  StakeholderInput,
  type Stakeholder,
} from "../stakeholders";
import { optional } from "../http.server";

// The stakeholder register with its Vier-Felder-Analyse (issue 12 item 7): internal, viewer reads,
// editor changes. The chart is drawn on the server, so it needs no JavaScript; the table by field
// below it says the same in words.

export async function loader({ request, context }: Route.LoaderArgs) {
  const role = requireRole(context, "viewer");
  const { tenant } = context.get(tenantContext);
  const canEdit = roleAtLeast(role, "editor");
  const [stakeholders, orgs] = await tenantTx(
    context,
    async (tx) => [await listStakeholders(tx), canEdit ? await listOrganisations(tx) : []] as const,
  );
  const organisations = orgs.map((o) => ({ value: o.id, label: o.name }));
  return { slug: tenant.slug, canEdit, stakeholders, organisations, done: new URL(request.url).searchParams.get("ok") };
}

export async function action({ request, context }: Route.ActionArgs) {
  requireRole(context, "editor");
  const { tenant } = context.get(tenantContext);
  const f = await request.formData();
  const intent = String(f.get("intent") ?? "");
  const fail = (errors: Record<string, string>) => data({ intent, errors, values: formValues(f) }, { status: 400 });
  const back = (ok: string) => redirect(`/t/${tenant.slug}/verwaltung/beteiligung/akteure?ok=${ok}`);
  if (intent === "add") {
    const p = StakeholderInput.safeParse({
      organisationId: optional(f.get("organisationId")),
      personName: optional(f.get("personName")),
      legalBasis: optional(f.get("legalBasis")),
      influence: optional(f.get("influence")),
      attitude: optional(f.get("attitude")),
      interests: optional(f.get("interests")),
      engagement: optional(f.get("engagement")),
    });
    if (!p.success) return fail(fieldErrors(context, p.error.issues));
    const r = await tenantTx(context, (tx) => addStakeholder(tx, p.data));
    return r.ok ? back("added") : fail(failureErrors(context, r));
  }
  const id = String(f.get("id") ?? "");
  if (intent === "rate") {
    const r = await tenantTx(context, (tx) =>
      rateStakeholder(tx, id, { influence: optional(f.get("influence")), attitude: optional(f.get("attitude")) }),
    );
    return r.ok ? back("rated") : fail(failureErrors(context, r));
  }
  if (intent === "remove") {
    const r = await tenantTx(context, (tx) => removeStakeholder(tx, id));
    return r.ok ? back("removed") : fail(failureErrors(context, r));
  }
  return fail({ _form: tFor(context)("errors.badRequest") });
}

const SIZE = 400;
const PAD = 40;
const cell = (SIZE - 2 * PAD) / 4;

/** Influence (up) × attitude (right), 1–4 each; entries in the same cell are set side by side. */
function FourFields({ list, title }: { list: Stakeholder[]; title: string }) {
  const t = useT();
  const seen = new Map<string, number>();
  const at = (s: Stakeholder) => {
    const key = `${s.influence}|${s.attitude}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return {
      x: PAD + (s.attitude - 1) * cell + 14 + (n % 4) * 18,
      y: PAD + (4 - s.influence) * cell + 14 + Math.floor(n / 4) * 18,
    };
  };
  const mid = PAD + 2 * cell;
  return (
    <svg className="stakeholder-chart" viewBox={`0 0 ${SIZE} ${SIZE}`} role="img" aria-labelledby="four-fields-title">
      <title id="four-fields-title">{title}</title>
      <rect x={PAD} y={PAD} width={SIZE - 2 * PAD} height={SIZE - 2 * PAD} className="stakeholder-chart__frame" />
      <line x1={mid} y1={PAD} x2={mid} y2={SIZE - PAD} className="stakeholder-chart__axis" />
      <line x1={PAD} y1={mid} x2={SIZE - PAD} y2={mid} className="stakeholder-chart__axis" />
      <text x={PAD + 6} y={PAD + cell * 2 - 8} className="stakeholder-chart__field">
        {t("participation.stakeholders.fields.opponents")}
      </text>
      <text x={mid + 6} y={PAD + cell * 2 - 8} className="stakeholder-chart__field">
        {t("participation.stakeholders.fields.promoters")}
      </text>
      <text x={PAD + 6} y={SIZE - PAD - 8} className="stakeholder-chart__field">
        {t("participation.stakeholders.fields.sceptics")}
      </text>
      <text x={mid + 6} y={SIZE - PAD - 8} className="stakeholder-chart__field">
        {t("participation.stakeholders.fields.supporters")}
      </text>
      <text x={SIZE / 2} y={SIZE - 12} textAnchor="middle" className="stakeholder-chart__label">
        {t("participation.stakeholders.attitudeAxis")}
      </text>
      <text
        x={14}
        y={SIZE / 2}
        textAnchor="middle"
        transform={`rotate(-90 14 ${SIZE / 2})`}
        className="stakeholder-chart__label"
      >
        {t("participation.stakeholders.influenceAxis")}
      </text>
      {list.map((s) => {
        const p = at(s);
        return (
          <circle key={s.id} cx={p.x} cy={p.y} r={7} className="stakeholder-chart__dot">
            <title>{`${s.name}: ${t("participation.stakeholders.influence")} ${s.influence}, ${t("participation.stakeholders.attitude")} ${s.attitude}`}</title>
          </circle>
        );
      })}
    </svg>
  );
}

export default function Stakeholders({ loaderData: d, actionData }: Route.ComponentProps) {
  const t = useT();
  const errors = (intent: string) =>
    actionData && "intent" in actionData && actionData.intent === intent
      ? (actionData.errors as Record<string, string>)
      : undefined;
  const addErrors = errors("add");
  const scale = (kind: "influence" | "attitude") =>
    [1, 2, 3, 4].map((n) => ({ value: String(n), label: t(`participation.stakeholders.${kind}Scale.${n}`) }));
  return (
    <>
      <PageTitle>{t("participation.stakeholders.title")}</PageTitle>
      <h1 className="kern-heading-large">{t("participation.stakeholders.title")}</h1>
      <p className="kern-body">{t("participation.stakeholders.intro")}</p>
      {d.done && <Alert kind="success">{t(`participation.stakeholders.done.${d.done}`)}</Alert>}
      {(errors("rate") || errors("remove")) && (
        <Alert kind="danger">{Object.values({ ...errors("rate"), ...errors("remove") }).join(" ")}</Alert>
      )}
      {d.stakeholders.length === 0 ? (
        <p className="kern-body">{t("participation.stakeholders.empty")}</p>
      ) : (
        <>
          <FourFields list={d.stakeholders} title={t("participation.stakeholders.chartTitle")} />
          {FIELDS.map((field) => {
            const inField = d.stakeholders.filter((s) => s.field === field);
            return (
              <section key={field} aria-labelledby={`field-${field}`}>
                <h2 id={`field-${field}`} className="kern-heading-medium">
                  {t(`participation.stakeholders.fields.${field}`)} ({inField.length})
                </h2>
                <p className="kern-body--small">{t(`participation.stakeholders.fieldHints.${field}`)}</p>
                {inField.length > 0 && (
                  <DataTable
                    caption={t(`participation.stakeholders.fields.${field}`)}
                    headers={[
                      t("participation.stakeholders.name"),
                      t("participation.stakeholders.influence"),
                      t("participation.stakeholders.attitude"),
                      t("participation.stakeholders.interests"),
                      ...(d.canEdit ? [t("participation.stakeholders.change")] : []),
                    ]}
                  >
                    {inField.map((s) => (
                      <tr key={s.id} className="kern-table__row">
                        <th scope="row" className="kern-table__cell">
                          <Content>{s.name}</Content>
                          {s.isPerson && (
                            <span className="kern-body--small">
                              {" "}
                              – {t("participation.stakeholders.person")}: {s.legalBasis}
                            </span>
                          )}
                        </th>
                        <td className="kern-table__cell">
                          {t(`participation.stakeholders.influenceScale.${s.influence}`)}
                        </td>
                        <td className="kern-table__cell">
                          {t(`participation.stakeholders.attitudeScale.${s.attitude}`)}
                        </td>
                        <td className="kern-table__cell">{[s.interests, s.engagement].filter(Boolean).join(" – ")}</td>
                        {d.canEdit && (
                          <td className="kern-table__cell">
                            <ActionForm
                              intent="rate"
                              hidden={{ id: s.id }}
                              submit={t("participation.stakeholders.rate")}
                            >
                              <Select
                                id={`influence-${s.id}`}
                                name="influence"
                                label={t("participation.stakeholders.influence")}
                                defaultValue={String(s.influence)}
                                options={scale("influence")}
                              />
                              <Select
                                id={`attitude-${s.id}`}
                                name="attitude"
                                label={t("participation.stakeholders.attitude")}
                                defaultValue={String(s.attitude)}
                                options={scale("attitude")}
                              />
                            </ActionForm>
                            <ActionForm
                              intent="remove"
                              hidden={{ id: s.id }}
                              submit={t("participation.stakeholders.remove")}
                            >
                              {null}
                            </ActionForm>
                          </td>
                        )}
                      </tr>
                    ))}
                  </DataTable>
                )}
              </section>
            );
          })}
        </>
      )}
      {d.canEdit && (
        <ActionForm
          intent="add"
          heading={t("participation.stakeholders.add")}
          headingId="add-stakeholder"
          errors={addErrors}
          submit={t("participation.stakeholders.add")}
          primary
        >
          <Select
            name="organisationId"
            label={t("participation.stakeholders.organisation")}
            hint={t("participation.stakeholders.organisationHint")}
            error={addErrors?.organisationId}
            options={[{ value: "", label: t("participation.stakeholders.noOrganisation") }, ...d.organisations]}
          />
          <Field
            name="personName"
            label={t("participation.stakeholders.personName")}
            hint={t("participation.stakeholders.personHint")}
            error={addErrors?.personName}
          />
          <Field
            name="legalBasis"
            label={t("participation.stakeholders.legalBasis")}
            hint={t("participation.stakeholders.legalBasisHint")}
            error={addErrors?.legalBasis}
          />
          <Select
            name="influence"
            label={t("participation.stakeholders.influence")}
            required
            error={addErrors?.influence}
            options={scale("influence")}
          />
          <Select
            name="attitude"
            label={t("participation.stakeholders.attitude")}
            required
            error={addErrors?.attitude}
            options={scale("attitude")}
          />
          <Field
            name="interests"
            type="textarea"
            label={t("participation.stakeholders.interests")}
            error={addErrors?.interests}
          />
          <Field
            name="engagement"
            type="textarea"
            label={t("participation.stakeholders.engagement")}
            error={addErrors?.engagement}
          />
        </ActionForm>
      )}
    </>
  );
}
