import path from "node:path";
import { test, expect, expectNoAxeViolations, expectNoOverflow, login, choose, type } from "./fixtures";

test.use({ locale: "de-DE" });

// A city statistics office's publication through the UI alone, by keyboard (issue 14): Aachen's
// areas from the office's list (no geometry), then the XLSX with a title line, a merged two-line
// header, districts named like Stadtteile, a total row and the source below the table – header
// choice, wide mapping, dry run, commit – and the indicator page with its table.

const FIXTURE = path.resolve("tests/fixtures/doppelstadt");

test("areas from a list, a wide XLSX with a two-line header, dry run, commit and the indicator page, by keyboard", async ({
  page,
}) => {
  await login(page, "editor.aachen@example.org");

  // 1. The areas from the office's list, without geometry.
  await page.goto("/t/aachen/verwaltung/monitoring/gebiete");
  await page.getByLabel("Gebietsliste (CSV oder XLSX)").setInputFiles(path.join(FIXTURE, "gebiete.csv"));
  const dryRun = page.locator("#f-list-dry");
  await dryRun.focus();
  await dryRun.press("Space");
  await expect(dryRun).not.toBeChecked();
  await page.getByRole("button", { name: "Liste hochladen" }).press("Enter");
  await expect(page.getByText("10 Zeilen: 10 Gebiete neu")).toBeVisible();
  await expectNoAxeViolations(page);

  // 2. The publication as XLSX.
  await page.goto("/t/aachen/verwaltung/monitoring/import");
  await page.getByLabel("Datei", { exact: true }).setInputFiles(path.join(FIXTURE, "statistik-2024.xlsx"));
  await page.getByRole("button", { name: "Hochladen" }).press("Enter");
  await expect(page.getByRole("heading", { name: "Schritt 2: Aufbau der Datei" })).toBeVisible();
  // Detected: the merged title is no header; the group headings span two lines.
  await expect(page.getByText("Kopfzeile ab Zeile 2 über 2 Zeile(n)")).toBeVisible();
  await expectNoAxeViolations(page);

  // The header chosen by hand: line 3 alone, and back to lines 2–3 (the file is read again each time).
  await type(page.getByLabel("Kopfzeile beginnt in Zeile"), "3");
  await type(page.getByLabel("Anzahl der Kopfzeilen"), "1");
  await page.getByRole("button", { name: "Vorschau mit diesem Aufbau" }).press("Enter");
  await expect(page.getByText("Kopfzeile ab Zeile 3 über 1 Zeile(n)")).toBeVisible();
  await expect(page.getByRole("rowheader", { name: "Einwohner insgesamt", exact: true })).toBeVisible();
  await type(page.getByLabel("Kopfzeile beginnt in Zeile"), "2");
  await type(page.getByLabel("Anzahl der Kopfzeilen"), "2");
  await page.getByRole("button", { name: "Vorschau mit diesem Aufbau" }).press("Enter");
  await expect(page.getByText("Kopfzeile ab Zeile 2 über 2 Zeile(n)")).toBeVisible();
  const lines = page.getByRole("table", { name: "Die ersten Zeilen der Datei, wie sie darin stehen" });
  await expect(lines.getByRole("row", { name: /^13 Daten Doppelstadt insgesamt/ })).toBeVisible();

  // 3. The mapping: names in the area column, levels by line ranges, a fixed period, the data lines.
  await choose(page.getByLabel("Spalte mit dem Gebietsschlüssel"), "Gebiet");
  const ranges: [string, string, string][] = [
    ["4", "9", "Stadtteil"],
    ["10", "12", "Stadtbezirk"],
    ["13", "13", "Stadt"],
  ];
  for (const [i, [from, to, level]] of ranges.entries()) {
    await type(page.getByLabel(`Von Zeile (Bereich ${i + 1})`), from);
    await type(page.getByLabel(`Bis Zeile (Bereich ${i + 1})`), to);
    await choose(page.getByLabel(`Ebene (Bereich ${i + 1})`), level);
  }
  await type(page.getByLabel("Fester Zeitraum"), "2024");
  await type(page.getByLabel("Daten bis Zeile"), "13");
  await choose(
    page.getByLabel("Indikator für die Spalte „Bevölkerung / Einwohner insgesamt“"),
    "Einwohnerinnen und Einwohner",
  );
  await choose(
    page.getByLabel("Indikator für die Spalte „Bevölkerung / Ausländerinnen und Ausländer“"),
    "Ausländerinnen und Ausländer",
  );
  await choose(page.getByLabel("Indikator für die Spalte „Arbeitsmarkt / Arbeitslose“"), "Arbeitslose");
  for (const column of ["Bevölkerung / Veränderung zum Vorjahr", "Arbeitsmarkt / Anteil Arbeitslose in %"])
    await choose(page.getByLabel(`Indikator für die Spalte „${column}“`), "– nicht übernehmen –");
  await type(page.getByLabel("Name des Importprofils"), "statistik-doppelstadt");
  await expectNoAxeViolations(page);
  // At 320 px the page reflows: wide tables scroll in their own focusable regions.
  await page.setViewportSize({ width: 320, height: 800 });
  await expectNoOverflow(page);
  await expectNoAxeViolations(page);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByRole("button", { name: "Probelauf" }).press("Enter");

  // 4. The dry run's report: 10 lines × 3 columns; the source line below the table listed by number.
  await expect(page.getByText("Probelauf ohne Fehler: 30 Werte aus 11 Zeilen")).toBeVisible();
  const skipped = page.getByRole("table", { name: /Übersprungene Zeilen/ });
  await expect(skipped.getByRole("row", { name: /^15 übersprungen: nach der letzten Datenzeile/ })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Jetzt übernehmen" }).press("Enter");
  await expect(page.getByText("Übernommen: 30 neu")).toBeVisible();

  // 5. The indicator page: the district and the Stadtteil of one name, each with its own value.
  await page.goto("/t/aachen/monitoring/indikator/einwohner?ebene=stadtbezirk&jahr=2024");
  const districts = page.getByRole("table", { name: /Werte je Gebiet als Tabelle/ });
  await expect(districts.locator("tbody tr")).toHaveCount(3);
  await expect(districts.getByRole("row", { name: /Mülheim/ })).toContainText("41.000");
  await expectNoAxeViolations(page);
  await page.goto("/t/aachen/monitoring/indikator/einwohner?ebene=stadtteil&jahr=2024");
  const teile = page.getByRole("table", { name: /Werte je Gebiet als Tabelle/ });
  await expect(teile.locator("tbody tr")).toHaveCount(6);
  await expect(teile.getByRole("row", { name: /Mülheim/ })).toContainText("23.000");
  await expectNoAxeViolations(page);
});
