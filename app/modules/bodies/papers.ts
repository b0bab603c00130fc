import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "~/kernel/db/client";
import { rows } from "~/kernel/db/context";
import { audit } from "~/kernel/audit/service";
import { fail, ok, type Result } from "~/kernel/errors";
import { CONSULTATION_RESULTS, COMPETENCES } from "./schema";

// Papers (Vorlagen) and their Beratungsfolge (decision 0024). A consultation is one step: a body
// (from the register, or named as the paper names it), its competence and, once treated, the
// outcome. recordOutcome is the one place an outcome is written: the paper page and an agenda item
// that treats the consultation both call it.

const isoDate = z.iso.date("bodies.errors.date");
const text = (max: number) => z.string().trim().min(1, "bodies.errors.required").max(max, "bodies.errors.tooLong");
const isUuid = (id: string) => z.uuid().safeParse(id).success;

export const ConsultationInput = z
  .object({
    bodyId: z.uuid("bodies.errors.consultationBody").optional(),
    bodyName: text(300).optional(),
    bodyShort: text(20).optional(),
    meetsOn: isoDate.optional(),
    competence: z.enum(COMPETENCES, "bodies.errors.competence"),
  })
  .refine((c) => !!c.bodyId || !!c.bodyName, { message: "bodies.errors.consultationBody", path: ["bodyId"] });
export type ConsultationInput = z.input<typeof ConsultationInput>;

export const PaperInput = z.object({
  number: text(60),
  title: text(500),
  submittedOn: isoDate,
  isPublic: z.boolean().default(true),
  leadOffice: text(300),
  involvedOffices: text(1000).optional(),
  proposal: text(20000).optional(),
  financialImpact: text(5000).optional(),
  explanation: text(100000).optional(),
  decision: text(20000).optional(),
  attachments: z.array(text(300)).default([]),
  editionId: z.uuid().optional(),
  consultations: z.array(ConsultationInput).default([]),
});
export type PaperInput = z.input<typeof PaperInput>;

export const OutcomeInput = z
  .object({
    result: z.enum(CONSULTATION_RESULTS, "bodies.errors.result"),
    decidedOn: isoDate,
    resolution: text(20000).optional(),
  })
  .strict();
export type OutcomeInput = z.input<typeof OutcomeInput>;

export interface PaperHead {
  id: string;
  number: string;
  title: string;
  submittedOn: string;
  isPublic: boolean;
  leadOffice: string;
  editionId: string | null;
}

export interface Consultation {
  id: string;
  bodyId: string | null;
  /** The register's name where the body is linked, else the name the paper gives. */
  body: string;
  /** The name as the paper gives it (null where only the register's body is named). */
  bodyName: string | null;
  bodyShort: string | null;
  meetsOn: string | null;
  competence: (typeof COMPETENCES)[number];
  position: number;
  result: (typeof CONSULTATION_RESULTS)[number] | null;
  decidedOn: string | null;
  resolution: string | null;
  /** The meeting and agenda item that treat it, if any. */
  meetingId: string | null;
  agendaNumber: string | null;
}

export interface Paper extends PaperHead {
  involvedOffices: string | null;
  proposal: string | null;
  financialImpact: string | null;
  explanation: string | null;
  decision: string | null;
  attachments: string[];
  consultations: Consultation[];
}

const head = sql`p.id, p.number, p.title, p.submitted_on::text AS "submittedOn", p.is_public AS "isPublic",
  p.lead_office AS "leadOffice", p.edition_id AS "editionId"`;

async function insertConsultation(tx: Tx, paperId: string, c: z.output<typeof ConsultationInput>, position: number) {
  if (c.bodyId) {
    const [b] = await rows(tx, sql`SELECT 1 FROM bodies WHERE id = ${c.bodyId}`);
    if (!b) return fail("bodies.errors.consultationBody", "bodyId");
  }
  const [r] = await rows<{ id: string }>(
    tx,
    sql`INSERT INTO body_consultations (tenant_id, paper_id, body_id, body_name, body_short, meets_on, competence, position)
        VALUES (app_tenant_id(), ${paperId}, ${c.bodyId ?? null}, ${c.bodyName ?? null}, ${c.bodyShort ?? null},
                ${c.meetsOn ?? null}, ${c.competence}, ${position}) RETURNING id`,
  );
  await audit(tx, { action: "create", entity: "body_consultation", entityId: r.id, after: { paperId, ...c } });
  return ok({ id: r.id });
}

/** Creates a paper with its Beratungsfolge; the number is unique in the tenant. */
export async function createPaper(tx: Tx, input: PaperInput): Promise<Result<{ id: string }>> {
  const p = PaperInput.parse(input);
  const [taken] = await rows(tx, sql`SELECT 1 FROM body_papers WHERE number = ${p.number}`);
  if (taken) return fail("bodies.errors.paperNumberTaken", "number", { number: p.number });
  const [r] = await rows<{ id: string }>(
    tx,
    sql`INSERT INTO body_papers (tenant_id, number, title, submitted_on, is_public, lead_office, involved_offices, proposal,
          financial_impact, explanation, decision, attachments, edition_id)
        VALUES (app_tenant_id(), ${p.number}, ${p.title}, ${p.submittedOn}, ${p.isPublic}, ${p.leadOffice},
                ${p.involvedOffices ?? null}, ${p.proposal ?? null}, ${p.financialImpact ?? null}, ${p.explanation ?? null},
                ${p.decision ?? null}, ${JSON.stringify(p.attachments)}::jsonb, ${p.editionId ?? null}) RETURNING id`,
  );
  const { consultations, ...paper } = p;
  await audit(tx, { action: "create", entity: "body_paper", entityId: r.id, after: paper });
  for (const [i, c] of consultations.entries()) {
    const added = await insertConsultation(tx, r.id, c, i);
    if (!added.ok) return added;
  }
  return ok({ id: r.id });
}

/** The tenant's papers, newest first (deleted ones are gone); `ids` limits them. */
export async function listPapers(tx: Tx, ids?: string[]): Promise<PaperHead[]> {
  const only = ids
    ? sql`AND p.id IN (SELECT jsonb_array_elements_text(${JSON.stringify(ids.filter(isUuid))}::jsonb)::uuid)`
    : sql``;
  return rows<PaperHead>(
    tx,
    sql`SELECT ${head} FROM body_papers p WHERE p.deleted_at IS NULL ${only} ORDER BY p.submitted_on DESC, p.number`,
  );
}

/** One paper with its Beratungsfolge; undefined for an unknown, deleted or foreign id. */
export async function getPaper(tx: Tx, id: string): Promise<Paper | undefined> {
  if (!isUuid(id)) return undefined;
  const [p] = await rows<Omit<Paper, "consultations">>(
    tx,
    sql`SELECT ${head}, p.involved_offices AS "involvedOffices", p.proposal, p.financial_impact AS "financialImpact",
          p.explanation, p.decision, p.attachments
        FROM body_papers p WHERE p.id = ${id} AND p.deleted_at IS NULL`,
  );
  if (!p) return undefined;
  return { ...p, consultations: await consultationsOf(tx, sql`c.paper_id = ${id}`) };
}

async function consultationsOf(tx: Tx, where: SQL) {
  return rows<Consultation & { paperId: string }>(
    tx,
    sql`SELECT c.id, c.paper_id AS "paperId", c.body_id AS "bodyId", coalesce(b.name, c.body_name) AS body,
          c.body_name AS "bodyName", coalesce(c.body_short, b.short_name) AS "bodyShort", coalesce(m.meets_on, c.meets_on)::text AS "meetsOn",
          c.competence, c.position, c.result, c.decided_on::text AS "decidedOn", c.resolution,
          m.id AS "meetingId", i.number AS "agendaNumber"
        FROM body_consultations c
        LEFT JOIN bodies b ON b.id = c.body_id
        LEFT JOIN body_agenda_items i ON i.consultation_id = c.id AND i.deleted_at IS NULL
        LEFT JOIN body_meetings m ON m.id = i.meeting_id AND m.deleted_at IS NULL
        WHERE ${where} AND c.deleted_at IS NULL
        ORDER BY c.position, c.meets_on, c.created_at`,
  );
}

/** Adds a step at the end of a paper's Beratungsfolge. */
export async function addConsultation(
  tx: Tx,
  paperId: string,
  input: ConsultationInput,
): Promise<Result<{ id: string }>> {
  const c = ConsultationInput.parse(input);
  const p = await getPaper(tx, paperId);
  if (!p) return fail("bodies.errors.paperNotFound");
  const added = await insertConsultation(tx, paperId, c, p.consultations.length);
  if (added.ok) await tx.execute(sql`UPDATE body_papers SET updated_at = now() WHERE id = ${paperId}`);
  return added;
}

/**
 * Records what a body did with a paper: the result, the day and the resolution text. The only
 * write path for an outcome (the paper page and an agenda item treating the consultation both
 * come here). With `paperId`, only a consultation of that paper.
 */
export async function recordOutcome(
  tx: Tx,
  consultationId: string,
  input: OutcomeInput,
  paperId?: string,
): Promise<Result> {
  const o = OutcomeInput.parse(input);
  if (!isUuid(consultationId)) return fail("bodies.errors.consultationNotFound");
  const [before] = await rows<{ result: string | null; resolution: string | null; paper_id: string }>(
    tx,
    sql`SELECT result, resolution, paper_id FROM body_consultations
        WHERE id = ${consultationId} AND deleted_at IS NULL AND paper_id = coalesce(${paperId ?? null}::uuid, paper_id)
        FOR UPDATE`,
  );
  if (!before) return fail("bodies.errors.consultationNotFound");
  await tx.execute(
    sql`UPDATE body_consultations SET result = ${o.result}, decided_on = ${o.decidedOn}, resolution = ${o.resolution ?? null},
          updated_at = now() WHERE id = ${consultationId}`,
  );
  await tx.execute(sql`UPDATE body_papers SET updated_at = now() WHERE id = ${before.paper_id}`);
  await audit(tx, {
    action: "update",
    entity: "body_consultation",
    entityId: consultationId,
    before: { result: before.result, resolution: before.resolution },
    after: o,
  });
  return ok(undefined);
}

/** Links a consultation named by text to a body of the register (e.g. once the body is entered). */
export async function setConsultationBody(tx: Tx, consultationId: string, bodyId: string): Promise<Result> {
  if (!isUuid(consultationId) || !isUuid(bodyId)) return fail("bodies.errors.consultationNotFound");
  const [b] = await rows(tx, sql`SELECT 1 FROM bodies WHERE id = ${bodyId}`);
  if (!b) return fail("bodies.errors.consultationBody", "bodyId");
  const [r] = await rows(
    tx,
    sql`UPDATE body_consultations SET body_id = ${bodyId}, updated_at = now()
        WHERE id = ${consultationId} AND deleted_at IS NULL RETURNING 1`,
  );
  if (!r) return fail("bodies.errors.consultationNotFound");
  await audit(tx, { action: "update", entity: "body_consultation", entityId: consultationId, after: { bodyId } });
  return ok(undefined);
}

/** Marks a paper deleted (kept, so OParl can list it as deleted); its consultations go with it. */
export async function deletePaper(tx: Tx, id: string): Promise<Result> {
  if (!isUuid(id)) return fail("bodies.errors.paperNotFound");
  const [r] = await rows(
    tx,
    sql`UPDATE body_papers SET deleted_at = now(), updated_at = now() WHERE id = ${id} AND deleted_at IS NULL RETURNING 1`,
  );
  if (!r) return fail("bodies.errors.paperNotFound");
  await tx.execute(
    sql`UPDATE body_consultations SET deleted_at = now(), updated_at = now() WHERE paper_id = ${id} AND deleted_at IS NULL`,
  );
  await audit(tx, { action: "delete", entity: "body_paper", entityId: id });
  return ok(undefined);
}

export interface AdoptingDecision {
  paperId: string;
  number: string;
  title: string;
  consultationId: string;
  body: string;
  decidedOn: string;
  result: "beschlossen" | "geaendert_beschlossen";
  resolution: string | null;
}

/**
 * The recorded decision that adopted a concept edition: a consultation with competence
 * Entscheidung and result (geändert) beschlossen, of a paper that brings the edition. The latest,
 * if a later decision adopted it again. Undefined while none is recorded.
 */
export async function adoptingDecision(tx: Tx, editionId: string): Promise<AdoptingDecision | undefined> {
  if (!isUuid(editionId)) return undefined;
  const [d] = await rows<AdoptingDecision>(
    tx,
    sql`SELECT p.id AS "paperId", p.number, p.title, c.id AS "consultationId", coalesce(b.name, c.body_name) AS body,
          c.decided_on::text AS "decidedOn", c.result, c.resolution
        FROM body_consultations c
        JOIN body_papers p ON p.id = c.paper_id
        LEFT JOIN bodies b ON b.id = c.body_id
        WHERE p.edition_id = ${editionId} AND p.deleted_at IS NULL AND c.deleted_at IS NULL
          AND c.competence = 'entscheidung' AND c.result IN ('beschlossen', 'geaendert_beschlossen')
        ORDER BY c.decided_on DESC, c.position DESC LIMIT 1`,
  );
  return d;
}

/** Consultations an agenda item of this body may treat: its own, or named by text, not yet treated. */
export async function openConsultations(
  tx: Tx,
  bodyId: string,
): Promise<{ id: string; number: string; title: string; body: string }[]> {
  if (!isUuid(bodyId)) return [];
  return rows(
    tx,
    sql`SELECT c.id, p.number, p.title, coalesce(b.name, c.body_name) AS body
        FROM body_consultations c
        JOIN body_papers p ON p.id = c.paper_id AND p.deleted_at IS NULL
        LEFT JOIN bodies b ON b.id = c.body_id
        WHERE c.deleted_at IS NULL AND (c.body_id = ${bodyId} OR c.body_id IS NULL)
          AND NOT EXISTS (SELECT 1 FROM body_agenda_items i WHERE i.consultation_id = c.id AND i.deleted_at IS NULL)
        ORDER BY p.submitted_on DESC, p.number, c.position`,
  );
}
