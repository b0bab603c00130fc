import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDb } from "../../../tests/support/db";
import type { Database } from "../db/client";
import { createPageCache, cspWithHashes, preparePage } from "./page-cache";

// The public page cache's own bounds (decision 0018): a flood of distinct addresses (random query
// strings) must not grow it past its bytes, and nothing is served across versions or past its age.
let db: Database;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ db, cleanup } = await createTestDb());
});
afterAll(async () => {
  await cleanup();
});

const page = (bytes: number) => preparePage(200, "text/html", Buffer.alloc(bytes, "a"));

describe("page cache bounds", () => {
  it("stays within its bytes under many distinct keys, dropping the least recently used first", () => {
    const cache = createPageCache(db, { maxBytes: 20_000, maxAgeMs: 60_000 });
    cache.put("first", "v", page(1000));
    for (let i = 0; i < 500; i++) {
      cache.put(`/t/x?q=${i}`, "v", page(1000));
      cache.get("first", "v"); // kept in use
      expect(cache.size()).toBeLessThanOrEqual(20_000);
    }
    expect(cache.get("first", "v")).toBeTruthy();
    expect(cache.get("/t/x?q=0", "v")).toBeUndefined();
    expect(cache.get("/t/x?q=499", "v")).toBeTruthy();
    // Remembered "not shareable" answers count too.
    for (let i = 0; i < 500; i++) cache.put(`/t/y?q=${i}`, "v", null);
    expect(cache.size()).toBeLessThanOrEqual(20_000);
  });

  it("serves nothing for another version, past its age, or too big to keep", () => {
    const cache = createPageCache(db, { maxBytes: 20_000, maxAgeMs: 60_000 });
    cache.put("k", "v1", page(100));
    expect(cache.get("k", "v2")).toBeUndefined();
    expect(cache.get("k", "v1")).toBeUndefined(); // dropped when the version moved on
    cache.put("big", "v1", page(10_000));
    expect(cache.get("big", "v1")).toBeUndefined();
    const expired = createPageCache(db, { maxBytes: 20_000, maxAgeMs: -1 });
    expired.put("k", "v1", page(100));
    expect(expired.get("k", "v1")).toBeUndefined();
    const off = createPageCache(db, { maxBytes: 0, maxAgeMs: 60_000 });
    off.put("k", "v1", page(100));
    expect([off.enabled, off.get("k", "v1"), off.size()]).toEqual([false, undefined, 0]);
  });

  it("puts the page's hashes where the request's nonce was, and only there", () => {
    const csp = "default-src 'self';script-src 'self' 'nonce-abc+/=';style-src 'self'";
    expect(cspWithHashes(csp, ["'sha256-x'", "'sha256-y'"])).toBe(
      "default-src 'self';script-src 'self' 'sha256-x' 'sha256-y';style-src 'self'",
    );
    expect(cspWithHashes(csp, [])).toBe("default-src 'self';script-src 'self';style-src 'self'");
    const p = preparePage(200, "text/html", Buffer.from('<script>a()</script><script src="/x.js"></script>'));
    expect(p.scriptHashes).toHaveLength(1);
  });
});

describe("versions from another database (the read replica, decision 0021)", () => {
  it("takes the versions from that database and shares entries and bounds with the cache", async () => {
    const other = await createTestDb();
    try {
      const cache = createPageCache(db, { maxBytes: 20_000, maxAgeMs: 60_000 });
      const fromOther = cache.versionsFrom(other.db);
      // Read once before the write: on the embedded database the versions are counted from then on.
      const id = "00000000-0000-4000-8000-000000000021";
      expect([await cache.version(id), await fromOther.version(id)]).toEqual(["0", "0"]);
      await other.db.orm.execute(
        sql`INSERT INTO tenants (id, slug, name, kind, ags) VALUES (${id}, 'replikstadt', 'Replikstadt', 'kommune', '05334002')`,
      );
      const v = await fromOther.version(id);
      expect(v).not.toBe("0");
      expect(await cache.version(id)).toBe("0");
      fromOther.put("api k", v, page(100));
      expect(cache.get("api k", v)).toBeTruthy();
      expect(cache.size()).toBe(fromOther.size());
      expect(fromOther.enabled).toBe(true);
    } finally {
      await other.cleanup();
    }
  });
});
