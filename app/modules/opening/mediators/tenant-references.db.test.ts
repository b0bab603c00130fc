import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { describeTenantReferences } from "../../../../tests/support/tenant-references";
import * as schema from "./schema";

// One row of every mediator-pool table, each reference set, all in one tenant (decision 0013).
describeTenantReferences(
  "opening (language mediators)",
  schema,
  async (tx, tenant, index) => {
    const [org, m, other] = Array.from({ length: 3 }, () => randomUUID());
    // Each mediator speaks another language, so moving the language rows hits only the tenant key.
    const [language, second] = index === 0 ? ["ar", "fa"] : ["tr", "ru"];
    for (const s of [
      sql`INSERT INTO organisations (id, tenant_id, name, kind) VALUES (${org}, ${tenant}, 'Verein', 'verein')`,
      sql`INSERT INTO opening_mediators (id, tenant_id, name, kind, organisation_id, pledged_on)
          VALUES (${m}, ${tenant}, 'Mittlerin', 'contracted', ${org}, '2026-01-01'),
                 (${other}, ${tenant}, 'Zweite', 'employed', NULL, '2026-01-01')`,
      sql`INSERT INTO opening_mediator_languages (tenant_id, mediator_id, language) VALUES (${tenant}, ${m}, ${language}), (${tenant}, ${other}, ${second})`,
      sql`INSERT INTO opening_mediation_requests (tenant_id, reference, department, language, on_date, place, status, mediator_id)
          VALUES (${tenant}, ${`SM-2026-000${index + 1}`}, 'Amt', ${language}, '2026-01-02', 'Raum', 'assigned', ${m})`,
    ])
      await tx.execute(s);
  },
  ["opening_mediators_organisation_id_fkey"],
);
