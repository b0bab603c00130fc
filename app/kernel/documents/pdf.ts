import PDFDocument from "pdfkit";
import type { Block, DocumentModel, SeriesPoint } from "./model";
import { projectMap, svgPath } from "./map";

// A document as a tagged PDF (PDF/UA): language, title shown in the window, a structure tree of
// headings, paragraphs, lists, tables and figures (charts and maps with their Alt text), page
// furniture marked as artifacts, and DejaVu Sans embedded (subset: Latin, Cyrillic, Arabic; decision
// 0034). pdfkit lays text out left to right: an Arabic run is shaped and its glyphs reversed by
// fontkit, but there is no Unicode bidi algorithm, so runs are ordered here (rtlRuns).

type Doc = InstanceType<typeof PDFDocument>;
type Struct = ReturnType<Doc["struct"]>;

// @types/pdfkit lags pdfkit 0.17+: struct(type, closure) and struct options such as bbox are not typed.
const struct = (doc: Doc, type: string, options: object | (() => unknown), closure?: () => unknown): Struct =>
  (doc.struct as unknown as (...a: unknown[]) => Struct).call(doc, type, options, closure);

const MARGIN = { top: 56, bottom: 64, left: 56, right: 56 };
const SIZES = { 1: 16, 2: 13.5, 3: 12, 4: 11 } as const;
/** The tallest a map may be drawn (points): with its legend it leaves room for the table's start. */
const MAP_HEIGHT = 340;
const ARABIC = /[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]/;
const ARABIC_RUN =
  /[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]+(?:\s+[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]+)*/g;

/**
 * Text in display order for a left-to-right line: each Arabic run's words in reverse (fontkit
 * reverses the glyphs within a word it shapes), everything else as it is. Enough for names and
 * short phrases inside German text; a whole right-to-left paragraph would need a bidi algorithm.
 */
export function rtlRuns(text: string): string[] {
  if (!ARABIC.test(text)) return [text];
  const out: string[] = [];
  let at = 0;
  for (const m of text.matchAll(ARABIC_RUN)) {
    if (m.index! > at) out.push(text.slice(at, m.index));
    const words = m[0].split(/(\s+)/);
    out.push(...words.reverse());
    at = m.index! + m[0].length;
  }
  if (at < text.length) out.push(text.slice(at));
  return out.filter((s) => s !== "");
}

/** Writes text (continued fragments where it has Arabic runs) at the current position. */
function write(doc: Doc, text: string, opts: PDFKit.Mixins.TextOptions = {}) {
  const parts = rtlRuns(text);
  parts.forEach((s, i) => doc.text(s, { ...opts, continued: i < parts.length - 1 }));
}

function chart(
  doc: Doc,
  parent: Struct,
  b: {
    series: SeriesPoint[];
    compare: SeriesPoint[] | null;
    targetValue: number | null;
    targetLabel: string | null;
    alt: string;
  },
  locale: string,
) {
  const { targetValue, alt } = b;
  const x = { series: b.series, compare: b.compare };
  const W = doc.page.width - MARGIN.left - MARGIN.right;
  const H = 150;
  if (doc.y + H + 12 > doc.page.height - MARGIN.bottom) doc.addPage();
  const top = doc.y + 4;
  const left = MARGIN.left;
  const plot = { x: left + 52, y: top + 8, w: W - 52 - 70, h: H - 8 - 26 };
  const periods = [...new Set([...x.series, ...(x.compare ?? [])].map((p) => p.period))].sort();
  const values = [
    ...x.series.flatMap((p) => (p.value == null ? [] : [p.value])),
    ...(x.compare ?? []).flatMap((p) => (p.value == null ? [] : [p.value])),
    ...(targetValue == null ? [] : [targetValue]),
  ];
  let lo = values.length ? Math.min(...values) : 0;
  let hi = values.length ? Math.max(...values) : 1;
  if (hi - lo < 1e-9) {
    lo -= 1;
    hi += 1;
  }
  const pad = (hi - lo) * 0.08;
  lo -= pad;
  hi += pad;
  const px = (period: string) =>
    plot.x + (periods.length === 1 ? plot.w / 2 : (periods.indexOf(period) / (periods.length - 1)) * plot.w);
  const py = (v: number) => plot.y + plot.h - ((v - lo) / (hi - lo)) * plot.h;
  const fmt = (v: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(v);
  const line = (pts: { period: string; value: number | null }[], color: string, dash: boolean, dots: boolean) => {
    doc.save().lineWidth(1.5).strokeColor(color);
    if (dash) doc.dash(4, { space: 3 });
    let drawing = false;
    for (const p of pts) {
      if (p.value == null) {
        drawing = false; // a suppressed or missing value leaves a gap
        continue;
      }
      if (drawing) doc.lineTo(px(p.period), py(p.value));
      else doc.moveTo(px(p.period), py(p.value));
      drawing = true;
    }
    doc.stroke();
    if (dash) doc.undash();
    if (dots) for (const p of pts) if (p.value != null) doc.circle(px(p.period), py(p.value), 2.2).fill(color);
    doc.restore();
  };
  parent.add(
    struct(doc, "Figure", { alt, bbox: [left, top, left + W, top + H] }, () => {
      doc.save().lineWidth(0.6).strokeColor("#777777");
      doc
        .moveTo(plot.x, plot.y)
        .lineTo(plot.x, plot.y + plot.h)
        .lineTo(plot.x + plot.w, plot.y + plot.h)
        .stroke();
      doc.restore();
      doc.font("regular").fontSize(7.5).fillColor("#333333");
      for (const v of [hi - pad, lo + pad])
        doc.text(fmt(v), left, py(v) - 4, { width: 48, align: "right", lineBreak: false });
      const step = Math.max(1, Math.ceil(periods.length / 8));
      periods.forEach((p, i) => {
        if (i % step === 0 || i === periods.length - 1)
          doc.text(p, px(p) - 20, plot.y + plot.h + 5, { width: 40, align: "center", lineBreak: false });
      });
      if (x.compare) line(x.compare, "#888888", true, false);
      line(x.series, "#1f4e79", false, true);
      if (targetValue != null) {
        doc.save().lineWidth(1).strokeColor("#b00020").dash(2, { space: 2 });
        doc
          .moveTo(plot.x, py(targetValue))
          .lineTo(plot.x + plot.w, py(targetValue))
          .stroke();
        doc.undash().restore();
        doc.fillColor("#b00020").text(b.targetLabel ?? fmt(targetValue), plot.x + plot.w + 4, py(targetValue) - 4, {
          width: 66,
          lineBreak: false,
        });
      }
      doc.fillColor("black");
    }),
  );
  doc.x = MARGIN.left;
  doc.y = top + H + 6;
}

/**
 * A choropleth: the areas as filled vector paths in one Figure (its Alt text says what the map shows),
 * the caption, and the legend as a list – each swatch an artifact, each class's range real text – so
 * nothing is told by colour alone; the writer puts the values in a table next to it.
 */
function choropleth(doc: Doc, parent: Struct, b: Extract<Block, { kind: "map" }>) {
  const W = doc.page.width - MARGIN.left - MARGIN.right;
  const m = projectMap(b.areas, W, MAP_HEIGHT);
  if (m.areas.length) {
    if (doc.y + m.height + 12 > doc.page.height - MARGIN.bottom) doc.addPage();
    const top = doc.y + 4;
    const left = MARGIN.left + (W - m.width) / 2;
    parent.add(
      struct(doc, "Figure", { alt: b.alt, bbox: [left, top, left + m.width, top + m.height] }, () => {
        doc.save().lineWidth(0.4);
        for (const a of m.areas) {
          const d = svgPath(a.rings, left, top);
          if (d) doc.path(d).fillAndStroke(a.color, "#333333", "even-odd");
        }
        doc.restore();
        doc.fillColor("black");
      }),
    );
    doc.x = MARGIN.left;
    doc.y = top + m.height + 6;
  }
  parent.add(
    struct(doc, "P", () => {
      doc.font("regular").fontSize(8.5);
      write(doc, b.caption, { width: W, paragraphGap: 4 });
    }),
  );
  keepWithNext(doc, 14 * (b.legend.length + 1));
  parent.add(
    struct(doc, "P", () => {
      doc.font("bold").fontSize(9);
      write(doc, b.legendTitle, { width: W, paragraphGap: 2 });
    }),
  );
  const list = doc.struct("L");
  parent.add(list);
  doc.font("regular").fontSize(9);
  for (const item of b.legend) {
    const li = doc.struct("LI");
    list.add(li);
    if (doc.y + 14 > doc.page.height - MARGIN.bottom) doc.addPage();
    const y = doc.y;
    // The swatch repeats what the text says: decoration for assistive technology.
    doc.markContent("Artifact", { type: "Layout" });
    doc
      .save()
      .lineWidth(0.4)
      .rect(MARGIN.left + 2, y + 1, 14, 8)
      .fillAndStroke(item.color, "#333333")
      .restore();
    doc.endMarkedContent();
    doc.fillColor("black");
    li.add(
      struct(doc, "LBody", () => {
        doc.x = MARGIN.left + 22;
        doc.y = y;
        write(doc, item.label, { width: W - 22, paragraphGap: 1 });
      }),
    );
    li.end();
    doc.x = MARGIN.left;
  }
  list.end();
  doc.font("regular").fontSize(10);
  doc.moveDown(0.4);
}

function table(doc: Doc, parent: Struct, head: string[], rows: string[][], opts: { header?: "row" | "column" } = {}) {
  const byRow = opts.header === "row";
  doc.font("regular").fontSize(9);
  doc.table({
    structParent: parent,
    defaultStyle: { padding: 3, border: byRow ? 0 : 0.5, borderColor: "#999999" },
    data: [
      ...(byRow ? [] : [head.map((h) => ({ text: h, type: "TH", scope: "Column", font: { src: "bold" } }))]),
      ...rows.map((r) =>
        byRow ? r.map((c, i) => (i === 0 ? { text: c, type: "TH", scope: "Row", font: { src: "bold" } } : c)) : r,
      ),
    ],
  } as Parameters<Doc["table"]>[0]);
  doc.x = MARGIN.left;
  doc.moveDown(0.5);
}

/**
 * A data table with column headers, drawn here rather than by pdfkit's table: that one measures and
 * tags each cell with a full attribute dictionary, which made a report of 13 tables of 86 rows take
 * 17 s and 1.5 MB. Columns are as wide as their content (a long column wraps), borders are one
 * artifact per row, and on a new page the header row is drawn again as a pagination artifact.
 */
function dataTable(doc: Doc, parent: Struct, head: string[], rows: string[][]) {
  const W = doc.page.width - MARGIN.left - MARGIN.right;
  const pad = 3;
  const size = 9;
  const n = Math.max(head.length, ...rows.map((r) => r.length));
  const natural = Array.from({ length: n }, (_, i) => {
    doc.font("bold").fontSize(size);
    let w = doc.widthOfString(head[i] ?? "");
    doc.font("regular");
    for (const r of rows) w = Math.max(w, doc.widthOfString(r[i] ?? ""));
    return Math.min(w + 2 * pad + 1, W);
  });
  const total = natural.reduce((a, b) => a + b, 0);
  // Spare room goes to every column alike; too little is taken from the columns wider than their share.
  let widths: number[];
  if (total <= W) widths = natural.map((w) => w + (W - total) / n);
  else {
    const fair = W / n;
    const narrow = natural.filter((w) => w <= fair).reduce((a, b) => a + b, 0);
    const wide = total - narrow;
    widths = natural.map((w) => (w <= fair ? w : (w / wide) * (W - narrow)));
  }
  const xs = widths.map((_, i) => MARGIN.left + widths.slice(0, i).reduce((a, b) => a + b, 0));
  const heightOf = (cells: string[], bold: boolean) => {
    doc.font(bold ? "bold" : "regular").fontSize(size);
    return Math.max(...cells.map((c, i) => doc.heightOfString(c || " ", { width: widths[i] - 2 * pad }))) + 2 * pad;
  };
  const borders = (y: number, h: number, fill: string | null) => {
    doc.markContent("Artifact", { type: "Layout" });
    doc.save().lineWidth(0.5).strokeColor("#999999");
    if (fill) doc.rect(MARGIN.left, y, W, h).fill(fill);
    doc.rect(MARGIN.left, y, W, h).stroke();
    for (const x of xs.slice(1))
      doc
        .moveTo(x, y)
        .lineTo(x, y + h)
        .stroke();
    doc.restore();
    doc.endMarkedContent();
    doc.fillColor("black");
  };
  const cellsText = (cells: string[], y: number, bold: boolean) =>
    cells.map((c, i) => () => {
      doc.font(bold ? "bold" : "regular").fontSize(size);
      doc.text(c, xs[i] + pad, y + pad, { width: widths[i] - 2 * pad });
    });
  const headHeight = head.length ? heightOf(head, true) : 0;
  const table = doc.struct("Table");
  parent.add(table);
  let y = doc.y;
  const row = (cells: string[], header: boolean) => {
    const h = header ? headHeight : heightOf(cells, false);
    if (y + h > doc.page.height - MARGIN.bottom) {
      doc.addPage();
      y = doc.y;
      if (head.length && !header) {
        // The header again, for the eye only: the structure has it once.
        borders(y, headHeight, "#eeeeee");
        doc.markContent("Artifact", { type: "Pagination" });
        cellsText(head, y, true).forEach((draw) => draw());
        doc.endMarkedContent();
        y += headHeight;
      }
    }
    borders(y, h, header ? "#eeeeee" : null);
    const tr = doc.struct("TR");
    table.add(tr);
    const draws = cellsText(cells, y, header);
    cells.forEach((_, i) =>
      tr.add(header ? struct(doc, "TH", { scope: "Column" }, draws[i]) : struct(doc, "TD", draws[i])),
    );
    tr.end();
    y += h;
  };
  if (head.length) row(head, true);
  for (const r of rows) row(r, false);
  table.end();
  doc.x = MARGIN.left;
  doc.y = y;
  doc.font("regular").fontSize(10);
  doc.moveDown(0.5);
}

/** A heading (or a bold lead-in) is not left alone at the foot of a page. */
function keepWithNext(doc: Doc, room: number) {
  if (doc.y + room > doc.page.height - MARGIN.bottom) doc.addPage();
}

function render(doc: Doc, root: Struct, b: Block, locale: string, next?: Block) {
  const width = doc.page.width - MARGIN.left - MARGIN.right;
  switch (b.kind) {
    case "heading":
      doc.moveDown(b.level <= 2 ? 0.6 : 0.4);
      // A heading over a map goes with the whole drawing to the next page.
      keepWithNext(doc, next?.kind === "map" ? projectMap(next.areas, width, MAP_HEIGHT).height + 40 : 90);
      root.add(
        struct(doc, `H${b.level}`, () => {
          doc.font("bold").fontSize(SIZES[b.level]);
          write(doc, b.text, { width });
        }),
      );
      doc.font("regular").fontSize(10);
      return;
    case "paragraph":
      if (b.bold) keepWithNext(doc, 50);
      root.add(
        struct(doc, "P", () => {
          doc.font(b.bold ? "bold" : "regular").fontSize(b.small ? 8.5 : 10);
          write(doc, b.text, { width, paragraphGap: 4 });
        }),
      );
      doc.font("regular").fontSize(10);
      return;
    case "list": {
      if (!b.items.length) return;
      const list = doc.struct("L");
      root.add(list);
      doc.font("regular").fontSize(10);
      for (const item of b.items) {
        const li = doc.struct("LI");
        list.add(li);
        if (doc.y + 14 > doc.page.height - MARGIN.bottom) doc.addPage();
        const y = doc.y;
        li.add(struct(doc, "Lbl", () => doc.text("•", MARGIN.left + 4, y, { width: 10, lineBreak: false })));
        li.add(
          struct(doc, "LBody", () => {
            doc.x = MARGIN.left + 16;
            doc.y = y;
            write(doc, item, { width: width - 16, paragraphGap: 2 });
          }),
        );
        li.end();
        doc.x = MARGIN.left;
      }
      list.end();
      doc.moveDown(0.3);
      return;
    }
    case "fields":
      table(
        doc,
        root,
        [],
        b.rows.map(([k, v]) => [k, v]),
        { header: "row" },
      );
      return;
    case "table":
      if (b.rows.length) dataTable(doc, root, b.head, b.rows);
      return;
    case "chart":
      chart(doc, root, b, locale);
      return;
    case "map":
      choropleth(doc, root, b);
      return;
    case "pageBreak":
      doc.addPage();
      return;
  }
}

export async function documentPdf(d: DocumentModel, author: string): Promise<Buffer> {
  const { REGULAR, BOLD } = await import("./fonts");
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: "A4",
      margins: MARGIN,
      pdfVersion: "1.7",
      subset: "PDF/UA",
      tagged: true,
      lang: d.lang,
      displayTitle: true,
      bufferPages: true,
      info: { Title: d.title, Author: author, Creator: "Teilhabe" },
    } as unknown as PDFKit.PDFDocumentOptions);
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
    doc.registerFont("regular", REGULAR);
    doc.registerFont("bold", BOLD);
    doc.font("regular").fontSize(10);
    const root = doc.struct("Document");
    doc.addStructure(root);
    d.blocks.forEach((b, i) => render(doc, root, b, d.lang, d.blocks[i + 1]));
    root.end();
    // Page furniture (the Vorlage's number and the page count) is an artifact, not content.
    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      const bottom = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      doc.markContent("Artifact", { type: "Pagination" });
      doc
        .font("regular")
        .fontSize(8)
        .fillColor("#444444")
        .text(`${d.footer} · ${d.pageLabel(i - range.start + 1, range.count)}`, MARGIN.left, doc.page.height - 40, {
          width: doc.page.width - MARGIN.left - MARGIN.right,
          align: "right",
          lineBreak: false,
        });
      doc.endMarkedContent();
      doc.page.margins.bottom = bottom;
    }
    doc.fillColor("black");
    doc.end();
  });
}
