import { describe, expect, it } from "vitest";
import { offeredControls, offeredModerations } from "./workshops-schema";

// Which buttons the facilitator's page offers (decision 0030): only those that change something now.
describe("the facilitator's buttons", () => {
  const w = { status: "open" as const, votingOpen: false, revealedRound: 0, round: 1, paused: false };
  it("offers opening the vote, the reveal, a new round, pause and end on a fresh board", () => {
    expect(offeredControls(w)).toEqual(["openVoting", "reveal", "nextRound", "pause", "close"]);
  });
  it("offers closing instead of opening, no second reveal, resume instead of pause, only reopen when ended", () => {
    expect(offeredControls({ ...w, votingOpen: true, revealedRound: 1, paused: true })).toEqual([
      "closeVoting",
      "nextRound",
      "resume",
      "close",
    ]);
    expect(offeredControls({ ...w, status: "closed" })).toEqual(["reopen"]);
  });
  it("offers per card what changes it: a hidden card can only be shown again", () => {
    const card = { id: "a", hidden: false, shortlisted: false };
    expect(offeredModerations(card, null)).toEqual(["hide", "shortlist", "onScreen"]);
    expect(offeredModerations({ ...card, shortlisted: true }, "a")).toEqual(["hide", "unshortlist", "offScreen"]);
    expect(offeredModerations({ ...card, hidden: true }, null)).toEqual(["show"]);
  });
});
