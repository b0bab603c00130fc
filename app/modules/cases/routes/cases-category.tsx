import "./strings";
import { data, Link, redirect } from "react-router";
import type { Route } from "./+types/cases-category";
import { failureErrors, fieldErrors, tenantContext, tFor } from "~/kernel/http/context";
import { ActionForm, Field, formValues, PageTitle, Select } from "~/kernel/ui/forms";
import { useT } from "~/kernel/ui/hooks";
import { openClient, writeCategory } from "../core/clients";
import { CEFR, DOCUMENTS, RECOGNITION, RESIDENCE_TITLES, type DocumentCategory } from "../core/documents";
import type { Category } from "../core/schema";
import { levelText } from "./document-view";
import { categoryOfSlug, given, identityFrom } from "./forms.server";
import { IdentityFields } from "./cases-intake";
import { caseTx, requireCaseSeat } from "./session.server";

// Editing one category of a case: the form shows the current document (read and logged for this
// category only) and replaces it on saving. Attachments have their own page: anlagen redirects there.

const LANGUAGE_ROWS = 3;
const QUALIFICATION_ROWS = 2;

function categoryParam(
  context: Parameters<typeof tFor>[0],
  params: { clientId: string; category: string },
): DocumentCategory {
  const c = categoryOfSlug(params.category);
  if (!c) throw data({ message: tFor(context)("errors.notFound") }, { status: 404 });
  // Attachments have their own page (cases-attachments.tsx).
  if (c === "attachments")
    throw redirect(
      `/t/${context.get(tenantContext).tenant.slug}/verwaltung/fallarbeit/fall/${params.clientId}/anlagen`,
    );
  return c;
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const seat = await requireCaseSeat(context, request);
  const category = categoryParam(context, params);
  const r = await caseTx(context, seat, (tx, me) => openClient(tx, me, params.clientId, "edit", "read", [category]));
  if (!r.ok || !r.value.writable.includes(category))
    throw data({ message: tFor(context)("cases.errors.notAllowed") }, { status: 403 });
  return {
    slug: context.get(tenantContext).tenant.slug,
    clientId: r.value.client.id,
    pseudonym: r.value.client.pseudonym,
    category,
    doc: (r.value.documents[category] ?? {}) as Record<string, unknown>,
  };
}

/** The form's fields as the category's document (before validation). */
function docFrom(category: Category, f: FormData): unknown {
  const num = (k: string) => (given(f, k) === undefined ? undefined : Number(given(f, k)));
  switch (category) {
    case "identity":
      return identityFrom(f);
    case "residence":
      return {
        title: given(f, "title"),
        provision: given(f, "provision"),
        validUntil: given(f, "validUntil"),
        entryDate: given(f, "entryDate"),
      };
    case "education":
      return {
        languages: Array.from({ length: LANGUAGE_ROWS }, (_, i) => ({
          language: given(f, `language${i}`)?.toLowerCase(),
          level: given(f, `level${i}`),
        })).filter((l) => l.language),
        schoolingYears: num("schoolingYears"),
        qualifications: Array.from({ length: QUALIFICATION_ROWS }, (_, i) => ({
          title: given(f, `qualification${i}`),
          country: given(f, `country${i}`)?.toUpperCase(),
          recognition: given(f, `recognition${i}`) ?? "not_started",
        })).filter((q) => q.title),
      };
    case "competence":
      return {
        assessedOn: given(f, "assessedOn"),
        method: given(f, "method") ?? "",
        findings: given(f, "findings") ?? "",
      };
    case "family":
      return { householdRole: given(f, "householdRole"), text: given(f, "text") };
    case "plan":
      return { goals: given(f, "goals") ?? "" };
    default:
      return { text: given(f, "text") ?? "" };
  }
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const seat = await requireCaseSeat(context, request);
  const category = categoryParam(context, params);
  const f = await request.formData();
  const fail = (errors: Record<string, string>) => data({ errors, values: formValues(f) }, { status: 400 });
  const parsed = DOCUMENTS[category].safeParse(docFrom(category, f));
  if (!parsed.success) return fail(fieldErrors(context, parsed.error.issues));
  const r = await caseTx(context, seat, (tx, me) => writeCategory(tx, me, params.clientId, category, parsed.data));
  if (!r.ok) return fail(failureErrors(context, r));
  return redirect(
    `/t/${context.get(tenantContext).tenant.slug}/verwaltung/fallarbeit/fall/${params.clientId}?ok=saved`,
  );
}

export default function CaseCategory({ loaderData: d, actionData: a }: Route.ComponentProps) {
  const t = useT();
  const e = a?.errors as Record<string, string> | undefined;
  const doc = d.doc;
  const s = (k: string) => (doc[k] === undefined || doc[k] === null ? undefined : String(doc[k]));
  const title = t("cases.category.title", { category: t(`cases.categories.${d.category}`), pseudonym: d.pseudonym });
  const text = (name: string, label: string, required = false) => (
    <Field name={name} type="textarea" label={label} defaultValue={s(name)} error={e?.[name]} required={required} />
  );
  const choose = { value: "", label: t("cases.intake.choose") };
  let fields;
  switch (d.category) {
    case "identity":
      fields = <IdentityFields errors={e} values={Object.fromEntries(Object.keys(doc).map((k) => [k, s(k)]))} />;
      break;
    case "residence":
      fields = (
        <>
          <Select
            name="title"
            label={t("cases.intake.residenceTitle")}
            options={[choose, ...RESIDENCE_TITLES.map((x) => ({ value: x, label: t(`cases.titles.${x}`) }))]}
            defaultValue={s("title")}
            error={e?.title}
            required
          />
          <Field
            name="provision"
            label={t("cases.category.provision")}
            hint={t("cases.category.provisionHint")}
            defaultValue={s("provision")}
            error={e?.provision}
          />
          <Field
            name="validUntil"
            type="date"
            label={t("cases.category.validUntil")}
            defaultValue={s("validUntil")}
            error={e?.validUntil}
          />
          <Field
            name="entryDate"
            type="date"
            label={t("cases.category.entryDate")}
            defaultValue={s("entryDate")}
            error={e?.entryDate}
          />
        </>
      );
      break;
    case "education": {
      const langs = (doc.languages as { language: string; level: string }[] | undefined) ?? [];
      const quals =
        (doc.qualifications as { title: string; country?: string; recognition: string }[] | undefined) ?? [];
      fields = (
        <>
          {Array.from({ length: LANGUAGE_ROWS }, (_, i) => (
            <div key={`l${i}`}>
              <Field
                name={`language${i}`}
                label={t("cases.category.language", { n: i + 1 })}
                hint={t("cases.intake.languageHint")}
                defaultValue={langs[i]?.language}
                error={e?.languages}
              />
              <Select
                name={`level${i}`}
                label={t("cases.category.level", { n: i + 1 })}
                options={[choose, ...CEFR.map((c) => ({ value: c, label: levelText(t, c) }))]}
                defaultValue={langs[i]?.level}
              />
            </div>
          ))}
          <Field
            name="schoolingYears"
            type="number"
            inputMode="numeric"
            label={t("cases.category.schoolingYears")}
            defaultValue={s("schoolingYears")}
            error={e?.schoolingYears}
          />
          {Array.from({ length: QUALIFICATION_ROWS }, (_, i) => (
            <div key={`q${i}`}>
              <Field
                name={`qualification${i}`}
                label={t("cases.category.qualification", { n: i + 1 })}
                defaultValue={quals[i]?.title}
                error={e?.qualifications}
              />
              <Field
                name={`country${i}`}
                label={t("cases.category.qualificationCountry", { n: i + 1 })}
                hint={t("cases.intake.nationalityHint")}
                defaultValue={quals[i]?.country}
              />
              <Select
                name={`recognition${i}`}
                label={t("cases.category.recognition", { n: i + 1 })}
                options={RECOGNITION.map((r) => ({ value: r, label: t(`cases.category.recognitions.${r}`) }))}
                defaultValue={quals[i]?.recognition}
              />
            </div>
          ))}
        </>
      );
      break;
    }
    case "competence":
      fields = (
        <>
          <Field
            name="assessedOn"
            type="date"
            label={t("cases.category.assessedOn")}
            defaultValue={s("assessedOn")}
            error={e?.assessedOn}
            required
          />
          <Field
            name="method"
            label={t("cases.category.method")}
            defaultValue={s("method")}
            error={e?.method}
            required
          />
          {text("findings", t("cases.category.findings"))}
        </>
      );
      break;
    case "family":
      fields = (
        <>
          <Select
            name="householdRole"
            label={t("cases.category.householdRole")}
            options={[
              choose,
              ...(["head", "partner", "child", "other"] as const).map((r) => ({
                value: r,
                label: t(`cases.category.householdRoles.${r}`),
              })),
            ]}
            defaultValue={s("householdRole")}
            error={e?.householdRole}
          />
          {text("text", t("cases.category.text"))}
        </>
      );
      break;
    case "plan":
      fields = text("goals", t("cases.category.goals"), true);
      break;
    default:
      fields = text("text", t("cases.category.text"), true);
  }
  return (
    <>
      <PageTitle>{title}</PageTitle>
      <p>
        <Link className="kern-link" to={`/t/${d.slug}/verwaltung/fallarbeit/fall/${d.clientId}`}>
          {t("cases.category.back")}
        </Link>
      </p>
      <h1 className="kern-heading-large">{title}</h1>
      <ActionForm intent="save" errors={e} submit={t("cases.category.submit")} primary>
        {fields}
      </ActionForm>
    </>
  );
}
