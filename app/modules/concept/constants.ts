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
/**
 * Fortschreibung (decision 0035): a measure in one of these statuses is still open work and continues
 * in the new edition; one that is umgesetzt, verstetigt or verworfen is finished or stopped and stays
 * behind in the old edition. zurückgestellt is only paused, so it continues.
 */
export const CARRIED_STATUSES: readonly MeasureStatus[] = [
  "vorgeschlagen",
  "beschlossen",
  "in_umsetzung",
  "zurueckgestellt",
];
/** Whether a measure in this status is carried into a Fortschreibung. */
export const isCarried = (status: string) => (CARRIED_STATUSES as readonly string[]).includes(status);

/**
 * A measure in one of these statuses is over: carried out, made permanent or dropped. Its milestones
 * are all reached or given up (the status change sees to it), and none of them counts as overdue in
 * any view, even in data from before that rule.
 */
export const FINISHED_STATUSES: readonly MeasureStatus[] = ["umgesetzt", "verstetigt", "verworfen"];
export const isFinished = (status: string) => (FINISHED_STATUSES as readonly string[]).includes(status);

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
