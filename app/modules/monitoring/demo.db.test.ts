import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "../../../tests/support/db";
import type { Database } from "~/kernel/db/client";
import { withSystem, withTenant } from "~/kernel/db/context";
import { createTenant } from "~/kernel/tenancy/service";
import { koelnDataDir, seedDemo } from "./demo";
import { getIndicator, listIndicators, setDisclosureThreshold } from "./services/indicators";
import { indicatorsWithData, indicatorValues, primaryValues, type ValueFilter } from "./services/values";
import { referenceValues, referenceWithData } from "./values-reference";
import { areasGeoJson, listAreas } from "./services/areas";
import { bbox } from "./services/geo";

let db: Database, cleanup: () => Promise<void>, tenantId: string;
const inKoeln = <T>(fn: Parameters<typeof withTenant<T>>[2]) =>
  withTenant(db, { tenantId, actor: { userId: null, label: "Test" } }, fn);

beforeAll(async () => {
  ({ db, cleanup } = await createTestDb());
  tenantId = (
    await withSystem(db, (tx) =>
      createTenant(tx, { slug: "koeln", name: "Stadt Köln", kind: "kommune", ags: "05315000" }),
    )
  ).id;
  const t0 = Date.now();
  await seedDemo(db, () => {});
  console.log(`Köln-Demodaten geladen in ${Date.now() - t0} ms`);
});
afterAll(() => cleanup());

/** Independent of the importer: reads the CSV with a plain split, no profile, no area matching. */
function expectedShares(table: string, row: string): Map<string, number> {
  const text = fs.readFileSync(path.join(koelnDataDir()!, "bevoelkerung.csv"), "utf8");
  const num = new Map<string, number>(),
    den = new Map<string, number>();
  for (const line of text.split("\n").slice(1)) {
    const c = line.split(",");
    if (c.length < 9 || !/^\d\d\d$/.test(c[4]) || Number(c[4]) < 100) continue; // Stadtteile only
    const k = `${c[4]}|${c[3]}`;
    if (c[2] === "Einwohner in Köln" && c[7] === "Einwohner") den.set(k, Number(c[8]));
    if (c[2] === table && c[7] === row) num.set(k, Number(c[8]));
  }
  const out = new Map<string, number>();
  for (const [k, n] of num) out.set(k, (n / den.get(k)!) * 100);
  return out;
}

describe("Köln demo data", () => {
  it("has the 9 Stadtbezirke and 86 Stadtteile with WGS84 geometry inside Köln", async () => {
    const [bez, teile] = await inKoeln(
      async (tx) => [await listAreas(tx, "stadtbezirk"), await areasGeoJson(tx, "stadtteil")] as const,
    );
    expect(bez.map((a) => a.key).sort()).toEqual(["1", "2", "3", "4", "5", "6", "7", "8", "9"]);
    expect(teile.features).toHaveLength(86);
    const [minX, minY, maxX, maxY] = bbox(teile.features)!;
    expect(minX).toBeGreaterThan(6.7);
    expect(maxX).toBeLessThan(7.2);
    expect(minY).toBeGreaterThan(50.8);
    expect(maxY).toBeLessThan(51.1);
    // DBF names are Latin-1: umlauts must survive.
    expect(teile.features.map((f) => f.properties.name)).toContain("Mülheim");
  });

  for (const [code, table, row] of [
    ["mh_anteil", "Einwohner mit Migrationshintergrund", "Einwohner mit Migrationshintergrund"],
    ["auslaender_anteil", "Einwohner mit Migrationshintergrund", "Ausländer"],
    ["eingebuergerte_anteil", "Einwohner mit Migrationshintergrund", "Eingebürgerte"],
  ]) {
    it(`${code} equals the share computed directly from the CSV for every Stadtteil and year`, async () => {
      const expected = expectedShares(table, row);
      expect(expected.size).toBe(86 * 8);
      const cells = await inKoeln(async (tx) =>
        indicatorValues(tx, (await getIndicator(tx, code))!, { level: "stadtteil" }, { reveal: true }),
      );
      expect(cells).toHaveLength(86 * 8);
      for (const c of cells) expect(c.value!).toBeCloseTo(expected.get(`${c.areaKey}|${c.period}`)!, 9);
    });
  }

  it("age-group shares add up to 100 % per area and year", async () => {
    const cells = await inKoeln(async (tx) =>
      indicatorValues(
        tx,
        (await getIndicator(tx, "altersgruppen_anteil"))!,
        { areaKeys: ["101"], from: "2012", to: "2012" },
        { reveal: true },
      ),
    );
    expect(new Set(cells.map((c) => c.group)).size).toBe(13);
    expect(cells.reduce((s, c) => s + c.value!, 0)).toBeCloseTo(100, 6);
  });

  // Decision 0015: derived values are computed in SQL now; the old in-memory evaluation is the oracle
  // (of primary suppression; complementary suppression comes on top, decision 0033).
  it("computes every indicator exactly as the old in-memory evaluation, suppression included", async () => {
    const filters: ValueFilter[] = [
      {},
      { group: "gesamt", level: "stadtbezirk" },
      { areaKeys: ["101", "905"], from: "2013", to: "2015" },
      { level: "stadt", group: "gesamt" },
    ];
    await inKoeln(async (tx) => {
      const inds = await listIndicators(tx);
      let compared = 0,
        suppressed = 0;
      // A high threshold makes many demo counts "small", so the suppression paths are exercised too.
      for (const threshold of [3, 100])
        await tx
          .transaction(async (t) => {
            await setDisclosureThreshold(t, threshold);
            for (const i of inds)
              for (const f of filters)
                for (const reveal of [false, true]) {
                  const [now, before] = [
                    await primaryValues(t, i, f, { reveal }),
                    await referenceValues(t, i, f, { reveal }),
                  ];
                  expect(now, `${i.code} ${JSON.stringify(f)}`).toEqual(before);
                  compared += now.length;
                  suppressed += now.filter((c) => c.suppressed && c.value === null).length;
                }
            t.rollback();
          })
          .catch((e: unknown) => {
            if (!(e instanceof Error && e.message === "Rollback")) throw e;
          });
      expect(compared).toBeGreaterThan(10_000);
      expect(suppressed).toBeGreaterThan(0);
    });
  });

  it("knows which indicators have data and their sources in one statement, as the old index did", async () => {
    await inKoeln(async (tx) => {
      const inds = await listIndicators(tx, { publicOnly: true });
      const before = await referenceWithData(tx, inds);
      let statements = 0;
      const counting = new Proxy(tx, {
        get: (target, prop, receiver) =>
          prop === "execute" || prop === "select"
            ? (...args: unknown[]) => {
                statements++;
                return (Reflect.get(target, prop, receiver) as (...a: unknown[]) => unknown).apply(target, args);
              }
            : Reflect.get(target, prop, receiver),
      });
      const now = await indicatorsWithData(counting, inds);
      expect([...now.withData].sort()).toEqual([...before.withData].sort());
      expect(before.withData.size).toBeGreaterThan(3);
      expect(before.withData.size).toBeLessThan(inds.length + 1);
      expect([...now.sources].sort()).toEqual([...before.sources].sort());
      // Catalogue, threshold, areas and the one statement – independent of the number of indicators.
      expect(statements).toBe(4);
    });
  });
});
