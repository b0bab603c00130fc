import type { TFunction } from "i18next";
import { getT } from "./i18n";

/**
 * Errors that services report: an i18n key plus parameters, never a finished sentence, so that the
 * interface shows them in the reader's language (docs/decisions/0008-forms-and-error-codes.md).
 */
export type ErrorParams = Record<string, string | number>;
export interface ErrorCode {
  code: string;
  params?: ErrorParams;
}

/** The shape of a service result that can fail; `field` names the form field the error belongs to. */
export type Failure = { ok: false; error: ErrorCode; field?: string };
export type Result<T = undefined> = { ok: true; value: T } | Failure;
export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: string, field?: string, params?: ErrorParams): Failure => ({
  ok: false,
  error: params ? { code, params } : { code },
  field,
});

/**
 * A thrown service error. Its `message` is the German text, so logs and the German CLI read as
 * before; pages translate `code` with the request's language instead.
 */
export class ServiceError extends Error implements ErrorCode {
  constructor(
    public code: string,
    public params?: ErrorParams,
  ) {
    super(getT("de")(code, params ?? {}));
    this.name = "ServiceError";
  }
}

// What an i18n key looks like ("concept.errors.codeTaken"); Zod's own messages never do.
const KEY = /^[a-zA-Z][\w-]*(\.[\w-]+)+$/;
export const isErrorKey = (s: string) => KEY.test(s);

/** The text of an error code (or of a plain string that is already a key or a sentence) in t's language. */
export function translateError(t: TFunction, e: ErrorCode | string): string {
  if (typeof e === "string") return KEY.test(e) ? t(e) : e;
  return t(e.code, e.params ?? {});
}

/** The subset of a Zod issue the translation reads (kept structural so no Zod import is needed here). */
export interface IssueLike {
  code?: string;
  path: PropertyKey[];
  message: string;
  origin?: string;
  format?: string;
  expected?: string;
  received?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  params?: Record<string, unknown>;
}

/**
 * The i18n key and parameters of a Zod issue: a schema message that is a key wins (with the issue's
 * limits as min/max); Zod's generic issues map to the kernel's validation.* keys.
 */
export function issueCode(i: IssueLike): ErrorCode {
  const limits: ErrorParams = {};
  if (i.minimum !== undefined) limits.min = Number(i.minimum);
  if (i.maximum !== undefined) limits.max = Number(i.maximum);
  if (KEY.test(i.message)) return { code: i.message, params: { ...limits, ...(i.params as ErrorParams) } };
  const code = (c: string) => ({ code: `validation.${c}`, params: limits });
  switch (i.code) {
    case "too_small":
      if (i.origin === "array" || i.origin === "set") return code("chooseAtLeast");
      if (i.origin === "string") return code(i.minimum === 1 ? "required" : "tooShort");
      return code("tooSmall");
    case "too_big":
      if (i.origin === "array" || i.origin === "set") return code("chooseAtMost");
      if (i.origin === "string") return code("tooLong");
      return code("tooBig");
    case "invalid_type":
      if (/received (undefined|null)$/.test(i.message)) return code("required");
      if (i.expected === "int") return code("wholeNumber");
      if (i.expected === "number") return code("notANumber");
      return code("invalid");
    case "not_multiple_of":
      return code("wholeNumber");
    case "invalid_format":
      if (i.format === "email") return code("email");
      if (i.format === "url") return code("url");
      if (i.format === "date" || i.format === "datetime") return code("date");
      return code("invalid");
    case "invalid_value":
    case "invalid_union":
      return code("choice");
    default:
      return code("invalid");
  }
}

export const issueText = (t: TFunction, i: IssueLike) => translateError(t, issueCode(i));

/** A service's refusal of input its schema rejected: the first issue, with its field and limits. */
export function invalid(issues: IssueLike[]): Failure {
  const i = issues[0]!;
  return { ok: false, error: issueCode(i), field: String(i.path[0] ?? "_form") };
}

/** Turns Zod issues into { field: text } (first issue per field) for re-rendering a form. */
export function translateIssues(t: TFunction, issues: IssueLike[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of issues) out[String(i.path[0] ?? "_form")] ??= issueText(t, i);
  return out;
}
