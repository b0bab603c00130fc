import type { IndicatorInput } from "./services/indicators";

// The starter core set, after the fields of the Länder integration monitoring
// (Integrationsmonitoring der Länder, Bericht 2023: Demografie, rechtliche Integration, Kita und
// Sprache, Bildung, Arbeitsmarkt, Einkommen, Wohnen, Gesundheit, interkulturelle Öffnung).
// Base series are counts by group; rates are declared derivations over them. Documented in
// docs/monitoring.md. Tenants add their own indicators beside these.

const EMR = "Einwohnermelderegister der Kommune";

/**
 * The declared definitions of the core set's base series: what is counted, on which date, by which
 * rule. Two municipalities' indicators are compared only where these (and the derivations over them)
 * are the same, whatever the codes (services/definitions.ts; decision 0039). Migration 0208 gives
 * existing core-set rows the same texts – a test keeps the two equal.
 */
export const CORE_DEFINITIONS: Record<string, string> = {
  einwohner: "Einwohnerinnen und Einwohner mit Hauptwohnsitz am 31.12. (Melderegister)",
  einwohner_mh:
    "Einwohner mit Hauptwohnsitz am 31.12. mit Migrationshintergrund nach Melderegister-Ableitung (MigraPro): Ausländer, Eingebürgerte, Aussiedler und Kinder mit mindestens einem zugewanderten Elternteil",
  auslaender: "Einwohner mit Hauptwohnsitz am 31.12. ohne deutsche Staatsangehörigkeit (Melderegister)",
  eingebuergerte: "Einwohner mit Hauptwohnsitz am 31.12., die durch Einbürgerung Deutsche sind (Melderegister)",
  einbuergerungen: "Einbürgerungen im Kalenderjahr (Einbürgerungsstatistik)",
  kinder_3_6:
    "Kinder von 3 bis unter 6 Jahren mit Hauptwohnsitz (Melderegister); Gruppen gesamt, mit_mh, ohne_mh (Migrationshintergrund nach MigraPro)",
  kita_kinder_3_6:
    "Kinder von 3 bis unter 6 Jahren in Kindertagesbetreuung am Stichtag 1.3. (Kinder- und Jugendhilfestatistik); Gruppen gesamt, mit_mh (mindestens ein Elternteil ausländischer Herkunft), ohne_mh",
  schulabgaenger:
    "Abgängerinnen und Abgänger allgemeinbildender Schulen im Schuljahr (Schulstatistik); Gruppen gesamt, auslaender, deutsche",
  schulabgaenger_ohne_abschluss:
    "Abgängerinnen und Abgänger allgemeinbildender Schulen ohne Hauptschulabschluss im Schuljahr (Schulstatistik); Gruppen gesamt, auslaender, deutsche",
  svb_beschaeftigte:
    "Sozialversicherungspflichtig Beschäftigte am Wohnort am 30.6. (Beschäftigungsstatistik der BA); Gruppen gesamt, auslaender, deutsche",
  bev_15_65:
    "Einwohner von 15 bis unter 65 Jahren mit Hauptwohnsitz am 31.12. (Melderegister); Gruppen gesamt, auslaender, deutsche",
  arbeitslose:
    "Arbeitslose nach SGB II und SGB III im Jahresdurchschnitt (Arbeitsmarktstatistik der BA); Gruppen gesamt, auslaender, deutsche",
  sgb2_leistungsberechtigte:
    "Leistungsberechtigte nach SGB II im Dezember (Grundsicherungsstatistik der BA); Gruppen gesamt, auslaender, deutsche",
  wohnflaeche_je_person:
    "Wohnfläche in Wohnungen in m² je Einwohner (Mikrozensus oder kommunale Wohnungsmarktbeobachtung)",
  u8_teilnahme:
    "Anteil der Kinder der Schuleingangsuntersuchung mit Nachweis der Früherkennungsuntersuchung U8; Gruppen gesamt, mit_mh, ohne_mh",
  verwaltung_mh_anteil:
    "Anteil der Beschäftigten der Kommunalverwaltung mit Migrationshintergrund (freiwillige Beschäftigtenbefragung)",
};

const core = (i: Omit<IndicatorInput, "coreSet">): IndicatorInput => ({
  coreSet: true,
  ...(i.derivation ? {} : { definition: CORE_DEFINITIONS[i.code] }),
  ...i,
});
const count = (
  code: string,
  name: string,
  field: string,
  dimension: IndicatorInput["dimension"],
  source: string,
  description?: string,
): IndicatorInput => core({ code, name, field, dimension, unit: "Personen", isCount: true, source, description });

export const CORE_SET: IndicatorInput[] = [
  count(
    "einwohner",
    "Einwohnerinnen und Einwohner",
    "Demografie",
    "strukturell",
    EMR,
    "Bevölkerung mit Hauptwohnsitz am 31.12.",
  ),
  count(
    "einwohner_mh",
    "Einwohner mit Migrationshintergrund",
    "Demografie",
    "strukturell",
    EMR,
    "Ausländer, Eingebürgerte, Aussiedler und Kinder mit mindestens einem zugewanderten Elternteil (Melderegister-Ableitung MigraPro).",
  ),
  count("auslaender", "Ausländerinnen und Ausländer", "Rechtliche Integration", "strukturell", EMR),
  count("eingebuergerte", "Eingebürgerte", "Rechtliche Integration", "strukturell", EMR),
  core({
    code: "mh_anteil",
    name: "Anteil der Bevölkerung mit Migrationshintergrund",
    field: "Demografie",
    dimension: "strukturell",
    unit: "%",
    source: EMR,
    derivation: {
      op: "share",
      a: { indicator: "einwohner_mh", group: "gesamt" },
      b: { indicator: "einwohner", group: "gesamt" },
    },
  }),
  core({
    code: "auslaender_anteil",
    name: "Ausländeranteil",
    field: "Rechtliche Integration",
    dimension: "strukturell",
    unit: "%",
    source: EMR,
    derivation: {
      op: "share",
      a: { indicator: "auslaender", group: "gesamt" },
      b: { indicator: "einwohner", group: "gesamt" },
    },
  }),
  core({
    code: "eingebuergerte_anteil",
    name: "Anteil Eingebürgerter",
    field: "Rechtliche Integration",
    dimension: "identifikatorisch",
    unit: "%",
    source: EMR,
    derivation: {
      op: "share",
      a: { indicator: "eingebuergerte", group: "gesamt" },
      b: { indicator: "einwohner", group: "gesamt" },
    },
  }),
  count(
    "einbuergerungen",
    "Einbürgerungen im Jahr",
    "Rechtliche Integration",
    "identifikatorisch",
    "Einbürgerungsstatistik (Ausländerbehörde)",
  ),
  core({
    code: "einbuergerungsrate",
    name: "Einbürgerungen je 1.000 Ausländer",
    field: "Rechtliche Integration",
    dimension: "identifikatorisch",
    unit: "je 1.000",
    source: "Einbürgerungsstatistik; Melderegister",
    derivation: {
      op: "rate1000",
      a: { indicator: "einbuergerungen", group: "gesamt" },
      b: { indicator: "auslaender", group: "gesamt" },
    },
  }),
  count(
    "kinder_3_6",
    "Kinder von 3 bis unter 6 Jahren",
    "Kita und Sprache",
    "strukturell",
    EMR,
    "Gruppen: gesamt, mit_mh, ohne_mh",
  ),
  count(
    "kita_kinder_3_6",
    "Kinder von 3 bis unter 6 Jahren in Kindertagesbetreuung",
    "Kita und Sprache",
    "sozial",
    "Kinder- und Jugendhilfestatistik (IT.NRW)",
    "Gruppen: gesamt, mit_mh, ohne_mh",
  ),
  core({
    code: "kita_quote",
    name: "Betreuungsquote 3 bis unter 6 Jahre",
    field: "Kita und Sprache",
    dimension: "sozial",
    unit: "%",
    source: "Kinder- und Jugendhilfestatistik; Melderegister",
    derivation: {
      op: "share",
      a: { indicator: "kita_kinder_3_6", group: null },
      b: { indicator: "kinder_3_6", group: null },
    },
  }),
  core({
    code: "kita_quote_diff",
    name: "Betreuungsquote: Abstand mit/ohne Migrationshintergrund",
    field: "Kita und Sprache",
    dimension: "sozial",
    unit: "Prozentpunkte",
    source: "Kinder- und Jugendhilfestatistik; Melderegister",
    derivation: {
      op: "pp_diff",
      a: { indicator: "kita_quote", group: "mit_mh" },
      b: { indicator: "kita_quote", group: "ohne_mh" },
    },
    targetValue: 0,
    targetDirection: "hoch",
  }),
  core({
    code: "kita_mh_anteil_nutzer",
    name: "Anteil mit Migrationshintergrund unter Kita-Kindern",
    field: "Kita und Sprache",
    dimension: "sozial",
    unit: "%",
    source: "Kinder- und Jugendhilfestatistik",
    derivation: {
      op: "share",
      a: { indicator: "kita_kinder_3_6", group: "mit_mh" },
      b: { indicator: "kita_kinder_3_6", group: "gesamt" },
    },
  }),
  core({
    code: "kinder_mh_anteil",
    name: "Anteil mit Migrationshintergrund unter Kindern 3–6",
    field: "Kita und Sprache",
    dimension: "strukturell",
    unit: "%",
    source: EMR,
    derivation: {
      op: "share",
      a: { indicator: "kinder_3_6", group: "mit_mh" },
      b: { indicator: "kinder_3_6", group: "gesamt" },
    },
  }),
  core({
    code: "kita_paritaet",
    name: "Kita-Teilhabe: Paritätsquote",
    field: "Kita und Sprache",
    dimension: "sozial",
    unit: "Verhältnis",
    source: "Kinder- und Jugendhilfestatistik; Melderegister",
    description:
      "Anteil mit Migrationshintergrund unter den Kita-Kindern geteilt durch ihren Anteil an allen Kindern der Altersgruppe; Ziel: mindestens 1 (Parität).",
    derivation: {
      op: "parity",
      a: { indicator: "kita_mh_anteil_nutzer", group: "gesamt" },
      b: { indicator: "kinder_mh_anteil", group: "gesamt" },
    },
    targetValue: 1,
    targetDirection: "hoch",
    targetParity: true,
  }),
  count(
    "schulabgaenger",
    "Schulabgängerinnen und -abgänger",
    "Bildung",
    "strukturell",
    "Schulstatistik (IT.NRW)",
    "Gruppen: gesamt, auslaender, deutsche",
  ),
  count(
    "schulabgaenger_ohne_abschluss",
    "Schulabgänger ohne Hauptschulabschluss",
    "Bildung",
    "strukturell",
    "Schulstatistik (IT.NRW)",
    "Gruppen: gesamt, auslaender, deutsche",
  ),
  core({
    code: "ohne_abschluss_quote",
    name: "Anteil Schulabgänger ohne Abschluss",
    field: "Bildung",
    dimension: "strukturell",
    unit: "%",
    source: "Schulstatistik (IT.NRW)",
    targetDirection: "niedrig",
    derivation: {
      op: "share",
      a: { indicator: "schulabgaenger_ohne_abschluss", group: null },
      b: { indicator: "schulabgaenger", group: null },
    },
  }),
  count(
    "svb_beschaeftigte",
    "Sozialversicherungspflichtig Beschäftigte (Wohnort)",
    "Arbeitsmarkt",
    "strukturell",
    "Bundesagentur für Arbeit, Beschäftigungsstatistik",
    "Gruppen: gesamt, auslaender, deutsche",
  ),
  count(
    "bev_15_65",
    "Bevölkerung 15 bis unter 65 Jahre",
    "Arbeitsmarkt",
    "strukturell",
    EMR,
    "Gruppen: gesamt, auslaender, deutsche",
  ),
  core({
    code: "beschaeftigungsquote",
    name: "Beschäftigungsquote",
    field: "Arbeitsmarkt",
    dimension: "strukturell",
    unit: "%",
    source: "Bundesagentur für Arbeit; Melderegister",
    derivation: {
      op: "share",
      a: { indicator: "svb_beschaeftigte", group: null },
      b: { indicator: "bev_15_65", group: null },
    },
  }),
  count(
    "arbeitslose",
    "Arbeitslose",
    "Arbeitsmarkt",
    "strukturell",
    "Bundesagentur für Arbeit, Arbeitsmarktstatistik",
    "Gruppen: gesamt, auslaender, deutsche",
  ),
  core({
    code: "arbeitslose_je_1000",
    name: "Arbeitslose je 1.000 Einwohner 15–65",
    field: "Arbeitsmarkt",
    dimension: "strukturell",
    unit: "je 1.000",
    source: "Bundesagentur für Arbeit; Melderegister",
    targetDirection: "niedrig",
    derivation: {
      op: "rate1000",
      a: { indicator: "arbeitslose", group: null },
      b: { indicator: "bev_15_65", group: null },
    },
  }),
  count(
    "sgb2_leistungsberechtigte",
    "Leistungsberechtigte nach SGB II",
    "Einkommen",
    "sozial",
    "Bundesagentur für Arbeit, Grundsicherungsstatistik",
    "Gruppen: gesamt, auslaender, deutsche",
  ),
  core({
    code: "sgb2_quote",
    name: "SGB-II-Quote",
    field: "Einkommen",
    dimension: "sozial",
    unit: "%",
    source: "Bundesagentur für Arbeit; Melderegister",
    targetDirection: "niedrig",
    derivation: {
      op: "share",
      a: { indicator: "sgb2_leistungsberechtigte", group: null },
      b: { indicator: "einwohner", group: null },
    },
  }),
  core({
    code: "wohnflaeche_je_person",
    name: "Wohnfläche je Person",
    field: "Wohnen",
    dimension: "sozial",
    unit: "m²",
    source: "Mikrozensus / kommunale Wohnungsmarktbeobachtung",
  }),
  core({
    code: "u8_teilnahme",
    name: "Teilnahme an der Früherkennungsuntersuchung U8",
    field: "Gesundheit",
    dimension: "sozial",
    unit: "%",
    source: "Schuleingangsuntersuchung (Gesundheitsamt)",
    description: "Gruppen: gesamt, mit_mh, ohne_mh",
  }),
  core({
    code: "verwaltung_mh_anteil",
    name: "Beschäftigte der Verwaltung mit Migrationshintergrund",
    field: "Interkulturelle Öffnung",
    dimension: "identifikatorisch",
    unit: "%",
    source: "Personalamt (freiwillige Beschäftigtenbefragung)",
    targetDirection: "hoch",
  }),
];

const KOELN = "Stadt Köln, Amt für Stadtentwicklung und Statistik (Offene Daten Köln, CC BY)";
/** Köln's local series from its open population statistics. */
export const KOELN_LOCAL: IndicatorInput[] = [
  {
    code: "einwohner_alter",
    name: "Einwohner nach Altersgruppe",
    field: "Demografie",
    dimension: "strukturell",
    unit: "Personen",
    isCount: true,
    source: KOELN,
  },
  {
    code: "einwohner_geschlecht",
    name: "Einwohner nach Geschlecht",
    field: "Demografie",
    dimension: "strukturell",
    unit: "Personen",
    isCount: true,
    source: KOELN,
  },
  {
    code: "deutsche_mh",
    name: "Deutsche mit Migrationshintergrund",
    field: "Demografie",
    dimension: "strukturell",
    unit: "Personen",
    isCount: true,
    source: KOELN,
  },
  {
    code: "aussiedler",
    name: "Aussiedlerinnen und Aussiedler",
    field: "Demografie",
    dimension: "strukturell",
    unit: "Personen",
    isCount: true,
    source: KOELN,
  },
  {
    code: "altersgruppen_anteil",
    name: "Anteil der Altersgruppe an der Bevölkerung",
    field: "Demografie",
    dimension: "strukturell",
    unit: "%",
    source: KOELN,
    derivation: {
      op: "share",
      a: { indicator: "einwohner_alter", group: null },
      b: { indicator: "einwohner", group: "gesamt" },
    },
  },
  {
    code: "frauen_anteil",
    name: "Frauenanteil",
    field: "Demografie",
    dimension: "strukturell",
    unit: "%",
    source: KOELN,
    derivation: {
      op: "share",
      a: { indicator: "einwohner_geschlecht", group: "weiblich" },
      b: { indicator: "einwohner", group: "gesamt" },
    },
  },
];
