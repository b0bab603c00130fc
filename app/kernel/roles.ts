// Shared by server and browser code: no imports beyond the standard library.
export const ROLES = ["admin", "editor", "partner", "viewer"] as const;
export type Role = (typeof ROLES)[number];

export function roleAtLeast(role: Role | null | undefined, min: Role): boolean {
  // A partner sees less than a viewer: only what belongs to their organisation.
  const order: Role[] = ["partner", "viewer", "editor", "admin"];
  return !!role && order.indexOf(role) >= order.indexOf(min);
}

export const ORGANISATION_KINDS = [
  "fachbereich",
  "wohlfahrtsverband",
  "migrantenorganisation",
  "verein",
  "kammer",
  "jobcenter",
  "agentur_fuer_arbeit",
  "bildungstraeger",
  "religionsgemeinschaft",
  "politik",
  "sonstige",
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];
