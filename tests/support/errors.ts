import { issueText, translateError, type ErrorCode, type IssueLike, type Result } from "~/kernel/errors";
import { getT } from "~/kernel/i18n";

/** A service result with its error code turned into the German text, for assertions on wording. */
export function german<R extends { ok: boolean }>(r: R): Omit<R, "error"> & { error?: string } {
  if (r.ok || !("error" in r)) return r as Omit<R, "error">;
  return { ...r, error: translateError(getT("de"), r.error as ErrorCode) };
}

/** The German texts of Zod issues as the forms show them. */
export const germanIssues = (issues: IssueLike[]) => issues.map((i) => issueText(getT("de"), i));

/** The German text of a failed service result, "(kein Fehler)" for a success: for `toBe` on wording. */
export const messageOf = (r: Result<unknown>): string => (r.ok ? "(kein Fehler)" : translateError(getT("de"), r.error));

/** The value of a result a test needs to succeed; a failure throws with its code and German text. */
export function must<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${messageOf(r)}`);
  return r.value;
}
