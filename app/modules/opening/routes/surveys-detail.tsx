import "../surveys/strings";
import { data, Link, redirect } from "react-router";
import type { Route } from "./+types/surveys-detail";
import { failureErrors, fieldErrors, requireRole, tenantContext, tenantTx } from "~/kernel/http/context";
import { listOrganisations } from "~/kernel/organisations/service";
import type { Result } from "~/kernel/errors";
import { roleAtLeast } from "~/kernel/roles";
import {
  ActionForm,
  Alert,
  ErrorSummary,
  Field,
  formValues,
  PageTitle,
  Select,
  SubmittedValues,
  PostForm,
} from "~/kernel/ui/forms";
import { useT } from "~/kernel/ui/hooks";
import {
  addUnit,
  answerCount,
  closeSurvey,
  CouncilInput,
  generateCodes,
  listReleases,
  listUnits,
  openSurvey,
  recordCouncilAgreement,
  releaseBatch,
  SurveyInput,
  UnitInput,
  unreleasedAnswers,
  unusedCodes,
  updateSurvey,
} from "../surveys/service";
import { numberField, optional, surveyFromForm, surveyOr404 } from "../surveys/http.server";
import { MAX_CODES, publicPath, staffPath } from "../surveys/constants";
import { DemoNote, SurveyFields } from "../surveys/ui";

// One survey: its details (editable as a draft), the staff council's agreement, work areas, opening
// and closing, single-use codes (shown once, for printing) and, for a rolling survey, its releases.
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const role = requireRole(context, "viewer");
  const { tenant } = context.get(tenantContext);
  return tenantTx(context, async (tx) => {
    const s = await surveyOr404(context, tx, params.id);
    return {
      slug: tenant.slug,
      origin: new URL(request.url).origin,
      survey: s,
      answers: s.status === "closed" || s.rolling ? await answerCount(tx, s.id) : null,
      units: await listUnits(tx, s.id),
      unusedCodes: s.mode === "codes" ? await unusedCodes(tx, s.id) : 0,
      releases: s.rolling ? await listReleases(tx, s.id) : [],
      unreleased: s.rolling ? await unreleasedAnswers(tx, s.id) : 0,
      orgs: (await listOrganisations(tx)).map((o) => ({ value: o.id, label: o.name })),
      canEdit: roleAtLeast(role, "editor"),
      done: new URL(request.url).searchParams.get("ok"),
    };
  });
}

export async function action({ request, params, context }: Route.ActionArgs) {
  requireRole(context, "editor");
  const { tenant } = context.get(tenantContext);
  const f = await request.formData();
  const intent = String(f.get("intent") ?? "");
  const back = (ok: string) => redirect(staffPath(tenant.slug, `/${params.id}?ok=${ok}`));
  const refused = (r: Result<unknown>) =>
    r.ok ? null : data({ errors: failureErrors(context, r), values: formValues(f), codes: null }, { status: 400 });
  if (intent === "save") {
    const parsed = SurveyInput.safeParse(surveyFromForm(f));
    if (!parsed.success)
      return data(
        { errors: fieldErrors(context, parsed.error.issues), values: formValues(f), codes: null },
        { status: 400 },
      );
    const r = await tenantTx(context, async (tx) =>
      updateSurvey(tx, (await surveyOr404(context, tx, params.id)).id, parsed.data),
    );
    return refused(r) ?? back("saved");
  }
  const invalid = (issues: Parameters<typeof fieldErrors>[1]) =>
    data({ errors: fieldErrors(context, issues), values: formValues(f), codes: null }, { status: 400 });
  if (intent === "council") {
    const c = CouncilInput.safeParse({ agreedOn: f.get("agreedOn"), reference: f.get("reference") });
    if (!c.success) return invalid(c.error.issues);
    const r = await tenantTx(context, async (tx) =>
      recordCouncilAgreement(tx, (await surveyOr404(context, tx, params.id)).id, c.data),
    );
    return refused(r) ?? back("council");
  }
  if (intent === "unit") {
    const u = UnitInput.safeParse({ name: f.get("name"), parentId: optional(f.get("parentId")) });
    if (!u.success) return invalid(u.error.issues);
    const r = await tenantTx(context, async (tx) =>
      addUnit(tx, (await surveyOr404(context, tx, params.id)).id, u.data),
    );
    return refused(r) ?? back("unit");
  }
  if (intent === "open" || intent === "close" || intent === "release") {
    const run = { open: openSurvey, close: closeSurvey, release: releaseBatch }[intent];
    const r = await tenantTx(context, async (tx) => run(tx, (await surveyOr404(context, tx, params.id)).id));
    return refused(r) ?? back({ open: "opened", close: "closed", release: "released" }[intent]);
  }
  if (intent === "codes") {
    const r = await tenantTx(context, async (tx) =>
      generateCodes(tx, (await surveyOr404(context, tx, params.id)).id, numberField(f.get("count")) ?? NaN),
    );
    if (!r.ok) return refused(r)!;
    return { errors: null, values: null, codes: r.value };
  }
  throw data({ message: "unknown intent" }, { status: 400 });
}

export default function SurveyDetail({ loaderData: d, actionData: a }: Route.ComponentProps) {
  const t = useT();
  const s = d.survey;
  const errors = a?.errors as Record<string, string> | undefined;
  const values = a?.values as Record<string, unknown> | undefined;
  const errorsFor = (intent: string) => (values?.intent === intent ? errors : undefined);
  const link = d.origin + publicPath(d.slug, s.id);
  const entry = d.origin + publicPath(d.slug);
  if (a?.codes)
    return (
      <>
        <PageTitle>{t("opening.surveys.detail.codesTitle", { n: a.codes.length })}</PageTitle>
        <h1 className="kern-heading-large">{t("opening.surveys.detail.codesTitle", { n: a.codes.length })}</h1>
        <p className="kern-body">{t("opening.surveys.detail.codesHint")}</p>
        <ol className="survey-codes">
          {a.codes.map((c) => (
            <li key={c} className="survey-code">
              {t("opening.surveys.detail.codeSlip", { title: s.title, code: c, url: entry })}
            </li>
          ))}
        </ol>
        <p>
          <Link className="kern-link" to={staffPath(d.slug, `/${s.id}`)}>
            {s.title}
          </Link>
        </p>
      </>
    );
  return (
    <>
      <PageTitle>{s.title}</PageTitle>
      <p>
        <Link className="kern-link" to={staffPath(d.slug)}>
          {t("opening.surveys.title")}
        </Link>
      </p>
      <h1 className="kern-heading-large">{s.title}</h1>
      <DemoNote show={s.isDemo} />
      {d.done && <Alert kind="success">{t(`opening.surveys.detail.done.${d.done}`)}</Alert>}
      {errors && !values?.intent && <ErrorSummary errors={errors} />}
      {errors && (values?.intent === "open" || values?.intent === "close" || values?.intent === "release") && (
        <Alert kind="danger">{Object.values(errors).join(" ")}</Alert>
      )}
      <h2 className="kern-heading-medium">{t("opening.surveys.detail.data")}</h2>
      <ul className="kern-list">
        <li>
          {t("opening.surveys.columns.organisation")}: {s.organisationName ?? t("opening.surveys.ownAdministration")}
        </li>
        <li>
          {t("opening.surveys.columns.kind")}: {t(`opening.surveys.kinds.${s.kind}`)}
        </li>
        <li>{t("opening.surveys.detail.period", { from: s.opensOn, to: s.closesOn, label: s.periodLabel })}</li>
        <li>
          {t("opening.surveys.form.mode")}: {t(`opening.surveys.modes.${s.mode}`)}
        </li>
        <li>
          {t("opening.surveys.columns.status")}: {t(`opening.surveys.states.${s.status}`)}
        </li>
        <li>{t("opening.surveys.detail.headcount", { n: s.headcount })}</li>
        {s.status !== "draft" && (s.status === "closed" || s.rolling) && (
          <li>{t("opening.surveys.detail.answers", { n: d.answers })}</li>
        )}
        {s.mode === "codes" && s.status !== "closed" && (
          <li>{t("opening.surveys.detail.unusedCodes", { n: d.unusedCodes })}</li>
        )}
      </ul>
      {s.status === "open" && (
        <p className="kern-body">
          {t("opening.surveys.detail.publicLink")}:{" "}
          <a className="kern-link" href={s.mode === "codes" ? entry : link}>
            {s.mode === "codes" ? entry : link}
          </a>
        </p>
      )}
      {(s.status === "closed" || (s.rolling && d.releases.length > 0)) && (
        <p>
          <Link className="kern-btn kern-btn--secondary" to={staffPath(d.slug, `/${s.id}/ergebnisse`)}>
            <span className="kern-label">{t("opening.surveys.detail.results")}</span>
          </Link>
        </p>
      )}

      <h2 className="kern-heading-medium">{t("opening.surveys.detail.council")}</h2>
      <p className="kern-body">
        {s.councilAgreedOn
          ? t("opening.surveys.detail.councilRecorded", {
              date: s.councilAgreedOn,
              reference: s.councilReference ?? "",
            })
          : t("opening.surveys.detail.councilMissing")}
      </p>
      {d.canEdit && s.status === "draft" && (
        <ActionForm intent="council" errors={errorsFor("council")} submit={t("opening.surveys.detail.councilSave")}>
          <Field
            name="agreedOn"
            type="date"
            label={t("opening.surveys.detail.councilDate")}
            required
            defaultValue={s.councilAgreedOn}
            error={errorsFor("council")?.agreedOn}
          />
          <Field
            name="reference"
            label={t("opening.surveys.detail.councilReference")}
            required
            defaultValue={s.councilReference}
            error={errorsFor("council")?.reference}
          />
        </ActionForm>
      )}

      <h2 className="kern-heading-medium">{t("opening.surveys.detail.units")}</h2>
      <p className="kern-hint">{t("opening.surveys.detail.unitsHint")}</p>
      {d.units.length === 0 ? (
        <p className="kern-body">{t("opening.surveys.detail.noUnits")}</p>
      ) : (
        <ul className="kern-list">
          {d.units.map((u) => (
            <li key={u.id}>
              {u.name}
              {u.parentId && ` (${d.units.find((p) => p.id === u.parentId)?.name ?? ""})`}
            </li>
          ))}
        </ul>
      )}
      {d.canEdit && s.status === "draft" && (
        <ActionForm intent="unit" errors={errorsFor("unit")} submit={t("opening.surveys.detail.unitAdd")}>
          <Field name="name" label={t("opening.surveys.detail.unitName")} required error={errorsFor("unit")?.name} />
          <Select
            name="parentId"
            label={t("opening.surveys.detail.unitParent")}
            defaultValue=""
            error={errorsFor("unit")?.parentId}
            options={[
              { value: "", label: t("opening.surveys.detail.unitNoParent") },
              ...d.units.map((u) => ({ value: u.id, label: u.name })),
            ]}
          />
        </ActionForm>
      )}

      {d.canEdit && s.mode === "codes" && s.status !== "closed" && (
        <>
          <h2 className="kern-heading-medium">{t("opening.surveys.detail.codes")}</h2>
          <p className="kern-hint">{t("opening.surveys.detail.codesHint")}</p>
          <ActionForm intent="codes" errors={errorsFor("codes")} submit={t("opening.surveys.detail.codesPrint")}>
            <Field
              name="count"
              id="f-count"
              inputMode="numeric"
              label={t("opening.surveys.detail.codesCount")}
              hint={`1 – ${MAX_CODES}`}
              required
              defaultValue={s.headcount > MAX_CODES ? MAX_CODES : s.headcount}
              error={errorsFor("codes")?.count}
            />
          </ActionForm>
          <PostForm action={staffPath(d.slug, `/${s.id}/codes.csv`)} reloadDocument className="form-grid">
            <Field
              name="count"
              id="f-count-csv"
              inputMode="numeric"
              label={t("opening.surveys.detail.codesCount")}
              required
              defaultValue={s.headcount > MAX_CODES ? MAX_CODES : s.headcount}
            />
            <div>
              <button type="submit" className="kern-btn kern-btn--secondary">
                <span className="kern-label">{t("opening.surveys.detail.codesCsv")}</span>
              </button>
            </div>
          </PostForm>
        </>
      )}

      {s.rolling && (
        <>
          <h2 className="kern-heading-medium">{t("opening.surveys.detail.releases")}</h2>
          <p className="kern-hint">{t("opening.surveys.detail.releaseHint")}</p>
          <ul className="kern-list">
            {d.releases.map((r, i) => (
              <li key={i}>{t("opening.surveys.detail.releasedRow", { date: r.releasedOn, n: r.answers })}</li>
            ))}
          </ul>
          {s.status === "open" && (
            <p className="kern-body">{t("opening.surveys.detail.unreleased", { n: d.unreleased })}</p>
          )}
          {d.canEdit && s.status === "open" && (
            <ActionForm intent="release" submit={t("opening.surveys.detail.release")}>
              {null}
            </ActionForm>
          )}
        </>
      )}

      {d.canEdit && s.status === "draft" && (
        <ActionForm intent="open" primary submit={t("opening.surveys.detail.open")}>
          {null}
        </ActionForm>
      )}
      {d.canEdit && s.status === "open" && (
        <ActionForm intent="close" submit={t("opening.surveys.detail.close")}>
          <p className="kern-hint">{t("opening.surveys.detail.closeHint")}</p>
        </ActionForm>
      )}

      {d.canEdit && s.status === "draft" && (
        <PostForm className="form-grid" noValidate aria-labelledby="edit-title">
          <h2 id="edit-title" className="kern-heading-medium">
            {t("opening.surveys.form.editTitle")}
          </h2>
          <input type="hidden" name="intent" value="save" />
          <ErrorSummary errors={errorsFor("save")} />
          <SubmittedValues values={values?.intent === "save" ? (a?.values as never) : null}>
            <SurveyFields orgs={d.orgs} errors={errorsFor("save")} values={s} />
          </SubmittedValues>
          <div>
            <button type="submit" className="kern-btn kern-btn--primary">
              <span className="kern-label">{t("opening.surveys.form.save")}</span>
            </button>
          </div>
        </PostForm>
      )}
    </>
  );
}
