import { boolean, date, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

// Mirrors migrations/0820_cases_eligibility.sql (the SQL is the source of truth: the non-overlap
// trigger, the read-only policies and the seeded versions are there). Global reference data: no
// tenant_id, law is the same for every municipality.

export const RULE_KINDS = ["country_list", "minimum_age", "entry_deadline"] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

export const STEP_GROUPS = [
  "language",
  "competence",
  "orientation",
  "practice",
  "training",
  "work",
  "recognition",
  "youth",
  "asylblg",
] as const;
export type StepGroup = (typeof STEP_GROUPS)[number];

// Kinds of institution that can be responsible for a step: the core's institution kinds.
import type { InstitutionKind } from "../core/schema";
export { INSTITUTION_KINDS, type InstitutionKind } from "../core/schema";

export const caseEligibilityRules = pgTable("case_eligibility_rules", {
  code: text("code").primaryKey(),
  kind: text("kind", { enum: RULE_KINDS }).notNull(),
  labelDe: text("label_de").notNull(),
  labelEn: text("label_en").notNull(),
  position: integer("position").notNull().default(0),
});

export const caseEligibilityRuleVersions = pgTable(
  "case_eligibility_rule_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ruleCode: text("rule_code")
      .notNull()
      .references(() => caseEligibilityRules.code, { onDelete: "restrict" }),
    validFrom: date("valid_from").notNull(),
    validTo: date("valid_to"),
    parameters: jsonb("parameters").$type<Record<string, unknown>>().notNull(),
    source: text("source").notNull(),
    note: text("note"),
    isExample: boolean("is_example").notNull().default(false),
    recordedBy: text("recorded_by").notNull(),
    recordedAt: timestamp("recorded_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index("case_eligibility_rule_versions_rule_idx").on(t.ruleCode, t.validFrom)],
);

export const caseStepTypes = pgTable("case_step_types", {
  code: text("code").primaryKey(),
  labelDe: text("label_de").notNull(),
  labelEn: text("label_en").notNull(),
  stepGroup: text("step_group", { enum: STEP_GROUPS }).notNull(),
  institutionKinds: text("institution_kinds").array().$type<InstitutionKind[]>().notNull(),
  eligibilityRule: text("eligibility_rule").references(() => caseEligibilityRules.code, { onDelete: "restrict" }),
  position: integer("position").notNull().default(0),
});
