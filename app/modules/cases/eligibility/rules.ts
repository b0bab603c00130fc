import { z } from "zod";
import { isIsoDate } from "~/kernel/dates";
import type { RuleKind } from "./schema";

// The pure part of eligibility (issue 16 item 4): what a rule version's parameters look like per
// kind, the facts a decision reads, and how a version and the facts give the outcome. No database
// here; service.ts finds the version valid on the decision date.

export const isoDate = z.string().refine(isIsoDate, "cases.eligibility.errors.date");

/** Nationality as ISO 3166-1 alpha-2, upper case ("SY", "ER"); stateless or unknown is left out. */
export const countryCode = z.string().regex(/^[A-Z]{2}$/, "cases.eligibility.errors.country");

/** A residence status code of the core ("aufenthaltsgestattung", "duldung", "aufenthaltserlaubnis", …). */
export const residenceStatus = z.string().regex(/^[a-z][a-z0-9_]{1,60}$/, "cases.eligibility.errors.residenceStatus");

/** The parameters of a version, one schema per rule kind. */
export const RuleParameters = {
  country_list: z.strictObject({
    countries: z
      .array(countryCode)
      .min(1)
      .refine((a) => new Set(a).size === a.length, "cases.eligibility.errors.duplicateCountry"),
  }),
  minimum_age: z.strictObject({ minimumAge: z.int().min(0).max(120) }),
  entry_deadline: z.strictObject({
    /** Last day on which the measure may start (§ 421 SGB III: 31.12.2015). */
    entryUntil: isoDate,
    /** If given, the residence statuses the rule covers. */
    residenceStatuses: z.array(residenceStatus).min(1).optional(),
  }),
} satisfies Record<RuleKind, z.ZodType>;
export type CountryList = z.infer<typeof RuleParameters.country_list>;
export type MinimumAge = z.infer<typeof RuleParameters.minimum_age>;
export type EntryDeadline = z.infer<typeof RuleParameters.entry_deadline>;

/**
 * What a decision may read of a client. Every fact is optional; a rule that needs a missing one
 * refuses with a reason saying so. entryDate is the start of the measure (§ 421 SGB III:
 * „Maßnahmeeintritt“), not the date of arrival in Germany.
 */
export const Facts = z.strictObject({
  nationality: countryCode.optional(),
  birthDate: isoDate.optional(),
  residenceStatus: residenceStatus.optional(),
  entryDate: isoDate.optional(),
});
export type Facts = z.infer<typeof Facts>;

/** Reasons are i18n keys under cases.eligibility.reasons. */
export const REASONS = [
  "nationalityListed",
  "nationalityNotListed",
  "nationalityUnknown",
  "ageReached",
  "ageBelowMinimum",
  "birthDateUnknown",
  "birthDateAfterDecision",
  "entryInTime",
  "entryAfterDeadline",
  "entryDateUnknown",
  "residenceStatusCovered",
  "residenceStatusNotCovered",
  "residenceStatusUnknown",
] as const;
export type Reason = (typeof REASONS)[number];
export const reasonKey = (r: Reason) => `cases.eligibility.reasons.${r}`;

/**
 * Age in completed years on a date: a birthday counts from its own day, so someone turning 18
 * tomorrow is 17 today; someone born on 29 February turns a year older on 1 March in other years
 * (§ 187 Abs. 2, § 188 Abs. 3 BGB). Both dates ISO (YYYY-MM-DD).
 */
export function ageOn(birthDate: string, date: string): number {
  const [by, bm, bd] = birthDate.split("-").map(Number);
  const [y, m, d] = date.split("-").map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** Whether a country is on a list (both alpha-2; case-insensitive for the fact). */
export const onCountryList = (p: CountryList, nationality: string) => p.countries.includes(nationality.toUpperCase());

export interface Outcome {
  eligible: boolean;
  reasons: Reason[];
}

/** The outcome of one rule version for the facts on the decision date. */
export function evaluate(kind: RuleKind, parameters: unknown, facts: Facts, decisionDate: string): Outcome {
  switch (kind) {
    case "country_list": {
      const p = RuleParameters.country_list.parse(parameters);
      if (!facts.nationality) return { eligible: false, reasons: ["nationalityUnknown"] };
      return onCountryList(p, facts.nationality)
        ? { eligible: true, reasons: ["nationalityListed"] }
        : { eligible: false, reasons: ["nationalityNotListed"] };
    }
    case "minimum_age": {
      const p = RuleParameters.minimum_age.parse(parameters);
      if (!facts.birthDate) return { eligible: false, reasons: ["birthDateUnknown"] };
      if (facts.birthDate > decisionDate) return { eligible: false, reasons: ["birthDateAfterDecision"] };
      return ageOn(facts.birthDate, decisionDate) >= p.minimumAge
        ? { eligible: true, reasons: ["ageReached"] }
        : { eligible: false, reasons: ["ageBelowMinimum"] };
    }
    case "entry_deadline": {
      const p = RuleParameters.entry_deadline.parse(parameters);
      const reasons: Reason[] = [];
      if (!facts.entryDate) reasons.push("entryDateUnknown");
      else reasons.push(facts.entryDate <= p.entryUntil ? "entryInTime" : "entryAfterDeadline");
      if (p.residenceStatuses) {
        if (!facts.residenceStatus) reasons.push("residenceStatusUnknown");
        else
          reasons.push(
            p.residenceStatuses.includes(facts.residenceStatus)
              ? "residenceStatusCovered"
              : "residenceStatusNotCovered",
          );
      }
      return {
        eligible: reasons.every((r) => r === "entryInTime" || r === "residenceStatusCovered"),
        reasons,
      };
    }
  }
}
