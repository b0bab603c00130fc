import "./strings";
import { data, Link, redirect } from "react-router";
import type { Route } from "./+types/cases-household";
import { fail, type Result } from "~/kernel/errors";
import { errorText, failureErrors, tenantContext } from "~/kernel/http/context";
import { ActionForm, Alert, formValues, PageTitle, Select } from "~/kernel/ui/forms";
import { useT } from "~/kernel/ui/hooks";
import { DataTable, RowAction } from "~/kernel/ui/table";
import { may } from "../core/context";
import {
  createHousehold,
  householdCandidates,
  householdOf,
  leaveHousehold,
  linkToHousehold,
} from "../households/service";
import { CATEGORY_SLUGS } from "./forms.server";
import { caseTx, requireCaseSeat } from "./session.server";

// A client's household (issue 16 item 2): the members the actor may see – read on each one's family
// data, nothing about the others – with name, role and a link to each member's own plan; and, for
// the owning case worker, forms to create a household, add a person and take one out. Persons are
// chosen by pseudonym from a list, never searched by name; every member shown is logged as a read.

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const seat = await requireCaseSeat(context, request);
  const r = await caseTx(context, seat, async (tx, me) => {
    const view = await householdOf(tx, me, params.clientId);
    if (!view.ok) return view;
    const writes = await may(tx, params.clientId, "family", "write");
    const candidates = writes ? await householdCandidates(tx, me, params.clientId) : [];
    return { ok: true as const, view: view.value, writes, candidates };
  });
  if (!r.ok) throw data({ message: failureErrors(context, r)._form }, { status: 403 });
  return {
    slug: context.get(tenantContext).tenant.slug,
    clientId: params.clientId,
    ...r.view,
    writes: r.writes,
    candidates: r.candidates,
    familySlug: CATEGORY_SLUGS.family,
    saved: new URL(request.url).searchParams.get("ok") === "saved",
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const seat = await requireCaseSeat(context, request);
  const f = await request.formData();
  const intent = String(f.get("intent") ?? "");
  const memberId = String(f.get("memberId") ?? "");
  if (intent === "link" && !memberId)
    return data(
      { intent, errors: { memberId: errorText(context, "cases.household.errors.choose") }, values: formValues(f) },
      { status: 400 },
    );
  const r = await caseTx(context, seat, (tx, me): Promise<Result<unknown>> => {
    if (intent === "create") return createHousehold(tx, me, params.clientId);
    if (intent === "link") return linkToHousehold(tx, me, params.clientId, memberId);
    if (intent === "remove") return leaveHousehold(tx, me, params.clientId, memberId);
    return Promise.resolve(fail("errors.badRequest"));
  });
  if (!r.ok) {
    const errors = intent === "link" ? failureErrors(context, r) : { _form: errorText(context, r.error) };
    return data({ intent, errors, values: formValues(f) }, { status: 400 });
  }
  return redirect(
    `/t/${context.get(tenantContext).tenant.slug}/verwaltung/fallarbeit/fall/${params.clientId}/haushalt?ok=saved`,
  );
}

export default function CaseHousehold({ loaderData: d, actionData: a }: Route.ComponentProps) {
  const t = useT();
  const base = `/t/${d.slug}/verwaltung/fallarbeit/fall`;
  const title = t("cases.household.title", { pseudonym: d.pseudonym });
  const errors = a?.errors as Record<string, string> | undefined;
  const formError = a?.intent !== "link" ? errors?._form : undefined;
  const inHousehold = d.householdId !== null;
  return (
    <>
      <PageTitle>{title}</PageTitle>
      <p>
        <Link className="kern-link" to={`${base}/${d.clientId}`}>
          {t("cases.household.back")}
        </Link>
      </p>
      <h1 className="kern-heading-large">{title}</h1>
      <p className="kern-body">{t("cases.household.intro")}</p>
      <p className="kern-body">{t("cases.household.visibility")}</p>
      {d.saved && <Alert kind="success">{t("cases.household.saved")}</Alert>}
      {formError && <Alert kind="danger">{formError}</Alert>}
      <section aria-labelledby="mitglieder">
        <h2 id="mitglieder" className="kern-heading-medium">
          {t("cases.household.members")}
        </h2>
        {!inHousehold ? (
          <p className="kern-body">{t("cases.household.noHousehold")}</p>
        ) : (
          <DataTable
            caption={t("cases.household.members")}
            headers={[
              t("cases.household.pseudonym"),
              t("cases.household.name"),
              t("cases.household.role"),
              t("cases.household.plan"),
              { label: t("cases.household.actions"), srOnly: true },
            ]}
          >
            {d.members.map((m) => (
              <tr key={m.id} className="kern-table__row">
                <td className="kern-table__cell">
                  {m.self ? (
                    <>
                      {m.pseudonym} ({t("cases.household.thisCase")})
                    </>
                  ) : (
                    <Link className="kern-link" to={`${base}/${m.id}`}>
                      {m.pseudonym}
                    </Link>
                  )}
                </td>
                <td className="kern-table__cell">{m.name ?? t("cases.household.noName")}</td>
                <td className="kern-table__cell">
                  {m.role ? t(`cases.category.householdRoles.${m.role}`) : t("cases.household.noRole")}
                  {m.removable && (
                    <>
                      {" "}
                      <Link
                        className="kern-link"
                        to={`${base}/${m.id}/daten/${d.familySlug}`}
                        aria-label={t("cases.household.editRoleLabel", { pseudonym: m.pseudonym })}
                      >
                        {t("cases.household.editRole")}
                      </Link>
                    </>
                  )}
                </td>
                <td className="kern-table__cell">
                  {m.plan ? (
                    <Link
                      className="kern-link"
                      to={`${base}/${m.id}/plan`}
                      aria-label={t("cases.household.planLinkLabel", { pseudonym: m.pseudonym })}
                    >
                      {t("cases.household.planLink")}
                    </Link>
                  ) : (
                    t("cases.household.noPlan")
                  )}
                </td>
                <td className="kern-table__cell">
                  {m.removable && (
                    <RowAction
                      intent="remove"
                      fields={{ memberId: m.id }}
                      label={t("cases.household.remove")}
                      target={m.pseudonym}
                    />
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
      {d.writes && !inHousehold && (
        <ActionForm
          intent="create"
          heading={t("cases.household.createHeading")}
          headingId="anlegen"
          submit={t("cases.household.create")}
        >
          <p className="kern-body">{t("cases.household.createHint")}</p>
        </ActionForm>
      )}
      {d.writes &&
        (d.candidates.length === 0 ? (
          <p className="kern-body">{t("cases.household.noCandidates")}</p>
        ) : (
          <ActionForm
            intent="link"
            heading={t(inHousehold ? "cases.household.addHeading" : "cases.household.joinHeading")}
            headingId="zuordnen"
            errors={a?.intent === "link" ? errors : null}
            submit={t(inHousehold ? "cases.household.submitAdd" : "cases.household.submitJoin")}
            primary
          >
            <Select
              name="memberId"
              label={t(inHousehold ? "cases.household.member" : "cases.household.memberJoin")}
              hint={t("cases.household.memberHint")}
              options={[
                { value: "", label: t("cases.household.choose") },
                ...d.candidates.map((c) => ({
                  value: c.id,
                  label: [c.pseudonym, c.name, c.inHousehold ? t("cases.household.inHousehold") : undefined]
                    .filter(Boolean)
                    .join(" – "),
                })),
              ]}
              error={a?.intent === "link" ? errors?.memberId : undefined}
              required
            />
          </ActionForm>
        ))}
    </>
  );
}
