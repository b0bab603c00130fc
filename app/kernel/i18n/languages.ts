// The interface languages and their properties: plain data, usable anywhere (browser, server, CLI,
// benchmarks) without the bundler features the string loading in index.ts needs.

/**
 * German and English cover the whole interface. The other public languages cover the public pages a
 * newcomer uses (start page, tenant page, the atlas); elsewhere they fall back to German, which is
 * why the kernel middleware shows untranslated areas in German (see `effectiveLanguage`).
 */
export const FULL_LANGUAGES = ["de", "en"] as const;
export const UI_LANGUAGES = ["de", "en", "ar", "fa", "tr", "uk", "ru"] as const;
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
};
