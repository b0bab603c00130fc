import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "~/kernel/db/client";
import { rows } from "~/kernel/db/context";
import { audit } from "~/kernel/audit/service";
import { fail, ok, type Result } from "~/kernel/errors";
import { may, type Me } from "../core/context";
import { logAccess, readableDocuments } from "../core/clients";
import { familyDoc, identityDoc } from "../core/documents";
import type { Category } from "../core/schema";

// Households (issue 16 item 2; docs/cases.md "Households"). A household is owned by one institution
// and groups clients of that institution; each member keeps its own case and plan. Who belongs to a
// household is the family data of every member, so:
//  - linking or unlinking a client needs write on its category 'family' (the owning institution's
//    case workers at the client's site); a client of another institution is refused, never merged;
//  - the family view shows a member only if the actor may read that member's 'family' too – of the
//    others not even a count (the size of a family is family data of its members);
//  - every member shown is logged as a read, every change as a write of 'family', content-free;
//    the audit log gets household and client ids only.
// Migration 0885 keeps the rest in the database: one owner per household, anonymisation ends the
// membership, an empty household is deleted.

const uuid = z.string().uuid();
const FAMILY: Category[] = ["family"];

interface Meta {
  id: string;
  pseudonym: string;
  householdId: string | null;
  ownerInstitutionId: string;
  state: "active" | "closed" | "anonymised";
}

/** A client's metadata as far as the actor may list it (policy of 0800), or null. */
async function metaOf(tx: Tx, clientId: string): Promise<Meta | null> {
  if (!uuid.safeParse(clientId).success) return null;
  const [m] = await rows<Meta>(
    tx,
    sql`SELECT id, pseudonym, household_id AS "householdId", owner_institution_id AS "ownerInstitutionId", state
      FROM case_clients WHERE id = ${clientId}::uuid`,
  );
  return m ?? null;
}

/** A client the actor may put into or take out of a household, or why not. */
async function writableMember(tx: Tx, me: Me, clientId: string, field?: string): Promise<Result<Meta>> {
  const m = await metaOf(tx, clientId);
  if (!m) return fail("cases.errors.notFound", field);
  if (m.state === "anonymised") return fail("cases.household.errors.anonymised", field);
  if (m.ownerInstitutionId !== me.institutionId) return fail("cases.household.errors.otherOwner", field);
  if (!(await may(tx, clientId, "family", "write"))) return fail("cases.household.errors.notAllowed", field);
  return ok(m);
}

async function recordChange(tx: Tx, me: Me, householdId: string, change: string, clientIds: string[]) {
  await logAccess(tx, me, clientIds, "write", "edit", FAMILY);
  await audit(tx, {
    action: change === "create" ? "create" : "update",
    entity: "case_household",
    entityId: householdId,
    after: { change, clients: clientIds },
  });
}

async function newHousehold(tx: Tx, me: Me): Promise<string> {
  const id = crypto.randomUUID();
  await tx.execute(sql`INSERT INTO case_households (id, network_id, owner_institution_id)
    VALUES (${id}::uuid, ${me.networkId}::uuid, ${me.institutionId}::uuid)`);
  return id;
}

const setHousehold = (tx: Tx, ids: string[], householdId: string | null) =>
  tx.execute(sql`UPDATE case_clients SET household_id = ${householdId}::uuid
    WHERE id = ANY (${`{${ids.join(",")}}`}::uuid[])`);

/** Creates a household owned by the actor's institution with the client as its first member. */
export async function createHousehold(
  tx: Tx,
  me: Me | null,
  clientId: string,
): Promise<Result<{ householdId: string }>> {
  if (!me) return fail("cases.errors.notAllowed");
  const m = await writableMember(tx, me, clientId);
  if (!m.ok) return m;
  if (m.value.householdId) return fail("cases.household.errors.alreadyInHousehold");
  const householdId = await newHousehold(tx, me);
  await setHousehold(tx, [clientId], householdId);
  await recordChange(tx, me, householdId, "create", [clientId]);
  return ok({ householdId });
}

/**
 * Puts two clients into one household: the other joins the client's household, or the client joins
 * the other's, or – if neither has one – a new household takes both. Two different households are
 * not merged (take one member out first): merging would expose both families to each other's staff.
 */
export async function linkToHousehold(
  tx: Tx,
  me: Me | null,
  clientId: string,
  otherId: string,
): Promise<Result<{ householdId: string }>> {
  if (!me) return fail("cases.errors.notAllowed");
  if (clientId === otherId) return fail("cases.household.errors.self", "memberId");
  const a = await writableMember(tx, me, clientId);
  if (!a.ok) return a;
  const b = await writableMember(tx, me, otherId, "memberId");
  if (!b.ok) return b;
  const [ha, hb] = [a.value.householdId, b.value.householdId];
  if (ha && ha === hb) return fail("cases.household.errors.sameHousehold", "memberId");
  if (ha && hb) return fail("cases.household.errors.otherHousehold", "memberId");
  const householdId = ha ?? hb ?? (await newHousehold(tx, me));
  const joining = [a.value, b.value].filter((x) => !x.householdId).map((x) => x.id);
  await setHousehold(tx, joining, householdId);
  await recordChange(tx, me, householdId, ha || hb ? "add" : "create", joining);
  return ok({ householdId });
}

/**
 * Takes a member out of the household of `clientId` (the member may be that client itself). The
 * database deletes the household when no member is left (0885).
 */
export async function leaveHousehold(
  tx: Tx,
  me: Me | null,
  clientId: string,
  memberId: string,
): Promise<Result<undefined>> {
  if (!me) return fail("cases.errors.notAllowed");
  const anchor = await metaOf(tx, clientId);
  // The anchor's household is its family data: whoever may not read that learns nothing of it here.
  if (!anchor || !(await may(tx, clientId, "family", "read"))) return fail("cases.household.errors.notReadable");
  if (!anchor.householdId) return fail("cases.household.errors.noHousehold");
  const m = await writableMember(tx, me, memberId, "memberId");
  if (!m.ok) return m;
  if (m.value.householdId !== anchor.householdId) return fail("cases.household.errors.notMember", "memberId");
  await setHousehold(tx, [memberId], null);
  await recordChange(tx, me, anchor.householdId, "remove", [memberId]);
  return ok(undefined);
}

type FamilyDoc = z.infer<typeof familyDoc>;

/** The name and household role of clients, where the actor may read identity resp. family. */
async function readDocs(
  tx: Tx,
  ids: readonly string[],
  categories: readonly ("identity" | "family")[] = ["identity", "family"],
): Promise<Map<string, { name?: string; role?: FamilyDoc["householdRole"] }>> {
  const out = new Map<string, { name?: string; role?: FamilyDoc["householdRole"] }>();
  for (const [id, d] of await readableDocuments(tx, ids, categories)) {
    const i = d.identity === undefined ? undefined : identityDoc.parse(d.identity);
    out.set(id, {
      ...(i && { name: `${i.familyName}, ${i.givenNames}` }),
      ...(d.family !== undefined && { role: familyDoc.parse(d.family).householdRole }),
    });
  }
  return out;
}

/** Logs the clients a page displayed: one event each, naming identity where the name was shown. */
async function logShown(
  tx: Tx,
  me: Me,
  shown: { id: string; name?: string }[],
  action: "read" | "list",
  reason: "open_case" | "caseload",
  base: Category[],
) {
  const named = shown.filter((s) => s.name !== undefined).map((s) => s.id);
  const unnamed = shown.filter((s) => s.name === undefined).map((s) => s.id);
  await logAccess(tx, me, named, action, reason, ["identity", ...base]);
  await logAccess(tx, me, unnamed, action, reason, base);
}

export interface HouseholdMember {
  id: string;
  pseudonym: string;
  /** "Family name, given names" where the actor may read the member's identity. */
  name?: string;
  role?: FamilyDoc["householdRole"];
  self: boolean;
  /** The actor may take this member out (write on its 'family'). */
  removable: boolean;
  /** The actor may open this member's plan. */
  plan: boolean;
}
export interface HouseholdView {
  pseudonym: string;
  householdId: string | null;
  /** The client itself first, then the other members the actor may see, by pseudonym. */
  members: HouseholdMember[];
}

/**
 * The family view of a client: its household and the members the actor may see (read on each one's
 * 'family'). Nothing is said of the others. Every member shown is logged as a read.
 */
export async function householdOf(tx: Tx, me: Me | null, clientId: string): Promise<Result<HouseholdView>> {
  if (!me) return fail("cases.errors.notAllowed");
  const c = await metaOf(tx, clientId);
  if (!c || !(await may(tx, clientId, "family", "read"))) return fail("cases.household.errors.notReadable");
  const list = c.householdId
    ? await rows<{ id: string; pseudonym: string; removable: boolean; plan: boolean }>(
        tx,
        sql`SELECT id, pseudonym, case_may(id, 'family', 'write') AS removable, case_may(id, 'plan', 'read') AS plan
          FROM case_clients WHERE household_id = ${c.householdId}::uuid AND case_may(id, 'family', 'read')
          ORDER BY id = ${clientId}::uuid DESC, pseudonym`,
      )
    : [];
  const docs = await readDocs(
    tx,
    list.map((m) => m.id),
  );
  const members = list.map((m) => ({ ...m, ...docs.get(m.id), self: m.id === clientId }));
  // The client itself is read (its family data: in a household or not) even when alone.
  await logShown(tx, me, members.length ? members : [{ id: clientId }], "read", "open_case", FAMILY);
  return ok({ pseudonym: c.pseudonym, householdId: c.householdId, members });
}

export interface HouseholdCandidate {
  id: string;
  pseudonym: string;
  name?: string;
  inHousehold: boolean;
}

/**
 * The clients the actor could link with `clientId`: of the actor's institution, not anonymised,
 * with write on 'family' – without a household if the client has one, else any (the client then
 * joins theirs). At most 200, by pseudonym; each one shown is logged as a list event.
 */
export async function householdCandidates(tx: Tx, me: Me | null, clientId: string): Promise<HouseholdCandidate[]> {
  if (!me) return [];
  const c = await metaOf(tx, clientId);
  if (!c || !(await may(tx, clientId, "family", "write"))) return [];
  const list = await rows<{ id: string; pseudonym: string; inHousehold: boolean }>(
    tx,
    sql`SELECT id, pseudonym, household_id IS NOT NULL AS "inHousehold" FROM case_clients
      WHERE id <> ${clientId}::uuid AND state <> 'anonymised' AND owner_institution_id = ${me.institutionId}::uuid
        AND (${c.householdId}::uuid IS NULL OR household_id IS NULL) AND case_may(id, 'family', 'write')
      ORDER BY pseudonym LIMIT 200`,
  );
  const docs = await readDocs(
    tx,
    list.map((m) => m.id),
    ["identity"],
  );
  const shown = list.map((m) => ({ ...m, name: docs.get(m.id)?.name }));
  await logShown(tx, me, shown, "list", "caseload", FAMILY);
  return shown;
}
