import {
  bigint,
  boolean,
  doublePrecision,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { bytea, tenantKey, tenantReference, tenants } from "~/kernel/db/schema";
import { taxonomyTerms } from "~/kernel/taxonomy/schema";

// Drizzle mirror of migrations/0200_monitoring.sql (and the later ones).

export const monSettings = pgTable("mon_settings", {
  tenantId: uuid("tenant_id")
    .primaryKey()
    .references(() => tenants.id),
  // disclosure_threshold moved to tenants (kernel 0015, monitoring 0211).
});

export const monAreas = pgTable(
  "mon_areas",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id),
    level: text("level").notNull(),
    key: text("key").notNull(),
    name: text("name").notNull(),
    parentId: uuid("parent_id"),
    geometry: jsonb("geometry"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    tenantKey("mon_areas", t),
    tenantReference("mon_areas_parent_id_fkey", t, t.parentId, t).onDelete("set null"),
  ],
);

export const monIndicators = pgTable(
  "mon_indicators",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id),
    code: text("code").notNull(),
    name: text("name").notNull(),
    description: text("description"),
    definition: text("definition"),
    /** The indicator's Handlungsfeld: a term of the tenant's taxonomy (migration 0207, decision 0037). */
    fieldId: uuid("field_id").notNull(),
    dimension: text("dimension").notNull(),
    unit: text("unit").notNull(),
    isCount: boolean("is_count").notNull().default(false),
    source: text("source"),
    periodicity: text("periodicity").notNull().default("jaehrlich"),
    coreSet: boolean("core_set").notNull().default(false),
    isPublic: boolean("is_public").notNull().default(true),
    derivation: jsonb("derivation"),
    targetValue: doublePrecision("target_value"),
    targetDirection: text("target_direction"),
    targetYear: integer("target_year"),
    targetParity: boolean("target_parity").notNull().default(false),
    baseIndicator: text("base_indicator"),
    minBase: integer("min_base"),
    groupPartitions: jsonb("group_partitions"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [tenantKey("mon_indicators", t), tenantReference("mon_indicators_field_id_fkey", t, t.fieldId, taxonomyTerms)],
);

export const monImportProfiles = pgTable("mon_import_profiles", {
  id: uuid("id").primaryKey().defaultRandom(),
  tenantId: uuid("tenant_id")
    .notNull()
    .references(() => tenants.id),
  name: text("name").notNull(),
  profile: jsonb("profile").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const monImports = pgTable(
  "mon_imports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id),
    kind: text("kind").notNull(),
    fileName: text("file_name").notNull(),
    fileHash: text("file_hash").notNull(),
    profileName: text("profile_name"),
    actorLabel: text("actor_label").notNull(),
    actorId: uuid("actor_id"),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    rowsRead: integer("rows_read").notNull().default(0),
    inserted: integer("inserted").notNull().default(0),
    updated: integer("updated").notNull().default(0),
    unchanged: integer("unchanged").notNull().default(0),
    skipped: integer("skipped").notNull().default(0),
    rolledBackAt: timestamp("rolled_back_at", { withTimezone: true }),
    /** Order of the imports (migration 0210): the latest remaining import's values win after a rollback. */
    seq: bigint("seq", { mode: "number" }).generatedAlwaysAsIdentity(),
    /** Every row the import skipped, with its number and reason (issue 14: nothing skipped silently). */
    skippedRows: jsonb("skipped_rows").notNull().default([]),
    rolledBackBy: uuid("rolled_back_by"),
    rolledBackByLabel: text("rolled_back_by_label"),
  },
  (t) => [tenantKey("mon_imports", t)],
);

export const monObservations = pgTable(
  "mon_observations",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id),
    indicatorId: uuid("indicator_id").notNull(),
    areaId: uuid("area_id").notNull(),
    period: text("period").notNull(),
    groupCode: text("group_code").notNull().default("gesamt"),
    /** null: not collected ("nicht erhoben"). */
    value: doublePrecision("value"),
    numerator: doublePrecision("numerator"),
    denominator: doublePrecision("denominator"),
    isEstimate: boolean("is_estimate").notNull().default(false),
    rangeLow: doublePrecision("range_low"),
    rangeHigh: doublePrecision("range_high"),
    source: text("source"),
    footnote: text("footnote"),
    /** The source's statistical symbol (".", "x", "…", "/", "()"; migration 0210), null for a plain value. */
    symbol: text("symbol"),
    importId: uuid("import_id"),
  },
  (t) => [
    tenantReference("mon_observations_indicator_id_fkey", t, t.indicatorId, monIndicators).onDelete("cascade"),
    tenantReference("mon_observations_area_id_fkey", t, t.areaId, monAreas).onDelete("cascade"),
    tenantReference("mon_observations_import_id_fkey", t, t.importId, monImports).onDelete("set null"),
  ],
);

export const monUploads = pgTable(
  "mon_uploads",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id),
    fileName: text("file_name").notNull(),
    content: bytea("content").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [tenantKey("mon_uploads", t)],
);

/** A staged upload parsed for one read format: seq 0 describes the table, seq 1… hold row chunks (JSON). */
export const monUploadParts = pgTable(
  "mon_upload_parts",
  {
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id),
    uploadId: uuid("upload_id").notNull(),
    formatKey: text("format_key").notNull(),
    seq: integer("seq").notNull(),
    data: text("data").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.uploadId, t.formatKey, t.seq] }),
    tenantReference("mon_upload_parts_upload_id_fkey", t, t.uploadId, monUploads).onDelete("cascade"),
  ],
);

/** A value as an import left or said it: the columns the history and the import values share. */
const importedValue = () => ({
  tenantId: uuid("tenant_id").notNull(),
  importId: uuid("import_id").notNull(),
  indicatorId: uuid("indicator_id").notNull(),
  areaId: uuid("area_id").notNull(),
  period: text("period").notNull(),
  groupCode: text("group_code").notNull(),
  value: doublePrecision("value"),
  numerator: doublePrecision("numerator"),
  denominator: doublePrecision("denominator"),
  isEstimate: boolean("is_estimate").notNull(),
  rangeLow: doublePrecision("range_low"),
  rangeHigh: doublePrecision("range_high"),
  source: text("source"),
  footnote: text("footnote"),
  symbol: text("symbol"),
});

/** What an import overwrote (restored when it is rolled back). */
export const monObservationHistory = pgTable(
  "mon_observation_history",
  {
    id: bigint("id", { mode: "number" }).primaryKey(),
    ...importedValue(),
    previousImportId: uuid("previous_import_id"),
  },
  (t) => [tenantReference("mon_observation_history_import_id_fkey", t, t.importId, monImports).onDelete("cascade")],
);

/** What each import said about every value it read, also the unchanged ones (migration 0210): rollback restores from it. */
export const monImportValues = pgTable(
  "mon_import_values",
  {
    ...importedValue(),
  },
  (t) => [
    primaryKey({ columns: [t.importId, t.indicatorId, t.areaId, t.period, t.groupCode] }),
    tenantReference("mon_import_values_import_id_fkey", t, t.importId, monImports).onDelete("cascade"),
  ],
);
