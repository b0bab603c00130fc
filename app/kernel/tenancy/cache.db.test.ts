import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDb } from "../../../tests/support/db";
import type { Database } from "../db/client";
import { createTenantCache } from "./cache";

let db: Database;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ db, cleanup } = await createTestDb());
  await db.orm.execute(
    sql`INSERT INTO tenants (slug, name, kind, ags) VALUES ('cachestadt', 'Cachestadt', 'kommune', '05334002')`,
  );
});
afterAll(() => cleanup());

const rename = (name: string) => db.orm.execute(sql`UPDATE tenants SET name = ${name} WHERE slug = 'cachestadt'`);

describe("tenant cache", () => {
  it("serves a tenant from memory until the process invalidates it", async () => {
    // An interval no test reaches: only invalidate() can make the change visible.
    const cache = createTenantCache(db, 3_600_000);
    expect((await cache.bySlug("cachestadt"))?.name).toBe("Cachestadt");
    await rename("Cachestadt neu");
    expect((await cache.bySlug("cachestadt"))?.name).toBe("Cachestadt");
    cache.invalidate();
    expect((await cache.bySlug("cachestadt"))?.name).toBe("Cachestadt neu");
  });

  it("sees a change another instance made at its next check (rename, unpublish, new, deleted tenant)", async () => {
    // Checking on every lookup stands for "the interval has passed".
    const cache = createTenantCache(db, 0);
    await rename("Cachestadt");
    expect((await cache.bySlug("cachestadt"))?.name).toBe("Cachestadt");
    await rename("Umbenannt");
    expect((await cache.bySlug("cachestadt"))?.name).toBe("Umbenannt");
    await db.orm.execute(sql`UPDATE tenants SET is_public = false WHERE slug = 'cachestadt'`);
    expect((await cache.bySlug("cachestadt"))?.isPublic).toBe(false);

    expect(await cache.bySlug("neustadt")).toBeUndefined();
    await db.orm.execute(
      sql`INSERT INTO tenants (slug, name, kind, ags) VALUES ('neustadt', 'Neustadt', 'kommune', '05334003')`,
    );
    expect((await cache.bySlug("neustadt"))?.name).toBe("Neustadt");
    await db.orm.execute(sql`DELETE FROM tenants WHERE slug = 'neustadt'`);
    expect(await cache.bySlug("neustadt")).toBeUndefined();
  });
});
