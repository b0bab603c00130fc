import "../steering.css";
import { data, Link, redirect } from "react-router";
import type { Route } from "./+types/staff-measure";
import { failureErrors, requireRole, tenantContext, tenantTx, tFor } from "~/kernel/http/context";
import { ActionForm, Alert, Checkbox, formValues, PageTitle } from "~/kernel/ui/forms";
import { useT } from "~/kernel/ui/hooks";
import { getMeasureRow } from "~/modules/concept";
import { indicatorCatalogue, listAreas } from "~/modules/monitoring";
import { measureLinksOf, setMeasureLinks } from "../services/links";

// Which indicators a measure is meant to move and in which areas it works: the links that let an
// area profile show the measures there and a report show a measure beside the data it should change.
export async function loader({ params, request, context }: Route.LoaderArgs) {
  requireRole(context, "editor");
  const { tenant } = context.get(tenantContext);
  return tenantTx(context, async (tx) => {
    const m = await getMeasureRow(tx, params.measureId);
    if (!m) throw data({ message: tFor(context)("steering.errors.measureMissing") }, { status: 404 });
    const links = await measureLinksOf(tx, [m.id]);
    const chosenInd = new Set(links.indicators.map((l) => l.indicatorId));
    const chosenArea = new Set(links.areas.map((l) => l.areaId));
    const indicators = await indicatorCatalogue(tx, { publicOnly: false });
    const areas = (await listAreas(tx)).filter((a) => a.level !== "stadt");
    return {
      slug: tenant.slug,
      measure: { id: m.id, code: m.code, title: m.title },
      indicators: indicators.map((i) => ({ code: i.code, label: `${i.name} (${i.unit})`, on: chosenInd.has(i.id) })),
      areas: areas.map((a) => ({
        ref: `${a.level}:${a.key}`,
        label: `${a.name} (${a.key})`,
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
  const title = t("steering.measure.title", { code: d.measure.code });
  const levels = [...new Set(d.areas.map((a) => a.level))];
  return (
    <>
      <PageTitle>{title}</PageTitle>
      <p>
        <Link className="kern-link" to={`/t/${d.slug}/verwaltung/massnahmen/${d.measure.id}`}>
          {d.measure.title}
        </Link>
      </p>
      <h1 className="kern-heading-large">{title}</h1>
      <p className="kern-body">{t("steering.measure.intro")}</p>
      {d.done && <Alert kind="success">{t("steering.measure.saved")}</Alert>}
      <ActionForm
        intent="save"
        errors={actionData?.errors as Record<string, string> | undefined}
        submit={t("steering.measure.save")}
        primary
      >
        <fieldset className="kern-fieldset">
          <legend className="kern-label">{t("steering.measure.indicators")}</legend>
          <div className="kern-fieldset__body steering-checklist">
            {d.indicators.map((i) => (
              <Checkbox
                key={i.code}
                id={`ind-${i.code}`}
                name="indicator"
                value={i.code}
                label={i.label}
                defaultChecked={i.on}
              />
            ))}
          </div>
        </fieldset>
        {levels.map((level) => (
          <fieldset key={level} className="kern-fieldset">
            <legend className="kern-label">
              {t("steering.measure.areas", { level: t(`steering.levels.${level}`, { defaultValue: level }) })}
            </legend>
            <div className="kern-fieldset__body steering-checklist">
              {d.areas
                .filter((a) => a.level === level)
                .map((a) => (
                  <Checkbox
                    key={a.ref}
                    id={`area-${a.ref.replace(":", "-")}`}
                    name="area"
                    value={a.ref}
                    label={a.label}
                    defaultChecked={a.on}
                  />
                ))}
            </div>
          </fieldset>
        ))}
      </ActionForm>
    </>
  );
}
