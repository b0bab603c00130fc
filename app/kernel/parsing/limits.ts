// Shared by the request side and the parser worker: plain data and one error class, no imports,
// so the worker bundle stays small and loads without the app's aliases.

/** What one uploaded file may unpack to and contain (UPLOAD_MAX_* in kernel/config.ts). */
export interface UploadLimits {
  /** Compressed size: the upload itself. */
  uploadBytes: number;
  /** Everything a ZIP container (XLSX) unpacks to, counted as it is inflated. */
  unpackedBytes: number;
  sheets: number;
  rows: number;
  columns: number;
  cells: number;
  /** Coordinates in an area file (GeoJSON, KML, shapefile). */
  points: number;
  /** Wall time and heap of the worker thread that parses one file. */
  seconds: number;
  memoryMb: number;
}

export type FailureParams = Record<string, string | number>;

/**
 * A file the parser refuses: an i18n key of the kernel (`upload.limit.*` for a limit crossed,
 * `upload.format.*` for an unreadable file) and its parameters. Crosses the worker boundary as
 * plain data.
 */
export class ParseFailure extends Error {
  constructor(
    public code: string,
    public params?: FailureParams,
  ) {
    super(code);
    this.name = "ParseFailure";
  }
}

export const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 100) / 100;

/** Rows of a parsed table travel and are stored in chunks of this many rows, each one JSON text. */
export const CHUNK_ROWS = 5000;
/** Rows kept as they are (empty ones included) for detecting the header. */
export const HEAD_ROWS = 30;

/** One data row: its 1-based line (CSV) or row number (XLSX) and its cells. */
export type TableRow = [line: number, cells: string[]];

/** A spreadsheet after parsing, in the form it is kept in the database between the import steps. */
export interface ParsedTable {
  kind: "csv" | "xlsx";
  encoding: "utf-8" | "windows-1252";
  /** CSV only ("" for XLSX). */
  delimiter: string;
  /** XLSX: the sheet that was read and all sheet names. */
  sheet: string;
  sheets: string[];
  /** The first HEAD_ROWS lines or rows, empty ones as [] (CSV: split naively, as a preview). */
  head: string[][];
  /** Number of non-empty rows in `chunks`. */
  rowCount: number;
  /** JSON text of TableRow[] each; empty rows are left out. */
  chunks: string[];
}

/** Collects rows into JSON chunks while counting them against the limits. */
export class ChunkWriter {
  chunks: string[] = [];
  rowCount = 0;
  private cells = 0;
  private buf: TableRow[] = [];
  constructor(private limits: Pick<UploadLimits, "rows" | "columns" | "cells">) {}
  /** Checks a row's position and width; call for every row, empty or not. */
  check(line: number, width: number) {
    if (line > this.limits.rows) throw new ParseFailure("upload.limit.rows", { max: this.limits.rows });
    if (width > this.limits.columns) throw new ParseFailure("upload.limit.columns", { max: this.limits.columns });
    this.cells += width;
    if (this.cells > this.limits.cells) throw new ParseFailure("upload.limit.cells", { max: this.limits.cells });
  }
  push(line: number, cells: string[]) {
    if (cells.every((c) => c === "")) return;
    this.buf.push([line, cells]);
    this.rowCount++;
    if (this.buf.length >= CHUNK_ROWS) this.flush();
  }
  flush() {
    if (this.buf.length) this.chunks.push(JSON.stringify(this.buf));
    this.buf = [];
  }
}
