import { boolean, date, integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { organisations, tenantKey, tenantReference } from "~/kernel/db/schema";

// Mirrors migrations/0760_opening_seal.sql and 0761_opening_job_ad_clauses.sql (the SQL is the source
// of truth; tenant_safe_references() makes the composite keys declared here).
const d = (name: string) => date(name, { mode: "string" });

export const sealCases = pgTable(
  "opening_seal_cases",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id").notNull(),
    organisationId: uuid("organisation_id"),
    applicantName: text("applicant_name"),
    contactEmail: text("contact_email"),
    appliedOn: d("applied_on").notNull(),
    milestonesAgreedOn: d("milestones_agreed_on"),
    isDemo: boolean("is_demo").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    tenantKey("opening_seal_cases", t),
    tenantReference("opening_seal_cases_organisation_id_fkey", t, t.organisationId, organisations).onDelete("restrict"),
  ],
);

export const sealMilestones = pgTable(
  "opening_seal_milestones",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id").notNull(),
    caseId: uuid("case_id").notNull(),
    title: text("title").notNull(),
    dueOn: d("due_on").notNull(),
    doneOn: d("done_on"),
    position: integer("position").notNull().default(0),
  },
  (t) => [tenantReference("opening_seal_milestones_case_id_fkey", t, t.caseId, sealCases).onDelete("cascade")],
);

export const sealAwards = pgTable(
  "opening_seal_awards",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id").notNull(),
    caseId: uuid("case_id").notNull(),
    awardedOn: d("awarded_on").notNull(),
    validUntil: d("valid_until"),
  },
  (t) => [
    tenantKey("opening_seal_awards", t),
    tenantReference("opening_seal_awards_case_id_fkey", t, t.caseId, sealCases).onDelete("cascade"),
  ],
);

export const sealReminders = pgTable(
  "opening_seal_reminders",
  {
    tenantId: uuid("tenant_id").notNull(),
    awardId: uuid("award_id").notNull(),
    queuedOn: d("queued_on").notNull(),
    mailed: boolean("mailed").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.awardId] }),
    tenantReference("opening_seal_reminders_award_id_fkey", t, t.awardId, sealAwards).onDelete("cascade"),
  ],
);

export const jobAdClauses = pgTable("opening_job_ad_clauses", {
  id: uuid("id").primaryKey().defaultRandom(),
  tenantId: uuid("tenant_id").notNull(),
  builtinKey: text("builtin_key"),
  body: text("body").notNull(),
  sourceLabel: text("source_label").notNull(),
  sourceFile: text("source_file"),
  lineFrom: integer("line_from"),
  lineTo: integer("line_to"),
  position: integer("position").notNull().default(0),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
