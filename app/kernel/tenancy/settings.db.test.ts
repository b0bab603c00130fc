import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { rows, withTenant } from "../db/context";
import { createTestDb, tenantIds } from "../../../tests/support/db";
import { must } from "../../../tests/support/errors";
import { getLogo, getTenantSettings, logoType, removeLogo, saveLogo, saveTenantSettings } from "./settings";
import { setTenantDisclosureThreshold, tenantDisclosureThreshold } from "./threshold";

// Tenant settings (issue 17 item 3): validation, no cycles of parents, kind/AGS/parent for platform
// administrators only, and the row policy of migration 0015: a tenant's transaction updates its own
// tenant and no other, whatever the query says.

let db: Database;
let cleanup: () => Promise<void>;
let ids: Record<string, string>;
const as = <T>(tenantId: string, fn: Parameters<typeof withTenant<T>>[2]) =>
  withTenant(db, { tenantId, actor: { userId: null, label: "test" } }, fn);
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

const base = async (tenantId: string) => {
  const t = (await as(tenantId, (tx) => getTenantSettings(tx)))!;
  return {
    name: t.name,
    disclosureThreshold: t.disclosureThreshold,
    publicLanguages: t.publicLanguages,
    requireSecondFactor: t.requireSecondFactor,
  };
};

beforeAll(async () => {
  ({ db, cleanup } = await createTestDb({ demo: true }));
  ids = await tenantIds(db);
});
afterAll(async () => cleanup());

describe("tenant settings", () => {
  it("saves name, contact, threshold and languages, German always kept, and audits the change", async () => {
    const b = await base(ids.aachen);
    const t = must(
      await as(ids.aachen, (tx) =>
        saveTenantSettings(
          tx,
          {
            ...b,
            name: "Stadt Aachen (Integration)",
            contactOffice: "Amt für Integration",
            contactEmail: "integration@aachen.example.org",
            contactWeb: "https://aachen.example.org",
            disclosureThreshold: 5,
            publicLanguages: ["en", "tr"],
          },
          { platform: false },
        ),
      ),
    );
    expect(t.name).toBe("Stadt Aachen (Integration)");
    expect(t.publicLanguages).toEqual(["de", "en", "tr"]);
    expect(await as(ids.aachen, (tx) => tenantDisclosureThreshold(tx))).toBe(5);
    const audited = await as(ids.aachen, (tx) =>
      rows<{ after: Record<string, unknown> }>(
        tx,
        sql`SELECT after FROM audit_log WHERE entity = 'tenant' AND entity_id = ${ids.aachen} ORDER BY at DESC LIMIT 1`,
      ),
    );
    expect(audited[0].after).toMatchObject({ name: "Stadt Aachen (Integration)", disclosureThreshold: 5 });
  });

  it("refuses bad input with German messages on the field", async () => {
    const b = await base(ids.koeln);
    const r1 = await as(ids.koeln, (tx) =>
      saveTenantSettings(tx, { ...b, contactEmail: "keine" }, { platform: false }),
    );
    expect(r1).toMatchObject({ ok: false, field: "contactEmail" });
    const r2 = await as(ids.koeln, (tx) =>
      saveTenantSettings(tx, { ...b, disclosureThreshold: 0 }, { platform: false }),
    );
    expect(r2).toMatchObject({ ok: false, field: "disclosureThreshold" });
    expect(await as(ids.koeln, (tx) => setTenantDisclosureThreshold(tx, 101))).toMatchObject({ ok: false });
  });

  it("leaves kind, AGS and parent to platform administrators and checks them", async () => {
    const b = await base(ids.aachen);
    const own = await as(ids.aachen, (tx) => saveTenantSettings(tx, { ...b, ags: "05334003" }, { platform: false }));
    expect(own).toMatchObject({ ok: false, field: "ags", error: { code: "settings.errors.platformOnly" } });
    const len = await as(ids.aachen, (tx) => saveTenantSettings(tx, { ...b, ags: "05334" }, { platform: true }));
    expect(len).toMatchObject({ ok: false, field: "ags", error: { code: "settings.errors.agsLength" } });
    const land = await as(ids.aachen, (tx) => saveTenantSettings(tx, { ...b, ags: "11000000" }, { platform: true }));
    expect(land).toMatchObject({ ok: false, field: "kind" });
    // The Land cannot get its own town (below it) as parent: a cycle.
    const nrw = await base(ids.nrw);
    const cycle = await as(ids.nrw, (tx) =>
      saveTenantSettings(tx, { ...nrw, parentId: ids.aachen }, { platform: true }),
    );
    expect(cycle).toMatchObject({ ok: false, field: "parentId", error: { code: "settings.errors.parentCycle" } });
    const self = await as(ids.nrw, (tx) => saveTenantSettings(tx, { ...nrw, parentId: ids.nrw }, { platform: true }));
    expect(self).toMatchObject({ ok: false, field: "parentId" });
    const moved = must(
      await as(ids.aachen, (tx) => saveTenantSettings(tx, { ...b, parentId: ids.nrw }, { platform: true })),
    );
    expect(moved.parentId).toBe(ids.nrw);
  });

  it("updates only the transaction's own tenant: the admin of Aachen cannot edit Köln", async () => {
    const before = await base(ids.koeln);
    const n = await as(ids.aachen, (tx) =>
      rows<{ id: string }>(tx, sql`UPDATE tenants SET name = 'Übernommen' WHERE id = ${ids.koeln} RETURNING id`),
    );
    expect(n).toHaveLength(0);
    expect((await base(ids.koeln)).name).toBe(before.name);
    // Columns outside the settings stay the platform's.
    await expect(
      as(ids.aachen, (tx) => tx.execute(sql`UPDATE tenants SET slug = 'x' WHERE id = ${ids.aachen}`)),
    ).rejects.toThrow();
  });

  it("takes PNG, JPEG and WebP by their bytes, refuses SVG and oversized files, keeps logos apart", async () => {
    expect(logoType(PNG)).toBe("image/png");
    expect(logoType(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]))).toBe("image/jpeg");
    expect(logoType(new TextEncoder().encode("RIFF\0\0\0\0WEBPVP8 "))).toBe("image/webp");
    const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    expect(await as(ids.koeln, (tx) => saveLogo(tx, svg))).toMatchObject({
      error: { code: "settings.errors.logoType" },
    });
    const big = new Uint8Array(512 * 1024 + 1);
    big.set(PNG);
    expect(await as(ids.koeln, (tx) => saveLogo(tx, big))).toMatchObject({
      error: { code: "settings.errors.logoTooLarge" },
    });
    const etag = must(await as(ids.koeln, (tx) => saveLogo(tx, PNG)));
    expect((await as(ids.koeln, (tx) => getTenantSettings(tx)))?.logoEtag).toBe(etag);
    expect((await as(ids.koeln, (tx) => getLogo(tx)))?.mime).toBe("image/png");
    expect(await as(ids.aachen, (tx) => getLogo(tx))).toBeUndefined();
    must(await as(ids.aachen, (tx) => removeLogo(tx)));
    expect(await as(ids.koeln, (tx) => getLogo(tx))).toBeDefined();
    must(await as(ids.koeln, (tx) => removeLogo(tx)));
    expect(await as(ids.koeln, (tx) => getLogo(tx))).toBeUndefined();
    expect((await as(ids.koeln, (tx) => getTenantSettings(tx)))?.logoEtag).toBeNull();
  });
});
