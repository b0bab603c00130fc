import { data, type RouterContextProvider } from "react-router";
import { tFor } from "~/kernel/http/context";
import type { Tx } from "~/kernel/db/client";
import { getSurvey, type Survey } from "./service";

// Helpers of the survey routes (server only: the route components never import this file's users).
type Ctx = Readonly<RouterContextProvider>;

/** A form field as the services' schemas take it: trimmed, and absent when empty. */
export const optional = (v: FormDataEntryValue | null): string | undefined => {
  const s = String(v ?? "").trim();
  return s === "" ? undefined : s;
};

/** A number field: absent when empty, NaN (refused by the schema) when not a number. */
export const numberField = (v: FormDataEntryValue | null): number | undefined => {
  const s = optional(v);
  return s === undefined ? undefined : Number(s.replace(",", "."));
};

/** The survey of the address, or the 404 page (also for one of another tenant, hidden by RLS). */
export async function surveyOr404(context: Ctx, tx: Tx, id: string | undefined): Promise<Survey> {
  const s = id ? await getSurvey(tx, id) : undefined;
  if (!s) throw data({ message: tFor(context)("opening.surveys.errors.notFound") }, { status: 404 });
  return s;
}

/** The survey form's fields as SurveyInput takes them. */
export function surveyFromForm(f: FormData) {
  return {
    organisationId: optional(f.get("organisationId")),
    kind: optional(f.get("kind")),
    title: String(f.get("title") ?? ""),
    opensOn: String(f.get("opensOn") ?? ""),
    closesOn: String(f.get("closesOn") ?? ""),
    periodLabel: String(f.get("periodLabel") ?? ""),
    mode: optional(f.get("mode")),
    rolling: f.get("rolling") === "1",
    headcount: numberField(f.get("headcount")),
    benchmarkShare: numberField(f.get("benchmarkShare")),
    benchmarkSource: optional(f.get("benchmarkSource")),
  };
}
