import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { describeTenantReferences } from "../../../../tests/support/tenant-references";
import * as schema from "./schema";

// One row of every survey table with each reference set, all in one tenant (decision 0013).
describeTenantReferences(
  "opening surveys",
  schema,
  async (tx, tenant, index) => {
    const [org, survey, parent, unit, release] = Array.from({ length: 5 }, () => randomUUID());
    for (const s of [
      sql`INSERT INTO organisations (id, tenant_id, name, kind) VALUES (${org}, ${tenant}, 'Amt', 'fachbereich')`,
      sql`INSERT INTO opening_surveys (id, tenant_id, organisation_id, kind, title, opens_on, closes_on, period_label, mode, headcount)
          VALUES (${survey}, ${tenant}, ${org}, 'staff', 'Befragung', '2026-01-01', '2026-01-31', '2026', 'codes', 50)`,
      sql`INSERT INTO opening_survey_units (id, tenant_id, survey_id, name) VALUES (${parent}, ${tenant}, ${survey}, ${`FB ${index}`})`,
      sql`INSERT INTO opening_survey_units (id, tenant_id, survey_id, parent_id, name)
          VALUES (${unit}, ${tenant}, ${survey}, ${parent}, ${`Abt ${index}`})`,
      sql`INSERT INTO opening_survey_codes (tenant_id, survey_id, code_hash)
          VALUES (${tenant}, ${survey}, sha256(convert_to(${`code-${index}`}, 'UTF8')))`,
      sql`INSERT INTO opening_survey_releases (id, tenant_id, survey_id, released_on, answers)
          VALUES (${release}, ${tenant}, ${survey}, '2026-01-15', 10)`,
      sql`INSERT INTO opening_survey_answers (tenant_id, survey_id, period_label, migration, unit_id, release_id)
          VALUES (${tenant}, ${survey}, '2026', 'yes', ${unit}, ${release})`,
      sql`INSERT INTO opening_share_series (tenant_id, organisation_id, year, state, share, survey_id)
          VALUES (${tenant}, ${org}, 2026, 'value', 12.5, ${survey})`,
      sql`INSERT INTO opening_share_benchmarks (tenant_id, organisation_id, kind, share, source)
          VALUES (${tenant}, ${org}, 'target', 25, 'Ziel')`,
      sql`INSERT INTO opening_settings (tenant_id, survey_k) VALUES (${tenant}, 10)`,
    ])
      await tx.execute(s);
  },
  [
    "opening_survey_answers_unit_id_fkey",
    "opening_survey_answers_release_id_fkey",
    "opening_share_series_survey_id_fkey",
  ],
);
