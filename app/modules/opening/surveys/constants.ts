// The survey slice's fixed lists, imported by pages too (no server code here).
export const SURVEY_KINDS = ["staff", "users"] as const;
export const SURVEY_MODES = ["codes", "open"] as const;
export const SURVEY_STATES = ["draft", "open", "closed"] as const;
export const MIGRATION_ANSWERS = ["yes", "no", "no_answer"] as const;
export const SERIES_STATES = ["value", "not_collected"] as const;
export const BENCHMARK_KINDS = ["population", "target"] as const;
export const DEFAULT_K = 10;
export const MIN_K = 5;
/** At most this many codes per batch. */
export const MAX_CODES = 5000;

/** A staff page's address of the slice. */
export const staffPath = (slug: string, rest = "") => `/t/${slug}/verwaltung/oeffnung/befragungen${rest}`;
/** The respondent's page of a survey. */
export const publicPath = (slug: string, surveyId?: string) => `/t/${slug}/befragung${surveyId ? `/${surveyId}` : ""}`;
