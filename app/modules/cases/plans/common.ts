import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "~/kernel/db/client";
import { rows } from "~/kernel/db/context";
import { isIsoDate } from "~/kernel/dates";
import { fail, ok, type Failure, type Result } from "~/kernel/errors";
import { dataKey } from "../core/clients";
import { openDocument, sealDocument } from "../core/keys";

// What the plan services share: input pieces, the failure of a Zod parse as a key, the day the rules
// count as today (app_case_today(): tests move it), and free text sealed under the client's key.

export const isoDate = z.string().refine(isIsoDate, "cases.plans.errors.date");
export const id = z.uuid("cases.plans.errors.invalid");
/** Free text about a person: stored only as ciphertext. */
export const freeText = (max: number) => z.string().trim().min(1, "cases.plans.errors.required").max(max);

export function invalid(error: z.ZodError): Failure {
  const issue = error.issues[0];
  const key = issue?.message && /^cases\./.test(issue.message) ? issue.message : "cases.plans.errors.invalid";
  return fail(key, issue?.path.map(String).join(".") || undefined);
}

export async function today(tx: Tx): Promise<string> {
  const [r] = await rows<{ d: string }>(tx, sql`SELECT app_case_today()::text AS d`);
  return r.d;
}

/**
 * Seals a piece of free text of a client under its data key; `what` ("conference:<id>:minutes")
 * goes into the associated data, so the ciphertext cannot be moved to another row or field.
 */
export async function sealText(tx: Tx, clientId: string, what: string, text: string): Promise<Buffer | null> {
  const key = await dataKey(tx, clientId);
  return key ? sealDocument(key, clientId, what, { text }) : null;
}

/** Seals optional free text: null for none, a failure if the key is not the caller's to have. */
export async function sealOptional(
  tx: Tx,
  clientId: string,
  what: string,
  text: string | undefined,
): Promise<Result<Buffer | null>> {
  if (!text) return ok(null);
  const sealed = await sealText(tx, clientId, what, text);
  return sealed ? ok(sealed) : fail("cases.plans.errors.noKey");
}

/** Opens what sealText sealed; null if the key is not the caller's to have. */
export async function openText(tx: Tx, clientId: string, what: string, sealed: Buffer | null): Promise<string | null> {
  if (!sealed) return null;
  const key = await dataKey(tx, clientId);
  if (!key) return null;
  return (openDocument(key, clientId, what, sealed) as { text: string }).text;
}
