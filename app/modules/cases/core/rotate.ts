import { sql } from "drizzle-orm";
import type { Database } from "~/kernel/db/client";
import { rows, withSystem } from "~/kernel/db/context";
import { keyring, rewrapClientKey } from "./keys";
import { rewrapSearchKeys } from "../search/service";

/**
 * Re-wraps every client key that is not under the current master key (the last one in CASES_KEY or
 * the key file), in one transaction: a crash leaves every key under its old master key, which is still
 * listed. The same for each network's search key. Afterwards the old master key can be removed from the
 * file. The documents stay as they are.
 */
export async function rotateClientKeys(
  db: Database,
): Promise<{ rewrapped: number; searchKeys: number; current: string }> {
  const ring = keyring();
  return withSystem(db, async (tx) => {
    const old = await rows<{ client_id: string; kek_id: string; wrapped: Buffer | Uint8Array }>(
      tx,
      sql`SELECT client_id, kek_id, wrapped FROM case_keys.client_keys WHERE kek_id <> ${ring.current} FOR UPDATE`,
    );
    for (const k of old) {
      const next = rewrapClientKey(k.client_id, k.kek_id, Buffer.from(k.wrapped), ring);
      await tx.execute(
        sql`UPDATE case_keys.client_keys SET kek_id = ${next.kekId}, wrapped = ${next.wrapped} WHERE client_id = ${k.client_id}`,
      );
    }
    // The networks' search keys too (migration 0860): the key stays, so the name search's tokens stay valid.
    const searchKeys = await rewrapSearchKeys(tx, ring);
    return { rewrapped: old.length, searchKeys, current: ring.current };
  });
}
