import { boolean, date, integer, pgTable, primaryKey, smallint, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { tenantKey, tenantReference } from "~/kernel/db/schema";

// Mirrors migrations/0762_opening_trainings.sql (the SQL is the source of truth).
export const courses = pgTable(
  "opening_training_courses",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id").notNull(),
    title: text("title").notNull(),
    description: text("description"),
    targetGroups: text("target_groups").array().notNull().default([]),
    mandatory: boolean("mandatory").notNull().default(false),
    isDemo: boolean("is_demo").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [tenantKey("opening_training_courses", t)],
);

export const sessions = pgTable(
  "opening_training_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id").notNull(),
    courseId: uuid("course_id").notNull(),
    heldOn: date("held_on", { mode: "string" }).notNull(),
    place: text("place").notNull(),
    evalCode: text("eval_code").notNull(),
    evalOpen: boolean("eval_open").notNull().default(true),
  },
  (t) => [
    tenantKey("opening_training_sessions", t),
    tenantReference("opening_training_sessions_course_id_fkey", t, t.courseId, courses).onDelete("cascade"),
  ],
);

export const participants = pgTable(
  "opening_training_participants",
  {
    tenantId: uuid("tenant_id").notNull(),
    sessionId: uuid("session_id").notNull(),
    unit: text("unit").notNull(),
    participants: integer("participants").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.sessionId, t.unit] }),
    tenantReference("opening_training_participants_session_id_fkey", t, t.sessionId, sessions).onDelete("cascade"),
  ],
);

export const evaluations = pgTable(
  "opening_training_evaluations",
  {
    tenantId: uuid("tenant_id").notNull(),
    sessionId: uuid("session_id").notNull(),
    question: text("question").notNull(),
    mark: smallint("mark").notNull(),
  },
  (t) => [
    tenantReference("opening_training_evaluations_session_id_fkey", t, t.sessionId, sessions).onDelete("cascade"),
  ],
);
