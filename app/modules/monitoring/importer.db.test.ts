import { translateError, type ErrorCode } from "~/kernel/errors";
import { getT } from "~/kernel/i18n";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { sql } from "drizzle-orm";
import { createTestDb } from "../../../tests/support/db";
import type { Database } from "~/kernel/db/client";
import { rows, withSystem, withTenant } from "~/kernel/db/context";
import { createTenant } from "~/kernel/tenancy/service";
import { CORE_SET } from "./catalogue";
import { createArea } from "./services/areas";
import { ensureIndicators, getIndicator, setDisclosureThreshold, setIndicatorBase } from "./services/indicators";
import { importInBackground, ObservationProfile, parseProfile, rollbackImport, runImport } from "./services/importer";
import { indicatorValues } from "./services/values";

let db: Database, cleanup: () => Promise<void>, tenantId: string, otherId: string;
const inT = <T>(fn: Parameters<typeof withTenant<T>>[2], id = tenantId) =>
  withTenant(db, { tenantId: id, actor: { userId: null, label: "Test" } }, fn);
const enc = (s: string) => new TextEncoder().encode(s);
const count = async (id = tenantId) =>
  Number((await inT((tx) => rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM mon_observations`), id))[0].n);

const longProfile = ObservationProfile.parse({
  kind: "observations",
  name: "test-lang",
  layout: "long",
  format: {},
  area: { column: "Gebiet" },
  period: { column: "Jahr" },
  value: { column: "Anzahl" },
  series: {
    columns: ["Merkmal"],
    map: { Einwohner: { indicator: "einwohner" }, Ausländer: { indicator: "auslaender" } },
    unmapped: "error",
  },
});

beforeAll(async () => {
  ({ db, cleanup } = await createTestDb());
  tenantId = (
    await withSystem(db, (tx) =>
      createTenant(tx, { slug: "testadt", name: "Teststadt", kind: "kommune", ags: "05999001" }),
    )
  ).id;
  otherId = (
    await withSystem(db, (tx) =>
      createTenant(tx, { slug: "anderstadt", name: "Anderstadt", kind: "kommune", ags: "05999002" }),
    )
  ).id;
  for (const id of [tenantId, otherId]) {
    await inT(async (tx) => {
      await ensureIndicators(tx, CORE_SET);
      const s = await createArea(tx, { level: "stadt", key: "0", name: "Teststadt" });
      const b = await createArea(tx, { level: "stadtbezirk", key: "7", name: "Porz", parentId: s.id });
      await createArea(tx, { level: "stadtteil", key: "701", name: "Poll", parentId: b.id });
      await createArea(tx, { level: "stadtteil", key: "702", name: "Westhoven", parentId: b.id });
    }, id);
  }
});
afterAll(() => cleanup());

/** The German text of a row error, as the German interface and the CLI show it. */
const de = (e: ErrorCode) => translateError(getT("de"), e);

describe("observation import", () => {
  const good =
    "Gebiet;Jahr;Merkmal;Anzahl\n701;2011;Einwohner;1.234\n701;2011;Ausländer;2\n007;2011;Einwohner;5.000\n702;2011;Einwohner;800\n702;2011;Ausländer;120\n";

  it("dry run lists every bad row by number in German and commits nothing", async () => {
    const bad =
      "Gebiet;Jahr;Merkmal;Anzahl\n701;2011;Einwohner;1.234\n999;2011;Einwohner;5\n702;20x1;Einwohner;8\n702;2011;Einwohner;acht\n702;2011;Konfession;3\n701;2011;Einwohner;1\n";
    for (const dryRun of [true, false]) {
      const r = await runImport(inT, { bytes: enc(bad), fileName: "bad.csv", profile: longProfile, dryRun });
      expect(r.committed).toBe(false);
      expect(r.errors.map((e) => e.line)).toEqual([3, 4, 5, 6, 7]);
      expect(de(r.errors[0])).toContain("Das Gebiet „999“ ist nicht bekannt");
      expect(de(r.errors[1])).toContain("Der Zeitraum „20x1“ ist ungültig");
      expect(de(r.errors[2])).toContain("keine Zahl");
      expect(de(r.errors[3])).toContain("keinem Indikator zugeordnet");
      expect(de(r.errors[4])).toContain("schon in Zeile 2");
    }
    expect(await count()).toBe(0);
    expect(
      Number((await inT((tx) => rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM mon_imports`)))[0].n),
    ).toBe(0);
  });

  it("detects delimiter, thousands separators and matches keys with leading zeros; a re-import changes nothing", async () => {
    const dry = await runImport(inT, { bytes: enc(good), fileName: "gut.csv", profile: longProfile, dryRun: true });
    expect(dry.errors).toEqual([]);
    expect(dry.detected).toMatchObject({ delimiter: ";", decimal: ",", headerRow: 1, encoding: "utf-8" });
    expect(dry.inserted).toBe(5);
    expect(await count()).toBe(0);
    const first = await runImport(inT, { bytes: enc(good), fileName: "gut.csv", profile: longProfile, dryRun: false });
    expect(first).toMatchObject({ committed: true, inserted: 5, updated: 0 });
    const snapshot = await inT((tx) =>
      rows(
        tx,
        sql`SELECT indicator_id, area_id, period, group_code, value, import_id FROM mon_observations ORDER BY 1,2,3,4`,
      ),
    );
    const again = await runImport(inT, {
      bytes: enc(good),
      fileName: "gut-kopie.csv",
      profile: longProfile,
      dryRun: false,
    });
    expect(again.alreadyImported?.id).toBe(first.importId);
    expect(again.inserted + again.updated).toBe(0);
    expect(
      await inT((tx) =>
        rows(
          tx,
          sql`SELECT indicator_id, area_id, period, group_code, value, import_id FROM mon_observations ORDER BY 1,2,3,4`,
        ),
      ),
    ).toEqual(snapshot);
    // Same data in another file layout (CRLF, quoted) is also idempotent through the upsert.
    const other = await runImport(inT, {
      bytes: enc(good.replace(/\n/g, "\r\n").replace("701;2011;Einwohner", '"701";2011;Einwohner')),
      fileName: "x.csv",
      profile: longProfile,
      dryRun: false,
    });
    expect(other).toMatchObject({ committed: true, inserted: 0, updated: 0, unchanged: 5 });
    expect(await count(otherId)).toBe(0);
  });

  it("reads Windows-1252, a title block above the header and a wide layout with decimal commas", async () => {
    const text =
      "Stadt Teststadt – Statistik\nStand: 31.12.2012\n\nStadtteil;Name;Quote U8;Wohnfläche\n701;Poll;93,5;38,2\n702;Westhoven;88,0;41,7\n";
    const bytes = new Uint8Array(Buffer.from(text, "latin1"));
    const p = parseProfile({
      kind: "observations",
      name: "breit",
      layout: "wide",
      area: { column: "Stadtteil", nameColumn: "Name" },
      period: { fixed: "31.12.2012" },
      wide: [
        { column: "Quote U8", indicator: "u8_teilnahme" },
        { column: "Wohnfläche", indicator: "wohnflaeche_je_person" },
      ],
    });
    expect(p.ok).toBe(true);
    const r = await runImport(inT, {
      bytes,
      fileName: "breit.csv",
      profile: p.ok ? (p.profile as ObservationProfile) : longProfile,
      dryRun: false,
    });
    expect(r.errors).toEqual([]);
    expect(r.detected).toMatchObject({ encoding: "windows-1252", headerRow: 4, decimal: "," });
    const u8 = () =>
      inT(async (tx) => indicatorValues(tx, (await getIndicator(tx, "u8_teilnahme"))!, {}, { reveal: false }));
    // A share read without counts is not published until its base is declared (decision 0033).
    expect((await u8()).map((c) => [c.areaKey, c.value, c.state])).toEqual([
      ["701", null, "suppressed"],
      ["702", null, "suppressed"],
    ]);
    expect(await inT((tx) => setIndicatorBase(tx, "u8_teilnahme", { minBase: 50 }))).toMatchObject({ ok: true });
    expect((await u8()).map((c) => [c.areaKey, c.period, c.value])).toEqual([
      ["701", "2012-12-31", 93.5],
      ["702", "2012-12-31", 88],
    ]);
  });

  it("reads XLSX and rolls an import back", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Daten");
    ws.addRow(["Gebiet", "Jahr", "Merkmal", "Anzahl"]);
    ws.addRow(["701", 2012, "Einwohner", 1300]);
    ws.addRow(["702", 2012, "Einwohner", 810]);
    const bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const before = await count();
    const r = await runImport(inT, { bytes, fileName: "daten.xlsx", profile: longProfile, dryRun: false });
    expect(r).toMatchObject({ committed: true, inserted: 2 });
    expect(await count()).toBe(before + 2);
    const rb = await inT((tx) => rollbackImport(tx, r.importId!));
    expect(rb).toEqual({ ok: true, deleted: 2, restored: 0, kept: 0 });
    expect(await count()).toBe(before);
    expect(await inT((tx) => rollbackImport(tx, r.importId!))).toMatchObject({ ok: false });
  });

  it("rolling back a correction restores the values it overwrote", async () => {
    const csv = (v: string) => enc(`Gebiet;Jahr;Merkmal;Anzahl\n701;2009;Einwohner;${v}\n702;2009;Einwohner;900\n`);
    const value = async (key: string) =>
      Number(
        (
          await inT((tx) =>
            rows<{ v: number }>(
              tx,
              sql`SELECT o.value AS v FROM mon_observations o
      JOIN mon_areas a ON a.id = o.area_id WHERE o.period = '2009' AND a.key = ${key}`,
            ),
          )
        )[0]?.v,
      );
    const first = await runImport(inT, {
      bytes: csv("1000"),
      fileName: "2009.csv",
      profile: longProfile,
      dryRun: false,
    });
    expect(first).toMatchObject({ committed: true, inserted: 2 });
    const fix = await runImport(inT, {
      bytes: csv("1010"),
      fileName: "2009-korrigiert.csv",
      profile: longProfile,
      dryRun: false,
    });
    expect(fix).toMatchObject({ committed: true, inserted: 0, updated: 1 });
    expect(await value("701")).toBe(1010);
    // 701 gets the first file's value back; 702, which both files give as 900, stays.
    expect(await inT((tx) => rollbackImport(tx, fix.importId!))).toEqual({
      ok: true,
      deleted: 0,
      restored: 1,
      kept: 1,
    });
    expect(await value("701")).toBe(1000);
    expect(await value("702")).toBe(900);
    // The first import still owns its values and can be taken back as a whole.
    expect(await inT((tx) => rollbackImport(tx, first.importId!))).toEqual({
      ok: true,
      deleted: 2,
      restored: 0,
      kept: 0,
    });
    expect(Number.isNaN(await value("701"))).toBe(true);
  });

  it("takes indicator codes from a series column when the profile says so", async () => {
    const p = ObservationProfile.parse({
      kind: "observations",
      name: "codes",
      layout: "long",
      area: { column: "Gebiet" },
      period: { column: "Jahr" },
      value: { column: "Wert" },
      series: { columns: ["Indikator"], codes: true, unmapped: "error" },
    });
    const r = await runImport(inT, {
      bytes: enc(
        "Gebiet,Jahr,Indikator,Wert\n701,2010,einwohner,1200\n701,2010,auslaender,150\n701,2010,mh_anteil,30\n701,2010,quatsch,1\n",
      ),
      fileName: "c.csv",
      profile: p,
      dryRun: true,
    });
    expect(r.errors.map((e) => [e.line, de(e)])).toEqual([
      [4, "„mh_anteil“ ist ein abgeleiteter Indikator und wird berechnet, nicht importiert."],
      [5, "Die Serie „quatsch“ ist im Profil keinem Indikator zugeordnet."],
    ]);
    expect(r.observations).toBe(2);
  });

  it("imports in the background (short transactions, merge in slices) exactly as in one transaction", async () => {
    // 2 Stadtteile × 200 years × 150 groups = 60,000 lines: more than one COPY batch and, on the
    // embedded database, more than one merge slice. The other tenant gets the same files in one
    // transaction; both must end with the same values, counts and history.
    const profile = ObservationProfile.parse({
      kind: "observations",
      name: "hintergrund",
      layout: "long",
      area: { column: "Gebiet" },
      period: { column: "Jahr" },
      value: { column: "Wert" },
      indicator: "einwohner",
      group: { column: "Gruppe" },
    });
    const file = (change: boolean) => {
      const out = ["Gebiet;Jahr;Gruppe;Wert"];
      for (const a of ["701", "702"])
        for (let y = 1900; y < 2100; y++)
          for (let g = 0; g < 150; g++) out.push(`${a};${y};g${g};${change && g % 3 === 0 ? y + g + 1 : y + g}`);
      return enc(out.join("\n"));
    };
    const state = async (id: string) =>
      inT(
        (tx) =>
          rows<{ k: string }>(
            tx,
            sql`SELECT a.key || '|' || o.period || '|' || o.group_code || '|' || o.value AS k FROM mon_observations o
              JOIN mon_areas a ON a.id = o.area_id JOIN mon_indicators i ON i.id = o.indicator_id
              WHERE i.code = 'einwohner' AND o.period < '2100' AND o.group_code ~ '^g[0-9]+$' ORDER BY 1`,
          ),
        id,
      ).then((r) => r.map((x) => x.k));
    const history = async (id: string) =>
      Number(
        (await inT((tx) => rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM mon_observation_history`), id))[0]
          .n,
      );
    const phases: string[] = [];
    const scope = { tenantId, actor: { userId: null, label: "Test" } };
    const bg = (bytes: Uint8Array, name: string) =>
      importInBackground(db, scope, { bytes, fileName: name, profile, dryRun: false }, (p) => {
        if (phases.at(-1) !== p.phase) phases.push(p.phase);
      });
    const one = (bytes: Uint8Array, name: string) =>
      runImport((fn) => inT(fn, otherId), { bytes, fileName: name, profile, dryRun: false });
    const h0 = [await history(tenantId), await history(otherId)];

    const [a1, b1] = [await bg(file(false), "a.csv"), await one(file(false), "a.csv")];
    expect(a1).toMatchObject({ committed: true, inserted: 60_000, updated: 0, errorCount: 0 });
    expect(phases).toEqual(["read", "check", "merge"]);
    const [a2, b2] = [await bg(file(true), "b.csv"), await one(file(true), "b.csv")];
    expect(a2).toMatchObject({ committed: true, inserted: 0, updated: 20_000, unchanged: 40_000 });
    expect({ ...b2, importId: null, fileHash: null }).toEqual({ ...a2, importId: null, fileHash: null });
    expect({ ...b1, importId: null }).toEqual({ ...a1, importId: null });
    expect(await state(tenantId)).toEqual(await state(otherId));
    expect(await history(tenantId)).toBe(h0[0] + 20_000);
    expect(await history(otherId)).toBe(h0[1] + 20_000);
    expect((await state(tenantId)).filter((k) => k.startsWith("701|1900|g0|"))).toEqual(["701|1900|g0|1901"]);
    // Taking the correction back restores the first file's values in both.
    await inT((tx) => rollbackImport(tx, a2.importId!));
    await inT((tx) => rollbackImport(tx, b2.importId!), otherId);
    expect(await state(tenantId)).toEqual(await state(otherId));
    expect((await state(tenantId)).filter((k) => k.startsWith("701|1900|g0|"))).toEqual(["701|1900|g0|1900"]);
  });

  it("stores an empty value as 'nicht erhoben' when the profile says so, otherwise refuses it", async () => {
    // An empty cell; "-" would be a value (exactly 0, Destatis), see the statistical symbols test.
    const csv = "Gebiet;Jahr;Merkmal;Anzahl\n701;2031;Einwohner;\n702;2031;Einwohner;900\n";
    const refused = await runImport(inT, { bytes: enc(csv), fileName: "leer.csv", profile: longProfile, dryRun: true });
    expect(refused.errors.map((e) => e.code)).toEqual(["monitoring.importErrors.valueMissing"]);
    const profile = ObservationProfile.parse({ ...longProfile, name: "test-leer", emptyValues: "not_collected" });
    const r = await runImport(inT, { bytes: enc(csv), fileName: "leer.csv", profile, dryRun: false });
    expect(r).toMatchObject({ committed: true, inserted: 2 });
    const cells = await inT(async (tx) =>
      indicatorValues(
        tx,
        (await getIndicator(tx, "einwohner"))!,
        { areaKeys: ["701", "702"], from: "2031", to: "2031", group: "gesamt" },
        { reveal: false },
      ),
    );
    expect(cells.map((c) => [c.areaKey, c.value, c.state])).toEqual([
      ["701", null, "not_collected"],
      ["702", 900, "value"],
    ]);
  });

  it("a profile with an unknown or derived indicator is refused", async () => {
    const p = ObservationProfile.parse({ ...longProfile, name: "falsch", series: undefined, indicator: "mh_anteil" });
    const r = await runImport(inT, { bytes: enc(good), fileName: "gut.csv", profile: p, dryRun: false });
    expect(de(r.errors[0])).toContain("abgeleiteter Indikator");
  });
});

describe("disclosure control", () => {
  it("suppresses counts below the threshold and everything derived from them, unless revealed", async () => {
    const [aus, share] = await inT(async (tx) => [
      await getIndicator(tx, "auslaender"),
      await getIndicator(tx, "auslaender_anteil"),
    ]);
    const pub = await inT((tx) =>
      indicatorValues(tx, aus!, { areaKeys: ["701"], from: "2011", to: "2011" }, { reveal: false }),
    );
    expect(pub).toMatchObject([{ areaKey: "701", value: null, suppressed: true }]);
    const derived = await inT((tx) => indicatorValues(tx, share!, { from: "2011", to: "2011" }, { reveal: false }));
    expect(derived.find((c) => c.areaKey === "701")).toMatchObject({ value: null, suppressed: true });
    expect(derived.find((c) => c.areaKey === "702")).toMatchObject({ value: 15, suppressed: false });
    const staff = await inT((tx) =>
      indicatorValues(tx, share!, { from: "2011", to: "2011", areaKeys: ["701"] }, { reveal: true }),
    );
    expect(staff[0].value).toBeCloseTo((2 / 1234) * 100, 9);
    // With threshold 1 nothing is small any more.
    await inT((tx) => setDisclosureThreshold(tx, 1));
    expect(
      (
        await inT((tx) => indicatorValues(tx, aus!, { areaKeys: ["701"], from: "2011", to: "2011" }, { reveal: false }))
      )[0].value,
    ).toBe(2);
    await inT((tx) => setDisclosureThreshold(tx, 3));
  });
});
