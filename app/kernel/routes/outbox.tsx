import type { Route } from "./+types/outbox";
import { appContext, requirePlatformAdmin } from "../http/context";
import { countOutbox, listOutbox } from "../mail/outbox";
import { pageQuery } from "../pagination";
import { Pagination } from "../ui/pagination";
import { PageTitle } from "../ui/forms";
import { useFormat, useT } from "../ui/hooks";

const PAGE = 50;

export async function loader({ request, context }: Route.LoaderArgs) {
  requirePlatformAdmin(context, request);
  const db = context.get(appContext).db;
  const { items, ...page } = await pageQuery(
    new URL(request.url),
    PAGE,
    () => countOutbox(db),
    (limit, offset) => listOutbox(db, limit, offset),
  );
  return { mails: items, page };
}

type Row = Route.ComponentProps["loaderData"]["mails"][number];

/** sent, failed (given up after the last attempt) or pending (waiting for its next attempt). */
function outboxState(m: Row): "sent" | "failed" | "pending" {
  return m.sentAt ? "sent" : m.failedAt ? "failed" : "pending";
}

export default function Outbox({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const fmt = useFormat();
  const stateText = (m: Row) => {
    const state = outboxState(m);
    if (state === "sent") return t("outbox.sent", { at: fmt.dateTime(m.sentAt!) });
    if (state === "failed") return t("outbox.failed", { count: m.attempts, at: fmt.dateTime(m.failedAt!) });
    return m.attempts === 0
      ? t("outbox.queued")
      : t("outbox.retry", { count: m.attempts, at: fmt.dateTime(m.nextAttemptAt) });
  };
  return (
    <main id="inhalt" className="kern-container page stack">
      <PageTitle>{t("outbox.title")}</PageTitle>
      <h1 className="kern-heading-large">{t("outbox.title")}</h1>
      <p className="kern-body">{t("outbox.intro")}</p>
      {loaderData.mails.length === 0 ? (
        <p>{t("outbox.empty")}</p>
      ) : (
        <ul className="kern-list stack">
          {loaderData.mails.map((m) => (
            <li key={m.id} className="kern-card">
              <div className="kern-card__container">
                <div className="kern-card__header">
                  <h2 className="kern-title">{m.subject}</h2>
                </div>
                <div className="kern-card__body">
                  <p className="kern-body--small">
                    {t("outbox.to")}: {m.recipient} · {t("outbox.createdAt")}: {fmt.dateTime(m.createdAt)}
                  </p>
                  <p className="kern-body--small" data-outbox-state={outboxState(m)}>
                    {t("outbox.state")}: {stateText(m)}
                    {m.lastError ? ` · ${t("outbox.lastError")}: ${m.lastError}` : ""}
                  </p>
                  <pre className="json mail-body">{m.body}</pre>
                </div>
              </div>
            </li>
          ))}
        </ul>
      )}
      <Pagination page={loaderData.page.page} pages={loaderData.page.pages} />
    </main>
  );
}
