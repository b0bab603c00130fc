import proj4 from "proj4";
import { parseDbf, parseShp } from "shpjs";
import { kml } from "@tmcw/togeojson";
import { DOMParser } from "@xmldom/xmldom";
import { ParseFailure, type UploadLimits } from "./limits";

// Area files into WGS84 GeoJSON features: GeoJSON, KML, or a shapefile set. Every coordinate is
// counted against the point limit before anything is done with the geometry.

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

function countPoints(features: { geometry?: Geometry | null }[], limits: Pick<UploadLimits, "points">) {
  let n = 0;
  const walk = (c: unknown) => {
    if (!Array.isArray(c)) return;
    if (typeof c[0] === "number") {
      if (++n > limits.points) throw new ParseFailure("upload.limit.points", { max: limits.points });
    } else for (const x of c) walk(x);
  };
  for (const f of features) {
    const g = f?.geometry as (Geometry & { geometries?: Geometry[] }) | null | undefined;
    if (g?.geometries) for (const x of g.geometries) walk(x?.coordinates);
    else walk(g?.coordinates);
  }
}

export function readGeoJson(text: string, limits: UploadLimits): Feature[] {
  let doc: { type?: string; features?: Feature[]; crs?: { properties?: { name?: string } } };
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch {
    throw new ParseFailure("upload.format.geojsonSyntax");
  }
  if (doc?.type !== "FeatureCollection" || !Array.isArray(doc.features))
    throw new ParseFailure("upload.format.geojsonNotCollection");
  const crs = doc.crs?.properties?.name ?? "";
  if (crs && !/CRS84|4326/.test(crs)) throw new ParseFailure("upload.format.geojsonCrs", { crs });
  countPoints(doc.features, limits);
  return doc.features.map((f) => ({ type: "Feature", properties: f?.properties ?? {}, geometry: f?.geometry ?? null }));
}

export function readKml(text: string, limits: UploadLimits): Feature[] {
  let fc: { features: Feature[] };
  try {
    const dom = new DOMParser().parseFromString(text, "text/xml");
    fc = kml(dom as never) as { features: Feature[] };
  } catch {
    throw new ParseFailure("upload.format.kmlEmpty");
  }
  if (!fc.features.length) throw new ParseFailure("upload.format.kmlEmpty");
  countPoints(fc.features, limits);
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

export function mapCoords(g: Geometry, fn: (p: Position) => Position): Geometry {
  const walk = (c: unknown): unknown =>
    Array.isArray(c) && typeof c[0] === "number" ? fn(c as Position) : (c as unknown[]).map(walk);
  return { type: g.type, coordinates: walk(g.coordinates) };
}

/** Reads .shp + .dbf, reprojects from the CRS in the .prj (WKT) to WGS84. */
export function readShapefile(
  shp: Uint8Array,
  dbf: Uint8Array,
  prj: string | null,
  cpg: string | null,
  limits: UploadLimits,
): Feature[] {
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
      throw new ParseFailure("upload.format.prj");
    }
  }
  let geometries: (Geometry | null)[];
  let rows: Record<string, unknown>[];
  try {
    // Projection stays ours (above): shpjs would hand the raw WKT to proj4 without the clean-up.
    geometries = parseShp(shp) as (Geometry | null)[];
    rows = parseDbf(dbf, dbfEncoding(cpg)) as Record<string, unknown>[];
  } catch {
    throw new ParseFailure("upload.format.shapefile");
  }
  if (rows.length !== geometries.length) throw new ParseFailure("upload.format.shapefile");
  countPoints(
    geometries.map((geometry) => ({ geometry })),
    limits,
  );
  return geometries.map((g, i) => ({
    type: "Feature",
    // An empty numeric field is NaN in the DBF reader; it means "no value".
    properties: Object.fromEntries(
      Object.entries(rows[i] ?? {}).map(([k, v]) => [k, typeof v === "number" && Number.isNaN(v) ? null : v]),
    ),
    geometry: g && project ? mapCoords(g, project) : g,
  }));
}
