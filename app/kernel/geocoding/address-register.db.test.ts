import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { rows, withTenant } from "../db/context";
import { createTestDb, tenantIds } from "../../../tests/support/db";
import { readCsv } from "../parsing/csv";
import { uploadLimits } from "../upload";
import {
  geocodeMany,
  houseNumberKey,
  importRegister,
  registerSize,
  splitStreet,
  streetKey,
  type RegisterCrs,
} from "./address-register";

// The address register (decision 0053): normalised keys, all-or-nothing imports with a report per row,
// coordinates in WGS84 or UTM, lookups in one query, and row-level security per tenant.

let db: Database;
let cleanup: () => Promise<void>;
let ids: Record<string, string>;
const as = <T>(tenantId: string, fn: Parameters<typeof withTenant<T>>[2]) =>
  withTenant(db, { tenantId, actor: { userId: null, label: "test" } }, fn);
const table = (text: string) => readCsv(new TextEncoder().encode(text), {}, uploadLimits());
const load = (tenantId: string, text: string, crs: RegisterCrs = "wgs84") =>
  as(tenantId, (tx) => importRegister(tx, table(text), crs));

beforeAll(async () => {
  ({ db, cleanup } = await createTestDb({ demo: true }));
  ids = await tenantIds(db);
});
afterAll(async () => cleanup());

describe("address keys", () => {
  it("treats the usual spellings of a street as one", () => {
    expect(streetKey("Von-Coels-Straße")).toBe(streetKey("von coels str."));
    expect(streetKey("Cäcilienstraße")).toBe(streetKey("Caecilienstrasse"));
    expect(streetKey("Straße des 17. Juni")).toBe(streetKey("Str. des 17. Juni"));
    expect(streetKey("Peterstraße")).not.toBe(streetKey("Petersberg"));
    expect(houseNumberKey("7 a")).toBe("7a");
    expect(houseNumberKey("21 – 25")).toBe("21-25");
  });
  it("splits the house number off the end of a street", () => {
    expect(splitStreet("Peterstraße 21–25")).toEqual({ name: "Peterstraße", number: "21–25" });
    expect(splitStreet("Reumontstraße 7a")).toEqual({ name: "Reumontstraße", number: "7a" });
    expect(splitStreet("Straße des 17. Juni 12")).toEqual({ name: "Straße des 17. Juni", number: "12" });
    expect(splitStreet("Pariser Platz")).toEqual({ name: "Pariser Platz", number: "" });
  });
});

describe("importing a register", () => {
  it("imports a WGS84 file and finds its addresses, however they are spelled", async () => {
    const r = await load(
      ids.aachen,
      [
        "Straße;Hausnummer;PLZ;Ort;Breite;Länge",
        "Peterstraße;21–25;52062;Aachen;50,7771;6,0893",
        "Reumontstraße;7a;52064;Aachen;50.7702;6.0766",
        "Reumontstraße;7a;52064;Aachen;50.7702;6.0766",
        "Haarener Gracht;14;52080;Aachen;50.7862;6.1163",
      ].join("\n"),
    );
    expect(r).toEqual({ ok: true, imported: 3, merged: 1 });
    const pts = await as(ids.aachen, (tx) =>
      geocodeMany(tx, [
        { street: "Peterstr. 21-25", postcode: null },
        { street: "Reumontstrasse 7 a", postcode: "52064" },
        { street: "Peterstraße 23", postcode: null },
        { street: "Haarener Gracht 14", postcode: "52062" },
        { street: null, postcode: "52062" },
      ]),
    );
    expect(pts[0]).toEqual({ lat: 50.7771, lon: 6.0893 });
    expect(pts[1]).toEqual({ lat: 50.7702, lon: 6.0766 });
    // Not in the register: number 23, the wrong postcode, no street.
    expect(pts.slice(2)).toEqual([null, null, null]);
    // The register is the tenant's own: Köln does not see Aachen's addresses.
    const other = await as(ids.koeln, (tx) => geocodeMany(tx, [{ street: "Peterstraße 21–25", postcode: null }]));
    expect(other).toEqual([null]);
    const audited = await as(ids.aachen, (tx) =>
      rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'address_register'`),
    );
    expect(audited[0].n).toBe(1);
  });

  it("looks a range up by its first number, and leaves an ambiguous address without a point", async () => {
    await load(
      ids.koeln,
      [
        "strasse,hnr,plz,lat,lon",
        "Venloer Straße,20,50672,50.9420,6.9330",
        "Hauptstraße,1,51143,50.8640,7.0560",
        "Hauptstraße,1,50996,50.8770,6.9880",
      ].join("\n"),
    );
    const pts = await as(ids.koeln, (tx) =>
      geocodeMany(tx, [
        { street: "Venloer Str. 20-22", postcode: null },
        { street: "Hauptstraße 1", postcode: null },
        { street: "Hauptstraße 1", postcode: "50996" },
      ]),
    );
    expect(pts).toEqual([{ lat: 50.942, lon: 6.933 }, null, { lat: 50.877, lon: 6.988 }]);
  });

  it("converts UTM coordinates (ETRS89, EPSG:25832) as offices publish them", async () => {
    const r = await load(
      ids.koeln,
      [
        "STRASSE;HAUSNUMMER;HAUSNUMMERZUSATZ;PLZ;RECHTSWERT;HOCHWERT",
        "Cäcilienstraße;35;a;50667;355776,0;5644636,3",
      ].join("\n"),
      "25832",
    );
    expect(r).toEqual({ ok: true, imported: 1, merged: 0 });
    const [p] = await as(ids.koeln, (tx) => geocodeMany(tx, [{ street: "Cäcilienstraße 35a", postcode: "50667" }]));
    // Köln's Neumarkt (50.9353 N, 6.9474 E); x and y swapped or zone 33 would land far off.
    expect(p!.lat).toBeCloseTo(50.9353, 3);
    expect(p!.lon).toBeCloseTo(6.9474, 3);
    // The replaced register is gone: an import is the whole register.
    expect(await as(ids.koeln, (tx) => registerSize(tx))).toBe(1);
  });

  it("changes nothing when any row is wrong, and names every wrong row", async () => {
    const before = await as(ids.aachen, (tx) => registerSize(tx));
    const r = await load(
      ids.aachen,
      [
        "Straße;Hausnummer;PLZ;lat;lon",
        "Peterstraße;1;52062;50.77;6.08",
        ";2;52062;50.77;6.08",
        "Peterstraße;3;5206;50.77;6.08",
        "Peterstraße;4;52062;6.08;50.77",
        "Peterstraße;5;52062;;",
        "Peterstraße;1;52062;50.80;6.10",
      ].join("\n"),
    );
    expect(r).toEqual({
      ok: false,
      problems: [
        { line: 3, code: "geocoding.problem.street" },
        { line: 4, code: "geocoding.problem.postcode", params: { value: "5206" } },
        { line: 5, code: "geocoding.problem.point" },
        { line: 6, code: "geocoding.problem.point" },
        { line: 7, code: "geocoding.problem.duplicate", params: { other: 2 } },
      ],
    });
    expect(await as(ids.aachen, (tx) => registerSize(tx))).toBe(before);
  });

  it("refuses a file without the columns it needs, or UTM without its system", async () => {
    expect(await load(ids.aachen, "Name;Wert\nA;1")).toEqual({
      ok: false,
      problems: [
        { line: 1, code: "geocoding.problem.noStreetColumn" },
        { line: 1, code: "geocoding.problem.noPointColumns" },
      ],
    });
    expect(await load(ids.aachen, "Straße;X;Y\nPeterstraße 1;293000;5628000")).toEqual({
      ok: false,
      problems: [{ line: 1, code: "geocoding.problem.crsNeeded" }],
    });
    expect(await load(ids.aachen, "Straße;lat;lon")).toEqual({
      ok: false,
      problems: [{ line: 1, code: "geocoding.problem.empty" }],
    });
  });
});
