import proj4 from "proj4";
import { sql } from "drizzle-orm";
import { rows } from "../db/context";
import type { Tx } from "../db/client";
import { audit } from "../audit/service";
import type { ErrorParams } from "../errors";
import type { ParsedTable, TableRow } from "../parsing/limits";

// The tenant's address register (decision 0053): a geocoder that needs no service on the internet. Cities
// publish their addresses with points as open data; an import replaces the register as a whole, and
// saving an offer with an address but no point looks the address up here in one query.

/** "Von-Coels-Straße" and "von coels str." are the same street. */
export function streetKey(name: string): string {
  return name
    .normalize("NFC")
    .toLowerCase()
    .replace(/ß/g, "ss")
    .replace(/ä/g, "ae")
    .replace(/ö/g, "oe")
    .replace(/ü/g, "ue")
    .replace(/strasse\b|str\b\.?/g, "str")
    .replace(/[\s.\-–,'’/]+/g, "");
}

/** "7 a" → "7a", "21 – 25" → "21-25". */
export function houseNumberKey(n: string): string {
  return n.toLowerCase().replace(/[–—]/g, "-").replace(/\s+/g, "");
}

const NUMBER_AT_END = /^(.*?)[\s,]+(\d+\s*[a-zA-Z]?(?:\s*[-–/]\s*\d+\s*[a-zA-Z]?)?)$/;

/** "Peterstraße 21–25" → street "Peterstraße", number "21–25"; a street without a number keeps "". */
export function splitStreet(s: string): { name: string; number: string } {
  const m = NUMBER_AT_END.exec(s.trim());
  return m ? { name: m[1].trim(), number: m[2] } : { name: s.trim(), number: "" };
}

export interface RegisterRow {
  street: string;
  houseNumber: string;
  postcode: string;
  city: string | null;
  lat: number;
  lon: number;
}

export interface RowProblem {
  line: number;
  code: string;
  params?: ErrorParams;
}

/** Coordinate systems a register may come in: WGS84 degrees, or UTM in ETRS89 as German offices publish. */
export const REGISTER_CRS = ["wgs84", "25832", "25833"] as const;
export type RegisterCrs = (typeof REGISTER_CRS)[number];
const UTM: Record<Exclude<RegisterCrs, "wgs84">, string> = {
  "25832": "+proj=utm +zone=32 +ellps=GRS80 +units=m +no_defs",
  "25833": "+proj=utm +zone=33 +ellps=GRS80 +units=m +no_defs",
};

// Header names as offices write them, normalised like street keys.
const COLUMNS = {
  street: ["strasse", "street", "strassenname", "str", "strname"],
  number: ["hausnummer", "hnr", "housenumber", "nr", "hausnr"],
  suffix: ["hausnummerzusatz", "zusatz", "hnrzusatz", "adresszusatz"],
  postcode: ["plz", "postleitzahl", "postcode"],
  city: ["ort", "gemeinde", "city", "stadt"],
  lat: ["lat", "breite", "latitude", "breitengrad"],
  lon: ["lon", "lng", "laenge", "longitude", "laengengrad"],
  x: ["x", "rechtswert", "easting", "ostwert"],
  y: ["y", "hochwert", "northing", "nordwert"],
} as const;
type Column = keyof typeof COLUMNS;

/** Germany with a margin: swapped or projected coordinates land outside it. */
export const inGermany = (lat: number, lon: number) => lat >= 47 && lat <= 55.2 && lon >= 5.5 && lon <= 15.5;

/** A number as offices write it: "6,9481" or "6.9481". */
const coordinate = (s: string) => {
  const t = s.trim().replace(",", ".");
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : NaN;
};

/**
 * Reads a parsed register file. The header is the first non-empty row; every other row is an address or
 * a problem with its line. Returns the rows only when there is no problem (the import is all or nothing).
 */
export function readRegister(
  table: ParsedTable,
  crs: RegisterCrs,
): { rows: RegisterRow[]; problems: RowProblem[]; merged: number } {
  const all: TableRow[] = table.chunks.flatMap((c) => JSON.parse(c) as TableRow[]);
  if (!all.length) return { rows: [], problems: [{ line: 1, code: "geocoding.problem.empty" }], merged: 0 };
  const [headerLine, header] = all[0];
  const at: Partial<Record<Column, number>> = {};
  header.forEach((h, i) => {
    const k = streetKey(h).replace(/_/g, "");
    for (const [col, names] of Object.entries(COLUMNS) as [Column, readonly string[]][])
      if (at[col] === undefined && names.includes(k)) at[col] = i;
  });
  const projected = at.lat === undefined || at.lon === undefined;
  const missing = [
    at.street === undefined && "geocoding.problem.noStreetColumn",
    projected && (at.x === undefined || at.y === undefined) && "geocoding.problem.noPointColumns",
  ].filter((c): c is string => !!c);
  if (missing.length) return { rows: [], problems: missing.map((code) => ({ line: headerLine, code })), merged: 0 };
  if (projected && crs === "wgs84")
    return { rows: [], problems: [{ line: headerLine, code: "geocoding.problem.crsNeeded" }], merged: 0 };
  const toWgs = projected ? proj4(UTM[crs as Exclude<RegisterCrs, "wgs84">], "WGS84") : null;

  const out = new Map<string, RegisterRow & { line: number }>();
  const problems: RowProblem[] = [];
  let merged = 0;
  const cell = (cells: string[], c: Column) => (at[c] === undefined ? "" : (cells[at[c]!] ?? "").trim());
  for (const [line, cells] of all.slice(1)) {
    let street = cell(cells, "street");
    let number = `${cell(cells, "number")}${cell(cells, "suffix")}`;
    if (!number) ({ name: street, number } = splitStreet(street));
    const postcode = cell(cells, "postcode");
    if (!street) {
      problems.push({ line, code: "geocoding.problem.street" });
      continue;
    }
    if (postcode && !/^\d{5}$/.test(postcode)) {
      problems.push({ line, code: "geocoding.problem.postcode", params: { value: postcode } });
      continue;
    }
    let lat: number, lon: number;
    if (toWgs) {
      const x = coordinate(cell(cells, "x")),
        y = coordinate(cell(cells, "y"));
      [lon, lat] = Number.isFinite(x) && Number.isFinite(y) ? toWgs.forward([x, y]) : [NaN, NaN];
    } else {
      lat = coordinate(cell(cells, "lat"));
      lon = coordinate(cell(cells, "lon"));
    }
    if (!Number.isFinite(lat) || !Number.isFinite(lon) || !inGermany(lat, lon)) {
      problems.push({ line, code: "geocoding.problem.point" });
      continue;
    }
    const row = { street, houseNumber: number, postcode, city: cell(cells, "city") || null, lat, lon, line };
    const key = `${streetKey(street)}|${houseNumberKey(number)}|${postcode}`;
    const seen = out.get(key);
    if (!seen) out.set(key, row);
    // The same address twice at (nearly) the same point is one address; at two places it is an error.
    else if (Math.abs(seen.lat - lat) < 1e-5 && Math.abs(seen.lon - lon) < 1e-5) merged++;
    else problems.push({ line, code: "geocoding.problem.duplicate", params: { other: seen.line } });
  }
  if (!out.size && !problems.length) problems.push({ line: headerLine, code: "geocoding.problem.empty" });
  return { rows: problems.length ? [] : [...out.values()].map(({ line: _l, ...r }) => r), problems, merged };
}

const BATCH = 5000;

/** Replaces the tenant's register with these rows, inside the caller's transaction. */
export async function replaceRegister(tx: Tx, list: RegisterRow[]): Promise<number> {
  await tx.execute(sql`DELETE FROM address_register WHERE tenant_id = app_tenant_id()`);
  for (let i = 0; i < list.length; i += BATCH) {
    const part = list.slice(i, i + BATCH).map((r) => ({
      k: streetKey(r.street),
      n: houseNumberKey(r.houseNumber),
      pc: r.postcode,
      s: r.street,
      c: r.city,
      lat: r.lat,
      lon: r.lon,
    }));
    // One JSON parameter per batch: the same on PGlite and node-postgres, whatever the batch's size.
    await tx.execute(sql`
      INSERT INTO address_register (tenant_id, street_key, house_number, postcode, street, city, lat, lon)
      SELECT app_tenant_id(), k, n, pc, s, c, lat, lon
      FROM jsonb_to_recordset(${JSON.stringify(part)}::jsonb)
        AS x(k text, n text, pc text, s text, c text, lat float8, lon float8)`);
  }
  return list.length;
}

export type ImportOutcome = { ok: true; imported: number; merged: number } | { ok: false; problems: RowProblem[] };

/**
 * Imports a parsed register file: all rows or none. A file with a problem in any row changes nothing and
 * says which rows, so the office can correct its file and try again.
 */
export async function importRegister(tx: Tx, table: ParsedTable, crs: RegisterCrs): Promise<ImportOutcome> {
  const r = readRegister(table, crs);
  if (r.problems.length) return { ok: false, problems: r.problems };
  const before = await registerSize(tx);
  const imported = await replaceRegister(tx, r.rows);
  await audit(tx, {
    action: "import",
    entity: "address_register",
    before: { addresses: before },
    after: { addresses: imported, merged: r.merged, crs },
  });
  return { ok: true, imported, merged: r.merged };
}

export async function registerSize(tx: Tx): Promise<number> {
  const [r] = await rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM address_register`);
  return r.n;
}

export interface Address {
  /** Street with house number, as typed ("Peterstraße 21–25"). */
  street: string | null;
  postcode: string | null;
}

/**
 * The points of these addresses from the register, in one query: null where the address is not in it
 * or is ambiguous (the same street and number under two postcodes, and the address gave none). A range
 * ("21–25") not in the register is looked up by its first number.
 */
export async function geocodeMany(tx: Tx, list: Address[]): Promise<({ lat: number; lon: number } | null)[]> {
  const asked = list.map((a) => {
    if (!a.street?.trim()) return null;
    const { name, number } = splitStreet(a.street);
    const n = houseNumberKey(number);
    return { key: streetKey(name), n, first: /^(\d+[a-z]?)[-/]/.exec(n)?.[1] ?? n, pc: a.postcode ?? "" };
  });
  const idx = asked.flatMap((a, i) => (a ? [i] : []));
  if (!idx.length) return list.map(() => null);
  const hits = await rows<{ i: number; lat: number; lon: number }>(
    tx,
    sql`
    WITH q AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(idx.map((i) => ({ i, ...asked[i]! })))}::jsonb)
        AS q(i int, key text, n text, first text, pc text)
    ),
    m AS (
      SELECT q.i, r.lat, r.lon, r.house_number = q.n AS exact
      FROM q JOIN address_register r ON r.street_key = q.key AND r.house_number IN (q.n, q.first)
        AND (q.pc = '' OR r.postcode IN (q.pc, ''))
    ),
    best AS (
      SELECT i, lat, lon, exact, count(*) OVER (PARTITION BY i, exact) AS n,
        bool_or(exact) OVER (PARTITION BY i) AS any_exact
      FROM m
    )
    SELECT i, lat, lon FROM best WHERE n = 1 AND exact = any_exact`,
  );
  const out: ({ lat: number; lon: number } | null)[] = list.map(() => null);
  for (const h of hits) out[h.i] = { lat: h.lat, lon: h.lon };
  return out;
}
