import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { describeTenantReferences } from "../../../../tests/support/tenant-references";
import * as schema from "./schema";

// One row of every partner-network table, each reference set, all in one tenant (decision 0013).
describeTenantReferences(
  "opening/partners",
  schema,
  async (tx, tenant, index) => {
    const [org, partner, mod, period, report] = Array.from({ length: 5 }, () => randomUUID());
    for (const s of [
      sql`INSERT INTO organisations (id, tenant_id, name, kind) VALUES (${org}, ${tenant}, 'Stadt', 'fachbereich')`,
      sql`INSERT INTO opening_partners (id, tenant_id, ordinal, name, type, joined_on, organisation_id)
          VALUES (${partner}, ${tenant}, 1, 'Partner', 'kommune', '2012-03-26', ${org})`,
      sql`INSERT INTO opening_partner_aliases (tenant_id, partner_id, alias) VALUES (${tenant}, ${partner}, 'Alias')`,
      sql`INSERT INTO opening_partner_members (tenant_id, partner_id, name, organisation_id)
          VALUES (${tenant}, ${partner}, ${`Essen ${index}`}, ${org})`,
      sql`INSERT INTO opening_agreements (tenant_id, partner_id, declaration) VALUES (${tenant}, ${partner}, 'Erklärung')`,
      sql`INSERT INTO opening_agreement_modules (id, tenant_id, partner_id, title) VALUES (${mod}, ${tenant}, ${partner}, ${`Modul ${index}`})`,
      sql`INSERT INTO opening_module_milestones (tenant_id, module_id, title) VALUES (${tenant}, ${mod}, 'Start')`,
      sql`INSERT INTO opening_reporting_periods (id, tenant_id, partner_id, starts_on, ends_on, due_on)
          VALUES (${period}, ${tenant}, ${partner}, ${`201${index}-11-01`}, '2018-10-31', '2018-11-30')`,
      sql`INSERT INTO opening_partner_reports (id, tenant_id, period_id) VALUES (${report}, ${tenant}, ${period})`,
      sql`INSERT INTO opening_report_entries (tenant_id, report_id, module_id) VALUES (${tenant}, ${report}, ${mod})`,
    ])
      await tx.execute(s);
  },
  ["opening_partners_organisation_id_fkey", "opening_partner_members_organisation_id_fkey"],
);
