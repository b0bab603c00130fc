import { boolean, date, integer, numeric, pgTable, primaryKey, text, time, timestamp, uuid } from "drizzle-orm/pg-core";
import { organisations, tenantKey, tenantReference, users } from "~/kernel/db/schema";

// Mirrors migrations/0780_opening_mediators.sql (the SQL is the source of truth).
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });
const d = (name: string) => date(name, { mode: "string" });

export const MEDIATOR_KINDS = ["staff_volunteer", "employed", "contracted", "telephone_service"] as const;
export type MediatorKind = (typeof MEDIATOR_KINDS)[number];
export const REQUEST_STATUSES = ["open", "assigned", "done", "cancelled"] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const mediators = pgTable(
  "opening_mediators",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id").notNull(),
    name: text("name").notNull(),
    kind: text("kind", { enum: MEDIATOR_KINDS }).notNull(),
    organisationId: uuid("organisation_id"),
    email: text("email"),
    phone: text("phone"),
    qualification: text("qualification"),
    qualificationHours: integer("qualification_hours"),
    examPassed: boolean("exam_passed").notNull().default(false),
    pledgedOn: d("pledged_on"),
    listingConsent: boolean("listing_consent").notNull().default(false),
    availability: text("availability"),
    userId: uuid("user_id").references(() => users.id, { onDelete: "set null" }),
    active: boolean("active").notNull().default(true),
    isDemo: boolean("is_demo").notNull().default(false),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    tenantKey("opening_mediators", t),
    tenantReference("opening_mediators_organisation_id_fkey", t, t.organisationId, organisations).onDelete("set null"),
  ],
);

export const mediatorLanguages = pgTable(
  "opening_mediator_languages",
  {
    tenantId: uuid("tenant_id").notNull(),
    mediatorId: uuid("mediator_id").notNull(),
    language: text("language").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.mediatorId, t.language] }),
    tenantReference("opening_mediator_languages_mediator_id_fkey", t, t.mediatorId, mediators).onDelete("cascade"),
  ],
);

export const mediationRequests = pgTable(
  "opening_mediation_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id").notNull(),
    reference: text("reference").notNull(),
    department: text("department").notNull(),
    language: text("language").notNull(),
    onDate: d("on_date").notNull(),
    atTime: time("at_time"),
    place: text("place").notNull(),
    purpose: text("purpose"),
    status: text("status", { enum: REQUEST_STATUSES }).notNull().default("open"),
    mediatorId: uuid("mediator_id"),
    hours: numeric("hours", { precision: 5, scale: 2 }),
    isDemo: boolean("is_demo").notNull().default(false),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    tenantKey("opening_mediation_requests", t),
    tenantReference("opening_mediation_requests_mediator_id_fkey", t, t.mediatorId, mediators).onDelete("restrict"),
  ],
);
