import { boolean, date, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { tenantKey } from "~/kernel/db/schema";

// Mirrors migrations/0500_bodies.sql and 0520 (the SQL is the source of truth; the composite tenant
// references are made there by tenant_safe_references()).
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const BODY_KINDS = [
  "rat",
  "ausschuss",
  "integrationsrat",
  "steuerungsgruppe",
  "beirat",
  "netzwerk",
  "arbeitsgruppe",
  "runder_tisch",
] as const;
export const BODY_FUNCTIONS = ["chair", "vice_chair"] as const;
export const MEMBERSHIP_ROLES = ["member", "deputy", "guest"] as const;
/** A body's part in a paper's Beratungsfolge (migration 0510). */
export const COMPETENCES = ["kenntnisnahme", "vorberatung", "entscheidung"] as const;
/** What a body did with a paper or agenda item: zur Kenntnis genommen, (geändert) beschlossen, … */
export const CONSULTATION_RESULTS = [
  "kenntnisnahme",
  "beschlossen",
  "geaendert_beschlossen",
  "abgelehnt",
  "vertagt",
  "zurueckgezogen",
] as const;
export const MEETING_STATES = ["planned", "held", "cancelled"] as const;
export const ATTENDANCE = ["present", "excused", "absent"] as const;

export const bodies = pgTable("bodies", {
  id: uuid("id").primaryKey().defaultRandom(),
  tenantId: uuid("tenant_id").notNull(),
  name: text("name").notNull(),
  shortName: text("short_name"),
  kind: text("kind", { enum: BODY_KINDS }).notNull(),
  secretariatId: uuid("secretariat_id"),
  cadence: text("cadence"),
  description: text("description"),
  isDemo: boolean("is_demo").notNull().default(false),
  createdAt: ts("created_at").notNull().defaultNow(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

export const bodySeatRules = pgTable("body_seat_rules", {
  id: uuid("id").primaryKey().defaultRandom(),
  tenantId: uuid("tenant_id").notNull(),
  bodyId: uuid("body_id").notNull(),
  label: text("label").notNull(),
  seats: integer("seats").notNull(),
  voting: boolean("voting").notNull().default(true),
  organisationKinds: text("organisation_kinds").array().notNull().default([]),
  exOfficioBodyId: uuid("ex_officio_body_id"),
  exOfficioFunction: text("ex_officio_function", { enum: BODY_FUNCTIONS }),
  position: integer("position").notNull().default(0),
});

export const bodySeatRuleOrganisations = pgTable(
  "body_seat_rule_organisations",
  {
    tenantId: uuid("tenant_id").notNull(),
    seatRuleId: uuid("seat_rule_id").notNull(),
    organisationId: uuid("organisation_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.seatRuleId, t.organisationId] })],
);

export const bodyMemberships = pgTable("body_memberships", {
  id: uuid("id").primaryKey().defaultRandom(),
  tenantId: uuid("tenant_id").notNull(),
  bodyId: uuid("body_id").notNull(),
  personId: uuid("person_id").notNull(),
  organisationId: uuid("organisation_id"),
  role: text("role", { enum: MEMBERSHIP_ROLES }).notNull(),
  function: text("function", { enum: BODY_FUNCTIONS }),
  seatRuleId: uuid("seat_rule_id"),
  deputyOf: uuid("deputy_of"),
  startsOn: date("starts_on", { mode: "string" }).notNull(),
  endsOn: date("ends_on", { mode: "string" }),
  createdAt: ts("created_at").notNull().defaultNow(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

// migrations/0520_body_persons_oparl.sql: the persons of the memberships (OParl Person).
export const bodyPersons = pgTable("body_persons", {
  id: uuid("id").primaryKey().defaultRandom(),
  tenantId: uuid("tenant_id").notNull(),
  name: text("name").notNull(),
  formOfAddress: text("form_of_address"),
  title: text("title"),
  email: text("email"),
  phone: text("phone"),
  organisationId: uuid("organisation_id"),
  contactConsentOn: date("contact_consent_on", { mode: "string" }),
  createdAt: ts("created_at").notNull().defaultNow(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

// Migration 0510. The services use SQL; this table is declared for the concept's measure ↔ paper
// link (concept_measure_papers), which references it. Its edition_id → concept_editions reference is
// left out here so that this schema does not import the concept's.
export const bodyPapers = pgTable(
  "body_papers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id").notNull(),
    number: text("number").notNull(),
    title: text("title").notNull(),
    submittedOn: date("submitted_on", { mode: "string" }).notNull(),
    isPublic: boolean("is_public").notNull().default(true),
    leadOffice: text("lead_office").notNull(),
    involvedOffices: text("involved_offices"),
    proposal: text("proposal"),
    financialImpact: text("financial_impact"),
    explanation: text("explanation"),
    decision: text("decision"),
    attachments: jsonb("attachments").$type<string[]>().notNull().default([]),
    editionId: uuid("edition_id"),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
    deletedAt: ts("deleted_at"),
  },
  (t) => [tenantKey("body_papers", t)],
);
