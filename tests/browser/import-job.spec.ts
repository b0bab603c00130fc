import { test, expect, expectNoAxeViolations, login } from "./fixtures";

test.use({ locale: "de-DE" });

// A large import runs as a background job: its page shows the progress while it runs and the
// report when it is done, updating itself — with JavaScript by revalidating, without JavaScript by
// the browser's own refresh. Dry runs only, so the demo data stays as it is for the other tests.

/** 86 Stadtteile × 20 years × 180 groups = 309,600 rows (about 5 MB). */
async function bigCsv(page: import("@playwright/test").Page) {
  const geo = await (await page.request.get("/api/v1/t/koeln/areas.geojson?level=stadtteil")).json();
  const keys: string[] = geo.features.map((f: { properties: { key: string } }) => f.properties.key);
  const lines = ["Stadtteil;Jahr;Gruppe;Arbeitslose"];
  for (const k of keys)
    for (let y = 1990; y < 2010; y++) for (let g = 0; g < 180; g++) lines.push(`${k};${y};g${g};${(y + g) % 500}`);
  return { rows: lines.length - 1, buffer: Buffer.from(lines.join("\n")) };
}

async function uploadAndDryRun(page: import("@playwright/test").Page, buffer: Buffer, profile: string) {
  await page.goto("/t/koeln/verwaltung/monitoring/import");
  await page.getByLabel("Datei", { exact: true }).setInputFiles({ name: "gross.csv", mimeType: "text/csv", buffer });
  await page.getByRole("button", { name: "Hochladen" }).click();
  await expect(page.getByRole("heading", { name: "Schritt 3: Spalten zuordnen" })).toBeVisible();
  await page.getByLabel("Spalte mit dem Gebietsschlüssel").selectOption("Stadtteil");
  await page.getByLabel("Spalte mit dem Zeitraum").selectOption("Jahr");
  await page.getByLabel("Spalte mit dem Wert").selectOption("Arbeitslose");
  await page.getByLabel(/^Indikator/).selectOption("arbeitslose");
  await page.getByLabel(/Spalte mit der Gruppe/).selectOption("Gruppe");
  await page.getByLabel("Name des Importprofils").fill(profile);
  await page.getByRole("button", { name: "Probelauf" }).click();
  await page.waitForURL(/\/monitoring\/import\/auftrag\//);
}

test("the progress of a running import, then its report, without reloading by hand", async ({ page, browser }) => {
  const { rows, buffer } = await bigCsv(page);
  await login(page, "editor.koeln@example.org");
  await uploadAndDryRun(page, buffer, "gross-mit-js");
  // The job has just been queued: its page shows where it stands, with a progress bar.
  const heading = page.getByRole("heading", { level: 1, name: "Probelauf für „gross.csv“" });
  await expect(heading).toHaveAttribute("data-job-status", /queued|running/);
  await expect(page.getByRole("heading", { name: "Fortschritt" })).toBeVisible();
  await expect(page.getByRole("progressbar", { name: "Fortschritt" })).toBeVisible();
  await expect(page.getByRole("status")).toContainText(/wartet|gelesen|geprüft|übernommen/);
  await expectNoAxeViolations(page);
  const url = page.url();
  // … and turns into the report by itself (the URL stays: no navigation, the loader revalidated).
  await expect(page.getByText(`Probelauf ohne Fehler: ${rows} Werte`)).toBeVisible();
  await expect(heading).toHaveAttribute("data-job-status", "done");
  expect(page.url()).toBe(url);
  await expect(page.getByRole("button", { name: "Jetzt übernehmen" })).toBeVisible();
  await expectNoAxeViolations(page);

  // Without JavaScript the browser refreshes the page until the report is there.
  const ctx = await browser.newContext({ javaScriptEnabled: false });
  const p2 = await ctx.newPage();
  await login(p2, "editor.koeln@example.org");
  await uploadAndDryRun(p2, buffer, "gross-ohne-js");
  await expect(p2.getByRole("heading", { level: 1 })).toHaveAttribute("data-job-status", /queued|running/);
  await expect(p2.getByRole("progressbar", { name: "Fortschritt" })).toBeVisible();
  await expect(p2.getByText(`Probelauf ohne Fehler: ${rows} Werte`)).toBeVisible();
  await ctx.close();
});
