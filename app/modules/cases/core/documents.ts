import { z } from "zod";
import type { Category } from "./schema";

// What each category's encrypted document holds (issue 16 item 2). Validated before encryption and
// after decryption. Codes, not words, wherever the interface translates (residence titles, CEFR).

const text = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) => text(max).optional();
const isoDate = z.string().regex(/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/, "cases.errors.date");

export const RESIDENCE_TITLES = [
  "aufenthaltsgestattung",
  "duldung",
  "aufenthaltserlaubnis",
  "niederlassungserlaubnis",
  "fiktionsbescheinigung",
  "other",
] as const;
export const CEFR = ["none", "A1", "A2", "B1", "B2", "C1", "C2", "native"] as const;
export const RECOGNITION = ["not_started", "in_progress", "partial", "full", "refused"] as const;

export const identityDoc = z.object({
  familyName: text(200).min(1, "cases.errors.required"),
  givenNames: text(200).min(1, "cases.errors.required"),
  // How the person writes their name themselves (Arabic, Tigrinya …), for the phonetic search.
  nativeName: optionalText(200),
  birthDate: isoDate,
  nationality: z
    .string()
    .regex(/^[A-Z]{2}$/, "cases.errors.country")
    .optional(),
  gender: z.enum(["f", "m", "d", "x"]).optional(),
  phone: optionalText(50),
  email: optionalText(200),
  street: optionalText(200),
  postcode: z
    .string()
    .regex(/^[0-9]{5}$/, "cases.errors.postcode")
    .optional(),
  city: optionalText(100),
  languageOfContact: z
    .string()
    .regex(/^[a-z]{2,3}$/)
    .optional(),
});
export type IdentityDoc = z.infer<typeof identityDoc>;

export const residenceDoc = z.object({
  title: z.enum(RESIDENCE_TITLES),
  // The provision, e.g. "§ 25 Abs. 2 AufenthG" or "§ 60a AufenthG".
  provision: optionalText(100),
  validUntil: isoDate.optional(),
  entryDate: isoDate.optional(),
});

export const educationDoc = z.object({
  languages: z
    .array(z.object({ language: z.string().regex(/^[a-z]{2,3}$/), level: z.enum(CEFR) }))
    .max(20)
    .default([]),
  schoolingYears: z.number().int().min(0).max(25).optional(),
  qualifications: z
    .array(
      z.object({
        title: text(200).min(1),
        country: z
          .string()
          .regex(/^[A-Z]{2}$/)
          .optional(),
        recognition: z.enum(RECOGNITION),
      }),
    )
    .max(20)
    .default([]),
});

export const competenceDoc = z.object({
  assessedOn: isoDate,
  method: text(200).min(1),
  findings: text(5000),
});

export const freeTextDoc = z.object({ text: text(20000) });

export const familyDoc = z.object({
  householdRole: z.enum(["head", "partner", "child", "other"]).optional(),
  text: optionalText(5000),
});

export const planDoc = z.object({ goals: text(5000) });

/**
 * The categories held as one encrypted document each in case_client_data. Attachments are files, one
 * row each in case_attachments (migration 0884, attachments/service.ts).
 */
export type DocumentCategory = Exclude<Category, "attachments">;
export const isDocumentCategory = (c: Category): c is DocumentCategory => c !== "attachments";

export const DOCUMENTS: Record<DocumentCategory, z.ZodType> = {
  identity: identityDoc,
  residence: residenceDoc,
  education: educationDoc,
  competence: competenceDoc,
  health: freeTextDoc,
  family: familyDoc,
  plan: planDoc,
  notes: freeTextDoc,
};

/** The coarse group the quarterly aggregates count by, from a residence title. */
export function statusGroupOf(title: (typeof RESIDENCE_TITLES)[number]) {
  switch (title) {
    case "aufenthaltsgestattung":
      return "gestattung" as const;
    case "duldung":
      return "duldung" as const;
    case "aufenthaltserlaubnis":
    case "fiktionsbescheinigung":
      return "erlaubnis" as const;
    case "niederlassungserlaubnis":
      return "niederlassung" as const;
    default:
      return "other" as const;
  }
}
