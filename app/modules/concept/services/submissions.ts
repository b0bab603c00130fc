import { asc, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "~/kernel/db/client";
import { audit } from "~/kernel/audit/service";
import { submissionMeasures, submissions, submissionSteps } from "../schema";
import { fail, ok, type Result } from "./concept";
import { isIsoDate } from "~/kernel/dates";

const tenant = sql`app_tenant_id()` as unknown as string;
// A real calendar date: 31.02. is refused here rather than by the database.
const date = z.string().refine(isIsoDate, "validation.date");

export const StepInput = z.object({
  meetsOn: date,
  body: z.string().trim().min(2, "concept.errors.stepBodyRequired").max(300),
  bodyShort: z.string().trim().max(20).nullish(),
  competence: z.enum(["kenntnisnahme", "entscheidung"], { message: "concept.errors.competence" }),
  outcome: z.string().trim().max(2000).nullish(),
});

export const SubmissionInput = z.object({
  number: z.string().trim().min(3, "concept.errors.submissionNumberRequired").max(60),
  title: z.string().trim().min(3, "concept.errors.subjectRequired").max(500),
  submittedOn: date,
  status: z
    .enum(["öffentlich", "nichtöffentlich"], { message: "concept.errors.submissionStatus" })
    .default("öffentlich"),
  leadOffice: z.string().trim().min(2, "concept.errors.leadOfficeRequired").max(300),
  involvedOffices: z.string().trim().max(1000).nullish(),
  proposal: z.string().trim().max(20000).nullish(),
  financialImpact: z.string().trim().max(5000).nullish(),
  explanation: z.string().trim().max(100000).nullish(),
  decision: z.string().trim().max(20000).nullish(),
  attachments: z.array(z.string().trim().min(1).max(300)).default([]),
  editionId: z.string().uuid().nullish(),
  steps: z.array(StepInput).default([]),
  measureIds: z.array(z.string().uuid()).default([]),
});
export type SubmissionInput = z.infer<typeof SubmissionInput>;
export type Submission = typeof submissions.$inferSelect;

export async function createSubmission(tx: Tx, input: SubmissionInput): Promise<Result<Submission>> {
  const [dupe] = await tx.select({ id: submissions.id }).from(submissions).where(eq(submissions.number, input.number));
  if (dupe) return fail("concept.errors.submissionNumberTaken", "number", { number: input.number });
  const { steps, measureIds, ...rest } = input;
  const [s] = await tx
    .insert(submissions)
    .values({
      tenantId: tenant,
      ...rest,
      involvedOffices: rest.involvedOffices ?? null,
      proposal: rest.proposal ?? null,
      financialImpact: rest.financialImpact ?? null,
      explanation: rest.explanation ?? null,
      decision: rest.decision ?? null,
      editionId: rest.editionId ?? null,
    })
    .returning();
  if (steps.length)
    await tx.insert(submissionSteps).values(
      steps.map((st, i) => ({
        tenantId: tenant,
        submissionId: s.id,
        ...st,
        bodyShort: st.bodyShort ?? null,
        outcome: st.outcome ?? null,
        position: i,
      })),
    );
  if (measureIds.length)
    await tx
      .insert(submissionMeasures)
      .values([...new Set(measureIds)].map((m) => ({ tenantId: tenant, submissionId: s.id, measureId: m })));
  await audit(tx, {
    action: "create",
    entity: "concept_submission",
    entityId: s.id,
    after: { ...s, steps, measureIds },
  });
  return ok(s);
}

export async function listSubmissions(tx: Tx) {
  return tx.select().from(submissions).orderBy(desc(submissions.submittedOn));
}

export async function getSubmission(tx: Tx, id: string) {
  if (!z.string().uuid().safeParse(id).success) return undefined;
  const [s] = await tx.select().from(submissions).where(eq(submissions.id, id));
  if (!s) return undefined;
  const steps = await tx
    .select()
    .from(submissionSteps)
    .where(eq(submissionSteps.submissionId, id))
    .orderBy(asc(submissionSteps.position), asc(submissionSteps.meetsOn));
  const links = await tx.select().from(submissionMeasures).where(eq(submissionMeasures.submissionId, id));
  return { ...s, steps, measureIds: links.map((l) => l.measureId) };
}

export async function addStep(
  tx: Tx,
  submissionId: string,
  input: z.infer<typeof StepInput>,
): Promise<Result<undefined>> {
  const s = await getSubmission(tx, submissionId);
  if (!s) return fail("concept.errors.submissionNotFound");
  const [st] = await tx
    .insert(submissionSteps)
    .values({
      tenantId: tenant,
      submissionId,
      ...input,
      bodyShort: input.bodyShort ?? null,
      outcome: input.outcome ?? null,
      position: s.steps.length,
    })
    .returning();
  await audit(tx, { action: "create", entity: "concept_submission_step", entityId: st.id, after: st });
  return ok(undefined);
}

/** Links a measure to a Vorlage (e.g. the submission that adopted or reported on it). */
export async function linkMeasure(tx: Tx, submissionId: string, measureId: string): Promise<Result<undefined>> {
  const s = await getSubmission(tx, submissionId);
  if (!s) return fail("concept.errors.submissionNotFound", "submissionId");
  if (s.measureIds.includes(measureId))
    return fail("concept.errors.alreadyLinked", "submissionId", { number: s.number });
  await tx.insert(submissionMeasures).values({ tenantId: tenant, submissionId, measureId });
  await audit(tx, {
    action: "create",
    entity: "concept_submission_measure",
    entityId: submissionId,
    after: { submissionId, measureId },
  });
  return ok(undefined);
}

export async function submissionsOfMeasure(tx: Tx, measureId: string) {
  return tx
    .select({
      id: submissions.id,
      number: submissions.number,
      title: submissions.title,
      submittedOn: submissions.submittedOn,
    })
    .from(submissions)
    .innerJoin(submissionMeasures, eq(submissionMeasures.submissionId, submissions.id))
    .where(eq(submissionMeasures.measureId, measureId));
}
