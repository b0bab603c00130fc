import { describe, expect, it } from "vitest";
import {
  FULL_LANGUAGES,
  UI_LANGUAGES,
  effectiveLanguage,
  formatLocale,
  getT,
  negotiateLanguage,
  translationKeys,
  uiDirection,
} from "./index";
import { allLanguagePathsFor } from "../modules";

// A module whose public area "angebote" is translated into every language (as the atlas declares in its manifest).
const allLanguagePaths = allLanguagePathsFor([
  { to: "konzept", labelKey: "x" },
  { to: "angebote", labelKey: "y", allLanguages: true },
]);

const PARTIAL = UI_LANGUAGES.filter((l) => !(FULL_LANGUAGES as readonly string[]).includes(l));
// What a newcomer sees: the frame, the start and tenant pages and the public atlas.
const PUBLIC_PREFIXES = [
  "app.name",
  "app.tagline",
  "app.skipLink",
  "app.mainNav",
  "app.footer",
  "app.languageMenu",
  "home.",
  "tenant.",
  "errors.",
  "pagination.",
  "atlas.title",
  "atlas.intro",
  "atlas.search.",
  "atlas.filter.",
  "atlas.germanFilter.",
  "atlas.germanLevel.",
  "atlas.cost.",
  "atlas.kind.",
  // Preset terms of the tenants' taxonomy (Handlungsfelder, target groups): the atlas shows them.
  "taxonomy.term.",
  "atlas.entry.",
  "atlas.map.",
  "atlas.errors.",
];

describe("i18n", () => {
  it("has every German key in English and vice versa", () => {
    expect(translationKeys("en")).toEqual(translationKeys("de"));
    expect(translationKeys("de").length).toBeGreaterThan(100);
  });
  it("translates with interpolation and falls back to German", () => {
    expect(getT("de")("tenant.welcome", { name: "Stadt Köln" })).toBe("Willkommen bei Stadt Köln");
    expect(getT("en")("tenant.welcome", { name: "Stadt Köln" })).toBe("Welcome to Stadt Köln");
    expect(getT("xx")("nav.login")).toBe("Anmelden");
    // A key the partial languages do not have comes in German.
    expect(getT("ar")("users.title")).toBe(getT("de")("users.title"));
  });
  it.each(PARTIAL)("%s covers every public string, adds none of its own and keeps the placeholders", (lang) => {
    const de = translationKeys("de"),
      own = translationKeys(lang);
    expect(own.filter((k) => !de.includes(k))).toEqual([]);
    const needed = de.filter((k) => PUBLIC_PREFIXES.some((p) => (p.endsWith(".") ? k.startsWith(p) : k === p)));
    expect(needed.length).toBeGreaterThan(120);
    expect(needed.filter((k) => !own.includes(k))).toEqual([]);
    const t = getT(lang),
      g = getT("de");
    const vars = { name: "NAME", count: 7, date: "DATE", lang: "LANG", page: 2, pages: 9, ags: "AGS" };
    const same: string[] = [];
    for (const k of needed) {
      const german = g(k, vars),
        translated = t(k, vars);
      for (const v of ["NAME", "DATE", "LANG", "AGS"])
        if (german.includes(v)) expect(translated, `${lang} ${k}`).toContain(v);
      if (translated === german) same.push(k);
    }
    // A few strings are the same in every language ("Teilhabe"); anything more is an untranslated copy.
    expect(same.length, `${lang} has German copies: ${same.join(", ")}`).toBeLessThan(5);
  });
  it("plural forms follow each language's rules", () => {
    expect(getT("uk")("atlas.search.results", { count: 1 })).not.toBe(getT("uk")("atlas.search.results", { count: 5 }));
    expect(getT("ru")("atlas.search.results", { count: 3 })).not.toBe(getT("ru")("atlas.search.results", { count: 5 }));
    expect(getT("ar")("atlas.search.results", { count: 11 })).toContain("11");
  });
  it("negotiates the language: parameter, cookie, header, German", () => {
    expect(negotiateLanguage("en", "de", "de-DE")).toBe("en");
    expect(negotiateLanguage(null, "en", "de-DE")).toBe("en");
    expect(negotiateLanguage(null, undefined, "fr-FR,en;q=0.8")).toBe("en");
    expect(negotiateLanguage(null, undefined, "ar-SY,ar;q=0.9,de;q=0.5")).toBe("ar");
    expect(negotiateLanguage("xx", "yy", "fr")).toBe("de");
  });
  it("shows partial languages only where they are complete, right-to-left for Arabic and Persian", () => {
    const shown = (lang: Parameters<typeof effectiveLanguage>[0], path: string) =>
      effectiveLanguage(
        lang,
        allLanguagePaths.some((r) => r.test(path)),
      );
    expect(shown("ar", "/t/aachen/angebote")).toBe("ar");
    expect(shown("ar", "/t/aachen/angebote/123/druck")).toBe("ar");
    expect(shown("fa", "/t/aachen")).toBe("fa");
    expect(shown("fa", "/")).toBe("fa");
    expect(shown("ar", "/t/aachen/verwaltung/angebote")).toBe("de");
    expect(shown("uk", "/anmelden")).toBe("de");
    expect(shown("ru", "/t/aachen/angeboteX")).toBe("de");
    expect(shown("tr", "/t/aachen/konzept")).toBe("de");
    expect(shown("en", "/t/aachen/verwaltung")).toBe("en");
    expect(uiDirection("ar")).toBe("rtl");
    expect(uiDirection("fa")).toBe("rtl");
    expect(uiDirection("tr")).toBe("ltr");
  });
  it("formats dates with Latin digits and the Gregorian calendar in every language", () => {
    const day = new Date("2026-11-22T12:00:00Z");
    for (const lang of UI_LANGUAGES) {
      const text = new Intl.DateTimeFormat(formatLocale(lang), {
        dateStyle: "medium",
        timeZone: "Europe/Berlin",
      }).format(day);
      expect(text, lang).toContain("2026");
      expect(text, lang).toMatch(/22/);
    }
    expect(formatLocale("xx")).toBe("de-DE");
  });
});
