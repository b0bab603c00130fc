import { UI_LANGUAGE_NAMES, uiDirection } from "~/kernel/i18n/languages";
// Shared by server and browser code: no server imports. The labels live in i18n under atlas.*.
export const ENTRY_KINDS = ["offer", "contact_point", "volunteer", "network"] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

/**
 * The Handlungsfelder the atlas had as fixed codes before the tenants' one taxonomy (decision 0037).
 * They are now preset terms of a tenant's list (migration 0307; the demo adds those it uses):
 * entries, forms, filters and the gap analysis use the tenant's list, not this one.
 */
export const HANDLUNGSFELDER = [
  "sprache_bildung",
  "arbeit_weiterbildung",
  "wohnen_sozialplanung",
  "kultur_religion",
  "sport_gesundheit",
  "sicherheit_antirassismus",
  "beratung_orientierung",
  "engagement_teilhabe",
] as const;
export type Handlungsfeld = (typeof HANDLUNGSFELDER)[number];

/** The target groups the atlas had as fixed codes: now the kernel's preset "zielgruppen" (same codes). */
export const TARGET_GROUPS = [
  "all",
  "newcomers",
  "refugees",
  "eu_citizens",
  "women",
  "families",
  "children",
  "youth",
  "seniors",
  "students",
  "skilled_workers",
  "volunteers",
] as const;
export type TargetGroup = (typeof TARGET_GROUPS)[number];

/** Languages an offer can be held in (ISO 639-1, dgs = German Sign Language). */
export const OFFER_LANGUAGES = [
  "de",
  "en",
  "ar",
  "tr",
  "uk",
  "ru",
  "fa",
  "fr",
  "pl",
  "ro",
  "bg",
  "ku",
  "ti",
  "so",
  "es",
  "dgs",
] as const;
export type OfferLanguage = (typeof OFFER_LANGUAGES)[number];

/** Languages the content of an entry can be written in; ls = Leichte Sprache (easy German). */
export const CONTENT_LANGUAGES = ["de", "en", "ar", "tr", "uk", "ru", "fa", "ls"] as const;
export type ContentLanguage = (typeof CONTENT_LANGUAGES)[number];
/** The lang attribute for a content language (Leichte Sprache is German). */
export const htmlLang = (l: string) => (l === "ls" ? "de" : l);
/** Writing direction of a language: the interface's rule (Arabic and Persian right-to-left). */
export const dirOf = uiDirection;

export const GERMAN_LEVELS = ["none", "little", "good"] as const;
export type GermanLevel = (typeof GERMAN_LEVELS)[number];

export const COSTS = ["free", "reduced", "paid"] as const;
export type Cost = (typeof COSTS)[number];

/** Where an offer serves: at its places, in the whole Stadtbezirk of its places, or city-wide. */
export const CATCHMENTS = ["local", "district", "city"] as const;
export type Catchment = (typeof CATCHMENTS)[number];

/** Native names, shown as-is whatever the interface language. */
export const NATIVE_NAMES: Record<string, string> = {
  ...UI_LANGUAGE_NAMES,
  ls: "Leichte Sprache",
  fr: "Français",
  pl: "Polski",
  ro: "Română",
  bg: "Български",
  ku: "Kurdî",
  ti: "ትግርኛ",
  so: "Soomaali",
  es: "Español",
  dgs: "Deutsche Gebärdensprache",
};

/** How many places the entry form offers. */
export const MAX_PLACES = 3;

/**
 * Population bases for the gap analysis: series of the monitoring module (indicator code and the
 * groups that are added up). The age bands are those of the monitoring catalogue (Köln profile).
 */
export const POPULATION_BASES = {
  total: { indicator: "einwohner", groups: ["gesamt"] },
  // "Kind" in the sense of the UN Convention on the Rights of the Child: under 18.
  under18: { indicator: "einwohner_alter", groups: ["00-03", "03-06", "06-10", "10-15", "15-18"] },
  // Jugendliche und junge Erwachsene; the age bands allow 15 to under 25 (not 14 to 27).
  age15to25: { indicator: "einwohner_alter", groups: ["15-18", "18-25"] },
  age65plus: { indicator: "einwohner_alter", groups: ["65-75", "75+"] },
  women: { indicator: "einwohner_geschlecht", groups: ["weiblich"] },
} as const satisfies Record<string, { indicator: string; groups: readonly string[] }>;
export type PopulationBase = keyof typeof POPULATION_BASES;

/**
 * Which residents an offer for a target group is set against. Only groups with a matching age or
 * sex series get their own base; for newcomers, refugees, EU citizens, students, skilled workers,
 * families and volunteers the monitoring has no count of the group itself (foreign nationals would
 * include people settled for decades), so they, every Handlungsfeld and "all entries" use all residents.
 */
export const TARGET_GROUP_BASE: Partial<Record<TargetGroup, PopulationBase>> = {
  children: "under18",
  youth: "age15to25",
  seniors: "age65plus",
  women: "women",
};
export const baseOf = (targetGroup?: string | null): PopulationBase =>
  (targetGroup && TARGET_GROUP_BASE[targetGroup as TargetGroup]) || "total";

/** German names of the two former fixed codes that neither preset of Handlungsfelder has. */
export const ATLAS_OWN_FIELDS = [
  {
    code: "beratung_orientierung",
    name: "Beratung und Orientierung",
    presetKey: "beratung_orientierung",
    landField: "interkulturelle_oeffnung",
  },
  {
    code: "engagement_teilhabe",
    name: "Engagement und Teilhabe",
    presetKey: "engagement_teilhabe",
    landField: "gesellschaftliche_teilhabe",
  },
] as const;

/** A code's label in a list the loader gave (atlas/terms.ts); the code itself if the list lacks it. */
export const codeLabel = (list: readonly { code: string; label: string }[], code: string) =>
  list.find((x) => x.code === code)?.label ?? code;

/** A code of the tenant's taxonomy (kernel migration 0011). */
export const TERM_CODE = /^[a-z0-9]+(_[a-z0-9]+)*$/;

/**
 * What the gap analysis can look at: all entries, one Handlungsfeld (hf.<code>) or one target group
 * (zg.<code>) of the tenant's list.
 */
export type GapTopic = "alle" | `hf.${string}` | `zg.${string}`;
export const GAP_TOPIC = /^(alle|(hf|zg)\.[a-z0-9]+(_[a-z0-9]+)*)$/;
export const GAP_MEASURES = ["anzahl", "je1000"] as const;
export type GapMeasure = (typeof GAP_MEASURES)[number];
