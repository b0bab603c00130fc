import crypto from "node:crypto";
import { and, desc, eq } from "drizzle-orm";
import type { Tx } from "~/kernel/db/client";
import { audit } from "~/kernel/audit/service";
import { fail, ok, type Result } from "~/kernel/errors";
import { uploadLimitBytes, uploadLimitMb } from "~/kernel/upload";
import { may, type Me } from "../core/context";
import { dataKey, logAccess, readReason } from "../core/clients";
import { openBytes, sealBytes } from "../core/keys";
import { attachmentContents, attachments, type MediaType } from "./schema";

// Attachments of a case (docs/cases.md "Attachments"; migration 0884): a file and its name are sealed
// under the client's data key, the associated data naming the attachment and the field. The file type
// is what the first bytes say (PDF, JPEG, PNG), never what the browser declared. Every list and
// download is logged content-free in case_access_events; the audit log gets the attachment's id only.

/** Longest file name kept (characters). */
export const NAME_MAX = 200;

const MAGIC: [MediaType, number[]][] = [
  ["application/pdf", [0x25, 0x50, 0x44, 0x46, 0x2d]], // "%PDF-"
  ["image/png", [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ["image/jpeg", [0xff, 0xd8, 0xff]],
];

/** The media type the file's first bytes show, or null for anything not on the allow-list. */
export function sniffMediaType(bytes: Uint8Array): MediaType | null {
  for (const [type, magic] of MAGIC)
    if (bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b)) return type;
  return null;
}

/** The file name as kept: without any path the browser sent, without control characters, trimmed. */
export function cleanName(name: string): string {
  // eslint-disable-next-line no-control-regex
  return (name.split(/[/\\]/).pop() ?? "").replace(/[\u0000-\u001f\u007f]/g, "").trim();
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const nameAad = (id: string) => `attachment:${id}:name`;
const contentAad = (id: string) => `attachment:${id}:content`;

export interface UploadInput {
  clientId: string;
  name: string;
  /** What the browser declared: ignored for the decision, the bytes decide. */
  declaredType?: string;
  bytes: Uint8Array;
}

/** Uploads a file to a client's attachments (the client's writers). */
export async function uploadAttachment(
  tx: Tx,
  me: Me | null,
  input: UploadInput,
): Promise<Result<{ id: string; mediaType: MediaType }>> {
  if (!me || !(await may(tx, input.clientId, "attachments", "write")))
    return fail("cases.attachments.errors.notAllowed");
  if (input.bytes.length === 0) return fail("cases.attachments.errors.empty", "file");
  if (input.bytes.length > uploadLimitBytes())
    return fail("cases.attachments.errors.tooLarge", "file", { mb: uploadLimitMb() });
  const mediaType = sniffMediaType(input.bytes);
  if (!mediaType) return fail("cases.attachments.errors.type", "file");
  const name = cleanName(input.name);
  if (!name || name.length > NAME_MAX) return fail("cases.attachments.errors.name", "file", { max: NAME_MAX });
  const key = await dataKey(tx, input.clientId);
  if (!key) return fail("cases.attachments.errors.noKey");
  const id = crypto.randomUUID();
  // No RETURNING: the SELECT policy asks case_may() of the new row within its own statement.
  await tx.insert(attachments).values({
    id,
    networkId: me.networkId,
    clientId: input.clientId,
    name: sealBytes(key, input.clientId, nameAad(id), Buffer.from(name, "utf8")),
    mediaType,
    byteSize: input.bytes.length,
    uploadedBy: me.id,
  });
  await tx.insert(attachmentContents).values({
    attachmentId: id,
    networkId: me.networkId,
    clientId: input.clientId,
    content: sealBytes(key, input.clientId, contentAad(id), Buffer.from(input.bytes)),
  });
  await logAccess(tx, me, [input.clientId], "write", "edit", ["attachments"]);
  await audit(tx, { action: "create", entity: "case_attachment", entityId: id });
  return ok({ id, mediaType });
}

export interface AttachmentRow {
  id: string;
  name: string;
  mediaType: MediaType;
  byteSize: number;
  uploadedAt: Date;
}

/**
 * A client's attachments, newest first, names decrypted; logged as a read of the category, or with
 * `export` (the subject-access export) as an export for 'subject_access'.
 */
export async function listAttachments(
  tx: Tx,
  me: Me | null,
  clientId: string,
  action: "read" | "export" = "read",
): Promise<Result<AttachmentRow[]>> {
  if (!me || !(await may(tx, clientId, "attachments", action))) return fail("cases.attachments.errors.notAllowed");
  const list = await tx
    .select()
    .from(attachments)
    .where(eq(attachments.clientId, clientId))
    .orderBy(desc(attachments.uploadedAt), attachments.id);
  const key = list.length ? await dataKey(tx, clientId) : null;
  if (list.length && !key) return fail("cases.attachments.errors.noKey");
  const why = action === "read" ? await readReason(tx, me, clientId, "open_case") : "subject_access";
  await logAccess(tx, me, [clientId], action, why, ["attachments"]);
  return ok(
    list.map((a) => ({
      id: a.id,
      name: openBytes(key!, clientId, nameAad(a.id), a.name).toString("utf8"),
      mediaType: a.mediaType,
      byteSize: a.byteSize,
      uploadedAt: a.uploadedAt,
    })),
  );
}

/** One attachment's file, decrypted (those who may download); logged as a download. */
export async function downloadAttachment(
  tx: Tx,
  me: Me | null,
  clientId: string,
  attachmentId: string,
): Promise<Result<{ name: string; mediaType: MediaType; bytes: Buffer }>> {
  if (!UUID.test(attachmentId)) return fail("cases.attachments.errors.notFound");
  if (!me || !(await may(tx, clientId, "attachments", "download"))) return fail("cases.attachments.errors.notAllowed");
  const [a] = await tx
    .select({ name: attachments.name, mediaType: attachments.mediaType, content: attachmentContents.content })
    .from(attachments)
    .innerJoin(attachmentContents, eq(attachmentContents.attachmentId, attachments.id))
    .where(and(eq(attachments.id, attachmentId), eq(attachments.clientId, clientId)));
  if (!a) return fail("cases.attachments.errors.notFound");
  const key = await dataKey(tx, clientId);
  if (!key) return fail("cases.attachments.errors.noKey");
  const bytes = openBytes(key, clientId, contentAad(attachmentId), a.content);
  await logAccess(tx, me, [clientId], "download", "open_case", ["attachments"]);
  return ok({
    name: openBytes(key, clientId, nameAad(attachmentId), a.name).toString("utf8"),
    mediaType: a.mediaType,
    bytes,
  });
}

/** Deletes an attachment (the client's writers); its content goes with it (ON DELETE CASCADE). */
export async function deleteAttachment(
  tx: Tx,
  me: Me | null,
  clientId: string,
  attachmentId: string,
): Promise<Result<undefined>> {
  if (!UUID.test(attachmentId)) return fail("cases.attachments.errors.notFound");
  if (!me || !(await may(tx, clientId, "attachments", "write"))) return fail("cases.attachments.errors.notAllowed");
  const gone = await tx
    .delete(attachments)
    .where(and(eq(attachments.id, attachmentId), eq(attachments.clientId, clientId)))
    .returning({ id: attachments.id });
  if (!gone.length) return fail("cases.attachments.errors.notFound");
  await logAccess(tx, me, [clientId], "write", "edit", ["attachments"]);
  await audit(tx, { action: "delete", entity: "case_attachment", entityId: attachmentId });
  return ok(undefined);
}
