import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import fixture from "../../../../tests/fixtures/opening/catalogues.json";
import { BUILTIN_CATALOGUES, SEED_003, type Catalogue } from "./catalogues";

// The catalogues in code against the hand-typed fixture (always), and against the seed file itself
// where it is at hand (SHARED_DATA_DIR/../seeds or TEILHABE_SEEDS_DIR).
const byKey = (k: string) => BUILTIN_CATALOGUES.find((c) => c.key === k)!;
const pairs = (c: Catalogue) => c.items.map((i) => [i.lines[0], i.text]);

describe("the seed's catalogues", () => {
  it("equal the hand-typed fixtures: 7 barriers, 6 resistance statements, 10 Ansatzpunkte, 8 success factors", () => {
    expect(pairs(byKey("zugangsbarrieren"))).toEqual(fixture.barriers);
    expect(pairs(byKey("widerstaende"))).toEqual(fixture.resistance);
    expect(pairs(byKey("ansatzpunkte"))).toEqual(fixture.ansatzpunkte);
    expect(pairs(byKey("erfolgsfaktoren"))).toEqual(fixture.successFactors);
    expect([7, 6, 10, 8]).toEqual(
      ["zugangsbarrieren", "widerstaende", "ansatzpunkte", "erfolgsfaktoren"].map((k) => byKey(k).items.length),
    );
  });

  it("has the six question sets of 4/5/4/3/5/1 questions with their lines", () => {
    const sets = BUILTIN_CATALOGUES.filter((c) => c.kind === "questions");
    expect(sets.map((s) => s.items.length)).toEqual([4, 5, 4, 3, 5, 1]);
    expect(sets.map(pairs)).toEqual(Object.values(fixture.questionSets));
    // Each set lies inside the range the issue names for it.
    Object.keys(fixture.questionSets).forEach((range, i) => {
      const [from, to] = range.split("-").map(Number);
      for (const item of sets[i].items) {
        expect(item.lines[0]).toBeGreaterThanOrEqual(from);
        expect(item.lines[1]).toBeLessThanOrEqual(to);
      }
    });
    expect(sets.map((s) => s.phase)).toEqual([
      "leitbild",
      "bestandsaufnahme",
      "ziele",
      "massnahmen",
      "massnahmen",
      "evaluation",
    ]);
  });

  it("codes are unique, every item has a line range in order", () => {
    const codes = BUILTIN_CATALOGUES.flatMap((c) => c.items.map((i) => i.code));
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of BUILTIN_CATALOGUES) for (const i of c.items) expect(i.lines[1]).toBeGreaterThanOrEqual(i.lines[0]);
  });
});

function seedFile(): string | null {
  const dirs = [
    process.env.TEILHABE_SEEDS_DIR,
    process.env.SHARED_DATA_DIR && path.join(process.env.SHARED_DATA_DIR, "..", "seeds"),
    path.resolve(import.meta.dirname, "../../../../../shared/seeds"),
  ].filter((d): d is string => !!d);
  for (const d of dirs) if (fs.existsSync(path.join(d, SEED_003))) return path.join(d, SEED_003);
  return null;
}
const seed = seedFile();

// The PDF's text: bullets "n " at line starts, words split at line ends, blank lines in between.
// Compared without spaces and hyphens, so only the letters and punctuation of the wording count.
const squeeze = (s: string) => s.replace(/^\s*n\s/gm, "").replace(/[\s\-\u00ad]/g, "");

describe.skipIf(!seed)("the seed file itself (skipped: seed 003 not found)", () => {
  const lines = seed ? fs.readFileSync(seed, "utf8").split("\n") : [];
  const span = (from: number, to: number) => squeeze(lines.slice(from - 1, to).join("\n"));

  it("holds every item's text (and a resistance statement's explanation) at its lines", () => {
    for (const c of BUILTIN_CATALOGUES)
      for (const i of c.items) {
        const at = span(i.lines[0], i.lines[1]);
        expect(at, `${i.code} at ${i.lines.join("–")}`).toContain(squeeze(i.text));
        if (i.detail) expect(at, `${i.code} detail`).toContain(squeeze(i.detail));
      }
  });

  it("holds each list's heading at its line", () => {
    for (const c of BUILTIN_CATALOGUES)
      if (c.heading) expect(span(c.heading.line, c.heading.line), c.key).toContain(squeeze(c.heading.text));
  });
});
