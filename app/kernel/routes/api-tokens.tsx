import { data } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/api-tokens";
import { fieldErrors, requestContext, requireRole, tenantTx, tFor } from "../http/context";
import { ApiTokenInput, createApiToken, listApiTokens, revokeApiToken } from "../auth/api-tokens";
import { Alert, Checkbox, ErrorSummary, Field, formValues, PageTitle, SubmittedValues, PostForm } from "../ui/forms";
import { useFormat, useT } from "../ui/hooks";
import { DataTable, RowAction } from "../ui/table";

export async function loader({ context }: Route.LoaderArgs) {
  requireRole(context, "admin");
  return { tokens: await tenantTx(context, listApiTokens) };
}

export async function action({ request, context }: Route.ActionArgs) {
  requireRole(context, "admin");
  const form = await request.formData();
  const f = Object.fromEntries(form);
  if (f.intent === "revoke") {
    const id = z.string().uuid().safeParse(f.id);
    const ok = id.success && (await tenantTx(context, (tx) => revokeApiToken(tx, id.data)));
    return data(
      { created: null, errors: ok ? null : { _form: tFor(context)("errors.badRequest") }, values: null },
      { status: ok ? 200 : 404 },
    );
  }
  const parsed = ApiTokenInput.safeParse({ name: f.name, canWrite: f.canWrite === "1" });
  if (!parsed.success)
    return data(
      { created: null, errors: fieldErrors(context, parsed.error.issues), values: formValues(form) },
      { status: 400 },
    );
  const userId = context.get(requestContext).user!.id;
  const created = await tenantTx(context, (tx) => createApiToken(tx, userId, parsed.data));
  return { created: created.token, errors: null, values: null };
}

export default function ApiTokens({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const fmt = useFormat();
  const errors = actionData?.errors as Record<string, string> | null | undefined;
  return (
    <>
      <PageTitle>{t("tokens.title")}</PageTitle>
      <h1 className="kern-heading-large">{t("tokens.title")}</h1>
      <p className="kern-body">{t("tokens.intro")}</p>
      {actionData?.created && (
        <Alert kind="success">
          {t("tokens.created")} <code className="token">{actionData.created}</code>
        </Alert>
      )}
      <ErrorSummary errors={errors} />
      {loaderData.tokens.length === 0 ? (
        <p>{t("tokens.empty")}</p>
      ) : (
        <DataTable
          caption={t("tokens.title")}
          headers={[
            t("tokens.name"),
            t("tokens.canWrite"),
            t("tokens.lastUsed"),
            { label: t("users.actions"), srOnly: true },
          ]}
        >
          {loaderData.tokens.map((x) => (
            <tr key={x.id} className="kern-table__row">
              <th scope="row" className="kern-table__cell">
                {x.name}
              </th>
              <td className="kern-table__cell">{x.canWrite ? t("form.yes") : t("form.no")}</td>
              <td className="kern-table__cell">{x.lastUsedAt ? fmt.dateTime(x.lastUsedAt) : t("tokens.never")}</td>
              <td className="kern-table__cell">
                {x.revokedAt ? (
                  t("tokens.revoked")
                ) : (
                  <RowAction intent="revoke" fields={{ id: x.id }} label={t("tokens.revoke")} target={x.name} />
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <PostForm className="form-grid">
        <input type="hidden" name="intent" value="create" />
        <SubmittedValues values={actionData?.values}>
          <Field name="name" label={t("tokens.name")} required error={errors?.name} />
          <Checkbox name="canWrite" label={t("tokens.canWrite")} />
        </SubmittedValues>
        <div>
          <button type="submit" className="kern-btn kern-btn--primary">
            <span className="kern-label">{t("tokens.create")}</span>
          </button>
        </div>
      </PostForm>
    </>
  );
}
