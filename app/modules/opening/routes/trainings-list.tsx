import "../trainings/strings";
import { data, Link, redirect } from "react-router";
import type { Route } from "./+types/trainings-list";
import { failureErrors, fieldErrors, requireRole, tenantContext, tenantTx } from "~/kernel/http/context";
import { roleAtLeast } from "~/kernel/roles";
import { ActionForm, Checkbox, Field, formValues, PageTitle } from "~/kernel/ui/forms";
import { useT } from "~/kernel/ui/hooks";
import { DataTable } from "~/kernel/ui/table";
import { CourseInput, createCourse, listCourses, trainingResults } from "../trainings/service";
import { TrainingResults } from "../trainings/ui";
import { optional } from "../seal/http.server";

export async function loader({ context }: Route.LoaderArgs) {
  const role = requireRole(context, "viewer");
  const { tenant } = context.get(tenantContext);
  const [courses, results] = await tenantTx(context, async (tx) => Promise.all([listCourses(tx), trainingResults(tx)]));
  return { slug: tenant.slug, canEdit: roleAtLeast(role, "editor"), courses, results };
}

/** Target groups typed one per line or separated by commas or semicolons. */
const splitList = (v: FormDataEntryValue | null) =>
  String(v ?? "")
    .split(/[\n,;]/)
    .map((s) => s.trim())
    .filter(Boolean);

export async function action({ request, context }: Route.ActionArgs) {
  requireRole(context, "editor");
  const { tenant } = context.get(tenantContext);
  const f = await request.formData();
  const p = CourseInput.safeParse({
    title: optional(f.get("title")),
    description: optional(f.get("description")),
    targetGroups: splitList(f.get("targetGroups")),
    mandatory: f.get("mandatory") === "1",
  });
  if (!p.success) return data({ errors: fieldErrors(context, p.error.issues), values: formValues(f) }, { status: 400 });
  const r = await tenantTx(context, (tx) => createCourse(tx, p.data));
  if (!r.ok) return data({ errors: failureErrors(context, r), values: formValues(f) }, { status: 400 });
  return redirect(`/t/${tenant.slug}/verwaltung/oeffnung/schulungen/${r.value.id}?ok=created`);
}

export default function Trainings({ loaderData: d, actionData }: Route.ComponentProps) {
  const t = useT();
  const errors = actionData?.errors as Record<string, string> | undefined;
  const base = `/t/${d.slug}/verwaltung/oeffnung/schulungen`;
  return (
    <>
      <PageTitle>{t("opening.trainings.list.title")}</PageTitle>
      <h1 className="kern-heading-large">{t("opening.trainings.list.title")}</h1>
      <p className="kern-body">{t("opening.trainings.list.intro")}</p>
      <p className="kern-body">
        <Link className="kern-link" to={`/t/${d.slug}/schulung-bewerten`}>
          {t("opening.trainings.list.formLink")}
        </Link>
      </p>
      {d.courses.length === 0 ? (
        <p className="kern-body">{t("opening.trainings.list.empty")}</p>
      ) : (
        <DataTable
          caption={t("opening.trainings.list.caption")}
          headers={[
            t("opening.trainings.list.course"),
            t("opening.trainings.list.targetGroups"),
            t("opening.trainings.list.mandatory"),
            t("opening.trainings.list.sessions"),
            t("opening.trainings.list.participants"),
          ]}
        >
          {d.courses.map((c) => (
            <tr key={c.id} className="kern-table__row">
              <th scope="row" className="kern-table__cell">
                <Link className="kern-link" to={`${base}/${c.id}`}>
                  {c.title}
                </Link>
                {c.isDemo && <span className="kern-body--small"> – {t("opening.trainings.example")}</span>}
              </th>
              <td className="kern-table__cell">{c.targetGroups.join(", ") || "–"}</td>
              <td className="kern-table__cell">{t(c.mandatory ? "opening.trainings.yes" : "opening.trainings.no")}</td>
              <td className="kern-table__cell">{c.sessions}</td>
              <td className="kern-table__cell">{c.participants}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <h2 className="kern-heading-medium">{t("opening.trainings.results.title")}</h2>
      <TrainingResults results={d.results} showCourse />
      {d.canEdit && (
        <ActionForm
          intent="course"
          heading={t("opening.trainings.list.newTitle")}
          headingId="course-new"
          errors={errors}
          submit={t("opening.trainings.list.create")}
        >
          <Field name="title" required label={t("opening.trainings.form.title")} error={errors?.title} />
          <Field
            name="description"
            type="textarea"
            label={t("opening.trainings.form.description")}
            error={errors?.description}
          />
          <Field
            name="targetGroups"
            type="textarea"
            label={t("opening.trainings.form.targetGroups")}
            hint={t("opening.trainings.form.targetGroupsHint")}
            error={errors?.targetGroups}
          />
          <Checkbox name="mandatory" label={t("opening.trainings.form.mandatory")} />
        </ActionForm>
      )}
    </>
  );
}
