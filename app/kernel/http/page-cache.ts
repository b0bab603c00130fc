import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import { sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { rows } from "../db/context";

/**
 * Public pages for anonymous visitors, held in this process and checked against the database on
 * every request (decision 0018).
 *
 * On a PostgreSQL server, correctness does not depend on this process hearing about a write: each
 * request reads the tenants' change versions (content_changes, written by the writing transaction
 * itself, migration 0007) and only serves an entry stored under the same version. Requests arriving
 * together share one read, but never one that started before they arrived, so a write committed
 * before a request is always seen by it. On the embedded database see notifiedVersions.
 */

export interface CachedPage {
  status: number;
  contentType: string;
  body: Buffer;
  gzip: Buffer;
  etag: string;
  /** When the page was rendered; a newer version of the tenant's content means a new render. */
  renderedAt: number;
  /** script-src sources for this body: the hashes of its inline scripts. */
  scriptHashes: string[];
}

type Entry = { version: string; storedAt: number } & ({ page: CachedPage } | { page: null });

export interface PageCacheOptions {
  /** Upper bound on the bytes held (bodies and their gzip copies). 0 turns the cache off. */
  maxBytes: number;
  /** Entries older than this are rendered again even without a write (time-dependent content). */
  maxAgeMs: number;
}

export interface PageCache {
  readonly enabled: boolean;
  /** The tenant's current content version, read from the database for this request. */
  version(tenantId: string): Promise<string>;
  /** A stored page for this key and version: a page, `null` if the page must not be cached, or undefined. */
  get(key: string, version: string): CachedPage | null | undefined;
  put(key: string, version: string, page: CachedPage | null): void;
  /** Bytes held now (for tests and the bench). */
  size(): number;
  /**
   * The same entries and bounds, with the versions read from `db` instead: for answers that are read
   * from a replica (decision 0021), whose versions must come from that replica as well.
   */
  versionsFrom(db: Database): PageCache;
}

/** Versions of all tenants with any recorded change: count and newest id of their log rows. */
async function readVersions(db: Database): Promise<Map<string, string>> {
  const r = await rows<{ tenant_id: string; v: string }>(
    db.orm,
    sql`SELECT tenant_id, count(*)::text || ':' || max(id)::text AS v FROM content_changes GROUP BY tenant_id`,
  );
  return new Map(r.map((x) => [x.tenant_id, x.v]));
}

/**
 * The embedded database belongs to this one process (its data directory is locked), and PGlite has
 * run the notification callbacks when a commit returns (migration 0007 notifies on every change), so
 * counting notifications is exact and needs no query per request.
 */
function notifiedVersions(db: Database): () => Promise<Map<string, string>> {
  const counts = new Map<string, string>();
  let n = 0;
  const listening = db.listen("content_changed", (payload) => {
    n++;
    for (const id of payload.split(",")) counts.set(id, `n${n}`);
  });
  return async () => {
    await listening;
    return counts;
  };
}

/**
 * The tenants' versions as `db` has them, for one request each. On a server a batched read of
 * content_changes: requests arriving together share one read, but never one that started before they
 * arrived. On the embedded database the counted notifications (notifiedVersions).
 */
function versionSource(db: Database, enabled: boolean): (tenantId: string) => Promise<string> {
  const notified = enabled && db.kind === "pglite" ? notifiedVersions(db) : undefined;
  // The read in flight, and the one queued behind it for requests that arrived after it started.
  let running: Promise<Map<string, string>> | null = null;
  let queued: Promise<Map<string, string>> | null = null;

  const start = (): Promise<Map<string, string>> => {
    const p = readVersions(db).finally(() => {
      if (running === p) running = null;
    });
    running = p;
    return p;
  };
  const fresh = (): Promise<Map<string, string>> => {
    if (!running) return start();
    // The running read may have begun before this request: wait for it, then read again (once for
    // everyone who queued meanwhile).
    queued ??= running
      .catch(() => undefined)
      .then(() => {
        queued = null;
        return start();
      });
    return queued;
  };
  return async (tenantId) => (await (notified ?? fresh)()).get(tenantId) ?? "0";
}

export function createPageCache(db: Database, opts: PageCacheOptions): PageCache {
  const entries = new Map<string, Entry>();
  let bytes = 0;
  const enabled = opts.maxBytes > 0;

  const sizeOf = (e: Entry) => (e.page ? e.page.body.length + e.page.gzip.length : 0) + 200;
  const remove = (key: string) => {
    const e = entries.get(key);
    if (!e) return;
    entries.delete(key);
    bytes -= sizeOf(e);
  };

  const withVersions = (version: (tenantId: string) => Promise<string>): PageCache => ({
    enabled,
    version,
    get(key, version) {
      const e = entries.get(key);
      if (!e) return undefined;
      if (e.version !== version || Date.now() - e.storedAt > opts.maxAgeMs) {
        remove(key);
        return undefined;
      }
      // Least recently used first: a hit moves the entry to the end of the map's order.
      entries.delete(key);
      entries.set(key, e);
      return e.page;
    },
    put(key, version, page) {
      if (!enabled) return;
      remove(key);
      const e: Entry = { version, storedAt: Date.now(), page };
      const size = sizeOf(e);
      if (size > opts.maxBytes / 4) return;
      while (bytes + size > opts.maxBytes && entries.size) remove(entries.keys().next().value!);
      entries.set(key, e);
      bytes += size;
    },
    size: () => bytes,
    versionsFrom: (other) => withVersions(versionSource(other, enabled)),
  });
  return withVersions(versionSource(db, enabled));
}

const INLINE_SCRIPT = /<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi;

/** The CSP sources that allow exactly the inline scripts of `html`. */
export function inlineScriptHashes(html: string): string[] {
  const out = new Set<string>();
  for (const m of html.matchAll(INLINE_SCRIPT))
    out.add(`'sha256-${createHash("sha256").update(m[1]!, "utf8").digest("base64")}'`);
  return [...out];
}

/** A rendered page made ready to serve to everyone: hashes, ETag, compressed copy — computed once. */
export function preparePage(status: number, contentType: string, body: Buffer): CachedPage {
  return {
    status,
    contentType,
    body,
    gzip: gzipSync(body),
    etag: `"${createHash("sha256").update(body).digest("base64url").slice(0, 32)}"`,
    renderedAt: Date.now(),
    scriptHashes: inlineScriptHashes(body.toString("utf8")),
  };
}

/** Replaces the request's nonce source in a Content-Security-Policy header by the page's hashes. */
export function cspWithHashes(csp: string, hashes: string[]): string {
  return csp.replace(/ ?'nonce-[^']*'/, hashes.map((h) => ` ${h}`).join(""));
}

/** Drops change-log rows older than an hour, keeping each tenant's newest (migration 0007). */
export async function pruneContentChanges(db: Database): Promise<void> {
  await db.orm.execute(sql`SELECT prune_content_changes()`);
}
