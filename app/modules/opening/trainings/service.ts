import { randomInt } from "node:crypto";
import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "~/kernel/db/client";
import { rows } from "~/kernel/db/context";
import { audit } from "~/kernel/audit/service";
import { primarySuppression } from "~/kernel/disclosure";
import { fail, ok, type Result } from "~/kernel/errors";
import type { QuestionKey } from "./questions";

// Trainings (issue 15 item 6): courses, sessions, participants counted per organisational unit, and the
// anonymous evaluation on the seed's scale (004:4178) "1 (trifft voll zu) bis 5 (trifft nicht zu)".
// Results are the share of the best mark (1) per question by half-year against the previous one, as
// the Jobcenter Dortmund reports them (004:4191–4203).

/** The evaluation's questions, verbatim from seed 004 (the figures' titles), with their lines. */
export const EVALUATION_QUESTIONS = [
  {
    key: "insights",
    text: "Ich konnte interkulturelle Informationen und Erkenntnisse gewinnen",
    source: { file: "004", from: 4180, to: 4181 },
  },
  {
    key: "interest",
    text: "Die Veranstaltung hat mein Interesse für das Thema Interkulturelle Öffnung/Sensibilisierung geweckt",
    source: { file: "004", from: 4186, to: 4187 },
  },
] as const;
export const MARKS = [1, 2, 3, 4, 5] as const;

/** A session with fewer evaluations than this shows no result (and adds nothing to a half-year's). */
export const EVALUATION_THRESHOLD = 5;

const E = "opening.trainings.errors";
const isoDate = z.iso.date(`${E}.date`);
const text = (max: number) => z.string().trim().min(1, `${E}.required`).max(max, `${E}.tooLong`);

export const CourseInput = z.object({
  title: text(200),
  description: text(4000).optional(),
  targetGroups: z.array(text(100)).max(20, `${E}.tooMany`).default([]),
  mandatory: z.boolean().default(false),
  isDemo: z.boolean().optional(),
});
export const SessionInput = z.object({ courseId: z.uuid(), heldOn: isoDate, place: text(200) });
export const ParticipantsInput = z.object({
  sessionId: z.uuid(),
  unit: text(200),
  participants: z.number(`${E}.count`).int(`${E}.count`).min(1, `${E}.count`).max(10000, `${E}.count`),
});
const Mark = z.number(`${E}.mark`).int(`${E}.mark`).min(1, `${E}.mark`).max(5, `${E}.mark`);
export const EvaluationInput = z.object({
  code: z
    .string()
    .trim()
    .transform((s) => s.toUpperCase().replace(/[\s-]/g, ""))
    .pipe(z.string().regex(/^[A-Z2-9]{8}$/, `${E}.code`)),
  marks: z.object({ insights: Mark, interest: Mark }),
});

/** The half-year of a date, "2018-H1", and the one before it. */
export const halfYear = (iso: string) => `${iso.slice(0, 4)}-H${Number(iso.slice(5, 7)) <= 6 ? 1 : 2}`;
export const previousHalfYear = (h: string) =>
  h.endsWith("H2") ? `${h.slice(0, 4)}-H1` : `${Number(h.slice(0, 4)) - 1}-H2`;

const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
const newCode = () => Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join("");

export async function createCourse(tx: Tx, input: z.input<typeof CourseInput>): Promise<Result<{ id: string }>> {
  const c = CourseInput.parse(input);
  const [taken] = await rows(tx, sql`SELECT 1 FROM opening_training_courses WHERE title = ${c.title}`);
  if (taken) return fail(`${E}.titleTaken`, "title");
  const [r] = await rows<{ id: string }>(
    tx,
    sql`INSERT INTO opening_training_courses (tenant_id, title, description, target_groups, mandatory, is_demo)
        VALUES (app_tenant_id(), ${c.title}, ${c.description ?? null},
          ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify(c.targetGroups)}::jsonb)), ${c.mandatory}, ${c.isDemo ?? false})
        RETURNING id`,
  );
  await audit(tx, { action: "create", entity: "opening_training_course", entityId: r.id, after: c });
  return ok({ id: r.id });
}

export async function listCourses(tx: Tx) {
  return rows<{
    id: string;
    title: string;
    targetGroups: string[];
    mandatory: boolean;
    isDemo: boolean;
    sessions: number;
    participants: number;
  }>(
    tx,
    sql`SELECT c.id, c.title, c.target_groups AS "targetGroups", c.mandatory, c.is_demo AS "isDemo",
          (SELECT count(*)::int FROM opening_training_sessions s WHERE s.course_id = c.id) AS sessions,
          (SELECT coalesce(sum(p.participants), 0)::int FROM opening_training_participants p
            JOIN opening_training_sessions s ON s.id = p.session_id WHERE s.course_id = c.id) AS participants
        FROM opening_training_courses c ORDER BY c.mandatory DESC, lower(c.title)`,
  );
}

export async function getCourse(tx: Tx, id: string) {
  if (!z.uuid().safeParse(id).success) return null;
  const [c] = await rows<{
    id: string;
    title: string;
    description: string | null;
    targetGroups: string[];
    mandatory: boolean;
    isDemo: boolean;
  }>(
    tx,
    sql`SELECT id, title, description, target_groups AS "targetGroups", mandatory, is_demo AS "isDemo"
        FROM opening_training_courses WHERE id = ${id}`,
  );
  if (!c) return null;
  const sessions = await rows<{ id: string; heldOn: string; place: string; evalCode: string; evalOpen: boolean }>(
    tx,
    sql`SELECT id, held_on::text AS "heldOn", place, eval_code AS "evalCode", eval_open AS "evalOpen"
        FROM opening_training_sessions WHERE course_id = ${id} ORDER BY held_on, place`,
  );
  const units = await rows<{ sessionId: string; unit: string; participants: number }>(
    tx,
    sql`SELECT p.session_id AS "sessionId", p.unit, p.participants FROM opening_training_participants p
        JOIN opening_training_sessions s ON s.id = p.session_id WHERE s.course_id = ${id} ORDER BY p.unit`,
  );
  // Participants per unit over all the course's sessions.
  const perUnit = new Map<string, number>();
  for (const u of units) perUnit.set(u.unit, (perUnit.get(u.unit) ?? 0) + u.participants);
  return {
    ...c,
    sessions: sessions.map((s) => ({ ...s, units: units.filter((u) => u.sessionId === s.id) })),
    units: [...perUnit].map(([unit, participants]) => ({ unit, participants })),
  };
}

export async function addSession(tx: Tx, input: z.input<typeof SessionInput>): Promise<Result<{ id: string }>> {
  const s = SessionInput.parse(input);
  const [c] = await rows(tx, sql`SELECT 1 FROM opening_training_courses WHERE id = ${s.courseId}`);
  if (!c) return fail(`${E}.notFound`);
  for (;;) {
    const code = newCode();
    const [taken] = await rows(tx, sql`SELECT 1 FROM opening_training_sessions WHERE eval_code = ${code}`);
    if (taken) continue;
    const [r] = await rows<{ id: string }>(
      tx,
      sql`INSERT INTO opening_training_sessions (tenant_id, course_id, held_on, place, eval_code)
          VALUES (app_tenant_id(), ${s.courseId}, ${s.heldOn}, ${s.place}, ${code}) RETURNING id`,
    );
    await audit(tx, { action: "create", entity: "opening_training_session", entityId: r.id, after: s });
    return ok({ id: r.id });
  }
}

/** Sets how many of a unit took part in a session (replacing an earlier count). */
export async function setParticipants(tx: Tx, input: z.input<typeof ParticipantsInput>): Promise<Result<undefined>> {
  const p = ParticipantsInput.parse(input);
  const [s] = await rows(tx, sql`SELECT 1 FROM opening_training_sessions WHERE id = ${p.sessionId}`);
  if (!s) return fail(`${E}.notFound`);
  await tx.execute(
    sql`INSERT INTO opening_training_participants (tenant_id, session_id, unit, participants)
        VALUES (app_tenant_id(), ${p.sessionId}, ${p.unit}, ${p.participants})
        ON CONFLICT (session_id, unit) DO UPDATE SET participants = EXCLUDED.participants`,
  );
  await audit(tx, { action: "update", entity: "opening_training_session", entityId: p.sessionId, after: p });
  return ok(undefined);
}

/** Opens or closes a session's evaluation form. */
export async function setEvaluationOpen(tx: Tx, sessionId: string, open: boolean): Promise<Result<undefined>> {
  if (!z.uuid().safeParse(sessionId).success) return fail(`${E}.notFound`);
  const r = await rows(
    tx,
    sql`UPDATE opening_training_sessions SET eval_open = ${open} WHERE id = ${sessionId} RETURNING 1`,
  );
  if (!r.length) return fail(`${E}.notFound`);
  await audit(tx, {
    action: "status",
    entity: "opening_training_session",
    entityId: sessionId,
    after: { evalOpen: open },
  });
  return ok(undefined);
}

/**
 * A participant's evaluation, by the session's code: one row per question with the mark and the
 * session, nothing else (no person, no time). Not audited: the audit log would tie it to a moment.
 */
export async function submitEvaluation(tx: Tx, input: z.input<typeof EvaluationInput>): Promise<Result<undefined>> {
  const e = EvaluationInput.parse(input);
  const [s] = await rows<{ id: string; eval_open: boolean }>(
    tx,
    sql`SELECT id, eval_open FROM opening_training_sessions WHERE eval_code = ${e.code}`,
  );
  if (!s) return fail(`${E}.unknownCode`, "code");
  if (!s.eval_open) return fail(`${E}.closed`, "code");
  for (const q of EVALUATION_QUESTIONS)
    await tx.execute(
      sql`INSERT INTO opening_training_evaluations (tenant_id, session_id, question, mark)
          VALUES (app_tenant_id(), ${s.id}, ${q.key}, ${e.marks[q.key]})`,
    );
  return ok(undefined);
}

/** A share of the best mark, or why it is not shown. */
export interface BestShare {
  /** Evaluations behind the figure. */
  n: number;
  /** Percent of mark 1, null when suppressed or without evaluations. */
  share: number | null;
  suppressed: boolean;
}

const bestShare = (best: number, n: number): BestShare => {
  const value = n ? (100 * best) / n : null;
  // The share is a statistic of the session's n evaluations: hidden when n is 1 … 4.
  const hidden = primarySuppression({ kind: "statistic", value, denominator: n }, EVALUATION_THRESHOLD) !== null;
  return { n, share: hidden ? null : value, suppressed: hidden };
};

export interface SessionResult {
  sessionId: string;
  heldOn: string;
  place: string;
  courseTitle: string;
  evaluations: number;
  questions: Record<QuestionKey, BestShare>;
}

export interface HalfYearResult {
  halfYear: string;
  previous: string;
  /** Sessions with a result (at least EVALUATION_THRESHOLD evaluations) and those left out. */
  sessions: number;
  leftOut: number;
  questions: Record<QuestionKey, { current: BestShare; previous: BestShare | null; change: number | null }>;
}

/**
 * The results per session and per half-year (optionally of one course). A half-year counts only the
 * sessions that show a result, so a hidden session's marks cannot be recovered as the difference
 * between the half-year and its visible sessions.
 */
export async function trainingResults(tx: Tx, courseId?: string) {
  const counts = await rows<{
    session_id: string;
    held_on: string;
    place: string;
    title: string;
    question: QuestionKey;
    n: number;
    best: number;
  }>(
    tx,
    sql`SELECT s.id AS session_id, s.held_on::text, s.place, c.title, e.question,
          count(*)::int AS n, count(*) FILTER (WHERE e.mark = 1)::int AS best
        FROM opening_training_evaluations e
        JOIN opening_training_sessions s ON s.id = e.session_id
        JOIN opening_training_courses c ON c.id = s.course_id
        ${courseId ? sql`WHERE s.course_id = ${courseId}` : sql``}
        GROUP BY s.id, s.held_on, s.place, c.title, e.question
        ORDER BY s.held_on, s.place`,
  );
  const sessions = new Map<string, SessionResult>();
  const raw = new Map<string, Record<string, { n: number; best: number }>>();
  for (const r of counts) {
    let s = sessions.get(r.session_id);
    if (!s) {
      s = {
        sessionId: r.session_id,
        heldOn: r.held_on,
        place: r.place,
        courseTitle: r.title,
        evaluations: 0,
        questions: {} as never,
      };
      sessions.set(r.session_id, s);
      raw.set(r.session_id, {});
    }
    s.questions[r.question] = bestShare(r.best, r.n);
    s.evaluations = Math.max(s.evaluations, r.n);
    raw.get(r.session_id)![r.question] = { n: r.n, best: r.best };
  }
  // Half-year sums over the sessions that show a result.
  const halves = new Map<
    string,
    { sessions: number; leftOut: number; q: Record<string, { n: number; best: number }> }
  >();
  for (const s of sessions.values()) {
    const h = halfYear(s.heldOn);
    const agg = halves.get(h) ?? { sessions: 0, leftOut: 0, q: {} };
    halves.set(h, agg);
    if (Object.values(s.questions).some((q) => q.suppressed)) {
      agg.leftOut++;
      continue;
    }
    agg.sessions++;
    for (const [k, v] of Object.entries(raw.get(s.sessionId)!)) {
      const q = (agg.q[k] ??= { n: 0, best: 0 });
      q.n += v.n;
      q.best += v.best;
    }
  }
  const halfYears: HalfYearResult[] = [...halves.keys()].sort().map((h) => {
    const cur = halves.get(h)!;
    const prev = halves.get(previousHalfYear(h));
    const questions = {} as HalfYearResult["questions"];
    for (const { key } of EVALUATION_QUESTIONS) {
      const current = bestShare(cur.q[key]?.best ?? 0, cur.q[key]?.n ?? 0);
      const previous = prev ? bestShare(prev.q[key]?.best ?? 0, prev.q[key]?.n ?? 0) : null;
      const change = current.share != null && previous?.share != null ? current.share - previous.share : null;
      questions[key] = { current, previous, change };
    }
    return { halfYear: h, previous: previousHalfYear(h), sessions: cur.sessions, leftOut: cur.leftOut, questions };
  });
  return { sessions: [...sessions.values()], halfYears };
}
