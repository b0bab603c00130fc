import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { startTestServer, type TestServer } from "../support/server";

// The tenant cache (decision 0014) must never hide a change for longer than its check interval;
// here it checks on every request, as when the interval has passed, and the change is made in SQL,
// as another app instance on the same database would.
let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ tenantRevalidateMs: 0 });
});
afterAll(async () => {
  await s?.close();
});

const page = async (path: string) => {
  const res = await fetch(s.url + path);
  return { status: res.status, html: await res.text() };
};

describe("tenant cache over HTTP", () => {
  it("shows a renamed tenant on the next request and hides an unpublished one", async () => {
    expect((await page("/t/aachen")).html).toContain("Stadt Aachen");
    await s.db.orm.execute(sql`UPDATE tenants SET name = 'Kaiserstadt Aachen' WHERE slug = 'aachen'`);
    expect((await page("/t/aachen")).html).toContain("Kaiserstadt Aachen");
    await s.db.orm.execute(sql`UPDATE tenants SET is_public = false WHERE slug = 'aachen'`);
    expect((await page("/t/aachen")).status).toBe(404);
    await s.db.orm.execute(sql`UPDATE tenants SET is_public = true WHERE slug = 'aachen'`);
    expect((await page("/t/aachen")).status).toBe(200);
  });
});
