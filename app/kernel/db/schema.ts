import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  bigserial,
  boolean,
  customType,
  date,
  foreignKey,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { TENANT_KINDS } from "../tenancy/laender";

// Mirrors app/kernel/db/migrations/*.sql (the SQL is the source of truth; a test compares both).
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const tenants = pgTable("tenants", {
  id: uuid("id").primaryKey().defaultRandom(),
  slug: text("slug").notNull(),
  name: text("name").notNull(),
  kind: text("kind", { enum: TENANT_KINDS }).notNull(),
  ags: text("ags").notNull(),
  parentId: uuid("parent_id"),
  isPublic: boolean("is_public").notNull().default(true),
  settings: jsonb("settings").$type<Record<string, unknown>>().notNull().default({}),
  createdAt: ts("created_at").notNull().defaultNow(),
  // Every member must log in with a second factor (migration 0013).
  requireSecondFactor: boolean("require_second_factor").notNull().default(false),
  // Settings its administration edits (migration 0015, kernel/tenancy/settings.ts).
  contactOffice: text("contact_office"),
  contactAddress: text("contact_address"),
  contactEmail: text("contact_email"),
  contactPhone: text("contact_phone"),
  contactWeb: text("contact_web"),
  disclosureThreshold: integer("disclosure_threshold").notNull().default(3),
  publicLanguages: text("public_languages")
    .array()
    .notNull()
    .default(sql`ARRAY['de', 'en', 'ar', 'fa', 'tr', 'uk', 'ru', 'ls']`),
  logoEtag: text("logo_etag"),
});

export const users = pgTable("users", {
  id: uuid("id").primaryKey().defaultRandom(),
  email: text("email").notNull(),
  displayName: text("display_name").notNull(),
  passwordHash: text("password_hash"),
  isSuperadmin: boolean("is_superadmin").notNull().default(false),
  status: text("status", { enum: ["invited", "active", "deactivated"] })
    .notNull()
    .default("active"),
  locale: text("locale").notNull().default("de"),
  createdAt: ts("created_at").notNull().defaultNow(),
});

type TenantOwned = { tenantId: AnyPgColumn; id: AnyPgColumn };

/**
 * A reference into a tenant-owned table carries the tenant: (tenant_id, column) → (tenant_id, id), so
 * the database refuses another tenant's id (decision 0013). The SQL's ON DELETE SET NULL names its
 * column, which leaves tenant_id alone; Drizzle has no words for that and writes "set null".
 */
export const tenantReference = (name: string, t: { tenantId: AnyPgColumn }, column: AnyPgColumn, target: TenantOwned) =>
  foreignKey({ name, columns: [t.tenantId, column], foreignColumns: [target.tenantId, target.id] });

/** A binary column (stored files: uploads, generated reports), read and written as a Buffer. */
export const bytea = customType<{ data: Buffer }>({ dataType: () => "bytea" });

/** The UNIQUE (tenant_id, id) every tenant-owned table that is referenced has, for tenantReference. */
export const tenantKey = (table: string, t: TenantOwned) => unique(`${table}_tenant_id_id_key`).on(t.tenantId, t.id);

import { ORGANISATION_KINDS, ROLES } from "../roles";
export { ORGANISATION_KINDS, ROLES, type OrganisationKind, type Role } from "../roles";

export const organisations = pgTable(
  "organisations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id").notNull(),
    name: text("name").notNull(),
    kind: text("kind", { enum: ORGANISATION_KINDS }).notNull(),
    shortName: text("short_name"),
    website: text("website"),
    email: text("email"),
    phone: text("phone"),
    address: text("address"),
    description: text("description"),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [tenantKey("organisations", t)],
);

export const memberships = pgTable(
  "memberships",
  {
    tenantId: uuid("tenant_id").notNull(),
    userId: uuid("user_id").notNull(),
    role: text("role", { enum: ROLES }).notNull(),
    organisationId: uuid("organisation_id"),
    active: boolean("active").notNull().default(true),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.userId] }),
    tenantReference("memberships_organisation_id_fkey", t, t.organisationId, organisations),
  ],
);

export const sessions = pgTable("sessions", {
  idHash: text("id_hash").primaryKey(),
  userId: uuid("user_id").notNull(),
  createdAt: ts("created_at").notNull().defaultNow(),
  expiresAt: ts("expires_at").notNull(),
  lastSeenAt: ts("last_seen_at").notNull().defaultNow(),
  userAgent: text("user_agent"),
  // Second factor, idle limit and re-authentication (migration 0013, decision 0045).
  pending: boolean("pending").notNull().default(false),
  factorFailures: integer("factor_failures").notNull().default(0),
  secondFactorAt: ts("second_factor_at"),
  reauthAt: ts("reauth_at"),
  idleLimitMinutes: integer("idle_limit_minutes"),
  // Single sign-on (migration 0017, decision 0047).
  ssoTenantId: uuid("sso_tenant_id").references(() => tenants.id, { onDelete: "cascade" }),
  ssoLogoutUrl: text("sso_logout_url"),
});

/** A user's TOTP secret; only the system role reads it (migrate.ts SYSTEM_TABLES). */
export const secondFactors = pgTable("second_factors", {
  userId: uuid("user_id").primaryKey(),
  secret: text("secret").notNull(),
  enrolledAt: ts("enrolled_at"),
  lastStep: bigint("last_step", { mode: "number" }),
  createdAt: ts("created_at").notNull().defaultNow(),
});

export const recoveryCodes = pgTable(
  "recovery_codes",
  {
    userId: uuid("user_id").notNull(),
    codeHash: text("code_hash").notNull(),
    usedAt: ts("used_at"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.codeHash] })],
);

export const authTokens = pgTable("auth_tokens", {
  tokenHash: text("token_hash").primaryKey(),
  userId: uuid("user_id").notNull(),
  purpose: text("purpose", { enum: ["reset", "invite"] }).notNull(),
  expiresAt: ts("expires_at").notNull(),
  usedAt: ts("used_at"),
  createdAt: ts("created_at").notNull().defaultNow(),
});

export const loginAttempts = pgTable("login_attempts", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  email: text("email").notNull(),
  ip: text("ip").notNull(),
  // Whether the password was verified at all (login_claim() refuses the rest unverified).
  checked: boolean("checked").notNull(),
  // NULL while the password is being verified.
  success: boolean("success"),
  at: ts("at").notNull().defaultNow(),
});

export const outbox = pgTable("outbox", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  tenantId: uuid("tenant_id"),
  recipient: text("recipient").notNull(),
  subject: text("subject").notNull(),
  body: text("body").notNull(),
  createdAt: ts("created_at").notNull().defaultNow(),
  sentAt: ts("sent_at"),
  lastError: text("last_error"),
  attempts: integer("attempts").notNull().default(0),
  nextAttemptAt: ts("next_attempt_at").notNull().defaultNow(),
  claimedUntil: ts("claimed_until"),
  claimToken: uuid("claim_token"),
  failedAt: ts("failed_at"),
});

export const apiTokens = pgTable("api_tokens", {
  id: uuid("id").primaryKey().defaultRandom(),
  tenantId: uuid("tenant_id").notNull(),
  name: text("name").notNull(),
  tokenHash: text("token_hash").notNull(),
  canWrite: boolean("can_write").notNull().default(false),
  createdBy: uuid("created_by"),
  createdAt: ts("created_at").notNull().defaultNow(),
  lastUsedAt: ts("last_used_at"),
  revokedAt: ts("revoked_at"),
});

export const auditLog = pgTable("audit_log", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  tenantId: uuid("tenant_id"),
  actorId: uuid("actor_id"),
  actorLabel: text("actor_label").notNull(),
  at: ts("at").notNull(),
  action: text("action").notNull(),
  entity: text("entity").notNull(),
  entityId: text("entity_id"),
  before: jsonb("before"),
  after: jsonb("after"),
});

/** Background jobs (kernel/jobs): queued by a tenant transaction, claimed and run by any instance. */
export const jobs = pgTable("jobs", {
  id: uuid("id").primaryKey().defaultRandom(),
  tenantId: uuid("tenant_id").notNull(),
  kind: text("kind").notNull(),
  payload: jsonb("payload").notNull(),
  status: text("status", { enum: ["queued", "running", "done", "failed"] })
    .notNull()
    .default("queued"),
  phase: text("phase"),
  done: bigint("done", { mode: "number" }).notNull().default(0),
  total: bigint("total", { mode: "number" }).notNull().default(0),
  result: jsonb("result"),
  error: jsonb("error"),
  actorId: uuid("actor_id"),
  actorLabel: text("actor_label").notNull(),
  createdAt: ts("created_at").notNull().defaultNow(),
  startedAt: ts("started_at"),
  finishedAt: ts("finished_at"),
  claimToken: uuid("claim_token"),
  claimedUntil: ts("claimed_until"),
});

/** A periodic task's state (kernel/schedules, decision 0048); only the system role reads and writes it. */
export const schedules = pgTable("schedules", {
  name: text("name").primaryKey(),
  everySeconds: integer("every_seconds"),
  dailyAtHour: integer("daily_at_hour"),
  nextRunAt: ts("next_run_at").notNull(),
  lastStartedAt: ts("last_started_at"),
  lastFinishedAt: ts("last_finished_at"),
  lastResult: text("last_result", { enum: ["ok", "error"] }),
  lastMessage: text("last_message"),
  runningUntil: ts("running_until"),
  claimToken: uuid("claim_token"),
});

const legalColumns = () => ({
  body: text("body").notNull().default(""),
  conformity: text("conformity", { enum: ["full", "partial", "none"] }),
  barriers: text("barriers"),
  assessedOn: date("assessed_on", { mode: "string" }),
  feedbackEmail: text("feedback_email"),
  enforcementName: text("enforcement_name"),
  enforcementUrl: text("enforcement_url"),
  updatedAt: ts("updated_at").notNull().defaultNow(),
  updatedBy: uuid("updated_by").references(() => users.id, { onDelete: "set null" }),
});
const LEGAL_KIND_VALUES = ["impressum", "datenschutz", "barrierefreiheit"] as const;

/** Impressum, privacy notice and accessibility statement of a tenant (migration 0014). */
export const legalPages = pgTable(
  "legal_pages",
  {
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: LEGAL_KIND_VALUES }).notNull(),
    ...legalColumns(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.kind] })],
);

/** The platform operator's own legal pages (no tenant; written by platform administrators only). */
export const platformLegalPages = pgTable("platform_legal_pages", {
  kind: text("kind", { enum: LEGAL_KIND_VALUES }).primaryKey(),
  ...legalColumns(),
});

// Single sign-on with OpenID Connect (migration 0017, decision 0047).
const tenantIdColumn = () =>
  uuid("tenant_id")
    .notNull()
    .references(() => tenants.id, { onDelete: "cascade" });

/** A tenant's identity provider; the client secret lives in the environment variable named here. */
export const oidcConfigs = pgTable("oidc_configs", {
  tenantId: tenantIdColumn().primaryKey(),
  enabled: boolean("enabled").notNull().default(true),
  displayName: text("display_name").notNull(),
  issuer: text("issuer").notNull(),
  clientId: text("client_id").notNull(),
  clientSecretEnv: text("client_secret_env"),
  scopes: text("scopes").notNull().default("openid email profile"),
  roleClaim: text("role_claim").notNull().default("groups"),
  defaultRole: text("default_role", { enum: ROLES }),
  passwordLogin: boolean("password_login").notNull().default(true),
  updatedAt: ts("updated_at").notNull().defaultNow(),
  updatedBy: uuid("updated_by").references(() => users.id, { onDelete: "set null" }),
});

/** Claim value → role in the tenant. */
export const oidcRoleMappings = pgTable(
  "oidc_role_mappings",
  {
    tenantId: tenantIdColumn(),
    claimValue: text("claim_value").notNull(),
    role: text("role", { enum: ROLES }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.claimValue] })],
);

/** The account a provider's subject logs in as. */
export const oidcIdentities = pgTable(
  "oidc_identities",
  {
    tenantId: tenantIdColumn(),
    subject: text("subject").notNull(),
    issuer: text("issuer").notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: ts("created_at").notNull().defaultNow(),
    lastLoginAt: ts("last_login_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.subject] })],
);

/** A login on its way through the provider; only the system role reads it. */
export const oidcLogins = pgTable("oidc_logins", {
  stateHash: text("state_hash").primaryKey(),
  tenantId: tenantIdColumn(),
  browserHash: text("browser_hash").notNull(),
  codeVerifier: text("code_verifier").notNull(),
  nonce: text("nonce").notNull(),
  next: text("next"),
  expiresAt: ts("expires_at").notNull(),
});

// A tenant's logo (migration 0015).
export const tenantLogos = pgTable("tenant_logos", {
  tenantId: uuid("tenant_id")
    .primaryKey()
    .references(() => tenants.id),
  mime: text("mime").notNull(),
  bytes: bytea("bytes").notNull(),
  etag: text("etag").notNull(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
  updatedBy: uuid("updated_by"),
});
