import "./strings";
import { Content, UserText } from "~/kernel/ui/content";
import { data, Link, redirect, useLocation } from "react-router";
import type { Route } from "./+types/staff-draft";
import { failureErrors, requireRole, tenantContext, tenantTx, tFor } from "~/kernel/http/context";
import { roleAtLeast } from "~/kernel/roles";
import { ActionForm, Alert, ErrorSummary, Field, formValues, PageTitle, PostForm } from "~/kernel/ui/forms";
import { useT } from "~/kernel/ui/hooks";
import { answerComment, draftParagraphs, moderateComment, setDraftStatus } from "../drafts";
import { draftOf } from "../http.server";
import "../participation.css";

// A draft's staff page (decision 0031): every paragraph with all its comments, hidden ones marked;
// editors hide and show comments, answer them and close or reopen the draft. Viewers read.

const DONE = ["created", "status", "hidden", "shown", "answer"] as const;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const role = requireRole(context, "viewer");
  const { tenant } = context.get(tenantContext);
  const ok = new URL(request.url).searchParams.get("ok");
  return tenantTx(context, async (tx) => {
    const d = await draftOf(context, tx, params.id, params.draftId, "staff");
    return {
      slug: tenant.slug,
      canEdit: roleAtLeast(role, "editor"),
      done: DONE.find((x) => x === ok) ?? null,
      draft: d,
      paragraphs: await draftParagraphs(tx, d.id, "staff"),
    };
  });
}

export async function action({ request, params, context }: Route.ActionArgs) {
  requireRole(context, "editor");
  const { tenant } = context.get(tenantContext);
  const f = await request.formData();
  const intent = String(f.get("intent") ?? "");
  const commentId = String(f.get("commentId") ?? "");
  const r = await tenantTx(context, async (tx) => {
    const d = await draftOf(context, tx, params.id, params.draftId, "staff");
    switch (intent) {
      case "status": {
        const status = String(f.get("status") ?? "");
        if (status !== "open" && status !== "closed") return undefined;
        return { done: "status", result: await setDraftStatus(tx, d.id, status) } as const;
      }
      case "hide":
      case "show":
        return {
          done: intent === "hide" ? "hidden" : "shown",
          result: await moderateComment(tx, d.id, commentId, intent === "hide"),
        } as const;
      case "answer":
        return {
          done: "answer",
          result: await answerComment(tx, d.id, commentId, { answer: String(f.get("answer") ?? "") }),
        } as const;
    }
    return undefined;
  });
  if (!r) return data({ intent, errors: { _form: tFor(context)("errors.badRequest") }, values: null }, { status: 400 });
  if (!r.result.ok)
    return data({ intent, errors: failureErrors(context, r.result), values: formValues(f) }, { status: 400 });
  const back = `/t/${tenant.slug}/verwaltung/beteiligung/${params.id}/entwurf/${params.draftId}?ok=${r.done}`;
  return redirect(commentId && intent !== "status" ? `${back}#k-${encodeURIComponent(commentId)}` : back);
}

/** A one-button form (close/reopen, hide/show). */
function OneButton({ intent, fields, label }: { intent: string; fields: Record<string, string>; label: string }) {
  return (
    <PostForm>
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(fields).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <button type="submit" className="kern-btn kern-btn--secondary kern-btn--small">
        <span className="kern-label">{label}</span>
      </button>
    </PostForm>
  );
}

export default function DraftStaff({ loaderData: d, actionData: a }: Route.ComponentProps) {
  const t = useT();
  const fresh = useLocation().key;
  const draft = d.draft;
  const processUrl = `/t/${d.slug}/verwaltung/beteiligung/${draft.processId}`;
  const errors = a?.errors as Record<string, string> | undefined;
  const values = a?.values as Record<string, unknown> | null | undefined;
  // An answer's error belongs to that comment's form; anything else goes to the top.
  const answerFor = (id: string) => (a?.intent === "answer" && values?.commentId === id ? errors : undefined);
  // The summary links to the field of this comment's form (ids are per comment).
  const answerSummary = (id: string) => {
    const e = answerFor(id);
    return e && Object.fromEntries(Object.entries(e).map(([k, m]) => [k === "_form" ? k : `${k}-${id}`, m]));
  };
  const topErrors = a?.intent === "answer" && values?.commentId ? undefined : errors;
  return (
    <>
      <PageTitle>{draft.title}</PageTitle>
      <p>
        <Link className="kern-link" to={processUrl}>
          {t("participation.drafts.backToProcess", { process: draft.processTitle })}
        </Link>
      </p>
      <h1 className="kern-heading-large">
        <Content>{draft.title}</Content>
      </h1>
      <p className="kern-body">{t("participation.drafts.partOf", { process: draft.processTitle })}</p>
      <p className="kern-body">
        {draft.source === "custom"
          ? t("participation.drafts.fromCustom")
          : draft.editionTitle
            ? t("participation.drafts.fromHaltung", { edition: draft.editionTitle })
            : t("participation.drafts.fromHaltungGone")}
      </p>
      <p className="kern-body">
        {t("participation.drafts.statusLine", { status: t(`participation.drafts.statuses.${draft.status}`) })}
      </p>
      <p className="kern-body">
        {draft.processStatus === "draft" ? (
          t("participation.drafts.notPublic")
        ) : (
          <Link className="kern-link" to={`/t/${d.slug}/beteiligung/${draft.processId}/entwurf/${draft.id}`}>
            {t("participation.drafts.publicLink")}
          </Link>
        )}
      </p>
      {d.done && <Alert kind="success">{t(`participation.drafts.done.${d.done}`)}</Alert>}
      <ErrorSummary errors={topErrors} />
      {d.canEdit && (
        <div className="actions">
          <OneButton
            intent="status"
            fields={{ status: draft.status === "open" ? "closed" : "open" }}
            label={t(draft.status === "open" ? "participation.drafts.close" : "participation.drafts.reopen")}
          />
        </div>
      )}

      {d.paragraphs.map((p) => (
        <section key={p.id} aria-labelledby={`absatz-${p.position}`} className="draft-paragraph">
          <h2 id={`absatz-${p.position}`} className="kern-heading-medium">
            {t("participation.drafts.paragraph", { n: p.position })}
          </h2>
          <blockquote className="draft-text">
            <Content>{p.body}</Content>
          </blockquote>
          <h3 className="kern-heading-small">
            {t("participation.drafts.commentsTitle", { count: p.comments.length })}
          </h3>
          {p.comments.length === 0 ? (
            <p className="kern-body">{t("participation.drafts.noComments")}</p>
          ) : (
            <ol className="draft-comments">
              {p.comments.map((c) => (
                <li
                  key={c.id}
                  id={`k-${c.id}`}
                  className={c.hidden ? "draft-comment draft-comment--hidden" : "draft-comment"}
                >
                  <p className="kern-body kern-body--small">
                    <strong>{t("participation.drafts.commentNo", { seq: c.seq })}</strong> ·{" "}
                    {c.displayName ?? t("participation.drafts.anonymous")}
                    {c.hidden && <> · {t("participation.drafts.hiddenMark")}</>}
                  </p>
                  <p className="kern-body draft-text">
                    <UserText>{c.body}</UserText>
                  </p>
                  {c.answer && (
                    <p className="kern-body draft-answer">
                      <strong>{t("participation.drafts.answerIs")}</strong> {c.answer}
                    </p>
                  )}
                  {d.canEdit && (
                    <>
                      <OneButton
                        intent={c.hidden ? "show" : "hide"}
                        fields={{ commentId: c.id }}
                        label={t(c.hidden ? "participation.drafts.show" : "participation.drafts.hide")}
                      />
                      <ActionForm
                        key={`${c.id}-${fresh}`}
                        intent="answer"
                        hidden={{ commentId: c.id }}
                        errors={answerSummary(c.id)}
                        submit={t("participation.drafts.saveAnswer")}
                      >
                        <Field
                          name="answer"
                          id={`f-answer-${c.id}`}
                          type="textarea"
                          label={t("participation.drafts.answerLabel", { seq: c.seq })}
                          hint={t("participation.drafts.answerHint")}
                          defaultValue={c.answer ?? ""}
                          error={answerFor(c.id)?.answer}
                        />
                      </ActionForm>
                    </>
                  )}
                </li>
              ))}
            </ol>
          )}
        </section>
      ))}
    </>
  );
}
