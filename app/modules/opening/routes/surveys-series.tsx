import "../surveys/strings";
import { data, Form, Link, redirect } from "react-router";
import type { Route } from "./+types/surveys-series";
import { fieldErrors, requireRole, tenantContext, tenantTx } from "~/kernel/http/context";
import { listOrganisations } from "~/kernel/organisations/service";
import { roleAtLeast } from "~/kernel/roles";
import { ActionForm, Alert, Field, PageTitle, Select } from "~/kernel/ui/forms";
import { DataTable } from "~/kernel/ui/table";
import { useFormat, useT } from "~/kernel/ui/hooks";
import { BenchmarkInput, benchmarkOf, SeriesInput, seriesOf, setBenchmark, setSeriesPoint } from "../surveys/series";
import { populationShare } from "../surveys/results";
import { numberField, optional } from "../surveys/http.server";
import { BENCHMARK_KINDS, SERIES_STATES, staffPath } from "../surveys/constants";
import { SeriesChart } from "../surveys/chart";

// The staff-share series of one organisation (?org=; none: the own administration): chart, table,
// CSV, and forms to enter a year (a value with its source, or "nicht erhoben" with a reason) and the
// benchmark (population share, entered or from the monitoring, or a target).
export async function loader({ request, context }: Route.LoaderArgs) {
  const role = requireRole(context, "viewer");
  const { tenant } = context.get(tenantContext);
  const url = new URL(request.url);
  const org = url.searchParams.get("org") || null;
  return tenantTx(context, async (tx) => {
    const orgs = (await listOrganisations(tx)).map((o) => ({ value: o.id, label: o.name }));
    const organisationId = org && orgs.some((o) => o.value === org) ? org : null;
    return {
      slug: tenant.slug,
      orgs,
      organisationId,
      points: await seriesOf(tx, organisationId),
      benchmark: await benchmarkOf(tx, organisationId),
      monitoring: await populationShare(tx),
      canEdit: roleAtLeast(role, "editor"),
      saved: url.searchParams.get("ok") === "1",
    };
  });
}

export async function action({ request, context }: Route.ActionArgs) {
  requireRole(context, "editor");
  const { tenant } = context.get(tenantContext);
  const f = await request.formData();
  const organisationId = optional(f.get("organisationId"));
  const intent = String(f.get("intent") ?? "");
  const values = Object.fromEntries([...f.entries()].filter(([k]) => k !== "_csrf").map(([k, v]) => [k, String(v)]));
  const bad = (issues: Parameters<typeof fieldErrors>[1]) =>
    data({ errors: fieldErrors(context, issues), values }, { status: 400 });
  if (intent === "point") {
    const p = SeriesInput.safeParse({
      organisationId,
      year: numberField(f.get("year")),
      state: optional(f.get("state")),
      share: numberField(f.get("share")),
      source: optional(f.get("source")),
      reason: optional(f.get("reason")),
    });
    if (!p.success) return bad(p.error.issues);
    await tenantTx(context, (tx) => setSeriesPoint(tx, p.data));
  } else {
    const b = BenchmarkInput.safeParse({
      organisationId,
      kind: optional(f.get("kind")),
      share: numberField(f.get("share")),
      source: optional(f.get("source")),
    });
    if (!b.success) return bad(b.error.issues);
    await tenantTx(context, (tx) => setBenchmark(tx, b.data));
  }
  return redirect(staffPath(tenant.slug, `/zeitreihe?org=${organisationId ?? ""}&ok=1`));
}

export default function SeriesPage({ loaderData: d, actionData: a }: Route.ComponentProps) {
  const t = useT();
  const fmt = useFormat();
  const k = "opening.surveys.series";
  const errors = a?.errors as Record<string, string> | undefined;
  const errorsFor = (intent: string) => (a?.values?.intent === intent ? errors : undefined);
  const hidden = { organisationId: d.organisationId ?? "" };
  return (
    <>
      <PageTitle>{t(`${k}.title`)}</PageTitle>
      <p>
        <Link className="kern-link" to={staffPath(d.slug)}>
          {t("opening.surveys.title")}
        </Link>
      </p>
      <h1 className="kern-heading-large">{t(`${k}.title`)}</h1>
      <p className="kern-body">{t(`${k}.intro`)}</p>
      {d.saved && <Alert kind="success">{t(`${k}.saved`)}</Alert>}
      <Form method="get" className="form-grid">
        <Select
          name="org"
          label={t(`${k}.organisation`)}
          defaultValue={d.organisationId ?? ""}
          options={[{ value: "", label: t("opening.surveys.ownAdministration") }, ...d.orgs]}
        />
        <div>
          <button type="submit" className="kern-btn kern-btn--secondary">
            <span className="kern-label">{t(`${k}.show`)}</span>
          </button>
        </div>
      </Form>

      <h2 className="kern-heading-medium">{t(`${k}.benchmark`)}</h2>
      <p className="kern-body">
        {d.benchmark
          ? t(`${k}.benchmarkRow`, {
              kind: t(`${k}.benchmarkKinds.${d.benchmark.kind}`),
              share: fmt.number(d.benchmark.share, 1),
              source: d.benchmark.source,
            })
          : t(`${k}.benchmarkNone`)}
      </p>

      {d.points.length === 0 ? (
        <p className="kern-body">{t(`${k}.empty`)}</p>
      ) : (
        <>
          <SeriesChart points={d.points} benchmark={d.benchmark?.share ?? null} />
          <DataTable
            caption={t(`${k}.title`)}
            headers={[
              t(`${k}.year`),
              { label: t(`${k}.share`), numeric: true },
              t(`${k}.state`),
              t(`${k}.source`),
              t(`${k}.reason`),
            ]}
          >
            {d.points.map((p) => (
              <tr key={p.year} className="kern-table__row">
                <th scope="row" className="kern-table__cell">
                  {p.year}
                </th>
                <td className="kern-table__cell kern-table__cell--numeric">
                  {p.state === "value" ? fmt.number(p.share, 2) : t(`${k}.notCollected`)}
                </td>
                <td className="kern-table__cell">{t(`${k}.states.${p.state}`)}</td>
                <td className="kern-table__cell">{p.source ?? ""}</td>
                <td className="kern-table__cell">{p.reason ?? ""}</td>
              </tr>
            ))}
          </DataTable>
          <p>
            <a className="kern-link" href={staffPath(d.slug, `/zeitreihe.csv?org=${d.organisationId ?? ""}`)} download>
              {t(`${k}.csv`)}
            </a>
          </p>
        </>
      )}

      {d.canEdit && (
        <>
          <ActionForm
            intent="point"
            hidden={hidden}
            heading={t(`${k}.setPoint`)}
            headingId="set-point"
            errors={errorsFor("point")}
            submit={t(`${k}.setPoint`)}
          >
            <Field name="year" inputMode="numeric" label={t(`${k}.year`)} required error={errorsFor("point")?.year} />
            <Select
              name="state"
              label={t(`${k}.state`)}
              required
              defaultValue="value"
              error={errorsFor("point")?.state}
              options={SERIES_STATES.map((s) => ({ value: s, label: t(`${k}.states.${s}`) }))}
            />
            <Field
              name="share"
              id="f-point-share"
              inputMode="decimal"
              label={t(`${k}.share`)}
              error={errorsFor("point")?.share}
            />
            <Field name="source" id="f-point-source" label={t(`${k}.source`)} error={errorsFor("point")?.source} />
            <Field name="reason" label={t(`${k}.reason`)} error={errorsFor("point")?.reason} />
          </ActionForm>
          <ActionForm
            intent="benchmark"
            hidden={hidden}
            heading={t(`${k}.setBenchmark`)}
            headingId="set-benchmark"
            errors={errorsFor("benchmark")}
            submit={t(`${k}.setBenchmark`)}
          >
            {d.monitoring && (
              <p className="kern-hint">
                {t(`${k}.benchmarkMonitoring`, { share: fmt.number(d.monitoring.share, 1) })}: {d.monitoring.source}
              </p>
            )}
            <Select
              name="kind"
              label={t(`${k}.benchmark`)}
              required
              defaultValue={d.benchmark?.kind ?? "population"}
              options={BENCHMARK_KINDS.map((b) => ({ value: b, label: t(`${k}.benchmarkKinds.${b}`) }))}
            />
            <Field
              name="share"
              id="f-benchmark-share"
              inputMode="decimal"
              label={t(`${k}.share`)}
              required
              defaultValue={d.benchmark?.share ?? d.monitoring?.share ?? null}
              error={errorsFor("benchmark")?.share}
            />
            <Field
              name="source"
              id="f-benchmark-source"
              label={t(`${k}.source`)}
              required
              defaultValue={d.benchmark?.source ?? d.monitoring?.source ?? null}
              error={errorsFor("benchmark")?.source}
            />
          </ActionForm>
        </>
      )}
    </>
  );
}
