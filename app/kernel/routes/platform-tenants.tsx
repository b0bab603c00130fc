import "../legal/strings";
import "../schedules/strings";
import { Link, data } from "react-router";
import type { Route } from "./+types/platform-tenants";
import { appContext, fieldErrors, pgErrorCode, requestContext, requirePlatformAdmin, tFor } from "../http/context";
import { withSystem } from "../db/context";
import { tenants } from "../db/schema";
import { createTenant, TenantInput } from "../tenancy/service";
import { TENANT_KINDS } from "../tenancy/laender";
import {
  Alert,
  Checkbox,
  ErrorSummary,
  Field,
  formValues,
  PageTitle,
  Select,
  SubmittedValues,
  PostForm,
} from "../ui/forms";
import { ServiceError } from "../errors";
import { DataTable } from "../ui/table";
import { useT } from "../ui/hooks";
import { asc, sql } from "drizzle-orm";

const requireSuperadmin = (context: Route.LoaderArgs["context"], request: Request) =>
  requirePlatformAdmin(context, request);

export async function loader({ request, context }: Route.LoaderArgs) {
  requireSuperadmin(context, request);
  const list = await withSystem(context.get(appContext).db, (tx) =>
    tx.select().from(tenants).orderBy(asc(tenants.name)),
  );
  const names = new Map(list.map((t) => [t.id, t.name]));
  return {
    tenants: list.map((t) => ({
      slug: t.slug,
      name: t.name,
      kind: t.kind,
      ags: t.ags,
      isPublic: t.isPublic,
      parent: t.parentId ? (names.get(t.parentId) ?? "") : "",
    })),
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  requireSuperadmin(context, request);
  const t = tFor(context);
  const form = await request.formData();
  const f = Object.fromEntries(form);
  const values = formValues(form);
  const parsed = TenantInput.safeParse({
    slug: f.slug,
    name: f.name,
    kind: f.kind,
    ags: f.ags,
    parentSlug: f.parentSlug || undefined,
    isPublic: f.isPublic === "1",
  });
  if (!parsed.success)
    return data({ errors: fieldErrors(context, parsed.error.issues), values, ok: null }, { status: 400 });
  const actor = context.get(requestContext).user!;
  try {
    const created = await withSystem(context.get(appContext).db, async (tx) => {
      // The audit entry names the person.
      await tx.execute(
        sql`SELECT set_config('app.actor_label', ${actor.email}, true), set_config('app.user_id', ${actor.id}, true)`,
      );
      return createTenant(tx, parsed.data);
    });
    // This instance shows the new tenant at once; others within the cache's revalidation interval.
    context.get(appContext).tenants.invalidate();
    return { errors: null, values: null, ok: t("platform.created", { name: created.name }) };
  } catch (e) {
    if (pgErrorCode(e) === "23505")
      return data({ errors: { slug: t("platform.slugTaken") }, values, ok: null }, { status: 409 });
    if (e instanceof ServiceError && e.code === "platform.unknownParentSlug")
      return data({ errors: { parentSlug: t("platform.unknownParent") }, values, ok: null }, { status: 400 });
    throw e;
  }
}

export default function PlatformTenants({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const errors = (actionData?.errors ?? undefined) as Record<string, string> | undefined;
  return (
    <main id="inhalt" className="kern-container page stack">
      <PageTitle>{t("platform.title")}</PageTitle>
      <h1 className="kern-heading-large">{t("platform.title")}</h1>
      <p className="kern-body">
        <Link className="kern-link" to="/plattform/rechtliches">
          {t("legal.edit.platformTitle")}
        </Link>
      </p>
      <p className="kern-body">
        <Link className="kern-link" to="/plattform/aufgaben">
          {t("schedules.link")}
        </Link>
      </p>
      {actionData?.ok && <Alert kind="success">{actionData.ok}</Alert>}
      <DataTable
        caption={t("platform.title")}
        headers={[
          t("platform.name"),
          t("platform.slug"),
          t("platform.kind"),
          t("platform.ags"),
          t("platform.parent"),
          t("platform.public"),
        ]}
      >
        {loaderData.tenants.map((x) => (
          <tr key={x.slug} className="kern-table__row">
            <th scope="row" className="kern-table__cell">
              <Link className="kern-link" to={`/t/${x.slug}/verwaltung`}>
                {x.name}
              </Link>
            </th>
            <td className="kern-table__cell">{x.slug}</td>
            <td className="kern-table__cell">{t(`home.kind.${x.kind}`)}</td>
            <td className="kern-table__cell">{x.ags}</td>
            <td className="kern-table__cell">{x.parent || "–"}</td>
            <td className="kern-table__cell">{x.isPublic ? t("form.yes") : t("form.no")}</td>
          </tr>
        ))}
      </DataTable>
      <section aria-labelledby="new-tenant">
        <h2 id="new-tenant" className="kern-heading-medium">
          {t("platform.create")}
        </h2>
        <PostForm className="form-grid">
          <ErrorSummary errors={errors} />
          <SubmittedValues values={actionData?.values}>
            <Field name="name" label={t("platform.name")} required error={errors?.name} />
            <Field name="slug" label={t("platform.slug")} hint={t("platform.slugHint")} required error={errors?.slug} />
            <Select
              name="kind"
              label={t("platform.kind")}
              required
              error={errors?.kind}
              options={TENANT_KINDS.map((k) => ({ value: k, label: t(`home.kind.${k}`) }))}
            />
            <Field
              name="ags"
              label={t("platform.ags")}
              hint={t("platform.agsHint")}
              required
              inputMode="numeric"
              error={errors?.ags}
            />
            <Select
              name="parentSlug"
              label={t("platform.parent")}
              error={errors?.parentSlug}
              options={[
                { value: "", label: t("users.none") },
                ...loaderData.tenants.map((x) => ({ value: x.slug, label: x.name })),
              ]}
            />
            <Checkbox name="isPublic" label={t("platform.public")} defaultChecked />
          </SubmittedValues>
          <div>
            <button type="submit" className="kern-btn kern-btn--primary">
              <span className="kern-label">{t("platform.create")}</span>
            </button>
          </div>
        </PostForm>
      </section>
    </main>
  );
}
