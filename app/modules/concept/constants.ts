// Shared by server and browser code: no imports.
export const MEASURE_STATUSES = [
  "vorgeschlagen",
  "beschlossen",
  "in_umsetzung",
  "umgesetzt",
  "verstetigt",
  "zurueckgestellt",
  "verworfen",
] as const;
export type MeasureStatus = (typeof MEASURE_STATUSES)[number];
export const EDITION_STATUSES = ["entwurf", "in_beratung", "beschlossen", "abgeloest"] as const;
export type EditionStatus = (typeof EDITION_STATUSES)[number];

/** Which status may follow which: a measure is proposed, adopted, carried out and made permanent, or set aside. */
export const MEASURE_TRANSITIONS: Record<MeasureStatus, MeasureStatus[]> = {
  vorgeschlagen: ["beschlossen", "zurueckgestellt", "verworfen"],
  beschlossen: ["in_umsetzung", "zurueckgestellt", "verworfen"],
  in_umsetzung: ["umgesetzt", "zurueckgestellt"],
  umgesetzt: ["verstetigt", "in_umsetzung"],
  verstetigt: [],
  zurueckgestellt: ["vorgeschlagen", "beschlossen", "in_umsetzung", "verworfen"],
  verworfen: ["vorgeschlagen"],
};

export const EDITION_TRANSITIONS: Record<EditionStatus, EditionStatus[]> = {
  entwurf: ["in_beratung"],
  in_beratung: ["entwurf", "beschlossen"],
  beschlossen: ["abgeloest"],
  abgeloest: [],
};

/** German labels, used in messages, exports and reports (UI strings come from i18n). */
export const MEASURE_STATUS_LABEL: Record<MeasureStatus, string> = {
  vorgeschlagen: "vorgeschlagen",
  beschlossen: "beschlossen",
  in_umsetzung: "in Umsetzung",
  umgesetzt: "umgesetzt",
  verstetigt: "verstetigt",
  zurueckgestellt: "zurückgestellt",
  verworfen: "verworfen",
};
export const EDITION_STATUS_LABEL: Record<EditionStatus, string> = {
  entwurf: "Entwurf",
  in_beratung: "in Beratung",
  beschlossen: "beschlossen",
  abgeloest: "abgelöst",
};
