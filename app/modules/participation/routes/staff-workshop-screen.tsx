import "./strings";
import { Content, UserText } from "~/kernel/ui/content";
import type { Route } from "./+types/staff-workshop-screen";
import { requireRole, tenantContext, tenantTx } from "~/kernel/http/context";
import { PageTitle } from "~/kernel/ui/forms";
import { useT } from "~/kernel/ui/hooks";
import { board } from "../workshops";
import { BoardStatus, KindBadge, useLiveBoard } from "../workshops-ui";
import { joinQr, joinUrl, staffWorkshop } from "../http.server";
import "../participation.css";

// The projector: the card "on screen" large, then the board by cluster; no hidden card, and totals
// only once revealed. While paused the view stands still (cards keep arriving on the facilitator's
// page); it moves again when the facilitator resumes.

export async function loader({ params, context }: Route.LoaderArgs) {
  requireRole(context, "viewer");
  const { tenant } = context.get(tenantContext);
  return tenantTx(context, async (tx) => {
    const w = await staffWorkshop(context, tx, params.id, params.workshopId);
    const b = await board(tx, w, { role: "screen" });
    const url = joinUrl(tenant.slug, w.code);
    return {
      slug: tenant.slug,
      workshop: w,
      cards: b.cards,
      revealed: b.revealed,
      joinUrl: url,
      qr: await joinQr(url),
    };
  });
}

export default function WorkshopScreen({ loaderData: d }: Route.ComponentProps) {
  const t = useT();
  const w = d.workshop;
  useLiveBoard(`/t/${d.slug}/verwaltung/beteiligung/${w.processId}/werkstatt/${w.id}/live`, w.paused);
  const focus = d.cards.find((c) => c.id === w.onScreenCardId);
  const clusters = [...new Set(d.cards.map((c) => c.cluster ?? ""))];
  return (
    <div className="workshop-screen">
      <PageTitle>{w.title}</PageTitle>
      <h1 className="kern-heading-large">
        <Content>{w.title}</Content>
      </h1>
      <BoardStatus w={w} />
      <div className="workshop-screen__join">
        <p className="kern-body">
          {t("participation.workshop.codeIs")} <strong className="workshop-code">{w.code}</strong>
          <br />
          {d.joinUrl}
        </p>
        <div
          className="workshop-qr workshop-qr--small"
          role="img"
          aria-label={t("participation.workshop.qrLabel", { url: d.joinUrl })}
          dangerouslySetInnerHTML={{ __html: d.qr }}
        />
      </div>
      {w.paused && <p className="kern-body workshop-paused">{t("participation.workshop.pausedScreen")}</p>}
      {focus && (
        <section aria-labelledby="ws-focus" className="workshop-focus">
          <h2 id="ws-focus" className="kern-heading-medium">
            {t("participation.workshop.onScreen")}
          </h2>
          <KindBadge kind={focus.kind} />
          <p className="workshop-focus__body">
            <UserText>{focus.body}</UserText>
          </p>
        </section>
      )}
      {clusters.map((cl) => (
        <section key={cl} aria-label={cl || t("participation.workshop.noCluster")}>
          {cl && <h2 className="kern-heading-medium">{cl}</h2>}
          <ul className="workshop-cards workshop-cards--screen">
            {d.cards
              .filter((c) => (c.cluster ?? "") === cl)
              .map((c) => (
                <li key={c.id} className={`workshop-card${c.shortlisted ? " workshop-card--shortlisted" : ""}`}>
                  <KindBadge kind={c.kind} />
                  <p className="kern-body">
                    <UserText>{c.body}</UserText>
                  </p>
                  {d.revealed && (
                    <p className="kern-body workshop-total">
                      {t("participation.workshop.total", { count: c.total ?? 0 })}
                    </p>
                  )}
                </li>
              ))}
          </ul>
        </section>
      ))}
      {d.cards.length === 0 && <p className="kern-body">{t("participation.workshop.noCards")}</p>}
    </div>
  );
}
