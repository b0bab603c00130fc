import { data } from "react-router";
import type { Route } from "./+types/outbox";
import { appContext, requireUser, tFor } from "../http/context";
import { countOutbox, listOutbox } from "../mail/outbox";
import { pageQuery } from "../pagination";
import { Pagination } from "../ui/pagination";
import { PageTitle } from "../ui/forms";
import { useFormat, useT } from "../ui/hooks";

const PAGE = 50;

export async function loader({ request, context }: Route.LoaderArgs) {
  const u = requireUser(context, request);
  if (!u.isSuperadmin) throw data({ message: tFor(context)("errors.forbidden") }, { status: 403 });
  const db = context.get(appContext).db;
  const { items, ...page } = await pageQuery(
    new URL(request.url),
    PAGE,
    () => countOutbox(db),
    (limit, offset) => listOutbox(db, limit, offset),
  );
  return { mails: items, page };
}

export default function Outbox({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const fmt = useFormat();
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
                    {m.error ? ` · ${m.error}` : ""}
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
