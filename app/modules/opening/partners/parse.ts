import fs from "node:fs";
import path from "node:path";

// The table of the NRW partners as seed 004 prints it (lines 270–334): PDF text, one partner a line
// ("3 Der PARITÄTISCHE NRW e.V. 23.08.2012"), except #12, whose name and its member cities run over
// several lines with a word broken at the line end ("Es-" / "sen") and its date on a line of its own,
// then "Stand 30.09.2018". The table has no partner type: that is entered (or set by the demo).

export interface ParsedPartner {
  ordinal: number;
  name: string;
  /** ISO date of joining as the table prints it. */
  joinedOn: string;
  /** The member organisations of a cooperation ("mit den Städten …"). */
  members?: string[];
  /** The line of the source text the entry starts on (1-based, counted from `firstLine`). */
  line: number;
}

export interface PartnerTable {
  /** ISO date of "Stand dd.mm.yyyy", or null where the text has none. */
  asOf: string | null;
  partners: ParsedPartner[];
}

const DATE = /(\d{2})\.(\d{2})\.(\d{4})/;
const iso = (m: RegExpMatchArray) => `${m[3]}-${m[2]}-${m[1]}`;
const ONE_LINE = /^(\d{1,2})\s+(.+?)\s+(\d{2}\.\d{2}\.\d{4})$/;
const ONLY_ORDINAL = /^(\d{1,2})$/;
const ONLY_DATE = /^(\d{2}\.\d{2}\.\d{4})$/;

/**
 * Joins lines of PDF text: a word broken at a line end ("Es-" + "sen") is joined without the hyphen
 * when the next line goes on in lower case; a hyphen before a capital ("Arbeiter-" + "Samariter")
 * stays, as it belongs to the name.
 */
export function joinLines(lines: string[]): string {
  let out = "";
  for (const raw of lines) {
    const line = raw.trim();
    if (!line) continue;
    if (!out) out = line;
    else if (/\p{L}-$/u.test(out) && /^\p{Ll}/u.test(line)) out = out.slice(0, -1) + line;
    else if (out.endsWith("-")) out += line;
    else out += ` ${line}`;
  }
  return out.replace(/\s+/g, " ").trim();
}

/** "Name (mit den Städten A, B, C)" → name and members; a name without such a bracket has none. */
function splitMembers(text: string): { name: string; members?: string[] } {
  const m = /^(.*?)\s*\(mit (?:den|der|dem)\s+(?:\p{L}+\s+)?(.*)\)\s*$/u.exec(text);
  if (!m) return { name: text };
  const members = m[2]
    .split(/\s*,\s*|\s+und\s+/)
    .map((s) => s.trim())
    .filter(Boolean);
  return { name: m[1].trim(), members };
}

/** Parses the partner table; `firstLine` is the source line number of the text's first line. */
export function parsePartnerTable(text: string, firstLine = 1): PartnerTable {
  const lines = text.split(/\r?\n/);
  const partners: ParsedPartner[] = [];
  let asOf: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    const stand = /^Stand\s+(\d{2}\.\d{2}\.\d{4})$/.exec(line);
    if (stand) {
      asOf = iso(stand[1].match(DATE)!);
      continue;
    }
    const one = ONE_LINE.exec(line);
    if (one) {
      partners.push({
        ordinal: Number(one[1]),
        name: one[2].trim(),
        joinedOn: iso(one[3].match(DATE)!),
        line: firstLine + i,
      });
      continue;
    }
    const ord = ONLY_ORDINAL.exec(line);
    if (!ord) continue;
    // A long entry: its text up to the line that holds only its date.
    const parts: string[] = [];
    let j = i + 1;
    for (; j < lines.length && !ONLY_DATE.test(lines[j].trim()); j++) parts.push(lines[j]);
    if (j >= lines.length) break;
    const { name, members } = splitMembers(joinLines(parts));
    partners.push({
      ordinal: Number(ord[1]),
      name,
      joinedOn: iso(lines[j].trim().match(DATE)!),
      ...(members ? { members } : {}),
      line: firstLine + i,
    });
    i = j;
  }
  partners.sort((a, b) => a.ordinal - b.ordinal);
  return { asOf, partners };
}

/** The partners in order of joining; partners who joined on the same day stay in ordinal order. */
export function byJoinDate<P extends { ordinal: number; joinedOn: string }>(ps: P[]): P[] {
  return [...ps].sort((a, b) => a.joinedOn.localeCompare(b.joinedOn) || a.ordinal - b.ordinal);
}

/** Where the seed's partner table starts and ends (seed 004, lines 270–334). */
export const TABLE_LINES = { first: 270, last: 334 } as const;

/**
 * The directory of the German source documents: TEILHABE_SEEDS_DIR, else the `seeds` folder beside
 * the shared data (SHARED_DATA_DIR/../seeds); null where there is none.
 */
export function seedsDir(): string | null {
  const candidates = [
    process.env.TEILHABE_SEEDS_DIR,
    process.env.SHARED_DATA_DIR ? path.join(process.env.SHARED_DATA_DIR, "..", "seeds") : undefined,
  ].filter((d): d is string => !!d);
  return candidates.find((d) => fs.existsSync(d)) ?? null;
}

/** The lines of seed 004 (the NRW report), or null where the seed is not available. */
export function seed004Lines(): string[] | null {
  const dir = seedsDir();
  if (!dir) return null;
  const file = fs.readdirSync(dir).find((f) => /^004_.*\.txt$/.test(f));
  return file ? fs.readFileSync(path.join(dir, file), "utf8").split(/\r?\n/) : null;
}

/** The committed copy of seed 004 lines 270–334, for installations without the seeds. */
export const FIXTURE = "tests/fixtures/opening/seed-004-partners-270-334.txt";

/** The partner table: from the seed where it is available, else from the committed fixture. */
export function loadPartnerTable(root = process.cwd()): PartnerTable & { source: "seed" | "fixture" } {
  const seed = seed004Lines();
  if (seed) {
    const text = seed.slice(TABLE_LINES.first - 1, TABLE_LINES.last).join("\n");
    return { ...parsePartnerTable(text, TABLE_LINES.first), source: "seed" };
  }
  const text = fs.readFileSync(path.join(root, FIXTURE), "utf8");
  return { ...parsePartnerTable(text, TABLE_LINES.first), source: "fixture" };
}
