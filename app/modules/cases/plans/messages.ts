import type { TFunction } from "i18next";
import { germanDate } from "~/kernel/dates";
import { translateError, type ErrorCode } from "~/kernel/errors";

// Rendering a plan failure for a page (no server imports: a route component may use it). A refused
// step (cases.plans.errors.ineligible / ineligibleOpen) carries the reason keys in `reasons`; they
// are translated here and put into the message.

export function refusalText(t: TFunction, e: ErrorCode): string {
  const reasons = e.params?.reasons;
  if (typeof reasons !== "string") return translateError(t, e);
  const text = reasons
    .split(" ")
    .filter(Boolean)
    .map((k) => t(k))
    .join(" ");
  const from = String(e.params?.from ?? "");
  const to = String(e.params?.to ?? "");
  return t(e.code, { ...e.params, reasons: text, from: germanDate(from), to: germanDate(to) });
}
