import { integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { tenantKey } from "../db/schema";
import { TERM_KINDS } from "./presets";

// Mirrors app/kernel/db/migrations/0011_taxonomy.sql (the SQL is the source of truth).
export const taxonomyTerms = pgTable(
  "taxonomy_terms",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id").notNull(),
    kind: text("kind", { enum: TERM_KINDS }).notNull(),
    code: text("code").notNull(),
    name: text("name").notNull(),
    shortName: text("short_name").notNull(),
    nameEn: text("name_en"),
    position: integer("position").notNull().default(0),
    presetKey: text("preset_key"),
    landField: text("land_field"),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [tenantKey("taxonomy_terms", t)],
);
