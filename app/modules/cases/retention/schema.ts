import { integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { networks } from "../core/schema";

// Mirrors migrations/0860_cases_privacy.sql (the SQL is the source of truth).

/** What a retention period is set for: closed cases (anonymised) and the access log (deleted). */
export const RECORD_TYPES = ["closed_case", "access_events"] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

/** The periods a network without its own uses; the same numbers as case_retention_months() in SQL. */
export const DEFAULT_MONTHS: Record<RecordType, number> = { closed_case: 36, access_events: 24 };
export const MIN_MONTHS = 6;
export const MAX_MONTHS = 120;

export const retentionPeriods = pgTable(
  "case_retention_periods",
  {
    networkId: uuid("network_id")
      .notNull()
      .references(() => networks.id, { onDelete: "cascade" }),
    recordType: text("record_type", { enum: RECORD_TYPES }).notNull(),
    months: integer("months").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.networkId, t.recordType] })],
);
