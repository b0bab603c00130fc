import { describe, expect, it } from "vitest";
import { CATEGORIES } from "../core/schema";
import { CONSENT_LANGUAGES, CONSENT_TEXTS, formLanguage } from "./consent-texts";

// The consent form's fixed texts: every language complete, every character one the embedded font
// subset has (app/fonts/pdf/subset.mjs: Latin, Latin Extended, Cyrillic, General Punctuation), and
// right-to-left languages falling back to German and English with a note instead of a garbled form.

const SUBSET: [number, number][] = [
  [0x0020, 0x007e],
  [0x00a0, 0x00ff],
  [0x0100, 0x024f],
  [0x0400, 0x052f],
  [0x2000, 0x206f],
];
const strings = (x: unknown): string[] =>
  typeof x === "string"
    ? [x]
    : typeof x === "function"
      ? [String((x as (a: string, b: string) => string)("01.02.2026", "31.01.2027"))]
      : x && typeof x === "object"
        ? Object.values(x).flatMap(strings)
        : [];

describe("the consent form's texts", () => {
  it("are complete in every language and use only characters the PDF font has", () => {
    const keys = Object.keys(CONSENT_TEXTS.de).sort();
    for (const lang of CONSENT_LANGUAGES) {
      const x = CONSENT_TEXTS[lang];
      expect(Object.keys(x).sort(), lang).toEqual(keys);
      expect(Object.keys(x.categoryNames).sort(), lang).toEqual([...CATEGORIES].sort());
      for (const s of strings(x)) {
        expect(s.trim(), lang).not.toBe("");
        const missing = [...s].filter(
          (ch) => !SUBSET.some(([a, b]) => ch.codePointAt(0)! >= a && ch.codePointAt(0)! <= b),
        );
        expect(missing, `${lang}: ${s}`).toEqual([]);
      }
    }
  });

  it("picks the consent's language where there is a text, else English with a visible note", () => {
    expect(formLanguage("de")).toEqual({ second: null, note: null });
    expect(formLanguage("tr")).toEqual({ second: "tr", note: null });
    expect(formLanguage("uk").second).toBe("uk");
    const ar = formLanguage("ar");
    expect(ar.second).toBe("en");
    expect(ar.note![0]).toContain("von rechts nach links");
    expect(formLanguage("fa").note![1]).toContain("right to left");
    const ti = formLanguage("ti");
    expect(ti.second).toBe("en");
    expect(ti.note![0]).toContain("gibt es dieses Formular noch nicht");
  });
});
