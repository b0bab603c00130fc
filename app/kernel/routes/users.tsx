import { data } from "react-router";
import type { Route } from "./+types/users";
import { z } from "zod";
import {
  appContext,
  failureErrors,
  fieldErrors,
  requestContext,
  requireRole,
  tenantContext,
  tenantTx,
  tFor,
} from "../http/context";
import { enrolledAmong, resetSecondFactor } from "../auth/second-factor";
import "../auth/strings";
import { withSystem } from "../db/context";
import { InviteInput, inviteUser, listMembers, MembershipUpdate, updateMembership } from "../tenancy/service";
import { listOrganisations } from "../organisations/service";
import { ROLES } from "../roles";
import {
  Alert,
  ErrorSummary,
  Field,
  formValues,
  PageTitle,
  Select,
  SubmittedValues,
  valueOf,
  PostForm,
} from "../ui/forms";
import { useT } from "../ui/hooks";
import { DataTable, RowAction } from "../ui/table";

export async function loader({ context }: Route.LoaderArgs) {
  requireRole(context, "admin");
  const r = await tenantTx(context, async (tx) => ({
    members: await listMembers(tx),
    organisations: (await listOrganisations(tx)).map((o) => ({ id: o.id, name: o.name })),
  }));
  const enrolled = await enrolledAmong(
    context.get(appContext).db,
    r.members.map((m) => m.userId),
  );
  return { ...r, members: r.members.map((m) => ({ ...m, secondFactor: enrolled.has(m.userId) })) };
}

export async function action({ request, context }: Route.ActionArgs) {
  requireRole(context, "admin");
  const t = tFor(context);
  const fd = await request.formData();
  const form = Object.fromEntries(fd);
  const values = formValues(fd);
  const user = context.get(requestContext).user!;
  if (form.intent === "invite") {
    const parsed = InviteInput.safeParse({ ...form, organisationId: form.organisationId || undefined });
    if (!parsed.success)
      return data(
        { intent: "invite", errors: fieldErrors(context, parsed.error.issues), values, ok: null },
        { status: 400 },
      );
    const { db } = context.get(appContext);
    const { tenant } = context.get(tenantContext);
    const r = await withSystem(db, (tx) => inviteUser(tx, tenant, { id: user.id, email: user.email }, parsed.data));
    if (!r.ok)
      return data(
        {
          intent: "invite",
          errors: {
            [r.error === "already_member" ? "email" : "organisationId"]: t(
              r.error === "already_member" ? "users.alreadyMember" : "users.unknownOrganisation",
            ),
          },
          values,
          ok: null,
        },
        { status: 400 },
      );
    return { intent: "invite", errors: null, values: null, ok: t("users.invited", { email: parsed.data.email }) };
  }
  if (form.intent === "resetFactor") {
    const userId = z.uuid().safeParse(form.userId);
    if (!userId.success)
      return data({ intent: "update", errors: { _form: t("errors.badRequest") }, values, ok: null }, { status: 400 });
    const { db } = context.get(appContext);
    const { tenant } = context.get(tenantContext);
    const r = await resetSecondFactor(db, user, tenant.id, userId.data);
    if (!r.ok) return data({ intent: "update", errors: failureErrors(context, r), values, ok: null }, { status: 409 });
    return {
      intent: "update",
      errors: null,
      values: null,
      ok: t("secondFactor.reset.done", { name: r.value.displayName }),
    };
  }
  const parsed = MembershipUpdate.safeParse({
    userId: form.userId,
    role: form.intent === "role" ? form.role : undefined,
    active: form.intent === "deactivate" ? false : form.intent === "reactivate" ? true : undefined,
    organisationId: form.intent === "role" ? (form.organisationId ? form.organisationId : null) : undefined,
  });
  if (!parsed.success || !["role", "deactivate", "reactivate"].includes(String(form.intent))) {
    return data({ intent: "update", errors: { _form: t("errors.badRequest") }, values, ok: null }, { status: 400 });
  }
  const r = await tenantTx(context, (tx) => updateMembership(tx, parsed.data));
  if (!r.ok) {
    const key = {
      not_found: "users.notFound",
      last_admin: "users.lastAdmin",
      partner_needs_org: "users.partnerNeedsOrg",
    }[r.error];
    return data(
      { intent: "update", errors: { _form: t(key) }, values, ok: null },
      { status: r.error === "not_found" ? 404 : 400 },
    );
  }
  return { intent: "update", errors: null, values: null, ok: t("users.updated") };
}

export default function Users({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const roleOptions = ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }));
  const orgOptions = [
    { value: "", label: t("users.none") },
    ...loaderData.organisations.map((o) => ({ value: o.id, label: o.name })),
  ];
  const inviteErrors = (actionData?.intent === "invite" ? (actionData.errors ?? undefined) : undefined) as
    Record<string, string> | undefined;
  // A rejected role change shows the role and organisation that were chosen in that member's row.
  const typedRow = (userId: string) => {
    const v = actionData?.values;
    return v && valueOf(v, "intent") === "role" && valueOf(v, "userId") === userId ? v : null;
  };
  return (
    <>
      <PageTitle>{t("users.title")}</PageTitle>
      <h1 className="kern-heading-large">{t("users.title")}</h1>
      {actionData?.ok && <Alert kind="success">{actionData.ok}</Alert>}
      {actionData?.intent === "update" && actionData.errors && <ErrorSummary errors={actionData.errors} />}
      <DataTable
        caption={t("users.title")}
        headers={[
          t("users.name"),
          t("users.email"),
          t("users.status"),
          t("secondFactor.reset.column"),
          t("users.role"),
          t("users.actions"),
        ]}
      >
        {loaderData.members.map((m) => (
          <tr key={m.userId} className="kern-table__row">
            <th scope="row" className="kern-table__cell">
              {m.displayName}
            </th>
            <td className="kern-table__cell">{m.email}</td>
            <td className="kern-table__cell">
              {m.active ? t(`users.statusValues.${m.status}`) : t("users.statusValues.inactiveMember")}
            </td>
            <td className="kern-table__cell">
              {t(m.secondFactor ? "secondFactor.reset.on" : "secondFactor.reset.off")}
            </td>
            <td className="kern-table__cell">
              <PostForm className="inline-form">
                <input type="hidden" name="userId" value={m.userId} />
                <input type="hidden" name="intent" value="role" />
                <label className="kern-sr-only" htmlFor={`role-${m.userId}`}>
                  {t("users.role")} – {m.displayName}
                </label>
                <select
                  className="kern-form-input__select"
                  id={`role-${m.userId}`}
                  name="role"
                  defaultValue={typedRow(m.userId) ? valueOf(typedRow(m.userId)!, "role") : m.role}
                >
                  {roleOptions.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </select>
                <label className="kern-sr-only" htmlFor={`org-${m.userId}`}>
                  {t("users.organisation")} – {m.displayName}
                </label>
                <select
                  className="kern-form-input__select"
                  id={`org-${m.userId}`}
                  name="organisationId"
                  defaultValue={
                    typedRow(m.userId) ? valueOf(typedRow(m.userId)!, "organisationId") : (m.organisationId ?? "")
                  }
                >
                  {orgOptions.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </select>
                <button type="submit" className="kern-btn kern-btn--secondary kern-btn--x-small">
                  <span className="kern-label">
                    {t("users.saveRole")}
                    <span className="kern-sr-only"> – {m.displayName}</span>
                  </span>
                </button>
              </PostForm>
            </td>
            <td className="kern-table__cell">
              <RowAction
                intent={m.active ? "deactivate" : "reactivate"}
                fields={{ userId: m.userId }}
                label={t(m.active ? "users.deactivate" : "users.reactivate")}
                target={m.displayName}
              />
              {m.secondFactor && (
                <RowAction
                  intent="resetFactor"
                  fields={{ userId: m.userId }}
                  label={t("secondFactor.reset.action")}
                  target={m.displayName}
                />
              )}
            </td>
          </tr>
        ))}
      </DataTable>
      <section aria-labelledby="invite">
        <h2 id="invite" className="kern-heading-medium">
          {t("users.invite")}
        </h2>
        <PostForm className="form-grid">
          <input type="hidden" name="intent" value="invite" />
          <ErrorSummary errors={inviteErrors} />
          <SubmittedValues values={actionData?.intent === "invite" ? actionData.values : null}>
            <Field
              name="displayName"
              label={t("users.name")}
              required
              error={inviteErrors?.displayName}
              autoComplete="off"
            />
            <Field
              name="email"
              type="email"
              label={t("users.email")}
              required
              error={inviteErrors?.email}
              autoComplete="off"
            />
            <Select
              name="role"
              label={t("users.role")}
              options={roleOptions}
              defaultValue="editor"
              required
              error={inviteErrors?.role}
            />
            <Select
              name="organisationId"
              label={t("users.organisation")}
              hint={t("users.organisationHint")}
              options={orgOptions}
              error={inviteErrors?.organisationId}
            />
          </SubmittedValues>
          <div>
            <button type="submit" className="kern-btn kern-btn--primary">
              <span className="kern-label">{t("users.inviteSubmit")}</span>
            </button>
          </div>
        </PostForm>
      </section>
    </>
  );
}
