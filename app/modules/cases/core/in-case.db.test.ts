import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import type { Database, Tx } from "~/kernel/db/client";
import { rows, withTenant } from "~/kernel/db/context";
import { createTestDb, tenantIds } from "../../../../tests/support/db";
import { makeNetwork, type TestNetwork } from "../search/network.fixture";
import { inCase, mySeats } from "./context";

// The staff home counts case work inside the tenant's transaction (attention.ts): inCase acts there as
// the staff member, exactly as withCase would, and gives the transaction back with the tenant's
// settings, so the modules counting after it see no case network.

let db: Database;
let cleanup: () => Promise<void>;
let net: TestNetwork;
let sr: string;

beforeAll(async () => {
  ({ db, cleanup } = await createTestDb({ demo: true }));
  net = await makeNetwork(db, "IP Startseite");
  sr = (await tenantIds(db))["staedteregion-aachen"];
});
afterAll(async () => {
  await cleanup?.();
});

// A setting never set reads NULL, one set back to nothing ''; the database's functions take both as
// unset (app_case_network(): nullif), so both are compared as ''.
const settings = (tx: Tx) =>
  rows<Record<string, string>>(
    tx,
    sql`SELECT coalesce(current_setting('app.user_id', true), '') AS "user",
      coalesce(current_setting('app.case_network', true), '') AS network,
      coalesce(current_setting('app.actor_label', true), '') AS label,
      coalesce(current_setting('app.tenant_id', true), '') AS tenant`,
  ).then((r) => r[0]);

describe("inCase", () => {
  it("acts as the staff member of the seat and restores the tenant's transaction afterwards", async () => {
    const userId = net.users.jobcenter;
    await withTenant(db, { tenantId: sr, actor: { userId, label: "jc@example.org" } }, async (tx) => {
      const before = await settings(tx);
      const [seat] = (await mySeats(tx)).filter((s) => s.homeTenantId === sr);
      expect(seat.networkId).toBe(net.networkId);
      const inside = await inCase(tx, { userId, networkId: seat.networkId }, async (me) => ({
        me,
        settings: await settings(tx),
        institutions: (await rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM case_institutions`))[0].n,
      }));
      expect(inside.me?.role).toBe("coordination");
      expect(inside.settings).toEqual({ ...before, network: net.networkId });
      expect(inside.institutions).toBeGreaterThan(0);
      expect(await settings(tx)).toEqual(before);
      // Outside the seat the case tables show nothing again.
      expect((await rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM case_institutions`))[0].n).toBe(0);
    });
  });

  it("answers no one for a user without a seat in the network", async () => {
    const [{ id: userId }] = await rows<{ id: string }>(
      db.orm,
      sql`SELECT id::text FROM users WHERE email = 'admin.staedteregion-aachen@example.org'`,
    );
    await withTenant(db, { tenantId: sr, actor: { userId, label: "admin" } }, async (tx) => {
      expect(await mySeats(tx)).toEqual([]);
      expect(await inCase(tx, { userId, networkId: net.networkId }, async (me) => me)).toBeNull();
    });
  });
});
