// Presets of a tenant's taxonomy as plain data (shared with the browser: no imports). A preset term
// keeps its `presetKey`, whose labels in every public language are in the kernel's i18n under
// taxonomy.term.<presetKey>; presets that mean the same field share a key (Aachen's "Kultur / Religion"
// and Hessen's "Kultur und Religion" are both kultur_religion).

export const TERM_KINDS = ["handlungsfeld", "target_group"] as const;
export type TermKind = (typeof TERM_KINDS)[number];

/**
 * The fields of the Land's core indicator set a Handlungsfeld maps to, so a Land can set the
 * municipalities' own fields side by side. Source: the fields of the Länder integration monitoring
 * (Integrationsmonitoring der Länder, Bericht 2023: Demografie, rechtliche Integration, frühkindliche
 * Bildung und Sprache, Bildung, Arbeitsmarkt, Einkommen und Lebensunterhalt, Wohnen, Gesundheit,
 * interkulturelle Öffnung, gesellschaftliche Teilhabe); "sicherheit" groups what the Länder report
 * under crime and discrimination. The same fields name the monitoring's starter core set.
 */
export const LAND_FIELDS = [
  "demografie",
  "rechtliche_integration",
  "kita_sprache",
  "bildung",
  "arbeitsmarkt",
  "lebensunterhalt",
  "wohnen",
  "gesundheit",
  "interkulturelle_oeffnung",
  "gesellschaftliche_teilhabe",
  "sicherheit",
] as const;
export type LandField = (typeof LAND_FIELDS)[number];

/**
 * The preset key of a Handlungsfeld the monitoring's starter catalogue made for a field of the Land's
 * core set ("Demografie"), whose translations are taxonomy.term.land_<field> like any preset's.
 */
export const landPresetKey = (field: LandField) => `land_${field}`;

export interface PresetTerm {
  code: string;
  name: string;
  shortName: string;
  nameEn: string;
  presetKey: string;
  landField: LandField | null;
}

const hf = (code: string, name: string, shortName: string, nameEn: string, landField: LandField): PresetTerm => ({
  code,
  name,
  shortName,
  nameEn,
  presetKey: code,
  landField,
});

/** Aachen's seven Handlungsfelder (Integrationskonzept 2018; DOMAIN.md "Handlungsfeld"). */
const AACHEN: PresetTerm[] = [
  hf("sprache_bildung", "Sprache / Bildung", "Sprache/Bildung", "Language and education", "bildung"),
  hf("arbeit_weiterbildung", "Arbeit / Weiterbildung", "Arbeit", "Work and further training", "arbeitsmarkt"),
  hf("wohnen_sozialplanung", "Wohnen / Sozialplanung", "Wohnen", "Housing and social planning", "wohnen"),
  hf("kultur_religion", "Kultur / Religion", "Kultur", "Culture and religion", "gesellschaftliche_teilhabe"),
  hf("sport_gesundheit", "Sport / Gesundheit", "Sport", "Sport and health", "gesundheit"),
  hf(
    "sicherheit_antirassismus",
    "Sicherheit / Rassismus / Religiöser Extremismus",
    "Sicherheit",
    "Safety, racism and religious extremism",
    "sicherheit",
  ),
  hf(
    "oeffentlichkeitsarbeit_presse",
    "Öffentlichkeitsarbeit / Presse",
    "Öffentlichkeit",
    "Public relations and press",
    "gesellschaftliche_teilhabe",
  ),
];

/** Hessen's ten standard Handlungsfelder (seed 003, lines 1285–1294). */
const HESSEN: PresetTerm[] = [
  hf(
    "interkulturelle_oeffnung",
    "Interkulturelle Orientierung und Öffnung",
    "Öffnung",
    "Intercultural orientation and opening",
    "interkulturelle_oeffnung",
  ),
  hf("sprachfoerderung", "Sprachförderung", "Sprache", "Language support", "kita_sprache"),
  hf("bildung_ausbildung", "Bildung und Ausbildung", "Bildung", "Education and vocational training", "bildung"),
  hf("arbeit_wirtschaft", "Arbeit und Wirtschaft", "Arbeit", "Work and economy", "arbeitsmarkt"),
  hf(
    "wohnen_stadtteil",
    "Wohnen und Zusammenleben im Stadtteil",
    "Wohnen",
    "Housing and living together in the neighbourhood",
    "wohnen",
  ),
  hf("jugend_soziales", "Jugend und Soziales", "Jugend", "Youth and social affairs", "lebensunterhalt"),
  hf(
    "gesundheit",
    "Gesundheitsförderung und Gesundheitsversorgung",
    "Gesundheit",
    "Health promotion and health care",
    "gesundheit",
  ),
  hf("kultur_religion", "Kultur und Religion", "Kultur", "Culture and religion", "gesellschaftliche_teilhabe"),
  hf(
    "gesellschaftliche_teilhabe",
    "Gesellschaftliche Teilhabe",
    "Teilhabe",
    "Participation in society",
    "gesellschaftliche_teilhabe",
  ),
  hf("abbau_diskriminierung", "Abbau von Diskriminierung", "Diskriminierung", "Reducing discrimination", "sicherheit"),
];

const tg = (code: string, name: string, nameEn: string): PresetTerm => ({
  code,
  name,
  shortName: name,
  nameEn,
  presetKey: code,
  landField: null,
});

/** The target groups the atlas had as fixed codes (its former TARGET_GROUPS, same codes). */
const TARGET_GROUPS: PresetTerm[] = [
  tg("all", "Alle", "Everyone"),
  tg("newcomers", "Neuzugewanderte", "Newcomers"),
  tg("refugees", "Geflüchtete", "Refugees"),
  tg("eu_citizens", "EU-Bürgerinnen und -Bürger", "EU citizens"),
  tg("women", "Frauen", "Women"),
  tg("families", "Familien und Eltern", "Families and parents"),
  tg("children", "Kinder", "Children"),
  tg("youth", "Jugendliche und junge Erwachsene", "Young people"),
  tg("seniors", "Ältere Menschen", "Older people"),
  tg("students", "Studierende", "Students"),
  tg("skilled_workers", "Fachkräfte", "Skilled workers"),
  tg("volunteers", "Ehrenamtliche", "Volunteers"),
];

export const PRESETS = {
  aachen: { kind: "handlungsfeld", terms: AACHEN },
  hessen: { kind: "handlungsfeld", terms: HESSEN },
  zielgruppen: { kind: "target_group", terms: TARGET_GROUPS },
} as const satisfies Record<string, { kind: TermKind; terms: PresetTerm[] }>;
export type PresetName = keyof typeof PRESETS;
export const PRESET_NAMES = Object.keys(PRESETS) as PresetName[];
