import { describe, expect, it } from "vitest";
import { getT, UI_LANGUAGES } from "~/kernel/i18n";
import { CORE_SET } from "./catalogue";
import { CATALOGUE_LAND_FIELDS } from "./shared";
import { fieldText, indicatorText, type IndicatorTexts } from "./texts";

const core = (code: string): IndicatorTexts => {
  const i = CORE_SET.find((x) => x.code === code)!;
  return { code, coreSet: true, name: i.name, description: i.description, source: i.source };
};
const text = (lang: string, i: IndicatorTexts, part: "name" | "description" | "source") =>
  indicatorText(getT(lang), lang, i, part);

describe("indicator texts in the page's language", () => {
  it("translates a core indicator's name, description and source as the catalogue wrote them", () => {
    const i = core("einwohner_mh");
    expect(text("en", i, "name")).toEqual({ text: "Residents with a migration background", lang: "en" });
    expect(text("en", i, "description")?.text).toMatch(/^Foreign nationals, naturalised citizens/);
    expect(text("en", i, "source")).toEqual({ text: "Municipal population register", lang: "en" });
    expect(text("ar", i, "name")).toEqual({ text: "السكان من أصول مهاجرة", lang: "ar" });
    expect(text("ls", i, "name")).toEqual({ text: "Menschen mit Migrations·hintergrund", lang: "ls" });
    // SGB II stays the law's name, with what it is in plain words.
    expect(text("en", core("sgb2_leistungsberechtigte"), "name")?.text).toBe(
      "People entitled to benefits under SGB II (basic income support for jobseekers)",
    );
  });

  it("keeps what a tenant wrote itself German, marked as content", () => {
    const renamed = { ...core("einwohner_mh"), name: "Menschen mit Einwanderungsgeschichte" };
    expect(text("en", renamed, "name")).toEqual({ text: "Menschen mit Einwanderungsgeschichte", lang: "de" });
    // The other texts it left as they were are still translated.
    expect(text("en", renamed, "source")?.lang).toBe("en");
    // A source read from the values that is not the catalogue's (an import's attribution).
    const imported = { ...core("einwohner"), source: "Stadt Köln, Amt für Stadtentwicklung und Statistik" };
    expect(text("en", imported, "source")).toEqual({ text: imported.source, lang: "de" });
  });

  it("keeps a tenant's own indicator German even with a core code and name", () => {
    const own = { ...core("einwohner"), coreSet: false };
    expect(text("en", own, "name")).toEqual({ text: "Einwohnerinnen und Einwohner", lang: "de" });
    expect(text("en", { code: "frauen_anteil", coreSet: false, name: "Frauenanteil" }, "name")).toEqual({
      text: "Frauenanteil",
      lang: "de",
    });
  });

  it("shows the stored text on German pages, descriptions and sources German beside English", () => {
    expect(text("de", core("einwohner"), "name")).toEqual({ text: "Einwohnerinnen und Einwohner", lang: "de" });
    expect(text("tr", core("einwohner"), "source")).toEqual({ text: "Einwohnermelderegister der Kommune", lang: "de" });
    expect(text("en", { code: "auslaender", coreSet: true, name: "Ausländerinnen und Ausländer" }, "description")).toBe(
      null,
    );
  });

  it("names the Handlungsfeld: the catalogue's, a preset's, or the tenant's own", () => {
    expect(fieldText(getT("en"), "en", { field: "Rechtliche Integration" })).toEqual({
      text: "Legal integration",
      lang: "en",
    });
    expect(fieldText(getT("uk"), "uk", { field: "Demografie" })).toEqual({ text: "Демографія", lang: "uk" });
    const preset = { field: "Sprache / Bildung", fieldEn: "Language and education", fieldPreset: "sprache_bildung" };
    expect(fieldText(getT("en"), "en", preset)).toEqual({ text: "Language and education", lang: "en" });
    expect(fieldText(getT("ru"), "ru", preset)).toEqual({
      text: getT("ru")("taxonomy.term.sprache_bildung"),
      lang: "ru",
    });
    expect(fieldText(getT("en"), "en", { field: "Quartiersarbeit" })).toEqual({ text: "Quartiersarbeit", lang: "de" });
    expect(fieldText(getT("en"), "en", { field: "toString" })).toEqual({ text: "toString", lang: "de" });
    expect(fieldText(getT("de"), "de", preset)).toEqual({ text: "Sprache / Bildung", lang: "de" });
  });

  it("has every core indicator's texts in German as the catalogue and translated in every language", () => {
    const de = getT("de");
    for (const i of CORE_SET) {
      const all = core(i.code);
      expect(de(`monitoring.coreSet.names.${i.code}`)).toBe(i.name);
      if (i.description) expect(de(`monitoring.coreSet.descriptions.${i.code}`)).toBe(i.description);
      if (i.source) expect(de(`monitoring.coreSet.sources.${i.code}`)).toBe(i.source);
      for (const lang of UI_LANGUAGES.filter((l) => l !== "de")) {
        const name = text(lang, all, "name")!;
        expect(name.lang, `${lang} ${i.code}`).toBe(lang);
        expect(name.text, `${lang} ${i.code}`).not.toBe(i.name);
      }
      for (const part of ["description", "source"] as const)
        if (all[part]) expect(text("en", all, part)!.text, `en ${part} ${i.code}`).not.toBe(all[part]);
    }
    for (const [field, land] of Object.entries(CATALOGUE_LAND_FIELDS)) {
      expect(de(`taxonomy.term.land_${land}`)).toBe(field);
      expect(fieldText(getT("fa"), "fa", { field }).text).not.toBe(field);
    }
  });
});
