import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { finishedJobPage, startTestServer, type TestServer } from "../../../tests/support/server";
import { ROOT } from "../../../tests/support/process";
import { plain, roleClients } from "../../../tests/support/roles";
import { tenantIds } from "../../../tests/support/db";
import { readStatistikReference, STATISTIK_FILES, type RefRow } from "../../../tests/support/statistik-reference";
import type { Database } from "~/kernel/db/client";
import { withTenant } from "~/kernel/db/context";
import { createIndicator } from "./services/indicators";

// A city statistics office's publication through the UI alone (issue 14): areas from a list, then the
// wide file with Stadtteile and districts by name (three of them share a name), a total row, a title
// above and the source below the table, "-" and "." and "1 675" – as CSV and as XLSX with a merged
// two-line header. Every value the API then serves is held against the file read independently
// (tests/support/statistik-reference.ts, csv-parse and exceljs, nothing of the app).

const FIXTURE = path.join(ROOT, "tests/fixtures/doppelstadt");
const IMPORT = "/t/aachen/verwaltung/monitoring/import";
/** The file's columns (last header line) and the indicators they feed. */
const COLUMNS: [header: string, code: string, unit: string, isCount: boolean][] = [
  ["Einwohner insgesamt", "ds_einwohner", "Personen", true],
  ["Ausländerinnen und Ausländer", "ds_auslaender", "Personen", true],
  ["Veränderung zum Vorjahr", "ds_veraenderung", "Personen", false],
  ["Arbeitslose", "ds_arbeitslose", "Personen", true],
  ["Anteil Arbeitslose in %", "ds_arbeitslose_anteil", "%", false],
];

let s: TestServer;
let as: Awaited<ReturnType<typeof roleClients>>;
const api = async (p: string) => {
  const r = await fetch(s.url + p);
  return { status: r.status, body: await r.json() };
};
const file = (name: string, type: string) => ({
  field: "file",
  name: path.basename(name),
  content: fs.readFileSync(name),
  type,
});

/** The area key of a reference row: the list gebiete.csv by level and name; the total row is the city. */
const AREA_LIST = fs
  .readFileSync(path.join(FIXTURE, "gebiete.csv"), "utf8")
  .trim()
  .split("\n")
  .slice(1)
  .map((l) => l.split(";"));
function keyOf(r: RefRow): string {
  if (r.level === "stadt") return "0";
  const hit = AREA_LIST.find(([, name, level]) => name === r.name && level.toLowerCase() === r.level);
  if (!hit) throw new Error(`no area ${r.level} ${r.name}`);
  return hit[0];
}

/** Every observation the public API serves for the five indicators, as "code level key" → value and state. */
async function served() {
  const out = new Map<string, { value: number | null; state: string; symbol: string | null }>();
  for (const [, code] of COLUMNS) {
    const r = await api(`/api/v1/t/aachen/observations?indicator=${code}&period=2024`);
    expect(r.status, code).toBe(200);
    for (const o of r.body.observations as {
      area: string;
      level: string;
      value: number | null;
      state: string;
      symbol: string | null;
    }[])
      out.set(`${code} ${o.level} ${o.area}`, { value: o.value, state: o.state, symbol: o.symbol });
  }
  return out;
}

const STATE_OF: Record<string, string> = { ".": "secret", x: "not_applicable", "…": "not_yet_available" };

/** Holds every served value against the file read independently: 10 lines × 5 columns, nothing more. */
async function expectServedAsFile(kind: "csv" | "xlsx") {
  const ref = await readStatistikReference(kind);
  expect(ref).toHaveLength(10);
  const got = await served();
  const want = new Map<string, { value: number | null; state: string; symbol: string | null }>();
  for (const r of ref)
    for (const [header, code] of COLUMNS) {
      const v = r.values[header];
      want.set(`${code} ${r.level} ${keyOf(r)}`, {
        value: v.value,
        state: v.symbol ? STATE_OF[v.symbol] : "value",
        symbol: v.symbol,
      });
    }
  expect(Object.fromEntries(got)).toEqual(Object.fromEntries(want));
  return ref;
}

/** The mapping form as a statistics officer fills it for this publication (wide columns by position). */
function mapping(upload: string, header: string[], extra: Record<string, string>) {
  const fields: Record<string, string> = {
    upload,
    layout: "wide",
    areaColumn: header[0],
    fixedPeriod: "2024",
    levelFrom1: "4",
    levelTo1: "9",
    levelLevel1: "stadtteil",
    levelFrom2: "10",
    levelTo2: "12",
    levelLevel2: "stadtbezirk",
    levelFrom3: "13",
    levelTo3: "13",
    levelLevel3: "stadt",
    rowsTo: "13",
    ...extra,
  };
  for (const [h, code] of COLUMNS) {
    const j = header.findIndex((x) => x === h || x.endsWith(` / ${h}`));
    expect(j, h).toBeGreaterThan(0);
    fields[`w${j}`] = code;
    fields[`wg${j}`] = "gesamt";
  }
  return fields;
}

/** Column headers as the mapping page shows them in its table of wide columns. */
const wideHeaders = (html: string) =>
  [...html.matchAll(/<th scope="row" class="kern-table__cell" id="wc-(\d+)">([^<]*)<\/th>/g)].reduce<string[]>(
    (h, m) => ((h[Number(m[1])] = m[2].replace(/&amp;/g, "&")), h),
    [""],
  );

beforeAll(async () => {
  s = await startTestServer({ modules: true });
  as = await roleClients(s, "aachen");
  const db = s.db as unknown as Database;
  const { aachen } = await tenantIds(db);
  await withTenant(db, { tenantId: aachen, actor: { userId: null, label: "Test" } }, async (tx) => {
    for (const [name, code, unit, isCount] of COLUMNS) {
      const r = await createIndicator(tx, {
        code,
        name,
        unit,
        isCount,
        dimension: "strukturell",
        field: "Arbeit und Beschäftigung",
        // The share is published against the Stadtteil's population (disclosure control needs a base).
        ...(unit === "%" ? { baseIndicator: "ds_einwohner" } : {}),
      });
      expect(r.ok, code).toBe(true);
    }
  });
  // Step 1: the areas from the office's list (no geometry yet), through the staff page.
  const list = await as("editor").postFile(
    "/t/aachen/verwaltung/monitoring/gebiete",
    { intent: "list" },
    {
      field: "list",
      name: "gebiete.csv",
      content: fs.readFileSync(path.join(FIXTURE, "gebiete.csv")),
      type: "text/csv",
    },
  );
  expect(plain(await list.text())).toContain("10 Zeilen: 10 Gebiete neu");
});
afterAll(async () => {
  await s?.close();
});

describe("a statistics office's publication through the UI in one go", () => {
  it("CSV: title above, names as keys, districts named like Stadtteile, a total row, the source below", async () => {
    const editor = as("editor");
    const up = await editor.postFile(IMPORT, { intent: "upload" }, file(STATISTIK_FILES.csv, "text/csv"));
    expect(up.status).toBe(302);
    const loc = up.headers.get("location")!;
    const uploadId = new URL(loc, s.url).searchParams.get("upload")!;
    const page = await (await editor.get(loc)).text();
    const text = plain(page);
    // The structure as detected, with the file's first lines and each line's role.
    expect(text).toContain(
      "Kodierung windows-1252, Trennzeichen „;“, Dezimalzeichen „,“, Kopfzeile ab Zeile 3 über 1 Zeile(n)",
    );
    expect(text).toMatch(/1 vor der Kopfzeile Bevölkerung und Arbeitsmarkt in Doppelstadt/);
    expect(text).toMatch(/3 Kopfzeile Gebiet Einwohner insgesamt/);
    expect(text).toMatch(/13 Daten Doppelstadt insgesamt 97 000/);
    // Wide is recognised: one row per column to map.
    expect(text).toContain("Spalten der Datei und ihre Indikatoren");
    const header = wideHeaders(page);
    expect(header.slice(1)).toEqual(COLUMNS.map(([h]) => h));

    const fields = mapping(uploadId, ["Gebiet", ...header.slice(1)], {
      headerRow: "3",
      headerRows: "1",
      profileName: "statistik-breit",
    });
    const dry = await finishedJobPage(editor, await editor.post(loc, { ...fields, intent: "dryrun" }));
    const dryText = plain(dry.html);
    expect(dryText).toContain(
      "Probelauf ohne Fehler: 50 Werte aus 11 Zeilen (50 neu, 0 geändert, 0 unverändert, 1 übersprungen)",
    );
    // The source line below the table is listed by number, never dropped silently.
    expect(dryText).toContain("15 übersprungen: nach der letzten Datenzeile (13)");
    // Districts and the total row arrive at their own level.
    expect(dryText).toContain("Stadtteil 2 Innenstadt");
    const commit = await finishedJobPage(editor, await editor.post(new URL(dry.url, s.url).pathname, {}));
    expect(plain(commit.html)).toContain("Übernommen: 50 neu, 0 geändert, 0 unverändert");

    const ref = await expectServedAsFile("csv");
    // "-" arrived as 0, "." as secret; "1 675" and "-  23" as numbers.
    const urbach = ref.find((r) => r.name === "Urbach")!;
    expect(urbach.values["Arbeitslose"]).toEqual({ value: 0, symbol: null });
    const got = await served();
    expect(got.get("ds_arbeitslose stadtteil 6")).toEqual({ value: 0, state: "value", symbol: null });
    expect(got.get("ds_arbeitslose stadtteil 3")).toEqual({ value: null, state: "secret", symbol: "." });
    expect(got.get("ds_auslaender stadtteil 1")?.value).toBe(1675);
    expect(got.get("ds_veraenderung stadtteil 5")?.value).toBe(-23);
    // The district and the Stadtteil of one name have their own public profile with their own values.
    const district = plain(await (await fetch(`${s.url}/t/aachen/monitoring/gebiet/stadtbezirk/2`)).text());
    expect(district).toContain("Gebietsprofil: Mülheim (Stadtbezirk)");
    expect(district).toContain("41.000");
    const teil = plain(await (await fetch(`${s.url}/t/aachen/monitoring/gebiet/stadtteil/3`)).text());
    expect(teil).toContain("Gebietsprofil: Mülheim (Stadtteil)");
    expect(teil).toContain("23.000");
    expect(teil).not.toContain("41.000");
  });

  it("XLSX of the same publication with a merged two-line header: detected, and the same values and states", async () => {
    const editor = as("editor");
    const up = await editor.postFile(
      IMPORT,
      { intent: "upload" },
      file(STATISTIK_FILES.xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    );
    const loc = up.headers.get("location")!;
    const uploadId = new URL(loc, s.url).searchParams.get("upload")!;
    const page = await (await editor.get(loc)).text();
    expect(plain(page)).toContain(
      "Erkannt: XLSX, Tabellenblatt „Bevölkerung 2024“, Kopfzeile ab Zeile 2 über 2 Zeile(n)",
    );
    const header = wideHeaders(page);
    expect(header.slice(1)).toEqual([
      "Bevölkerung / Einwohner insgesamt",
      "Bevölkerung / Ausländerinnen und Ausländer",
      "Bevölkerung / Veränderung zum Vorjahr",
      "Arbeitsmarkt / Arbeitslose",
      "Arbeitsmarkt / Anteil Arbeitslose in %",
    ]);
    // A header line chosen by hand re-reads the file: line 3 alone loses the group headings.
    const line3 = plain(await (await editor.get(`${loc}&kopfzeile=3&kopfzeilen=1`)).text());
    expect(line3).toContain("Kopfzeile ab Zeile 3 über 1 Zeile(n)");
    expect(line3).toMatch(/2 vor der Kopfzeile Gebiet Bevölkerung/);

    const fields = mapping(uploadId, ["Gebiet", ...header.slice(1)], {
      headerRow: "2",
      headerRows: "2",
      profileName: "statistik-xlsx",
    });
    const dry = await finishedJobPage(editor, await editor.post(loc, { ...fields, intent: "dryrun" }));
    // The same 50 values with the same states as the CSV's: nothing new, nothing changed.
    expect(plain(dry.html)).toContain(
      "Probelauf ohne Fehler: 50 Werte aus 11 Zeilen (0 neu, 0 geändert, 50 unverändert, 1 übersprungen)",
    );
    const commit = await finishedJobPage(editor, await editor.post(new URL(dry.url, s.url).pathname, {}));
    expect(plain(commit.html)).toContain("Übernommen: 0 neu, 0 geändert, 50 unverändert");
    await expectServedAsFile("xlsx");
  });

  it("reads the sheet chosen in a workbook of several, and keeps it in the profile", async () => {
    const ExcelJS = (await import("exceljs")).default;
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Erläuterungen").addRow(["Zeichenerklärung: - genau null, . geheim"]);
    const data = wb.addWorksheet("Daten");
    data.addRow(["Gebiet", "Jahr", "Einwohner insgesamt"]);
    data.addRow(["Urbach", 2023, 10800]);
    const editor = as("editor");
    const up = await editor.postFile(
      IMPORT,
      { intent: "upload" },
      {
        field: "file",
        name: "zwei-blaetter.xlsx",
        content: new Uint8Array(await wb.xlsx.writeBuffer()),
        type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      },
    );
    const loc = up.headers.get("location")!;
    const first = plain(await (await editor.get(loc)).text());
    expect(first).toContain("Tabellenblatt „Erläuterungen“");
    const page = await (await editor.get(`${loc}&blatt=Daten`)).text();
    expect(plain(page)).toContain("Tabellenblatt „Daten“, Kopfzeile ab Zeile 1");
    expect(page).toContain('<input type="hidden" name="sheet" value="Daten"/>');
    const dry = await finishedJobPage(
      editor,
      await editor.post(loc, {
        upload: new URL(loc, s.url).searchParams.get("upload")!,
        sheet: "Daten",
        headerRow: "1",
        headerRows: "1",
        layout: "long",
        areaColumn: "Gebiet",
        periodColumn: "Jahr",
        valueColumn: "Einwohner insgesamt",
        indicator: "ds_einwohner",
        level: "stadtteil",
        profileName: "zwei-blaetter",
        intent: "dryrun",
      }),
    );
    expect(plain(dry.html)).toContain("Probelauf ohne Fehler: 1 Werte aus 1 Zeilen (1 neu");
    const stored = await (await editor.get("/t/aachen/verwaltung/monitoring/profile/zwei-blaetter.json")).json();
    expect(stored.format).toMatchObject({ sheet: "Daten", headerRow: 1, headerRows: 1 });
    // A sheet the workbook lacks is said in German.
    expect(plain(await (await editor.get(`${loc}&blatt=Gibtsnicht`)).text())).toContain("Gibtsnicht");
  });

  it("keeps the mapping as a profile: the next upload opens with it, and bad choices get German errors", async () => {
    const editor = as("editor");
    const up = await editor.postFile(
      IMPORT,
      { intent: "upload", profile: "statistik-breit" },
      file(STATISTIK_FILES.csv, "text/csv"),
    );
    const loc = up.headers.get("location")!;
    const page = await (await editor.get(loc)).text();
    // The stored wide mapping fills the form again: level ranges, fixed period, last data line, columns.
    expect(page).toMatch(/name="levelFrom2"[^>]*value="10"/);
    expect(page).toMatch(/name="fixedPeriod"[^>]*value="2024"/);
    expect(page).toMatch(/name="rowsTo"[^>]*value="13"/);
    expect(page).toMatch(/<option value="ds_auslaender" selected="">/);
    const uploadId = new URL(loc, s.url).searchParams.get("upload")!;
    const bad = await editor.post(loc, {
      ...mapping(uploadId, ["Gebiet", ...COLUMNS.map(([h]) => h)], { profileName: "statistik-breit" }),
      levelFrom1: "9",
      levelTo1: "4",
      fixedPeriod: "",
      intent: "dryrun",
    });
    expect(bad.status).toBe(400);
    const errors = plain(await bad.text());
    expect(errors).toContain("Die letzte Zeile darf nicht vor der ersten liegen.");
    // Without a fixed period the period column is needed.
    expect(errors).toMatch(/Spaltenname fehlt/);
  });
});
