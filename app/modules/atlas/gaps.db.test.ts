import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, rolledBack } from "../../../tests/support/db";
import { ensureAtlasTerms } from "./terms";
import type { Database, Tx } from "~/kernel/db/client";
import { sql } from "drizzle-orm";
import { rows, withSystem, withTenant } from "~/kernel/db/context";
import { createTenant } from "~/kernel/tenancy/service";
import { sharedData } from "~/kernel/config";
import {
  AreaProfile,
  CORE_SET,
  createArea,
  ensureIndicators,
  importAreaFeatures,
  KOELN_LOCAL,
  ObservationProfile,
  runImport,
  seedMonitoringDemo,
  setDisclosureThreshold,
} from "~/modules/monitoring";
import { seedDemo as seedAtlasDemo } from "./demo";
import { KOELN_ENTRIES } from "./demo-koeln";
import { createEntry, EntryInput, type Actor } from "./service";
import { germanIssues } from "../../../tests/support/errors";
import { gapAnalysis, type GapRow } from "./gaps";

// A small town with four Stadtteile as squares, population from a CSV through the monitoring
// importer, and entries placed by point-in-polygon. Expected numbers are worked out below from the
// fixture itself, not taken from the code under test.

let db: Database, cleanup: () => Promise<void>;
let townId: string, plainId: string, koelnId: string;
const staff: Actor = { role: "editor", organisationId: null, userId: null };
const scope = (tenantId: string) => ({ tenantId, actor: { userId: null, label: "Test" } });
const inT = <T>(tenantId: string, fn: (tx: Tx) => Promise<T>) => withTenant(db, scope(tenantId), fn);

const square = (lon: number, lat: number, w: number, h: number) => ({
  type: "Polygon",
  coordinates: [
    [
      [lon, lat],
      [lon + w, lat],
      [lon + w, lat + h],
      [lon, lat + h],
      [lon, lat],
    ],
  ],
});
const AREAS = [
  { key: "11", name: "Nordviertel", geometry: square(6.0, 50.1, 0.1, 0.1), centre: [50.15, 6.05] },
  { key: "12", name: "Südviertel", geometry: square(6.0, 50.0, 0.1, 0.1), centre: [50.05, 6.05] },
  { key: "13", name: "Westviertel", geometry: square(5.9, 50.0, 0.1, 0.2), centre: [50.1, 5.95] },
  { key: "14", name: "Kleinhausen", geometry: square(6.1, 50.0, 0.1, 0.2), centre: [50.1, 6.15] },
] as const;
type AreaName = (typeof AREAS)[number]["name"];

/** Population per area and year: total (einwohner) and age bands (einwohner_alter). */
const POP: Record<string, Record<string, Record<string, number>>> = {
  Nordviertel: {
    "2011": {
      gesamt: 9000,
      "00-03": 250,
      "03-06": 250,
      "06-10": 300,
      "10-15": 400,
      "15-18": 200,
      "18-25": 700,
      "65-75": 900,
      "75+": 700,
    },
    "2012": {
      gesamt: 10000,
      "00-03": 300,
      "03-06": 310,
      "06-10": 400,
      "10-15": 500,
      "15-18": 290,
      "18-25": 900,
      "65-75": 1000,
      "75+": 800,
    },
  },
  // No 65+ bands at all: the seniors' base is missing here.
  Südviertel: {
    "2012": { gesamt: 4000, "00-03": 100, "03-06": 120, "06-10": 150, "10-15": 230, "15-18": 150, "18-25": 400 },
  },
  // One band of 2 persons (below the threshold of 3): every base that adds it up is suppressed.
  Westviertel: {
    "2012": {
      gesamt: 2500,
      "00-03": 60,
      "03-06": 70,
      "06-10": 80,
      "10-15": 90,
      "15-18": 2,
      "18-25": 300,
      "65-75": 400,
      "75+": 250,
    },
  },
  // Two residents in total: suppressed.
  Kleinhausen: { "2012": { gesamt: 2 } },
};

interface Fixture {
  title: string;
  hf: string[];
  tg: string[];
  at?: AreaName[];
  byName?: string;
  outside?: string;
  expired?: boolean;
}
const ENTRIES: Fixture[] = [
  { title: "Hausaufgabenhilfe Nord", hf: ["sprache_bildung"], tg: ["children"], at: ["Nordviertel"] },
  // Two places in two Stadtteile: counts once in each.
  {
    title: "Jugendtreff Nord und Süd",
    hf: ["sprache_bildung", "sport_gesundheit"],
    tg: ["youth", "children"],
    at: ["Nordviertel", "Südviertel"],
  },
  // Two places in the same Stadtteil: counts once.
  { title: "Seniorensport", hf: ["sport_gesundheit"], tg: ["seniors"], at: ["Nordviertel", "Nordviertel"] },
  { title: "Lernpaten West", hf: ["sprache_bildung"], tg: ["children"], at: ["Westviertel"] },
  { title: "Nachbarschaftscafé Kleinhausen", hf: ["engagement_teilhabe"], tg: ["all"], at: ["Kleinhausen"] },
  { title: "Telefonberatung", hf: ["beratung_orientierung"], tg: ["all"] },
  // A Stadtteil entered by hand, no coordinates: matched to the register by name.
  { title: "Sprachkurs Süd", hf: ["sprache_bildung"], tg: ["newcomers"], byName: "Südviertel" },
  // Outside every polygon, with a name the register does not know.
  { title: "Ausflug ins Umland", hf: ["kultur_religion"], tg: ["all"], outside: "Außenbereich" },
  // Expired: not visible, not counted.
  { title: "Alter Kurs", hf: ["sprache_bildung"], tg: ["children"], at: ["Nordviertel"], expired: true },
];

function input(f: Fixture) {
  const centre = (n: AreaName) => AREAS.find((a) => a.name === n)!.centre;
  const places = f.at
    ? f.at.map((n, i) => ({ street: `Weg ${i + 1}`, lat: centre(n)[0] + i * 0.001, lon: centre(n)[1], areaName: null }))
    : f.byName
      ? [{ street: "Marktplatz", lat: null, lon: null, areaName: f.byName }]
      : f.outside
        ? [{ street: "Feldweg", lat: 48.0, lon: 11.0, areaName: f.outside }]
        : [];
  return EntryInput.parse({
    kind: "offer",
    organisationId: null,
    handlungsfelder: f.hf,
    targetGroups: f.tg,
    languages: ["de"],
    germanLevel: "good",
    cost: "free",
    validUntil: f.expired ? "2020-12-31" : null,
    translations: { de: { title: f.title, description: "" } },
    places,
  });
}

/** The fixture's own answer: visible entries of a topic whose places lie in (or are named) the area. */
function expectedOffers(area: string | null, topic: (f: Fixture) => boolean, list = ENTRIES): number {
  return list
    .filter((f) => !f.expired && topic(f))
    .filter((f) => {
      const names = new Set([...(f.at ?? []), ...(f.byName ? [f.byName] : []), ...(f.outside ? [f.outside] : [])]);
      return area === null ? names.size === 0 : names.has(area);
    }).length;
}
/** The same entries for a tenant without areas: the first place's Stadtteil, entered by hand. */
const PLAIN: Fixture[] = ENTRIES.map((f) => ({ ...f, at: undefined, byName: f.at?.[0] ?? f.byName }));
const latest = (area: string) => POP[area][Object.keys(POP[area]).sort().at(-1)!];
const sum = (area: string, groups: readonly string[]) => groups.reduce((s, g) => s + latest(area)[g], 0);
const byName = (rows: GapRow[], name: string | null) => rows.find((r) => r.name === name)!;

const observationProfile = ObservationProfile.parse({
  kind: "observations",
  name: "test-bevoelkerung",
  layout: "long",
  format: {},
  area: { column: "Gebiet" },
  period: { column: "Jahr" },
  value: { column: "Anzahl" },
  series: {
    columns: ["Merkmal"],
    unmapped: "error",
    map: Object.fromEntries(
      ["gesamt", "00-03", "03-06", "06-10", "10-15", "15-18", "18-25", "65-75", "75+"].map((g) => [
        g,
        { indicator: g === "gesamt" ? "einwohner" : "einwohner_alter", group: g },
      ]),
    ),
  },
});

beforeAll(async () => {
  ({ db, cleanup } = await createTestDb());
  await withSystem(db, async (tx) => {
    townId = (await createTenant(tx, { slug: "lueckenstadt", name: "Lückenstadt", kind: "kommune", ags: "05999101" }))
      .id;
    plainId = (await createTenant(tx, { slug: "ohnezahlen", name: "Ohnezahlen", kind: "kommune", ags: "05999102" })).id;
    koelnId = (await createTenant(tx, { slug: "koeln", name: "Stadt Köln", kind: "kommune", ags: "05315000" })).id;
  });
  // Entries carry codes of the tenant's taxonomy (decision 0037).
  for (const t of [townId, plainId, koelnId]) await inT(t, ensureAtlasTerms);
  await inT(townId, async (tx) => {
    await ensureIndicators(tx, [...CORE_SET, ...KOELN_LOCAL]);
    await createArea(tx, { level: "stadt", key: "0", name: "Lückenstadt" });
    const profile = AreaProfile.parse({
      kind: "areas",
      name: "test-stadtteile",
      level: "stadtteil",
      keyProperty: "key",
      nameProperty: "name",
    });
    await importAreaFeatures(
      tx,
      AREAS.map((a) => ({ type: "Feature" as const, properties: { key: a.key, name: a.name }, geometry: a.geometry })),
      profile,
      { dryRun: false },
    );
  });
  const csv = [
    "Gebiet;Jahr;Merkmal;Anzahl",
    ...Object.entries(POP).flatMap(([name, years]) =>
      Object.entries(years).flatMap(([year, groups]) =>
        Object.entries(groups).map(([g, n]) => `${AREAS.find((a) => a.name === name)!.key};${year};${g};${n}`),
      ),
    ),
  ].join("\n");
  const r = await runImport((fn) => inT(townId, fn), {
    bytes: new TextEncoder().encode(csv),
    fileName: "bevoelkerung.csv",
    profile: observationProfile,
    dryRun: false,
  });
  if (!r.committed) throw new Error(JSON.stringify(r.errors));
  await inT(townId, async (tx) => {
    for (const f of ENTRIES) {
      const c = await createEntry(tx, staff, input(f));
      if (!c.ok) throw new Error(c.error);
    }
  });
  // A tenant without any monitoring data: entries carry hand-entered Stadtteile only.
  await inT(plainId, async (tx) => {
    await ensureIndicators(tx, CORE_SET);
    for (const f of PLAIN) await createEntry(tx, staff, input(f));
  });
});
afterAll(() => cleanup());

describe("gap analysis with population from the monitoring module", () => {
  it("counts visible entries per Stadtteil, once per entry and Stadtteil, by key and by name", async () => {
    const g = await inT(townId, (tx) => gapAnalysis(tx, { thema: "alle" }));
    expect(g.level).toBe("stadtteil");
    // Every Stadtteil of the register is a row, plus the unknown name and "no Stadtteil".
    expect(g.rows.map((r) => r.name).sort()).toEqual([...AREAS.map((a) => a.name), "Außenbereich", null].sort());
    for (const name of [...AREAS.map((a) => a.name), "Außenbereich", null]) {
      expect(byName(g.rows, name).offers, String(name)).toBe(expectedOffers(name, () => true));
    }
    expect(byName(g.rows, "Südviertel").key).toBe("12");
    expect(byName(g.rows, "Außenbereich").key).toBeNull();
    const child = await inT(townId, (tx) => gapAnalysis(tx, { thema: "zg.children" }));
    for (const a of AREAS)
      expect(byName(child.rows, a.name).offers).toBe(expectedOffers(a.name, (f) => f.tg.includes("children")));
    const lang = await inT(townId, (tx) => gapAnalysis(tx, { thema: "hf.sprache_bildung" }));
    for (const a of AREAS)
      expect(byName(lang.rows, a.name).offers).toBe(expectedOffers(a.name, (f) => f.hf.includes("sprache_bildung")));
    // The full matrices count every Handlungsfeld and target group alike.
    const i = g.fields.indexOf("sport_gesundheit");
    expect(i).toBeGreaterThanOrEqual(0);
    expect(byName(g.rows, "Nordviertel").byField[i]).toBe(
      expectedOffers("Nordviertel", (f) => f.hf.includes("sport_gesundheit")),
    );
  });

  it("keeps each place's level with its key, and reads a key of another level by the place's name", async () => {
    const levels = await inT(townId, (tx) =>
      rows<{ level: string | null }>(
        tx,
        sql`SELECT DISTINCT area_level AS level FROM atlas_places WHERE area_key IS NOT NULL`,
      ),
    );
    expect(levels).toEqual([{ level: "stadtteil" }]);
    await rolledBack(db, townId, async (tx) => {
      // A place in Nordviertel whose key "12" names an area of another level (the register changed since):
      // counted in Nordviertel by its name, never in Südviertel, the Stadtteil with key 12.
      const before = await gapAnalysis(tx, { thema: "alle" });
      const [p] = await rows<{ id: string }>(
        tx,
        sql`SELECT id FROM atlas_places WHERE area_name = 'Nordviertel' AND area_key IS NOT NULL LIMIT 1`,
      );
      await tx.execute(sql`UPDATE atlas_places SET area_level = 'stadtbezirk', area_key = '12' WHERE id = ${p.id}`);
      const after = await gapAnalysis(tx, { thema: "alle" });
      for (const name of ["Nordviertel", "Südviertel"] as const)
        expect(byName(after.rows, name).offers, name).toBe(byName(before.rows, name).offers);
      await tx.execute(sql`UPDATE atlas_places SET area_level = 'stadtteil' WHERE id = ${p.id}`);
      const byKey = await gapAnalysis(tx, { thema: "alle" });
      expect(byName(byKey.rows, "Südviertel").offers).toBeGreaterThan(byName(before.rows, "Südviertel").offers);
    });
  });

  it("rates all entries per 1,000 residents of the latest year", async () => {
    const g = await inT(townId, (tx) => gapAnalysis(tx, { thema: "alle" }));
    expect(g.hasPopulation).toBe(true);
    expect(g.measure).toBe("je1000");
    expect(g.base).toBe("total");
    for (const name of ["Nordviertel", "Südviertel", "Westviertel"]) {
      const r = byName(g.rows, name);
      expect(r.population).toEqual({ status: "ok", value: latest(name).gesamt, period: "2012" });
      expect(r.rate).toBeCloseTo((expectedOffers(name, () => true) / latest(name).gesamt) * 1000, 10);
      expect(r.value).toBe(r.rate);
    }
  });

  it("sets offers for children against residents under 18 and for seniors against those 65 and over", async () => {
    const child = await inT(townId, (tx) => gapAnalysis(tx, { thema: "zg.children" }));
    expect(child.base).toBe("under18");
    const nord = byName(child.rows, "Nordviertel");
    const under18 = sum("Nordviertel", ["00-03", "03-06", "06-10", "10-15", "15-18"]);
    expect(nord.population).toEqual({ status: "ok", value: under18, period: "2012" });
    expect(nord.rate).toBeCloseTo(
      (expectedOffers("Nordviertel", (f) => f.tg.includes("children")) / under18) * 1000,
      10,
    );
    const old = await inT(townId, (tx) => gapAnalysis(tx, { thema: "zg.seniors" }));
    expect(old.base).toBe("age65plus");
    expect(byName(old.rows, "Nordviertel").rate).toBeCloseTo((1 / sum("Nordviertel", ["65-75", "75+"])) * 1000, 10);
    expect(byName(old.rows, "Südviertel")).toMatchObject({ population: { status: "missing" }, rate: null });
    // Handlungsfelder use all residents.
    expect((await inT(townId, (tx) => gapAnalysis(tx, { thema: "hf.sport_gesundheit" }))).base).toBe("total");
  });

  it("computes no rate from a suppressed population figure and does not pass the figure on", async () => {
    const child = await inT(townId, (tx) => gapAnalysis(tx, { thema: "zg.children" }));
    const west = byName(child.rows, "Westviertel");
    expect(west.offers).toBe(1);
    expect(west.population).toEqual({ status: "suppressed", period: "2012" });
    expect(west.rate).toBeNull();
    expect(west.value).toBeNull();
    expect(west.cls).toBeNull();
    const all = await inT(townId, (tx) => gapAnalysis(tx, { thema: "alle" }));
    const klein = byName(all.rows, "Kleinhausen");
    expect(klein.population).toEqual({ status: "suppressed", period: "2012" });
    expect(klein.rate).toBeNull();
    expect(JSON.stringify(klein)).not.toMatch(/"value":2\b/);
    // The rule follows the tenant's threshold in the monitoring module.
    await inT(townId, (tx) => setDisclosureThreshold(tx, 2));
    try {
      const lower = await inT(townId, (tx) => gapAnalysis(tx, { thema: "alle" }));
      expect(byName(lower.rows, "Kleinhausen").rate).toBeCloseTo((1 / 2) * 1000, 10);
    } finally {
      await inT(townId, (tx) => setDisclosureThreshold(tx, 3));
    }
  });

  it("shows counts as the measure when asked, and marks Stadtteile without offers", async () => {
    const g = await inT(townId, (tx) => gapAnalysis(tx, { thema: "zg.seniors", mass: "anzahl" }));
    expect(g.measure).toBe("anzahl");
    for (const a of AREAS) {
      const r = byName(g.rows, a.name);
      expect(r.value).toBe(r.offers);
      expect(r.flag).toBe(r.offers === 0 ? "zero" : null);
    }
    expect(byName(g.rows, "Südviertel").flag).toBe("zero");
    expect(g.map?.level).toBe("stadtteil");
    expect(g.map?.bounds).toEqual([5.9, 50.0, 6.2, 50.2]);
  });

  it("filters by kind of entry", async () => {
    const g = await inT(townId, (tx) => gapAnalysis(tx, { thema: "alle", art: "volunteer" }));
    expect(g.rows.every((r) => r.offers === 0)).toBe(true);
  });
});

describe("gap analysis without population figures", () => {
  it("shows counts only, by hand-entered Stadtteil, with no rate and no map", async () => {
    const g = await inT(plainId, (tx) => gapAnalysis(tx, { thema: "alle", mass: "je1000" }));
    expect(g.hasPopulation).toBe(false);
    expect(g.measure).toBe("anzahl");
    expect(g.level).toBeNull();
    expect(g.map).toBeNull();
    for (const name of ["Nordviertel", "Südviertel", "Westviertel", "Kleinhausen"]) {
      const r = byName(g.rows, name);
      expect(r.offers).toBe(expectedOffers(name, () => true, PLAIN));
      expect(r).toMatchObject({ key: null, population: { status: "missing" }, rate: null, value: r.offers });
    }
  });
});

const koeln = sharedData("koeln");
describe("Köln demo", () => {
  beforeAll(async () => {
    await seedMonitoringDemo(db, () => {});
    await seedAtlasDemo(db, () => {});
  });

  it("places every demo entry in the Stadtteil it names", async () => {
    const list = await inT(koelnId, (tx) =>
      rows<{ title: string; area_key: string; area_name: string }>(
        tx,
        sql`SELECT t.title, p.area_key, p.area_level, p.area_name FROM atlas_places p JOIN atlas_translations t ON t.entry_id = p.entry_id AND t.lang = 'de'`,
      ),
    );
    expect(list.length).toBe(KOELN_ENTRIES.length);
    expect(new Set(list.map((p) => (p as { area_level?: string }).area_level))).toEqual(new Set(["stadtteil"]));
    for (const e of KOELN_ENTRIES)
      expect(list.find((p) => p.title === e.t.de![0])?.area_name, e.t.de![0]).toBe(e.stadtteil);
  });

  it("rates offers per 1,000 residents against the city's own 2012 figures and marks the lowest fifth", async () => {
    // Independent of the importer: residents per Stadtteil (three-digit key) straight from the CSV.
    const text = fs.readFileSync(path.join(koeln!, "bevoelkerung.csv"), "utf8");
    const csv = (table: string, rowsWanted: string[]) => {
      const m = new Map<string, number>();
      for (const line of text.split("\n").slice(1)) {
        const c = line.split(",");
        if (c[3] === "2012" && c[2] === table && rowsWanted.includes(c[7]) && Number(c[4]) > 99)
          m.set(String(Number(c[4])), (m.get(String(Number(c[4]))) ?? 0) + Number(c[8]));
      }
      return m;
    };
    const residents = csv("Einwohner in Köln", ["Einwohner"]);
    const g = await inT(koelnId, (tx) => gapAnalysis(tx, { thema: "alle" }));
    expect(g.hasPopulation).toBe(true);
    expect(g.rows.filter((r) => r.key !== null)).toHaveLength(86);
    expect(g.sources.join(" ")).toContain("Stadt Köln");
    const withOffers = new Map<string, number>();
    for (const e of KOELN_ENTRIES) withOffers.set(e.stadtteil, (withOffers.get(e.stadtteil) ?? 0) + 1);
    for (const r of g.rows.filter((x) => x.key !== null)) {
      const n = withOffers.get(r.name!) ?? 0;
      expect(r.offers, r.name!).toBe(n);
      expect(r.rate, r.name!).toBeCloseTo((n / residents.get(r.key!)!) * 1000, 10);
      expect(r.flag === "zero").toBe(n === 0);
    }
    const positive = g.rows.filter((r) => r.rate !== null && r.rate > 0).sort((a, b) => a.rate! - b.rate!);
    const cut = positive[Math.ceil(positive.length / 5) - 1].rate!;
    for (const r of positive) expect(r.flag, r.name!).toBe(r.rate! <= cut ? "low" : null);
    expect(positive.filter((r) => r.flag === "low").length).toBeGreaterThanOrEqual(1);

    // Offers for children against residents under 18: the five youngest age bands of the city's table.
    const under18 = csv("Einwohner nach Alter", ["00 - < 03", "03 - < 06", "06 - < 10", "10 - < 15", "15 - < 18"]);
    const child = await inT(koelnId, (tx) => gapAnalysis(tx, { thema: "zg.children" }));
    for (const name of ["Chorweiler", "Kalk", "Altstadt/Süd"]) {
      const r = byName(child.rows, name);
      const n = KOELN_ENTRIES.filter((e) => e.stadtteil === name && e.tg.includes("children")).length;
      expect(r.offers, name).toBe(n);
      expect(r.population).toEqual({ status: "ok", value: under18.get(r.key!), period: "2012" });
      expect(r.rate, name).toBeCloseTo((n / under18.get(r.key!)!) * 1000, 10);
    }
  });

  it("sets offers against any counted group as the base: people with a migration background, foreign nationals", async () => {
    const text = fs.readFileSync(path.join(koeln!, "bevoelkerung.csv"), "utf8");
    // The oracle: the city's own table, Stadtteile only (three-digit raum_id), the latest year.
    const fromCsv = (row: string) => {
      const m = new Map<string, number>();
      for (const line of text.split("\n").slice(1)) {
        const c = line.split(",");
        if (c[3] === "2012" && c[2] === "Einwohner mit Migrationshintergrund" && c[7] === row && Number(c[4]) > 99)
          m.set(String(Number(c[4])), Number(c[8]));
      }
      return m;
    };
    const offers = new Map<string, number>();
    for (const e of KOELN_ENTRIES) offers.set(e.stadtteil, (offers.get(e.stadtteil) ?? 0) + 1);
    for (const [basis, row] of [
      ["einwohner_mh", "Einwohner mit Migrationshintergrund"],
      ["auslaender", "Ausländer"],
    ] as const) {
      const expected = fromCsv(row);
      expect(expected.size, row).toBe(86);
      const g = await inT(koelnId, (tx) => gapAnalysis(tx, { thema: "alle", basis }));
      expect(g).toMatchObject({ base: basis, baseAuto: false, baseAvailable: true });
      expect(g.baseChoices.find((c) => c.value === basis)).toMatchObject({ preset: false });
      const rows = g.rows.filter((r) => r.key !== null);
      expect(rows).toHaveLength(86);
      for (const r of rows) {
        const base = expected.get(r.key!)!;
        expect(r.population, r.name!).toEqual({ status: "ok", value: base, period: "2012" });
        expect(r.rate, r.name!).toBeCloseTo(((offers.get(r.name!) ?? 0) / base) * 1000, 10);
      }
    }
    // An unknown base (an old link) falls back to the topic's own instead of failing.
    const fallback = await inT(koelnId, (tx) => gapAnalysis(tx, { thema: "zg.children", basis: "gibt_es_nicht" }));
    expect(fallback).toMatchObject({ base: "under18", baseAuto: true });
  });

  it("counts an offer for a whole Stadtbezirk or the whole city in every Stadtteil it serves", async () => {
    const text = fs.readFileSync(path.join(koeln!, "bevoelkerung.csv"), "utf8");
    // The city's numbering: the first digit of a Stadtteil's three-digit number is its Stadtbezirk.
    const stadtteile = new Set(
      text
        .split("\n")
        .slice(1)
        .map((l) => l.split(",")[4])
        .filter((k) => Number(k) > 99)
        .map((k) => String(Number(k))),
    );
    expect(stadtteile.size).toBe(86);
    const chorweiler = KOELN_ENTRIES.find((e) => e.stadtteil === "Chorweiler")!;
    const kalk = KOELN_ENTRIES.find((e) => e.stadtteil === "Kalk")!;
    const entry = (title: string, at: [number, number], catchment: string) =>
      EntryInput.parse({
        kind: "offer",
        organisationId: null,
        handlungsfelder: ["beratung_orientierung"],
        targetGroups: ["refugees"],
        languages: ["de"],
        germanLevel: "good",
        cost: "free",
        catchment,
        translations: { de: { title, description: "" } },
        places: [{ street: "Testweg", lat: at[0], lon: at[1] }],
      });
    // A catchment the form does not offer is refused with a German message, not stored.
    const bad = EntryInput.safeParse({ ...entry("Weltweite Beratung", kalk.at, "local"), catchment: "weltweit" });
    expect(bad.success).toBe(false);
    expect(germanIssues(bad.error!.issues)).toEqual(["Bitte ein Einzugsgebiet wählen."]);
    const before = await inT(koelnId, (tx) => gapAnalysis(tx, { thema: "hf.beratung_orientierung" }));
    await inT(koelnId, async (tx) => {
      expect((await createEntry(tx, staff, entry("Stadtweite Beratung", chorweiler.at, "city"))).ok).toBe(true);
      expect((await createEntry(tx, staff, entry("Bezirksberatung Kalk", kalk.at, "district"))).ok).toBe(true);
    });
    const after = await inT(koelnId, (tx) => gapAnalysis(tx, { thema: "hf.beratung_orientierung" }));
    const kalkKey = after.rows.find((r) => r.name === "Kalk")!.key!;
    const chorweilerKey = after.rows.find((r) => r.name === "Chorweiler")!.key!;
    const rows = after.rows.filter((r) => r.key !== null);
    expect(new Set(rows.map((r) => r.key))).toEqual(stadtteile);
    for (const r of rows) {
      const inKalksBezirk = r.key![0] === kalkKey[0];
      const was = before.rows.find((b) => b.key === r.key)!;
      expect(r.offers, r.name!).toBe(was.offers + 1 + (inKalksBezirk ? 1 : 0));
      // Counted by catchment, not by a place there: the city offer outside Chorweiler, the district offer outside Kalk.
      expect(r.wide, r.name!).toBe(
        was.wide + (r.key === chorweilerKey ? 0 : 1) + (inKalksBezirk && r.key !== kalkKey ? 1 : 0),
      );
    }
    expect(rows.filter((r) => r.key![0] === kalkKey[0]).length).toBeGreaterThan(1);
  });
});
