import {
  boolean,
  date,
  doublePrecision,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { organisations, tenantKey, tenantReference } from "~/kernel/db/schema";

// Mirrors migrations/0300_atlas_entries.sql (the SQL is the source of truth).
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const atlasEntries = pgTable(
  "atlas_entries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id").notNull(),
    kind: text("kind", { enum: ["offer", "contact_point", "volunteer", "network"] })
      .notNull()
      .default("offer"),
    organisationId: uuid("organisation_id"),
    status: text("status", { enum: ["pending", "published", "rejected", "archived"] })
      .notNull()
      .default("pending"),
    handlungsfelder: text("handlungsfelder").array().notNull().default([]),
    targetGroups: text("target_groups").array().notNull().default([]),
    languages: text("languages").array().notNull().default(["de"]),
    germanLevel: text("german_level", { enum: ["none", "little", "good"] })
      .notNull()
      .default("good"),
    cost: text("cost", { enum: ["free", "reduced", "paid"] })
      .notNull()
      .default("free"),
    catchment: text("catchment", { enum: ["local", "district", "city"] })
      .notNull()
      .default("local"),
    costNote: text("cost_note"),
    schedule: text("schedule"),
    accessibility: text("accessibility"),
    contactName: text("contact_name"),
    contactEmail: text("contact_email"),
    contactPhone: text("contact_phone"),
    website: text("website"),
    networkMembers: text("network_members"),
    coordinator: text("coordinator"),
    meetingRhythm: text("meeting_rhythm"),
    validFrom: date("valid_from", { mode: "string" }),
    validUntil: date("valid_until", { mode: "string" }),
    lastConfirmedAt: ts("last_confirmed_at").notNull().defaultNow(),
    confirmationRequestedAt: ts("confirmation_requested_at"),
    staleNotifiedAt: ts("stale_notified_at"),
    isDemo: boolean("is_demo").notNull().default(false),
    searchTitles: text("search_titles").notNull().default(""),
    sortTitle: text("sort_title").notNull().default(""),
    createdBy: uuid("created_by"),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
    publishedAt: ts("published_at"),
  },
  (t) => [
    tenantKey("atlas_entries", t),
    tenantReference("atlas_entries_organisation_id_fkey", t, t.organisationId, organisations).onDelete("set null"),
  ],
);

export const atlasTranslations = pgTable(
  "atlas_translations",
  {
    tenantId: uuid("tenant_id").notNull(),
    entryId: uuid("entry_id").notNull(),
    lang: text("lang").notNull(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
  },
  (t) => [
    primaryKey({ columns: [t.entryId, t.lang] }),
    tenantReference("atlas_translations_entry_id_fkey", t, t.entryId, atlasEntries).onDelete("cascade"),
  ],
);

export const atlasPlaces = pgTable(
  "atlas_places",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id").notNull(),
    entryId: uuid("entry_id").notNull(),
    position: integer("position").notNull().default(0),
    label: text("label"),
    street: text("street"),
    postcode: text("postcode"),
    city: text("city"),
    lat: doublePrecision("lat"),
    lon: doublePrecision("lon"),
    /**
     * 'hand' (typed or picked on the map), 'register' (the tenant's address register) or 'geocoder' (the
     * operator's geocoder, asked in the background); null without a point.
     */
    pointSource: text("point_source", { enum: ["hand", "register", "geocoder"] }),
    areaKey: text("area_key"),
    /** The level of the area `area_key` names (keys repeat across levels). */
    areaLevel: text("area_level"),
    areaName: text("area_name"),
  },
  (t) => [tenantReference("atlas_places_entry_id_fkey", t, t.entryId, atlasEntries).onDelete("cascade")],
);

export const atlasRevisions = pgTable(
  "atlas_revisions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id").notNull(),
    entryId: uuid("entry_id").notNull(),
    status: text("status", { enum: ["pending", "approved", "rejected", "superseded"] })
      .notNull()
      .default("pending"),
    payload: jsonb("payload").notNull(),
    submittedBy: uuid("submitted_by"),
    submittedAt: ts("submitted_at").notNull().defaultNow(),
    decidedBy: uuid("decided_by"),
    decidedAt: ts("decided_at"),
    reason: text("reason"),
  },
  (t) => [tenantReference("atlas_revisions_entry_id_fkey", t, t.entryId, atlasEntries).onDelete("cascade")],
);
