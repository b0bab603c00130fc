// The sixteen Länder by the first two digits of the Amtlicher Gemeindeschlüssel, and the rules that
// hold only in some of them. A tenant's Land is read from its AGS, never stored twice. Berlin and
// Hamburg are city and Land at once (one municipality); Bremen is a Land of two cities, Bremen and
// Bremerhaven (AGS 04011000 and 04012000).

export interface LandRules {
  /**
   * Funding of the integration work needs an adopted Integrationskonzept not older than three years
   * (NRW: Kommunale Integrationszentren, Teilhabe- und Integrationsgesetz; seed 000:65, 653).
   */
  threeYearRule: boolean;
}

export interface Land {
  code: string;
  name: string;
  /** City and Land at once: the tenant kind "stadtstaat". */
  stadtstaat: boolean;
  rules: LandRules;
}

const NONE: LandRules = { threeYearRule: false };
const land = (code: string, name: string, opts: { stadtstaat?: boolean; rules?: Partial<LandRules> } = {}): Land => ({
  code,
  name,
  stadtstaat: opts.stadtstaat ?? false,
  rules: { ...NONE, ...opts.rules },
});

export const LAENDER: readonly Land[] = [
  land("01", "Schleswig-Holstein"),
  land("02", "Hamburg", { stadtstaat: true }),
  land("03", "Niedersachsen"),
  land("04", "Bremen", { stadtstaat: true }),
  land("05", "Nordrhein-Westfalen", { rules: { threeYearRule: true } }),
  land("06", "Hessen"),
  land("07", "Rheinland-Pfalz"),
  land("08", "Baden-Württemberg"),
  land("09", "Bayern"),
  land("10", "Saarland"),
  land("11", "Berlin", { stadtstaat: true }),
  land("12", "Brandenburg"),
  land("13", "Mecklenburg-Vorpommern"),
  land("14", "Sachsen"),
  land("15", "Sachsen-Anhalt"),
  land("16", "Thüringen"),
];

/** The Land of an AGS (its first two digits), or undefined for a key that names none. */
export function landOf(ags: string): Land | undefined {
  const code = ags.slice(0, 2);
  return LAENDER.find((l) => l.code === code);
}

/** The rules of the tenant's Land; an AGS without a Land has none of them. */
export function landRules(ags: string): LandRules {
  return landOf(ags)?.rules ?? NONE;
}

export const TENANT_KINDS = ["kommune", "kreis", "land", "stadtstaat"] as const;
export type TenantKind = (typeof TENANT_KINDS)[number];

/**
 * Why a kind does not fit an AGS (an i18n key with params), or null. A Stadtstaat is Berlin, Hamburg
 * or Bremen; Berlin and Hamburg can be nothing else (no Kreis, no separate Land above the city);
 * in Bremen the Land is the Stadtstaat and Bremerhaven a Kommune in it.
 */
export function kindMismatch(kind: TenantKind, ags: string): { key: string; params: Record<string, string> } | null {
  const l = landOf(ags);
  if (!l) return { key: "platform.agsNoLand", params: { ags } };
  if (kind === "stadtstaat" && !l.stadtstaat) return { key: "platform.notStadtstaat", params: { land: l.name } };
  if (kind !== "stadtstaat" && l.stadtstaat && (l.code !== "04" || kind !== "kommune"))
    return { key: "platform.mustBeStadtstaat", params: { land: l.name } };
  return null;
}
