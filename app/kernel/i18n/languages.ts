// The interface languages and their properties: plain data, usable anywhere (browser, server, CLI,
// benchmarks) without the bundler features the string loading in index.ts needs.

/**
 * German and English cover the whole interface. The other public languages cover the public pages
 * (start page, tenant page, legal pages and every module's public pages that declare their strings,
 * see `publicStrings` in kernel/modules.ts); elsewhere they fall back to German, which is why the
 * kernel middleware shows untranslated areas in German (see `effectiveLanguage`).
 * `ls` is Leichte Sprache (easy German): an interface of its own, German by language tag.
 */
export const FULL_LANGUAGES = ["de", "en"] as const;
export const UI_LANGUAGES = ["de", "en", "ar", "fa", "tr", "uk", "ru", "ls"] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];
export const isUiLanguage = (v: unknown): v is UiLanguage => UI_LANGUAGES.includes(v as UiLanguage);
export const isFullLanguage = (v: string) => (FULL_LANGUAGES as readonly string[]).includes(v);
export const RTL_UI_LANGUAGES: readonly string[] = ["ar", "fa"];
export const uiDirection = (lang: string) => (RTL_UI_LANGUAGES.includes(lang) ? "rtl" : "ltr");
/** Each language's name in itself, for the language menu. */
export const UI_LANGUAGE_NAMES: Record<UiLanguage, string> = {
  de: "Deutsch",
  en: "English",
  ar: "العربية",
  fa: "فارسی",
  tr: "Türkçe",
  uk: "Українська",
  ru: "Русский",
  ls: "Leichte Sprache",
};
/**
 * The language tag for `lang` and `hreflang` attributes: Leichte Sprache is German to screen readers
 * and search engines, marked by a private-use subtag.
 */
export const langTag = (lang: string) => (lang === "ls" ? "de-x-ls" : lang);
/** The UI language of a `lang` attribute written by `langTag` (the browser reads it before hydrating). */
export const fromLangTag = (tag: string) => (tag === "de-x-ls" ? "ls" : tag);
