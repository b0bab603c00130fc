import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { Client, startTestServer, type TestServer } from "../support/server";
import { formulaFree, germanNumber, readGermanCsv, readOpenCsv } from "../support/csv";

// Every CSV download, read back as German Excel reads it, with a formula planted in the data.
let s: TestServer;
const PW = "Teilhabe-Demo-2026";
const FORMULA = '=HYPERLINK("http://example.org","x")';
const q = async <T>(text: ReturnType<typeof sql>) => ((await s.db.orm.execute(text)) as unknown as { rows: T[] }).rows;

beforeAll(async () => {
  s = await startTestServer({ modules: true });
  const [measure] = await q<{ id: string }>(
    sql`SELECT m.id FROM concept_measures m JOIN tenants t ON t.id = m.tenant_id WHERE t.slug = 'aachen' ORDER BY m.code LIMIT 1`,
  );
  await s.db.orm.execute(sql`UPDATE concept_measures SET title = ${FORMULA}, budget = 1234.5 WHERE id = ${measure.id}`);
  // A publicly visible entry: a stale one (unconfirmed for 12 months) is rightly left out of the export.
  const [entry] = await q<{ id: string }>(
    sql`SELECT e.id FROM atlas_entries e JOIN tenants t ON t.id = e.tenant_id JOIN atlas_places p ON p.entry_id = e.id
        WHERE t.slug = 'aachen' AND e.status = 'published' AND p.lat IS NOT NULL
          AND (e.valid_until IS NULL OR e.valid_until >= current_date) AND e.last_confirmed_at >= now() - interval '11 months'
        ORDER BY e.id LIMIT 1`,
  );
  await s.db.orm.execute(
    sql`UPDATE atlas_translations SET title = ${FORMULA} WHERE entry_id = ${entry.id} AND lang = 'de'`,
  );
  // Köln: an area name (indicator export) and indicator names (area profile; goals need one with a target).
  await s.db.orm.execute(
    sql`UPDATE mon_areas SET name = ${FORMULA} WHERE key = '101' AND tenant_id = (SELECT id FROM tenants WHERE slug = 'koeln')`,
  );
  await s.db.orm.execute(
    sql`UPDATE mon_indicators SET name = ${FORMULA} WHERE code = 'auslaender_anteil' AND tenant_id = (SELECT id FROM tenants WHERE slug = 'koeln')`,
  );
  await s.db.orm.execute(
    sql`UPDATE mon_indicators SET name = ${FORMULA} WHERE id = (SELECT i.id FROM mon_indicators i JOIN tenants t ON t.id = i.tenant_id
        WHERE t.slug = 'koeln' AND i.is_public AND (i.target_value IS NOT NULL OR i.target_parity) ORDER BY i.code LIMIT 1)`,
  );
});
afterAll(async () => {
  await s?.close();
});

async function download(c: Client | null, path: string) {
  const res = c ? await c.get(path) : await fetch(s.url + path);
  expect(res.status, path).toBe(200);
  expect(res.headers.get("content-type"), path).toContain("text/csv");
  return Buffer.from(await res.arrayBuffer());
}

/** The German checks every export must pass; returns the rows. */
function germanChecks(bytes: Buffer, path: string) {
  expect([...bytes.subarray(0, 3)], `${path}: BOM`).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.toString("utf8");
  expect(text.endsWith("\r\n"), path).toBe(true);
  const rows = readGermanCsv(text);
  expect(rows[0].length, `${path}: semicolon-separated header`).toBeGreaterThan(3);
  expect(formulaFree(rows), `${path}: no cell starts a formula`).toBe(true);
  expect(rows.flat(), `${path}: the planted formula is defused`).toContain(`'${FORMULA}`);
  return rows;
}

/** Values of one column that a German spreadsheet reads as numbers, and whether one has a decimal comma. */
function numbersIn(rows: string[][], header: string | RegExp) {
  const i = rows[0].findIndex((h) => (typeof header === "string" ? h === header : header.test(h)));
  expect(i, String(header)).toBeGreaterThanOrEqual(0);
  const cells = rows.slice(1).map((r) => r[i] ?? "");
  const numbers = cells.map(germanNumber).filter((n): n is number => n !== undefined);
  return { cells, numbers, decimalComma: cells.some((c) => /^-?\d+,\d+$/.test(c)) };
}

describe("CSV exports", () => {
  it("concept: the measure catalogue is German Excel CSV with the budget as a number", async () => {
    const editor = new Client(s.url);
    await editor.login("editor.aachen@example.org", PW);
    const path = "/t/aachen/verwaltung/massnahmen/export/csv";
    const rows = germanChecks(await download(editor, path), path);
    const budget = numbersIn(rows, "Budget (EUR)");
    expect(budget.numbers).toContain(1234.5);
    expect(budget.cells).toContain("1234,50");
    expect(numbersIn(rows, "Fortschritt (%)").numbers.length).toBe(rows.length - 1);
  });

  it("atlas: open data in German by default and in the open-data dialect on request", async () => {
    const path = "/t/aachen/angebote/daten.csv";
    const rows = germanChecks(await download(null, path), path);
    const lat = numbersIn(rows, "lat");
    expect(lat.numbers.length).toBeGreaterThan(0);
    expect(lat.decimalComma).toBe(true);
    expect(lat.numbers.every((n) => n > 45 && n < 56)).toBe(true);

    const open = await download(null, `${path}?variante=offen`);
    expect(open[0]).not.toBe(0xef);
    const orows = readOpenCsv(open.toString("utf8"));
    expect(orows[0].slice(0, 3)).toEqual(["id", "kind", "title"]);
    expect(orows.length).toBe(rows.length);
    const i = orows[0].indexOf("lat");
    expect(orows.slice(1).some((r) => /^\d+\.\d+$/.test(r[i]))).toBe(true);
    expect(orows.flat()).toContain(`'${FORMULA}`);
    expect(formulaFree(orows)).toBe(true);
    // The search page names both variants.
    const page = await (await fetch(`${s.url}/t/aachen/angebote`)).text();
    expect(page).toContain("daten.csv?variante=offen");
    expect(page).toContain("CSV für Excel (Semikolon, Dezimalkomma)");
  });

  it("monitoring: indicator values (public and staff), area profile and goals", async () => {
    const editor = new Client(s.url);
    await editor.login("editor.koeln@example.org", PW);
    const exports: [Client | null, string][] = [
      // The comparison of the Stadtteile holds area 101, whose name carries the planted formula.
      [null, "/t/koeln/monitoring/indikator/auslaender_anteil/export?format=csv&tabelle=vergleich&ebene=stadtteil"],
      [
        editor,
        "/t/koeln/verwaltung/monitoring/indikator/auslaender_anteil/export?format=csv&tabelle=vergleich&ebene=stadtteil",
      ],
      [null, "/t/koeln/monitoring/gebiet/stadtteil/101/export?format=csv"],
      [null, "/t/koeln/monitoring/ziele/export?format=csv"],
    ];
    const all: Record<string, string[][]> = {};
    for (const [c, path] of exports) all[path] = germanChecks(await download(c, path), path);

    const values = numbersIn(all[exports[0][1]], /^Wert/);
    expect(values.numbers.length).toBeGreaterThan(10);
    expect(values.decimalComma).toBe(true);
    const profile = numbersIn(all[exports[2][1]], "Gesamtstadt");
    expect(profile.numbers.length).toBeGreaterThan(0);
    expect(profile.decimalComma).toBe(true);
    // The demo goals have targets but no current values yet: the target is the number to check.
    expect(numbersIn(all[exports[3][1]], "Soll").numbers.length).toBeGreaterThan(0);

    const open = (await download(null, `${exports[0][1]}&variante=offen`)).toString("utf8");
    expect(open.charCodeAt(0)).not.toBe(0xfeff);
    const orows = readOpenCsv(open);
    expect(orows[0].at(-1)).toBe("Quelle");
    expect(orows.every((r) => r.length === orows[0].length)).toBe(true);
    const wi = orows[0].findIndex((h) => h.startsWith("Wert"));
    expect(orows.slice(1).some((r) => /^\d+\.\d+$/.test(r[wi]))).toBe(true);
    expect(orows.flat()).toContain(`'${FORMULA}`);
    expect(formulaFree(orows)).toBe(true);
  });
});
