import { useEffect, useRef } from "react";
import { useRevalidator } from "react-router";
import { useT } from "~/kernel/ui/hooks";
import type { BoardKind } from "./workshops-schema";

/**
 * With JavaScript, the page listens to its board's event stream and reloads its data (through its own
 * loader) when the board changes: a new card is on every open board within a second. While `frozen`
 * (the projector's pause), only the facilitator's controls come through. Without JavaScript nothing
 * happens here; the page's refresh link does the same by hand.
 */
export function useLiveBoard(url: string, frozen = false) {
  const { revalidate } = useRevalidator();
  const state = useRef({ frozen, revalidate });
  state.current = { frozen, revalidate };
  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    const source = new EventSource(url);
    let timer: ReturnType<typeof setTimeout> | undefined;
    // Cards arriving together (a room full of phones) make one reload, not one each.
    const reload = () => {
      timer ??= setTimeout(() => {
        timer = undefined;
        void state.current.revalidate();
      }, 150);
    };
    source.addEventListener("cards", () => {
      if (!state.current.frozen) reload();
    });
    source.addEventListener("control", reload);
    return () => {
      source.close();
      if (timer) clearTimeout(timer);
    };
  }, [url]);
}

export function KindBadge({ kind }: { kind: BoardKind }) {
  const t = useT();
  return (
    <span className={`kern-badge workshop-kind workshop-kind--${kind}`}>
      <span className="kern-label kern-label--small">{t(`participation.cardKinds.${kind}`)}</span>
    </span>
  );
}

/** The board's state in one line: phase, round, voting, reveal. */
export function BoardStatus({
  w,
}: {
  w: { phaseName: string | null; round: number; dotBudget: number; votingOpen: boolean; status: string };
}) {
  const t = useT();
  return (
    <p className="kern-body workshop-status" role="status">
      {[
        w.phaseName && t("participation.workshop.phaseNow", { phase: w.phaseName }),
        t("participation.workshop.roundNow", { round: w.round, budget: w.dotBudget }),
        w.status === "closed"
          ? t("participation.workshop.closedNow")
          : w.votingOpen
            ? t("participation.workshop.votingOpen")
            : t("participation.workshop.votingClosed"),
      ]
        .filter(Boolean)
        .join(" · ")}
    </p>
  );
}
