// A document as a list of neutral blocks, written once by a module and laid out twice by the kernel
// (docx.ts: an editable Word file; pdf.ts: a tagged PDF/UA with DejaVu Sans embedded), so both files
// say the same. The blocks carry finished text: what a number looks like, which value is suppressed
// and how a state is written is the writing module's business, never the renderer's.

/** One value of a line chart; a suppressed or missing value has no number and leaves a gap. */
export interface SeriesPoint {
  period: string;
  value: number | null;
  suppressed: boolean;
}

/** A GeoJSON geometry in WGS84 (Polygon or MultiPolygon are drawn, anything else is left out). */
export interface MapGeometry {
  type: string;
  coordinates: unknown;
}

export interface MapArea {
  key: string;
  name: string;
  geometry: MapGeometry | null;
  /** Fill colour (#rrggbb): the area's class, or the "no value" colour. */
  color: string;
}

export type Block =
  | { kind: "heading"; level: 1 | 2 | 3 | 4; text: string }
  | { kind: "paragraph"; text: string; bold?: boolean; small?: boolean }
  | { kind: "list"; items: string[] }
  | { kind: "fields"; rows: [string, string][] }
  | { kind: "table"; caption: string; head: string[]; rows: string[][] }
  /** The next block starts on a new page. */
  | { kind: "pageBreak" }
  | {
      kind: "chart";
      series: SeriesPoint[];
      /** A second, dashed line (the compare group of a parity target). */
      compare: SeriesPoint[] | null;
      alt: string;
      caption: string;
      targetValue: number | null;
      /** "Ziel 12" beside the target line. */
      targetLabel: string | null;
      /** The chart's values as a table: what the DOCX shows in its place. */
      table: { head: string[]; rows: string[][] };
    }
  | {
      kind: "map";
      /** Text alternative of the drawing; never a value the writer may not publish. */
      alt: string;
      caption: string;
      areas: MapArea[];
      /** The legend: one line per class (its colour and range), then the colours outside the classes. */
      legendTitle: string;
      legend: { color: string; label: string }[];
    };

export interface DocumentModel {
  /** BCP 47 tag of the document ("de-DE"), also the locale of its numbers. */
  lang: string;
  title: string;
  /** Page furniture: "Vorlage 1234/2026 vom 01.03.2027". */
  footer: string;
  pageLabel: (page: number, pages: number) => string;
  blocks: Block[];
}
