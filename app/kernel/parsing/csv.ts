import { parse } from "csv-parse/sync";
import { ChunkWriter, HEAD_ROWS, ParseFailure, type ParsedTable, type UploadLimits } from "./limits";

// CSV in whatever layout an office sends: encoding and delimiter are detected unless fixed. The
// record callback counts rows, columns and cells as the parser produces them, so a file beyond a
// limit stops there instead of being read to the end.

export interface CsvOptions {
  encoding?: "auto" | "utf-8" | "windows-1252";
  delimiter?: "auto" | "," | ";" | "\t" | "|";
  /** Trim cells (the monitoring import does, the concept import trims later). */
  trim?: boolean;
}

// Windows-1252's own characters in 0x80–0x9F (WHATWG index; the five undefined bytes stay C1 controls).
const CP1252_HIGH =
  "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f" +
  "\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";

/**
 * Windows-1252 by hand: Node's TextDecoder decodes it as Latin-1 since 20.18.3 and 22.13.0
 * (nodejs/node#60888), so "…" (0x85), "„“" (0x84, 0x93) and "€" (0x80) came out as control characters.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString("latin1")
    .replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]);
}

export function decode(
  bytes: Uint8Array,
  enc: CsvOptions["encoding"] = "auto",
): { text: string; encoding: "utf-8" | "windows-1252" } {
  if (enc === "windows-1252") return { text: decodeWindows1252(bytes), encoding: "windows-1252" };
  try {
    return { text: new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes), encoding: "utf-8" };
  } catch {
    if (enc === "utf-8") throw new ParseFailure("upload.format.notUtf8");
    return { text: decodeWindows1252(bytes), encoding: "windows-1252" };
  }
}

/** A quick split of one line that knows quotes; for previews and detection, not for the data. */
export function splitLine(line: string, d: string): string[] {
  const out: string[] = [];
  let cur = "";
  let q = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') {
      if (q && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else q = !q;
    } else if (c === d && !q) {
      out.push(cur);
      cur = "";
    } else cur += c;
  }
  out.push(cur);
  return out.map((s) => s.trim());
}

const modeOf = (xs: number[]) => {
  const m = new Map<number, number>();
  for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
  return [...m].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0][0];
};

export function detectDelimiter(lines: string[]): string {
  let best = ",",
    bestScore = -1;
  for (const d of [";", ",", "\t", "|"]) {
    const counts = lines.filter((l) => l.trim()).map((l) => splitLine(l, d).length);
    if (!counts.length) continue;
    const mode = modeOf(counts);
    if (mode < 2) continue;
    const score = counts.filter((c) => c === mode).length * 100 + mode;
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

export function readCsv(bytes: Uint8Array, opts: CsvOptions, limits: UploadLimits): ParsedTable {
  const { text, encoding } = decode(bytes, opts.encoding);
  const body = text.replace(/^\uFEFF/, "");
  const lines = body
    .slice(0, 64 * 1024)
    .split(/\r?\n/)
    .slice(0, HEAD_ROWS);
  const delimiter = opts.delimiter && opts.delimiter !== "auto" ? opts.delimiter : detectDelimiter(lines);
  const head = lines.map((l) => splitLine(l, delimiter));
  // A line far wider than allowed is refused from the preview, before the parser builds it.
  if (head.some((r) => r.length > limits.columns))
    throw new ParseFailure("upload.limit.columns", { max: limits.columns });
  const out = new ChunkWriter(limits);
  try {
    parse(body, {
      delimiter,
      relax_column_count: true,
      relax_quotes: false,
      skip_empty_lines: true,
      trim: opts.trim !== false,
      on_record: (record: string[], ctx: { lines: number }) => {
        out.check(ctx.lines, record.length);
        out.push(ctx.lines, record);
        return null; // nothing is collected by the parser itself
      },
    });
  } catch (e) {
    if (e instanceof ParseFailure) throw e;
    throw new ParseFailure("upload.format.csv", { reason: (e as Error).message.slice(0, 300) });
  }
  out.flush();
  return { kind: "csv", encoding, delimiter, sheet: "", sheets: [], head, rowCount: out.rowCount, chunks: out.chunks };
}
