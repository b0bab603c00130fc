import crypto from "node:crypto";
import { and, asc, eq, sql } from "drizzle-orm";
import type { Tx } from "~/kernel/db/client";
import { rows } from "~/kernel/db/context";
import { audit } from "~/kernel/audit/service";
import { fail, ok, type Result } from "~/kernel/errors";
import { may, type Me } from "./context";
import {
  DOCUMENTS,
  identityDoc,
  isDocumentCategory,
  statusGroupOf,
  type DocumentCategory,
  type IdentityDoc,
} from "./documents";
import { newClientKey, openDocument, sealDocument, unwrapClientKey } from "./keys";
import { indexClientName } from "../search/service";
import { CATEGORIES, clientData, clients, type AccessAction, type AccessReason, type Category } from "./schema";

// Clients and their category documents. Every function takes the acting staff member (withCase) and
// leaves the decision to the database: it asks case_may() first only to answer with a clear message,
// the policies refuse anyway. Every read and write is logged in case_access_events, content-free.

const ALPHABET = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";
/** A random pseudonym ("IP-7F3Q-92XA"): nothing of the person, unique by the database. */
export function newPseudonym(): string {
  const bytes = crypto.randomBytes(8);
  const c = [...bytes].map((b) => ALPHABET[b % ALPHABET.length]);
  return `IP-${c.slice(0, 4).join("")}-${c.slice(4).join("")}`;
}

/** Records content-free access events: one per client, in the same transaction as the access. */
export async function logAccess(
  tx: Tx,
  me: Me,
  clientIds: readonly string[],
  action: AccessAction,
  reason: AccessReason,
  categories: readonly Category[] = [],
): Promise<void> {
  if (clientIds.length === 0) return;
  await tx.execute(sql`INSERT INTO case_access_events (network_id, staff_id, client_id, categories, action, reason)
    SELECT ${me.networkId}::uuid, ${me.id}::uuid, c, ${`{${categories.join(",")}}`}::text[], ${action}, ${reason}
    FROM unnest(${`{${clientIds.join(",")}}`}::uuid[]) AS c`);
}

/** Why a read happens: a read while the reader's break-glass for this client is open (0882) is logged as one. */
export async function readReason(tx: Tx, me: Me, clientId: string, reason: AccessReason): Promise<AccessReason> {
  const [bg] = await rows<{ open: boolean }>(
    tx,
    sql`SELECT EXISTS (SELECT 1 FROM case_break_glass WHERE client_id = ${clientId}::uuid
      AND requested_by = ${me.id}::uuid AND now() < expires_at) AS open`,
  );
  return bg?.open ? "break_glass" : reason;
}

/** The client's data key, if the acting staff member may see the client at all (case_client_key). */
export async function dataKey(tx: Tx, clientId: string): Promise<Buffer | null> {
  const [k] = await rows<{ kek_id: string; wrapped: Buffer | Uint8Array }>(
    tx,
    sql`SELECT kek_id, wrapped FROM case_client_key(${clientId}::uuid)`,
  );
  return k ? unwrapClientKey(clientId, k.kek_id, Buffer.from(k.wrapped)) : null;
}

export interface IntakeInput {
  identity: IdentityDoc;
  intakeDate: string;
  residenceTitle?: Parameters<typeof statusGroupOf>[0];
  householdId?: string | null;
}

/** Takes a client in at the staff member's own institution and site: metadata, key, identity. */
export async function intakeClient(
  tx: Tx,
  me: Me | null,
  input: IntakeInput,
): Promise<Result<{ id: string; pseudonym: string }>> {
  if (!me || !me.siteId || !["coordination", "specialist"].includes(me.role)) return fail("cases.errors.notAllowed");
  const identity = identityDoc.safeParse(input.identity);
  if (!identity.success) return fail(identity.error.issues[0]?.message ?? "cases.errors.invalid", "identity");
  const id = crypto.randomUUID();
  const pseudonym = newPseudonym();
  // No RETURNING: the new row is not yet visible to case_may() within its own statement.
  await tx.insert(clients).values({
    id,
    networkId: me.networkId,
    pseudonym,
    householdId: input.householdId ?? null,
    ownerInstitutionId: me.institutionId,
    siteId: me.siteId,
    statusGroup: input.residenceTitle ? statusGroupOf(input.residenceTitle) : "unknown",
    intakeDate: input.intakeDate,
  });
  const key = newClientKey(id);
  await tx.execute(sql`SELECT case_store_key(${id}::uuid, ${key.kekId}, ${key.wrapped})`);
  await tx.insert(clientData).values({
    clientId: id,
    networkId: me.networkId,
    category: "identity",
    ciphertext: sealDocument(key.dataKey, id, "identity", identity.data),
    updatedBy: me.id,
  });
  // The name search's blind index (search/service.ts): tokens only, never the name.
  await indexClientName(tx, me, id, identity.data);
  await logAccess(tx, me, [id], "write", "intake", ["identity"]);
  await audit(tx, { action: "create", entity: "case_client", entityId: id });
  return ok({ id, pseudonym });
}

/** Writes one category's document of a client (replacing the previous one); attachments: attachments/. */
export async function writeCategory(
  tx: Tx,
  me: Me | null,
  clientId: string,
  category: DocumentCategory,
  doc: unknown,
): Promise<Result<undefined>> {
  if (!me || !(await may(tx, clientId, category, "write"))) return fail("cases.errors.notAllowed");
  const parsed = DOCUMENTS[category].safeParse(doc);
  if (!parsed.success) return fail(parsed.error.issues[0]?.message ?? "cases.errors.invalid", category);
  const key = await dataKey(tx, clientId);
  if (!key) return fail("cases.errors.noKey");
  const ciphertext = sealDocument(key, clientId, category, parsed.data);
  await tx
    .insert(clientData)
    .values({ clientId, networkId: me.networkId, category, ciphertext, updatedBy: me.id })
    .onConflictDoUpdate({
      target: [clientData.clientId, clientData.category],
      set: { ciphertext, updatedBy: me.id, updatedAt: sql`now()` as unknown as Date },
    });
  if (category === "identity") await indexClientName(tx, me, clientId, parsed.data as IdentityDoc);
  if (category === "residence") {
    const title = (parsed.data as { title: Parameters<typeof statusGroupOf>[0] }).title;
    await tx
      .update(clients)
      .set({ statusGroup: statusGroupOf(title) })
      .where(eq(clients.id, clientId));
  }
  await logAccess(tx, me, [clientId], "write", "edit", [category]);
  await audit(tx, { action: "update", entity: "case_client", entityId: clientId });
  return ok(undefined);
}

export type ClientMeta = typeof clients.$inferSelect;
export interface OpenedClient {
  client: ClientMeta;
  /** The documents of the categories the staff member may read (and that exist). */
  documents: Partial<Record<Category, unknown>>;
  /** The categories the staff member may read, whether or not a document exists yet. */
  readable: Category[];
  writable: Category[];
}

/**
 * Opens a client: the metadata and every category document the database lets through, decrypted;
 * logged as one read event naming the categories shown.
 */
export async function openClient(
  tx: Tx,
  me: Me | null,
  clientId: string,
  reason: AccessReason = "open_case",
  action: "read" | "export" = "read",
  /** Only these categories (an edit form reads the one it edits); all by default. */
  only?: readonly Category[],
): Promise<Result<OpenedClient>> {
  if (!me) return fail("cases.errors.notAllowed");
  const [client] = await tx.select().from(clients).where(eq(clients.id, clientId));
  if (!client) return fail("cases.errors.notFound");
  const perms = await rows<{ category: Category; r: boolean; w: boolean; x: boolean }>(
    tx,
    sql`SELECT c AS category, case_may(${clientId}::uuid, c, 'read') AS r, case_may(${clientId}::uuid, c, 'write') AS w,
      case_may(${clientId}::uuid, c, 'export') AS x
    FROM unnest(${`{${CATEGORIES.join(",")}}`}::text[]) AS c`,
  );
  // Attachments are files with their own read and log (attachments/service.ts), not a document here.
  const allowed = perms
    .filter((p) => (action === "read" ? p.r : p.x) && (!only || only.includes(p.category)))
    .map((p) => p.category)
    .filter(isDocumentCategory);
  const docs = allowed.length
    ? await tx
        .select({ category: clientData.category, ciphertext: clientData.ciphertext })
        .from(clientData)
        .where(
          and(
            eq(clientData.clientId, clientId),
            sql`${clientData.category} = ANY (${`{${allowed.join(",")}}`}::text[])`,
          ),
        )
        .orderBy(asc(clientData.category))
    : [];
  const key = docs.length ? await dataKey(tx, clientId) : null;
  const documents: Partial<Record<Category, unknown>> = {};
  for (const d of docs) {
    if (!key) return fail("cases.errors.noKey");
    documents[d.category] = DOCUMENTS[d.category as DocumentCategory].parse(
      openDocument(key, clientId, d.category, d.ciphertext),
    );
  }
  const why = action === "read" ? await readReason(tx, me, clientId, reason) : reason;
  await logAccess(tx, me, [clientId], action, why, Object.keys(documents) as Category[]);
  return ok({
    client,
    documents,
    readable: perms.filter((p) => p.r).map((p) => p.category),
    writable: perms.filter((p) => p.w).map((p) => p.category),
  });
}

export interface CaseloadRow {
  id: string;
  pseudonym: string;
  siteId: string;
  ownerInstitutionId: string;
  statusGroup: ClientMeta["statusGroup"];
  intakeDate: string;
  state: ClientMeta["state"];
}

/**
 * The clients the staff member may list, newest intake first. Each client shown is logged as a list
 * event; with `names`, the name of each client whose identity the caller may read is decrypted too
 * and its event names the identity category (the other rows stay metadata only).
 */
export async function caseload(
  tx: Tx,
  me: Me | null,
  opts: { limit?: number; offset?: number; names?: boolean } = {},
): Promise<(CaseloadRow & { name?: string })[]> {
  if (!me) return [];
  const list = await tx
    .select({
      id: clients.id,
      pseudonym: clients.pseudonym,
      siteId: clients.siteId,
      ownerInstitutionId: clients.ownerInstitutionId,
      statusGroup: clients.statusGroup,
      intakeDate: clients.intakeDate,
      state: clients.state,
    })
    .from(clients)
    .orderBy(sql`${clients.intakeDate} DESC`, asc(clients.pseudonym))
    .limit(Math.min(opts.limit ?? 50, 200))
    .offset(opts.offset ?? 0);
  const names =
    opts.names && list.length
      ? await namesOf(
          tx,
          list.map((c) => c.id),
        )
      : new Map<string, string>();
  const named = list.filter((c) => names.has(c.id)).map((c) => c.id);
  await logAccess(tx, me, named, "list", "caseload", ["identity"]);
  await logAccess(
    tx,
    me,
    list.filter((c) => !names.has(c.id)).map((c) => c.id),
    "list",
    "caseload",
  );
  return list.map((c) => (names.has(c.id) ? { ...c, name: names.get(c.id) } : c));
}

/**
 * The decrypted documents of `categories` of many clients, where the caller may read them – in one
 * query for the whole list (the policy on case_client_data and case_client_key() decide per row).
 * Reading is not logged here: the caller logs what it displays.
 */
export async function readableDocuments(
  tx: Tx,
  ids: readonly string[],
  categories: readonly Category[],
): Promise<Map<string, Partial<Record<Category, unknown>>>> {
  const out = new Map<string, Partial<Record<Category, unknown>>>();
  if (!ids.length || !categories.length) return out;
  const docs = await rows<{
    client_id: string;
    category: Category;
    ciphertext: Buffer | Uint8Array;
    kek_id: string;
    wrapped: Buffer | Uint8Array;
  }>(
    tx,
    sql`SELECT d.client_id, d.category, d.ciphertext, k.kek_id, k.wrapped
      FROM case_client_data d, LATERAL case_client_key(d.client_id) k
      WHERE d.client_id = ANY (${`{${ids.join(",")}}`}::uuid[]) AND d.category = ANY (${`{${categories.join(",")}}`}::text[])
        AND case_may(d.client_id, d.category, 'read')`,
  );
  for (const d of docs) {
    const key = unwrapClientKey(d.client_id, d.kek_id, Buffer.from(d.wrapped));
    const entry = out.get(d.client_id) ?? {};
    entry[d.category] = openDocument(key, d.client_id, d.category, Buffer.from(d.ciphertext));
    out.set(d.client_id, entry);
  }
  return out;
}

/** "Family name, given names" of the clients whose identity the caller may read. */
async function namesOf(tx: Tx, ids: readonly string[]): Promise<Map<string, string>> {
  const docs = await readableDocuments(tx, ids, ["identity"]);
  const out = new Map<string, string>();
  for (const [id, d] of docs) {
    const doc = identityDoc.parse(d.identity);
    out.set(id, `${doc.familyName}, ${doc.givenNames}`);
  }
  return out;
}

/** Age in whole years on a date (a person is 17 until the day of their 18th birthday). */
export function ageOn(birthDate: string, onDate: string): number {
  const [by, bm, bd] = birthDate.split("-").map(Number);
  const [y, m, d] = onDate.split("-").map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/**
 * Deletes a client for good (coordination of the owning institution): the key goes first, so the
 * documents are unreadable in every backup too; the access log keeps its content-free events.
 */
export async function deleteClient(tx: Tx, me: Me | null, clientId: string): Promise<Result<undefined>> {
  if (!me || me.role !== "coordination" || !(await may(tx, clientId, null, "write")))
    return fail("cases.errors.notAllowed");
  await logAccess(tx, me, [clientId], "write", "edit");
  await tx.execute(sql`SELECT case_delete_client(${clientId}::uuid)`);
  await audit(tx, { action: "delete", entity: "case_client", entityId: clientId });
  return ok(undefined);
}

/**
 * Closes a case (or opens it again) – the owning case workers. The retention period of a closed case
 * runs from `closedOn` (retention/service.ts); an anonymised case stays as it is.
 */
export async function setClientClosed(
  tx: Tx,
  me: Me | null,
  clientId: string,
  closedOn: string | null,
): Promise<Result<undefined>> {
  if (!me || !(await may(tx, clientId, null, "write"))) return fail("cases.errors.notAllowed");
  if (closedOn !== null && !/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(closedOn)) return fail("cases.errors.date", "closedOn");
  const [c] = await tx
    .select({ state: clients.state, intake: clients.intakeDate })
    .from(clients)
    .where(eq(clients.id, clientId));
  if (!c || c.state === "anonymised") return fail("cases.errors.notAllowed");
  if (closedOn !== null && closedOn < c.intake) return fail("cases.errors.closedBeforeIntake", "closedOn");
  await tx
    .update(clients)
    .set(closedOn === null ? { state: "active", closedOn: null } : { state: "closed", closedOn })
    .where(eq(clients.id, clientId));
  await logAccess(tx, me, [clientId], "write", "edit");
  await audit(tx, { action: "status", entity: "case_client", entityId: clientId });
  return ok(undefined);
}
