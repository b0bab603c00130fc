import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { describeTenantReferences } from "../../../../tests/support/tenant-references";
import * as schema from "./schema";

// One row of every self-assessment table, each reference set, all in one tenant (decision 0013). Item
// codes and positions differ between the two tenants, so moving an item over hits only the tenant key.
describeTenantReferences(
  "opening (self-assessment)",
  schema,
  async (tx, tenant, index) => {
    const [org, cat, item, prompt, target, edition, measure, a, action] = Array.from({ length: 9 }, () => randomUUID());
    for (const s of [
      sql`INSERT INTO organisations (id, tenant_id, name, kind) VALUES (${org}, ${tenant}, 'Amt', 'fachbereich')`,
      sql`INSERT INTO opening_catalogues (id, tenant_id, key, kind, title, source) VALUES (${cat}, ${tenant}, 'k', 'criteria', 'K', 'Q')`,
      sql`INSERT INTO opening_catalogue_items (id, tenant_id, catalogue_id, code, text, position)
          VALUES (${item}, ${tenant}, ${cat}, ${`a${index}`}, 'Kriterium', ${index * 3}),
                 (${prompt}, ${tenant}, ${cat}, ${`b${index}`}, 'Satz', ${index * 3 + 1}),
                 (${target}, ${tenant}, ${cat}, ${`c${index}`}, 'Ziel', ${index * 3 + 2})`,
      sql`INSERT INTO concept_editions (id, tenant_id, title) VALUES (${edition}, ${tenant}, 'Konzept')`,
      sql`INSERT INTO concept_measures (id, tenant_id, edition_id, code, title)
          VALUES (${measure}, ${tenant}, ${edition}, ${`M${index + 1}`}, 'Maßnahme')`,
      sql`INSERT INTO opening_assessments (id, tenant_id, organisation_id, catalogue_id, year)
          VALUES (${a}, ${tenant}, ${org}, ${cat}, 2025)`,
      sql`INSERT INTO opening_ratings (tenant_id, assessment_id, item_id, rating) VALUES (${tenant}, ${a}, ${item}, 'partly')`,
      sql`INSERT INTO opening_answers (tenant_id, assessment_id, item_id, answer) VALUES (${tenant}, ${a}, ${item}, 'Antwort')`,
      sql`INSERT INTO opening_workshop_notes (tenant_id, assessment_id, item_id, note) VALUES (${tenant}, ${a}, ${prompt}, 'Notiz')`,
      sql`INSERT INTO opening_actions (id, tenant_id, assessment_id, title, owner, item_id, concept_measure_id)
          VALUES (${action}, ${tenant}, ${a}, 'Maßnahme', 'Amt', ${target}, ${measure})`,
      sql`INSERT INTO opening_action_milestones (tenant_id, action_id, title, due_on) VALUES (${tenant}, ${action}, 'M', '2026-01-01')`,
    ])
      await tx.execute(s);
  },
  ["opening_actions_item_id_fkey", "opening_actions_concept_measure_id_fkey"],
);
