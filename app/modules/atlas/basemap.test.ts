import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { areaLabels, labelPoint } from "./areas";
import { basemapFile } from "./basemap.server";
import { routeUrl } from "./route-link";

describe("base map file of a tenant (decision 0050)", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "basemap-unit-"));
  fs.writeFileSync(path.join(dir, "koeln.pmtiles"), "x");
  fs.mkdirSync(path.join(dir, "ordner.pmtiles"));

  it("is <slug>.pmtiles inside the folder, nothing else", () => {
    expect(basemapFile("koeln", dir)).toBe(path.join(dir, "koeln.pmtiles"));
    expect(basemapFile("aachen", dir)).toBeNull();
    expect(basemapFile("koeln", null)).toBeNull();
    // A folder is no archive; names that are no slug never reach the file system.
    expect(basemapFile("ordner", dir)).toBeNull();
    for (const bad of ["../koeln", "..", "koeln/../koeln", "/etc/passwd", "Koeln", "koeln\0", ""])
      expect(basemapFile(bad, dir), bad).toBeNull();
  });
});

describe("area names on the map", () => {
  const square = {
    type: "Polygon" as const,
    coordinates: [
      [
        [0, 0],
        [2, 0],
        [2, 2],
        [0, 2],
        [0, 0],
      ],
    ],
  };
  it("writes a name at the centroid of the largest part", () => {
    expect(labelPoint(square)).toEqual([1, 1]);
    const multi = {
      type: "MultiPolygon" as const,
      coordinates: [
        [
          [
            [10, 10],
            [11, 10],
            [11, 11],
            [10, 11],
            [10, 10],
          ],
        ],
        square.coordinates,
      ],
    };
    expect(labelPoint(multi)).toEqual([1, 1]);
  });
  it("keeps the name inside a C-shaped area whose centroid lies outside", () => {
    // A "C": the centroid falls into the opening on the right.
    const c = {
      type: "Polygon" as const,
      coordinates: [
        [
          [0, 0],
          [4, 0],
          [4, 1],
          [1, 1],
          [1, 3],
          [4, 3],
          [4, 4],
          [0, 4],
          [0, 0],
        ],
      ],
    };
    const [x, y] = labelPoint(c)!;
    expect(x).toBeGreaterThan(0);
    expect(x).toBeLessThan(1);
    expect(y).toBeCloseTo(2, 5);
  });
  it("lists name and point per area", () => {
    expect(
      areaLabels({
        type: "FeatureCollection",
        features: [{ type: "Feature", properties: { key: "1", name: "Altstadt" }, geometry: square }],
      }),
    ).toEqual([{ name: "Altstadt", at: [1, 1] }]);
    expect(areaLabels(null)).toEqual([]);
  });
});

describe("route link", () => {
  const p = { street: "Cäcilienstraße", postcode: "50667", city: "Köln", lat: 50.93, lon: 6.94 };
  it("goes to OpenStreetMap's route planner with the street address", () => {
    const u = new URL(routeUrl(p)!);
    expect(u.origin + u.pathname).toBe("https://www.openstreetmap.org/directions");
    expect(u.searchParams.get("to")).toBe("Cäcilienstraße, 50667 Köln");
  });
  it("uses coordinates without a street, and nothing without either", () => {
    expect(new URL(routeUrl({ ...p, street: null })!).searchParams.get("to")).toBe("50.93,6.94");
    expect(routeUrl({ street: null, postcode: null, city: null, lat: null, lon: null })).toBeNull();
  });
});
