import "./strings";
import "../plans/strings";
import { eq } from "drizzle-orm";
import { data, Link, redirect } from "react-router";
import type { Route } from "./+types/cases-plan";
import { fail, type Result } from "~/kernel/errors";
import { tenantContext, tFor } from "~/kernel/http/context";
import { todayBerlin } from "~/kernel/dates";
import { ActionForm, Alert, Field, formValues, PageTitle, Select } from "~/kernel/ui/forms";
import { useFormat, useRoot, useT } from "~/kernel/ui/hooks";
import { DataTable, RowAction } from "~/kernel/ui/table";
import { may } from "../core/context";
import { clients } from "../core/schema";
import { institutionsOfNetwork } from "../core/views";
import { listStepTypes } from "../eligibility/service";
import { refusalText } from "../plans/messages";
import { completeReferral, listReferrals, referClient, withdrawReferral } from "../plans/referrals";
import { STEP_OUTCOMES, STEP_STATES } from "../plans/schema";
import { addStep, listPlan, updateStep } from "../plans/steps";
import { given } from "./forms.server";
import { caseTx, requireCaseSeat } from "./session.server";

// A client's plan (issue 16 item 4): steps from the catalogue with their eligibility decision, and the
// referrals to other institutions. Reading it is a logged read of the category "plan"; only the
// owning case workers change it.

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const seat = await requireCaseSeat(context, request);
  const r = await caseTx(context, seat, async (tx, me) => {
    const plan = await listPlan(tx, me, params.clientId);
    if (!plan.ok) return null;
    const [c] = await tx.select({ pseudonym: clients.pseudonym }).from(clients).where(eq(clients.id, params.clientId));
    const [refs, types, insts, writes] = await Promise.all([
      listReferrals(tx, me, params.clientId),
      listStepTypes(tx),
      institutionsOfNetwork(tx),
      may(tx, params.clientId, "plan", "write"),
    ]);
    return { pseudonym: c.pseudonym, plan: plan.value, referrals: refs.ok ? refs.value : [], types, insts, writes, me };
  });
  if (!r) throw data({ message: tFor(context)("cases.errors.notAllowed") }, { status: 403 });
  return {
    slug: context.get(tenantContext).tenant.slug,
    clientId: params.clientId,
    pseudonym: r.pseudonym,
    plan: r.plan,
    referrals: r.referrals,
    types: r.types.map((s) => ({ code: s.code, labelDe: s.labelDe, labelEn: s.labelEn, rule: s.eligibilityRule })),
    institutions: r.insts.map((i) => ({ id: i.id, name: i.name, kind: i.kind })),
    myInstitutionId: r.me.institutionId,
    writes: r.writes,
    today: todayBerlin(),
    saved: new URL(request.url).searchParams.get("ok") === "saved",
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const seat = await requireCaseSeat(context, request);
  const f = await request.formData();
  const intent = String(f.get("intent") ?? "");
  const clientId = params.clientId;
  const r = await caseTx(context, seat, (tx, me): Promise<Result<unknown>> => {
    switch (intent) {
      case "addStep":
        return addStep(tx, me, {
          clientId,
          stepType: String(f.get("stepType") ?? ""),
          responsibleInstitutionId: String(f.get("responsibleInstitutionId") ?? ""),
          plannedStart: given(f, "plannedStart"),
        });
      case "updateStep":
        return updateStep(tx, me, {
          stepId: String(f.get("stepId") ?? ""),
          state: String(f.get("state") ?? "") as (typeof STEP_STATES)[number],
          startDate: given(f, "startDate") ?? null,
          endDate: given(f, "endDate") ?? null,
          outcome: (given(f, "outcome") ?? null) as (typeof STEP_OUTCOMES)[number] | null,
        });
      case "refer":
        return referClient(tx, me, {
          clientId,
          toInstitutionId: String(f.get("toInstitutionId") ?? ""),
          stepId: given(f, "stepId"),
        });
      case "completeReferral":
        return completeReferral(tx, me, { referralId: String(f.get("referralId") ?? "") });
      case "withdrawReferral":
        return withdrawReferral(tx, me, { referralId: String(f.get("referralId") ?? "") });
      default:
        return Promise.resolve(fail("errors.badRequest"));
    }
  });
  if (!r.ok) {
    const text = refusalText(tFor(context), r.error);
    return data(
      {
        intent,
        // The referral form is one per page although it has a stepId field; the row forms are one per step or referral.
        target: intent === "refer" ? "" : String(f.get("stepId") ?? f.get("referralId") ?? ""),
        errors: { [r.field ?? "_form"]: text },
        values: formValues(f),
      },
      { status: 400 },
    );
  }
  return redirect(`/t/${context.get(tenantContext).tenant.slug}/verwaltung/fallarbeit/fall/${clientId}/plan?ok=saved`);
}

export default function CasePlan({ loaderData: d, actionData: a }: Route.ComponentProps) {
  const t = useT();
  const fmt = useFormat();
  const { lang } = useRoot();
  const label = (x: { labelDe: string | null; labelEn: string | null }) =>
    (lang === "en" ? x.labelEn : x.labelDe) ?? "";
  const title = t("cases.planPage.title", { pseudonym: d.pseudonym });
  const errorsFor = (intent: string, target = "") =>
    a?.intent === intent && (a.target ?? "") === target ? (a.errors as Record<string, string>) : null;
  const others = d.institutions.filter((i) => i.id !== d.myInstitutionId);
  const date = (x: string | null) => (x ? fmt.date(x) : "–");
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
      <p className="kern-body">
        {d.plan.daysToFirstOffer === null
          ? t("cases.planPage.noOffer", { intake: fmt.date(d.plan.intakeDate) })
          : t("cases.planPage.firstOffer", {
              intake: fmt.date(d.plan.intakeDate),
              offer: date(d.plan.firstOfferDate),
              days: d.plan.daysToFirstOffer,
            })}
      </p>
      <section aria-labelledby="schritte">
        <h2 id="schritte" className="kern-heading-medium">
          {t("cases.planPage.steps")}
        </h2>
        {d.plan.steps.length === 0 ? (
          <p className="kern-body">{t("cases.planPage.noSteps")}</p>
        ) : (
          <DataTable
            caption={t("cases.planPage.steps")}
            headers={[
              t("cases.planPage.step"),
              t("cases.planPage.responsible"),
              t("cases.planPage.plannedStart"),
              t("cases.planPage.start"),
              t("cases.planPage.end"),
              t("cases.planPage.state"),
              t("cases.planPage.decision"),
            ]}
          >
            {d.plan.steps.map((s) => (
              <tr key={s.id} className="kern-table__row">
                <th scope="row" className="kern-table__cell">
                  {label(s)}
                </th>
                <td className="kern-table__cell">{s.responsibleInstitution}</td>
                <td className="kern-table__cell">{date(s.plannedStart)}</td>
                <td className="kern-table__cell">{date(s.startDate)}</td>
                <td className="kern-table__cell">{date(s.endDate)}</td>
                <td className="kern-table__cell">
                  {t(`cases.plans.states.${s.state}`)}
                  {s.outcome && ` – ${t(`cases.plans.outcomes.${s.outcome}`)}`}
                </td>
                <td className="kern-table__cell">
                  {s.decision
                    ? t(s.decision.eligible ? "cases.planPage.eligible" : "cases.planPage.notEligible", {
                        date: fmt.date(s.decision.decisionDate),
                      })
                    : "–"}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
        {d.writes &&
          d.plan.steps.map((s) => {
            const e = errorsFor("updateStep", s.id);
            return (
              <details key={s.id} open={!!e}>
                <summary className="kern-body">{t("cases.planPage.editStep", { step: label(s) })}</summary>
                <ActionForm
                  intent="updateStep"
                  hidden={{ stepId: s.id }}
                  errors={e}
                  submit={t("cases.category.submit")}
                >
                  <Select
                    id={`state-${s.id}`}
                    name="state"
                    label={t("cases.planPage.state")}
                    options={STEP_STATES.map((x) => ({ value: x, label: t(`cases.plans.states.${x}`) }))}
                    defaultValue={s.state}
                    error={e?.state}
                    required
                  />
                  <Field
                    id={`start-${s.id}`}
                    name="startDate"
                    type="date"
                    label={t("cases.planPage.start")}
                    defaultValue={s.startDate}
                    error={e?.startDate}
                  />
                  <Field
                    id={`end-${s.id}`}
                    name="endDate"
                    type="date"
                    label={t("cases.planPage.end")}
                    defaultValue={s.endDate}
                    error={e?.endDate}
                  />
                  <Select
                    id={`outcome-${s.id}`}
                    name="outcome"
                    label={t("cases.planPage.outcome")}
                    options={[
                      { value: "", label: t("cases.planPage.noOutcome") },
                      ...STEP_OUTCOMES.map((x) => ({ value: x, label: t(`cases.plans.outcomes.${x}`) })),
                    ]}
                    defaultValue={s.outcome}
                    error={e?.outcome}
                  />
                </ActionForm>
              </details>
            );
          })}
        {d.writes && (
          <ActionForm
            intent="addStep"
            heading={t("cases.planPage.addStep")}
            headingId="neuer-schritt"
            errors={errorsFor("addStep")}
            submit={t("cases.planPage.addStep")}
            primary
          >
            <Select
              name="stepType"
              label={t("cases.planPage.step")}
              hint={t("cases.planPage.stepHint")}
              options={[
                { value: "", label: t("cases.intake.choose") },
                ...d.types.map((s) => ({ value: s.code, label: label(s) })),
              ]}
              error={errorsFor("addStep")?.stepType}
              required
            />
            <Select
              name="responsibleInstitutionId"
              label={t("cases.planPage.responsible")}
              options={d.institutions.map((i) => ({ value: i.id, label: i.name }))}
              defaultValue={d.myInstitutionId}
              error={errorsFor("addStep")?.responsibleInstitutionId}
              required
            />
            <Field
              name="plannedStart"
              type="date"
              label={t("cases.planPage.plannedStart")}
              error={errorsFor("addStep")?.plannedStart}
            />
          </ActionForm>
        )}
      </section>
      <section aria-labelledby="verweisungen">
        <h2 id="verweisungen" className="kern-heading-medium">
          {t("cases.planPage.referrals")}
        </h2>
        {d.referrals.length === 0 ? (
          <p className="kern-body">{t("cases.planPage.noReferrals")}</p>
        ) : (
          <ul className="kern-list">
            {d.referrals.map((r) => {
              const line = t("cases.planPage.referralLine", {
                to: r.toInstitution,
                step: r.stepType
                  ? label({ labelDe: r.stepLabelDe, labelEn: r.stepLabelEn })
                  : t("cases.planPage.noStep"),
                on: fmt.date(r.referredOn),
                state: t(`cases.plans.referralStates.${r.state}`),
              });
              const e = errorsFor("completeReferral", r.id) ?? errorsFor("withdrawReferral", r.id);
              return (
                <li key={r.id}>
                  {line}
                  {r.rejectionReason && ` – ${t(`cases.plans.rejectionReasons.${r.rejectionReason}`)}`}
                  {r.rejectionNote && `: ${r.rejectionNote}`}
                  {r.withdrawnReason && ` – ${t(`cases.plans.withdrawnReasons.${r.withdrawnReason}`)}`}
                  {e && (
                    <p className="kern-error" role="alert">
                      {Object.values(e)[0]}
                    </p>
                  )}
                  {d.writes && r.state === "accepted" && (
                    <RowAction
                      intent="completeReferral"
                      fields={{ referralId: r.id }}
                      label={t("cases.planPage.complete")}
                      target={line}
                    />
                  )}
                  {d.writes && (r.state === "in_progress" || r.state === "accepted") && (
                    <RowAction
                      intent="withdrawReferral"
                      fields={{ referralId: r.id }}
                      label={t("cases.planPage.withdraw")}
                      target={line}
                    />
                  )}
                </li>
              );
            })}
          </ul>
        )}
        {d.writes && (
          <ActionForm
            intent="refer"
            heading={t("cases.planPage.refer")}
            headingId="verweisen"
            errors={errorsFor("refer")}
            submit={t("cases.planPage.refer")}
          >
            <Select
              name="toInstitutionId"
              label={t("cases.planPage.to")}
              hint={t("cases.planPage.toHint")}
              options={[
                { value: "", label: t("cases.intake.choose") },
                ...others.map((i) => ({ value: i.id, label: i.name })),
              ]}
              error={errorsFor("refer")?.toInstitutionId}
              required
            />
            <Select
              name="stepId"
              label={t("cases.planPage.forStep")}
              options={[
                { value: "", label: t("cases.planPage.noStep") },
                ...d.plan.steps.map((s) => ({ value: s.id, label: label(s) })),
              ]}
              error={errorsFor("refer")?.stepId}
            />
          </ActionForm>
        )}
      </section>
    </>
  );
}
