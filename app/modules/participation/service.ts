import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "~/kernel/db/client";
import { rows } from "~/kernel/db/context";
import { audit } from "~/kernel/audit/service";
import { addDays } from "~/kernel/dates";
import { fail, ok, type Result } from "~/kernel/errors";
import { findBody } from "~/modules/bodies";
import { listHandlungsfelder } from "~/modules/concept";
import { filled, GUIDING_QUESTIONS, THEMENFELDER, type Themenfeld } from "./data/fachgespraech";
import { PROCESS_KINDS, TEMPLATES, type ProcessKind } from "./data/templates";
import {
  CARD_KINDS,
  COMPETENCES,
  INVITEE_NOMINATORS,
  OUTCOMES,
  PROCESS_STATUSES,
  ROLE_KINDS,
  VERDICTS,
  type CardKind,
  type Outcome,
} from "./schema";

const isoDate = z.iso.date("participation.errors.date");
const text = (max: number) =>
  z.string().trim().min(1, "participation.errors.required").max(max, "participation.errors.tooLong");

export const ProcessInput = z.object({
  kind: z.enum(PROCESS_KINDS, "participation.errors.kind"),
  title: text(200),
  startsOn: isoDate,
  handlungsfeldId: z.uuid("participation.errors.handlungsfeld").optional(),
  isDemo: z.boolean().optional(),
  exampleNote: text(400).optional(),
});
export type ProcessInput = z.input<typeof ProcessInput>;

export const DetailsInput = z.object({
  contactName: text(200).optional(),
  contactAddress: text(200).optional(),
  decisionScope: text(4000).optional(),
  decidingBody: text(200).optional(),
  answerDueOn: isoDate.optional(),
  results: text(8000).optional(),
});
export type DetailsInput = z.input<typeof DetailsInput>;

export const PhaseInput = /* @__PURE__ */ z
  .object({ name: text(200), startsOn: isoDate.optional(), endsOn: isoDate.optional() })
  .refine((p) => !p.startsOn || !p.endsOn || p.endsOn >= p.startsOn, {
    message: "participation.errors.endBeforeStart",
    path: ["endsOn"],
  });
export type PhaseInput = z.input<typeof PhaseInput>;

export const RoleInput = /* @__PURE__ */ z
  .object({
    role: z.enum(ROLE_KINDS, "participation.errors.role"),
    personName: text(200),
    contact: text(200).optional(),
    themenfeld: z.enum(THEMENFELDER, "participation.errors.themenfeld").optional(),
  })
  .refine((r) => (r.role === "themenfeld_pate") === !!r.themenfeld, {
    message: "participation.errors.pateThemenfeld",
    path: ["themenfeld"],
  });
export type RoleInput = z.input<typeof RoleInput>;

export const InviteeInput = z.object({
  name: text(200),
  reason: text(1000),
  nominatedBy: z.enum(INVITEE_NOMINATORS, "participation.errors.nominatedBy"),
});
export type InviteeInput = z.input<typeof InviteeInput>;

export const CardInput = /* @__PURE__ */ z
  .object({
    kind: z.enum(CARD_KINDS, "participation.errors.cardKind"),
    body: text(4000),
    phaseId: z.uuid("participation.errors.phase").optional(),
    authorLabel: text(200).optional(),
    themenfeld: z.enum(THEMENFELDER, "participation.errors.themenfeld").optional(),
    handlungsfeldId: z.uuid("participation.errors.handlungsfeld").optional(),
    inverts: z.array(z.uuid()).default([]),
    concretises: z.array(z.uuid()).default([]),
    resources: text(2000).optional(),
    responsibility: text(2000).optional(),
    obstacles: text(2000).optional(),
    verdict: z.enum(VERDICTS, "participation.errors.verdict").optional(),
  })
  .refine((c) => c.kind === "idea" || c.inverts.length === 0, {
    message: "participation.errors.invertsIdea",
    path: ["inverts"],
  })
  .refine((c) => c.kind === "proposal" || c.concretises.length === 0, {
    message: "participation.errors.concretisesProposal",
    path: ["concretises"],
  })
  .refine((c) => c.kind === "proposal" || (!c.verdict && !c.resources && !c.responsibility && !c.obstacles), {
    message: "participation.errors.feasibilityProposal",
    path: ["verdict"],
  });
export type CardInput = z.input<typeof CardInput>;

export const OutcomeInput = /* @__PURE__ */ z
  .object({
    outcome: z.enum(OUTCOMES, "participation.errors.outcome"),
    reason: text(4000).optional(),
  })
  .refine((o) => ["eingegangen", "in_pruefung"].includes(o.outcome) || !!o.reason, {
    message: "participation.errors.reasonRequired",
    path: ["reason"],
  });
export type OutcomeInput = z.input<typeof OutcomeInput>;

/** What a process needs before it is published (seed 003 on Scheinbeteiligung), in this order. */
export const PUBLISH_NEEDS = ["contact", "scope", "decidingBody", "answerDate"] as const;
export type PublishNeed = (typeof PUBLISH_NEEDS)[number];

export interface Process {
  id: string;
  kind: ProcessKind;
  title: string;
  status: (typeof PROCESS_STATUSES)[number];
  handlungsfeldId: string | null;
  handlungsfeld: string | null;
  /** The Handlungsfeld's English name and preset key, so a page names it in its language (kernel/ui/terms). */
  handlungsfeldEn: string | null;
  handlungsfeldPreset: string | null;
  contactName: string | null;
  contactAddress: string | null;
  decisionScope: string | null;
  decidingBodyId: string | null;
  decidingBodyName: string | null;
  answerDueOn: string | null;
  results: string | null;
  isDemo: boolean;
  exampleNote: string | null;
}

const PROCESS_COLUMNS = sql`p.id, p.kind, p.title, p.status, p.handlungsfeld_id AS "handlungsfeldId", h.name AS handlungsfeld,
  h.name_en AS "handlungsfeldEn", h.preset_key AS "handlungsfeldPreset",
  p.contact_name AS "contactName", p.contact_address AS "contactAddress", p.decision_scope AS "decisionScope",
  p.deciding_body_id AS "decidingBodyId", p.deciding_body_name AS "decidingBodyName",
  p.answer_due_on::text AS "answerDueOn", p.results, p.is_demo AS "isDemo", p.example_note AS "exampleNote"`;

/** A new process of a kind, with the template's phases dated from the start day. */
export async function createProcess(tx: Tx, input: ProcessInput): Promise<Result<{ id: string }>> {
  const p = ProcessInput.parse(input);
  if (p.kind === "fachgespraech" && !p.handlungsfeldId)
    return fail("participation.errors.handlungsfeldRequired", "handlungsfeldId");
  if (p.handlungsfeldId && !(await listHandlungsfelder(tx)).some((h) => h.id === p.handlungsfeldId))
    return fail("participation.errors.handlungsfeld", "handlungsfeldId");
  const [r] = await rows<{ id: string }>(
    tx,
    sql`INSERT INTO participation_processes (tenant_id, kind, title, handlungsfeld_id, is_demo, example_note)
        VALUES (app_tenant_id(), ${p.kind}, ${p.title}, ${p.handlungsfeldId ?? null}, ${p.isDemo ?? false}, ${p.exampleNote ?? null})
        RETURNING id`,
  );
  const phases = TEMPLATES[p.kind].map((t, i) => ({
    position: i + 1,
    name: t.name,
    startsOn: addDays(p.startsOn, t.from),
    endsOn: addDays(p.startsOn, t.to),
  }));
  await tx.execute(
    sql`INSERT INTO participation_phases (tenant_id, process_id, position, name, starts_on, ends_on)
        SELECT app_tenant_id(), ${r.id}, (x->>'position')::int, x->>'name', (x->>'startsOn')::date, (x->>'endsOn')::date
        FROM jsonb_array_elements(${JSON.stringify(phases)}::jsonb) x`,
  );
  await audit(tx, { action: "create", entity: "participation_process", entityId: r.id, after: { ...p, phases } });
  return ok({ id: r.id });
}

export async function listProcesses(tx: Tx): Promise<(Process & { cards: number })[]> {
  return rows(
    tx,
    sql`SELECT ${PROCESS_COLUMNS}, (SELECT count(*)::int FROM participation_cards c WHERE c.process_id = p.id) AS cards
        FROM participation_processes p LEFT JOIN taxonomy_terms h ON h.id = p.handlungsfeld_id
        ORDER BY p.created_at DESC, p.title`,
  );
}

/** One process of the tenant; undefined for an unknown (or foreign, hidden by RLS) id. */
export async function getProcess(tx: Tx, id: string): Promise<Process | undefined> {
  if (!z.uuid().safeParse(id).success) return undefined;
  const [p] = await rows<Process>(
    tx,
    sql`SELECT ${PROCESS_COLUMNS} FROM participation_processes p
        LEFT JOIN taxonomy_terms h ON h.id = p.handlungsfeld_id WHERE p.id = ${id}`,
  );
  return p;
}

/**
 * Sets contact, scope, deciding body, answer date and results (absent = cleared). A deciding body
 * named like one of the bodies module is linked to it; any other name is kept as text.
 */
export async function updateDetails(tx: Tx, id: string, input: DetailsInput): Promise<Result> {
  const d = DetailsInput.parse(input);
  const body = d.decidingBody ? await findBody(tx, d.decidingBody) : undefined;
  const [r] = await rows<{ id: string }>(
    tx,
    sql`UPDATE participation_processes SET contact_name = ${d.contactName ?? null}, contact_address = ${d.contactAddress ?? null},
          decision_scope = ${d.decisionScope ?? null}, deciding_body_id = ${body?.id ?? null},
          deciding_body_name = ${d.decidingBody ?? null}, answer_due_on = ${d.answerDueOn ?? null},
          results = ${d.results ?? null}, updated_at = now()
        WHERE id = ${id} RETURNING id`,
  );
  if (!r) return fail("participation.errors.notFound");
  await audit(tx, { action: "update", entity: "participation_process", entityId: id, after: d });
  return ok(undefined);
}

/** What is still missing before the process may be published. */
export function publishNeeds(p: Process): PublishNeed[] {
  const has: Record<PublishNeed, boolean> = {
    contact: !!p.contactName && !!p.contactAddress,
    scope: !!p.decisionScope,
    decidingBody: !!p.decidingBodyName,
    answerDate: !!p.answerDueOn,
  };
  return PUBLISH_NEEDS.filter((n) => !has[n]);
}

/**
 * Publishes a draft. Refused while contact, decision scope, deciding body or answer date is missing:
 * the failure's `missing` parameter lists them (keys of PUBLISH_NEEDS, comma-separated), so the page
 * can name each one in its language.
 */
export async function publishProcess(tx: Tx, id: string): Promise<Result> {
  const p = await getProcess(tx, id);
  if (!p) return fail("participation.errors.notFound");
  if (p.status !== "draft") return fail("participation.errors.notDraft", "publish");
  const missing = publishNeeds(p);
  if (missing.length) return fail("participation.errors.publishMissing", "publish", { missing: missing.join(",") });
  await tx.execute(
    sql`UPDATE participation_processes SET status = 'published', published_at = now(), updated_at = now() WHERE id = ${id}`,
  );
  await audit(tx, { action: "publish", entity: "participation_process", entityId: id });
  return ok(undefined);
}

export async function closeProcess(tx: Tx, id: string): Promise<Result> {
  const [r] = await rows<{ id: string }>(
    tx,
    sql`UPDATE participation_processes SET status = 'closed', updated_at = now() WHERE id = ${id} AND status = 'published' RETURNING id`,
  );
  if (!r) return fail("participation.errors.notPublished", "close");
  await audit(tx, { action: "status", entity: "participation_process", entityId: id, after: { status: "closed" } });
  return ok(undefined);
}

export async function addPhase(tx: Tx, processId: string, input: PhaseInput): Promise<Result<{ id: string }>> {
  const p = PhaseInput.parse(input);
  const [r] = await rows<{ id: string }>(
    tx,
    sql`INSERT INTO participation_phases (tenant_id, process_id, position, name, starts_on, ends_on)
        SELECT app_tenant_id(), ${processId}, coalesce(max(position), 0) + 1, ${p.name}, ${p.startsOn ?? null}, ${p.endsOn ?? null}
        FROM participation_phases WHERE process_id = ${processId} RETURNING id`,
  );
  await audit(tx, { action: "create", entity: "participation_phase", entityId: r.id, after: { processId, ...p } });
  return ok({ id: r.id });
}

export async function addRole(tx: Tx, processId: string, input: RoleInput): Promise<Result<{ id: string }>> {
  const p = RoleInput.parse(input);
  const [r] = await rows<{ id: string }>(
    tx,
    sql`INSERT INTO participation_roles (tenant_id, process_id, role, person_name, contact, themenfeld)
        VALUES (app_tenant_id(), ${processId}, ${p.role}, ${p.personName}, ${p.contact ?? null}, ${p.themenfeld ?? null}) RETURNING id`,
  );
  await audit(tx, { action: "create", entity: "participation_role", entityId: r.id, after: { processId, ...p } });
  return ok({ id: r.id });
}

export async function addInvitee(tx: Tx, processId: string, input: InviteeInput): Promise<Result<{ id: string }>> {
  const p = InviteeInput.parse(input);
  const [r] = await rows<{ id: string }>(
    tx,
    sql`INSERT INTO participation_invitees (tenant_id, process_id, name, reason, nominated_by)
        VALUES (app_tenant_id(), ${processId}, ${p.name}, ${p.reason}, ${p.nominatedBy}) RETURNING id`,
  );
  await audit(tx, { action: "create", entity: "participation_invitee", entityId: r.id, after: { processId, ...p } });
  return ok({ id: r.id });
}

/** Ids among `ids` that are not cards of this kind in this process. */
async function strangers(tx: Tx, processId: string, kind: CardKind, ids: string[]): Promise<number> {
  if (!ids.length) return 0;
  const [r] = await rows<{ n: number }>(
    tx,
    sql`SELECT count(*)::int AS n FROM jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb) x
        WHERE NOT EXISTS (SELECT 1 FROM participation_cards c WHERE c.id = x::uuid AND c.process_id = ${processId} AND c.kind = ${kind})`,
  );
  return r.n;
}

/**
 * Adds a card. Its number is the next of the process (the process row is locked, so two cards never
 * get the same one). An idea may invert critiques, a proposal concretise ideas – of the same process
 * only; the link tables' keys enforce the same in the database. A proposal or recommendation starts
 * as "eingegangen".
 */
export async function addCard(
  tx: Tx,
  processId: string,
  input: CardInput,
  opts: {
    /** Posted on this workshop's board (workshops.ts checks that it belongs to the process). */
    workshopId?: string;
    /**
     * false for a card a participant posts on the live board: an audit entry carries the exact time,
     * which would undo the card's anonymity (decision 0030). Staff changes are always audited.
     */
    audited?: boolean;
  } = {},
): Promise<Result<{ id: string; seq: number }>> {
  const c = CardInput.parse(input);
  const [proc] = await rows<{ id: string }>(
    tx,
    sql`SELECT id FROM participation_processes WHERE id = ${processId} FOR UPDATE`,
  );
  if (!proc) return fail("participation.errors.notFound");
  if (c.phaseId) {
    const [ph] = await rows(
      tx,
      sql`SELECT 1 FROM participation_phases WHERE id = ${c.phaseId} AND process_id = ${processId}`,
    );
    if (!ph) return fail("participation.errors.phase", "phaseId");
  }
  if (c.handlungsfeldId && !(await listHandlungsfelder(tx)).some((h) => h.id === c.handlungsfeldId))
    return fail("participation.errors.handlungsfeld", "handlungsfeldId");
  if (await strangers(tx, processId, "critique", c.inverts))
    return fail("participation.errors.invertsOther", "inverts");
  if (await strangers(tx, processId, "idea", c.concretises))
    return fail("participation.errors.concretisesOther", "concretises");
  const outcome = c.kind === "proposal" || c.kind === "recommendation" ? "eingegangen" : null;
  const [r] = await rows<{ id: string; seq: number }>(
    tx,
    sql`INSERT INTO participation_cards (tenant_id, process_id, phase_id, seq, kind, body, anonymous, author_label, themenfeld,
          handlungsfeld_id, resources, responsibility, obstacles, verdict, outcome, workshop_id)
        VALUES (app_tenant_id(), ${processId}, ${c.phaseId ?? null},
          (SELECT coalesce(max(seq), 0) + 1 FROM participation_cards WHERE process_id = ${processId}),
          ${c.kind}, ${c.body}, ${!c.authorLabel}, ${c.authorLabel ?? null}, ${c.themenfeld ?? null}, ${c.handlungsfeldId ?? null},
          ${c.resources ?? null}, ${c.responsibility ?? null}, ${c.obstacles ?? null}, ${c.verdict ?? null}, ${outcome},
          ${opts.workshopId ?? null})
        RETURNING id, seq`,
  );
  if (c.inverts.length)
    await tx.execute(
      sql`INSERT INTO participation_inversions (tenant_id, process_id, idea_id, critique_id)
          SELECT app_tenant_id(), ${processId}, ${r.id}, x::uuid FROM jsonb_array_elements_text(${JSON.stringify(c.inverts)}::jsonb) x`,
    );
  if (c.concretises.length)
    await tx.execute(
      sql`INSERT INTO participation_concretisations (tenant_id, process_id, item_id, idea_id)
          SELECT app_tenant_id(), ${processId}, ${r.id}, x::uuid FROM jsonb_array_elements_text(${JSON.stringify(c.concretises)}::jsonb) x`,
    );
  // The audit entry says what was added, not by whom it was said: an anonymous card's text and
  // number only (the staff member entering it is the entry's actor, as for every change).
  if (opts.audited !== false)
    await audit(tx, { action: "create", entity: "participation_card", entityId: r.id, after: { processId, ...c } });
  return ok(r);
}

/**
 * Records what became of a proposal or recommendation of the process.
 * Seam for the next slice, "proposal → measure": an adopted proposal will name the concept measure
 * it became (a `measure_id` on the card, set here next to the outcome, read through the concept's
 * public entry).
 */
export async function setOutcome(tx: Tx, processId: string, cardId: string, input: OutcomeInput): Promise<Result> {
  const o = OutcomeInput.parse(input);
  const [r] = await rows<{ id: string }>(
    tx,
    sql`UPDATE participation_cards SET outcome = ${o.outcome}, outcome_reason = ${o.reason ?? null}
        WHERE id = ${cardId} AND process_id = ${processId} AND kind IN ('proposal', 'recommendation') RETURNING id`,
  );
  if (!r) return fail("participation.errors.cardUnknown", "outcome");
  await audit(tx, { action: "update", entity: "participation_card", entityId: cardId, after: o });
  return ok(undefined);
}

export interface Card {
  id: string;
  seq: number;
  kind: CardKind;
  body: string;
  phase: string | null;
  phaseId: string | null;
  anonymous: boolean;
  authorLabel: string | null;
  themenfeld: Themenfeld | null;
  handlungsfeld: string | null;
  resources: string | null;
  responsibility: string | null;
  obstacles: string | null;
  verdict: (typeof VERDICTS)[number] | null;
  outcome: Outcome | null;
  outcomeReason: string | null;
  /** The numbers of the critiques an idea inverts, of the ideas a proposal concretises. */
  inverts: number[];
  concretises: number[];
}

/** The process's cards by number, with their links as card numbers. */
export async function listCards(tx: Tx, processId: string): Promise<Card[]> {
  return rows<Card>(
    tx,
    sql`SELECT c.id, c.seq, c.kind, c.body, ph.name AS phase, c.phase_id AS "phaseId", c.anonymous, c.author_label AS "authorLabel",
          c.themenfeld, h.name AS handlungsfeld, c.resources, c.responsibility, c.obstacles, c.verdict, c.outcome,
          c.outcome_reason AS "outcomeReason",
          coalesce((SELECT array_agg(k.seq ORDER BY k.seq) FROM participation_inversions i
            JOIN participation_cards k ON k.id = i.critique_id WHERE i.idea_id = c.id), '{}') AS inverts,
          coalesce((SELECT array_agg(k.seq ORDER BY k.seq) FROM participation_concretisations i
            JOIN participation_cards k ON k.id = i.idea_id WHERE i.item_id = c.id), '{}') AS concretises
        FROM participation_cards c
        LEFT JOIN participation_phases ph ON ph.id = c.phase_id
        LEFT JOIN taxonomy_terms h ON h.id = c.handlungsfeld_id
        WHERE c.process_id = ${processId} ORDER BY c.seq`,
  );
}

export interface Phase {
  id: string;
  position: number;
  name: string;
  startsOn: string | null;
  endsOn: string | null;
}

export async function listPhases(tx: Tx, processId: string): Promise<Phase[]> {
  return rows<Phase>(
    tx,
    sql`SELECT id, position, name, starts_on::text AS "startsOn", ends_on::text AS "endsOn"
        FROM participation_phases WHERE process_id = ${processId} ORDER BY position`,
  );
}

export interface Role {
  id: string;
  role: (typeof ROLE_KINDS)[number];
  personName: string;
  contact: string | null;
  themenfeld: Themenfeld | null;
}

export async function listRoles(tx: Tx, processId: string): Promise<Role[]> {
  return rows<Role>(
    tx,
    sql`SELECT id, role, person_name AS "personName", contact, themenfeld FROM participation_roles
        WHERE process_id = ${processId}
        ORDER BY array_position(ARRAY['responsible', 'integration_officer', 'ki_lead', 'themenfeld_pate'], role), person_name`,
  );
}

export interface Invitee {
  id: string;
  name: string;
  reason: string;
  nominatedBy: (typeof INVITEE_NOMINATORS)[number];
}

/** Who is invited and why: internal, never for a public page. */
export async function listInvitees(tx: Tx, processId: string): Promise<Invitee[]> {
  return rows<Invitee>(
    tx,
    sql`SELECT id, name, reason, nominated_by AS "nominatedBy" FROM participation_invitees
        WHERE process_id = ${processId} ORDER BY name`,
  );
}

export interface Competence {
  handlungsfeldId: string;
  handlungsfeld: string;
  competence: (typeof COMPETENCES)[number] | null;
  note: string | null;
}

/** The concept's Handlungsfelder, each with whether it is (wholly) the tenant's task. */
export async function listCompetences(tx: Tx): Promise<Competence[]> {
  const [hf, set] = await Promise.all([
    listHandlungsfelder(tx),
    rows<{ handlungsfeld_id: string; competence: Competence["competence"]; note: string }>(
      tx,
      sql`SELECT handlungsfeld_id, competence, note FROM participation_handlungsfeld_competences`,
    ),
  ]);
  const by = new Map(set.map((s) => [s.handlungsfeld_id, s]));
  return hf.map((h) => ({
    handlungsfeldId: h.id,
    handlungsfeld: h.name,
    competence: by.get(h.id)?.competence ?? null,
    note: by.get(h.id)?.note ?? null,
  }));
}

export const CompetenceInput = /* @__PURE__ */ z
  .object({
    handlungsfeldId: z.uuid("participation.errors.handlungsfeld"),
    competence: z.enum(COMPETENCES, "participation.errors.competence").optional(),
    note: text(1000).optional(),
  })
  .refine((c) => !c.competence || !!c.note, { message: "participation.errors.competenceNote", path: ["note"] });
export type CompetenceInput = z.input<typeof CompetenceInput>;

/** Marks a Handlungsfeld as partly or wholly outside the tenant's competence, or (without one) clears it. */
export async function setCompetence(tx: Tx, input: CompetenceInput): Promise<Result> {
  const c = CompetenceInput.parse(input);
  if (!(await listHandlungsfelder(tx)).some((h) => h.id === c.handlungsfeldId))
    return fail("participation.errors.handlungsfeld", "handlungsfeldId");
  await tx.execute(
    sql`DELETE FROM participation_handlungsfeld_competences WHERE handlungsfeld_id = ${c.handlungsfeldId}`,
  );
  if (c.competence)
    await tx.execute(
      sql`INSERT INTO participation_handlungsfeld_competences (tenant_id, handlungsfeld_id, competence, note)
          VALUES (app_tenant_id(), ${c.handlungsfeldId}, ${c.competence}, ${c.note!})`,
    );
  await audit(tx, { action: "update", entity: "participation_competence", entityId: c.handlungsfeldId, after: c });
  return ok(undefined);
}

/** A Fachgespräch's four guiding questions for its Handlungsfeld, each with its Themenfeld. */
export function guidingQuestions(handlungsfeld: string) {
  return GUIDING_QUESTIONS.map((q) => ({ themenfeld: q.themenfeld, text: filled(q, handlungsfeld), source: q.source }));
}

export type Warning =
  | { kind: "noPate"; themenfeld: Themenfeld }
  | { kind: "competence"; handlungsfeld: string; competence: "partial" | "outside"; note: string };

/** What staff should know before the process runs: Themenfelder without Pate, a Handlungsfeld not the tenant's. */
export async function processWarnings(tx: Tx, p: Process, roles: Role[]): Promise<Warning[]> {
  const out: Warning[] = [];
  if (p.kind === "fachgespraech")
    for (const tf of THEMENFELDER)
      if (!roles.some((r) => r.role === "themenfeld_pate" && r.themenfeld === tf))
        out.push({ kind: "noPate", themenfeld: tf });
  if (p.handlungsfeldId) {
    const c = (await listCompetences(tx)).find((x) => x.handlungsfeldId === p.handlungsfeldId);
    if (c?.competence)
      out.push({ kind: "competence", handlungsfeld: c.handlungsfeld, competence: c.competence, note: c.note! });
  }
  return out;
}

/** An answer is given once an outcome other than "eingegangen" or "in Prüfung" is recorded. */
export const answered = (o: Outcome | null) => !!o && o !== "eingegangen" && o !== "in_pruefung";

/** Whether a proposal's answer is overdue on the day. */
export const overdue = (p: Pick<Process, "answerDueOn">, c: Pick<Card, "outcome">, day: string) =>
  !!p.answerDueOn && p.answerDueOn < day && !answered(c.outcome);

/**
 * A published (or closed) process as the public sees it: no invitees, no author labels, no
 * internal notes. Undefined for a draft, an unknown or a foreign id.
 */
export async function publicProcess(tx: Tx, id: string) {
  const p = await getProcess(tx, id);
  if (!p || p.status === "draft") return undefined;
  const [phases, cards] = await Promise.all([listPhases(tx, id), listCards(tx, id)]);
  return {
    process: p,
    phases,
    cards: cards.map(({ authorLabel: _hidden, ...c }) => c),
    questions: p.kind === "fachgespraech" && p.handlungsfeld ? guidingQuestions(p.handlungsfeld) : [],
  };
}

/** The Zukunftswerkstatt chain as export rows: German column names, one row per card. */
export const CHAIN_COLUMNS = [
  "Nr.",
  "Phase",
  "Art",
  "Text",
  "Kehrt Kritik um (Nr.)",
  "Konkretisiert Idee (Nr.)",
  "Themenfeld",
  "Handlungsfeld",
  "Ressourcen",
  "Verantwortung",
  "Hindernisse",
  "Machbarkeit",
  "Ergebnis",
  "Begründung",
] as const;

/** One row per card in CHAIN_COLUMNS' order; `label` names kinds, Themenfelder, verdicts and outcomes. */
export function chainRows(cards: Card[], label: (key: string) => string): (string | number | null)[][] {
  return cards.map((c) => [
    c.seq,
    c.phase,
    label(`participation.cardKinds.${c.kind}`),
    c.body,
    c.inverts.join(", ") || null,
    c.concretises.join(", ") || null,
    c.themenfeld && label(`participation.themenfelder.${c.themenfeld}`),
    c.handlungsfeld,
    c.resources,
    c.responsibility,
    c.obstacles,
    c.verdict && label(`participation.verdicts.${c.verdict}`),
    c.outcome && label(`participation.outcomes.${c.outcome}`),
    c.outcomeReason,
  ]);
}

/** The chain as JSON: the same German keys as the CSV's columns. */
export function chainJson(cards: Card[], label: (key: string) => string) {
  return chainRows(cards, label).map((r) => Object.fromEntries(CHAIN_COLUMNS.map((c, i) => [c, r[i]])));
}
