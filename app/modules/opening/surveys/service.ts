import { createHash, randomBytes, randomInt } from "node:crypto";
import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "~/kernel/db/client";
import { rows } from "~/kernel/db/context";
import { audit } from "~/kernel/audit/service";
import { fail, ok, type Result } from "~/kernel/errors";
import { LANGUAGES } from "./languages";

// Anonymous staff and user surveys (issue 15 items 2 and 3, decision 0041): plain functions over a
// tenant transaction. Staff actions are audited; an answer never is – it is written with nothing
// that could identify or order it (see submitAnswer).

import { DEFAULT_K, MAX_CODES, MIGRATION_ANSWERS, MIN_K, SURVEY_KINDS, SURVEY_MODES, SURVEY_STATES } from "./constants";
export { DEFAULT_K, MAX_CODES, MIGRATION_ANSWERS, MIN_K, SURVEY_KINDS, SURVEY_MODES, SURVEY_STATES };

const E = "opening.surveys.errors";
const isoDate = z.iso.date(`${E}.date`);
const text = (max: number) => z.string().trim().min(1, `${E}.required`).max(max, `${E}.tooLong`);
const share = z.number(`${E}.share`).min(0, `${E}.share`).max(100, `${E}.share`);

export const SurveyInput = z
  .object({
    organisationId: z.uuid().optional(),
    kind: z.enum(SURVEY_KINDS, `${E}.kind`),
    title: text(200),
    opensOn: isoDate,
    closesOn: isoDate,
    periodLabel: text(40),
    mode: z.enum(SURVEY_MODES, `${E}.mode`),
    rolling: z.boolean().default(false),
    headcount: z
      .number(`${E}.headcount`)
      .int(`${E}.headcount`)
      .min(1, `${E}.headcount`)
      .max(10_000_000, `${E}.headcount`),
    benchmarkShare: share.optional(),
    benchmarkSource: text(300).optional(),
    isDemo: z.boolean().optional(),
  })
  .refine((s) => s.closesOn >= s.opensOn, { message: `${E}.closesBeforeOpens`, path: ["closesOn"] })
  .refine((s) => s.benchmarkShare === undefined || !!s.benchmarkSource, {
    message: `${E}.benchmarkSource`,
    path: ["benchmarkSource"],
  });
export type SurveyInput = z.input<typeof SurveyInput>;

export const CouncilInput = z.object({ agreedOn: isoDate, reference: text(500) });
export const UnitInput = z.object({ name: text(200), parentId: z.uuid().optional() });

export const AnswerInput = z.object({
  code: z.string().max(100).optional(),
  migration: z.enum(MIGRATION_ANSWERS, `${E}.migration`),
  languages: z
    .array(z.enum(LANGUAGES.map((l) => l.code) as [string, ...string[]], `${E}.language`))
    .max(40)
    .default([]),
  unitId: z.uuid(`${E}.unit`).optional(),
});
export type AnswerInput = z.input<typeof AnswerInput>;

export interface Survey {
  id: string;
  organisationId: string | null;
  organisationName: string | null;
  kind: (typeof SURVEY_KINDS)[number];
  title: string;
  opensOn: string;
  closesOn: string;
  periodLabel: string;
  mode: (typeof SURVEY_MODES)[number];
  rolling: boolean;
  headcount: number;
  councilAgreedOn: string | null;
  councilReference: string | null;
  benchmarkShare: number | null;
  benchmarkSource: string | null;
  status: (typeof SURVEY_STATES)[number];
  isDemo: boolean;
}

const SURVEY_COLUMNS = sql`s.id, s.organisation_id AS "organisationId", o.name AS "organisationName", s.kind, s.title,
  s.opens_on::text AS "opensOn", s.closes_on::text AS "closesOn", s.period_label AS "periodLabel", s.mode, s.rolling,
  s.headcount, s.council_agreed_on::text AS "councilAgreedOn", s.council_reference AS "councilReference",
  s.benchmark_share::float8 AS "benchmarkShare", s.benchmark_source AS "benchmarkSource", s.status, s.is_demo AS "isDemo"`;

// ——— settings ———

/** The tenant's minimum group size for results (default 10, never below 5). */
export async function surveyK(tx: Tx): Promise<number> {
  const [r] = await rows<{ k: number }>(tx, sql`SELECT survey_k AS k FROM opening_settings`);
  return r?.k ?? DEFAULT_K;
}

export async function setSurveyK(tx: Tx, k: number): Promise<Result> {
  if (!Number.isInteger(k) || k < MIN_K || k > 1000) return fail(`${E}.k`, "k", { min: MIN_K });
  const before = await surveyK(tx);
  await tx.execute(sql`INSERT INTO opening_settings (tenant_id, survey_k) VALUES (app_tenant_id(), ${k})
    ON CONFLICT (tenant_id) DO UPDATE SET survey_k = EXCLUDED.survey_k`);
  await audit(tx, { action: "update", entity: "opening_settings", before: { surveyK: before }, after: { surveyK: k } });
  return ok(undefined);
}

// ——— surveys ———

export async function listSurveys(tx: Tx): Promise<(Survey & { answers: number })[]> {
  return rows(
    tx,
    sql`SELECT ${SURVEY_COLUMNS}, (SELECT count(*)::int FROM opening_survey_answers a WHERE a.survey_id = s.id) AS answers
        FROM opening_surveys s LEFT JOIN organisations o ON o.id = s.organisation_id
        ORDER BY s.opens_on DESC, s.title`,
  );
}

export async function getSurvey(tx: Tx, id: string): Promise<Survey | undefined> {
  if (!z.uuid().safeParse(id).success) return undefined;
  const [s] = await rows<Survey>(
    tx,
    sql`SELECT ${SURVEY_COLUMNS} FROM opening_surveys s LEFT JOIN organisations o ON o.id = s.organisation_id
        WHERE s.id = ${id}`,
  );
  return s;
}

export async function createSurvey(tx: Tx, input: SurveyInput): Promise<Result<{ id: string }>> {
  const s = SurveyInput.parse(input);
  const [r] = await rows<{ id: string }>(
    tx,
    sql`INSERT INTO opening_surveys (tenant_id, organisation_id, kind, title, opens_on, closes_on, period_label, mode,
          rolling, headcount, benchmark_share, benchmark_source, is_demo)
        VALUES (app_tenant_id(), ${s.organisationId ?? null}, ${s.kind}, ${s.title}, ${s.opensOn}, ${s.closesOn},
          ${s.periodLabel}, ${s.mode}, ${s.rolling}, ${s.headcount}, ${s.benchmarkShare ?? null},
          ${s.benchmarkSource ?? null}, ${s.isDemo ?? false}) RETURNING id`,
  );
  await audit(tx, { action: "create", entity: "opening_survey", entityId: r.id, after: s });
  return ok({ id: r.id });
}

/** Changes a survey while it is a draft (mode, period and questions are fixed once it opens). */
export async function updateSurvey(tx: Tx, id: string, input: SurveyInput): Promise<Result> {
  const s = SurveyInput.parse(input);
  const before = await getSurvey(tx, id);
  if (!before) return fail(`${E}.notFound`);
  if (before.status !== "draft") return fail(`${E}.notDraft`);
  await tx.execute(
    sql`UPDATE opening_surveys SET organisation_id = ${s.organisationId ?? null}, kind = ${s.kind}, title = ${s.title},
          opens_on = ${s.opensOn}, closes_on = ${s.closesOn}, period_label = ${s.periodLabel}, mode = ${s.mode},
          rolling = ${s.rolling}, headcount = ${s.headcount}, benchmark_share = ${s.benchmarkShare ?? null},
          benchmark_source = ${s.benchmarkSource ?? null}, updated_at = now()
        WHERE id = ${id}`,
  );
  await audit(tx, { action: "update", entity: "opening_survey", entityId: id, before, after: s });
  return ok(undefined);
}

/** The staff council's (Personalrat's) agreement: the date and its reference or note. */
export async function recordCouncilAgreement(tx: Tx, id: string, input: z.input<typeof CouncilInput>): Promise<Result> {
  const c = CouncilInput.parse(input);
  const s = await getSurvey(tx, id);
  if (!s) return fail(`${E}.notFound`);
  await tx.execute(
    sql`UPDATE opening_surveys SET council_agreed_on = ${c.agreedOn}, council_reference = ${c.reference}, updated_at = now()
        WHERE id = ${id}`,
  );
  await audit(tx, { action: "update", entity: "opening_survey", entityId: id, after: { council: c } });
  return ok(undefined);
}

export interface Unit {
  id: string;
  parentId: string | null;
  name: string;
  position: number;
}

export async function listUnits(tx: Tx, surveyId: string): Promise<Unit[]> {
  return rows(
    tx,
    sql`SELECT id, parent_id AS "parentId", name, position FROM opening_survey_units
        WHERE survey_id = ${surveyId} ORDER BY position, name`,
  );
}

export async function addUnit(
  tx: Tx,
  surveyId: string,
  input: z.input<typeof UnitInput>,
): Promise<Result<{ id: string }>> {
  const u = UnitInput.parse(input);
  const s = await getSurvey(tx, surveyId);
  if (!s) return fail(`${E}.notFound`);
  if (s.status !== "draft") return fail(`${E}.notDraft`);
  const units = await listUnits(tx, surveyId);
  if (units.some((x) => x.name === u.name)) return fail(`${E}.unitTaken`, "name", { name: u.name });
  if (u.parentId && !units.some((x) => x.id === u.parentId)) return fail(`${E}.unit`, "parentId");
  const [r] = await rows<{ id: string }>(
    tx,
    sql`INSERT INTO opening_survey_units (tenant_id, survey_id, parent_id, name, position)
        VALUES (app_tenant_id(), ${surveyId}, ${u.parentId ?? null}, ${u.name}, ${units.length}) RETURNING id`,
  );
  await audit(tx, { action: "create", entity: "opening_survey_unit", entityId: r.id, after: { surveyId, ...u } });
  return ok({ id: r.id });
}

/** Opens a draft survey; refused until the staff council's agreement is recorded. */
export async function openSurvey(tx: Tx, id: string): Promise<Result> {
  const s = await getSurvey(tx, id);
  if (!s) return fail(`${E}.notFound`);
  if (s.status !== "draft") return fail(`${E}.notDraft`);
  if (!s.councilAgreedOn) return fail(`${E}.noCouncil`);
  await tx.execute(sql`UPDATE opening_surveys SET status = 'open', updated_at = now() WHERE id = ${id}`);
  await audit(tx, { action: "status", entity: "opening_survey", entityId: id, after: { status: "open" } });
  return ok(undefined);
}

/**
 * Closes an open survey: unused codes are deleted, a rolling survey releases its last batch if it
 * has at least k answers, and the answers are written anew in random order.
 */
export async function closeSurvey(tx: Tx, id: string): Promise<Result> {
  const s = await getSurvey(tx, id);
  if (!s) return fail(`${E}.notFound`);
  if (s.status !== "open") return fail(`${E}.notOpen`);
  await tx.execute(sql`DELETE FROM opening_survey_codes WHERE survey_id = ${id}`);
  await tx.execute(sql`UPDATE opening_surveys SET status = 'closed', updated_at = now() WHERE id = ${id}`);
  if (s.rolling) {
    const r = await releaseBatch(tx, id);
    if (!r.ok && r.error.code !== `${E}.batchTooSmall`) return r;
  }
  await shuffleAnswers(tx, id);
  await audit(tx, { action: "status", entity: "opening_survey", entityId: id, after: { status: "closed" } });
  return ok(undefined);
}

/**
 * Writes a survey's answers anew, in random order and in one transaction: the table's physical
 * order and the rows' transaction ids (xmin) then tell nothing about who answered when.
 */
async function shuffleAnswers(tx: Tx, surveyId: string): Promise<void> {
  await tx.execute(sql`WITH gone AS (DELETE FROM opening_survey_answers WHERE survey_id = ${surveyId} RETURNING *)
    INSERT INTO opening_survey_answers (tenant_id, survey_id, period_label, migration, languages, unit_id, release_id, is_demo)
    SELECT tenant_id, survey_id, period_label, migration, languages, unit_id, release_id, is_demo FROM gone ORDER BY random()`);
}

// ——— codes ———

// 20 characters of an alphabet without 0/O, 1/I/L: 5 bits each, 100 bits in all.
const ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
const normalise = (code: string) => code.toUpperCase().replace(/[^A-Z0-9]/g, "");
const hashCode = (code: string) => createHash("sha256").update(normalise(code)).digest();

function newCode(): string {
  const bytes = randomBytes(20);
  const chars = [...bytes].map((b) => ALPHABET[b % ALPHABET.length]);
  return [0, 5, 10, 15].map((i) => chars.slice(i, i + 5).join("")).join("-");
}

/**
 * A batch of single-use codes, returned once, in random order, to be printed and handed out. Only
 * their hashes are kept; which code went to whom is recorded nowhere.
 */
export async function generateCodes(tx: Tx, surveyId: string, count: number): Promise<Result<string[]>> {
  const s = await getSurvey(tx, surveyId);
  if (!s) return fail(`${E}.notFound`);
  if (s.mode !== "codes") return fail(`${E}.notCodes`);
  if (s.status === "closed") return fail(`${E}.closed`);
  if (!Number.isInteger(count) || count < 1 || count > MAX_CODES)
    return fail(`${E}.codeCount`, "count", { max: MAX_CODES });
  const codes = Array.from({ length: count }, newCode);
  // Fisher–Yates with the cryptographic generator (the codes are random anyway; the order is too).
  for (let i = codes.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [codes[i], codes[j]] = [codes[j], codes[i]];
  }
  await tx.execute(
    sql`INSERT INTO opening_survey_codes (tenant_id, survey_id, code_hash)
        SELECT app_tenant_id(), ${surveyId}, decode(h, 'hex')
        FROM jsonb_array_elements_text(${JSON.stringify(codes.map((c) => hashCode(c).toString("hex")))}::jsonb) h`,
  );
  await audit(tx, { action: "create", entity: "opening_survey_codes", entityId: surveyId, after: { count } });
  return ok(codes);
}

/** How many answers a survey holds (shown to staff only once it closed or for a rolling survey). */
export async function answerCount(tx: Tx, surveyId: string): Promise<number> {
  const [r] = await rows<{ n: number }>(
    tx,
    sql`SELECT count(*)::int AS n FROM opening_survey_answers WHERE survey_id = ${surveyId}`,
  );
  return r.n;
}

export async function unusedCodes(tx: Tx, surveyId: string): Promise<number> {
  const [r] = await rows<{ n: number }>(
    tx,
    sql`SELECT count(*)::int AS n FROM opening_survey_codes WHERE survey_id = ${surveyId}`,
  );
  return r.n;
}

// ——— answering ———

/** The open survey an unused code belongs to (the code is not used up by looking). */
export async function surveyIdByCode(tx: Tx, code: string): Promise<string | undefined> {
  if (!normalise(code)) return undefined;
  const [r] = await rows<{ id: string }>(
    tx,
    sql`SELECT c.survey_id AS id FROM opening_survey_codes c JOIN opening_surveys s ON s.id = c.survey_id
        WHERE c.code_hash = ${hashCode(code)} AND s.status = 'open'`,
  );
  return r?.id;
}

/** What the respondent's page needs: the survey's title, period and units, whether a code is asked. */
export async function surveyForRespondent(tx: Tx, id: string): Promise<{ survey: Survey; units: Unit[] } | undefined> {
  const survey = await getSurvey(tx, id);
  if (!survey || survey.status !== "open") return undefined;
  return { survey, units: await listUnits(tx, id) };
}

/**
 * Stores one answer. With codes, the code's hash is deleted in the same statement that checks it,
 * so it works once, also under concurrent submissions. The row holds the survey's period label,
 * not a time; its key is random; no audit entry, no user, no address.
 */
export async function submitAnswer(tx: Tx, surveyId: string, input: AnswerInput): Promise<Result> {
  const a = AnswerInput.parse(input);
  const s = await getSurvey(tx, surveyId);
  if (!s || s.status !== "open") return fail(`${E}.notAnswerable`);
  if (a.unitId && !(await listUnits(tx, surveyId)).some((u) => u.id === a.unitId)) return fail(`${E}.unit`, "unitId");
  if (s.mode === "codes") {
    if (!a.code || !normalise(a.code)) return fail(`${E}.codeRequired`, "code");
    const used = await rows(
      tx,
      sql`DELETE FROM opening_survey_codes WHERE survey_id = ${surveyId} AND code_hash = ${hashCode(a.code)} RETURNING 1`,
    );
    if (!used.length) return fail(`${E}.codeInvalid`, "code");
  }
  await tx.execute(
    sql`INSERT INTO opening_survey_answers (tenant_id, survey_id, period_label, migration, languages, unit_id)
        VALUES (app_tenant_id(), ${surveyId}, ${s.periodLabel}, ${a.migration},
          ARRAY(SELECT DISTINCT l FROM jsonb_array_elements_text(${JSON.stringify(a.languages)}::jsonb) l ORDER BY 1), ${a.unitId ?? null})`,
  );
  return ok(undefined);
}

// ——— rolling surveys ———

/** Releases the answers of a rolling survey that are not yet visible, if there are at least k. */
export async function releaseBatch(tx: Tx, surveyId: string): Promise<Result<{ answers: number }>> {
  const s = await getSurvey(tx, surveyId);
  if (!s) return fail(`${E}.notFound`);
  if (!s.rolling) return fail(`${E}.notRolling`);
  const k = await surveyK(tx);
  const [{ n }] = await rows<{ n: number }>(
    tx,
    sql`SELECT count(*)::int AS n FROM opening_survey_answers WHERE survey_id = ${surveyId} AND release_id IS NULL`,
  );
  if (n < k) return fail(`${E}.batchTooSmall`, undefined, { k, n });
  const [r] = await rows<{ id: string }>(
    tx,
    sql`INSERT INTO opening_survey_releases (tenant_id, survey_id, released_on, answers)
        VALUES (app_tenant_id(), ${surveyId}, current_date, ${n}) RETURNING id`,
  );
  await tx.execute(
    sql`UPDATE opening_survey_answers SET release_id = ${r.id} WHERE survey_id = ${surveyId} AND release_id IS NULL`,
  );
  await shuffleAnswers(tx, surveyId);
  await audit(tx, {
    action: "publish",
    entity: "opening_survey_release",
    entityId: r.id,
    after: { surveyId, answers: n },
  });
  return ok({ answers: n });
}

export async function listReleases(tx: Tx, surveyId: string): Promise<{ releasedOn: string; answers: number }[]> {
  return rows(
    tx,
    sql`SELECT released_on::text AS "releasedOn", answers FROM opening_survey_releases
        WHERE survey_id = ${surveyId} ORDER BY released_on, answers`,
  );
}

/** How many answers a rolling survey holds back (not yet in a release). */
export async function unreleasedAnswers(tx: Tx, surveyId: string): Promise<number> {
  const [r] = await rows<{ n: number }>(
    tx,
    sql`SELECT count(*)::int AS n FROM opening_survey_answers WHERE survey_id = ${surveyId} AND release_id IS NULL`,
  );
  return r.n;
}
