import "./strings";
import { Content, UserText } from "~/kernel/ui/content";
import { data, Link, redirect, useLocation } from "react-router";
import type { Route } from "./+types/public-workshop";
import { failureErrors, tenantContext, tenantTx, tFor } from "~/kernel/http/context";
import { parseCookies, serializeCookie } from "~/kernel/http/cookies";
import { ActionForm, Alert, ErrorSummary, Field, formValues, PageTitle, Select, PostForm } from "~/kernel/ui/forms";
import { useT } from "~/kernel/ui/hooks";
import { board, castDot, newDotKey, newParticipantToken, postCard, workshopByCode } from "../workshops";
import { BOARD_KINDS, participantCookie } from "../workshops-schema";
import { BoardStatus, KindBadge, useLiveBoard } from "../workshops-ui";
import "../participation.css";

// A participant's phone: post a card, give dots, see the board. No account; a random token in a
// cookie of this browser stands for the participant (decision 0030). Every step is a plain form post.

const DONE = ["card", "dot"] as const;
const notFound = (context: Route.LoaderArgs["context"]) =>
  data({ message: tFor(context)("participation.workshopErrors.codeUnknown") }, { status: 404 });

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { tenant } = context.get(tenantContext);
  const cookies = parseCookies(request.headers.get("cookie"));
  const url = new URL(request.url);
  return tenantTx(context, async (tx) => {
    const w = await workshopByCode(tx, params.code);
    if (!w || w.status !== "open") throw notFound(context);
    const name = participantCookie(w.id);
    const token = cookies[name] ?? null;
    const b = await board(tx, w, { role: "participant", token });
    const ok = url.searchParams.get("ok");
    const body = {
      slug: tenant.slug,
      code: w.code,
      workshop: {
        title: w.title,
        processTitle: w.processTitle,
        phaseName: w.phaseName,
        round: w.round,
        dotBudget: w.dotBudget,
        oneDotPerCard: w.oneDotPerCard,
        votingOpen: w.votingOpen,
        status: w.status,
      },
      cards: b.cards.map((c) => ({
        id: c.id,
        seq: c.seq,
        kind: c.kind,
        body: c.body,
        cluster: c.cluster,
        mine: c.mine,
        total: c.total,
      })),
      used: b.used,
      revealed: b.revealed,
      // One fresh key per card and page view: a form sent twice (a double tap, a retry) is one dot.
      keys: Object.fromEntries(b.cards.map((c) => [c.id, newDotKey()])),
      done: DONE.find((x) => x === ok) ?? null,
    };
    // The participant's token is made on the first visit; it lives for two days in this browser only.
    return token
      ? body
      : data(body, {
          headers: { "Set-Cookie": serializeCookie(name, newParticipantToken(), { maxAge: 2 * 24 * 3600 }) },
        });
  });
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { tenant } = context.get(tenantContext);
  const t = tFor(context);
  const f = await request.formData();
  const intent = String(f.get("intent") ?? "");
  const cookies = parseCookies(request.headers.get("cookie"));
  const fail = (errors: Record<string, string>) => data({ intent, errors, values: formValues(f) }, { status: 400 });
  const r = await tenantTx(context, async (tx) => {
    const w = await workshopByCode(tx, params.code);
    if (!w) throw notFound(context);
    const token = cookies[participantCookie(w.id)];
    // Without the cookie there is no participant to count dots and cards for.
    if (!token) return { error: t("participation.workshopErrors.cookie") };
    if (intent === "card") {
      const res = await postCard(tx, w.id, token, {
        kind: String(f.get("kind") ?? "") as never,
        body: String(f.get("body") ?? ""),
      });
      return res.ok ? { done: "card" } : { errors: failureErrors(context, res) };
    }
    if (intent === "dot") {
      const res = await castDot(tx, w.id, token, String(f.get("cardId") ?? ""), String(f.get("key") ?? ""));
      return res.ok ? { done: "dot" } : { errors: failureErrors(context, res) };
    }
    return { error: t("errors.badRequest") };
  });
  if ("done" in r) return redirect(`/t/${tenant.slug}/werkstatt/${params.code}?ok=${r.done}`);
  return fail("errors" in r ? (r.errors as Record<string, string>) : { _form: r.error });
}

export default function WorkshopParticipant({ loaderData: d, actionData: a }: Route.ComponentProps) {
  const t = useT();
  const fresh = useLocation().key;
  useLiveBoard(`/t/${d.slug}/werkstatt/${d.code}/live`);
  const w = d.workshop;
  const errors = a?.errors as Record<string, string> | undefined;
  const left = w.dotBudget - d.used;
  return (
    <main id="inhalt" className="kern-container page stack">
      <PageTitle>{w.title}</PageTitle>
      <h1 className="kern-heading-large">
        <Content>{w.title}</Content>
      </h1>
      <p className="kern-body">{t("participation.workshop.partOf", { process: w.processTitle })}</p>
      <BoardStatus w={w} />
      {d.done && <Alert kind="success">{t(`participation.workshop.done.${d.done}`)}</Alert>}
      {errors && a?.intent !== "card" && <ErrorSummary errors={errors} />}

      <section aria-labelledby="ws-write">
        <h2 id="ws-write" className="kern-heading-medium">
          {t("participation.workshop.writeTitle")}
        </h2>
        <p className="kern-hint">{t("participation.workshop.anonymousHint")}</p>
        <ActionForm
          key={fresh}
          intent="card"
          errors={a?.intent === "card" ? errors : undefined}
          submit={t("participation.workshop.post")}
          primary
        >
          <Select
            name="kind"
            label={t("participation.workshop.kindLabel")}
            defaultValue={BOARD_KINDS[0]}
            options={BOARD_KINDS.map((k) => ({ value: k, label: t(`participation.cardKinds.${k}`) }))}
          />
          <Field
            name="body"
            type="textarea"
            label={t("participation.workshop.bodyLabel")}
            error={errors?.body}
            required
          />
        </ActionForm>
      </section>

      <section aria-labelledby="ws-board">
        <h2 id="ws-board" className="kern-heading-medium">
          {t("participation.workshop.boardTitle")}
        </h2>
        {w.votingOpen && (
          <p className="kern-body" role="status">
            {t("participation.workshop.dotsLeft", { left, budget: w.dotBudget })}
          </p>
        )}
        <p>
          <Link className="kern-link" to={`/t/${d.slug}/werkstatt/${d.code}`} reloadDocument>
            {t("participation.workshop.refresh")}
          </Link>
        </p>
        {d.cards.length === 0 ? (
          <p className="kern-body">{t("participation.workshop.noCards")}</p>
        ) : (
          <ul className="workshop-cards">
            {d.cards.map((c) => (
              <li key={c.id} className="workshop-card">
                <KindBadge kind={c.kind} />
                {c.cluster && <span className="workshop-cluster">{c.cluster}</span>}
                <p className="kern-body">
                  <UserText>{c.body}</UserText>
                </p>
                {d.revealed && c.total !== undefined && (
                  <p className="kern-body workshop-total">{t("participation.workshop.total", { count: c.total })}</p>
                )}
                {c.mine > 0 && (
                  <p className="kern-body kern-body--small">{t("participation.workshop.mine", { count: c.mine })}</p>
                )}
                {w.votingOpen && left > 0 && !(w.oneDotPerCard && c.mine > 0) && (
                  <PostForm>
                    <input type="hidden" name="intent" value="dot" />
                    <input type="hidden" name="cardId" value={c.id} />
                    <input type="hidden" name="key" value={d.keys[c.id]} />
                    <button type="submit" className="kern-btn kern-btn--secondary kern-btn--small">
                      <span className="kern-label">
                        {t("participation.workshop.giveDot")}
                        <span className="kern-sr-only"> – {t("participation.workshop.cardNo", { seq: c.seq })}</span>
                      </span>
                    </button>
                  </PostForm>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </main>
  );
}
