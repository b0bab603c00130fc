import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDb } from "../../../tests/support/db";
import type { Database, Tx } from "~/kernel/db/client";
import { withSystem, withTenant } from "~/kernel/db/context";
import { createTenant } from "~/kernel/tenancy/service";
import { CORE_DEFINITIONS, CORE_SET } from "./catalogue";
import { createArea } from "./services/areas";
import { compareMembers } from "./services/comparison";
import {
  createIndicator,
  ensureIndicators,
  getIndicator,
  setIndicatorDefinition,
  type SaveResult,
} from "./services/indicators";
import { monObservations } from "./schema";

// A Land with five towns and one town elsewhere (decision 0039). "gleich" uses the catalogue; "anders"
// names its series otherwise but declares the same definitions; "abweichend" has mh_anteil over another
// count; "ohne" declares nothing; "leer" has the indicator without values; "fremd" is no member.
const must = (r: SaveResult) => {
  if (!r.ok) throw new Error(r.error.code);
};
let agsSeq = 0;
let db: Database, cleanup: () => Promise<void>;
const id: Record<string, string> = {};
const inT = <T>(t: string, fn: (tx: Tx) => Promise<T>) =>
  withTenant(db, { tenantId: id[t], actor: { userId: null, label: "Test" } }, fn);

async function put(tx: Tx, code: string, values: Record<string, number>) {
  const ind = (await getIndicator(tx, code))!;
  const [city] = (await tx.execute<{ id: string }>(sql`SELECT id FROM mon_areas WHERE level = 'stadt'`)).rows;
  for (const [period, value] of Object.entries(values))
    await tx.insert(monObservations).values({
      tenantId: sql`app_tenant_id()` as unknown as string,
      indicatorId: ind.id,
      areaId: city.id,
      period,
      groupCode: "gesamt",
      value,
    });
}

const town = async (slug: string, parentSlug: string, fill: (tx: Tx) => Promise<void>) => {
  id[slug] = (
    await withSystem(db, (tx) =>
      createTenant(tx, { slug, name: `Stadt ${slug}`, kind: "kommune", ags: `0599990${agsSeq++}`, parentSlug }),
    )
  ).id;
  await inT(slug, async (tx) => {
    await createArea(tx, { level: "stadt", key: "0", name: `Stadt ${slug}` });
    await fill(tx);
  });
};

beforeAll(async () => {
  ({ db, cleanup } = await createTestDb());
  for (const [slug, kind] of [
    ["land", "land"],
    ["anderesland", "land"],
  ] as const)
    id[slug] = (await withSystem(db, (tx) => createTenant(tx, { slug, name: slug, kind, ags: "05" }))).id;
  const catalogue = async (tx: Tx) => {
    await ensureIndicators(tx, CORE_SET);
    await put(tx, "einwohner", { "2023": 1000, "2024": 1000 });
    await put(tx, "einwohner_mh", { "2023": 300, "2024": 320 });
  };
  await town("gleich", "land", catalogue);
  await town("anders", "land", async (tx) => {
    const base = { field: "Demografie", dimension: "strukturell", isCount: true, unit: "Personen" } as const;
    must(
      await createIndicator(tx, {
        ...base,
        code: "bevoelkerung",
        name: "Bevölkerung",
        definition: CORE_DEFINITIONS.einwohner,
      }),
    );
    must(
      await createIndicator(tx, {
        ...base,
        code: "bev_mit_mh",
        name: "Bevölkerung mit Migrationshintergrund",
        // Written differently, declared the same.
        definition: `  ${CORE_DEFINITIONS.einwohner_mh.toUpperCase()}.`,
      }),
    );
    must(
      await createIndicator(tx, {
        code: "anteil_zugewandert",
        name: "Anteil Zugewanderte",
        field: "Demografie",
        dimension: "strukturell",
        unit: "%",
        derivation: {
          op: "share",
          a: { indicator: "bev_mit_mh", group: "gesamt" },
          b: { indicator: "bevoelkerung", group: "gesamt" },
        },
      }),
    );
    await put(tx, "bevoelkerung", { "2024": 2000 });
    await put(tx, "bev_mit_mh", { "2024": 500 });
  });
  await town("abweichend", "land", async (tx) => {
    await catalogue(tx);
    must(await setIndicatorDefinition(tx, "einwohner_mh", "Ausländerinnen und Ausländer (Melderegister)"));
  });
  await town("ohne", "land", async (tx) => {
    await catalogue(tx);
    must(await setIndicatorDefinition(tx, "einwohner", null));
  });
  await town("leer", "land", (tx) => ensureIndicators(tx, CORE_SET).then(() => undefined));
  await town("fremd", "anderesland", catalogue);
});
afterAll(() => cleanup());

describe("comparison of members by declared definition", () => {
  it("compares the same definition under another code, and names every other member with its reason", async () => {
    const r = await compareMembers(db, id.land, "mh_anteil");
    expect(r.rows.map((x) => [x.slug, x.code, x.values.map((v) => [v.period, v.value])])).toEqual([
      ["anders", "anteil_zugewandert", [["2024", 25]]],
      [
        "gleich",
        "mh_anteil",
        [
          ["2023", 30],
          ["2024", 32],
        ],
      ],
    ]);
    expect(r.notCompared.map((n) => [n.slug, n.reason, n.code ?? null]).sort()).toEqual([
      ["abweichend", "different", "mh_anteil"],
      ["leer", "noData", "mh_anteil"],
      ["ohne", "undeclared", "mh_anteil"],
    ]);
    // The page says what the differing indicator rests on there.
    expect(r.notCompared.find((n) => n.slug === "abweichend")?.definition).toContain(
      "einwohner_mh: Ausländerinnen und Ausländer (Melderegister)",
    );
    expect(r.periods).toEqual(["2023", "2024"]);
    // Only members: the other Land's town is in neither list.
    expect(r.members).not.toContain("Stadt fremd");
  });

  it("lists a member without any indicator of that definition as missing", async () => {
    const r = await compareMembers(db, id.land, "auslaender_anteil");
    expect(r.notCompared.find((n) => n.slug === "anders")).toMatchObject({ reason: "missing" });
  });

  it("refuses a definition on a derived indicator and one that is too long, in German", async () => {
    await inT("gleich", async (tx) => {
      const derived = await setIndicatorDefinition(tx, "mh_anteil", "irgendwas");
      expect(derived.ok).toBe(false);
      const long = await setIndicatorDefinition(tx, "einwohner", "x".repeat(2001));
      expect(long.ok).toBe(false);
      expect((await getIndicator(tx, "einwohner"))?.definition).toBe(CORE_DEFINITIONS.einwohner);
    });
  });
});
