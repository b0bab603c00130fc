import "../surveys/strings";
import { data, Link, redirect } from "react-router";
import type { Route } from "./+types/surveys-results";
import { errorText, failureErrors, requireRole, tenantContext, tenantTx } from "~/kernel/http/context";
import { roleAtLeast } from "~/kernel/roles";
import { ActionForm, Alert, Field, PageTitle } from "~/kernel/ui/forms";
import { DataTable } from "~/kernel/ui/table";
import { useFormat, useT } from "~/kernel/ui/hooks";
import { surveyResults, type ResultRow } from "../surveys/results";
import { takeSurveyIntoSeries } from "../surveys/series";
import { numberField, surveyOr404 } from "../surveys/http.server";
import { staffPath } from "../surveys/constants";
import { DemoNote } from "../surveys/ui";

// A closed survey's results (409 before): every breakdown with k and complementary suppression, the
// response rate and the methodology note; a users survey compared with the population share.
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const role = requireRole(context, "viewer");
  const { tenant } = context.get(tenantContext);
  const r = await tenantTx(context, async (tx) => surveyResults(tx, (await surveyOr404(context, tx, params.id)).id));
  if (!r.ok)
    throw data({ message: errorText(context, r.error) }, { status: r.error.code.endsWith("notClosed") ? 409 : 404 });
  return {
    slug: tenant.slug,
    results: r.value,
    canEdit: roleAtLeast(role, "editor"),
    done: new URL(request.url).searchParams.get("ok") === "series",
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  requireRole(context, "editor");
  const { tenant } = context.get(tenantContext);
  const f = await request.formData();
  const year = numberField(f.get("year")) ?? NaN;
  const r = await tenantTx(context, async (tx) =>
    Number.isInteger(year) && year >= 1990 && year <= 2100
      ? takeSurveyIntoSeries(tx, (await surveyOr404(context, tx, params.id)).id, year)
      : ({ ok: false, error: { code: "opening.surveys.errors.year" }, field: "year" } as const),
  );
  if (!r.ok)
    return data(
      { errors: failureErrors(context, r), values: { intent: "series", year: String(f.get("year") ?? "") } },
      { status: 400 },
    );
  return redirect(staffPath(tenant.slug, `/${params.id}/ergebnisse?ok=series`));
}

function ResultTable({
  caption,
  groups,
  rows,
  groupLabel,
  share,
}: {
  caption: string;
  groups: string[];
  rows: ResultRow[];
  groupLabel: (g: string) => string;
  share: boolean;
}) {
  const t = useT();
  const fmt = useFormat();
  const label = (r: ResultRow) =>
    r.kind === "all"
      ? t("opening.surveys.results.all")
      : r.kind === "none"
        ? t("opening.surveys.results.none")
        : r.kind === "self"
          ? t("opening.surveys.results.self", { name: r.name })
          : r.name!;
  const cell = (c: ResultRow["cells"][string], key: string) =>
    c.value === null ? (
      <td key={key} className="kern-table__cell kern-table__cell--numeric">
        <span aria-hidden="true">{t("opening.surveys.results.hidden")}</span>
        <span className="kern-sr-only">
          {c.hidden === "complementary"
            ? t("opening.surveys.results.hiddenComplementary")
            : t("opening.surveys.results.hiddenLabel")}
        </span>
      </td>
    ) : (
      <td key={key} className="kern-table__cell kern-table__cell--numeric">
        {c.value}
      </td>
    );
  return (
    <DataTable
      caption={caption}
      headers={[
        t("opening.surveys.results.unit"),
        { label: t("opening.surveys.results.respondents"), numeric: true },
        ...groups.map((g) => ({ label: groupLabel(g), numeric: true })),
        ...(share ? [{ label: t("opening.surveys.results.share"), numeric: true }] : []),
      ]}
    >
      {rows.map((r) => (
        <tr key={r.node} className="kern-table__row">
          <th scope="row" className="kern-table__cell" style={{ paddingInlineStart: `${r.depth * 1.25 + 0.5}rem` }}>
            {label(r)}
          </th>
          {cell(r.cells.total, "total")}
          {groups.map((g) => cell(r.cells[g], g))}
          {share && (
            <td className="kern-table__cell kern-table__cell--numeric">
              {r.share === null ? t("opening.surveys.results.hidden") : `${fmt.number(r.share, 1)} %`}
            </td>
          )}
        </tr>
      ))}
    </DataTable>
  );
}

export default function SurveyResultsPage({ loaderData: d, actionData: a }: Route.ComponentProps) {
  const t = useT();
  const r = d.results;
  const s = r.survey;
  const fmt = useFormat();
  const rate = fmt.number(r.responseRate, 1);
  const root = r.migration.rows[0];
  const errors = a?.errors as Record<string, string> | undefined;
  return (
    <>
      <PageTitle>{t("opening.surveys.results.title", { title: s.title })}</PageTitle>
      <p>
        <Link className="kern-link" to={staffPath(d.slug, `/${s.id}`)}>
          {s.title}
        </Link>
      </p>
      <h1 className="kern-heading-large">{t("opening.surveys.results.title", { title: s.title })}</h1>
      <DemoNote show={s.isDemo} />
      {d.done && <Alert kind="success">{t("opening.surveys.detail.done.series")}</Alert>}
      <p className="kern-body">
        {t("opening.surveys.results.response", { n: r.answers, headcount: s.headcount, rate })}
      </p>

      <h2 className="kern-heading-medium">{t("opening.surveys.results.migrationTitle")}</h2>
      <ResultTable
        caption={t("opening.surveys.results.migrationTitle")}
        groups={r.migration.groups}
        rows={r.migration.rows}
        groupLabel={(g) => t(`opening.surveys.public.migrationAnswers.${g}`)}
        share
      />

      <h2 className="kern-heading-medium">{t("opening.surveys.results.languagesTitle")}</h2>
      {r.languages.groups.length === 0 ? (
        <p className="kern-body">{t("opening.surveys.results.noLanguages")}</p>
      ) : (
        <ResultTable
          caption={t("opening.surveys.results.languagesTitle")}
          groups={r.languages.groups}
          rows={r.languages.rows}
          groupLabel={(g) => t(`opening.surveys.languages.${g}`)}
          share={false}
        />
      )}

      {s.kind === "users" && (
        <>
          <h2 className="kern-heading-medium">{t("opening.surveys.results.comparison")}</h2>
          <p className="kern-body">
            {r.benchmark
              ? t("opening.surveys.results.comparisonText", {
                  share:
                    root.share === null
                      ? t("opening.surveys.results.shareHiddenValue")
                      : `${fmt.number(root.share, 1)} %`,
                  benchmark: fmt.number(r.benchmark.share, 1),
                  source: r.benchmark.source,
                })
              : t("opening.surveys.results.comparisonMissing")}
          </p>
        </>
      )}

      <section aria-labelledby="methodik" className="survey-method">
        <h2 id="methodik" className="kern-heading-medium">
          {t("opening.surveys.results.methodTitle")}
        </h2>
        <p className="kern-body">
          {t("opening.surveys.results.method", {
            mode: t(`opening.surveys.modes.${s.mode}`),
            from: fmt.date(s.opensOn),
            to: fmt.date(s.closesOn),
            k: r.k,
            hidden: r.hiddenCells,
            complementary: r.complementaryCells,
            rate,
            n: r.answers,
            headcount: s.headcount,
          })}
        </p>
        {s.rolling && (
          <p className="kern-body">
            {t("opening.surveys.results.methodRolling", { k: r.k, releases: r.releases.length })}
          </p>
        )}
      </section>

      {d.canEdit && s.kind === "staff" && s.status === "closed" && (
        <ActionForm intent="series" errors={errors} submit={t("opening.surveys.results.toSeries")}>
          <Field
            name="year"
            inputMode="numeric"
            label={t("opening.surveys.results.toSeriesYear")}
            required
            defaultValue={s.closesOn.slice(0, 4)}
            error={errors?.year}
          />
        </ActionForm>
      )}
    </>
  );
}
