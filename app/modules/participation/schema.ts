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
  // The live board (migration 0420): the workshop it was posted in, and its moderation.
  workshopId: uuid("workshop_id"),
  hidden: boolean("hidden").notNull().default(false),
  cluster: text("cluster"),
  shortlisted: boolean("shortlisted").notNull().default(false),
});

// Live workshop board (migrations/0420_participation_workshops.sql, decision 0030).
export const participationWorkshops = pgTable("participation_workshops", {
  id: uuid("id").primaryKey().defaultRandom(),
  tenantId: uuid("tenant_id").notNull(),
  processId: uuid("process_id").notNull(),
  title: text("title").notNull(),
  code: text("code").notNull(),
  status: text("status", { enum: ["open", "closed"] })
    .notNull()
    .default("open"),
  phaseId: uuid("phase_id"),
  round: integer("round").notNull().default(1),
  dotBudget: integer("dot_budget").notNull().default(3),
  oneDotPerCard: boolean("one_dot_per_card").notNull().default(false),
  votingOpen: boolean("voting_open").notNull().default(false),
  revealedRound: integer("revealed_round").notNull().default(0),
  paused: boolean("paused").notNull().default(false),
  onScreenCardId: uuid("on_screen_card_id"),
  cardLimit: integer("card_limit").notNull().default(30),
  createdAt: ts("created_at").notNull().defaultNow(),
});

// A participant is a hashed browser token: no account, address, user agent or time.
export const participationWorkshopParticipants = pgTable("participation_workshop_participants", {
  id: uuid("id").primaryKey().defaultRandom(),
  tenantId: uuid("tenant_id").notNull(),
  workshopId: uuid("workshop_id").notNull(),
  tokenHash: text("token_hash").notNull(),
  cardsPosted: integer("cards_posted").notNull().default(0),
});

export const participationWorkshopVotes = pgTable("participation_workshop_votes", {
  id: uuid("id").primaryKey().defaultRandom(),
  tenantId: uuid("tenant_id").notNull(),
  workshopId: uuid("workshop_id").notNull(),
  round: integer("round").notNull(),
  cardId: uuid("card_id").notNull(),
  participantId: uuid("participant_id"),
  idempotencyKey: text("idempotency_key"),
  dots: integer("dots").notNull().default(1),
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

// Drafts to comment on, paragraph by paragraph (migrations/0430_participation_drafts.sql, decision 0031).
export const participationDrafts = pgTable("participation_drafts", {
  id: uuid("id").primaryKey().defaultRandom(),
  tenantId: uuid("tenant_id").notNull(),
  processId: uuid("process_id").notNull(),
  title: text("title").notNull(),
  source: text("source", { enum: ["haltung", "custom"] }).notNull(),
  editionId: uuid("edition_id"),
  status: text("status", { enum: ["open", "closed"] })
    .notNull()
    .default("open"),
});

export const participationDraftParagraphs = pgTable("participation_draft_paragraphs", {
  id: uuid("id").primaryKey().defaultRandom(),
  tenantId: uuid("tenant_id").notNull(),
  processId: uuid("process_id").notNull(),
  draftId: uuid("draft_id").notNull(),
  position: integer("position").notNull(),
  body: text("body").notNull(),
});

// No account, no address, no time or date: see the migration and drafts.db.test.ts.
export const participationDraftComments = pgTable("participation_draft_comments", {
  id: uuid("id").primaryKey().defaultRandom(),
  tenantId: uuid("tenant_id").notNull(),
  processId: uuid("process_id").notNull(),
  draftId: uuid("draft_id").notNull(),
  paragraphId: uuid("paragraph_id").notNull(),
  seq: integer("seq").notNull(),
  body: text("body").notNull(),
  displayName: text("display_name"),
  hidden: boolean("hidden").notNull().default(false),
  answer: text("answer"),
});
