import { describe, expect, it } from "vitest";
import { DEMO_HEADINGS, DEMO_REPORTS, headingName } from "./demo-data";
import { joinLines, seed004Lines } from "./parse";

// The demo's excerpts of seed 004 are verbatim: each is found in the seed's lines it names (joined as
// the parser joins them). Needs the seed (TEILHABE_SEEDS_DIR or SHARED_DATA_DIR/../seeds).
const seed = seed004Lines();
const lines = (from: number, to: number) => joinLines(seed!.slice(from - 1, to));

describe.skipIf(!seed)(
  "demo excerpts of seed 004 (skipped: seed 004 not found via TEILHABE_SEEDS_DIR or SHARED_DATA_DIR/../seeds)",
  () => {
    it("each report heading stands at its line", () => {
      for (const h of DEMO_HEADINGS) expect(lines(h.line, h.line + h.lines - 1), `line ${h.line}`).toBe(h.heading);
    });

    it("each module title, progress text, period and agreement text stands at its lines", () => {
      for (const r of DEMO_REPORTS) {
        const excerpts = [r.period.source, r.agreement, ...r.modules.flatMap((m) => [m.title, m.progress])];
        for (const e of excerpts.filter((x) => !!x)) expect(lines(e.from, e.to), `${e.from}–${e.to}`).toContain(e.text);
      }
    });
  },
);

describe("heading names", () => {
  it("drop only the words Bericht der/des", () => {
    expect(headingName("Bericht der Städtekooperation Integration.Interkommunal")).toBe(
      "Städtekooperation Integration.Interkommunal",
    );
    expect(DEMO_HEADINGS.map((h) => h.ordinal)).not.toContain(6);
    expect(DEMO_HEADINGS).toHaveLength(27);
  });
});
