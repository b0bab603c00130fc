import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  ImageRun,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import { renderAsync } from "@resvg/resvg-js";
import { mapSvg, projectMap } from "./map";
import type { Block, DocumentModel } from "./model";

// A document as an editable Word file: headings, paragraphs, lists, field and data tables. Charts
// become a table of their values; the PDF draws them. A map is a picture – the same projected areas as
// the PDF's, as SVG with a PNG for Word processors without SVG (decision 0038), with its Alt text –
// then its caption and legend (each class a coloured cell beside its range): the writer puts the
// values in a table next to it, so nothing is told by colour alone.

/** A map's size in the DOCX (pixels at 96 dpi: about 15.9 × 12.7 cm, inside A4's default margins). */
const MAP_BOX = { width: 600, height: 480 } as const;
/** The PNG's pixels per SVG pixel: 2 gives about 190 dpi at that size, sharp enough to print. */
const PNG_ZOOM = 2;

type MapBlock = Extract<Block, { kind: "map" }>;
interface MapPicture {
  svg: Buffer;
  png: Buffer;
  width: number;
  height: number;
}

/** Every map's picture, rasterised off the main thread (resvg's renderAsync runs on libuv's pool). */
async function mapPictures(blocks: Block[]): Promise<Map<MapBlock, MapPicture>> {
  const maps = blocks.filter((b): b is MapBlock => b.kind === "map");
  const out = new Map<MapBlock, MapPicture>();
  await Promise.all(
    maps.map(async (b) => {
      const m = projectMap(b.areas, MAP_BOX.width - 2, MAP_BOX.height - 2);
      if (!m.areas.length) return;
      const svg = mapSvg(m);
      const png = await renderAsync(svg, {
        fitTo: { mode: "zoom", value: PNG_ZOOM },
        background: "white",
        font: { loadSystemFonts: false },
      });
      out.set(b, {
        svg: Buffer.from(svg),
        png: png.asPng(),
        width: Math.ceil(m.width + 2),
        height: Math.ceil(m.height + 2),
      });
    }),
  );
  return out;
}

function mapPicture(b: MapBlock, p: MapPicture): Paragraph {
  const transformation = { width: p.width, height: p.height };
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    keepNext: true,
    children: [
      new ImageRun({
        type: "svg",
        data: p.svg,
        transformation,
        fallback: { type: "png", data: p.png },
        altText: { name: b.caption, title: b.caption, description: b.alt },
      }),
    ],
  });
}

const HEADINGS = {
  1: HeadingLevel.HEADING_1,
  2: HeadingLevel.HEADING_2,
  3: HeadingLevel.HEADING_3,
  4: HeadingLevel.HEADING_4,
} as const;
const none = { style: BorderStyle.NONE, size: 0, color: "FFFFFF" };
const noBorders = { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none };

const cell = (text: string, bold = false) =>
  new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold })] })] });

function table(head: string[], rows: string[][]) {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: head.map((x) => cell(x, true)) }),
      ...rows.map((r) => new TableRow({ children: r.map((x) => cell(x)) })),
    ],
  });
}

function render(b: Block, pictures: Map<MapBlock, MapPicture>): (Paragraph | Table)[] {
  switch (b.kind) {
    case "heading":
      return [new Paragraph({ heading: HEADINGS[b.level], children: [new TextRun(b.text)] })];
    case "paragraph":
      return [
        new Paragraph({
          spacing: { after: 120 },
          children: [new TextRun({ text: b.text, bold: b.bold, size: b.small ? 18 : undefined })],
        }),
      ];
    case "list":
      return b.items.map((x) => new Paragraph({ bullet: { level: 0 }, children: [new TextRun(x)] }));
    case "fields":
      return [
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          borders: noBorders,
          rows: b.rows.map(([k, v]) => new TableRow({ children: [cell(k, true), cell(v)] })),
        }),
      ];
    case "table":
      return [table(b.head, b.rows)];
    case "pageBreak":
      return [new Paragraph({ children: [new PageBreak()] })];
    case "map": {
      const picture = pictures.get(b);
      return [
        ...(picture ? [mapPicture(b, picture)] : []),
        new Paragraph({ children: [new TextRun({ text: b.caption, italics: true })] }),
        new Paragraph({ keepNext: true, children: [new TextRun({ text: b.legendTitle, bold: true })] }),
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: b.legend.map(
            (x) =>
              new TableRow({
                children: [
                  new TableCell({
                    width: { size: 6, type: WidthType.PERCENTAGE },
                    shading: { type: ShadingType.CLEAR, color: "auto", fill: x.color.replace("#", "") },
                    children: [new Paragraph("")],
                  }),
                  cell(x.label),
                ],
              }),
          ),
        }),
        new Paragraph({ spacing: { after: 120 }, children: [] }),
      ];
    }
    case "chart": {
      const { head, rows } = b.table;
      return [
        new Paragraph({ children: [new TextRun({ text: b.caption, italics: true })] }),
        table(head, rows),
        new Paragraph({ spacing: { after: 120 }, children: [new TextRun({ text: b.alt, size: 18 })] }),
      ];
    }
  }
}

export async function documentDocx(d: DocumentModel): Promise<Buffer> {
  const pictures = await mapPictures(d.blocks);
  const doc = new Document({
    creator: "Teilhabe",
    title: d.title,
    styles: { default: { document: { run: { font: "Arial", size: 22, language: { value: d.lang } } } } },
    sections: [
      {
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.RIGHT,
                children: [
                  new TextRun({ text: `${d.footer} · `, size: 16 }),
                  new TextRun({ children: [PageNumber.CURRENT], size: 16 }),
                  new TextRun({ text: " / ", size: 16 }),
                  new TextRun({ children: [PageNumber.TOTAL_PAGES], size: 16 }),
                ],
              }),
            ],
          }),
        },
        children: d.blocks.flatMap((b) => render(b, pictures)),
      },
    ],
  });
  return Buffer.from(await Packer.toBuffer(doc));
}
