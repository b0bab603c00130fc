import "./strings";
import "../plans/strings";
import { data, Link, redirect } from "react-router";
import type { Route } from "./+types/cases-referrals";
import { fail, type Result } from "~/kernel/errors";
import { tenantContext, tFor } from "~/kernel/http/context";
import { ActionForm, Alert, Field, formValues, PageTitle, Select } from "~/kernel/ui/forms";
import { useFormat, useRoot, useT } from "~/kernel/ui/hooks";
import { RowAction } from "~/kernel/ui/table";
import { refusalText } from "../plans/messages";
import { acceptReferral, listReferralsForMe, rejectReferral } from "../plans/referrals";
import { REJECTION_REASONS } from "../plans/schema";
import { given } from "./forms.server";
import { caseTx, requireCaseSeat } from "./session.server";

// Referrals to the caller's institution: accept or reject with a reason. The database shows only
// those whose client's plan the institution still has a basis for; each client shown is logged.

export async function loader({ request, context }: Route.LoaderArgs) {
  const seat = await requireCaseSeat(context, request);
  const r = await caseTx(context, seat, (tx, me) => listReferralsForMe(tx, me, { limit: 200 }));
  if (!r.ok) throw data({ message: tFor(context)("cases.errors.notAllowed") }, { status: 403 });
  return {
    slug: context.get(tenantContext).tenant.slug,
    referrals: r.value,
    saved: new URL(request.url).searchParams.get("ok") === "saved",
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const seat = await requireCaseSeat(context, request);
  const f = await request.formData();
  const intent = String(f.get("intent") ?? "");
  const referralId = String(f.get("referralId") ?? "");
  const r: Result<unknown> = await caseTx(context, seat, (tx, me) =>
    intent === "accept"
      ? acceptReferral(tx, me, { referralId })
      : intent === "reject"
        ? rejectReferral(tx, me, {
            referralId,
            reason: String(f.get("reason") ?? "") as (typeof REJECTION_REASONS)[number],
            note: given(f, "note"),
          })
        : Promise.resolve(fail("errors.badRequest")),
  );
  if (!r.ok)
    return data(
      {
        intent,
        referralId,
        errors: { [r.field ?? "_form"]: refusalText(tFor(context), r.error) },
        values: formValues(f),
      },
      { status: 400 },
    );
  return redirect(`/t/${context.get(tenantContext).tenant.slug}/verwaltung/fallarbeit/verweisungen?ok=saved`);
}

export default function CasesReferrals({ loaderData: d, actionData: a }: Route.ComponentProps) {
  const t = useT();
  const fmt = useFormat();
  const { lang } = useRoot();
  const title = t("cases.referralsPage.title");
  return (
    <>
      <PageTitle>{title}</PageTitle>
      <p>
        <Link className="kern-link" to={`/t/${d.slug}/verwaltung/fallarbeit`}>
          {t("cases.client.back")}
        </Link>
      </p>
      <h1 className="kern-heading-large">{title}</h1>
      <p className="kern-body">{t("cases.referralsPage.intro")}</p>
      {d.saved && <Alert kind="success">{t("cases.client.saved")}</Alert>}
      {d.referrals.length === 0 && <p className="kern-body">{t("cases.referralsPage.empty")}</p>}
      {d.referrals.map((r) => {
        const step = r.stepType ? ((lang === "en" ? r.stepLabelEn : r.stepLabelDe) ?? "") : t("cases.planPage.noStep");
        const heading = t("cases.referralsPage.line", {
          pseudonym: r.pseudonym,
          from: r.fromInstitution,
          step,
          on: fmt.date(r.referredOn),
        });
        const e = a?.referralId === r.id ? (a.errors as Record<string, string>) : null;
        return (
          <section key={r.id} aria-labelledby={`v-${r.id}`}>
            <h2 id={`v-${r.id}`} className="kern-heading-small">
              {heading}
            </h2>
            <p className="kern-body">
              {t(`cases.plans.referralStates.${r.state}`)}
              {r.rejectionReason && ` – ${t(`cases.plans.rejectionReasons.${r.rejectionReason}`)}`}
            </p>
            <p>
              <Link className="kern-link" to={`/t/${d.slug}/verwaltung/fallarbeit/fall/${r.clientId}`}>
                {t("cases.referralsPage.open", { pseudonym: r.pseudonym })}
              </Link>
            </p>
            {e?._form && (
              <p className="kern-error" role="alert">
                {e._form}
              </p>
            )}
            {r.state === "in_progress" && (
              <>
                <RowAction
                  intent="accept"
                  fields={{ referralId: r.id }}
                  label={t("cases.referralsPage.accept")}
                  target={heading}
                />
                <details open={!!e && a?.intent === "reject"}>
                  <summary className="kern-body">{t("cases.referralsPage.reject")}</summary>
                  <ActionForm
                    intent="reject"
                    hidden={{ referralId: r.id }}
                    errors={a?.intent === "reject" ? e : null}
                    submit={t("cases.referralsPage.reject")}
                  >
                    <Select
                      id={`reason-${r.id}`}
                      name="reason"
                      label={t("cases.referralsPage.reason")}
                      options={[
                        { value: "", label: t("cases.intake.choose") },
                        ...REJECTION_REASONS.map((x) => ({ value: x, label: t(`cases.plans.rejectionReasons.${x}`) })),
                      ]}
                      error={e?.reason}
                      required
                    />
                    <Field
                      id={`note-${r.id}`}
                      name="note"
                      type="textarea"
                      label={t("cases.referralsPage.note")}
                      error={e?.note}
                    />
                  </ActionForm>
                </details>
              </>
            )}
          </section>
        );
      })}
    </>
  );
}
