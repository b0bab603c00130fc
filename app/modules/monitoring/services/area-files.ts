import type { Tx } from "~/kernel/db/client";
import { importAreaFeatures, type AreaImportReport, type AreaProfile } from "./areas";
import { GeoError, parseGeoJson, parseKml, parseShapefile, type Feature } from "./geo";

export interface UploadedFile {
  name: string;
  bytes: Uint8Array;
}

const ext = (n: string) => (/\.([a-z0-9]+)$/i.exec(n)?.[1] ?? "").toLowerCase();

/** Recognises GeoJSON, KML or a shapefile set (.shp + .dbf, optional .prj and .cpg) and returns WGS84 features. */
export async function readAreaFiles(files: UploadedFile[]): Promise<Feature[]> {
  const by = new Map(files.map((f) => [ext(f.name), f]));
  const text = (f: UploadedFile) => new TextDecoder("utf-8").decode(f.bytes);
  if (by.has("shp") || by.has("dbf")) {
    const shp = by.get("shp"),
      dbf = by.get("dbf");
    if (!shp || !dbf) throw new GeoError("monitoring.errors.shapefileParts");
    if (!by.has("prj")) throw new GeoError("monitoring.errors.shapefilePrj");
    return parseShapefile(shp.bytes, dbf.bytes, text(by.get("prj")!), by.has("cpg") ? text(by.get("cpg")!) : null);
  }
  if (by.has("kml")) return parseKml(text(by.get("kml")!));
  const gj = by.get("geojson") ?? by.get("json");
  if (gj) return parseGeoJson(text(gj));
  throw new GeoError("monitoring.errors.areaFormat");
}

export async function importAreaFiles(
  tx: Tx,
  files: UploadedFile[],
  profile: AreaProfile,
  opts: { dryRun: boolean },
): Promise<AreaImportReport> {
  return importAreaFeatures(tx, await readAreaFiles(files), profile, opts);
}
