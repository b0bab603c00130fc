import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { sql } from "drizzle-orm";
import { createTestDb } from "../../../tests/support/db";
import { ROOT } from "../../../tests/support/process";
import type { Database, Tx } from "~/kernel/db/client";
import { rows, withSystem, withTenant } from "~/kernel/db/context";
import { translateError } from "~/kernel/errors";
import { getT } from "~/kernel/i18n";
import { createTenant } from "~/kernel/tenancy/service";
import { CORE_SET } from "./catalogue";
import { commands } from "./cli";
import { importAreaList, readAreaList } from "./services/area-list";
import { areasGeoJson, createArea, importAreaFeatures, listAreas, AreaProfile } from "./services/areas";
import { ensureIndicators, getIndicator } from "./services/indicators";
import { ObservationProfile, runImport } from "./services/importer";
import { indicatorValues } from "./services/values";

// Area identity is (level, key): the Doppelstadt fixture has districts named like Stadtteile and keys
// that repeat across levels (tests/fixtures/doppelstadt/README.md).
const FIXTURE = path.join(ROOT, "tests/fixtures/doppelstadt");
const file = (name: string) => new Uint8Array(fs.readFileSync(path.join(FIXTURE, name)));
const de = getT("de");

let db: Database, cleanup: () => Promise<void>, tenantId: string, emptyId: string;
const inT = <T>(fn: (tx: Tx) => Promise<T>, id = tenantId) =>
  withTenant(db, { tenantId: id, actor: { userId: null, label: "Test" } }, fn);
const areaCount = async (id = tenantId) =>
  Number((await inT((tx) => rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM mon_areas`), id))[0].n);

const profile = (name: string, level?: string, nameColumn = false) =>
  ObservationProfile.parse({
    kind: "observations",
    name,
    layout: "long",
    format: {},
    area: nameColumn ? { column: "Name", nameColumn: "Name" } : { column: "Schlüssel", ...(level ? { level } : {}) },
    period: { column: "Jahr" },
    value: { column: "Einwohner" },
    indicator: "einwohner",
  });

beforeAll(async () => {
  ({ db, cleanup } = await createTestDb());
  [tenantId, emptyId] = await withSystem(db, async (tx) => [
    (await createTenant(tx, { slug: "doppelstadt", name: "Doppelstadt", kind: "kommune", ags: "05999301" })).id,
    (await createTenant(tx, { slug: "leerstadt", name: "Leerstadt", kind: "kommune", ags: "05999302" })).id,
  ]);
  for (const id of [tenantId, emptyId]) await inT((tx) => ensureIndicators(tx, CORE_SET), id);
});
afterAll(() => cleanup());

describe("areas from a plain list", () => {
  it("checks the whole list in a dry run without writing, then creates every area with its parent and no geometry", async () => {
    const list = await readAreaList(file("gebiete.csv"));
    expect(list).toHaveLength(10);
    const dry = await inT((tx) => importAreaList(tx, list, { dryRun: true }));
    expect(dry).toMatchObject({ rows: 10, created: 10, updated: 0, errors: [], written: false });
    // Same names and keys at another level are legal, and said (value files then need the level).
    const notes = dry.notes.map((n) => `${n.line}: ${translateError(de, n.reason)}`);
    expect(notes).toContain("7: Derselbe Name auch: Stadtbezirk 1 Innenstadt.");
    expect(notes).toContain("8: Derselbe Schlüssel auch: Stadtbezirk 3 Porz.");
    expect(notes).toContain("8: Derselbe Name auch: Stadtbezirk 2 Mülheim.");
    expect(await areaCount()).toBe(0);

    const done = await inT((tx) => importAreaList(tx, list, { dryRun: false }));
    expect(done).toMatchObject({ created: 10, updated: 0, errors: [], written: true });
    const areas = await inT((tx) => listAreas(tx));
    expect(areas.map((a) => `${a.level}/${a.key} ${a.name}`)).toEqual([
      "stadt/0 Doppelstadt",
      "stadtbezirk/1 Innenstadt",
      "stadtbezirk/2 Mülheim",
      "stadtbezirk/3 Porz",
      "stadtteil/1 Altstadt",
      "stadtteil/2 Innenstadt",
      "stadtteil/3 Mülheim",
      "stadtteil/4 Buchheim",
      "stadtteil/5 Porz",
      "stadtteil/6 Urbach",
    ]);
    const byId = new Map(areas.map((a) => [a.id, a]));
    const parentOf = (level: string, key: string) => {
      const p = byId.get(areas.find((a) => a.level === level && a.key === key)!.parentId ?? "");
      return p && `${p.level}/${p.key}`;
    };
    expect(parentOf("stadtteil", "3")).toBe("stadtbezirk/2");
    expect(parentOf("stadtbezirk", "2")).toBe("stadt/0");
    expect(areas.every((a) => a.geometry === null)).toBe(true);

    // Again: nothing new, names and parents confirmed.
    const again = await inT((tx) => importAreaList(tx, list, { dryRun: false }));
    expect(again).toMatchObject({ created: 0, updated: 10, errors: [] });
    expect(await areaCount()).toBe(10);
  });

  it("serves areas without geometry in the GeoJSON with geometry null", async () => {
    const geo = await inT((tx) => areasGeoJson(tx, "stadtteil"));
    expect(geo.features).toHaveLength(6);
    expect(geo.features.find((f) => f.properties.key === "3")).toEqual({
      type: "Feature",
      id: "3",
      properties: { key: "3", name: "Mülheim", level: "stadtteil" },
      geometry: null,
    });
  });

  it("refuses an ambiguous list before writing anything, naming every row (CSV and XLSX alike)", async () => {
    const csvRows = await readAreaList(file("gebiete-mehrdeutig.csv"));
    // The same list as XLSX, with a title row above the header.
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Gebiete");
    ws.addRow(["Gebietsliste der Doppelstadt"]);
    for (const line of new TextDecoder().decode(file("gebiete-mehrdeutig.csv")).trim().split("\n"))
      ws.addRow(line.split(";"));
    const xlsxRows = await readAreaList(new Uint8Array(await wb.xlsx.writeBuffer()));
    for (const [kind, list, shift] of [
      ["csv", csvRows, 0],
      ["xlsx", xlsxRows, 1],
    ] as const) {
      const r = await inT((tx) => importAreaList(tx, list, { dryRun: false }), emptyId);
      expect(r.written, kind).toBe(false);
      expect(await areaCount(emptyId), kind).toBe(0);
      expect(
        r.errors.map((e) => `${e.line - shift} ${e.key} ${e.name}: ${translateError(de, e.reason)}`),
        kind,
      ).toEqual([
        "5 1 Altstadt: Übergeordneter Schlüssel „1“ ist mehrdeutig: Stadtbezirk 1 Innenstadt; Stadtteil 1 Altstadt. Bitte die übergeordnete Ebene angeben.",
        "7 2 Neustadt: Ebene und Schlüssel stehen schon in Zeile " + (6 + shift) + ".",
        "8 3 Buchheim: Diesen Namen hat auf derselben Ebene schon: Stadtteil 4 Buchheim (Zeile " + (9 + shift) + ").",
        "9 4 Buchheim: Diesen Namen hat auf derselben Ebene schon: Stadtteil 3 Buchheim (Zeile " + (8 + shift) + ").",
      ]);
    }
  });

  it("refuses a list without its columns, an unknown level, a parent that is not above and a key too long", async () => {
    await expect(readAreaList(new TextEncoder().encode("Nr;Bezeichnung\n1;A\n"))).rejects.toMatchObject({
      code: "monitoring.areaList.columnsMissing",
    });
    const r = await inT(
      (tx) =>
        importAreaList(
          tx,
          [
            { line: 2, key: "9", name: "Irgendwo", level: "Viertel", parentKey: "", parentLevel: "" },
            { line: 3, key: "9", name: "Oben", level: "stadtbezirk", parentKey: "1", parentLevel: "stadtteil" },
            { line: 4, key: "9".repeat(61), name: "Lang", level: "stadtteil", parentKey: "", parentLevel: "" },
          ],
          { dryRun: false },
        ),
      tenantId,
    );
    expect(r.errors.map((e) => translateError(de, e.reason))).toEqual([
      "Unbekannte Ebene „Viertel“ (erlaubt: stadt, stadtbezirk, stadtteil, sozialraum, lebensraum, quartier).",
      "Das übergeordnete Gebiet (Stadtteil 1 Altstadt) liegt nicht über dieser Ebene.",
      "Schlüssel (höchstens 60 Zeichen) oder Name (höchstens 200 Zeichen) zu lang.",
    ]);
    expect(await areaCount()).toBe(10);
  });

  it("takes a list through the CLI (monitoring:areas), exiting with an error on an ambiguous one", async () => {
    const out: string[] = [];
    const run = (f: string, extra: Record<string, boolean> = {}) =>
      commands["monitoring:areas"].run(
        db,
        { values: { tenant: "leerstadt", file: path.join(FIXTURE, f), ...extra }, positionals: [] },
        (m) => out.push(m),
      );
    await expect(run("gebiete-mehrdeutig.csv")).rejects.toThrow(
      "4 fehlerhafte oder mehrdeutige Zeile(n) – nichts wurde übernommen.",
    );
    expect(out.join("\n")).toContain("Zeile 7 (2 Neustadt): Ebene und Schlüssel stehen schon in Zeile 6.");
    expect(await areaCount(emptyId)).toBe(0);
    await run("gebiete.csv", { "dry-run": true });
    expect(await areaCount(emptyId)).toBe(0);
    await run("gebiete.csv");
    expect(out.at(-1)).toBe("Übernommen: 10 Zeilen, 10 Gebiete neu, 0 vorhanden.");
    expect(await areaCount(emptyId)).toBe(10);
  });
});

describe("values of a district and a Stadtteil of one name", () => {
  it("arrive at their own area by level and key, and stay apart in every read", async () => {
    for (const [f, level] of [
      ["einwohner-stadtbezirke.csv", "stadtbezirk"],
      ["einwohner-stadtteile.csv", "stadtteil"],
    ]) {
      const r = await runImport(inT, {
        bytes: file(f),
        fileName: f,
        profile: profile(`ew-${level}`, level),
        dryRun: false,
      });
      expect(r.errors, f).toEqual([]);
      expect(r.committed, f).toBe(true);
    }
    const ind = (await inT((tx) => getIndicator(tx, "einwohner")))!;
    const read = (areas: { level: string; key: string }[]) =>
      inT((tx) => indicatorValues(tx, ind, { areas }, { reveal: false }));
    expect((await read([{ level: "stadtbezirk", key: "2" }])).map((c) => [c.areaName, c.value])).toEqual([
      ["Mülheim", 41000],
    ]);
    expect((await read([{ level: "stadtteil", key: "3" }])).map((c) => [c.areaName, c.value])).toEqual([
      ["Mülheim", 23000],
    ]);
    // Key 2 is a district (Mülheim) and a Stadtteil (Innenstadt): each keeps its value.
    const two = await inT((tx) => indicatorValues(tx, ind, { areaKeys: ["2"] }, { reveal: false }));
    expect(two.map((c) => `${c.areaLevel} ${c.areaName} ${c.value}`).sort()).toEqual([
      "stadtbezirk Mülheim 41000",
      "stadtteil Innenstadt 18000",
    ]);
  });

  it("takes each row's level from a level column, leaves out lines by range and filter, and lists them", async () => {
    const csv = [
      "Einwohner nach Gebiet", // 1: title, above the header
      "Gebiet;Ebene;Jahr;Einwohner", // 2
      "Notiz;;;", // 3: before the first data line
      "Mülheim;Stadtbezirk;2025;41100", // 4
      "Mülheim;stadtteil;2025;23100", // 5
      "Buchheim;Stadtteil;2025;18100", // 6
      "Porz;Viertel;2025;1", // 7: unknown level name
      "Urbach;Stadtteil;2025;11100", // 8: filtered out
      "Quelle: Amt für Statistik;;;", // 9: after the last data line
    ].join("\n");
    const p = ObservationProfile.parse({
      kind: "observations",
      name: "ew-ebenenspalte",
      layout: "long",
      format: { headerRow: 2 },
      area: { column: "Gebiet", levelColumn: "Ebene" },
      period: { column: "Jahr" },
      value: { column: "Einwohner" },
      indicator: "einwohner",
      rows: { from: 4, to: 8, filter: { column: "Gebiet", op: "notEquals", value: "urbach" } },
    });
    const run = (text: string) =>
      runImport(inT, { bytes: new TextEncoder().encode(text), fileName: "ebenen.csv", profile: p, dryRun: true });
    const bad = await run(csv);
    expect(bad.errors.map((e) => `${e.line}: ${translateError(de, e)}`)).toEqual([
      "7: Die Ebene „Viertel“ ist unbekannt (erlaubt: Stadt, Stadtbezirk, Stadtteil, Sozialraum, Lebensraum, Quartier).",
    ]);
    const r = await run(csv.replace("Porz;Viertel", "Porz;Stadtteil"));
    expect(r.errors).toEqual([]);
    expect(r.skippedRows.map((e) => `${e.line}: ${translateError(de, e)}`)).toEqual([
      "3: übersprungen: vor der ersten Datenzeile (4)",
      "8: übersprungen: vom Zeilenfilter auf „Gebiet“ ausgeschlossen",
      "9: übersprungen: nach der letzten Datenzeile (8)",
    ]);
    // The same name at two levels, told apart by the level column.
    expect(r.preview.map((v) => `${v.line} ${v.target?.level} ${v.target?.key} ${v.value}`)).toEqual([
      "4 stadtbezirk 2 41100",
      "5 stadtteil 3 23100",
      "6 stadtteil 4 18100",
      "7 stadtteil 5 1",
    ]);
  });

  it("a key file without level matches nothing twice: the ambiguous row names both areas, nothing is written", async () => {
    const r = await runImport(inT, {
      bytes: file("einwohner-stadtteile.csv"),
      fileName: "ohne-ebene.csv",
      profile: profile("ew-ohne-ebene"),
      dryRun: false,
    });
    expect(r.committed).toBe(false);
    expect(r.errors.map((e) => `${e.line}: ${translateError(de, e)}`)).toContain(
      "3: Das Gebiet „2“ ist mehrdeutig, es passt zu: Stadtbezirk 2 Mülheim; Stadtteil 2 Innenstadt. Bitte im Profil die Ebene angeben (area.level) oder eindeutige Schlüssel verwenden.",
    );
  });

  it("name matching that finds a district and a Stadtteil says so and names both, also in skip mode", async () => {
    for (const unmatchedAreas of ["error", "skip"] as const) {
      const r = await runImport(inT, {
        bytes: file("einwohner-namen.csv"),
        fileName: `namen-${unmatchedAreas}.csv`,
        profile: { ...profile(`ew-namen-${unmatchedAreas}`, undefined, true), unmatchedAreas },
        dryRun: true,
      });
      expect(
        r.errors.map((e) => `${e.line}: ${translateError(de, e)}`),
        unmatchedAreas,
      ).toEqual([
        "3: Das Gebiet „Mülheim Mülheim“ ist mehrdeutig, es passt zu: Stadtbezirk 2 Mülheim; Stadtteil 3 Mülheim. Bitte im Profil die Ebene angeben (area.level) oder eindeutige Schlüssel verwenden.",
      ]);
    }
  });
});

describe("area files (GeoJSON) with ambiguous features", () => {
  const square = (x: number) => ({
    type: "Polygon",
    coordinates: [
      [
        [x, 50],
        [x + 0.01, 50],
        [x + 0.01, 50.01],
        [x, 50.01],
        [x, 50],
      ],
    ],
  });
  const feature = (key: string, name: string, parent: string, x: number) => ({
    type: "Feature" as const,
    properties: { NR: key, NAME: name, BEZ: parent },
    geometry: square(x) as never,
  });
  const geoProfile = (parentLevel?: string) =>
    AreaProfile.parse({
      kind: "areas",
      name: "teile",
      level: "stadtteil",
      keyProperty: "NR",
      nameProperty: "NAME",
      ...(parentLevel ? { parent: { level: parentLevel, property: "BEZ" } } : {}),
    });

  it("refuses the whole file when a feature repeats another, writing no geometry", async () => {
    const r = await inT((tx) =>
      importAreaFeatures(
        tx,
        [feature("1", "Altstadt", "1", 7), feature("7", "Neu", "1", 7.1), feature("01", "Altstadt-Nord", "1", 7.2)],
        geoProfile(),
        { dryRun: false },
      ),
    );
    expect(r.refused).toBe(true);
    expect(r.unmatched.map((u) => `${u.index}: ${translateError(de, u.reason)}`)).toEqual([
      "3: wiederholt Objekt 1 der Datei (gleicher Schlüssel oder Name)",
    ]);
    const areas = await inT((tx) => listAreas(tx, "stadtteil"));
    expect(areas).toHaveLength(6);
    expect(areas.every((a) => a.geometry === null)).toBe(true);
  });

  it("adds geometry later to areas from the list, matched at the profile's level only", async () => {
    const features = [1, 2, 3, 4, 5, 6].map((k) => feature(String(k), `x${k}`, "", 7 + k / 10));
    const r = await inT((tx) => importAreaFeatures(tx, features, geoProfile(), { dryRun: false }));
    expect(r).toMatchObject({ refused: false, created: 0, updated: 6, unmatched: [] });
    const geo = await inT((tx) => areasGeoJson(tx, "stadtteil"));
    expect(geo.features.every((f) => f.geometry?.type === "Polygon")).toBe(true);
    // The districts of the same keys are untouched.
    expect((await inT((tx) => areasGeoJson(tx, "stadtbezirk"))).features.every((f) => f.geometry === null)).toBe(true);
  });

  it("names the candidates of a parent key that two areas at the parent level share", async () => {
    await inT(async (tx) => {
      await createArea(tx, { level: "stadtbezirk", key: "07", name: "Sieben" });
      await createArea(tx, { level: "stadtbezirk", key: "7", name: "Sieben-Neu" });
    });
    const r = await inT((tx) =>
      importAreaFeatures(tx, [feature("701", "Siebenhundert", "007", 8)], geoProfile("stadtbezirk"), {
        dryRun: false,
      }),
    );
    expect(r.refused).toBe(true);
    expect(translateError(de, r.unmatched[0].reason)).toBe(
      "übergeordnetes Gebiet „007“ mehrdeutig: Stadtbezirk 07 Sieben; Stadtbezirk 7 Sieben-Neu",
    );
    expect((await inT((tx) => listAreas(tx, "stadtteil"))).map((a) => a.key)).not.toContain("701");
  });
});
