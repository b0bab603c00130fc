import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDb } from "../../../tests/support/db";
import type { Database, Tx } from "~/kernel/db/client";
import { withSystem, withTenant } from "~/kernel/db/context";
import { createTenant } from "~/kernel/tenancy/service";
import { getT } from "~/kernel/i18n";
import { createArea } from "./services/areas";
import { createIndicator, ensureIndicators, getIndicator, setIndicatorBase } from "./services/indicators";
import { indicatorValues, type Cell, type ValueFilter } from "./services/values";
import { CORE_SET } from "./catalogue";
import { monObservations } from "./schema";

// Disclosure control on a small real hierarchy (decision 0033): city 0 → Bezirke 1, 2 → Stadtteile
// 101–103, 201–202, threshold 3 (the default).
let db: Database, cleanup: () => Promise<void>, tenantId: string;
const inT = <T>(fn: (tx: Tx) => Promise<T>) => withTenant(db, { tenantId, actor: { userId: null, label: "Test" } }, fn);

type Obs = [area: string, value: number | null, extra?: Partial<typeof monObservations.$inferInsert>];
async function put(tx: Tx, code: string, group: string, obs: Obs[]) {
  const ind = (await getIndicator(tx, code))!;
  const areas = new Map(
    (await tx.execute<{ id: string; key: string }>(sql`SELECT id, key FROM mon_areas`)).rows.map((a) => [a.key, a.id]),
  );
  for (const [key, value, extra] of obs)
    await tx.insert(monObservations).values({
      tenantId: sql`app_tenant_id()` as unknown as string,
      indicatorId: ind.id,
      areaId: areas.get(key)!,
      period: "2024",
      groupCode: group,
      value,
      ...extra,
    });
}

beforeAll(async () => {
  ({ db, cleanup } = await createTestDb());
  tenantId = (
    await withSystem(db, (tx) =>
      createTenant(tx, { slug: "hier", name: "Hierarchiestadt", kind: "kommune", ags: "05999202" }),
    )
  ).id;
  await inT(async (tx) => {
    await ensureIndicators(tx, CORE_SET);
    const city = await createArea(tx, { level: "stadt", key: "0", name: "Stadt" });
    const b1 = await createArea(tx, { level: "stadtbezirk", key: "1", name: "Bezirk 1", parentId: city.id });
    const b2 = await createArea(tx, { level: "stadtbezirk", key: "2", name: "Bezirk 2", parentId: city.id });
    for (const [key, parent] of [
      ["101", b1],
      ["102", b1],
      ["103", b1],
      ["201", b2],
      ["202", b2],
    ] as const)
      await createArea(tx, { level: "stadtteil", key, name: `Teil ${key}`, parentId: parent.id });
    // Inhabitants: 101 has 2 (small); every total is the sum of its parts.
    await put(tx, "einwohner", "gesamt", [
      ["101", 2],
      ["102", 50],
      ["103", 30],
      ["1", 82],
      ["201", 40],
      ["202", 60],
      ["2", 100],
      ["0", 182],
    ]);
    await put(tx, "einwohner_mh", "gesamt", [
      ["101", 1],
      ["102", 20],
      ["103", 10],
      ["1", 31],
      ["201", 10],
      ["202", 30],
      ["2", 40],
      ["0", 71],
    ]);
    // A count by sex that declares gesamt = m + w: in 201 only 2 women.
    const r = await createIndicator(tx, {
      code: "ew_sex",
      name: "Einwohner nach Geschlecht",
      field: "Demografie",
      dimension: "strukturell",
      unit: "Personen",
      isCount: true,
      groupPartitions: [{ total: "gesamt", parts: ["m", "w"] }],
    });
    if (!r.ok) throw new Error(r.error.code);
    for (const [group, values] of [
      ["gesamt", [40, 60, 100]],
      ["m", [38, 30, 68]],
      ["w", [2, 30, 32]],
    ] as const)
      await put(tx, "ew_sex", group, [
        ["201", values[0]],
        ["202", values[1]],
        ["2", values[2]],
      ]);
  });
});
afterAll(() => cleanup());

const values = (code: string, filter: ValueFilter = {}, reveal = false) =>
  inT(async (tx) => indicatorValues(tx, (await getIndicator(tx, code))!, filter, { reveal }));
const hiddenKeys = (cells: Cell[]) =>
  cells
    .filter((c) => c.suppressed)
    .map((c) => (c.group === "gesamt" ? c.areaKey : `${c.areaKey}|${c.group}`))
    .sort();

describe("complementary suppression on a real hierarchy", () => {
  it("hides the smallest sibling of a small count, so the Bezirk total gives nothing away", async () => {
    const all = await values("einwohner");
    expect(hiddenKeys(all)).toEqual(["101", "103"]);
    for (const c of all.filter((x) => x.suppressed)) expect([c.value, c.state]).toEqual([null, "suppressed"]);
    // The Bezirk and the other Stadtteil stay published.
    expect(all.find((c) => c.areaKey === "1")).toMatchObject({ value: 82, state: "value" });
    expect(all.find((c) => c.areaKey === "102")).toMatchObject({ value: 50, state: "value" });
    // Staff with the reveal see the value, still marked.
    expect((await values("einwohner", {}, true)).find((c) => c.areaKey === "103")).toMatchObject({
      value: 30,
      suppressed: true,
    });
  });

  it("decides over the whole hierarchy before filtering: no narrower view shows what the whole hides", async () => {
    for (const f of [{ areaKeys: ["103"] }, { level: "stadtteil" }, { areaKeys: ["103", "1"], group: "gesamt" }]) {
      const cells = await values("einwohner", f);
      expect(
        cells.find((c) => c.areaKey === "103"),
        JSON.stringify(f),
      ).toMatchObject({ value: null, suppressed: true });
    }
    // Putting every view together, the Bezirk equation still has two unknowns.
    const shown = new Map<string, number>();
    for (const f of [
      { level: "stadt" },
      { level: "stadtbezirk" },
      { level: "stadtteil" },
      ...["101", "102", "103"].map((k) => ({ areaKeys: [k] })),
    ])
      for (const c of await values("einwohner", f)) if (c.value !== null) shown.set(c.areaKey, c.value);
    expect([...shown.keys()].sort()).toEqual(["0", "1", "102", "2", "201", "202"]);
  });

  it("a share derived from a count hidden for protection is hidden too", async () => {
    const share = await values("mh_anteil", { level: "stadtteil" });
    expect(hiddenKeys(share)).toEqual(["101", "103"]);
    expect(share.find((c) => c.areaKey === "102")!.value).toBeCloseTo(40, 10);
  });

  it("protects a declared group partition and the hierarchy of every group together", async () => {
    const cells = await values("ew_sex");
    // w in 201 is small; m in 201 would follow from gesamt; both in 202 from the Bezirk totals.
    expect(hiddenKeys(cells)).toEqual(["201|m", "201|w", "202|m", "202|w"]);
    expect(cells.find((c) => c.areaKey === "2" && c.group === "w")).toMatchObject({ value: 32 });
  });
});

describe("a share without counts", () => {
  beforeAll(() =>
    inT(async (tx) => {
      await put(tx, "u8_teilnahme", "gesamt", [
        ["101", 50, { rangeLow: 40, rangeHigh: 60 }],
        ["102", 50, { rangeLow: 45, rangeHigh: 55, footnote: "vorläufig" }],
        ["103", 2],
        ["201", null],
        ["1", 60, { isEstimate: true }],
      ]);
    }),
  );

  it("is not published without a declared base, nor on a declared minimum below the threshold", async () => {
    for (const minBase of [null, 2]) {
      await inT((tx) => setIndicatorBase(tx, "u8_teilnahme", { minBase }));
      const cells = await values("u8_teilnahme");
      expect(cells.filter((c) => c.value !== null)).toEqual([]);
      expect(cells.find((c) => c.areaKey === "201")!.state).toBe("not_collected");
    }
  });

  it("over a base of 2 is not published; nor when it means fewer persons than the threshold", async () => {
    expect(await inT((tx) => setIndicatorBase(tx, "u8_teilnahme", { baseIndicator: "einwohner" }))).toMatchObject({
      ok: true,
    });
    const cells = await values("u8_teilnahme");
    const at = (k: string) => cells.find((c) => c.areaKey === k)!;
    // 101: base 2 → hidden, its range too.
    expect(at("101")).toMatchObject({
      value: null,
      suppressed: true,
      state: "suppressed",
      rangeLow: null,
      rangeHigh: null,
    });
    // 102: 50 % of 50 → published with its range and footnote.
    expect(at("102")).toMatchObject({ value: 50, state: "value", rangeLow: 45, rangeHigh: 55, footnote: "vorläufig" });
    // 103: 2 % of 30 is one person.
    expect(at("103")).toMatchObject({ value: null, suppressed: true });
    // 201: an observation without value is "nicht erhoben", not suppressed; 202 has none ("keine Daten").
    expect(at("201")).toMatchObject({ value: null, suppressed: false, state: "not_collected" });
    expect(cells.find((c) => c.areaKey === "202")).toBeUndefined();
    expect(at("1")).toMatchObject({ value: 60, state: "estimate" });
  });

  it("refuses a base where it does not belong, with German errors", async () => {
    const de = getT("de");
    const msg = async (code: string, base: { baseIndicator?: string | null; minBase?: number | null }) => {
      const r = await inT((tx) => setIndicatorBase(tx, code, base));
      if (r.ok) throw new Error("accepted");
      return de(r.error.code, r.error.params ?? {});
    };
    expect(await msg("einwohner", { minBase: 10 })).toContain("Eine Basis gibt es nur für Anteile");
    expect(await msg("u8_teilnahme", { baseIndicator: "mh_anteil" })).toBe(
      "Der Basis-Indikator „mh_anteil“ muss eine eingelesene Personenzahl sein.",
    );
    expect(await msg("u8_teilnahme", { baseIndicator: "gibtsnicht" })).toBe(
      "Den Indikator „gibtsnicht“ gibt es nicht.",
    );
    expect(await msg("u8_teilnahme", { minBase: 0 })).toBe("Die Mindestbasis ist eine ganze Zahl von Personen ab 1.");
    const bad = await inT((tx) =>
      createIndicator(tx, {
        code: "quote_x",
        name: "Quote X",
        field: "Bildung",
        dimension: "strukturell",
        unit: "m²",
        minBase: 20,
      }),
    );
    expect(bad.ok).toBe(false);
  });
});
