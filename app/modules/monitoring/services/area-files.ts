import type { Tx } from "~/kernel/db/client";
import { parseInWorker } from "~/kernel/parsing/run";
import { importAreaFeatures, type AreaImportReport, type AreaProfile } from "./areas";
import { GeoError, type Feature } from "./geo";

export interface UploadedFile {
  name: string;
  bytes: Uint8Array;
}

const ext = (n: string) => (/\.([a-z0-9]+)$/i.exec(n)?.[1] ?? "").toLowerCase();

/**
 * Recognises GeoJSON, KML or a shapefile set (.shp + .dbf, optional .prj and .cpg) and returns WGS84
 * features. The reading itself runs in the kernel's parser worker, within the upload limits (points
 * included); a refusal throws UploadRefused with the limit's code.
 */
export async function readAreaFiles(files: UploadedFile[]): Promise<Feature[]> {
  const by = new Map(files.map((f) => [ext(f.name), f]));
  if (by.has("shp") || by.has("dbf")) {
    if (!by.has("shp") || !by.has("dbf")) throw new GeoError("monitoring.errors.shapefileParts");
    if (!by.has("prj")) throw new GeoError("monitoring.errors.shapefilePrj");
  } else if (!by.has("kml") && !by.has("geojson") && !by.has("json"))
    throw new GeoError("monitoring.errors.areaFormat");
  return (await parseInWorker({ kind: "geo", files: files.filter((f) => !/\.shx$/i.test(f.name)) })) as Feature[];
}

export async function importAreaFiles(
  tx: Tx,
  files: UploadedFile[],
  profile: AreaProfile,
  opts: { dryRun: boolean },
): Promise<AreaImportReport> {
  return importAreaFeatures(tx, await readAreaFiles(files), profile, opts);
}
