import "./strings";
import { data, Link } from "react-router";
import type { Route } from "./+types/staff-moderation";
import { requestContext, requireRole, tenantContext, tenantTx, tFor } from "~/kernel/http/context";
import { atlasTerms } from "../terms";
import { Alert, Field, formValues, PageTitle, SubmittedValues, PostForm } from "~/kernel/ui/forms";
import { issueText } from "~/kernel/errors";
import { useFormat, useT } from "~/kernel/ui/hooks";
import { actorOf } from "../http";
import { approveRevision, moderationQueue, RejectInput, rejectRevision } from "../service";
import { NATIVE_NAMES, codeLabel, dirOf, htmlLang } from "../taxonomy";

export async function loader({ context }: Route.LoaderArgs) {
  requireRole(context, "editor");
  const { tenant } = context.get(tenantContext);
  return {
    slug: tenant.slug,
    ...(await tenantTx(context, async (tx) => ({
      queue: await moderationQueue(tx),
      terms: await atlasTerms(tx, context.get(requestContext).lang),
    }))),
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  requireRole(context, "editor");
  const t = tFor(context);
  const f = await request.formData();
  const id = String(f.get("revisionId") ?? "");
  const actor = actorOf(context);
  if (f.get("intent") === "reject") {
    const p = RejectInput.safeParse({ reason: String(f.get(`reason-${id}`) ?? "") });
    if (!p.success)
      return data(
        {
          ok: null,
          error: null,
          errors: { [id]: issueText(t, p.error.issues[0]) } as Record<string, string>,
          values: formValues(f),
        },
        { status: 400 },
      );
    const r = await tenantTx(context, (tx) => rejectRevision(tx, actor, id, p.data.reason));
    if (!r.ok)
      return data(
        {
          ok: null,
          error: t(r.error === "not_pending" ? "atlas.moderation.notPending" : "atlas.staff.notFound"),
          errors: null,
        },
        { status: r.error === "not_pending" ? 409 : 404 },
      );
    return { ok: t("atlas.moderation.rejected"), error: null, errors: null };
  }
  const r = await tenantTx(context, (tx) => approveRevision(tx, actor, id));
  if (!r.ok)
    return data(
      {
        ok: null,
        error: t(r.error === "not_pending" ? "atlas.moderation.notPending" : "atlas.staff.notFound"),
        errors: null,
      },
      { status: r.error === "not_pending" ? 409 : 404 },
    );
  return { ok: t("atlas.moderation.approved"), error: null, errors: null };
}

export default function Moderation({ loaderData: d, actionData }: Route.ComponentProps) {
  const t = useT();
  const fmt = useFormat();
  return (
    <>
      <PageTitle>{t("atlas.moderation.title")}</PageTitle>
      <h1 className="kern-heading-large">{t("atlas.moderation.title")}</h1>
      <p className="kern-body">{t("atlas.moderation.intro")}</p>
      {actionData?.ok && <Alert kind="success">{actionData.ok}</Alert>}
      {actionData?.error && <Alert kind="danger">{actionData.error}</Alert>}
      {d.queue.length === 0 ? (
        <p>{t("atlas.moderation.empty")}</p>
      ) : (
        d.queue.map((q) => {
          const p = q.payload;
          const err = (actionData?.errors as Record<string, string> | null | undefined)?.[q.id];
          return (
            <section key={q.id} className="atlas-result stack" aria-labelledby={`rev-${q.id}`}>
              <h2 id={`rev-${q.id}`} className="kern-heading-small">
                {p.translations.de?.title}
              </h2>
              <p className="kern-body--small">
                {q.isNew ? t("atlas.moderation.new") : t("atlas.moderation.change")} · {q.provider ?? "–"} ·{" "}
                {t("atlas.moderation.submittedBy", { who: q.submitter ?? "–", date: fmt.dateTime(q.submittedAt) })}
              </p>
              <p className="kern-body atlas-content">{p.translations.de?.description}</p>
              <ul className="kern-list">
                {Object.entries(p.translations)
                  .filter(([l]) => l !== "de")
                  .map(([l, v]) => (
                    <li key={l}>
                      {NATIVE_NAMES[l]}:{" "}
                      <span lang={htmlLang(l)} dir={dirOf(l)}>
                        {v?.title}
                      </span>
                    </li>
                  ))}
                <li>
                  {t("atlas.entry.handlungsfelder")}:{" "}
                  {p.handlungsfelder.map((h) => codeLabel(d.terms.hf, h)).join(", ")}
                </li>
                <li>
                  {t("atlas.entry.germanLevel")}: {t(`atlas.germanLevel.${p.germanLevel}`)}
                </li>
              </ul>
              <p>
                <Link className="kern-link" to={`/t/${d.slug}/verwaltung/angebote/${q.entryId}`}>
                  {t("atlas.moderation.openEntry")}
                </Link>
              </p>
              <div className="actions">
                <PostForm>
                  <input type="hidden" name="revisionId" value={q.id} />
                  <input type="hidden" name="intent" value="approve" />
                  <button type="submit" className="kern-btn kern-btn--primary">
                    <span className="kern-label">{t("atlas.moderation.approve")}</span>
                  </button>
                </PostForm>
              </div>
              <PostForm className="form-grid">
                <input type="hidden" name="revisionId" value={q.id} />
                <input type="hidden" name="intent" value="reject" />
                <SubmittedValues values={actionData && "values" in actionData ? actionData.values : null}>
                  <Field
                    name={`reason-${q.id}`}
                    type="textarea"
                    label={t("atlas.moderation.reason")}
                    required
                    error={err}
                  />
                </SubmittedValues>
                <div>
                  <button type="submit" className="kern-btn kern-btn--secondary">
                    <span className="kern-label">{t("atlas.moderation.reject")}</span>
                  </button>
                </div>
              </PostForm>
            </section>
          );
        })
      )}
    </>
  );
}
