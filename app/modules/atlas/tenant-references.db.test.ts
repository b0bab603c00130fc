import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { describeTenantReferences } from "../../../tests/support/tenant-references";
import * as schema from "./schema";

// One row of every atlas table, each reference set, all in one tenant (decision 0013).
describeTenantReferences(
  "atlas",
  schema,
  async (tx, tenant, index) => {
    const [org, entry] = [randomUUID(), randomUUID()];
    for (const s of [
      sql`INSERT INTO organisations (id, tenant_id, name, kind) VALUES (${org}, ${tenant}, 'Verein', 'verein')`,
      sql`INSERT INTO atlas_entries (id, tenant_id, organisation_id) VALUES (${entry}, ${tenant}, ${org})`,
      // (entry_id, lang) is the key: the other tenant's entry must lack the language pointed with.
      sql`INSERT INTO atlas_translations (tenant_id, entry_id, lang, title) VALUES (${tenant}, ${entry}, ${["de", "en"][index]}, 'Sprachcafé')`,
      sql`INSERT INTO atlas_places (tenant_id, entry_id) VALUES (${tenant}, ${entry})`,
      sql`INSERT INTO atlas_revisions (tenant_id, entry_id, payload) VALUES (${tenant}, ${entry}, '{}')`,
    ])
      await tx.execute(s);
  },
  ["atlas_entries_organisation_id_fkey"],
);
