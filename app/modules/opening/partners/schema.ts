import { boolean, date, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { bytea, organisations, tenantKey, tenantReference } from "~/kernel/db/schema";

// Mirrors migrations/0740_opening_partners.sql (the SQL is the source of truth; the composite tenant
// references are made there by tenant_safe_references()).
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });
const d = (name: string) => date(name, { mode: "string" });

/** What kind of organisation a partner is: the kinds the 28 partners of seed 004 show. */
export const PARTNER_TYPES = [
  "kommune",
  "kreis",
  "kommunalverband",
  "landesbehoerde",
  "polizei",
  "jobcenter",
  "medien",
  "wohlfahrtsverband",
  "unternehmen",
  "verband",
  "kooperation",
  "sonstige",
] as const;
export type PartnerType = (typeof PARTNER_TYPES)[number];
export const REPORT_STATUSES = ["draft", "submitted", "reviewed"] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const partners = pgTable(
  "opening_partners",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id").notNull(),
    ordinal: integer("ordinal").notNull(),
    name: text("name").notNull(),
    type: text("type", { enum: PARTNER_TYPES }).notNull(),
    joinedOn: d("joined_on").notNull(),
    organisationId: uuid("organisation_id"),
    note: text("note"),
    sourceLine: integer("source_line"),
    isDemo: boolean("is_demo").notNull().default(false),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    tenantKey("opening_partners", t),
    tenantReference("opening_partners_organisation_id_fkey", t, t.organisationId, organisations).onDelete("set null"),
  ],
);

export const partnerAliases = pgTable(
  "opening_partner_aliases",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id").notNull(),
    partnerId: uuid("partner_id").notNull(),
    alias: text("alias").notNull(),
  },
  (t) => [tenantReference("opening_partner_aliases_partner_id_fkey", t, t.partnerId, partners).onDelete("cascade")],
);

export const partnerMembers = pgTable(
  "opening_partner_members",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id").notNull(),
    partnerId: uuid("partner_id").notNull(),
    name: text("name").notNull(),
    organisationId: uuid("organisation_id"),
    position: integer("position").notNull().default(0),
  },
  (t) => [
    tenantReference("opening_partner_members_partner_id_fkey", t, t.partnerId, partners).onDelete("cascade"),
    tenantReference("opening_partner_members_organisation_id_fkey", t, t.organisationId, organisations).onDelete(
      "set null",
    ),
  ],
);

export const agreements = pgTable(
  "opening_agreements",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id").notNull(),
    partnerId: uuid("partner_id").notNull(),
    declaration: text("declaration").notNull(),
    signedOn: d("signed_on"),
    signatories: text("signatories").array().notNull().default([]),
    fileName: text("file_name"),
    fileType: text("file_type"),
    fileBytes: bytea("file_bytes"),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [tenantReference("opening_agreements_partner_id_fkey", t, t.partnerId, partners).onDelete("cascade")],
);

export const agreementModules = pgTable(
  "opening_agreement_modules",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id").notNull(),
    partnerId: uuid("partner_id").notNull(),
    position: integer("position").notNull().default(0),
    title: text("title").notNull(),
    description: text("description"),
    recurring: boolean("recurring").notNull().default(false),
    isDemo: boolean("is_demo").notNull().default(false),
  },
  (t) => [
    tenantKey("opening_agreement_modules", t),
    tenantReference("opening_agreement_modules_partner_id_fkey", t, t.partnerId, partners).onDelete("cascade"),
  ],
);

export const moduleMilestones = pgTable(
  "opening_module_milestones",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id").notNull(),
    moduleId: uuid("module_id").notNull(),
    title: text("title").notNull(),
    dueOn: d("due_on"),
    reachedOn: d("reached_on"),
  },
  (t) => [
    tenantReference("opening_module_milestones_module_id_fkey", t, t.moduleId, agreementModules).onDelete("cascade"),
  ],
);

export const reportingPeriods = pgTable(
  "opening_reporting_periods",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id").notNull(),
    partnerId: uuid("partner_id").notNull(),
    startsOn: d("starts_on").notNull(),
    endsOn: d("ends_on").notNull(),
    dueOn: d("due_on").notNull(),
  },
  (t) => [
    tenantKey("opening_reporting_periods", t),
    tenantReference("opening_reporting_periods_partner_id_fkey", t, t.partnerId, partners).onDelete("cascade"),
  ],
);

export const partnerReports = pgTable(
  "opening_partner_reports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id").notNull(),
    periodId: uuid("period_id").notNull(),
    status: text("status", { enum: REPORT_STATUSES }).notNull().default("draft"),
    furtherActivities: text("further_activities"),
    submittedAt: ts("submitted_at"),
    reviewedAt: ts("reviewed_at"),
    reviewComment: text("review_comment"),
    isDemo: boolean("is_demo").notNull().default(false),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    tenantKey("opening_partner_reports", t),
    tenantReference("opening_partner_reports_period_id_fkey", t, t.periodId, reportingPeriods).onDelete("cascade"),
  ],
);

export const reportEntries = pgTable(
  "opening_report_entries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id").notNull(),
    reportId: uuid("report_id").notNull(),
    moduleId: uuid("module_id").notNull(),
    progress: text("progress"),
    figures: jsonb("figures").$type<{ label: string; value: string }[]>().notNull().default([]),
    activities: text("activities"),
    outlook: text("outlook"),
    sourceLine: integer("source_line"),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    tenantReference("opening_report_entries_report_id_fkey", t, t.reportId, partnerReports).onDelete("cascade"),
    tenantReference("opening_report_entries_module_id_fkey", t, t.moduleId, agreementModules).onDelete("cascade"),
  ],
);
