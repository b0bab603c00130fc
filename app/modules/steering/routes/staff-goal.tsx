import "./strings";
import "../steering.css";
import { data, Link, redirect } from "react-router";
import type { Route } from "./+types/staff-goal";
import { failureErrors, requireRole, tenantContext, tenantTx, tFor } from "~/kernel/http/context";
import { ActionForm, Alert, Field, formValues, PageTitle, Select } from "~/kernel/ui/forms";
import { useT } from "~/kernel/ui/hooks";
import { DataTable } from "~/kernel/ui/table";
import { getGoal } from "~/modules/concept";
import { indicatorCatalogue, listAreas } from "~/modules/monitoring";
import { evidence } from "../evidence";
import { addTarget, removeTarget } from "../services/links";
import { AttainmentBadge, LatestValue, RuleNote, TargetText } from "../ui";
import { numberField, text } from "../http.server";

// The targets of one Leitziel or Teilziel: which indicator measures it, for which area and group,
// what value (or parity) by when. Editors add and remove; the attainment shows at once.
export async function loader({ params, request, context }: Route.LoaderArgs) {
  requireRole(context, "editor");
  const { tenant } = context.get(tenantContext);
  return tenantTx(context, async (tx) => {
    const goal = await getGoal(tx, params.goalId);
    if (!goal || goal.kind === "themenfeld")
      throw data({ message: tFor(context)("steering.errors.goalMissing") }, { status: 404 });
    const targets = await evidence(tx, "concept.goal", [goal.id], { publicOnly: false });
    const indicators = await indicatorCatalogue(tx, { publicOnly: false });
    const areas = await listAreas(tx);
    return {
      slug: tenant.slug,
      goal: { id: goal.id, number: goal.number, title: goal.title, kind: goal.kind },
      targets,
      indicators: indicators.map((i) => ({ value: i.code, label: `${i.name} (${i.unit})` })),
      areas: areas
        .filter((a) => a.level !== "stadt")
        .map((a) => ({ value: `${a.level}:${a.key}`, label: `${a.name} (${a.level} ${a.key})` })),
      done: new URL(request.url).searchParams.get("ok"),
    };
  });
}

export async function action({ params, request, context }: Route.ActionArgs) {
  requireRole(context, "editor");
  const { tenant } = context.get(tenantContext);
  const f = await request.formData();
  const intent = String(f.get("intent") ?? "");
  const fail = (errors: Record<string, string>) => data({ intent, errors, values: formValues(f) }, { status: 400 });
  const back = (ok: string) => redirect(`/t/${tenant.slug}/verwaltung/steuerung/ziel/${params.goalId}?ok=${ok}`);
  if (intent === "add") {
    const kind = text(f, "kind");
    const input = {
      goalId: params.goalId,
      indicator: text(f, "indicator") ?? "",
      area: text(f, "area") ?? "",
      group: text(f, "group") ?? "gesamt",
      kind: kind === "parity" ? ("parity" as const) : ("value" as const),
      direction: text(f, "direction") === "niedrig" ? ("niedrig" as const) : ("hoch" as const),
      targetValue: numberField(f, "targetValue"),
      targetYear: numberField(f, "targetYear"),
      baseYear: numberField(f, "baseYear"),
      compareGroup: text(f, "compareGroup") ?? null,
      note: text(f, "note") ?? null,
    };
    for (const k of ["targetValue", "targetYear", "baseYear"] as const)
      if (Number.isNaN(input[k])) return fail({ [k]: tFor(context)("steering.errors.number") });
    const r = await tenantTx(context, (tx) => addTarget(tx, input));
    return r.ok ? back("added") : fail(failureErrors(context, r));
  }
  if (intent === "remove") {
    const r = await tenantTx(context, (tx) => removeTarget(tx, String(f.get("id") ?? "")));
    return r.ok ? back("removed") : fail(failureErrors(context, r));
  }
  return fail({ _form: tFor(context)("errors.badRequest") });
}

export default function SteeringGoal({ loaderData: d, actionData }: Route.ComponentProps) {
  const t = useT();
  const errors = (intent: string) =>
    actionData && "intent" in actionData && actionData.intent === intent
      ? (actionData.errors as Record<string, string>)
      : undefined;
  const e = errors("add");
  const title = t("steering.goal.title", { number: d.goal.number });
  return (
    <>
      <PageTitle>{title}</PageTitle>
      <p>
        <Link className="kern-link" to={`/t/${d.slug}/verwaltung/steuerung`}>
          {t("steering.staff.title")}
        </Link>
      </p>
      <h1 className="kern-heading-large">{title}</h1>
      <p className="kern-body">{d.goal.title}</p>
      {d.done && <Alert kind="success">{t(`steering.goal.done.${d.done}`)}</Alert>}
      {errors("remove") && <Alert kind="danger">{Object.values(errors("remove")!).join(" ")}</Alert>}
      {d.targets.length === 0 ? (
        <p className="kern-body">{t("steering.goal.none")}</p>
      ) : (
        <DataTable
          caption={t("steering.goal.targets")}
          headers={[
            t("steering.indicator"),
            t("steering.target.label"),
            t("steering.latest"),
            t("steering.statusLabel"),
            t("steering.goal.remove"),
          ]}
        >
          {d.targets.map((x) => (
            <tr key={x.linkId} className="kern-table__row">
              <th scope="row" className="kern-table__cell">
                {x.indicator.name}
              </th>
              <td className="kern-table__cell">
                <TargetText e={x} />
              </td>
              <td className="kern-table__cell">
                <LatestValue e={x} />
              </td>
              <td className="kern-table__cell">
                <AttainmentBadge status={x.attainment?.status ?? "no_data"} />
              </td>
              <td className="kern-table__cell">
                <ActionForm intent="remove" hidden={{ id: x.linkId }} submit={t("steering.goal.remove")}>
                  {null}
                </ActionForm>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <RuleNote />
      <ActionForm
        intent="add"
        heading={t("steering.goal.add")}
        headingId="add-target"
        errors={e}
        submit={t("steering.goal.add")}
        primary
      >
        <Select name="indicator" label={t("steering.indicator")} error={e?.indicator} options={d.indicators} required />
        <Select
          name="area"
          label={t("steering.area")}
          hint={t("steering.goal.areaHint")}
          error={e?.area}
          options={[{ value: "", label: t("steering.wholeTown") }, ...d.areas]}
        />
        <Field name="group" label={t("steering.group")} hint={t("steering.goal.groupHint")} error={e?.group} />
        <Select
          name="kind"
          label={t("steering.target.kind")}
          error={e?.kind}
          options={[
            { value: "value", label: t("steering.target.kinds.value") },
            { value: "parity", label: t("steering.target.kinds.parity") },
          ]}
          required
        />
        <Field
          name="targetValue"
          label={t("steering.target.valueLabel")}
          hint={t("steering.goal.valueHint")}
          error={e?.targetValue}
          inputMode="decimal"
        />
        <Field
          name="compareGroup"
          label={t("steering.target.compareGroup")}
          hint={t("steering.goal.compareHint")}
          error={e?.compareGroup}
        />
        <Select
          name="direction"
          label={t("steering.target.direction")}
          error={e?.direction}
          options={[
            { value: "hoch", label: t("steering.target.directions.hoch") },
            { value: "niedrig", label: t("steering.target.directions.niedrig") },
          ]}
          required
        />
        <Field name="targetYear" label={t("steering.target.year")} error={e?.targetYear} inputMode="numeric" />
        <Field
          name="baseYear"
          label={t("steering.target.baseYear")}
          hint={t("steering.goal.baseHint")}
          error={e?.baseYear}
          inputMode="numeric"
        />
        <Field name="note" label={t("steering.target.note")} type="textarea" error={e?.note} />
      </ActionForm>
    </>
  );
}
