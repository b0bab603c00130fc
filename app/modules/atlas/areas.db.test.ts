import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDb } from "../../../tests/support/db";
import { rows, withSystem, withTenant } from "~/kernel/db/context";
import { areaLabels, findArea, loadTenantAreas } from "./areas";

let t: Awaited<ReturnType<typeof createTestDb>>;
beforeAll(async () => {
  t = await createTestDb({ demo: true, modules: true });
});
afterAll(async () => {
  await t.cleanup();
});

describe("offers find their Stadtteil in the monitoring area register", () => {
  it("uses Köln's 86 Stadtteile and places the cathedral in Altstadt/Nord", async () => {
    const [k] = await withSystem(t.db, (tx) =>
      rows<{ id: string }>(tx, sql`SELECT id FROM tenants WHERE slug = 'koeln'`),
    );
    const areas = await withTenant(t.db, { tenantId: k.id, actor: { userId: null, label: "t" } }, loadTenantAreas);
    expect(areas?.features.length).toBe(86);
    // Kölner Dom, 50.9413 N 6.9583 E; STT_NR 103 is Altstadt/Nord in the city's DBF.
    expect(findArea(50.9413, 6.9583, areas)).toEqual({
      key: "103",
      name: expect.stringMatching(/Altstadt.Nord/),
      level: "stadtteil",
    });
    expect(findArea(48.137, 11.575, areas)).toBeNull(); // München
  });

  it("writes each of Köln's 86 names at a point inside its own Stadtteil (the map's labels)", async () => {
    const [k] = await withSystem(t.db, (tx) =>
      rows<{ id: string }>(tx, sql`SELECT id FROM tenants WHERE slug = 'koeln'`),
    );
    const areas = await withTenant(t.db, { tenantId: k.id, actor: { userId: null, label: "t" } }, loadTenantAreas);
    const labels = areaLabels(areas);
    expect(labels).toHaveLength(86);
    for (const l of labels) expect(findArea(l.at[1], l.at[0], areas)?.name, l.name).toBe(l.name);
  });

  it("sees no areas of another tenant", async () => {
    const [a] = await withSystem(t.db, (tx) =>
      rows<{ id: string }>(tx, sql`SELECT id FROM tenants WHERE slug = 'aachen'`),
    );
    expect(await withTenant(t.db, { tenantId: a.id, actor: { userId: null, label: "t" } }, loadTenantAreas)).toBeNull();
  });
});
