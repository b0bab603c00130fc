import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDb } from "../../../tests/support/db";
import { seedDemo } from "../../../tests/support/app";
import { rows, withSystem, withTenant } from "~/kernel/db/context";
import { addDays } from "~/kernel/dates";
import { getTenantBySlug } from "~/kernel/tenancy/service";
import type { Database } from "~/kernel/db/client";
import { getAdoptedEdition } from "./services/concept";
import { listMeasures, STALE_AFTER_DAYS } from "./services/measures";

// "Today" is the Berlin date: at 23:30 UTC in winter (00:30 CET) and 22:30 UTC in summer (00:30 CEST)
// it is already the next day, so a milestone due "today" becomes overdue then, not an hour later.
let db: Database;
let cleanup: () => Promise<void>;
let tenantId: string;
let editionId: string;
let measureId: string;
const inTenant = <T>(fn: Parameters<typeof withTenant<T>>[2]) =>
  withTenant(db, { tenantId, actor: { userId: null, label: "test@example.org" } }, fn);

beforeAll(async () => {
  ({ db, cleanup } = await createTestDb());
  await seedDemo(db, () => {}, { modules: true });
  tenantId = (await withSystem(db, (tx) => getTenantBySlug(tx, "aachen")))!.id;
  editionId = (await inTenant(getAdoptedEdition))!.id;
  const [m] = await inTenant((tx) =>
    rows<{ id: string }>(
      tx,
      sql`SELECT id FROM concept_measures WHERE edition_id = ${editionId} ORDER BY code LIMIT 1`,
    ),
  );
  measureId = m.id;
  await inTenant(async (tx) => {
    await tx.execute(sql`DELETE FROM concept_milestones WHERE measure_id = ${measureId}`);
    await tx.execute(sql`DELETE FROM concept_updates WHERE measure_id = ${measureId}`);
    await tx.execute(sql`UPDATE concept_measures SET status = 'in_umsetzung' WHERE id = ${measureId}`);
    await tx.execute(sql`INSERT INTO concept_milestones (tenant_id, measure_id, title, due_on)
      VALUES (app_tenant_id(), ${measureId}, 'Winter', '2026-01-15'), (app_tenant_id(), ${measureId}, 'Sommer', '2026-07-15')`);
    // Last published report exactly half a year before 16 January 2026.
    await tx.execute(sql`INSERT INTO concept_updates (tenant_id, measure_id, reported_on, body, status, author_label)
      VALUES (app_tenant_id(), ${measureId}, ${addDays("2026-01-16", -STALE_AFTER_DAYS)}, 'Bericht', 'veroeffentlicht', 'Test')`);
  });
});
afterAll(() => cleanup());

const at = async (iso: string) => {
  const now = new Date(iso);
  const [all, stale] = await inTenant(async (tx) => [
    await listMeasures(tx, { editionId, now }),
    await listMeasures(tx, { editionId, now, stale: true }),
  ]);
  return {
    overdue: all.find((m) => m.id === measureId)!.overdueMilestones,
    stale: stale.some((m) => m.id === measureId),
  };
};

describe("overdue and stale flip on the Berlin date", () => {
  it("in winter at 23:00 UTC", async () => {
    expect((await at("2026-01-15T22:59:00Z")).overdue).toBe(0);
    expect((await at("2026-01-15T23:30:00Z")).overdue).toBe(1);
  });
  it("in summer at 22:00 UTC", async () => {
    expect((await at("2026-07-15T21:59:00Z")).overdue).toBe(1);
    expect((await at("2026-07-15T22:30:00Z")).overdue).toBe(2);
  });
  it("staleness too", async () => {
    expect((await at("2026-01-16T22:59:00Z")).stale).toBe(false);
    expect((await at("2026-01-16T23:30:00Z")).stale).toBe(true);
  });
});
