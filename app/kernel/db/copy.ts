import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Tx } from "./client";

// Bulk loading with PostgreSQL's COPY inside a transaction of either driver: on a server through
// pg-copy-streams on the transaction's own connection, on the embedded database from a blob
// (PGlite's `/dev/blob`). The target must be a table COPY may write under row-level security,
// in practice a TEMP table (COPY FROM refuses tables with RLS policies for a restricted role).

/** The driver's client under a Drizzle transaction (its session's client). */
function clientOf(tx: Tx): unknown {
  return (tx as unknown as { session: { client: unknown } }).session.client;
}

/** One value in COPY's text format: \N for null, and the characters COPY treats specially escaped. */
export function copyText(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return "\\N";
  if (typeof v !== "string") return String(v);
  return /[\\\t\n\r]/.test(v) ? v.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c]) : v;
}
const COPY_ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };

/**
 * COPY's text format into `target` ("table (col, …)"); `lines` are complete lines ending in "\n",
 * values escaped with copyText (or CSV lines with csvDelimiter). Returns the number of rows written.
 */
export async function copyInto(
  tx: Tx,
  target: string,
  lines: string[],
  opts: { csvDelimiter?: string } = {},
): Promise<number> {
  if (!lines.length) return 0;
  const options = opts.csvDelimiter ? ` WITH (FORMAT csv, DELIMITER '${opts.csvDelimiter.replace(/'/g, "''")}')` : "";
  const client = clientOf(tx) as {
    query: (...a: unknown[]) => unknown;
    release?: unknown;
    connection?: unknown;
  };
  if ("connection" in client || typeof client.release === "function") {
    const { from } = await import("pg-copy-streams");
    const stream = client.query(from(`COPY ${target} FROM STDIN${options}`)) as NodeJS.WritableStream & {
      rowCount?: number;
    };
    await pipeline(Readable.from(coalesce(lines)), stream);
    return stream.rowCount ?? lines.length;
  }
  // PGlite reads the blob as a server file, which the restricted request role may not: the COPY
  // alone runs as the session's own role, then the transaction's role is set again. Only the
  // caller's staging table is named, never a path or anything from the request.
  const role = ((await client.query("SELECT current_user AS r")) as { rows: { r: string }[] }).rows[0].r;
  await client.query("RESET ROLE");
  try {
    const r = (await client.query(`COPY ${target} FROM '/dev/blob'${options}`, [], {
      blob: new Blob(lines),
    })) as { affectedRows?: number };
    return r.affectedRows ?? lines.length;
  } finally {
    await client.query(`SET LOCAL ROLE "${role.replace(/"/g, '""')}"`);
  }
}

/** Joins lines into pieces of about 1 MB: one CopyData message per line would cost more than the line. */
function* coalesce(lines: string[]): Generator<string> {
  let buf: string[] = [];
  let size = 0;
  for (const l of lines) {
    buf.push(l);
    size += l.length;
    if (size >= 1 << 20) {
      yield buf.join("");
      buf = [];
      size = 0;
    }
  }
  if (buf.length) yield buf.join("");
}
