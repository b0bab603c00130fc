// Shared by server and browser code: no imports. The labels live in i18n under atlas.*.
export const ENTRY_KINDS = ["offer", "contact_point", "volunteer", "network"] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

/** Aachen's Handlungsfelder (Integrationskonzept 2018) plus counselling/orientation. */
export const HANDLUNGSFELDER = [
  "sprache_bildung", "arbeit_weiterbildung", "wohnen_sozialplanung", "kultur_religion",
  "sport_gesundheit", "sicherheit_antirassismus", "beratung_orientierung", "engagement_teilhabe",
] as const;
export type Handlungsfeld = (typeof HANDLUNGSFELDER)[number];

export const TARGET_GROUPS = [
  "all", "newcomers", "refugees", "eu_citizens", "women", "families", "children", "youth",
  "seniors", "students", "skilled_workers", "volunteers",
] as const;
export type TargetGroup = (typeof TARGET_GROUPS)[number];

/** Languages an offer can be held in (ISO 639-1, dgs = German Sign Language). */
export const OFFER_LANGUAGES = ["de", "en", "ar", "tr", "uk", "ru", "fa", "fr", "pl", "ro", "bg", "ku", "ti", "so", "es", "dgs"] as const;
export type OfferLanguage = (typeof OFFER_LANGUAGES)[number];

/** Languages the content of an entry can be written in; ls = Leichte Sprache (easy German). */
export const CONTENT_LANGUAGES = ["de", "en", "ar", "tr", "uk", "ru", "fa", "ls"] as const;
export type ContentLanguage = (typeof CONTENT_LANGUAGES)[number];
export const RTL_LANGUAGES: readonly string[] = ["ar", "fa"];
/** The lang attribute for a content language (Leichte Sprache is German). */
export const htmlLang = (l: string) => (l === "ls" ? "de" : l);
export const dirOf = (l: string) => (RTL_LANGUAGES.includes(l) ? "rtl" : "ltr");

export const GERMAN_LEVELS = ["none", "little", "good"] as const;
export type GermanLevel = (typeof GERMAN_LEVELS)[number];

export const COSTS = ["free", "reduced", "paid"] as const;
export type Cost = (typeof COSTS)[number];

/** Native names, shown as-is whatever the interface language. */
export const NATIVE_NAMES: Record<string, string> = {
  de: "Deutsch", en: "English", ar: "العربية", tr: "Türkçe", uk: "Українська", ru: "Русский", fa: "فارسی",
  ls: "Leichte Sprache", fr: "Français", pl: "Polski", ro: "Română", bg: "Български", ku: "Kurdî", ti: "ትግርኛ",
  so: "Soomaali", es: "Español", dgs: "Deutsche Gebärdensprache",
};

/** How many places the entry form offers. */
export const MAX_PLACES = 3;
