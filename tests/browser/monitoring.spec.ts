import { test, expect, expectNoAxeViolations, login } from "./fixtures";

test.use({ locale: "de-DE" });

// Integration monitoring end to end: import through the UI with the mapping step, then the
// public indicator page with chart, map and tables — and the same information without JavaScript.

test("import with mapping, then indicator page with chart, map and table", async ({ page, browser }) => {
  const geo = await (await page.request.get("/api/v1/t/koeln/areas.geojson?level=stadtteil")).json();
  const keys: string[] = geo.features.map((f: { properties: { key: string } }) => f.properties.key);
  expect(keys).toHaveLength(86);
  const lines = ["Statistik Arbeitsmarkt Köln", "", "Stadtteil;Jahr;Arbeitslose"];
  keys.forEach((k, i) => {
    lines.push(`${k};2011;${100 + i * 7}`);
    lines.push(`${k};2012;${90 + i * 8}`);
  });
  const csv = Buffer.from(lines.join("\r\n") + "\r\n", "latin1");

  await login(page, "editor.koeln@example.org");
  await page.goto("/t/koeln/verwaltung/monitoring/indikatoren/neu");
  await expectNoAxeViolations(page);
  await page.goto("/t/koeln/verwaltung/monitoring/gebiete");
  await expectNoAxeViolations(page);
  await page.goto("/t/koeln/verwaltung/monitoring/profile");
  await expectNoAxeViolations(page);
  await page.goto("/t/koeln/verwaltung/monitoring");
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "Daten importieren" }).click();
  await expect(page.getByRole("heading", { name: "Schritt 1: Datei hochladen" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page
    .getByLabel("Datei", { exact: true })
    .setInputFiles({ name: "arbeitslose.csv", mimeType: "text/csv", buffer: csv });
  await page.getByRole("button", { name: "Hochladen" }).click();

  await expect(page.getByRole("heading", { name: "Schritt 3: Spalten zuordnen" })).toBeVisible();
  await expect(page.getByText("Kopfzeile ab Zeile 3")).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel("Spalte mit dem Gebietsschlüssel").selectOption("Stadtteil");
  await page.getByLabel("Spalte mit dem Zeitraum").selectOption("Jahr");
  await page.getByLabel("Spalte mit dem Wert").selectOption("Arbeitslose");
  await page.getByLabel(/^Indikator/).selectOption("arbeitslose");
  await page.getByLabel("Name des Importprofils").fill("arbeitslose-stadtteile");
  await page.getByRole("button", { name: "Probelauf" }).click();
  await expect(page.getByText("Probelauf ohne Fehler: 172 Werte")).toBeVisible();
  await expect(page.getByRole("table", { name: "Vorschau: die ersten 20 von 172 Werten" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Übernehmen" }).click();
  await expect(page.getByText("Übernommen: 172 neu")).toBeVisible();

  await page.goto("/t/koeln/monitoring/indikator/arbeitslose?ebene=stadtteil&jahr=2012");
  await expect(page.getByRole("heading", { level: 1, name: "Arbeitslose" })).toBeVisible();
  await expect(page.locator(".chart").first()).toHaveAttribute("data-ready", "true");
  await expect(page.locator(".choropleth")).toHaveAttribute("data-ready", "true");
  const table = page.getByRole("table", { name: /Werte je Gebiet als Tabelle/ });
  await expect(table.locator("tbody tr")).toHaveCount(86);
  await expect(table.getByRole("row", { name: /Altstadt\/Süd/ })).toContainText("90");
  await expect(page.getByText("Legende")).toBeVisible();
  await expectNoAxeViolations(page);

  // Equal intervals change the classes; the form works by keyboard.
  await page.getByLabel("Klassenbildung").selectOption("equal");
  await page.getByRole("button", { name: "Anzeigen" }).press("Enter");
  await expect(page).toHaveURL(/klassen=equal/);

  // Without JavaScript (no chart, no map) every value and class is still there.
  const ctx = await browser.newContext({ javaScriptEnabled: false });
  const p2 = await ctx.newPage();
  await p2.goto("/t/koeln/monitoring/indikator/arbeitslose?ebene=stadtteil&jahr=2012");
  const t2 = p2.getByRole("table", { name: /Werte je Gebiet als Tabelle/ });
  await expect(t2.locator("tbody tr")).toHaveCount(86);
  await expect(p2.getByRole("table", { name: /Zeitverlauf/ })).toBeVisible();
  await expect(p2.getByText(/Klasse 1: /)).toBeVisible();
  // (axe needs JavaScript in the page; the same markup was checked above with JavaScript on.)
  await ctx.close();
});

test("Köln demo: mh_anteil with attribution, area profile and goals pass axe", async ({ page }) => {
  await page.goto("/t/koeln/monitoring");
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "Anteil der Bevölkerung mit Migrationshintergrund" }).click();
  // The attribution, without the label doubled ("Quelle: Datenquelle: …", issue 18).
  await expect(page.getByText("Quelle: Stadt Köln, CC BY").first()).toBeVisible();
  await expect(page.getByText(/Quelle: Datenquelle/)).toHaveCount(0);
  await expect(page.locator(".choropleth")).toHaveAttribute("data-ready", "true");
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "Altstadt/Süd" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Gebietsprofil: Altstadt/Süd" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.goto("/t/koeln/monitoring/ziele");
  await expectNoAxeViolations(page);
  await page.goto("/t/nrw/monitoring/vergleich");
  await expect(page.getByRole("table").getByRole("link", { name: "Stadt Köln" })).toBeVisible();
  await expectNoAxeViolations(page);
});
