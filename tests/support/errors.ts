import { issueText, translateError, type ErrorCode, type IssueLike } from "~/kernel/errors";
import { getT } from "~/kernel/i18n";

/** A service result with its error code turned into the German text, for assertions on wording. */
export function german<R extends { ok: boolean }>(r: R): Omit<R, "error"> & { error?: string } {
  if (r.ok || !("error" in r)) return r as Omit<R, "error">;
  return { ...r, error: translateError(getT("de"), r.error as ErrorCode) };
}

/** The German texts of Zod issues as the forms show them. */
export const germanIssues = (issues: IssueLike[]) => issues.map((i) => issueText(getT("de"), i));
