import { CONTENT_LANGUAGES, MAX_PLACES } from "./taxonomy";
import type { TFunction } from "i18next";
import { issueText } from "~/kernel/errors";
import { EntryInput } from "./service";

const str = (f: FormData, k: string) => {
  const v = f.get(k);
  return typeof v === "string" ? v : "";
};
const num = (v: string) => {
  const s = v.trim().replace(",", ".");
  if (!s) return null;
  const n = Number(s);
  // NaN makes Zod report "must be a number" for the field rather than silently dropping it.
  return Number.isFinite(n) ? n : Number.NaN;
};

/**
 * Turns the entry form into EntryInput; error keys are the form field names (for ErrorSummary links),
 * texts in t's language.
 */
export function parseEntryForm(f: FormData, t: TFunction) {
  const translations: Record<string, { title: string; description: string }> = {};
  for (const l of CONTENT_LANGUAGES) {
    const title = str(f, `title_${l}`).trim(),
      description = str(f, `desc_${l}`).trim();
    if (l === "de" || title || description) translations[l] = { title, description };
  }
  const places = [];
  for (let i = 0; i < MAX_PLACES; i++) {
    const p = {
      label: str(f, `place${i}_label`),
      street: str(f, `place${i}_street`),
      postcode: str(f, `place${i}_postcode`),
      city: str(f, `place${i}_city`),
      lat: num(str(f, `place${i}_lat`)),
      lon: num(str(f, `place${i}_lon`)),
      areaName: str(f, `place${i}_areaName`),
    };
    if (Object.values(p).some((v) => v !== "" && v !== null)) places.push(p);
  }
  const raw = {
    kind: str(f, "kind"),
    organisationId: str(f, "organisationId") || null,
    handlungsfelder: f.getAll("handlungsfelder").map(String),
    targetGroups: f.getAll("targetGroups").map(String),
    languages: f.getAll("languages").map(String),
    germanLevel: str(f, "germanLevel"),
    cost: str(f, "cost"),
    catchment: str(f, "catchment") || undefined,
    costNote: str(f, "costNote"),
    schedule: str(f, "schedule"),
    accessibility: str(f, "accessibility"),
    contactName: str(f, "contactName"),
    contactEmail: str(f, "contactEmail"),
    contactPhone: str(f, "contactPhone"),
    website: str(f, "website"),
    networkMembers: str(f, "networkMembers"),
    coordinator: str(f, "coordinator"),
    meetingRhythm: str(f, "meetingRhythm"),
    validFrom: str(f, "validFrom"),
    validUntil: str(f, "validUntil"),
    translations,
    places,
  };
  const r = EntryInput.safeParse(raw);
  if (r.success) return { ok: true as const, data: r.data };
  const errors: Record<string, string> = {};
  for (const i of r.error.issues) {
    const [a, b, c] = i.path.map(String);
    let key = a;
    if (a === "translations") key = c === "description" ? `desc_${b}` : `title_${b ?? "de"}`;
    else if (a === "places") key = `place${b}_${c === "areaName" ? "areaName" : (c ?? "street")}`;
    errors[key] ??= issueText(t, i);
  }
  return { ok: false as const, errors };
}
