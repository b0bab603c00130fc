import { sql } from "drizzle-orm";
import type { Database } from "~/kernel/db/client";
import { rows, withSystem } from "~/kernel/db/context";

// Test-only (imported by *.db.test.ts files): what is left of attachments, seen by the owning role.

/** Rows of case_attachments plus case_attachment_contents of a client, or of one attachment. */
export async function attachmentRowsLeft(db: Database, of: { clientId: string } | { id: string }): Promise<number> {
  const [r] = await withSystem(db, (tx) =>
    rows<{ n: number }>(
      tx,
      "clientId" in of
        ? sql`SELECT (SELECT count(*) FROM case_attachments WHERE client_id = ${of.clientId}::uuid)
            + (SELECT count(*) FROM case_attachment_contents WHERE client_id = ${of.clientId}::uuid) AS n`
        : sql`SELECT (SELECT count(*) FROM case_attachments WHERE id = ${of.id}::uuid)
            + (SELECT count(*) FROM case_attachment_contents WHERE attachment_id = ${of.id}::uuid) AS n`,
    ),
  );
  return Number(r.n);
}
