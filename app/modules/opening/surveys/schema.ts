import { boolean, date, integer, numeric, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { bytea, organisations, tenantKey, tenantReference } from "~/kernel/db/schema";

// Mirrors migrations/0720_opening_surveys.sql (the SQL is the source of truth; the services query
// with SQL, these declarations serve the tenant-reference and anonymity tests).
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });
const d = (name: string) => date(name, { mode: "string" });

export const openingSettings = pgTable("opening_settings", {
  tenantId: uuid("tenant_id").primaryKey(),
  surveyK: integer("survey_k").notNull().default(10),
});

export const openingSurveys = pgTable(
  "opening_surveys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id").notNull(),
    organisationId: uuid("organisation_id"),
    kind: text("kind").notNull(),
    title: text("title").notNull(),
    opensOn: d("opens_on").notNull(),
    closesOn: d("closes_on").notNull(),
    periodLabel: text("period_label").notNull(),
    mode: text("mode").notNull(),
    rolling: boolean("rolling").notNull().default(false),
    headcount: integer("headcount").notNull(),
    councilAgreedOn: d("council_agreed_on"),
    councilReference: text("council_reference"),
    benchmarkShare: numeric("benchmark_share"),
    benchmarkSource: text("benchmark_source"),
    status: text("status").notNull().default("draft"),
    isDemo: boolean("is_demo").notNull().default(false),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    tenantKey("opening_surveys", t),
    tenantReference("opening_surveys_organisation_id_fkey", t, t.organisationId, organisations).onDelete("restrict"),
  ],
);

export const openingSurveyUnits = pgTable(
  "opening_survey_units",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id").notNull(),
    surveyId: uuid("survey_id").notNull(),
    parentId: uuid("parent_id"),
    name: text("name").notNull(),
    position: integer("position").notNull().default(0),
  },
  (t) => [
    tenantKey("opening_survey_units", t),
    tenantReference("opening_survey_units_survey_id_fkey", t, t.surveyId, openingSurveys).onDelete("cascade"),
    tenantReference("opening_survey_units_parent_id_fkey", t, t.parentId, t).onDelete("cascade"),
  ],
);

export const openingSurveyCodes = pgTable(
  "opening_survey_codes",
  {
    tenantId: uuid("tenant_id").notNull(),
    surveyId: uuid("survey_id").notNull(),
    codeHash: bytea("code_hash").primaryKey(),
  },
  (t) => [tenantReference("opening_survey_codes_survey_id_fkey", t, t.surveyId, openingSurveys).onDelete("cascade")],
);

export const openingSurveyReleases = pgTable(
  "opening_survey_releases",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id").notNull(),
    surveyId: uuid("survey_id").notNull(),
    releasedOn: d("released_on").notNull(),
    answers: integer("answers").notNull(),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    tenantKey("opening_survey_releases", t),
    tenantReference("opening_survey_releases_survey_id_fkey", t, t.surveyId, openingSurveys).onDelete("cascade"),
  ],
);

export const openingSurveyAnswers = pgTable(
  "opening_survey_answers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id").notNull(),
    surveyId: uuid("survey_id").notNull(),
    periodLabel: text("period_label").notNull(),
    migration: text("migration").notNull(),
    languages: text("languages").array().notNull().default([]),
    unitId: uuid("unit_id"),
    releaseId: uuid("release_id"),
    isDemo: boolean("is_demo").notNull().default(false),
  },
  (t) => [
    tenantReference("opening_survey_answers_survey_id_fkey", t, t.surveyId, openingSurveys).onDelete("cascade"),
    tenantReference("opening_survey_answers_unit_id_fkey", t, t.unitId, openingSurveyUnits).onDelete("set null"),
    tenantReference("opening_survey_answers_release_id_fkey", t, t.releaseId, openingSurveyReleases).onDelete(
      "set null",
    ),
  ],
);

export const openingShareSeries = pgTable(
  "opening_share_series",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id").notNull(),
    organisationId: uuid("organisation_id"),
    year: integer("year").notNull(),
    state: text("state").notNull(),
    share: numeric("share"),
    source: text("source"),
    reason: text("reason"),
    surveyId: uuid("survey_id"),
    isDemo: boolean("is_demo").notNull().default(false),
  },
  (t) => [
    tenantReference("opening_share_series_organisation_id_fkey", t, t.organisationId, organisations).onDelete(
      "cascade",
    ),
    tenantReference("opening_share_series_survey_id_fkey", t, t.surveyId, openingSurveys).onDelete("set null"),
  ],
);

export const openingShareBenchmarks = pgTable(
  "opening_share_benchmarks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id").notNull(),
    organisationId: uuid("organisation_id"),
    kind: text("kind").notNull(),
    share: numeric("share").notNull(),
    source: text("source").notNull(),
  },
  (t) => [
    tenantReference("opening_share_benchmarks_organisation_id_fkey", t, t.organisationId, organisations).onDelete(
      "cascade",
    ),
  ],
);
