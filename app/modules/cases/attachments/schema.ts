import { customType, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

// Mirrors migrations/0884_case_attachments.sql (the SQL is the source of truth: the policies are there).
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (v) => Buffer.from(v),
});

/** The file types an attachment may have, recognised by their first bytes. */
export const MEDIA_TYPES = ["application/pdf", "image/jpeg", "image/png"] as const;
export type MediaType = (typeof MEDIA_TYPES)[number];

export const attachments = pgTable("case_attachments", {
  id: uuid("id").primaryKey(),
  networkId: uuid("network_id").notNull(),
  clientId: uuid("client_id").notNull(),
  name: bytea("name").notNull(),
  mediaType: text("media_type", { enum: MEDIA_TYPES }).notNull(),
  byteSize: integer("byte_size").notNull(),
  uploadedBy: uuid("uploaded_by"),
  uploadedAt: ts("uploaded_at").notNull().defaultNow(),
});

export const attachmentContents = pgTable("case_attachment_contents", {
  attachmentId: uuid("attachment_id").primaryKey(),
  networkId: uuid("network_id").notNull(),
  clientId: uuid("client_id").notNull(),
  content: bytea("content").notNull(),
});
