import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { Client, finishedJobPage, startTestServer, type TestServer } from "../../../tests/support/server";
import { queryRows } from "../../../tests/support/roles";
import { readGermanCsv, readOpenCsv } from "../../../tests/support/csv";
import { roundAsShown } from "./shared";

// Issue 18 item 4: the indicator downloads beside the tables hold the selection on screen, rounded as
// shown; the open-data file holds every published value unrounded.
let s: TestServer;
const q = queryRows(() => s);
let code: string;
let unit: string;
let open: string[][];

const get = async (p: string) => {
  const r = await fetch(s.url + p);
  expect(r.status, p).toBe(200);
  return r;
};
const hrefs = (html: string) =>
  [...html.matchAll(/href="([^"]*\/export\?[^"]*)"/g)].map((m) => m[1].replace(/&amp;/g, "&"));

beforeAll(async () => {
  s = await startTestServer({ modules: true });
  // A public indicator shown with decimals that has a Stadtteil value with more decimals than shown.
  const candidates = await q<{ code: string; unit: string }>(
    sql`SELECT i.code, i.unit FROM mon_indicators i JOIN tenants t ON t.id = i.tenant_id
        WHERE t.slug = 'koeln' AND i.is_public AND i.unit NOT IN ('Personen') ORDER BY i.code`,
  );
  for (const c of candidates) {
    const rows = readOpenCsv(
      await (await get(`/t/koeln/monitoring/indikator/${c.code}/export?format=csv&variante=offen`)).text(),
    );
    if (rows.slice(1).some((r) => r[3] === "stadtteil" && /\.\d{3,}/.test(r[6]))) {
      ({ code, unit } = c);
      open = rows;
      break;
    }
  }
  expect(code, "an indicator with unrounded Stadtteil values").toBeTruthy();
});
afterAll(() => s?.close());

describe("indicator downloads follow the selection", () => {
  it("the time-series download holds the chosen area only, every period shown, rounded as on screen", async () => {
    const row = open.slice(1).find((r) => r[3] === "stadtteil" && /\.\d{3,}/.test(r[6]))!;
    const [area, period, group] = [row[1], row[4], row[5]];
    const page = await (
      await get(
        `/t/koeln/monitoring/indikator/${code}?gebiet=stadtteil/${area}&jahr=${period}&gruppe=${group}&ebene=stadtteil`,
      )
    ).text();
    const links = hrefs(page);
    const series = links.find((h) => h.includes("format=csv") && h.includes("tabelle=zeitreihe"))!;
    expect(series).toContain(`gebiet=stadtteil%2F${area}`);
    const csv = readGermanCsv(await (await get(series)).text());
    const body = csv.slice(1);
    expect(body.length).toBeGreaterThan(0);
    expect(new Set(body.map((r) => `${r[3]}/${r[1]}`))).toEqual(new Set([`stadtteil/${area}`]));
    // Every period of the area's published series, and no other.
    const mine = open.slice(1).filter((r) => r[3] === "stadtteil" && r[1] === area);
    expect(new Set(body.map((r) => r[4]))).toEqual(new Set(mine.map((r) => r[4])));
    // The value as the page shows it: rounded to the unit's decimals, with a decimal comma.
    const same = body.find((r) => r[4] === period && r[5] === group)!;
    const digits = unit === "Verhältnis" ? 2 : 1;
    expect(same[6]).toBe(roundAsShown(Number(row[6]), unit).toFixed(digits).replace(".", ","));
    expect(same[6]).not.toBe(row[6].replace(".", ","));
    // Nothing below the table: header and uniform rows (the source is a column).
    expect(csv.every((r) => r.length === csv[0].length)).toBe(true);
    expect(csv[0].at(-1)).toBe("Quelle");
  });

  it("the comparison download holds the chosen level, year and group only", async () => {
    const row = open.slice(1).find((r) => r[3] === "stadtteil")!;
    const [period, group] = [row[4], row[5]];
    const page = await (
      await get(`/t/koeln/monitoring/indikator/${code}?ebene=stadtteil&jahr=${period}&gruppe=${group}`)
    ).text();
    const cmp = hrefs(page).find((h) => h.includes("format=csv") && h.includes("tabelle=vergleich"))!;
    const body = readGermanCsv(await (await get(cmp)).text()).slice(1);
    expect(body.length).toBe(
      open.slice(1).filter((r) => r[3] === "stadtteil" && r[4] === period && r[5] === group).length,
    );
    for (const r of body) expect([r[3], r[4], r[5]]).toEqual(["stadtteil", period, group]);
    // The XLSX beside it holds the same rows.
    const xlsx = hrefs(page).find((h) => h.includes("format=xlsx") && h.includes("tabelle=vergleich"))!;
    const ExcelJS = (await import("exceljs")).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await (await get(xlsx)).arrayBuffer());
    expect(wb.worksheets[0].rowCount - 1).toBe(body.length);
    expect(wb.worksheets[1].name).toBe("Hinweise");
  });

  it("the open-data download is labelled as such and holds every published value unrounded", async () => {
    const page = await (await get(`/t/koeln/monitoring/indikator/${code}`)).text();
    expect(page).toContain("Offene Daten: alle veröffentlichten Werte dieses Indikators");
    expect(hrefs(page)).toContain(`/t/koeln/monitoring/indikator/${code}/export?format=csv&variante=offen`);
    const levels = new Set(open.slice(1).map((r) => r[3]));
    expect(levels.size).toBeGreaterThan(1);
    expect(open.slice(1).some((r) => /\.\d{3,}/.test(r[6]))).toBe(true);
  });
});

describe("round trip", () => {
  it("an indicator CSV as downloaded reads back through the statistics import without a single error", async () => {
    const editor = new Client(s.url);
    await editor.login("editor.koeln@example.org", "Teilhabe-Demo-2026");
    // A count (shown whole, so rounding changes nothing), by Stadtteil, from the staff page (values revealed).
    const counts = await q<{ code: string }>(
      sql`SELECT i.code FROM mon_indicators i JOIN tenants t ON t.id = i.tenant_id
          WHERE t.slug = 'koeln' AND i.unit = 'Personen' AND i.derivation IS NULL ORDER BY i.code`,
    );
    let ind: { code: string } | undefined;
    let csv = "";
    for (const c of counts) {
      const staffPage = await (
        await editor.get(`/t/koeln/verwaltung/monitoring/indikator/${c.code}?ebene=stadtteil`)
      ).text();
      const href = hrefs(staffPage).find((h) => h.includes("format=csv") && h.includes("tabelle=vergleich"));
      if (!href) continue;
      csv = await (await editor.get(href)).text();
      if (
        readGermanCsv(csv)
          .slice(1)
          .some((r) => r[3] === "stadtteil")
      ) {
        ind = c;
        break;
      }
    }
    expect(ind, "a count with Stadtteil values").toBeTruthy();
    const rows = readGermanCsv(csv).slice(1);
    const res = await editor.postFile(
      "/t/koeln/verwaltung/monitoring/import",
      { intent: "upload" },
      { field: "file", name: `${ind!.code}.csv`, content: csv, type: "text/csv" },
    );
    expect(res.status).toBe(302);
    const loc = res.headers.get("location")!;
    const mapping = {
      upload: new URL(loc, s.url).searchParams.get("upload")!,
      areaColumn: "Gebietsschlüssel",
      periodColumn: "Zeitraum",
      valueColumn: "Wert (Personen)",
      indicator: ind!.code,
      fixedGroup: "gesamt",
      profileName: "rueckweg",
    };
    const dry = await finishedJobPage(editor, await editor.post(loc, { ...mapping, intent: "dryrun" }));
    expect(dry.html).toContain(`Probelauf ohne Fehler: ${rows.length} Werte`);
  });
});
