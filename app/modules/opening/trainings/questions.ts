// The evaluation's questions as the pages show them (keys and seed lines; no server imports, so the
// components may use it). The texts are the seed's, in trainings/strings.
export const QUESTION_KEYS = ["insights", "interest"] as const;
export type QuestionKey = (typeof QUESTION_KEYS)[number];
