import { importStadtteilCounts } from "../../../../tests/support/stadtteil-import";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, tenantIds } from "../../../../tests/support/db";
import type { Database, Tx } from "~/kernel/db/client";
import { withTenant } from "~/kernel/db/context";
import { sharedData } from "~/kernel/config";
import { attainments, type AttainmentQuery, type TargetSpec } from "./attainment";
import { getIndicator } from "./indicators";
import { indicatorValues } from "./values";

// Goal attainment on Köln's real population statistics (2005–2012), read through the monitoring's
// own derivations; the expected figures come from the CSV itself with a plain split.
const koeln = sharedData("koeln");

let db: Database, cleanup: () => Promise<void>, tenantId: string;
const inKoeln = <T>(fn: (tx: Tx) => Promise<T>) =>
  withTenant(db, { tenantId, actor: { userId: null, label: "Test" } }, fn);

beforeAll(async () => {
  ({ db, cleanup } = await createTestDb({ demo: true, modules: true }));
  tenantId = (await tenantIds(db)).koeln;
});
afterAll(() => cleanup());

/** Share (%) of a row of "Einwohner mit Migrationshintergrund" in all residents, by year, for one area ("000" = city). */
function shares(row: string, area: string): Map<number, number> {
  const text = fs.readFileSync(path.join(koeln!, "bevoelkerung.csv"), "utf8");
  const num = new Map<number, number>(),
    den = new Map<number, number>();
  for (const line of text.split("\n").slice(1)) {
    const c = line.split(",");
    if (c[4] !== area) continue;
    if (c[2] === "Einwohner in Köln" && c[7] === "Einwohner") den.set(Number(c[3]), Number(c[8]));
    if (c[2] === "Einwohner mit Migrationshintergrund" && c[7] === row) num.set(Number(c[3]), Number(c[8]));
  }
  return new Map([...num].map(([y, n]) => [y, (n / den.get(y)!) * 100]));
}

const target = (value: number, direction: "hoch" | "niedrig", year: number | null): TargetSpec => ({
  kind: "value",
  value,
  direction,
  year,
});

describe.skipIf(!koeln)("attainments on the Köln demo", () => {
  it("city: mh_anteil towards 40 % is behind schedule for 2020 and on schedule for 2025", async () => {
    const mh = shares("Einwohner mit Migrationshintergrund", "000");
    const [by2020, by2025] = await inKoeln((tx) =>
      attainments(tx, [
        { indicator: "mh_anteil", target: target(40, "hoch", 2020) },
        { indicator: "mh_anteil", target: target(40, "hoch", 2025) },
      ]),
    );
    const progress = 1 - (40 - mh.get(2012)!) / (40 - mh.get(2005)!); // ≈ 0.41
    expect(by2020).toMatchObject({
      status: "at_risk",
      indicator: { code: "mh_anteil", unit: "%" },
      area: { level: "stadt", key: "0" },
      group: "gesamt",
      latest: { period: "2012", suppressed: false },
      baseline: { period: "2005" },
      target: 40,
    });
    expect(by2020!.latest!.value).toBeCloseTo(mh.get(2012)!, 9);
    expect(by2020!.baseline!.value).toBeCloseTo(mh.get(2005)!, 9);
    expect(by2020!.progress).toBeCloseTo(progress, 9);
    expect(by2020!.expected).toBeCloseTo(7 / 15, 9);
    expect(progress).toBeLessThan(7 / 15);
    expect(by2025).toMatchObject({ status: "on_track" });
    expect(by2025!.expected).toBeCloseTo(7 / 20, 9);
    expect(by2020!.sources.join(" ")).toContain("Stadt Köln");
  });

  it("a Stadtteil: Altstadt/Süd (101), auslaender_anteil down to 15 % and mh_anteil at least 30 %", async () => {
    const foreign = shares("Ausländer", "101");
    const area = { level: "stadtteil", key: "101" };
    const [down, fromBase, reached] = await inKoeln((tx) =>
      attainments(tx, [
        { indicator: "auslaender_anteil", area, target: target(15, "niedrig", 2020) },
        { indicator: "auslaender_anteil", area, target: target(15, "niedrig", 2020), baseYear: 2008 },
        { indicator: "mh_anteil", area, target: target(30, "hoch", null) },
      ]),
    );
    expect(down).toMatchObject({ status: "at_risk", area: { level: "stadtteil", key: "101" } });
    expect(down!.area!.name).toMatch(/Altstadt.Süd/);
    expect(down!.progress).toBeCloseTo(1 - (foreign.get(2012)! - 15) / (foreign.get(2005)! - 15), 9);
    expect(fromBase).toMatchObject({ baseline: { period: "2008" } });
    expect(fromBase!.baseline!.value).toBeCloseTo(foreign.get(2008)!, 9);
    expect(fromBase!.expected).toBeCloseTo(4 / 12, 9);
    expect(reached).toMatchObject({ status: "achieved", latest: { period: "2012" } });
  });

  it("the city's foreign share rose again after 2011: off track from that base year", async () => {
    const foreign = shares("Ausländer", "000");
    expect(foreign.get(2012)!).toBeGreaterThan(foreign.get(2011)!);
    const [a] = await inKoeln((tx) =>
      attainments(tx, [{ indicator: "auslaender_anteil", target: target(15, "niedrig", null), baseYear: 2011 }]),
    );
    expect(a).toMatchObject({ status: "off_track", baseline: { period: "2011" } });
    expect(a!.progress!).toBeLessThan(0);
  });

  it("parity: an age group against another in the same area and period", async () => {
    const spec: AttainmentQuery = {
      indicator: "altersgruppen_anteil",
      group: "65-75",
      target: { kind: "parity", value: null, direction: "hoch", year: 2030, compareGroup: "25-35" },
    };
    const [a] = await inKoeln((tx) => attainments(tx, [spec]));
    const cells = await inKoeln(async (tx) =>
      indicatorValues(tx, (await getIndicator(tx, "altersgruppen_anteil"))!, { level: "stadt" }, { reveal: false }),
    );
    const at = (g: string, p: string) => cells.find((c) => c.group === g && c.period === p)!.value!;
    expect(a).toMatchObject({ group: "65-75", area: { key: "0" }, latest: { period: "2012" } });
    expect(a!.target).toBeCloseTo(at("25-35", "2012"), 9);
    expect(a!.latest!.value).toBeCloseTo(at("65-75", "2012"), 9);
    const gap = (p: string) => at("25-35", p) - at("65-75", p);
    expect(gap("2012")).toBeGreaterThan(0); // not reached: the younger group is the larger one
    expect(a!.progress).toBeCloseTo(1 - gap("2012") / gap("2005"), 9);
  });

  it("answers a batch in order: null for an unknown indicator, no area for an unknown one", async () => {
    const specs: AttainmentQuery[] = [
      { indicator: "auslaender_anteil", area: { level: "stadtteil", key: "101" }, target: target(15, "niedrig", 2020) },
      { indicator: "gibtsnicht", target: target(1, "hoch", null) },
      { indicator: "mh_anteil", target: target(40, "hoch", 2020) },
      { indicator: "mh_anteil", area: { level: "stadtteil", key: "999" }, target: target(40, "hoch", 2020) },
      { indicator: "auslaender_anteil", area: { level: "stadtbezirk", key: "1" }, target: target(15, "niedrig", 2020) },
    ];
    const batch = await inKoeln((tx) => attainments(tx, specs));
    expect(batch.map((r) => r && [r.indicator.code, r.area?.key ?? null, r.status])).toEqual([
      ["auslaender_anteil", "101", "at_risk"],
      null,
      ["mh_anteil", "0", "at_risk"],
      ["mh_anteil", null, "no_data"],
      ["auslaender_anteil", "1", expect.any(String)],
    ]);
    // The same as asking one by one.
    for (const [i, s] of specs.entries()) expect(batch[i]).toEqual((await inKoeln((tx) => attainments(tx, [s])))[0]);
    expect(await inKoeln((tx) => attainments(tx, []))).toEqual([]);
  });

  it("a suppressed latest value gives no_data, marked suppressed, and never its number", async () => {
    // 2013 for Altstadt/Süd: 2 residents with a migration background of 1,000 – below the threshold of 3.
    const r = await importStadtteilCounts(inKoeln, "klein", { ew: "einwohner", mh: "einwohner_mh" }, [
      ["101", "2013", "ew", 1000],
      ["101", "2013", "mh", 2],
    ]);
    expect(r.committed, JSON.stringify(r.errors)).toBe(true);
    const area = { level: "stadtteil", key: "101" };
    const [hidden, other] = await inKoeln((tx) =>
      attainments(tx, [
        { indicator: "mh_anteil", area, target: target(0.1, "hoch", 2020) },
        { indicator: "auslaender_anteil", area, target: target(15, "niedrig", 2020) },
      ]),
    );
    // 0.2 % would have "reached" a target of 0.1 % – the status must not tell.
    expect(hidden).toEqual(
      expect.objectContaining({
        status: "no_data",
        latest: { period: "2013", value: null, suppressed: true },
        baseline: null,
        progress: null,
      }),
    );
    expect(JSON.stringify(hidden)).not.toContain("0.2");
    // Foreigners have no 2013 value there: still judged on 2012.
    expect(other).toMatchObject({ status: "at_risk", latest: { period: "2012" } });
  });
});
