// The live board's constants, without zod: page components import this file (decision 0030).

/** What a participant can post on the board. */
export const BOARD_KINDS = ["critique", "idea", "proposal", "question"] as const;
export type BoardKind = (typeof BOARD_KINDS)[number];

/** Join codes: six characters without look-alikes (no 0/O, 1/I/L), as in migration 0420. */
export const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

/** The facilitator's controls of the whole board. */
export const CONTROLS = [
  "phase",
  "openVoting",
  "closeVoting",
  "reveal",
  "nextRound",
  "pause",
  "resume",
  "close",
  "reopen",
] as const;
export type Control = (typeof CONTROLS)[number];

/** Moderation of one card. */
export const MODERATIONS = ["hide", "show", "shortlist", "unshortlist", "onScreen", "offScreen", "cluster"] as const;
export type Moderation = (typeof MODERATIONS)[number];

/** The cookie that holds a participant's token for one workshop (the token is random, per browser). */
export const participantCookie = (workshopId: string) => `tw_${workshopId.replace(/-/g, "")}`;

/** The board controls that make sense now (the phase switch is a form of its own). */
export function offeredControls(w: {
  status: "open" | "closed";
  votingOpen: boolean;
  revealedRound: number;
  round: number;
  paused: boolean;
}): Control[] {
  if (w.status === "closed") return ["reopen"];
  const offered: Record<Control, boolean> = {
    phase: false,
    openVoting: !w.votingOpen,
    closeVoting: w.votingOpen,
    reveal: w.revealedRound < w.round,
    nextRound: true,
    pause: !w.paused,
    resume: w.paused,
    close: true,
    reopen: false,
  };
  return CONTROLS.filter((c) => offered[c]);
}

/** The one-button moderations of a card now (the cluster is a form of its own). */
export function offeredModerations(
  card: { id: string; hidden: boolean; shortlisted: boolean },
  onScreen: string | null,
) {
  const shown = onScreen === card.id;
  const offered: Record<Moderation, boolean> = {
    hide: !card.hidden,
    show: card.hidden,
    shortlist: !card.hidden && !card.shortlisted,
    unshortlist: card.shortlisted,
    onScreen: !card.hidden && !shown,
    offScreen: shown,
    cluster: false,
  };
  return MODERATIONS.filter((m) => offered[m]);
}
