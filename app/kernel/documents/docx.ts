import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
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
import type { Block, DocumentModel } from "./model";

// A document as an editable Word file: headings, paragraphs, lists, field and data tables. Charts
// become a table of their values (an image would need a native renderer); the PDF draws them. A map
// becomes its caption and legend (each class a coloured cell beside its range): the writer puts the
// values in a table next to it, so the DOCX says everything the PDF's drawing shows.

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

function render(b: Block): (Paragraph | Table)[] {
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
    case "map":
      return [
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
        children: d.blocks.flatMap((b) => render(b)),
      },
    ],
  });
  return Buffer.from(await Packer.toBuffer(doc));
}
