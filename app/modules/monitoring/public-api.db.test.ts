import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "../../../tests/support/db";
import type { Database, Tx } from "~/kernel/db/client";
import { withSystem, withTenant } from "~/kernel/db/context";
import { createTenant } from "~/kernel/tenancy/service";
// Only the public entry, as another module sees it.
import * as monitoring from "./index";

let db: Database, cleanup: () => Promise<void>, tenantId: string;
const inT = <T>(fn: (tx: Tx) => Promise<T>) => withTenant(db, { tenantId, actor: { userId: null, label: "Test" } }, fn);

beforeAll(async () => {
  ({ db, cleanup } = await createTestDb());
  tenantId = (
    await withSystem(db, (tx) =>
      createTenant(tx, { slug: "klein", name: "Kleinstadt", kind: "kommune", ags: "05999201" }),
    )
  ).id;
  await inT(async (tx) => {
    await monitoring.ensureIndicators(tx, monitoring.CORE_SET);
    for (const [key, name] of [
      ["1", "Dorf"],
      ["2", "Stadtmitte"],
    ])
      await monitoring.createArea(tx, { level: "stadtteil", key, name });
  });
  // Two residents in "Dorf" (below the default threshold of 3), 900 in "Stadtmitte"; migrants 1 and 300.
  const csv = ["Gebiet;Jahr;Merkmal;Anzahl", "1;2024;ew;2", "2;2024;ew;900", "1;2024;mh;1", "2;2024;mh;300"].join("\n");
  const r = await monitoring.runImport(inT, {
    bytes: new TextEncoder().encode(csv),
    fileName: "klein.csv",
    profile: monitoring.ObservationProfile.parse({
      kind: "observations",
      name: "klein",
      layout: "long",
      format: {},
      area: { column: "Gebiet" },
      period: { column: "Jahr" },
      value: { column: "Anzahl" },
      series: {
        columns: ["Merkmal"],
        map: { ew: { indicator: "einwohner", group: "gesamt" }, mh: { indicator: "einwohner_mh", group: "gesamt" } },
      },
    }),
    dryRun: false,
  });
  if (!r.committed) throw new Error(JSON.stringify(r.errors));
});
afterAll(() => cleanup());

const valueOf = async (code: string, key: string) =>
  (await inT((tx) => monitoring.disclosedValues(tx, code, { level: "stadtteil" })))!.cells.find(
    (c) => c.areaKey === key,
  )!;

describe("monitoring public API", () => {
  it("is exactly this list – widening it is a deliberate change", () => {
    expect(Object.keys(monitoring).sort()).toEqual(
      [
        "AreaMatcher",
        "AreaProfile",
        "areaProfilePath",
        "ATTAINMENT_STATUSES",
        "CORE_SET",
        "KOELN_LOCAL",
        "ObservationProfile",
        "areaBounds",
        "assess",
        "attainments",
        "createArea",
        "defaultArea",
        "createIndicator",
        "disclosedValues",
        "disclosureThreshold",
        "ensureIndicators",
        "importAreaFeatures",
        "importInBackground",
        "indicatorCatalogue",
        "listAreas",
        "monitoringReportModel",
        "runImport",
        "seedMonitoringDemo",
        "setDisclosureThreshold",
      ].sort(),
    );
  });

  it("never hands out a small count, nor a value derived from one", async () => {
    expect(await inT((tx) => monitoring.disclosureThreshold(tx))).toBe(3);
    expect(await valueOf("einwohner", "2")).toMatchObject({ value: 900, suppressed: false });
    const small = await valueOf("einwohner", "1");
    expect(small).toMatchObject({ value: null, suppressed: true });
    expect(JSON.stringify(small)).not.toMatch(/"value":2\b/);
    // The share of migrants is computed from the suppressed counts: suppressed as well.
    expect(await valueOf("mh_anteil", "1")).toMatchObject({ value: null, suppressed: true });
    expect((await valueOf("mh_anteil", "2")).value).toBeCloseTo((300 / 900) * 100, 10);
  });

  it("follows the tenant's threshold", async () => {
    await inT((tx) => monitoring.setDisclosureThreshold(tx, 1));
    try {
      expect(await valueOf("einwohner", "1")).toMatchObject({ value: 2, suppressed: false });
    } finally {
      await inT((tx) => monitoring.setDisclosureThreshold(tx, 3));
    }
  });

  it("filters by group, reports the sources, and knows no unknown indicator", async () => {
    const v = await inT((tx) => monitoring.disclosedValues(tx, "einwohner", { level: "stadtteil", groups: ["x"] }));
    expect(v).toEqual({ cells: [], sources: [] });
    const all = await inT((tx) => monitoring.disclosedValues(tx, "einwohner", { level: "stadtteil" }));
    expect(all!.cells).toHaveLength(2);
    expect(all!.sources.length).toBeGreaterThan(0);
    expect(await inT((tx) => monitoring.disclosedValues(tx, "gibtsnicht"))).toBeNull();
    expect(await inT((tx) => monitoring.areaBounds(tx, "stadtteil"))).toBeNull(); // no geometries
    expect((await inT((tx) => monitoring.listAreas(tx, "stadtteil"))).map((a) => a.name)).toEqual([
      "Dorf",
      "Stadtmitte",
    ]);
  });
});
