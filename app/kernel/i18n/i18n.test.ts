import { describe, expect, it } from "vitest";
import { getT, negotiateLanguage, translationKeys } from "./index";

describe("i18n", () => {
  it("has every German key in English and vice versa", () => {
    expect(translationKeys("en")).toEqual(translationKeys("de"));
    expect(translationKeys("de").length).toBeGreaterThan(100);
  });
  it("translates with interpolation and falls back to German", () => {
    expect(getT("de")("tenant.welcome", { name: "Stadt Köln" })).toBe("Willkommen bei Stadt Köln");
    expect(getT("en")("tenant.welcome", { name: "Stadt Köln" })).toBe("Welcome to Stadt Köln");
    expect(getT("xx")("nav.login")).toBe("Anmelden");
  });
  it("negotiates the language: parameter, cookie, header, German", () => {
    expect(negotiateLanguage("en", "de", "de-DE")).toBe("en");
    expect(negotiateLanguage(null, "en", "de-DE")).toBe("en");
    expect(negotiateLanguage(null, undefined, "fr-FR,en;q=0.8")).toBe("en");
    expect(negotiateLanguage("xx", "yy", "fr")).toBe("de");
  });
});
