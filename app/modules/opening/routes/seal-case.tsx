import "../seal/strings";
import { data, Link, redirect, useLocation } from "react-router";
import type { Route } from "./+types/seal-case";
import { failureErrors, fieldErrors, requireRole, tenantContext, tenantTx } from "~/kernel/http/context";
import { todayBerlin } from "~/kernel/dates";
import type { Failure } from "~/kernel/errors";
import { roleAtLeast } from "~/kernel/roles";
import { ActionForm, Alert, Field, formValues, PageTitle, type FormValues } from "~/kernel/ui/forms";
import { useFormat, useT } from "~/kernel/ui/hooks";
import { DataTable } from "~/kernel/ui/table";
import {
  addSealMilestone,
  agreeSealMilestones,
  awardSeal,
  completeSealMilestone,
  getSealCase,
  MilestoneInput,
} from "../seal/service";
import { notFound, optional } from "../seal/http.server";

const DONE = ["created", "milestone", "milestoneDone", "agreed", "awarded"] as const;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const role = requireRole(context, "viewer");
  const { tenant } = context.get(tenantContext);
  const today = todayBerlin();
  const c = await tenantTx(context, (tx) => getSealCase(tx, params.id, today));
  if (!c) throw notFound(context, "opening.seal.errors.notFound");
  const ok = new URL(request.url).searchParams.get("ok");
  return {
    slug: tenant.slug,
    today,
    canEdit: roleAtLeast(role, "editor"),
    c,
    done: DONE.find((x) => x === ok) ?? null,
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  requireRole(context, "editor");
  const { tenant } = context.get(tenantContext);
  const f = await request.formData();
  const intent = String(f.get("intent") ?? "");
  const bad = (errors: Record<string, string>) =>
    data({ intent, errors, values: formValues(f) as FormValues | null }, { status: 400 });
  const refused = (r: Failure, field: string) => {
    const errors = failureErrors(context, r);
    // A refusal of the whole step (open milestones, …) shows at the step's date field.
    return bad(errors._form && !errors[field] ? { [field]: errors._form } : errors);
  };
  const back = (done: (typeof DONE)[number]) =>
    redirect(`/t/${tenant.slug}/verwaltung/oeffnung/siegel/${params.id}?ok=${done}`);
  const on = optional(f.get("on")) ?? "";
  if (!(await tenantTx(context, (tx) => getSealCase(tx, params.id, todayBerlin()))))
    throw notFound(context, "opening.seal.errors.notFound");

  if (intent === "milestone") {
    const p = MilestoneInput.safeParse({
      caseId: params.id,
      title: optional(f.get("title")),
      dueOn: optional(f.get("dueOn")),
    });
    if (!p.success) return bad(fieldErrors(context, p.error.issues));
    const r = await tenantTx(context, (tx) => addSealMilestone(tx, p.data));
    return r.ok ? back("milestone") : refused(r, "title");
  }
  if (intent === "done") {
    const id = String(f.get("milestoneId") ?? "");
    const r = await tenantTx(context, (tx) => completeSealMilestone(tx, { id, on }));
    return r.ok ? back("milestoneDone") : refused({ ...r, field: `done-${id}` }, `done-${id}`);
  }
  if (intent === "agree") {
    const r = await tenantTx(context, (tx) => agreeSealMilestones(tx, { id: params.id, on }));
    return r.ok ? back("agreed") : refused({ ...r, field: "agreedOn" }, "agreedOn");
  }
  if (intent === "award") {
    const r = await tenantTx(context, (tx) => awardSeal(tx, { id: params.id, on }));
    return r.ok ? back("awarded") : refused({ ...r, field: "awardedOn" }, "awardedOn");
  }
  return bad({ _form: "?" });
}

export default function SealCasePage({ loaderData: d, actionData: a }: Route.ComponentProps) {
  const t = useT();
  const fmt = useFormat();
  const fresh = useLocation().key;
  const c = d.c;
  const err = (intent: string) =>
    a?.intent === intent ? ((a.errors as Record<string, string> | null) ?? undefined) : undefined;
  const milestoneErr = err("milestone");
  const doneErr = err("done");
  const agreeErr = err("agree");
  const awardErr = err("award");
  const title = t("opening.seal.case.title", { name: c.name });
  return (
    <>
      <PageTitle>{title}</PageTitle>
      <p className="kern-body">
        <Link className="kern-link" to={`/t/${d.slug}/verwaltung/oeffnung/siegel`}>
          {t("opening.seal.case.back")}
        </Link>
      </p>
      <h1 className="kern-heading-large">{title}</h1>
      {d.done && <Alert kind="success">{t(`opening.seal.case.done.${d.done}`)}</Alert>}
      {c.isDemo && <p className="kern-body">{t("opening.seal.exampleNote")}</p>}
      <dl className="kern-body">
        <dt>{t("opening.seal.list.state")}</dt>
        <dd>{t(`opening.seal.states.${c.state}`)}</dd>
        <dt>{t("opening.seal.form.appliedOn")}</dt>
        <dd>{fmt.date(c.appliedOn)}</dd>
        <dt>{t("opening.seal.case.agreedOn")}</dt>
        <dd>{c.milestonesAgreedOn ? fmt.date(c.milestonesAgreedOn) : "–"}</dd>
        <dt>{t("opening.seal.list.validUntil")}</dt>
        <dd>{c.validUntil ? fmt.date(c.validUntil) : "–"}</dd>
        {c.remindedOn && (
          <>
            <dt>{t("opening.seal.case.remindedOn")}</dt>
            <dd>{fmt.date(c.remindedOn)}</dd>
          </>
        )}
      </dl>

      <h2 className="kern-heading-medium">{t("opening.seal.case.milestones")}</h2>
      {c.milestones.length === 0 ? (
        <p className="kern-body">{t("opening.seal.case.noMilestones")}</p>
      ) : (
        <DataTable
          caption={t("opening.seal.case.milestones")}
          headers={[
            t("opening.seal.case.milestone"),
            t("opening.seal.case.dueOn"),
            t("opening.seal.case.doneOn"),
            ...(d.canEdit ? [t("opening.seal.case.action")] : []),
          ]}
        >
          {c.milestones.map((m) => (
            <tr key={m.id} className="kern-table__row">
              <th scope="row" className="kern-table__cell">
                {m.title}
              </th>
              <td className="kern-table__cell">{fmt.date(m.dueOn)}</td>
              <td className="kern-table__cell">{m.doneOn ? fmt.date(m.doneOn) : t("opening.seal.case.open")}</td>
              {d.canEdit && (
                <td className="kern-table__cell">
                  {!m.doneOn && (
                    <ActionForm
                      key={fresh}
                      intent="done"
                      hidden={{ milestoneId: m.id }}
                      errors={doneErr?.[`done-${m.id}`] ? doneErr : undefined}
                      submit={t("opening.seal.case.markDone")}
                    >
                      <Field
                        id={`done-${m.id}`}
                        name="on"
                        type="date"
                        required
                        label={t("opening.seal.case.doneOnFor", { title: m.title })}
                        defaultValue={d.today}
                        error={doneErr?.[`done-${m.id}`]}
                      />
                    </ActionForm>
                  )}
                </td>
              )}
            </tr>
          ))}
        </DataTable>
      )}

      {c.awards.length > 0 && (
        <>
          <h2 className="kern-heading-medium">{t("opening.seal.case.awards")}</h2>
          <ul className="kern-list">
            {c.awards.map((x, i) => (
              <li key={x.id}>
                {t(i === 0 ? "opening.seal.case.awardLine" : "opening.seal.case.recertLine", {
                  from: fmt.date(x.awardedOn),
                  to: fmt.date(x.validUntil),
                })}
              </li>
            ))}
          </ul>
        </>
      )}

      {d.canEdit && (
        <>
          <h2 className="kern-heading-medium">{t("opening.seal.case.steps")}</h2>
          <ActionForm
            key={`m-${fresh}`}
            intent="milestone"
            heading={t("opening.seal.case.addMilestone")}
            headingId="seal-add-milestone"
            errors={milestoneErr}
            submit={t("opening.seal.case.addMilestone")}
          >
            <Field name="title" required label={t("opening.seal.case.milestone")} error={milestoneErr?.title} />
            <Field name="dueOn" type="date" required label={t("opening.seal.case.dueOn")} error={milestoneErr?.dueOn} />
          </ActionForm>
          {!c.milestonesAgreedOn && (
            <DayForm
              key={`a-${fresh}`}
              intent="agree"
              title={t("opening.seal.case.agree")}
              label={t("opening.seal.case.agreedOn")}
              today={d.today}
              errors={agreeErr}
            />
          )}
          {c.milestonesAgreedOn && (
            <DayForm
              key={`w-${fresh}`}
              intent="award"
              title={t(c.awards.length ? "opening.seal.case.recertify" : "opening.seal.case.award")}
              hint={t("opening.seal.case.awardHint")}
              label={t("opening.seal.case.awardedOn")}
              today={d.today}
              errors={awardErr}
            />
          )}
        </>
      )}
    </>
  );
}

/** One step of the case that happens on a day: agreeing the milestones, awarding the seal. */
function DayForm(p: {
  intent: "agree" | "award";
  title: string;
  label: string;
  hint?: string;
  today: string;
  errors?: Record<string, string>;
}) {
  const field = p.intent === "agree" ? "agreedOn" : "awardedOn";
  return (
    <ActionForm intent={p.intent} heading={p.title} headingId={`seal-${p.intent}`} errors={p.errors} submit={p.title}>
      {p.hint && <p className="kern-body">{p.hint}</p>}
      <Field
        id={field}
        name="on"
        type="date"
        required
        label={p.label}
        defaultValue={p.today}
        error={p.errors?.[field]}
      />
    </ActionForm>
  );
}
