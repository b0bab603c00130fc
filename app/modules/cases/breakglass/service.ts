import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "~/kernel/db/client";
import { rows } from "~/kernel/db/context";
import { audit } from "~/kernel/audit/service";
import { fail, ok, type Result } from "~/kernel/errors";
import type { Me } from "../core/context";
import { openClient, type OpenedClient } from "../core/clients";
import { CATEGORIES, type Category } from "../core/schema";

// Break-glass (issue 16 item 5, migration 0882, docs/cases.md "Break-glass"): a case worker or lead of
// another institution asks for emergency read access to named categories of a client, with a reason; a
// coordinator or the lead of the owning institution (another person) approves it for at most 24 hours;
// the owning institution's data-protection officer reviews it afterwards. The database decides
// (case_may, policies, trigger); these functions ask first only to answer with a clear message.

const REQUESTERS = ["coordination", "specialist", "lead"] as const;
const APPROVERS = ["coordination", "lead"] as const;
/**
 * The longest a break-glass stays open after its approval (the table's CHECK allows no more), and the
 * longest a request waits for approval before it is stale (trigger of migration 0886).
 */
export const BREAK_GLASS_HOURS = 24;

export const breakGlassInput = z.object({
  pseudonym: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^IP-[0-9A-HJ-NP-Z]{4}-[0-9A-HJ-NP-Z]{4}$/, "cases.breakglass.errors.pseudonym"),
  categories: z
    .array(z.enum(CATEGORIES, "cases.breakglass.errors.categories"))
    .min(1, "cases.breakglass.errors.categories")
    .max(CATEGORIES.length),
  reason: z.string().trim().min(20, "cases.breakglass.errors.reason").max(1000, "cases.breakglass.errors.reason"),
});

const reviewInput = z.object({
  note: z.string().trim().min(1, "cases.breakglass.errors.note").max(2000, "cases.breakglass.errors.note"),
});

function parsed<T>(schema: z.ZodType<T>, input: unknown): Result<T> {
  const r = schema.safeParse(input);
  if (r.success) return ok(r.data);
  const issue = r.error.issues[0];
  return fail(issue?.message ?? "cases.errors.invalid", String(issue?.path[0] ?? ""));
}

/** Whether the acting staff member may ask for break-glass at all (not volunteers, the ABH, control roles). */
export function mayRequestBreakGlass(me: Me | null): boolean {
  return !!me && (REQUESTERS as readonly string[]).includes(me.role) && me.institutionKind !== "auslaenderbehoerde";
}

/** Asks for emergency access to a client of another institution, found by its pseudonym. */
export async function requestBreakGlass(tx: Tx, me: Me | null, input: unknown): Promise<Result<{ id: string }>> {
  if (!me || !mayRequestBreakGlass(me)) return fail("cases.breakglass.errors.notAllowed");
  const p = parsed(breakGlassInput, input);
  if (!p.ok) return p;
  const { pseudonym, categories, reason } = p.value;
  // A client the requester can list already is either their own institution's (no break-glass there:
  // their own rules apply) or another's on a basis; only the first is refused here.
  const [own] = await rows<{ own: boolean }>(
    tx,
    sql`SELECT owner_institution_id = ${me.institutionId}::uuid AS own FROM case_clients WHERE pseudonym = ${pseudonym}`,
  );
  if (own?.own) return fail("cases.breakglass.errors.ownInstitution", "pseudonym");
  const [r] = await rows<{ id: string | null }>(
    tx,
    sql`SELECT case_break_glass_request(${pseudonym}, ${`{${categories.join(",")}}`}::text[], ${reason}) AS id`,
  );
  if (!r?.id) return fail("cases.breakglass.errors.unknownClient", "pseudonym");
  await audit(tx, { action: "create", entity: "case_break_glass", entityId: r.id });
  return ok({ id: r.id });
}

interface Row {
  id: string;
  clientId: string;
  categories: Category[];
  requestedBy: string;
  reason: string;
  requestedAt: string;
  approvedBy: string | null;
  open: boolean;
  stale: boolean;
  reviewedAt: string | null;
}

async function one(tx: Tx, id: string): Promise<Row | undefined> {
  const [r] = await rows<Row>(
    tx,
    sql`SELECT g.id, g.client_id AS "clientId", g.categories, g.requested_by AS "requestedBy",
      g.reason, g.requested_at AS "requestedAt", g.approved_by AS "approvedBy",
      coalesce(now() < g.expires_at, false) AS open, g.reviewed_at AS "reviewedAt",
      (g.approved_at IS NULL AND g.requested_at < now() - make_interval(hours => ${BREAK_GLASS_HOURS})) AS stale
    FROM case_break_glass g WHERE g.id = ${id}::uuid`,
  );
  return r;
}

/** Approves a request of someone else for a client of the approver's institution: open for 24 hours. */
export async function approveBreakGlass(tx: Tx, me: Me | null, id: string): Promise<Result<undefined>> {
  if (!me || !(APPROVERS as readonly string[]).includes(me.role)) return fail("cases.breakglass.errors.notAllowed");
  const g = z.uuid().safeParse(id).success ? await one(tx, id) : undefined;
  if (!g) return fail("cases.breakglass.errors.notFound");
  if (g.requestedBy === me.id) return fail("cases.breakglass.errors.selfApproval");
  if (g.approvedBy) return fail("cases.breakglass.errors.alreadyApproved");
  if (g.stale) return fail("cases.breakglass.errors.stale");
  await tx.execute(sql`UPDATE case_break_glass SET approved_by = ${me.id}::uuid, approved_at = now(),
    expires_at = now() + make_interval(hours => ${BREAK_GLASS_HOURS}) WHERE id = ${id}::uuid`);
  await audit(tx, { action: "approve", entity: "case_break_glass", entityId: id });
  return ok(undefined);
}

/** The data-protection officer's review of an approved break-glass, with a note; once. */
export async function reviewBreakGlass(tx: Tx, me: Me | null, id: string, input: unknown): Promise<Result<undefined>> {
  if (!me || me.role !== "dpo") return fail("cases.breakglass.errors.notAllowed");
  const p = parsed(reviewInput, input);
  if (!p.ok) return p;
  const g = z.uuid().safeParse(id).success ? await one(tx, id) : undefined;
  if (!g) return fail("cases.breakglass.errors.notFound");
  if (!g.approvedBy) return fail("cases.breakglass.errors.notApproved");
  if (g.reviewedAt) return fail("cases.breakglass.errors.alreadyReviewed");
  await tx.execute(sql`UPDATE case_break_glass SET reviewed_by = ${me.id}::uuid, reviewed_at = now(),
    review_note = ${p.value.note} WHERE id = ${id}::uuid`);
  await audit(tx, { action: "review", entity: "case_break_glass", entityId: id });
  return ok(undefined);
}

/**
 * Opens a client under an approved, unexpired break-glass of the acting staff member: only the named
 * categories, logged as 'break_glass'.
 */
export async function openBreakGlass(tx: Tx, me: Me | null, id: string): Promise<Result<OpenedClient>> {
  if (!me) return fail("cases.breakglass.errors.notAllowed");
  const g = z.uuid().safeParse(id).success ? await one(tx, id) : undefined;
  if (!g || g.requestedBy !== me.id) return fail("cases.breakglass.errors.notFound");
  if (!g.open) return fail("cases.breakglass.errors.notOpen");
  return openClient(tx, me, g.clientId, "break_glass", "read", g.categories);
}

export interface BreakGlassItem {
  id: string;
  clientId: string;
  pseudonym: string | null;
  categories: Category[];
  reason: string;
  requestedAt: string;
  requester: string;
  institution: string;
  approvedAt: string | null;
  expiresAt: string | null;
  open: boolean;
  /** Not approved within BREAK_GLASS_HOURS of the request: it can no longer be approved. */
  stale: boolean;
}

/**
 * What the acting staff member has to do or may use: their own requests, requests awaiting their
 * approval (coordination and lead of the owning institution, not their own) and approved requests
 * awaiting their review (data-protection officer of the owning institution).
 */
export async function listBreakGlass(
  tx: Tx,
  me: Me | null,
): Promise<{ mine: BreakGlassItem[]; toApprove: BreakGlassItem[]; toReview: BreakGlassItem[] }> {
  if (!me) return { mine: [], toApprove: [], toReview: [] };
  const all = await rows<BreakGlassItem & { requestedBy: string; reviewedAt: string | null }>(
    tx,
    sql`SELECT g.id, g.client_id AS "clientId", c.pseudonym, g.categories, g.reason, g.requested_at AS "requestedAt",
      g.requested_by AS "requestedBy", d.display_name AS requester, d.institution_name AS institution,
      g.approved_at AS "approvedAt", g.expires_at AS "expiresAt", g.reviewed_at AS "reviewedAt",
      coalesce(now() < g.expires_at, false) AS open,
      (g.approved_at IS NULL AND g.requested_at < now() - make_interval(hours => ${BREAK_GLASS_HOURS})) AS stale
    FROM case_break_glass g
    JOIN case_staff_directory() d ON d.staff_id = g.requested_by
    LEFT JOIN case_clients c ON c.id = g.client_id
    ORDER BY g.requested_at DESC, g.id`,
  );
  const strip = ({ requestedBy: _r, reviewedAt: _v, ...item }: (typeof all)[number]): BreakGlassItem => item;
  return {
    mine: all.filter((g) => g.requestedBy === me.id).map(strip),
    toApprove: (APPROVERS as readonly string[]).includes(me.role)
      ? all.filter((g) => g.requestedBy !== me.id && !g.approvedAt && !g.stale).map(strip)
      : [],
    toReview: me.role === "dpo" ? all.filter((g) => g.approvedAt && !g.reviewedAt).map(strip) : [],
  };
}
