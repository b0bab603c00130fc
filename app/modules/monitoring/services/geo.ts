import { ServiceError } from "~/kernel/errors";
import proj4 from "proj4";
import { parseDbf, parseShp } from "shpjs";
import { kml } from "@tmcw/togeojson";
import { DOMParser } from "@xmldom/xmldom";
import simplify from "@turf/simplify";

// Pure parsers: files in, WGS84 GeoJSON features out. No database here.

export type Position = number[];
export interface Geometry {
  type: string;
  coordinates: unknown;
}
export interface Feature {
  type: "Feature";
  properties: Record<string, unknown>;
  geometry: Geometry | null;
}

/** An area file that cannot be read; carries an error code (monitoring.errors.*). */
export class GeoError extends ServiceError {}

export function parseGeoJson(text: string): Feature[] {
  let doc: { type?: string; features?: Feature[]; crs?: { properties?: { name?: string } } };
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch {
    throw new GeoError("monitoring.errors.geojsonSyntax");
  }
  if (doc?.type !== "FeatureCollection" || !Array.isArray(doc.features))
    throw new GeoError("monitoring.errors.geojsonNotCollection");
  const crs = doc.crs?.properties?.name ?? "";
  if (crs && !/CRS84|4326/.test(crs)) throw new GeoError("monitoring.errors.geojsonCrs", { crs });
  return doc.features.map((f) => ({ type: "Feature", properties: f.properties ?? {}, geometry: f.geometry ?? null }));
}

export function parseKml(text: string): Feature[] {
  const dom = new DOMParser().parseFromString(text, "text/xml");
  const fc = kml(dom as never) as { features: Feature[] };
  if (!fc.features.length) throw new GeoError("monitoring.errors.kmlEmpty");
  return fc.features.map((f) => ({ type: "Feature", properties: f.properties ?? {}, geometry: f.geometry }));
}

/** Maps the code page of a .cpg file to a TextDecoder label; shapefiles without .cpg are Latin-1 by convention. */
export function dbfEncoding(cpg?: string | null): string {
  const c = (cpg ?? "").trim().toLowerCase();
  if (!c) return "windows-1252";
  if (/utf-?8|65001/.test(c)) return "utf-8";
  if (/1252|8859-?1|latin-?1/.test(c)) return "windows-1252";
  if (/8859-?15/.test(c)) return "iso-8859-15";
  return c;
}

/** Reads .shp + .dbf, reprojects from the CRS in the .prj (WKT) to WGS84. */
export async function parseShapefile(
  shp: Uint8Array,
  dbf: Uint8Array,
  prj?: string | null,
  cpg?: string | null,
): Promise<Feature[]> {
  let project: ((p: Position) => Position) | null = null;
  if (prj && !/^GEOGCS\[/.test(prj.trim())) {
    try {
      // The vertical CRS that some ESRI writers append is irrelevant for 2D and confuses the parser.
      const wkt = prj
        .trim()
        .replace(/,VERTCS\[.*$/s, "]")
        .replace(/^COMPD_CS\[[^,]*,/, "");
      const conv = proj4(wkt, "WGS84");
      project = (p) => conv.forward([p[0], p[1]]);
    } catch {
      throw new GeoError("Die .prj-Datei beschreibt kein lesbares Koordinatensystem.");
    }
  }
  let geometries: (Geometry | null)[];
  let rows: Record<string, unknown>[];
  try {
    // Projection stays ours (above): shpjs would hand the raw WKT to proj4 without the clean-up.
    geometries = parseShp(shp) as (Geometry | null)[];
    rows = parseDbf(dbf, dbfEncoding(cpg)) as Record<string, unknown>[];
  } catch {
    throw new GeoError("Die Shapefile-Dateien (.shp/.dbf) sind nicht lesbar.");
  }
  if (rows.length !== geometries.length) throw new GeoError("Die Shapefile-Dateien (.shp/.dbf) sind nicht lesbar.");
  return geometries.map((g, i) => ({
    type: "Feature",
    // An empty numeric field is NaN in the DBF reader; it means "no value".
    properties: Object.fromEntries(
      Object.entries(rows[i] ?? {}).map(([k, v]) => [k, typeof v === "number" && Number.isNaN(v) ? null : v]),
    ),
    geometry: g && project ? mapCoords(g, project) : g,
  }));
}

function mapCoords(g: Geometry, fn: (p: Position) => Position): Geometry {
  const walk = (c: unknown): unknown =>
    Array.isArray(c) && typeof c[0] === "number" ? fn(c as Position) : (c as unknown[]).map(walk);
  return { type: g.type, coordinates: walk(g.coordinates) };
}

/** Simplifies for web display (about 5 m tolerance) and rounds to 6 decimals (~0.1 m). */
export function webGeometry(g: Geometry | null): Geometry | null {
  if (!g) return null;
  if (!/Polygon/.test(g.type)) return mapCoords(g, (p) => [round6(p[0]), round6(p[1])]);
  const s = simplify({ type: "Feature", properties: {}, geometry: g } as never, {
    tolerance: 0.00005,
    highQuality: false,
    mutate: false,
  }) as unknown as Feature;
  return mapCoords(s.geometry!, (p) => [round6(p[0]), round6(p[1])]);
}
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

export function bbox(features: { geometry: Geometry | null }[]): [number, number, number, number] | null {
  let minX = Infinity,
    minY = Infinity,
    maxX = -Infinity,
    maxY = -Infinity;
  const walk = (c: unknown) => {
    if (Array.isArray(c) && typeof c[0] === "number") {
      const [x, y] = c as number[];
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
    } else if (Array.isArray(c)) c.forEach(walk);
  };
  for (const f of features) if (f.geometry) walk(f.geometry.coordinates);
  return Number.isFinite(minX) ? [minX, minY, maxX, maxY] : null;
}
