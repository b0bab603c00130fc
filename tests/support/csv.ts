import { parse } from "csv-parse/sync";

/** Reads a CSV as German Excel would: `;`, BOM stripped, RFC 4180 quoting. */
export function readGermanCsv(text: string): string[][] {
  return parse(text, { delimiter: ";", bom: true, relax_column_count: true, skip_empty_lines: false }) as string[][];
}

/** Reads the open-data variant: `,`, no BOM. */
export function readOpenCsv(text: string): string[][] {
  return parse(text, { delimiter: ",", relax_column_count: true }) as string[][];
}

const GERMAN_NUMBER = /^-?\d+(,\d+)?$/;
/** The number a German spreadsheet reads from a cell, or undefined if it reads text. */
export function germanNumber(cell: string): number | undefined {
  return GERMAN_NUMBER.test(cell) ? Number(cell.replace(",", ".")) : undefined;
}

/** True if no cell would start a formula in a spreadsheet (a defused cell starts with an apostrophe). */
export function formulaFree(rows: string[][]): boolean {
  return rows.every((r) => r.every((c) => !/^[=+@\t\r]/.test(c) && !(c.startsWith("-") && !/^-\d/.test(c))));
}
