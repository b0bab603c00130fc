import { data, Link, redirect } from "react-router";
import { useContentAttrs, withContent } from "~/kernel/ui/content";
import type { Route } from "./+types/staff-measure-form";
import { failureErrors, fieldErrors, requireRole, tenantContext, tenantTx, tFor } from "~/kernel/http/context";
import { listOrganisations } from "~/kernel/organisations/service";
import {
  ErrorSummary,
  Field,
  formValues,
  PageTitle,
  Select,
  SubmittedValues,
  valuesOf,
  PostForm,
} from "~/kernel/ui/forms";
import { useT } from "~/kernel/ui/hooks";
import { ChoiceList } from "~/kernel/ui/picker";
import { labelled } from "~/kernel/taxonomy/label";
import { useTerms } from "~/kernel/ui/terms";
import { currentEdition, getEdition, listHandlungsfelder, loadGoals } from "../services/concept";
import { createMeasure, getMeasureRow, listMeasures, MeasureInput, updateMeasure } from "../services/measures";
import { parseDate, parseGermanNumber, text } from "../http.server";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  requireRole(context, "editor");
  const { tenant } = context.get(tenantContext);
  return tenantTx(context, async (tx) => {
    const m = params.id ? await getMeasureRow(tx, params.id) : undefined;
    if (params.id && !m) throw data({ message: tFor(context)("concept.errors.measureNotFound") }, { status: 404 });
    const edition = m
      ? await getEdition(tx, m.editionId)
      : await currentEdition(tx, new URL(request.url).searchParams.get("fassung"));
    if (!edition) throw data({ message: tFor(context)("concept.noEdition") }, { status: 404 });
    const [goalsOf, hfs, orgs] = await Promise.all([
      loadGoals(tx, edition.id),
      listHandlungsfelder(tx),
      listOrganisations(tx),
    ]);
    const item = m ? (await listMeasures(tx, { editionId: edition.id })).find((x) => x.id === m.id) : undefined;
    const short = (s: string) => (s.length > 90 ? s.slice(0, 88) + "…" : s);
    return {
      slug: tenant.slug,
      edition: { id: edition.id, title: edition.title },
      goals: goalsOf
        .filter((g) => g.kind !== "themenfeld")
        // The goal's text is the tenant's: the option is marked German (an option holds text only).
        .map((g) => ({
          value: g.id,
          label: `${g.kind === "leitziel" ? tFor(context)("concept.leitziel", { number: g.ref }) : g.ref} ${short(g.title)}`,
          content: true,
        })),
      hfs: hfs.map(labelled),
      orgs: orgs.map((o) => ({ value: o.id, label: o.name, content: true })),
      measure:
        m && item
          ? {
              id: m.id,
              code: m.code,
              title: m.title,
              description: m.description,
              targetGroups: m.targetGroups,
              startsOn: m.startsOn,
              endsOn: m.endsOn,
              quantitativeTarget: m.quantitativeTarget,
              budget: m.budget,
              progress: m.progress,
              internalNote: m.internalNote,
              goalIds: item.goalIds,
              handlungsfeldIds: item.handlungsfeldIds,
              lead: item.lead?.id ?? "",
              partners: item.partners.map((p) => p.id),
            }
          : null,
    };
  });
}

export async function action({ request, params, context }: Route.ActionArgs) {
  requireRole(context, "editor");
  const { tenant } = context.get(tenantContext);
  const f = await request.formData();
  const parsed = MeasureInput.safeParse({
    code: f.get("code"),
    title: f.get("title"),
    description: text(f.get("description")),
    targetGroups: text(f.get("targetGroups")),
    startsOn: parseDate(f.get("startsOn")),
    endsOn: parseDate(f.get("endsOn")),
    quantitativeTarget: text(f.get("quantitativeTarget")),
    budget: parseGermanNumber(f.get("budget")),
    progress: parseGermanNumber(f.get("progress")) ?? 0,
    goalIds: f.getAll("goalIds").map(String).filter(Boolean),
    handlungsfeldIds: f.getAll("handlungsfeldIds").map(String),
    leadOrganisationId: text(f.get("leadOrganisationId")),
    partnerOrganisationIds: f.getAll("partnerOrganisationIds").map(String),
    internalNote: text(f.get("internalNote")),
  });
  if (!parsed.success)
    return data({ errors: fieldErrors(context, parsed.error.issues), values: formValues(f) }, { status: 400 });
  const editionId = String(f.get("editionId") ?? "");
  const r = await tenantTx(context, (tx) =>
    params.id ? updateMeasure(tx, params.id, parsed.data) : createMeasure(tx, editionId, parsed.data),
  );
  if (!r.ok) return data({ errors: failureErrors(context, r), values: formValues(f) }, { status: 400 });
  // The measure's page says what happened (its success message), also without JavaScript.
  return redirect(`/t/${tenant.slug}/verwaltung/massnahmen/${r.value.id}?${params.id ? "gespeichert" : "neu"}=1`);
}

export default function MeasureForm({ loaderData: d, actionData }: Route.ComponentProps) {
  const t = useT();
  const terms = useTerms();
  const content = useContentAttrs();
  const errors = actionData?.errors as Record<string, string> | undefined;
  const typed = actionData?.values;
  const m = d.measure;
  const title = m ? t("concept.form.editTitle", { title: m.title }) : t("concept.form.newTitle");
  // One select per chosen goal plus an empty one (at least two), from what was typed or the record.
  const chosen = typed ? valuesOf(typed, "goalIds").filter(Boolean) : (m?.goalIds ?? []);
  const goalSlots = Array.from({ length: Math.max(2, chosen.length + 1) }, (_, i) => chosen[i] ?? "");
  const isoToDe = (s: string | null | undefined) => (s ? `${s.slice(8, 10)}.${s.slice(5, 7)}.${s.slice(0, 4)}` : null);
  return (
    <>
      <PageTitle>{title}</PageTitle>
      <h1 className="kern-heading-large">{title}</h1>
      <p className="kern-body">{withContent(t, "concept.measures.edition", { title: d.edition.title })}</p>
      <PostForm className="form-grid" noValidate>
        <input type="hidden" name="editionId" value={d.edition.id} />
        <ErrorSummary errors={errors} />
        <SubmittedValues values={typed}>
          <Field
            name="code"
            label={t("concept.measure.code")}
            required
            defaultValue={m?.code}
            error={errors?.code}
            hint={t("concept.form.codeHint")}
          />
          <Field
            name="title"
            label={t("concept.measure.title")}
            required
            defaultValue={m?.title}
            error={errors?.title}
          />
          <Field
            name="description"
            type="textarea"
            label={t("concept.measure.description")}
            defaultValue={m?.description}
            error={errors?.description}
          />
          {goalSlots.map((g, i) => (
            <div key={i} className={`kern-form-input${i === 0 && errors?.goalIds ? " kern-form-input--error" : ""}`}>
              <label className="kern-label" htmlFor={i === 0 ? "f-goalIds" : `f-goalIds-${i}`}>
                {i === 0 ? t("concept.form.goal") : t("concept.form.moreGoal")}
                {i > 0 && <span className="kern-label__optional"> – {t("form.optional")}</span>}
              </label>
              {i === 0 && errors?.goalIds && (
                <p className="kern-error" id="f-goalIds-error" role="alert">
                  {errors.goalIds}
                </p>
              )}
              <div className="kern-form-input__select-wrapper">
                <select
                  className="kern-form-input__select"
                  id={i === 0 ? "f-goalIds" : `f-goalIds-${i}`}
                  name="goalIds"
                  defaultValue={g}
                  required={i === 0}
                  aria-invalid={(i === 0 && !!errors?.goalIds) || undefined}
                  aria-describedby={i === 0 && errors?.goalIds ? "f-goalIds-error" : undefined}
                >
                  <option value="">{t("concept.form.chooseGoal")}</option>
                  {d.goals.map((o) => (
                    <option key={o.value} value={o.value} {...content}>
                      {o.label}
                    </option>
                  ))}
                </select>
              </div>
            </div>
          ))}
          <ChoiceList
            name="handlungsfeldIds"
            legend={t("concept.measure.handlungsfelder")}
            options={terms.choices(d.hfs)}
            defaultValues={m?.handlungsfeldIds}
            error={errors?.handlungsfeldIds}
          />
          <Select
            name="leadOrganisationId"
            label={t("concept.measure.lead")}
            defaultValue={m?.lead ?? ""}
            options={[{ value: "", label: t("concept.form.noLead") }, ...d.orgs]}
            error={errors?.leadOrganisationId}
          />
          <ChoiceList
            name="partnerOrganisationIds"
            legend={t("concept.measure.partners")}
            options={d.orgs}
            defaultValues={m?.partners}
            error={errors?.partnerOrganisationIds}
          />
          <Field
            name="targetGroups"
            label={t("concept.measure.targetGroups")}
            defaultValue={m?.targetGroups}
            error={errors?.targetGroups}
          />
          <Field
            name="startsOn"
            label={t("concept.measure.startsOn")}
            defaultValue={isoToDe(m?.startsOn)}
            error={errors?.startsOn}
            hint={t("concept.form.dateHint")}
            inputMode="numeric"
          />
          <Field
            name="endsOn"
            label={t("concept.measure.endsOn")}
            defaultValue={isoToDe(m?.endsOn)}
            error={errors?.endsOn}
            hint={t("concept.form.dateHint")}
            inputMode="numeric"
          />
          <Field
            name="quantitativeTarget"
            label={t("concept.measure.quantitativeTarget")}
            defaultValue={m?.quantitativeTarget}
            error={errors?.quantitativeTarget}
          />
          <Field
            name="budget"
            label={t("concept.measure.budget")}
            defaultValue={m?.budget ? m.budget.replace(".", ",") : null}
            error={errors?.budget}
            hint={t("concept.form.budgetHint")}
            inputMode="decimal"
          />
          <Field
            name="progress"
            label={t("concept.progressPercent")}
            defaultValue={m?.progress ?? 0}
            error={errors?.progress}
            inputMode="numeric"
          />
          <Field
            name="internalNote"
            type="textarea"
            label={t("concept.measure.internalNote")}
            defaultValue={m?.internalNote}
            error={errors?.internalNote}
            hint={t("concept.form.internalHint")}
          />
        </SubmittedValues>
        <div className="actions">
          <button type="submit" className="kern-btn kern-btn--primary">
            <span className="kern-label">{t("concept.form.save")}</span>
          </button>
          <Link
            className="kern-link"
            to={m ? `/t/${d.slug}/verwaltung/massnahmen/${m.id}` : `/t/${d.slug}/verwaltung/massnahmen`}
          >
            {t("concept.form.cancel")}
          </Link>
        </div>
      </PostForm>
    </>
  );
}
