import { and, eq, lt, sql } from "drizzle-orm";
import type { Tx } from "~/kernel/db/client";
import { rows } from "~/kernel/db/context";
import type { ParsedTable } from "~/kernel/parsing/limits";
import { monUploadParts, monUploads } from "../schema";
import { formatKey, parseTable, tableOf, TabularError, type FormatOptions, type Table } from "./tabular";

// Staged uploads of the import screen: the file is parsed (in the parser worker, outside any
// transaction) when it arrives, and the result is kept in mon_upload_parts, so the mapping page,
// the dry run and the commit only read it. Another read format (a profile with a fixed encoding,
// delimiter or sheet) is parsed once more, also just once.

type InTx = <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>;
export type TableInfo = Omit<ParsedTable, "chunks">;
const INSERT_BATCH = 20;

async function storeParts(tx: Tx, uploadId: string, key: string, parsed: ParsedTable) {
  const { chunks, ...info } = parsed;
  const parts = [JSON.stringify(info), ...chunks].map((data, seq) => ({
    tenantId: sql`app_tenant_id()` as unknown as string,
    uploadId,
    formatKey: key,
    seq,
    data,
  }));
  for (let i = 0; i < parts.length; i += INSERT_BATCH)
    await tx
      .insert(monUploadParts)
      .values(parts.slice(i, i + INSERT_BATCH))
      .onConflictDoNothing();
}

/** Parses the file and stages it with its parse; a refused file throws TabularError and stores nothing. */
export async function stageUpload(inTx: InTx, fileName: string, bytes: Uint8Array, fmt: FormatOptions = {}) {
  const parsed = await parseTable(bytes, fmt);
  return inTx(async (tx) => {
    // Staged files are only kept for the mapping step; stale ones are cleared on the next upload.
    await tx.delete(monUploads).where(lt(monUploads.createdAt, sql`now() - interval '1 day'`));
    const [u] = await tx
      .insert(monUploads)
      .values({
        tenantId: sql`app_tenant_id()` as unknown as string,
        fileName: fileName.slice(0, 200),
        content: Buffer.from(bytes),
      })
      .returning({ id: monUploads.id });
    await storeParts(tx, u.id, formatKey(fmt), parsed);
    return u.id;
  });
}

async function readInfo(tx: Tx, uploadId: string, key: string): Promise<TableInfo | null> {
  const [p] = await tx
    .select({ data: monUploadParts.data })
    .from(monUploadParts)
    .where(and(eq(monUploadParts.uploadId, uploadId), eq(monUploadParts.formatKey, key), eq(monUploadParts.seq, 0)));
  return p ? (JSON.parse(p.data) as TableInfo) : null;
}

/**
 * The staged upload read with this format: parsed already, or parsed now (once) and kept. Null when
 * the upload is gone; a file this format cannot read throws TabularError.
 */
export async function stagedInfo(
  inTx: InTx,
  uploadId: string,
  fmt: FormatOptions = {},
): Promise<{ fileName: string; fileHash: string; info: TableInfo } | null> {
  const key = formatKey(fmt);
  const found = await inTx(async (tx) => {
    const [u] = await rows<{ file_name: string; hash: string }>(
      tx,
      sql`SELECT file_name, encode(sha256(content), 'hex') AS hash FROM mon_uploads WHERE id = ${uploadId}`,
    );
    return u ? { fileName: u.file_name, fileHash: u.hash, info: await readInfo(tx, uploadId, key) } : null;
  });
  if (!found) return null;
  if (found.info) return found as { fileName: string; fileHash: string; info: TableInfo };
  const content = await inTx(async (tx) => {
    const [u] = await tx.select({ content: monUploads.content }).from(monUploads).where(eq(monUploads.id, uploadId));
    return u?.content;
  });
  if (!content) return null;
  const parsed = await parseTable(new Uint8Array(content), fmt);
  await inTx((tx) => storeParts(tx, uploadId, key, parsed));
  const { chunks: _c, ...info } = parsed;
  return { ...found, info };
}

/**
 * Opens a staged upload's stored parse as a table (stagedInfo first); each stored chunk is read
 * through `run`, in the caller's transaction or in a short one of its own.
 */
export async function openStaged(
  run: <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>,
  uploadId: string,
  fmt: FormatOptions = {},
): Promise<Table> {
  const key = formatKey(fmt);
  const info = await run((tx) => readInfo(tx, uploadId, key));
  if (!info) throw new TabularError("monitoring.uploadGone");
  return tableOf(
    info,
    async function* () {
      for (let seq = 1; ; seq++) {
        const [p] = await run((tx) =>
          tx
            .select({ data: monUploadParts.data })
            .from(monUploadParts)
            .where(
              and(
                eq(monUploadParts.uploadId, uploadId),
                eq(monUploadParts.formatKey, key),
                eq(monUploadParts.seq, seq),
              ),
            ),
        );
        if (!p) return;
        yield p.data;
      }
    },
    fmt,
  );
}
