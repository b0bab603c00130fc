import { ChunkWriter, HEAD_ROWS, ParseFailure, type ParsedTable, type UploadLimits } from "./limits";
import { ZipReader } from "./zip";

// Reads the first (or a named) sheet of an XLSX file into rows of strings, one pass over the sheet's
// XML. Cell positions come from the file, never from a loop over a declared size, so a single cell
// at XFD1048576 costs one step and is refused by the row and column limits.

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
export const unescapeXml = (s: string) =>
  s.indexOf("&") < 0
    ? s
    : s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) =>
        e[0] === "#"
          ? String.fromCodePoint(e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10))
          : (ENTITIES[e] ?? m),
      );
const attr = (attrs: string, name: string): string | undefined => {
  const m = new RegExp(`(?:^|\\s)${name}="([^"]*)"`).exec(attrs);
  return m ? unescapeXml(m[1]) : undefined;
};
/** The text of a string item: its <t> runs, without phonetic hints (<rPh>). */
const textOf = (xml: string) => {
  let out = "";
  const re = /<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g;
  for (const m of xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, "").matchAll(re)) out += m[1];
  return unescapeXml(out);
};

// Built-in number formats that are dates (ECMA-376 18.8.30 and the East Asian ones Excel uses).
const DATE_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47]);
for (let i = 50; i <= 58; i++) DATE_IDS.add(i);
const isDateFormat = (code: string) => /[ymdhsb]/i.test(code.replace(/\[[^\]]*]/g, "").replace(/"[^"]*"/g, ""));

function dateStyles(xml: string | null): boolean[] {
  if (!xml) return [];
  const custom = new Map<number, string>();
  for (const m of xml.matchAll(/<numFmt\b([^>]*)\/?>/g))
    custom.set(Number(attr(m[1], "numFmtId")), attr(m[1], "formatCode") ?? "");
  const xfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(xml)?.[1] ?? "";
  return [...xfs.matchAll(/<xf\b([^>]*)>/g)].map((m) => {
    const id = Number(attr(m[1], "numFmtId") ?? 0);
    return custom.has(id) ? isDateFormat(custom.get(id)!) : DATE_IDS.has(id);
  });
}

const colNumber = (ref: string) => {
  let n = 0;
  for (const ch of ref) {
    const c = ch.charCodeAt(0);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n;
};

const cellRef = (ref: string) => {
  const m = /^([A-Z]{1,3})(\d+)$/.exec(ref);
  return m ? { col: colNumber(m[1]), row: Number(m[2]) } : null;
};

/**
 * A merged cell's text stands in its top-left cell only; in the head rows (where a multi-row header
 * sits: "Bevölkerung" over three columns, "Gebiet" over two rows) every cell of the range gets it, so
 * each column's header can be read from the rows it spans. Data rows stay as the file has them.
 */
function fillMergedHead(head: string[][], xml: string, maxColumns: number) {
  const at = xml.lastIndexOf("<mergeCells");
  if (at < 0) return;
  for (const m of xml.slice(at).matchAll(/<mergeCell\b[^>]*\bref="([A-Z]+\d+):([A-Z]+\d+)"/g)) {
    const a = cellRef(m[1]),
      b = cellRef(m[2]);
    if (!a || !b || a.row > head.length) continue;
    const text = head[a.row - 1]?.[a.col - 1] ?? "";
    if (!text) continue;
    for (let r = a.row; r <= Math.min(b.row, head.length); r++)
      for (let c = a.col; c <= Math.min(b.col, maxColumns); c++) {
        const row = head[r - 1];
        while (row.length < c) row.push("");
        if (!row[c - 1]) row[c - 1] = text;
      }
  }
}

export interface XlsxOptions {
  sheet?: string;
  /** How date cells read: "iso" 2024-12-31 or "de" 31.12.2024. */
  dates?: "iso" | "de";
}

export function readXlsx(bytes: Buffer, opts: XlsxOptions, limits: UploadLimits): ParsedTable {
  const zip = new ZipReader(bytes, limits);
  const text = (name: string) => (zip.has(name) ? zip.read(name).toString("utf8") : null);
  const workbook = text("xl/workbook.xml");
  if (!workbook) throw new ParseFailure("upload.format.xlsx");
  const sheets = [...workbook.matchAll(/<sheet\b([^>]*)\/?>/g)].map((m) => ({
    name: attr(m[1], "name") ?? "",
    rel: attr(m[1], "r:id") ?? "",
  }));
  if (sheets.length > limits.sheets) throw new ParseFailure("upload.limit.sheets", { max: limits.sheets });
  if (!sheets.length) throw new ParseFailure("upload.format.noSheet");
  const chosen = opts.sheet ? sheets.find((s) => s.name === opts.sheet) : sheets[0];
  if (!chosen) throw new ParseFailure("upload.format.noSuchSheet", { sheet: opts.sheet ?? "" });
  const date1904 = /<workbookPr\b[^>]*date1904="(1|true)"/.test(workbook);

  const rels = text("xl/_rels/workbook.xml.rels") ?? "";
  const targets = new Map<string, string>();
  let sharedPath = "xl/sharedStrings.xml",
    stylesPath = "xl/styles.xml";
  for (const m of rels.matchAll(/<Relationship\b([^>]*)\/?>/g)) {
    const target = attr(m[1], "Target") ?? "";
    const full = target.startsWith("/") ? target.slice(1) : `xl/${target}`.replace(/\/\.\//g, "/");
    targets.set(attr(m[1], "Id") ?? "", full);
    const type = attr(m[1], "Type") ?? "";
    if (type.endsWith("/sharedStrings")) sharedPath = full;
    if (type.endsWith("/styles")) stylesPath = full;
  }
  const sheetPath = targets.get(chosen.rel);
  if (!sheetPath || !zip.has(sheetPath)) throw new ParseFailure("upload.format.xlsx");

  const shared: string[] = [];
  const ss = text(sharedPath);
  if (ss) for (const m of ss.matchAll(/<si>([\s\S]*?)<\/si>|<si\/>/g)) shared.push(m[1] ? textOf(m[1]) : "");
  const isDate = dateStyles(text(stylesPath));
  const dateText = (serial: number) => {
    const d = new Date(Math.round((serial + (date1904 ? 1462 : 0) - 25569) * 86400000));
    if (Number.isNaN(d.getTime())) return String(serial);
    const iso = d.toISOString().slice(0, 10);
    return opts.dates === "de" ? `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}` : iso;
  };

  const xml = zip.read(sheetPath).toString("utf8");
  const out = new ChunkWriter(limits);
  const head: string[][] = [];
  let rowNo = 0;
  const rowRe = /<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g;
  const cellRe = /<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g;
  for (const rm of xml.matchAll(rowRe)) {
    const r = attr(rm[1], "r");
    rowNo = r ? Number(r) : rowNo + 1;
    if (!Number.isInteger(rowNo) || rowNo < 1) throw new ParseFailure("upload.format.xlsx");
    const cells: string[] = [];
    let col = 0;
    if (rm[2])
      for (const cm of rm[2].matchAll(cellRe)) {
        const ref = attr(cm[1], "r");
        col = ref ? colNumber(ref) : col + 1;
        if (col > limits.columns) throw new ParseFailure("upload.limit.columns", { max: limits.columns });
        const inner = cm[2] ?? "";
        const t = attr(cm[1], "t") ?? "n";
        const v = /<v>([\s\S]*?)<\/v>/.exec(inner)?.[1];
        let value: string;
        if (t === "inlineStr") value = textOf(/<is>([\s\S]*?)<\/is>/.exec(inner)?.[1] ?? "");
        else if (v === undefined) value = "";
        else if (t === "s") value = shared[Number(v)] ?? "";
        else if (t === "b") value = v === "1" ? "true" : "false";
        else if (t === "str" || t === "e") value = unescapeXml(v);
        else if (t === "d") value = dateText((Date.parse(v) - Date.UTC(1899, 11, 30)) / 86400000);
        else {
          const n = parseFloat(v);
          value = Number.isNaN(n) ? unescapeXml(v) : isDate[Number(attr(cm[1], "s") ?? 0)] ? dateText(n) : String(n);
        }
        while (cells.length < col - 1) cells.push("");
        cells[col - 1] = value;
      }
    out.check(rowNo, cells.length);
    if (rowNo <= HEAD_ROWS) head[rowNo - 1] = cells;
    out.push(rowNo, cells);
  }
  out.flush();
  for (let i = 0; i < Math.min(HEAD_ROWS, head.length); i++) head[i] ??= [];
  fillMergedHead(head, xml, limits.columns);
  return {
    kind: "xlsx",
    encoding: "utf-8",
    delimiter: "",
    sheet: chosen.name,
    sheets: sheets.map((s) => s.name),
    head,
    rowCount: out.rowCount,
    chunks: out.chunks,
  };
}
