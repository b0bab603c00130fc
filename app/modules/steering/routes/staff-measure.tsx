import "./strings";
import "../steering.css";
import { data, Link, redirect } from "react-router";
import type { Route } from "./+types/staff-measure";
import { failureErrors, requireRole, tenantContext, tenantTx, tFor } from "~/kernel/http/context";
import { roleAtLeast } from "~/kernel/roles";
import { ActionForm, Alert, formValues, PageTitle } from "~/kernel/ui/forms";
import { useFormat, useT } from "~/kernel/ui/hooks";
import { ChoiceList } from "~/kernel/ui/picker";
import { DataTable } from "~/kernel/ui/table";
import { getMeasureRow, measureRecords } from "~/modules/concept";
import { indicatorCatalogue, listAreas } from "~/modules/monitoring";
import { measureLinksOf, setMeasureLinks } from "../services/links";
import { areaChoiceGroups } from "../area-choices";

// Which indicators a measure is meant to move and in which areas it works: the links that let an
// area profile show the measures there and a report show a measure beside the data it should change.
// Beside them the measure's status history with every reason, for controlling; viewers read, editors
// change the links.
export async function loader({ params, request, context }: Route.LoaderArgs) {
  const role = requireRole(context, "viewer");
  const { tenant } = context.get(tenantContext);
  return tenantTx(context, async (tx) => {
    const m = await getMeasureRow(tx, params.measureId);
    if (!m) throw data({ message: tFor(context)("steering.errors.measureMissing") }, { status: 404 });
    const links = await measureLinksOf(tx, [m.id]);
    const chosenInd = new Set(links.indicators.map((l) => l.indicatorId));
    const chosenArea = new Set(links.areas.map((l) => l.areaId));
    const indicators = await indicatorCatalogue(tx, { publicOnly: false });
    const areas = (await listAreas(tx)).filter((a) => a.level !== "stadt");
    const records = await measureRecords(tx, [m.id]);
    return {
      slug: tenant.slug,
      canEdit: roleAtLeast(role, "editor"),
      measure: { id: m.id, code: m.code, title: m.title, status: m.status },
      // Oldest first: the history reads as it happened.
      history: (records.statusChanges.get(m.id) ?? []).map((c) => ({
        id: c.id,
        on: c.changedOn,
        from: c.fromStatus,
        to: c.toStatus,
        reason: c.reason,
        who: c.actorLabel,
      })),
      indicators: indicators.map((i) => ({ code: i.code, label: `${i.name} (${i.unit})`, on: chosenInd.has(i.id) })),
      areas: areas.map((a) => ({
        id: a.id,
        parentId: a.parentId,
        ref: `${a.level}:${a.key}`,
        name: a.name,
        level: a.level,
        on: chosenArea.has(a.id),
      })),
      done: new URL(request.url).searchParams.get("ok") === "saved",
    };
  });
}

export async function action({ params, request, context }: Route.ActionArgs) {
  requireRole(context, "editor");
  const { tenant } = context.get(tenantContext);
  const f = await request.formData();
  const r = await tenantTx(context, (tx) =>
    setMeasureLinks(tx, params.measureId, {
      indicators: f.getAll("indicator").map(String),
      areas: f.getAll("area").map(String),
    }),
  );
  if (!r.ok) return data({ intent: "save", errors: failureErrors(context, r), values: formValues(f) }, { status: 400 });
  return redirect(`/t/${tenant.slug}/verwaltung/steuerung/massnahme/${params.measureId}?ok=saved`);
}

export default function SteeringMeasure({ loaderData: d, actionData }: Route.ComponentProps) {
  const t = useT();
  const f = useFormat();
  const title = t("steering.measure.title", { code: d.measure.code });
  const areaGroups = areaChoiceGroups(d.areas, {
    level: (l) => t(`monitoring.levels.${l}`, { defaultValue: l }),
    levels: (l) => t(`steering.levels.${l}`, { defaultValue: l }),
    whole: (area) => t("steering.measure.wholeArea", { area }),
  });
  const areaName = new Map(areaGroups.flatMap((g) => g.options.map((o) => [o.value, o.fullLabel ?? o.label])));
  return (
    <>
      <PageTitle>{title}</PageTitle>
      <p>
        <Link className="kern-link" to={`/t/${d.slug}/verwaltung/massnahmen/${d.measure.id}`}>
          {d.measure.title}
        </Link>
      </p>
      <h1 className="kern-heading-large">{title}</h1>
      <p className="kern-body">
        {t("steering.dashboard.status")}: {t(`concept.status.${d.measure.status}`)}
      </p>
      <section aria-labelledby="h-history" className="stack">
        <h2 id="h-history" className="kern-heading-medium">
          {t("steering.measure.history")}
        </h2>
        {d.history.length === 0 ? (
          <p className="kern-body">{t("steering.measure.noHistory")}</p>
        ) : (
          <DataTable
            small
            caption={t("steering.measure.history")}
            headers={[
              t("steering.measure.historyOn"),
              t("steering.measure.historyChange"),
              t("steering.measure.historyReason"),
              t("steering.measure.historyWho"),
            ]}
          >
            {d.history.map((h) => (
              <tr key={h.id} className="kern-table__row">
                <td className="kern-table__cell">{f.date(h.on)}</td>
                <td className="kern-table__cell">
                  {h.from
                    ? t("steering.measure.historyFromTo", {
                        from: t(`concept.status.${h.from}`),
                        to: t(`concept.status.${h.to}`),
                      })
                    : t(`concept.status.${h.to}`)}
                </td>
                <td className="kern-table__cell">{h.reason}</td>
                <td className="kern-table__cell">{h.who}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
      <h2 className="kern-heading-medium">{t("steering.measure.links")}</h2>
      <p className="kern-body">{t("steering.measure.intro")}</p>
      {d.done && <Alert kind="success">{t("steering.measure.saved")}</Alert>}
      {d.canEdit ? (
        <ActionForm
          intent="save"
          errors={actionData?.errors as Record<string, string> | undefined}
          submit={t("steering.measure.save")}
          primary
        >
          <ChoiceList
            name="indicator"
            legend={t("steering.measure.indicators")}
            options={d.indicators.map((i) => ({ value: i.code, label: i.label }))}
            defaultValues={d.indicators.filter((i) => i.on).map((i) => i.code)}
          />
          <ChoiceList
            name="area"
            legend={t("steering.measure.areas")}
            groups={areaGroups}
            defaultValues={d.areas.filter((a) => a.on).map((a) => a.ref)}
          />
        </ActionForm>
      ) : (
        <ul className="kern-body">
          {d.indicators
            .filter((i) => i.on)
            .map((i) => (
              <li key={i.code}>{i.label}</li>
            ))}
          {d.areas
            .filter((a) => a.on)
            .map((a) => (
              <li key={a.ref}>{areaName.get(a.ref)}</li>
            ))}
        </ul>
      )}
    </>
  );
}
