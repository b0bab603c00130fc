import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "~/kernel/db/client";
import { rows } from "~/kernel/db/context";
import { fail, ok, type Result } from "~/kernel/errors";
import type { Me } from "../core/context";
import type { IdentityDoc } from "../core/documents";
import { keyring, unwrapKey, wrapKey, type Keyring } from "../core/keys";
import { queryGroups, storedCodes } from "./phonetic";

// Name search over a blind index (issue 16 item 5; docs/cases.md "Name search"). A client's name parts
// become Kölner Phonetik codes (phonetic.ts), each code is stored only as HMAC-SHA-256 under the
// network's search key in case_keys.search_tokens (migration 0860), which the request role cannot
// read. A search hashes the query the same way and asks case_name_search(), a SECURITY DEFINER
// function that checks the role, matches, logs each client found and answers per institution only its
// name, contact and number of cases. The name itself is never stored, logged or put into a URL.

/** Bound into every token: a change of the coding makes a new version, never a silent mismatch. */
const TOKEN_PREFIX = "kp1:";
const keyAad = (networkId: string) => `search-key:${networkId}`;

/** The page POSTs the name; nothing else. */
export const NameSearchInput = z.object({
  name: z.string().trim().min(1, "cases.search.errors.twoParts").max(300, "cases.search.errors.tooLong"),
});
export type NameSearchInput = z.infer<typeof NameSearchInput>;

export interface SearchHit {
  institutionId: string;
  institutionName: string;
  contact: string | null;
  /** How many cases the institution has under that name. */
  cases: number;
}

/** The network's search key, made on first use (wrapped under the current master key). */
async function searchKey(tx: Tx, me: Me, ring: Keyring = keyring()): Promise<Buffer> {
  let [k] = await rows<{ kek_id: string; wrapped: Buffer | Uint8Array }>(tx, sql`SELECT * FROM case_search_key()`);
  if (!k) {
    const w = wrapKey(crypto.randomBytes(32), keyAad(me.networkId), ring);
    [k] = await rows(tx, sql`SELECT * FROM case_store_search_key(${w.kekId}, ${w.wrapped})`);
  }
  return unwrapKey(k.kek_id, Buffer.from(k.wrapped), keyAad(me.networkId), ring);
}

const token = (key: Buffer, code: string) =>
  crypto
    .createHmac("sha256", key)
    .update(TOKEN_PREFIX + code)
    .digest();
const byteaArray = (xs: Buffer[]) => `{${xs.map((b) => `"\\\\x${b.toString("hex")}"`).join(",")}}`;

/**
 * Replaces a client's tokens from its identity document; called by the core wherever the identity is
 * written (intake, writeCategory). The database checks that `me` may write the client's identity.
 */
export async function indexClientName(tx: Tx, me: Me, clientId: string, identity: IdentityDoc): Promise<void> {
  const key = await searchKey(tx, me);
  const tokens = storedCodes([identity.familyName, identity.givenNames, identity.nativeName]).map((c) => token(key, c));
  await tx.execute(sql`SELECT case_search_index(${clientId}::uuid, ${byteaArray(tokens)}::bytea[])`);
}

/** Whether `me` may search at all: case_may(…, 'search') in words, checked again by the database. */
export const maySearch = (me: Me | null): me is Me =>
  !!me && ["coordination", "specialist", "lead"].includes(me.role) && me.institutionKind !== "auslaenderbehoerde";

/**
 * Looks for a name across the network's institutions. At least two name parts (given and family name):
 * one common part alone would reveal, and log, too many cases. Every client found is logged as a
 * 'search' event (reason search_hit); the answer names institutions, never a client.
 */
export async function searchName(tx: Tx, me: Me | null, input: unknown): Promise<Result<SearchHit[]>> {
  if (!maySearch(me)) return fail("cases.search.errors.notAllowed");
  const parsed = NameSearchInput.safeParse(input);
  if (!parsed.success) return fail(parsed.error.issues[0]?.message ?? "cases.search.errors.twoParts", "name");
  const groups = queryGroups(parsed.data.name);
  if (groups.length < 2) return fail("cases.search.errors.twoParts", "name");
  const key = await searchKey(tx, me);
  const tokens: Buffer[] = [];
  const parts: number[] = [];
  groups.forEach((g, i) =>
    g.forEach((code) => {
      tokens.push(token(key, code));
      parts.push(i);
    }),
  );
  const found = await rows<SearchHit>(
    tx,
    sql`SELECT institution_id AS "institutionId", institution_name AS "institutionName", contact, cases
      FROM case_name_search(${byteaArray(tokens)}::bytea[], ${`{${parts.join(",")}}`}::int[])`,
  );
  return ok(found);
}

/** Re-wraps every network's search key under the current master key (cases:rotate-key, owner role). */
export async function rewrapSearchKeys(tx: Tx, ring: Keyring = keyring()): Promise<number> {
  const old = await rows<{ network_id: string; kek_id: string; wrapped: Buffer | Uint8Array }>(
    tx,
    sql`SELECT network_id, kek_id, wrapped FROM case_keys.search_keys WHERE kek_id <> ${ring.current} FOR UPDATE`,
  );
  for (const k of old) {
    const key = unwrapKey(k.kek_id, Buffer.from(k.wrapped), keyAad(k.network_id), ring);
    const w = wrapKey(key, keyAad(k.network_id), ring);
    await tx.execute(
      sql`UPDATE case_keys.search_keys SET kek_id = ${w.kekId}, wrapped = ${w.wrapped} WHERE network_id = ${k.network_id}`,
    );
  }
  return old.length;
}
