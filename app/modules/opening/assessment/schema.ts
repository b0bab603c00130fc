import { boolean, date, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { organisations, tenantKey, tenantReference } from "~/kernel/db/schema";
import { conceptMeasures } from "~/modules/concept";
import { CATALOGUE_KINDS, PHASES } from "./catalogues";

// Mirrors migrations/0700_opening_assessment.sql (the SQL is the source of truth; the composite
// tenant references are made there by tenant_safe_references()).
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });
const d = (name: string) => date(name, { mode: "string" });

export const RATINGS = ["met", "partly", "not_met", "not_applicable"] as const;
export type Rating = (typeof RATINGS)[number];
export const ACTION_STATUSES = ["planned", "in_progress", "done", "dropped"] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export const catalogues = pgTable(
  "opening_catalogues",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id").notNull(),
    key: text("key").notNull(),
    kind: text("kind", { enum: CATALOGUE_KINDS }).notNull(),
    phase: text("phase", { enum: PHASES }),
    title: text("title").notNull(),
    heading: text("heading"),
    headingLine: integer("heading_line"),
    source: text("source").notNull(),
    builtin: boolean("builtin").notNull().default(false),
    position: integer("position").notNull().default(0),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [tenantKey("opening_catalogues", t)],
);

export const catalogueItems = pgTable(
  "opening_catalogue_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id").notNull(),
    catalogueId: uuid("catalogue_id").notNull(),
    code: text("code").notNull(),
    text: text("text").notNull(),
    detail: text("detail"),
    lineFrom: integer("line_from"),
    lineTo: integer("line_to"),
    position: integer("position").notNull(),
  },
  (t) => [
    tenantKey("opening_catalogue_items", t),
    tenantReference("opening_catalogue_items_catalogue_id_fkey", t, t.catalogueId, catalogues).onDelete("cascade"),
  ],
);

export const assessments = pgTable(
  "opening_assessments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id").notNull(),
    organisationId: uuid("organisation_id").notNull(),
    unit: text("unit").notNull().default(""),
    catalogueId: uuid("catalogue_id").notNull(),
    year: integer("year").notNull(),
    phase: text("phase", { enum: PHASES }).notNull().default("leitbild"),
    mission: text("mission"),
    completedOn: d("completed_on"),
    isDemo: boolean("is_demo").notNull().default(false),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    tenantKey("opening_assessments", t),
    tenantReference("opening_assessments_organisation_id_fkey", t, t.organisationId, organisations).onDelete(
      "restrict",
    ),
    tenantReference("opening_assessments_catalogue_id_fkey", t, t.catalogueId, catalogues).onDelete("restrict"),
  ],
);

export const ratings = pgTable(
  "opening_ratings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id").notNull(),
    assessmentId: uuid("assessment_id").notNull(),
    itemId: uuid("item_id").notNull(),
    rating: text("rating", { enum: RATINGS }).notNull(),
    evidence: text("evidence"),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    tenantKey("opening_ratings", t),
    tenantReference("opening_ratings_assessment_id_fkey", t, t.assessmentId, assessments).onDelete("cascade"),
    tenantReference("opening_ratings_item_id_fkey", t, t.itemId, catalogueItems).onDelete("restrict"),
  ],
);

export const answers = pgTable(
  "opening_answers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id").notNull(),
    assessmentId: uuid("assessment_id").notNull(),
    itemId: uuid("item_id").notNull(),
    answer: text("answer"),
    checked: boolean("checked").notNull().default(false),
  },
  (t) => [
    tenantKey("opening_answers", t),
    tenantReference("opening_answers_assessment_id_fkey", t, t.assessmentId, assessments).onDelete("cascade"),
    tenantReference("opening_answers_item_id_fkey", t, t.itemId, catalogueItems).onDelete("restrict"),
  ],
);

export const workshopNotes = pgTable(
  "opening_workshop_notes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id").notNull(),
    assessmentId: uuid("assessment_id").notNull(),
    itemId: uuid("item_id").notNull(),
    note: text("note").notNull(),
  },
  (t) => [
    tenantKey("opening_workshop_notes", t),
    tenantReference("opening_workshop_notes_assessment_id_fkey", t, t.assessmentId, assessments).onDelete("cascade"),
    tenantReference("opening_workshop_notes_item_id_fkey", t, t.itemId, catalogueItems).onDelete("restrict"),
  ],
);

export const actions = pgTable(
  "opening_actions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id").notNull(),
    assessmentId: uuid("assessment_id").notNull(),
    title: text("title").notNull(),
    owner: text("owner").notNull(),
    itemId: uuid("item_id"),
    conceptMeasureId: uuid("concept_measure_id"),
    status: text("status", { enum: ACTION_STATUSES }).notNull().default("planned"),
    position: integer("position").notNull().default(0),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    tenantKey("opening_actions", t),
    tenantReference("opening_actions_assessment_id_fkey", t, t.assessmentId, assessments).onDelete("cascade"),
    tenantReference("opening_actions_item_id_fkey", t, t.itemId, catalogueItems).onDelete("set null"),
    tenantReference("opening_actions_concept_measure_id_fkey", t, t.conceptMeasureId, conceptMeasures).onDelete(
      "set null",
    ),
  ],
);

export const actionMilestones = pgTable(
  "opening_action_milestones",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id").notNull(),
    actionId: uuid("action_id").notNull(),
    title: text("title").notNull(),
    dueOn: d("due_on").notNull(),
    doneOn: d("done_on"),
  },
  (t) => [
    tenantKey("opening_action_milestones", t),
    tenantReference("opening_action_milestones_action_id_fkey", t, t.actionId, actions).onDelete("cascade"),
  ],
);
