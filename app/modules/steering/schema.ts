import { date, doublePrecision, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { bytea } from "~/kernel/db/schema";
import { TARGET_DIRECTIONS, TARGET_KINDS } from "~/kernel/evidence";

// Mirrors migrations/0600_steering.sql (the SQL is the source of truth, with the foreign keys into
// the concept's goals and measures and the monitoring's indicators and areas, all tenant-safe).
export const goalTargets = pgTable("steering_goal_targets", {
  id: uuid("id").primaryKey().defaultRandom(),
  tenantId: uuid("tenant_id").notNull(),
  goalId: uuid("goal_id").notNull(),
  indicatorId: uuid("indicator_id").notNull(),
  areaId: uuid("area_id"),
  groupCode: text("group_code").notNull().default("gesamt"),
  kind: text("kind", { enum: TARGET_KINDS }).notNull(),
  targetValue: doublePrecision("target_value"),
  direction: text("direction", { enum: TARGET_DIRECTIONS }).notNull(),
  targetYear: integer("target_year"),
  compareGroup: text("compare_group"),
  baseYear: integer("base_year"),
  note: text("note"),
  exampleNote: text("example_note"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const measureIndicators = pgTable(
  "steering_measure_indicators",
  {
    tenantId: uuid("tenant_id").notNull(),
    measureId: uuid("measure_id").notNull(),
    indicatorId: uuid("indicator_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.measureId, t.indicatorId] })],
);

export const measureAreas = pgTable(
  "steering_measure_areas",
  {
    tenantId: uuid("tenant_id").notNull(),
    measureId: uuid("measure_id").notNull(),
    areaId: uuid("area_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.measureId, t.areaId] })],
);

// migrations/0601_steering_council_reports.sql: the reports to the council with the files that went out.
export const councilReports = pgTable("steering_council_reports", {
  id: uuid("id").primaryKey().defaultRandom(),
  tenantId: uuid("tenant_id").notNull(),
  paperId: uuid("paper_id"),
  paperNumber: text("paper_number").notNull(),
  editionId: uuid("edition_id"),
  editionTitle: text("edition_title").notNull(),
  periodFrom: date("period_from").notNull(),
  periodTo: date("period_to").notNull(),
  leitziele: jsonb("leitziele").notNull(),
  createdBy: uuid("created_by"),
  createdByLabel: text("created_by_label").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  docx: bytea("docx").notNull(),
  pdf: bytea("pdf").notNull(),
});
