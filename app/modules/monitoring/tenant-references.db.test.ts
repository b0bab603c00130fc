import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { describeTenantReferences } from "../../../tests/support/tenant-references";
import * as schema from "./schema";

// One row of every monitoring table that holds a reference, all in one tenant (decision 0013).
describeTenantReferences(
  "monitoring",
  schema,
  async (tx, tenant) => {
    const [city, district, indicator, imp, upload, field] = Array.from({ length: 6 }, () => randomUUID());
    for (const s of [
      sql`INSERT INTO taxonomy_terms (id, tenant_id, kind, code, name, short_name)
          VALUES (${field}, ${tenant}, 'handlungsfeld', 'arbeit', 'Arbeit', 'Arbeit')`,
      sql`INSERT INTO mon_areas (id, tenant_id, level, key, name) VALUES (${city}, ${tenant}, 'stadt', '0', 'Stadt')`,
      sql`INSERT INTO mon_areas (id, tenant_id, level, key, name, parent_id)
          VALUES (${district}, ${tenant}, 'stadtteil', '1', 'Mitte', ${city})`,
      sql`INSERT INTO mon_indicators (id, tenant_id, code, name, field_id, dimension, unit)
          VALUES (${indicator}, ${tenant}, 'quote', 'Quote', ${field}, 'strukturell', '%')`,
      sql`INSERT INTO mon_imports (id, tenant_id, kind, file_name, file_hash, actor_label)
          VALUES (${imp}, ${tenant}, 'observations', 'a.csv', 'x', 'Test')`,
      sql`INSERT INTO mon_observations (tenant_id, indicator_id, area_id, period, value, import_id)
          VALUES (${tenant}, ${indicator}, ${district}, '2025', 1, ${imp})`,
      sql`INSERT INTO mon_observation_history (tenant_id, import_id, indicator_id, area_id, period, group_code, is_estimate)
          VALUES (${tenant}, ${imp}, ${indicator}, ${district}, '2025', 'gesamt', false)`,
      sql`INSERT INTO mon_import_values (tenant_id, import_id, indicator_id, area_id, period, group_code, is_estimate)
          VALUES (${tenant}, ${imp}, ${indicator}, ${district}, '2025', 'gesamt', false)`,
      sql`INSERT INTO mon_uploads (id, tenant_id, file_name, content) VALUES (${upload}, ${tenant}, 'a.csv', '\\x00')`,
      sql`INSERT INTO mon_upload_parts (tenant_id, upload_id, format_key, seq, data) VALUES (${tenant}, ${upload}, ${randomUUID()}, 0, '{}')`,
    ])
      await tx.execute(s);
  },
  ["mon_areas_parent_id_fkey", "mon_observations_import_id_fkey"],
);
