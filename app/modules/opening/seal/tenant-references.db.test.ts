import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { describeTenantReferences } from "../../../../tests/support/tenant-references";
import * as schema from "./schema";

// One row of every seal table, each reference set, all in one tenant (decision 0013).
describeTenantReferences("opening/seal", schema, async (tx, tenant, index) => {
  const [org, c, award] = [randomUUID(), randomUUID(), randomUUID()];
  for (const s of [
    sql`INSERT INTO organisations (id, tenant_id, name, kind) VALUES (${org}, ${tenant}, 'Verein', 'verein')`,
    sql`INSERT INTO opening_seal_cases (id, tenant_id, organisation_id, applied_on, milestones_agreed_on)
        VALUES (${c}, ${tenant}, ${org}, '2018-01-01', '2018-02-01')`,
    sql`INSERT INTO opening_seal_milestones (tenant_id, case_id, title, due_on, done_on)
        VALUES (${tenant}, ${c}, 'Leitbild', '2018-05-01', '2018-05-01')`,
    sql`INSERT INTO opening_seal_awards (id, tenant_id, case_id, awarded_on) VALUES (${award}, ${tenant}, ${c}, ${index ? "2018-09-16" : "2018-09-15"})`,
    sql`INSERT INTO opening_seal_reminders (tenant_id, award_id, queued_on, mailed) VALUES (${tenant}, ${award}, '2020-07-01', false)`,
  ])
    await tx.execute(s);
});
