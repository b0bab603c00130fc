import "./strings";
import { Content, UserText } from "~/kernel/ui/content";
import { data, Link, redirect } from "react-router";
import type { Route } from "./+types/staff-workshop";
import { failureErrors, requireRole, tenantContext, tenantTx, tFor } from "~/kernel/http/context";
import { roleAtLeast } from "~/kernel/roles";
import { Alert, ErrorSummary, PageTitle, PostForm } from "~/kernel/ui/forms";
import { useT } from "~/kernel/ui/hooks";
import { DataTable, RowAction } from "~/kernel/ui/table";
import { listPhases } from "../service";
import { addPaperDots, board, controlWorkshop, moderateCard } from "../workshops";
import { offeredControls, offeredModerations, type Control, type Moderation } from "../workshops-schema";
import { BoardStatus, KindBadge, useLiveBoard } from "../workshops-ui";
import { joinQr, joinUrl, optional, staffWorkshop } from "../http.server";
import "../participation.css";

// The facilitator's screen (decision 0030): the board with every card (hidden ones marked), the
// controls, moderation, paper dots, and the code and QR code to join. Totals appear only once revealed.

export async function loader({ params, context }: Route.LoaderArgs) {
  const role = requireRole(context, "viewer");
  const { tenant } = context.get(tenantContext);
  return tenantTx(context, async (tx) => {
    const w = await staffWorkshop(context, tx, params.id, params.workshopId);
    const [b, phases] = await Promise.all([board(tx, w, { role: "facilitator" }), listPhases(tx, w.processId)]);
    const url = joinUrl(tenant.slug, w.code);
    return {
      slug: tenant.slug,
      canEdit: roleAtLeast(role, "editor"),
      workshop: w,
      cards: b.cards,
      revealed: b.revealed,
      phases: phases.map((p) => ({ id: p.id, name: p.name })),
      joinUrl: url,
      qr: await joinQr(url),
    };
  });
}

export async function action({ request, params, context }: Route.ActionArgs) {
  requireRole(context, "editor");
  const { tenant } = context.get(tenantContext);
  const f = await request.formData();
  const intent = String(f.get("intent") ?? "");
  const r = await tenantTx(context, async (tx) => {
    const w = await staffWorkshop(context, tx, params.id, params.workshopId);
    switch (intent) {
      case "control":
        return controlWorkshop(tx, w.id, String(f.get("control") ?? "") as Control, optional(f.get("phaseId")));
      case "moderate":
        return moderateCard(
          tx,
          w.id,
          String(f.get("cardId") ?? ""),
          String(f.get("moderation") ?? "") as Moderation,
          optional(f.get("cluster")),
        );
      case "paper":
        return addPaperDots(tx, w.id, String(f.get("cardId") ?? ""), Number(f.get("dots") ?? ""));
    }
    return undefined;
  });
  if (!r) return data({ errors: { _form: tFor(context)("errors.badRequest") } }, { status: 400 });
  if (!r.ok) return data({ errors: failureErrors(context, r) }, { status: 400 });
  return redirect(`/t/${tenant.slug}/verwaltung/beteiligung/${params.id}/werkstatt/${params.workshopId}`);
}

/** A one-button form for a board control. */
function ControlButton({ control, label }: { control: Control; label: string }) {
  return (
    <PostForm>
      <input type="hidden" name="intent" value="control" />
      <input type="hidden" name="control" value={control} />
      <button type="submit" className="kern-btn kern-btn--secondary kern-btn--small">
        <span className="kern-label">{label}</span>
      </button>
    </PostForm>
  );
}

export default function WorkshopFacilitator({ loaderData: d, actionData: a }: Route.ComponentProps) {
  const t = useT();
  const w = d.workshop;
  const base = `/t/${d.slug}/verwaltung/beteiligung/${w.processId}/werkstatt/${w.id}`;
  useLiveBoard(`${base}/live`);
  const label = (c: Control) => t(`participation.workshop.controls.${c}`);
  const mod = (m: Moderation) => t(`participation.workshop.moderations.${m}`);
  const open = w.status === "open";
  return (
    <>
      <PageTitle>{w.title}</PageTitle>
      <h1 className="kern-heading-large">
        <Content>{w.title}</Content>
      </h1>
      <p>
        <Link className="kern-link" to={`/t/${d.slug}/verwaltung/beteiligung/${w.processId}`}>
          {t("participation.workshop.backToProcess", { process: w.processTitle })}
        </Link>
      </p>
      <BoardStatus w={w} />
      {w.paused && <Alert kind="info">{t("participation.workshop.pausedNote")}</Alert>}
      <ErrorSummary errors={a?.errors as Record<string, string> | undefined} />

      <section aria-labelledby="ws-join" className="workshop-join">
        <h2 id="ws-join" className="kern-heading-medium">
          {t("participation.workshop.joinHeading")}
        </h2>
        <p className="kern-body">
          {t("participation.workshop.codeIs")} <strong className="workshop-code">{w.code}</strong>
        </p>
        <p className="kern-body workshop-url">{d.joinUrl}</p>
        <div
          className="workshop-qr"
          role="img"
          aria-label={t("participation.workshop.qrLabel", { url: d.joinUrl })}
          dangerouslySetInnerHTML={{ __html: d.qr }}
        />
        <p className="actions">
          <Link className="kern-link" to={`${base}/leinwand`} target="_blank" rel="noopener">
            {t("participation.workshop.screenLink")}
          </Link>
          <Link className="kern-link" to={`${base}/ergebnis.csv`} reloadDocument>
            {t("participation.workshop.exportCsv")}
          </Link>
        </p>
      </section>

      {d.canEdit && (
        <section aria-labelledby="ws-controls">
          <h2 id="ws-controls" className="kern-heading-medium">
            {t("participation.workshop.controlsTitle")}
          </h2>
          {open && d.phases.length > 0 && (
            <PostForm className="actions">
              <input type="hidden" name="intent" value="control" />
              <input type="hidden" name="control" value="phase" />
              <div className="kern-form-input">
                <label className="kern-label" htmlFor="ws-phase">
                  {t("participation.workshop.phaseLabel")}
                </label>
                <div className="kern-form-input__select-wrapper">
                  <select
                    className="kern-form-input__select"
                    id="ws-phase"
                    name="phaseId"
                    defaultValue={w.phaseId ?? undefined}
                    key={w.phaseId}
                  >
                    {d.phases.map((p) => (
                      <option key={p.id} value={p.id}>
                        <Content>{p.name}</Content>
                      </option>
                    ))}
                  </select>
                </div>
              </div>
              <button type="submit" className="kern-btn kern-btn--secondary kern-btn--small">
                <span className="kern-label">{label("phase")}</span>
              </button>
            </PostForm>
          )}
          <div className="actions">
            {offeredControls(w).map((c) => (
              <ControlButton key={c} control={c} label={label(c)} />
            ))}
          </div>
        </section>
      )}

      <section aria-labelledby="ws-cards">
        <h2 id="ws-cards" className="kern-heading-medium">
          {t("participation.workshop.cardsTitle", { count: d.cards.length })}
        </h2>
        {d.cards.length === 0 ? (
          <p className="kern-body">{t("participation.workshop.noCards")}</p>
        ) : (
          <DataTable
            caption={t("participation.workshop.cardsCaption")}
            headers={[
              { label: t("participation.workshop.table.seq"), numeric: true },
              t("participation.workshop.table.card"),
              t("participation.workshop.table.state"),
              ...(d.revealed ? [{ label: t("participation.workshop.table.dots"), numeric: true }] : []),
              ...(d.canEdit ? [t("participation.workshop.table.actions")] : []),
            ]}
          >
            {d.cards.map((c) => {
              const target = t("participation.workshop.cardNo", { seq: c.seq });
              return (
                <tr key={c.id} className="kern-table__row">
                  <td className="kern-table__cell kern-table__cell--numeric">{c.seq}</td>
                  <td className="kern-table__cell">
                    <KindBadge kind={c.kind} /> <UserText>{c.body}</UserText>
                  </td>
                  <td className="kern-table__cell">
                    {[
                      c.cluster && t("participation.workshop.clusterIs", { cluster: c.cluster }),
                      c.hidden && t("participation.workshop.hidden"),
                      c.shortlisted && t("participation.workshop.shortlisted"),
                      w.onScreenCardId === c.id && t("participation.workshop.onScreen"),
                    ]
                      .filter(Boolean)
                      .join(" · ") || "–"}
                  </td>
                  {d.revealed && <td className="kern-table__cell kern-table__cell--numeric">{c.total ?? 0}</td>}
                  {d.canEdit && (
                    <td className="kern-table__cell">
                      <div className="actions">
                        {offeredModerations(c, w.onScreenCardId).map((m) => (
                          <RowAction
                            key={m}
                            intent="moderate"
                            fields={{ cardId: c.id, moderation: m }}
                            label={mod(m)}
                            target={target}
                          />
                        ))}
                      </div>
                      <PostForm className="workshop-inline-form">
                        <input type="hidden" name="intent" value="moderate" />
                        <input type="hidden" name="moderation" value="cluster" />
                        <input type="hidden" name="cardId" value={c.id} />
                        <label className="kern-label kern-label--small" htmlFor={`cl-${c.id}`}>
                          {t("participation.workshop.clusterLabel")}
                          <span className="kern-sr-only"> – {target}</span>
                        </label>
                        <input
                          className="kern-form-input__input"
                          id={`cl-${c.id}`}
                          name="cluster"
                          maxLength={80}
                          defaultValue={c.cluster ?? ""}
                        />
                        <button type="submit" className="kern-btn kern-btn--tertiary kern-btn--x-small">
                          <span className="kern-label">{mod("cluster")}</span>
                        </button>
                      </PostForm>
                      {open && (
                        <PostForm className="workshop-inline-form">
                          <input type="hidden" name="intent" value="paper" />
                          <input type="hidden" name="cardId" value={c.id} />
                          <label className="kern-label kern-label--small" htmlFor={`pd-${c.id}`}>
                            {t("participation.workshop.paperLabel")}
                            <span className="kern-sr-only"> – {target}</span>
                          </label>
                          <input
                            className="kern-form-input__input"
                            id={`pd-${c.id}`}
                            name="dots"
                            type="number"
                            min={1}
                            max={1000}
                            inputMode="numeric"
                          />
                          <button type="submit" className="kern-btn kern-btn--tertiary kern-btn--x-small">
                            <span className="kern-label">{t("participation.workshop.paperAdd")}</span>
                          </button>
                        </PostForm>
                      )}
                    </td>
                  )}
                </tr>
              );
            })}
          </DataTable>
        )}
      </section>
    </>
  );
}
