import {
  bigint,
  boolean,
  customType,
  date,
  foreignKey,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { tenants, users } from "~/kernel/db/schema";

// Mirrors migrations/0800_cases.sql (the SQL is the source of truth; decision 0044).
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });
const d = (name: string) => date(name, { mode: "string" });
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (v) => Buffer.from(v),
});

export const INSTITUTION_KINDS = [
  "jobcenter",
  "agentur_fuer_arbeit",
  "jugendamt",
  "sozialamt",
  "auslaenderbehoerde",
  "ihk",
  "hwk",
  "provider",
  "volunteer_network",
] as const;
export type InstitutionKind = (typeof INSTITUTION_KINDS)[number];

export const CASE_ROLES = ["coordination", "specialist", "lead", "dpo", "auditor", "volunteer"] as const;
export type CaseRole = (typeof CASE_ROLES)[number];

/** The categories a client's data is grouped in; access is decided per category. */
export const CATEGORIES = [
  "identity",
  "residence",
  "education",
  "competence",
  "health",
  "family",
  "plan",
  "notes",
  "attachments",
] as const;
export type Category = (typeof CATEGORIES)[number];

export const STATUS_GROUPS = ["gestattung", "duldung", "erlaubnis", "niederlassung", "other", "unknown"] as const;
export type StatusGroup = (typeof STATUS_GROUPS)[number];

export const ACCESS_ACTIONS = ["list", "search", "read", "write", "export", "download", "disclose"] as const;
export type AccessAction = (typeof ACCESS_ACTIONS)[number];
export const ACCESS_REASONS = [
  "caseload",
  "open_case",
  "edit",
  "intake",
  "search_hit",
  "referral",
  "conference",
  "subject_access",
  "export",
  "consent",
  "legal_basis",
  "break_glass",
  "retention",
] as const;
export type AccessReason = (typeof ACCESS_REASONS)[number];

export const networks = pgTable("case_networks", {
  id: uuid("id").primaryKey().defaultRandom(),
  hostTenantId: uuid("host_tenant_id")
    .notNull()
    .references(() => tenants.id),
  name: text("name").notNull(),
  foundingReference: text("founding_reference"),
  guardianAge: integer("guardian_age").notNull().default(15),
  healthEnabled: boolean("health_enabled").notNull().default(false),
  isDemo: boolean("is_demo").notNull().default(false),
  createdAt: ts("created_at").notNull().defaultNow(),
});

export const institutions = pgTable(
  "case_institutions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    networkId: uuid("network_id")
      .notNull()
      .references(() => networks.id, { onDelete: "cascade" }),
    homeTenantId: uuid("home_tenant_id")
      .notNull()
      .references(() => tenants.id),
    kind: text("kind", { enum: INSTITUTION_KINDS }).notNull(),
    name: text("name").notNull(),
    contact: text("contact"),
  },
  (t) => [unique().on(t.networkId, t.id)],
);

export const sites = pgTable(
  "case_sites",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    networkId: uuid("network_id")
      .notNull()
      .references(() => networks.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    postcode: text("postcode"),
  },
  (t) => [unique().on(t.networkId, t.id)],
);

export const institutionSites = pgTable(
  "case_institution_sites",
  {
    networkId: uuid("network_id").notNull(),
    institutionId: uuid("institution_id").notNull(),
    siteId: uuid("site_id").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.institutionId, t.siteId] }),
    foreignKey({ columns: [t.networkId, t.institutionId], foreignColumns: [institutions.networkId, institutions.id] }),
    foreignKey({ columns: [t.networkId, t.siteId], foreignColumns: [sites.networkId, sites.id] }),
  ],
);

export const staff = pgTable(
  "case_staff",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    networkId: uuid("network_id")
      .notNull()
      .references(() => networks.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    institutionId: uuid("institution_id").notNull(),
    siteId: uuid("site_id"),
    role: text("role", { enum: CASE_ROLES }).notNull(),
    active: boolean("active").notNull().default(true),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    unique().on(t.networkId, t.id),
    foreignKey({ columns: [t.networkId, t.institutionId], foreignColumns: [institutions.networkId, institutions.id] }),
    foreignKey({ columns: [t.networkId, t.siteId], foreignColumns: [sites.networkId, sites.id] }),
  ],
);

export const households = pgTable("case_households", {
  id: uuid("id").primaryKey().defaultRandom(),
  networkId: uuid("network_id").notNull(),
  ownerInstitutionId: uuid("owner_institution_id").notNull(),
  createdAt: ts("created_at").notNull().defaultNow(),
});

export const clients = pgTable("case_clients", {
  id: uuid("id").primaryKey().defaultRandom(),
  networkId: uuid("network_id").notNull(),
  pseudonym: text("pseudonym").notNull(),
  householdId: uuid("household_id"),
  ownerInstitutionId: uuid("owner_institution_id").notNull(),
  siteId: uuid("site_id").notNull(),
  statusGroup: text("status_group", { enum: STATUS_GROUPS }).notNull().default("unknown"),
  intakeDate: d("intake_date").notNull(),
  firstOfferDate: d("first_offer_date"),
  state: text("state", { enum: ["active", "closed", "anonymised"] })
    .notNull()
    .default("active"),
  closedOn: d("closed_on"),
  anonymisedAt: ts("anonymised_at"),
  birthMonth: text("birth_month"),
  postcodePrefix: text("postcode_prefix"),
  createdAt: ts("created_at").notNull().defaultNow(),
});

export const clientData = pgTable(
  "case_client_data",
  {
    clientId: uuid("client_id").notNull(),
    networkId: uuid("network_id").notNull(),
    category: text("category", { enum: CATEGORIES }).notNull(),
    ciphertext: bytea("ciphertext").notNull(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
    updatedBy: uuid("updated_by"),
  },
  (t) => [primaryKey({ columns: [t.clientId, t.category] })],
);

export const consents = pgTable("case_consents", {
  id: uuid("id").primaryKey().defaultRandom(),
  networkId: uuid("network_id").notNull(),
  clientId: uuid("client_id").notNull(),
  version: integer("version").notNull(),
  purpose: text("purpose").notNull(),
  categories: text("categories").array().notNull().$type<Category[]>(),
  recipients: uuid("recipients").array().notNull(),
  language: text("language").notNull(),
  interpreter: text("interpreter").notNull(),
  signedBy: text("signed_by", { enum: ["client", "guardian"] }).notNull(),
  givenOn: d("given_on").notNull(),
  validUntil: d("valid_until").notNull(),
  recordedBy: uuid("recorded_by").notNull(),
  recordedAt: ts("recorded_at").notNull().defaultNow(),
  supersededAt: ts("superseded_at"),
  revokedAt: ts("revoked_at"),
  revokedBy: uuid("revoked_by"),
});

export const legalBases = pgTable("case_legal_bases", {
  id: uuid("id").primaryKey().defaultRandom(),
  networkId: uuid("network_id").notNull(),
  clientId: uuid("client_id").notNull(),
  recipientId: uuid("recipient_id").notNull(),
  categories: text("categories").array().notNull().$type<Category[]>(),
  legalBasis: text("legal_basis").notNull(),
  requestedBy: uuid("requested_by").notNull(),
  requestedAt: ts("requested_at").notNull().defaultNow(),
  approvedBy: uuid("approved_by"),
  approvedAt: ts("approved_at"),
  validUntil: d("valid_until").notNull(),
  revokedAt: ts("revoked_at"),
  revokedBy: uuid("revoked_by"),
});

export const accessEvents = pgTable("case_access_events", {
  id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
  networkId: uuid("network_id").notNull(),
  at: ts("at").notNull().defaultNow(),
  staffId: uuid("staff_id"),
  clientId: uuid("client_id").notNull(),
  categories: text("categories").array().notNull().$type<Category[]>(),
  action: text("action", { enum: ACCESS_ACTIONS }).notNull(),
  reason: text("reason", { enum: ACCESS_REASONS }).notNull(),
});
