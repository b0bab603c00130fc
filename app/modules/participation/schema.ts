import { boolean, date, integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { THEMENFELDER } from "./data/fachgespraech";
import { PROCESS_KINDS } from "./data/templates";

// Mirrors migrations/0400_participation.sql (the SQL is the source of truth; the composite tenant
// references are made there by tenant_safe_references(), the chain's kind-checking keys by hand).
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });
const d = (name: string) => date(name, { mode: "string" });

export { PROCESS_KINDS, THEMENFELDER };
export const PROCESS_STATUSES = ["draft", "published", "closed"] as const;
export const ROLE_KINDS = ["responsible", "integration_officer", "ki_lead", "themenfeld_pate"] as const;
export const INVITEE_NOMINATORS = ["responsible", "integration_officer", "ki_lead"] as const;
export const CARD_KINDS = ["critique", "idea", "proposal", "question", "recommendation"] as const;
export type CardKind = (typeof CARD_KINDS)[number];
export const VERDICTS = ["feasible", "with_conditions", "not_feasible"] as const;
export const OUTCOMES = [
  "eingegangen",
  "in_pruefung",
  "uebernommen",
  "geaendert_uebernommen",
  "abgelehnt",
  "zurueckgestellt",
] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const COMPETENCES = ["partial", "outside"] as const;

export const participationProcesses = pgTable("participation_processes", {
  id: uuid("id").primaryKey().defaultRandom(),
  tenantId: uuid("tenant_id").notNull(),
  kind: text("kind", { enum: PROCESS_KINDS }).notNull(),
  title: text("title").notNull(),
  handlungsfeldId: uuid("handlungsfeld_id"),
  status: text("status", { enum: PROCESS_STATUSES }).notNull().default("draft"),
  contactName: text("contact_name"),
  contactAddress: text("contact_address"),
  decisionScope: text("decision_scope"),
  decidingBodyId: uuid("deciding_body_id"),
  decidingBodyName: text("deciding_body_name"),
  answerDueOn: d("answer_due_on"),
  results: text("results"),
  isDemo: boolean("is_demo").notNull().default(false),
  exampleNote: text("example_note"),
  createdAt: ts("created_at").notNull().defaultNow(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
  publishedAt: ts("published_at"),
});

export const participationPhases = pgTable("participation_phases", {
  id: uuid("id").primaryKey().defaultRandom(),
  tenantId: uuid("tenant_id").notNull(),
  processId: uuid("process_id").notNull(),
  position: integer("position").notNull(),
  name: text("name").notNull(),
  startsOn: d("starts_on"),
  endsOn: d("ends_on"),
});

export const participationRoles = pgTable("participation_roles", {
  id: uuid("id").primaryKey().defaultRandom(),
  tenantId: uuid("tenant_id").notNull(),
  processId: uuid("process_id").notNull(),
  role: text("role", { enum: ROLE_KINDS }).notNull(),
  personName: text("person_name").notNull(),
  contact: text("contact"),
  themenfeld: text("themenfeld", { enum: THEMENFELDER }),
});

export const participationInvitees = pgTable("participation_invitees", {
  id: uuid("id").primaryKey().defaultRandom(),
  tenantId: uuid("tenant_id").notNull(),
  processId: uuid("process_id").notNull(),
  name: text("name").notNull(),
  reason: text("reason").notNull(),
  nominatedBy: text("nominated_by", { enum: INVITEE_NOMINATORS }).notNull(),
});

// No account, no address, no time of entry: see the migration and participation.db.test.ts.
export const participationCards = pgTable("participation_cards", {
  id: uuid("id").primaryKey().defaultRandom(),
  tenantId: uuid("tenant_id").notNull(),
  processId: uuid("process_id").notNull(),
  phaseId: uuid("phase_id"),
  seq: integer("seq").notNull(),
  kind: text("kind", { enum: CARD_KINDS }).notNull(),
  body: text("body").notNull(),
  anonymous: boolean("anonymous").notNull().default(true),
  authorLabel: text("author_label"),
  themenfeld: text("themenfeld", { enum: THEMENFELDER }),
  handlungsfeldId: uuid("handlungsfeld_id"),
  resources: text("resources"),
  responsibility: text("responsibility"),
  obstacles: text("obstacles"),
  verdict: text("verdict", { enum: VERDICTS }),
  outcome: text("outcome", { enum: OUTCOMES }),
  outcomeReason: text("outcome_reason"),
});

export const participationInversions = pgTable(
  "participation_inversions",
  {
    tenantId: uuid("tenant_id").notNull(),
    processId: uuid("process_id").notNull(),
    ideaId: uuid("idea_id").notNull(),
    ideaKind: text("idea_kind").notNull().default("idea"),
    critiqueId: uuid("critique_id").notNull(),
    critiqueKind: text("critique_kind").notNull().default("critique"),
  },
  (t) => [primaryKey({ columns: [t.ideaId, t.critiqueId] })],
);

export const participationConcretisations = pgTable(
  "participation_concretisations",
  {
    tenantId: uuid("tenant_id").notNull(),
    processId: uuid("process_id").notNull(),
    itemId: uuid("item_id").notNull(),
    itemKind: text("item_kind").notNull().default("proposal"),
    ideaId: uuid("idea_id").notNull(),
    ideaKind: text("idea_kind").notNull().default("idea"),
  },
  (t) => [primaryKey({ columns: [t.itemId, t.ideaId] })],
);

export const participationHandlungsfeldCompetences = pgTable("participation_handlungsfeld_competences", {
  tenantId: uuid("tenant_id").notNull(),
  handlungsfeldId: uuid("handlungsfeld_id").primaryKey(),
  competence: text("competence", { enum: COMPETENCES }).notNull(),
  note: text("note").notNull(),
});
