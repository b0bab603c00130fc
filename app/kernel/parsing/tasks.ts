import { readCsv, type CsvOptions } from "./csv";
import { readGeoJson, readKml, readShapefile, type Feature } from "./geo";
import { ParseFailure, type ParsedTable, type UploadLimits } from "./limits";
import { isZip } from "./zip";
import { readXlsx, type XlsxOptions } from "./xlsx";

// What the parser worker can be asked to do. Pure functions of the bytes: they run in the worker
// thread (worker.ts), and tests may call them directly.

export type ParseTask =
  | { kind: "table"; bytes: Uint8Array; options: CsvOptions & XlsxOptions & { type?: "csv" | "xlsx" } }
  | {
      kind: "geo";
      files: { name: string; bytes: Uint8Array }[];
    };
export type ParseResult<T extends ParseTask> = T extends { kind: "table" } ? ParsedTable : Feature[];

export function runTask(task: ParseTask, limits: UploadLimits): ParsedTable | Feature[] {
  if (task.kind === "table") {
    if (task.bytes.length === 0) throw new ParseFailure("upload.format.empty");
    const xlsx = task.options.type ? task.options.type === "xlsx" : isZip(task.bytes);
    const buf = Buffer.from(task.bytes.buffer, task.bytes.byteOffset, task.bytes.byteLength);
    return xlsx ? readXlsx(buf, task.options, limits) : readCsv(task.bytes, task.options, limits);
  }
  const ext = (n: string) => (/\.([a-z0-9]+)$/i.exec(n)?.[1] ?? "").toLowerCase();
  const by = new Map(task.files.map((f) => [ext(f.name), f.bytes]));
  const text = (b: Uint8Array | undefined) => (b ? new TextDecoder("utf-8").decode(b) : null);
  if (by.has("shp") && by.has("dbf"))
    return readShapefile(by.get("shp")!, by.get("dbf")!, text(by.get("prj")), text(by.get("cpg")), limits);
  if (by.has("kml")) return readKml(text(by.get("kml"))!, limits);
  const gj = by.get("geojson") ?? by.get("json");
  if (gj) return readGeoJson(text(gj)!, limits);
  throw new ParseFailure("upload.format.unreadable");
}
