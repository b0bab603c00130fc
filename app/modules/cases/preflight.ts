import { sql } from "drizzle-orm";
import type { Database } from "~/kernel/db/client";
import { rows, withSystem } from "~/kernel/db/context";
import { ConfigError, config } from "~/kernel/config";
import type { Log } from "~/kernel/modules";
import { createKeyFile, keyFilePath, keyring, resetKeyring } from "./core/keys";

/**
 * Before the server serves: the master key must be there (decision 0044). Only an embedded database
 * that holds no client key yet – a first start with `npm start` – gets a fresh key file of its own;
 * anywhere else a missing key stops the start, since a new key could never read the existing data.
 */
export async function preflight(db: Database, log: Log): Promise<void> {
  try {
    keyring();
    return;
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    const c = config();
    if (db.kind !== "pglite" || c.casesKey || c.casesKeyFile) throw e;
    const [{ n }] = await withSystem(db, (tx) =>
      rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM case_keys.client_keys`),
    );
    if (n > 0) throw e;
    const file = keyFilePath();
    createKeyFile(file);
    resetKeyring();
    keyring();
    log(`Fallarbeit: neuer Hauptschlüssel in ${file} – getrennt von der Datenbank sichern.`);
  }
}
