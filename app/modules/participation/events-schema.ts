import { z } from "zod";

// Veranstaltungen (decision 0029): the kinds and the forms' schemas, shared by the pages (and their
// browser bundles) and the services in events.ts, which alone touch the database and the outbox.

export const EVENT_MODES = ["in_person", "online", "hybrid"] as const;
export const BARRIER_FREE = ["yes", "partly", "no"] as const;
export const AUDIENCES = ["general", "volunteers", "professionals", "migrant_organisations", "youth"] as const;
export const ORGANISATION_TYPES = [
  "administration",
  "welfare",
  "migrant_organisation",
  "politics",
  "civil_society",
  "other",
] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];
export const REGISTRATION_STATUSES = ["confirmed", "waitlisted", "cancelled"] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];
/** Months after an event's end when its registrants' personal data is anonymised. */
export const RETENTION_MONTHS = 3;

const text = (max: number) =>
  z.string().trim().min(1, "participation.errors.required").max(max, "participation.errors.tooLong");
const flag = /* @__PURE__ */ z.boolean().default(false);

export const EventInput = /* @__PURE__ */ z
  .object({
    processId: z.uuid("participation.eventErrors.process").optional(),
    title: text(200),
    description: text(4000).optional(),
    date: z.iso.date("participation.errors.date"),
    startTime: z.iso.time({ precision: -1, error: "participation.eventErrors.time" }),
    endTime: z.iso.time({ precision: -1, error: "participation.eventErrors.time" }),
    mode: z.enum(EVENT_MODES, "participation.eventErrors.mode"),
    venueAddress: text(400).optional(),
    barrierFree: z.enum(BARRIER_FREE, "participation.eventErrors.barrierFree").optional(),
    publicTransport: z.boolean().optional(),
    venueNotes: text(2000).optional(),
    onlineLink: z
      .url({ protocol: /^https$/, error: "participation.eventErrors.link" })
      .max(400, "participation.errors.tooLong")
      .optional(),
    capacity: z.coerce
      .number("participation.eventErrors.capacity")
      .int("participation.eventErrors.capacity")
      .min(1, "participation.eventErrors.capacity")
      .max(10000, "participation.eventErrors.capacity"),
    audience: z.enum(AUDIENCES, "participation.eventErrors.audience"),
    childcare: flag,
    interpreterLanguages: text(200).optional(),
    signLanguage: flag,
    easyLanguage: flag,
    expenseRefund: flag,
    supportNotes: text(2000).optional(),
    published: flag,
  })
  .refine((e) => e.endTime > e.startTime, { message: "participation.eventErrors.endBeforeStart", path: ["endTime"] })
  .refine((e) => e.mode === "online" || !!e.venueAddress, {
    message: "participation.eventErrors.venueRequired",
    path: ["venueAddress"],
  })
  .refine((e) => e.mode === "in_person" || !!e.onlineLink, {
    message: "participation.eventErrors.linkRequired",
    path: ["onlineLink"],
  });
export type EventInput = z.input<typeof EventInput>;

export const RegistrationInput = /* @__PURE__ */ z.object({
  name: text(200),
  email: z.email("participation.eventErrors.email").max(254, "participation.errors.tooLong"),
  organisation: text(200).optional(),
  organisationType: z.enum(ORGANISATION_TYPES, "participation.eventErrors.organisationType").optional(),
  needsInterpreter: text(200).optional(),
  needsChildcare: flag,
  needsNotes: text(1000).optional(),
  consent: z.literal(true, "participation.eventErrors.consent"),
});
export type RegistrationInput = z.input<typeof RegistrationInput>;
