import { describe, expect, it } from "vitest";
import { getT } from "../i18n";
import { termText, type Labelled } from "./label";

// How a page names a term: translated where Teilhabe has a translation (a preset, or the tenant's own
// English name on an English page), else the tenant's German name, which the page marks as content.

const preset = { name: "Sprache / Bildung", nameEn: "Language and education", presetKey: "sprache_bildung" };
const own = { name: "Quartiersarbeit", nameEn: null, presetKey: null };
const ownWithEnglish = { name: "Quartiersarbeit", nameEn: "Neighbourhood work", presetKey: null };
const text = (lang: string, term: Labelled) => termText(getT(lang), lang, term);

describe("termText", () => {
  it("gives German pages the tenant's own name, never marked", () => {
    for (const term of [preset, own, ownWithEnglish])
      expect(text("de", term)).toEqual({ text: term.name, content: false });
  });

  it("translates a preset term into every public language", () => {
    expect(text("en", preset)).toEqual({ text: "Language and education", content: false });
    for (const lang of ["ar", "uk", "tr"]) {
      const x = text(lang, preset);
      expect(x.content, lang).toBe(false);
      expect(x.text, lang).not.toBe(preset.name);
    }
  });

  it("keeps a tenant's own term German and marked, except in English where it has an English name", () => {
    expect(text("en", own)).toEqual({ text: "Quartiersarbeit", content: true });
    expect(text("ar", own)).toEqual({ text: "Quartiersarbeit", content: true });
    expect(text("en", ownWithEnglish)).toEqual({ text: "Neighbourhood work", content: false });
    expect(text("ar", ownWithEnglish)).toEqual({ text: "Quartiersarbeit", content: true });
  });
});
