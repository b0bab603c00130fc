import { describe, expect, it } from "vitest";
import {
  UI_LANGUAGES,
  effectiveLanguage,
  formatLocale,
  getT,
  negotiateLanguage,
  pluralLocale,
  translationKeys,
  uiDirection,
} from "./index";
import { allLanguagePathsFor } from "../modules";

// A module whose public pages are translated (it declares its public strings) and one whose are not.
const allLanguagePaths = allLanguagePathsFor([
  { routes: { public: [{ path: "konzept", file: "x.tsx" }] } },
  {
    routes: {
      public: [
        { path: "angebote", file: "y.tsx" },
        { path: "werkstatt/:code", file: "z.tsx" },
      ],
    },
    publicStrings: ["y."],
  },
]);

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
  it("plural forms follow each language's rules", () => {
    // Leichte Sprache counts like German, whatever the runtime's own locale.
    expect(pluralLocale("ls")).toBe("de");
    expect(pluralLocale("ru")).toBe("ru");
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
    expect(shown("uk", "/t/aachen/werkstatt/AB12CD")).toBe("uk");
    expect(shown("uk", "/t/aachen/werkstatt")).toBe("de");
    expect(shown("ls", "/t/aachen/impressum")).toBe("ls");
    expect(shown("ls", "/barrierefreiheit")).toBe("ls");
    expect(shown("ls", "/t/aachen/verwaltung/impressum")).toBe("de");
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
