// Evidence between modules (decision 0032): which indicators show a goal's or a measure's effect,
// with the target and how far it is reached, and where a measure works – without the concept
// importing the modules that know indicators and areas. A module that records such links (steering)
// contributes `evidence` in its manifest; the registry joins the contributions and the server hands
// the joined lookup to pages (appContext) and the API (ApiOptions), like provenance (decision 0028).
// Only types, the status order and pure helpers here: the kernel imports no module.
import type { Tx } from "./db/client";

export type EvidenceSubject = "concept.goal" | "concept.measure";

/**
 * How far a target is reached, worst last but one: `too_few_values` and `no_data` cannot be judged.
 * The rule is the monitoring's (services/attainment.ts); the order is here so every module rolls up alike.
 */
export const ATTAINMENT_STATUSES = [
  "achieved",
  "on_track",
  "at_risk",
  "off_track",
  "too_few_values",
  "no_data",
] as const;
export type AttainmentStatus = (typeof ATTAINMENT_STATUSES)[number];
export const TARGET_KINDS = ["value", "parity"] as const;
export const TARGET_DIRECTIONS = ["hoch", "niedrig"] as const;

export interface EvidenceTarget {
  kind: (typeof TARGET_KINDS)[number];
  /** Kind value: the target in the indicator's unit. */
  value: number | null;
  direction: (typeof TARGET_DIRECTIONS)[number];
  year: number | null;
  /** Kind parity: the group whose value is the target (default "gesamt"). */
  compareGroup: string | null;
}

/** One indicator that shows a subject's effect, with its target and attainment where it has a target. */
export interface Evidence {
  subjectId: string;
  /** The link's own id in the contributing module (for its staff pages). */
  linkId: string;
  indicator: { code: string; name: string; unit: string };
  /** The area the target is about; null = the whole municipality. */
  area: { level: string; key: string; name: string } | null;
  group: string;
  /** A goal's target; a measure's indicators have none. */
  target: EvidenceTarget | null;
  attainment: {
    status: AttainmentStatus;
    period: string | null;
    /** Null when suppressed or missing (`suppressed` tells which). */
    value: number | null;
    suppressed: boolean;
    baselinePeriod: string | null;
    baselineValue: number | null;
    /** The value to reach in the latest period (for parity the compare group's value). */
    targetValue: number | null;
    progress: number | null;
    expected: number | null;
  } | null;
  /** Public page of the indicator below /t/:slug, if the indicator is public. */
  publicPath: string | null;
}

/** An area a subject works in (a measure's Stadtteile). */
export interface Place {
  subjectId: string;
  level: string;
  key: string;
  name: string;
  publicPath: string | null;
}

export interface EvidenceModule {
  evidence(tx: Tx, subject: EvidenceSubject, ids: string[], opts: { publicOnly: boolean }): Promise<Evidence[]>;
  places(tx: Tx, subject: EvidenceSubject, ids: string[], opts: { publicOnly: boolean }): Promise<Place[]>;
  /** The staff page below /t/:slug/verwaltung where a subject's links are edited. */
  editPath(subject: EvidenceSubject, id: string): string;
}

export interface EvidenceLookup {
  evidence: EvidenceModule["evidence"];
  places: EvidenceModule["places"];
  /** The contributing modules' staff pages for a subject (none without a contribution). */
  editPaths(subject: EvidenceSubject, id: string): Promise<string[]>;
}

/** Joins the modules' contributions (loaded on first use) into one lookup. */
export function joinEvidence(loaders: readonly (() => Promise<EvidenceModule>)[]): EvidenceLookup {
  const all = async <T>(ids: string[], f: (m: EvidenceModule) => Promise<T[]>) => {
    if (!ids.length || !loaders.length) return [];
    const out: T[] = [];
    for (const load of loaders) out.push(...(await f(await load())));
    return out;
  };
  return {
    evidence: (tx, subject, ids, opts) => all(ids, (m) => m.evidence(tx, subject, ids, opts)),
    places: (tx, subject, ids, opts) => all(ids, (m) => m.places(tx, subject, ids, opts)),
    editPaths: (subject, id) => all([id], async (m) => [m.editPath(subject, id)]),
  };
}

/**
 * The status of a goal from its own targets and its sub-goals' statuses: the worst judged status
 * (a Leitziel is only on track if every judged target under it is); `no_data`/`too_few_values` only
 * when nothing under it can be judged; null when nothing has a target.
 */
export function rollUp(statuses: readonly AttainmentStatus[]): AttainmentStatus | null {
  if (!statuses.length) return null;
  const judged = statuses.filter((s) => s !== "no_data" && s !== "too_few_values");
  const rank = (s: AttainmentStatus) => ATTAINMENT_STATUSES.indexOf(s);
  const pool = judged.length ? judged : statuses;
  return pool.reduce((worst, s) => (rank(s) > rank(worst) ? s : worst));
}
