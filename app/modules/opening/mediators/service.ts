import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "~/kernel/db/client";
import { audit } from "~/kernel/audit/service";
import { isIsoDate } from "~/kernel/dates";
import { fail, ok, type Result } from "~/kernel/errors";
import { organisations } from "~/kernel/db/schema";
import { LANGUAGES } from "../surveys/languages";
import { mediationRequests, mediatorLanguages, mediators, MEDIATOR_KINDS, type RequestStatus } from "./schema";

// The language-mediator pool (issue 15 item 5). Plain functions over a tenant transaction.
const E = "opening.mediators.errors";
const uuid = z.string().uuid();
const CODES = LANGUAGES.map((l) => l.code) as [string, ...string[]];
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((s) => s || null)
    .nullable()
    .optional();

export const MediatorInput = z.object({
  name: z.string().trim().min(1).max(200),
  kind: z.enum(MEDIATOR_KINDS, { message: `${E}.kind` }),
  languages: z.array(z.enum(CODES, { message: `${E}.language` })).min(1, `${E}.noLanguage`),
  organisationId: uuid.nullable().optional(),
  email: z
    .string()
    .trim()
    .email()
    .max(200)
    .nullable()
    .optional()
    .or(z.literal("").transform(() => null)),
  phone: optionalText(50),
  qualification: optionalText(500),
  qualificationHours: z.coerce.number().int().min(0).max(2000).nullable().optional(),
  examPassed: z.boolean().default(false),
  pledgedOn: z.string().refine(isIsoDate, `${E}.date`).nullable().optional(),
  listingConsent: z.boolean().default(false),
  availability: optionalText(500),
});
export type MediatorInput = z.input<typeof MediatorInput>;

/** A mediator joins the pool; the languages they speak come with them. */
export async function addMediator(
  tx: Tx,
  raw: MediatorInput,
  opts: { isDemo?: boolean; userId?: string | null } = {},
): Promise<Result<{ id: string }>> {
  const input = MediatorInput.parse(raw);
  const [dupe] = await tx
    .select({ id: mediators.id })
    .from(mediators)
    .where(sql`lower(${mediators.name}) = lower(${input.name})`);
  if (dupe) return fail(`${E}.nameTaken`, "name", { name: input.name });
  if (input.organisationId) {
    const [o] = await tx
      .select({ id: organisations.id })
      .from(organisations)
      .where(eq(organisations.id, input.organisationId));
    if (!o) return fail(`${E}.organisation`, "organisationId");
  }
  const { languages, ...rest } = input;
  const [m] = await tx
    .insert(mediators)
    .values({
      ...rest,
      tenantId: sql`app_tenant_id()` as unknown as string,
      isDemo: opts.isDemo ?? false,
      userId: opts.userId ?? null,
    })
    .returning();
  await tx.insert(mediatorLanguages).values(
    [...new Set(languages)].map((language) => ({
      tenantId: sql`app_tenant_id()` as unknown as string,
      mediatorId: m.id,
      language,
    })),
  );
  await audit(tx, { action: "create", entity: "opening_mediator", entityId: m.id, after: { ...m, languages } });
  return ok({ id: m.id });
}

/** Records the confidentiality pledge (the day it was signed): from then on the mediator can be assigned. */
export async function recordPledge(tx: Tx, id: string, pledgedOn: string): Promise<Result<undefined>> {
  if (!uuid.safeParse(id).success) return fail(`${E}.mediator`);
  if (!isIsoDate(pledgedOn)) return fail(`${E}.date`, "pledgedOn");
  const [m] = await tx.update(mediators).set({ pledgedOn }).where(eq(mediators.id, id)).returning({ id: mediators.id });
  if (!m) return fail(`${E}.mediator`);
  await audit(tx, { action: "update", entity: "opening_mediator", entityId: id, after: { pledgedOn } });
  return ok(undefined);
}

export interface MediatorListItem {
  id: string;
  name: string;
  kind: (typeof MEDIATOR_KINDS)[number];
  organisation: string | null;
  languages: string[];
  qualification: string | null;
  qualificationHours: number | null;
  examPassed: boolean;
  pledgedOn: string | null;
  listingConsent: boolean;
  availability: string | null;
  email: string | null;
  phone: string | null;
  active: boolean;
  isDemo: boolean;
}

/**
 * The pool. Who only requests mediators (`listedOnly`) sees those who consented to be listed, and no
 * contact details; the pool's managers see everyone.
 */
export async function listMediators(
  tx: Tx,
  opts: { listedOnly: boolean; language?: string | null },
): Promise<MediatorListItem[]> {
  const rows = await tx
    .select({
      id: mediators.id,
      name: mediators.name,
      kind: mediators.kind,
      organisation: organisations.name,
      languages: sql<
        string[]
      >`coalesce((SELECT array_agg(l.language ORDER BY l.language) FROM opening_mediator_languages l
        WHERE l.mediator_id = opening_mediators.id), '{}')`,
      qualification: mediators.qualification,
      qualificationHours: mediators.qualificationHours,
      examPassed: mediators.examPassed,
      pledgedOn: mediators.pledgedOn,
      listingConsent: mediators.listingConsent,
      availability: mediators.availability,
      email: mediators.email,
      phone: mediators.phone,
      active: mediators.active,
      isDemo: mediators.isDemo,
    })
    .from(mediators)
    .leftJoin(organisations, eq(organisations.id, mediators.organisationId))
    .where(
      and(
        opts.listedOnly ? and(eq(mediators.listingConsent, true), eq(mediators.active, true)) : undefined,
        opts.language
          ? sql`EXISTS (SELECT 1 FROM opening_mediator_languages l WHERE l.mediator_id = opening_mediators.id AND l.language = ${opts.language})`
          : undefined,
      ),
    )
    .orderBy(asc(mediators.name));
  return opts.listedOnly ? rows.map((r) => ({ ...r, email: null, phone: null })) : rows;
}

export const RequestInput = z.object({
  department: z.string().trim().min(1).max(200),
  language: z.enum(CODES, { message: `${E}.language` }),
  onDate: z.string().refine(isIsoDate, `${E}.date`),
  atTime: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, `${E}.time`)
    .nullable()
    .optional()
    .or(z.literal("").transform(() => null)),
  place: z.string().trim().min(1).max(300),
  purpose: optionalText(2000),
});
export type RequestInput = z.input<typeof RequestInput>;

/** A department asks for a mediator; the request gets the next opaque reference of its year. */
export async function requestMediation(
  tx: Tx,
  raw: RequestInput,
  opts: { isDemo?: boolean } = {},
): Promise<Result<{ id: string; reference: string }>> {
  const input = RequestInput.parse(raw);
  const year = input.onDate.slice(0, 4);
  // Serialises numbering per tenant and year: two requests at once cannot take the same number.
  await tx.execute(
    sql`SELECT pg_advisory_xact_lock(hashtext('opening_mediation_ref:' || app_tenant_id()::text || ${year}))`,
  );
  const [{ n }] = await tx
    .select({ n: sql<number>`coalesce(max(substring(${mediationRequests.reference} from 9)::int), 0)::int` })
    .from(mediationRequests)
    .where(sql`${mediationRequests.reference} LIKE ${`SM-${year}-%`}`);
  const reference = `SM-${year}-${String(n + 1).padStart(4, "0")}`;
  const [r] = await tx
    .insert(mediationRequests)
    .values({ ...input, reference, tenantId: sql`app_tenant_id()` as unknown as string, isDemo: opts.isDemo ?? false })
    .returning();
  await audit(tx, { action: "create", entity: "opening_mediation_request", entityId: r.id, after: r });
  return ok({ id: r.id, reference });
}

async function requestRow(tx: Tx, id: string) {
  if (!uuid.safeParse(id).success) return undefined;
  const [r] = await tx.select().from(mediationRequests).where(eq(mediationRequests.id, id));
  return r;
}

/** Assigns a mediator: only one who signed the pledge, is active and speaks the request's language. */
export async function assignMediator(tx: Tx, requestId: string, mediatorId: string): Promise<Result<undefined>> {
  const r = await requestRow(tx, requestId);
  if (!r) return fail(`${E}.request`);
  if (r.status === "done" || r.status === "cancelled") return fail(`${E}.closed`);
  if (!uuid.safeParse(mediatorId).success) return fail(`${E}.mediator`, "mediatorId");
  const [m] = await tx
    .select({
      pledgedOn: mediators.pledgedOn,
      active: mediators.active,
      speaks: sql<boolean>`EXISTS (SELECT 1 FROM opening_mediator_languages l WHERE l.mediator_id = ${mediatorId} AND l.language = ${r.language})`,
    })
    .from(mediators)
    .where(eq(mediators.id, mediatorId));
  if (!m) return fail(`${E}.mediator`, "mediatorId");
  if (!m.pledgedOn) return fail(`${E}.notPledged`, "mediatorId");
  if (!m.active) return fail(`${E}.inactive`, "mediatorId");
  if (!m.speaks) return fail(`${E}.notSpeaking`, "mediatorId");
  await tx.update(mediationRequests).set({ mediatorId, status: "assigned" }).where(eq(mediationRequests.id, r.id));
  await audit(tx, {
    action: "update",
    entity: "opening_mediation_request",
    entityId: r.id,
    before: { status: r.status, mediatorId: r.mediatorId },
    after: { status: "assigned", mediatorId },
  });
  return ok(undefined);
}

/** Closes an assignment with the hours it took (for the yearly hours per language), or cancels a request. */
export async function finishRequest(
  tx: Tx,
  requestId: string,
  to: "done" | "cancelled",
  hours?: number | null,
): Promise<Result<undefined>> {
  const r = await requestRow(tx, requestId);
  if (!r) return fail(`${E}.request`);
  if (r.status === "done" || r.status === "cancelled") return fail(`${E}.closed`);
  if (to === "done") {
    if (r.status !== "assigned") return fail(`${E}.notAssigned`);
    const h = z.number().positive().max(24).safeParse(hours);
    if (!h.success) return fail(`${E}.hours`, "hours");
    await tx
      .update(mediationRequests)
      .set({ status: "done", hours: String(h.data) })
      .where(eq(mediationRequests.id, r.id));
  } else {
    await tx
      .update(mediationRequests)
      .set({ status: "cancelled", mediatorId: null })
      .where(eq(mediationRequests.id, r.id));
  }
  await audit(tx, {
    action: "update",
    entity: "opening_mediation_request",
    entityId: r.id,
    before: { status: r.status },
    after: { status: to, hours: hours ?? null },
  });
  return ok(undefined);
}

export interface RequestListItem {
  id: string;
  reference: string;
  department: string;
  language: string;
  onDate: string;
  atTime: string | null;
  place: string;
  purpose: string | null;
  status: RequestStatus;
  mediator: string | null;
  hours: string | null;
  isDemo: boolean;
}

export async function listRequests(tx: Tx): Promise<RequestListItem[]> {
  return tx
    .select({
      id: mediationRequests.id,
      reference: mediationRequests.reference,
      department: mediationRequests.department,
      language: mediationRequests.language,
      onDate: mediationRequests.onDate,
      atTime: mediationRequests.atTime,
      place: mediationRequests.place,
      purpose: mediationRequests.purpose,
      status: mediationRequests.status,
      mediator: mediators.name,
      hours: mediationRequests.hours,
      isDemo: mediationRequests.isDemo,
    })
    .from(mediationRequests)
    .leftJoin(mediators, eq(mediators.id, mediationRequests.mediatorId))
    .orderBy(desc(mediationRequests.onDate), desc(mediationRequests.reference));
}

/** Pledged, active mediators per language, for the assignment forms (one query for all requests). */
export async function eligibleByLanguage(
  tx: Tx,
  languages: string[],
): Promise<Record<string, { id: string; name: string }[]>> {
  if (!languages.length) return {};
  const rows = await tx
    .select({ id: mediators.id, name: mediators.name, language: mediatorLanguages.language })
    .from(mediators)
    .innerJoin(mediatorLanguages, eq(mediatorLanguages.mediatorId, mediators.id))
    .where(
      and(
        inArray(mediatorLanguages.language, languages),
        eq(mediators.active, true),
        sql`${mediators.pledgedOn} IS NOT NULL`,
      ),
    )
    .orderBy(asc(mediators.name));
  const out: Record<string, { id: string; name: string }[]> = {};
  for (const r of rows) (out[r.language] ??= []).push({ id: r.id, name: r.name });
  return out;
}

/** Hours of finished assignments per language and year. */
export async function hoursByLanguage(
  tx: Tx,
): Promise<{ year: number; language: string; hours: number; assignments: number }[]> {
  const rows = await tx
    .select({
      year: sql<number>`extract(year FROM ${mediationRequests.onDate})::int`,
      language: mediationRequests.language,
      hours: sql<string>`sum(${mediationRequests.hours})`,
      assignments: sql<number>`count(*)::int`,
    })
    .from(mediationRequests)
    .where(eq(mediationRequests.status, "done"))
    .groupBy(sql`1`, mediationRequests.language)
    .orderBy(sql`1 DESC`, mediationRequests.language);
  return rows.map((r) => ({ ...r, hours: Number(r.hours) }));
}

/**
 * What a mediator sees of their assignments: date, time, place, language and the opaque reference –
 * never the department's purpose. Selected column by column, so nothing else can slip through.
 */
export async function assignmentsOf(
  tx: Tx,
  userId: string,
): Promise<
  { reference: string; onDate: string; atTime: string | null; place: string; language: string; status: RequestStatus }[]
> {
  return tx
    .select({
      reference: mediationRequests.reference,
      onDate: mediationRequests.onDate,
      atTime: mediationRequests.atTime,
      place: mediationRequests.place,
      language: mediationRequests.language,
      status: mediationRequests.status,
    })
    .from(mediationRequests)
    .innerJoin(mediators, eq(mediators.id, mediationRequests.mediatorId))
    .where(and(eq(mediators.userId, userId), inArray(mediationRequests.status, ["assigned", "done"])))
    .orderBy(asc(mediationRequests.onDate));
}
