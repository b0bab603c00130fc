import { sql } from "drizzle-orm";
import { boolean, customType, date, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

// Mirrors migrations/0840_cases_plans.sql (the SQL is the source of truth: the lifecycle and
// eligibility triggers, the revocation trigger and the policies are there).
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });
const d = (name: string) => date(name, { mode: "string" });
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (v) => Buffer.from(v),
});

export const STEP_STATES = ["planned", "running", "done", "cancelled"] as const;
export type StepState = (typeof STEP_STATES)[number];
export const STEP_OUTCOMES = ["completed", "dropped_out", "moved_away", "no_place", "not_eligible", "other"] as const;
export type StepOutcome = (typeof STEP_OUTCOMES)[number];
export const REFERRAL_STATES = ["in_progress", "accepted", "rejected", "done", "withdrawn"] as const;
export type ReferralState = (typeof REFERRAL_STATES)[number];
export const REJECTION_REASONS = ["no_place", "not_responsible", "not_eligible", "client_declined", "other"] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];
export const WITHDRAWN_REASONS = ["sender", "basis_revoked"] as const;
export const CONTACT_KINDS = ["home_visit", "office", "phone", "video"] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];

export const eligibilityDecisions = pgTable("case_eligibility_decisions", {
  id: uuid("id").primaryKey().defaultRandom(),
  networkId: uuid("network_id").notNull(),
  clientId: uuid("client_id").notNull(),
  ruleVersionId: uuid("rule_version_id").notNull(),
  stepType: text("step_type").notNull(),
  decisionDate: d("decision_date").notNull(),
  eligible: boolean("eligible").notNull(),
  reasons: text("reasons").array().notNull(),
  decidedBy: uuid("decided_by").notNull(),
  decidedAt: ts("decided_at")
    .notNull()
    .default(sql`clock_timestamp()`),
});

export const planSteps = pgTable("case_plan_steps", {
  id: uuid("id").primaryKey().defaultRandom(),
  networkId: uuid("network_id").notNull(),
  clientId: uuid("client_id").notNull(),
  stepType: text("step_type").notNull(),
  responsibleInstitutionId: uuid("responsible_institution_id").notNull(),
  plannedStart: d("planned_start"),
  startDate: d("start_date"),
  endDate: d("end_date"),
  state: text("state", { enum: STEP_STATES }).notNull().default("planned"),
  outcome: text("outcome", { enum: STEP_OUTCOMES }),
  decisionId: uuid("decision_id"),
  conferenceId: uuid("conference_id"),
  createdBy: uuid("created_by").notNull(),
  createdAt: ts("created_at")
    .notNull()
    .default(sql`clock_timestamp()`),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

export const referrals = pgTable("case_referrals", {
  id: uuid("id").primaryKey().defaultRandom(),
  networkId: uuid("network_id").notNull(),
  clientId: uuid("client_id").notNull(),
  stepId: uuid("step_id"),
  fromInstitutionId: uuid("from_institution_id").notNull(),
  toInstitutionId: uuid("to_institution_id").notNull(),
  state: text("state", { enum: REFERRAL_STATES }).notNull().default("in_progress"),
  referredOn: d("referred_on").notNull(),
  answeredOn: d("answered_on"),
  closedOn: d("closed_on"),
  rejectionReason: text("rejection_reason", { enum: REJECTION_REASONS }),
  rejectionNote: bytea("rejection_note"),
  withdrawnReason: text("withdrawn_reason", { enum: WITHDRAWN_REASONS }),
  createdBy: uuid("created_by").notNull(),
  answeredBy: uuid("answered_by"),
  createdAt: ts("created_at").notNull().defaultNow(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

export const conferences = pgTable("case_conferences", {
  id: uuid("id").primaryKey().defaultRandom(),
  networkId: uuid("network_id").notNull(),
  clientId: uuid("client_id").notNull(),
  heldOn: d("held_on").notNull(),
  participants: uuid("participants").array().notNull(),
  minutes: bytea("minutes"),
  recordedBy: uuid("recorded_by").notNull(),
  recordedAt: ts("recorded_at").notNull().defaultNow(),
});

export const contacts = pgTable("case_contacts", {
  id: uuid("id").primaryKey().defaultRandom(),
  networkId: uuid("network_id").notNull(),
  clientId: uuid("client_id").notNull(),
  kind: text("kind", { enum: CONTACT_KINDS }).notNull(),
  contactOn: d("contact_on").notNull(),
  staffId: uuid("staff_id").notNull(),
  durationMinutes: integer("duration_minutes").notNull(),
  note: bytea("note"),
  createdAt: ts("created_at").notNull().defaultNow(),
});
