// Constants and pure helpers shared by server code and components (no server imports here).
import type { LandField } from "~/kernel/taxonomy/presets";

export const AREA_LEVELS = ["stadt", "stadtbezirk", "stadtteil", "sozialraum", "lebensraum", "quartier"] as const;
export type AreaLevel = (typeof AREA_LEVELS)[number];
export const isAreaLevel = (l: unknown): l is AreaLevel => AREA_LEVELS.includes(l as AreaLevel);

/**
 * An area's public profile below /t/:slug/. An area is (level, key): keys repeat across levels
 * (Stadt 0 beside Stadtbezirk 0, numbered Stadtteile of each Bezirk), names too.
 */
export const areaPath = (level: string, key: string) =>
  `monitoring/gebiet/${encodeURIComponent(level)}/${encodeURIComponent(key)}`;
/** One form value for an area (selectors): level and key joined by "/", which no level contains. */
export const areaRef = (a: { level: string; key: string }) => `${a.level}/${a.key}`;
/** Reads areaRef(); a bare key (old links) comes back without level. */
export function parseAreaRef(v: string | null | undefined): { level: string | null; key: string } | null {
  if (!v) return null;
  const i = v.indexOf("/");
  if (i > 0 && isAreaLevel(v.slice(0, i))) return { level: v.slice(0, i), key: v.slice(i + 1) };
  return { level: null, key: v };
}
/** Decimals a value of this unit is shown with (persons are whole, ratios need two); downloads round alike. */
export const unitDigits = (unit: string) => (unit === "Personen" ? 0 : unit === "Verhältnis" ? 2 : 1);
/** A value rounded as the pages show it. */
export const roundAsShown = (v: number, unit: string) => {
  const f = 10 ** unitDigits(unit);
  // Half away from zero, like the pages' number format.
  return (Math.sign(v) * Math.round(Math.abs(v) * f)) / f || 0;
};
export const DIMENSIONS = ["strukturell", "sozial", "kulturell", "identifikatorisch"] as const;
export const DERIVED_OPS = ["share", "rate1000", "pp_diff", "parity"] as const;
export type DerivedOp = (typeof DERIVED_OPS)[number];

/**
 * The scale of a share by its unit (percent 100, per mille 1000), or null when the unit is not a
 * share. A base series in such a unit is a share of persons: imported without counts it needs a
 * declared base to be published (decision 0033).
 */
export function shareScale(unit: string): number | null {
  return unit === "%" ? 100 : unit === "je 1.000" ? 1000 : null;
}

/** What public pages, exports and the API show instead of a suppressed value. */
export const SUPPRESSED_MARKER = "•";
export const KOELN_ATTRIBUTION = "Datenquelle: Stadt Köln, CC BY";

/**
 * Area keys in numeric order ("2" before "10"). One collator for all comparisons: localeCompare
 * with a locale builds a new one per call, which made sorting a few thousand cells take ~0.5 s.
 */
export const compareKeys = new Intl.Collator("de", { numeric: true }).compare;
/** What plain localeCompare() without arguments does, without its per-call cost. */
export const compareText = new Intl.Collator().compare;

/**
 * The starter catalogue's fields (catalogue.ts) are the fields of the Länder integration monitoring:
 * each names a field of the Land's core set (kernel/taxonomy/presets.ts LAND_FIELDS), by which an
 * indicator finds the tenant's own Handlungsfeld (decision 0037).
 */
export const CATALOGUE_LAND_FIELDS: Record<string, LandField> = {
  Demografie: "demografie",
  "Rechtliche Integration": "rechtliche_integration",
  "Kita und Sprache": "kita_sprache",
  Bildung: "bildung",
  Arbeitsmarkt: "arbeitsmarkt",
  Einkommen: "lebensunterhalt",
  Wohnen: "wohnen",
  Gesundheit: "gesundheit",
  "Interkulturelle Öffnung": "interkulturelle_oeffnung",
};

/**
 * The units of the core set and the usual statistics (catalogue.ts) in the page's language; a unit a
 * tenant typed itself is shown as typed, marked as German content.
 */
const UNIT_KEYS: Record<string, string> = {
  Personen: "persons",
  Prozentpunkte: "percentagePoints",
  Verhältnis: "ratio",
  "je 1.000": "perThousand",
};

export function unitLabel(unit: string, t: (key: string) => string): string | null {
  if (unit === "%" || unit === "m²") return unit;
  const key = UNIT_KEYS[unit];
  return key ? t(`monitoring.units.${key}`) : null;
}
