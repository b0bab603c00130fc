import "./strings";
import "../breakglass/strings";
import { data, Link, redirect } from "react-router";
import type { Route } from "./+types/cases-break-glass";
import type { Result } from "~/kernel/errors";
import { failureErrors, tenantContext } from "~/kernel/http/context";
import { ActionForm, Alert, Field, formValues, PageTitle } from "~/kernel/ui/forms";
import { useFormat, useT } from "~/kernel/ui/hooks";
import {
  approveBreakGlass,
  listBreakGlass,
  mayRequestBreakGlass,
  requestBreakGlass,
  reviewBreakGlass,
  type BreakGlassItem,
} from "../breakglass/service";
import { CATEGORIES } from "../core/schema";
import { ChoiceList } from "~/kernel/ui/picker";
import { categoriesFrom } from "./forms.server";
import { caseTx, requireCaseSeat } from "./session.server";

// Break-glass (issue 16 item 5): the request form for case workers of other institutions, the
// approvals waiting for the owning institution's coordination and lead, the reviews waiting for its
// data-protection officer. The database decides (migration 0882); the page only shows what it lets through.

export async function loader({ request, context }: Route.LoaderArgs) {
  const seat = await requireCaseSeat(context, request);
  const r = await caseTx(context, seat, async (tx, me) => ({
    canRequest: mayRequestBreakGlass(me),
    ...(await listBreakGlass(tx, me)),
  }));
  return { slug: context.get(tenantContext).tenant.slug, ok: new URL(request.url).searchParams.get("ok"), ...r };
}

export async function action({ request, context }: Route.ActionArgs) {
  const seat = await requireCaseSeat(context, request);
  const f = await request.formData();
  const intent = String(f.get("intent") ?? "");
  const id = String(f.get("id") ?? "");
  const r = await caseTx(context, seat, (tx, me): Promise<Result<unknown>> =>
    intent === "approve"
      ? approveBreakGlass(tx, me, id)
      : intent === "review"
        ? reviewBreakGlass(tx, me, id, { note: String(f.get("note") ?? "") })
        : requestBreakGlass(tx, me, {
            pseudonym: String(f.get("pseudonym") ?? ""),
            categories: categoriesFrom(f),
            reason: String(f.get("reason") ?? ""),
          }),
  );
  if (!r.ok) return data({ intent, id, errors: failureErrors(context, r), values: formValues(f) }, { status: 400 });
  const done = intent === "approve" ? "approved" : intent === "review" ? "reviewed" : "requested";
  return redirect(`/t/${context.get(tenantContext).tenant.slug}/verwaltung/fallarbeit/notfallzugriff?ok=${done}`);
}

export default function CasesBreakGlass({ loaderData: d, actionData: a }: Route.ComponentProps) {
  const t = useT();
  const fmt = useFormat();
  const e = (intent: string, id = "") =>
    a?.intent === intent && a.id === id ? (a.errors as Record<string, string>) : undefined;
  const state = (g: BreakGlassItem) =>
    !g.approvedAt
      ? t(g.stale ? "cases.breakglass.page.stale" : "cases.breakglass.page.pending")
      : g.open
        ? t("cases.breakglass.page.openUntil", { at: fmt.dateTime(g.expiresAt!) })
        : t("cases.breakglass.page.ended");
  const summary = (g: BreakGlassItem) => (
    <>
      <p className="kern-body">
        <strong>{g.pseudonym ?? "—"}</strong> · {g.categories.map((c) => t(`cases.categories.${c}`)).join(", ")} ·{" "}
        {state(g)}
      </p>
      <p className="kern-body kern-body--small">
        {t("cases.breakglass.page.by", {
          requester: g.requester,
          institution: g.institution,
          at: fmt.dateTime(g.requestedAt),
        })}
      </p>
      <p className="kern-body">{g.reason}</p>
    </>
  );
  const title = t("cases.breakglass.page.title");
  return (
    <>
      <PageTitle>{title}</PageTitle>
      <p>
        <Link className="kern-link" to={`/t/${d.slug}/verwaltung/fallarbeit`}>
          {t("cases.client.back")}
        </Link>
      </p>
      <h1 className="kern-heading-large">{title}</h1>
      <p className="kern-body">{t("cases.breakglass.page.intro")}</p>
      {d.ok && ["requested", "approved", "reviewed"].includes(d.ok) && (
        <Alert kind="success">{t(`cases.breakglass.page.${d.ok}`)}</Alert>
      )}

      <section aria-labelledby="bg-request">
        <h2 id="bg-request" className="kern-heading-medium">
          {t("cases.breakglass.page.request")}
        </h2>
        {d.canRequest ? (
          <ActionForm intent="request" errors={e("request")} submit={t("cases.breakglass.page.submit")} primary>
            <Field
              name="pseudonym"
              label={t("cases.breakglass.page.pseudonym")}
              hint={t("cases.breakglass.page.pseudonymHint")}
              error={e("request")?.pseudonym}
              required
            />
            <ChoiceList
              name="categories"
              legend={t("cases.breakglass.page.categories")}
              options={CATEGORIES.map((c) => ({ value: c, label: t(`cases.categories.${c}`) }))}
              error={e("request")?.categories}
            />
            <Field
              name="reason"
              type="textarea"
              label={t("cases.breakglass.page.reason")}
              hint={t("cases.breakglass.page.reasonHint")}
              error={e("request")?.reason}
              required
            />
          </ActionForm>
        ) : (
          <p className="kern-body">{t("cases.breakglass.page.noRequest")}</p>
        )}
      </section>

      <section aria-labelledby="bg-mine">
        <h2 id="bg-mine" className="kern-heading-medium">
          {t("cases.breakglass.page.mine")}
        </h2>
        {d.mine.length === 0 && <p className="kern-body">{t("cases.breakglass.page.none")}</p>}
        {d.mine.map((g) => (
          <article key={g.id}>
            {summary(g)}
            {g.open && (
              <p>
                <Link className="kern-link" to={`/t/${d.slug}/verwaltung/fallarbeit/fall/${g.clientId}`}>
                  {t("cases.breakglass.page.open")}
                </Link>
              </p>
            )}
          </article>
        ))}
      </section>

      {(
        [
          ["approve", d.toApprove],
          ["review", d.toReview],
        ] as const
      ).map(
        ([intent, list]) =>
          list.length > 0 && (
            <section key={intent} aria-labelledby={`bg-${intent}`}>
              <h2 id={`bg-${intent}`} className="kern-heading-medium">
                {t(intent === "approve" ? "cases.breakglass.page.toApprove" : "cases.breakglass.page.toReview")}
              </h2>
              {list.map((g) => (
                <article key={g.id}>
                  {summary(g)}
                  <ActionForm
                    intent={intent}
                    hidden={{ id: g.id }}
                    errors={e(intent, g.id)}
                    submit={t(`cases.breakglass.page.${intent}`)}
                  >
                    {intent === "review" && (
                      <Field
                        id={`note-${g.id}`}
                        name="note"
                        type="textarea"
                        label={t("cases.breakglass.page.note")}
                        error={e(intent, g.id)?.note}
                        required
                      />
                    )}
                  </ActionForm>
                </article>
              ))}
            </section>
          ),
      )}
    </>
  );
}
