import { boolean, date, integer, numeric, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { organisations, tenantKey, tenantReference } from "~/kernel/db/schema";
import { taxonomyTerms } from "~/kernel/taxonomy/schema";
import { bodyPapers } from "~/modules/bodies";

// Mirrors migrations/0100_concept.sql (the SQL is the source of truth).
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });
const d = (name: string) => date(name, { mode: "string" });

import { EDITION_STATUSES, MEASURE_STATUSES } from "./constants";
export { EDITION_STATUSES, MEASURE_STATUSES };
export const UPDATE_STATUSES = ["eingereicht", "veroeffentlicht", "abgelehnt"] as const;

export const conceptSettings = pgTable("concept_settings", {
  tenantId: uuid("tenant_id").primaryKey(),
  threeYearRule: boolean("three_year_rule").notNull().default(false),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

// The Handlungsfelder are the kernel's taxonomy terms of kind "handlungsfeld" (migration 0105, decision 0037).
const handlungsfelder = taxonomyTerms;

export const editions = pgTable(
  "concept_editions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id").notNull(),
    title: text("title").notNull(),
    status: text("status", { enum: EDITION_STATUSES }).notNull().default("entwurf"),
    adoptedOn: d("adopted_on"),
    adoptedBy: text("adopted_by"),
    haltungTitle: text("haltung_title"),
    haltung: text("haltung"),
    exampleNote: text("example_note"),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
    /** The edition this one was copied from (Fortschreibung, migration 0104). */
    sourceEditionId: uuid("source_edition_id"),
    /** The adopted edition this one superseded when it was adopted. */
    replacesEditionId: uuid("replaces_edition_id"),
    /** The bodies paper whose recorded decision adopted it (no key: bodies' tables come later; decision 0035). */
    adoptedPaperId: uuid("adopted_paper_id"),
  },
  (t) => [
    tenantKey("concept_editions", t),
    tenantReference("concept_editions_source_edition_id_fkey", t, t.sourceEditionId, t).onDelete("set null"),
    tenantReference("concept_editions_replaces_edition_id_fkey", t, t.replacesEditionId, t).onDelete("set null"),
  ],
);

export const goals = pgTable(
  "concept_goals",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id").notNull(),
    editionId: uuid("edition_id").notNull(),
    parentId: uuid("parent_id"),
    kind: text("kind", { enum: ["themenfeld", "leitziel", "teilziel"] }).notNull(),
    number: text("number").notNull(),
    title: text("title").notNull(),
    description: text("description"),
    position: integer("position").notNull().default(0),
  },
  (t) => [
    tenantKey("concept_goals", t),
    tenantReference("concept_goals_edition_id_fkey", t, t.editionId, editions).onDelete("cascade"),
    tenantReference("concept_goals_parent_id_fkey", t, t.parentId, t).onDelete("cascade"),
  ],
);

export const goalHandlungsfelder = pgTable(
  "concept_goal_handlungsfelder",
  {
    tenantId: uuid("tenant_id").notNull(),
    goalId: uuid("goal_id").notNull(),
    handlungsfeldId: uuid("handlungsfeld_id").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.goalId, t.handlungsfeldId] }),
    tenantReference("concept_goal_handlungsfelder_goal_id_fkey", t, t.goalId, goals).onDelete("cascade"),
    tenantReference(
      "concept_goal_handlungsfelder_handlungsfeld_id_fkey",
      t,
      t.handlungsfeldId,
      handlungsfelder,
    ).onDelete("cascade"),
  ],
);

export const measures = pgTable(
  "concept_measures",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id").notNull(),
    editionId: uuid("edition_id").notNull(),
    code: text("code").notNull(),
    title: text("title").notNull(),
    description: text("description"),
    targetGroups: text("target_groups"),
    startsOn: d("starts_on"),
    endsOn: d("ends_on"),
    quantitativeTarget: text("quantitative_target"),
    budget: numeric("budget", { precision: 14, scale: 2 }),
    status: text("status", { enum: MEASURE_STATUSES }).notNull().default("vorgeschlagen"),
    progress: integer("progress").notNull().default(0),
    internalNote: text("internal_note"),
    exampleNote: text("example_note"),
    position: integer("position").notNull().default(0),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
    /** The measure of the earlier edition this one continues (migration 0104). */
    predecessorId: uuid("predecessor_id"),
  },
  (t) => [
    tenantKey("concept_measures", t),
    tenantReference("concept_measures_edition_id_fkey", t, t.editionId, editions).onDelete("cascade"),
    tenantReference("concept_measures_predecessor_id_fkey", t, t.predecessorId, t).onDelete("set null"),
  ],
);

/** A measure of the source edition that a new edition does not continue, ended with a reason (0104). */
export const measureEndings = pgTable(
  "concept_measure_endings",
  {
    tenantId: uuid("tenant_id").notNull(),
    editionId: uuid("edition_id").notNull(),
    measureId: uuid("measure_id").notNull(),
    reason: text("reason").notNull(),
    endedOn: d("ended_on").notNull(),
    actorId: uuid("actor_id"),
    actorLabel: text("actor_label").notNull(),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.editionId, t.measureId] }),
    tenantReference("concept_measure_endings_edition_id_fkey", t, t.editionId, editions).onDelete("cascade"),
    tenantReference("concept_measure_endings_measure_id_fkey", t, t.measureId, measures).onDelete("cascade"),
  ],
);

export const measureGoals = pgTable(
  "concept_measure_goals",
  {
    tenantId: uuid("tenant_id").notNull(),
    measureId: uuid("measure_id").notNull(),
    goalId: uuid("goal_id").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.measureId, t.goalId] }),
    tenantReference("concept_measure_goals_measure_id_fkey", t, t.measureId, measures).onDelete("cascade"),
    tenantReference("concept_measure_goals_goal_id_fkey", t, t.goalId, goals).onDelete("cascade"),
  ],
);

export const measureHandlungsfelder = pgTable(
  "concept_measure_handlungsfelder",
  {
    tenantId: uuid("tenant_id").notNull(),
    measureId: uuid("measure_id").notNull(),
    handlungsfeldId: uuid("handlungsfeld_id").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.measureId, t.handlungsfeldId] }),
    tenantReference("concept_measure_handlungsfelder_measure_id_fkey", t, t.measureId, measures).onDelete("cascade"),
    tenantReference(
      "concept_measure_handlungsfelder_handlungsfeld_id_fkey",
      t,
      t.handlungsfeldId,
      handlungsfelder,
    ).onDelete("cascade"),
  ],
);

export const measureOrganisations = pgTable(
  "concept_measure_organisations",
  {
    tenantId: uuid("tenant_id").notNull(),
    measureId: uuid("measure_id").notNull(),
    organisationId: uuid("organisation_id").notNull(),
    role: text("role", { enum: ["lead", "partner"] }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.measureId, t.organisationId] }),
    tenantReference("concept_measure_organisations_measure_id_fkey", t, t.measureId, measures).onDelete("cascade"),
    tenantReference("concept_measure_organisations_organisation_id_fkey", t, t.organisationId, organisations).onDelete(
      "cascade",
    ),
  ],
);

export const milestones = pgTable(
  "concept_milestones",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id").notNull(),
    measureId: uuid("measure_id").notNull(),
    title: text("title").notNull(),
    dueOn: d("due_on").notNull(),
    doneOn: d("done_on"),
    /** Given up on that day (migration 0106); a cancelled milestone is neither open nor overdue. */
    cancelledOn: d("cancelled_on"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [tenantReference("concept_milestones_measure_id_fkey", t, t.measureId, measures).onDelete("cascade")],
);

export const updates = pgTable(
  "concept_updates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id").notNull(),
    measureId: uuid("measure_id").notNull(),
    reportedOn: d("reported_on").notNull(),
    body: text("body").notNull(),
    progress: integer("progress"),
    status: text("status", { enum: UPDATE_STATUSES }).notNull().default("eingereicht"),
    authorId: uuid("author_id"),
    authorLabel: text("author_label").notNull(),
    organisationId: uuid("organisation_id"),
    reviewNote: text("review_note"),
    reviewedBy: text("reviewed_by"),
    reviewedAt: ts("reviewed_at"),
    isExample: boolean("is_example").notNull().default(false),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    tenantReference("concept_updates_measure_id_fkey", t, t.measureId, measures).onDelete("cascade"),
    tenantReference("concept_updates_organisation_id_fkey", t, t.organisationId, organisations).onDelete("set null"),
  ],
);

export const statusChanges = pgTable(
  "concept_status_changes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id").notNull(),
    measureId: uuid("measure_id").notNull(),
    fromStatus: text("from_status"),
    toStatus: text("to_status").notNull(),
    changedOn: d("changed_on").notNull(),
    actorId: uuid("actor_id"),
    actorLabel: text("actor_label").notNull(),
    reason: text("reason").notNull(),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [tenantReference("concept_status_changes_measure_id_fkey", t, t.measureId, measures).onDelete("cascade")],
);

// The link of measures to papers (Vorlagen): the papers are the bodies module's (migration 0510
// moved them there with their ids; decision 0024).
export const measurePapers = pgTable(
  "concept_measure_papers",
  {
    tenantId: uuid("tenant_id").notNull(),
    paperId: uuid("paper_id").notNull(),
    measureId: uuid("measure_id").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.paperId, t.measureId] }),
    tenantReference("concept_measure_papers_paper_id_fkey", t, t.paperId, bodyPapers).onDelete("cascade"),
    tenantReference("concept_measure_papers_measure_id_fkey", t, t.measureId, measures).onDelete("cascade"),
  ],
);

export const priorities = pgTable("concept_priorities", {
  id: uuid("id").primaryKey().defaultRandom(),
  tenantId: uuid("tenant_id").notNull(),
  periodFrom: integer("period_from").notNull(),
  periodTo: integer("period_to").notNull(),
  title: text("title").notNull(),
  description: text("description"),
  exampleNote: text("example_note"),
});

/** A checked import file awaiting confirmation: its parsed rows as JSON (migration 0102). */
export const importStaged = pgTable("concept_import_staged", {
  id: uuid("id").primaryKey().defaultRandom(),
  tenantId: uuid("tenant_id").notNull(),
  fileName: text("file_name").notNull(),
  parsed: text("parsed").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
