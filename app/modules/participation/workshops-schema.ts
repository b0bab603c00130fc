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
