import "./strings";
import { Content, UserText } from "~/kernel/ui/content";
import { data, Link, redirect, useLocation } from "react-router";
import type { Route } from "./+types/public-draft";
import { failureErrors, tenantContext, tenantTx } from "~/kernel/http/context";
import { ActionForm, Alert, ErrorSummary, Field, formValues, PageTitle } from "~/kernel/ui/forms";
import { useT } from "~/kernel/ui/hooks";
import { draftParagraphs, postComment } from "../drafts";
import { draftNotFound, draftOf } from "../http.server";
import "../participation.css";

// A draft of a published process, paragraph by paragraph, with its visible comments and the
// administration's answers, and a comment form per paragraph that works without JavaScript: a plain
// POST with the CSRF field, then a redirect back to the new comment (decision 0031). No account; a
// comment stores no address and no time.

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { tenant } = context.get(tenantContext);
  const ok = new URL(request.url).searchParams.get("ok") === "comment";
  return tenantTx(context, async (tx) => {
    const d = await draftOf(context, tx, params.id, params.draftId, "public");
    const paragraphs = await draftParagraphs(tx, d.id, "public");
    // Only what the public may see: hidden comments are not read at all (see draftParagraphs).
    return {
      slug: tenant.slug,
      done: ok,
      process: { id: d.processId, title: d.processTitle },
      draft: { id: d.id, title: d.title, open: d.status === "open" && d.processStatus === "published" },
      paragraphs: paragraphs.map((p) => ({
        id: p.id,
        position: p.position,
        body: p.body,
        comments: p.comments.map((c) => ({ seq: c.seq, body: c.body, displayName: c.displayName, answer: c.answer })),
      })),
    };
  });
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { tenant } = context.get(tenantContext);
  const f = await request.formData();
  const r = await tenantTx(context, async (tx) => {
    const d = await draftOf(context, tx, params.id, params.draftId, "public");
    return postComment(tx, d.id, String(f.get("paragraphId") ?? ""), {
      body: String(f.get("body") ?? ""),
      displayName: String(f.get("displayName") ?? ""),
    });
  });
  if (!r.ok) {
    if (r.error.code === "participation.draftErrors.notFound") throw draftNotFound(context);
    return data({ errors: failureErrors(context, r), values: formValues(f) }, { status: 400 });
  }
  return redirect(`/t/${tenant.slug}/beteiligung/${params.id}/entwurf/${params.draftId}?ok=comment#k-${r.value.seq}`);
}

export default function PublicDraft({ loaderData: d, actionData: a }: Route.ComponentProps) {
  const t = useT();
  const fresh = useLocation().key;
  const values = a?.values as Record<string, unknown> | undefined;
  const errorsFor = (paragraphId: string) =>
    d.draft.open && a?.errors && values?.paragraphId === paragraphId ? (a.errors as Record<string, string>) : undefined;
  // A refusal no paragraph form can show (the draft closed meanwhile, an unknown paragraph) goes to the top.
  const topErrors =
    a?.errors && !d.paragraphs.some((p) => errorsFor(p.id))
      ? { _form: Object.values(a.errors as Record<string, string>).join(" ") }
      : undefined;
  return (
    <main id="inhalt" className="kern-container page stack">
      <PageTitle>{d.draft.title}</PageTitle>
      <p>
        <Link className="kern-link" to={`/t/${d.slug}/beteiligung/${d.process.id}`}>
          <Content>{d.process.title}</Content>
        </Link>
      </p>
      <h1 className="kern-heading-large">
        <Content>{d.draft.title}</Content>
      </h1>
      {d.done && <Alert kind="success">{t("participation.drafts.done.comment")}</Alert>}
      <ErrorSummary errors={topErrors} />
      {d.draft.open ? (
        <>
          <p className="kern-body">{t("participation.drafts.publicIntro")}</p>
          <p className="kern-hint">{t("participation.drafts.anonymousHint")}</p>
        </>
      ) : (
        <p className="kern-body">{t("participation.drafts.closedPublic")}</p>
      )}

      {d.paragraphs.map((p) => {
        const errors = errorsFor(p.id);
        // The summary links to this paragraph's fields, whose ids carry the paragraph's number.
        const summary =
          errors &&
          Object.fromEntries(Object.entries(errors).map(([k, m]) => [k === "_form" ? k : `${k}-${p.position}`, m]));
        return (
          <section key={p.id} aria-labelledby={`absatz-${p.position}`} className="draft-paragraph">
            <h2 id={`absatz-${p.position}`} className="kern-heading-medium">
              {t("participation.drafts.paragraph", { n: p.position })}
            </h2>
            <blockquote className="draft-text">
              <Content>{p.body}</Content>
            </blockquote>
            {p.comments.length > 0 && (
              <>
                <h3 className="kern-heading-small">
                  {t("participation.drafts.commentsTitle", { count: p.comments.length })}
                </h3>
                <ol className="draft-comments">
                  {p.comments.map((c) => (
                    <li key={c.seq} id={`k-${c.seq}`} className="draft-comment">
                      <p className="kern-body kern-body--small">
                        <strong>{c.displayName ?? t("participation.drafts.anonymous")}</strong>
                      </p>
                      <p className="kern-body draft-text">
                        <UserText>{c.body}</UserText>
                      </p>
                      {c.answer && (
                        <p className="kern-body draft-answer">
                          <strong>{t("participation.drafts.answerIs")}</strong> {c.answer}
                        </p>
                      )}
                    </li>
                  ))}
                </ol>
              </>
            )}
            {d.draft.open && (
              <details className="draft-form" open={!!errors || undefined}>
                <summary>{t("participation.drafts.commentOn", { n: p.position })}</summary>
                <ActionForm
                  key={`${p.id}-${fresh}`}
                  intent="comment"
                  hidden={{ paragraphId: p.id }}
                  errors={summary}
                  submit={t("participation.drafts.post")}
                >
                  <Field
                    name="body"
                    id={`f-body-${p.position}`}
                    type="textarea"
                    label={t("participation.drafts.bodyLabel", { n: p.position })}
                    hint={t("participation.drafts.bodyHint")}
                    required
                    error={errors?.body}
                  />
                  <Field
                    name="displayName"
                    id={`f-displayName-${p.position}`}
                    label={t("participation.drafts.nameLabel")}
                    hint={t("participation.drafts.nameHint")}
                    autoComplete="off"
                    error={errors?.displayName}
                  />
                </ActionForm>
              </details>
            )}
          </section>
        );
      })}
    </main>
  );
}
