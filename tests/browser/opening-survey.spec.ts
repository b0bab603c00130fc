import { test, expect, expectNoAxeViolations, expectNoOverflow, login } from "./fixtures";

// The anonymous staff survey (issue 15 item 2, decision 0041): an editor sets up an open-link
// survey, records the staff council's agreement and opens it; a respondent answers on a 320 px phone
// with JavaScript disabled (a plain form POST); the results of the closed demo survey show the
// suppression and the methodology note. No axe violations on the respondent's and the results pages.
test.use({ locale: "de-DE" });

test("a respondent answers on a 320 px phone without JavaScript; results are accessible", async ({ page, browser }) => {
  await login(page, "editor.aachen@example.org");
  await page.goto("/t/aachen/verwaltung/oeffnung/befragungen/neu");
  await page.getByLabel("Titel", { exact: true }).fill("Beschäftigtenbefragung Test");
  await page.getByLabel("Beginn", { exact: true }).fill("2026-05-01");
  await page.getByLabel("Ende", { exact: true }).fill("2026-05-31");
  await page.getByLabel("Zeitraum-Bezeichnung").fill("2026");
  await page.getByLabel("Teilnahme").selectOption("open");
  await page.getByLabel("Zahl der Angesprochenen").fill("80");
  await page.getByRole("button", { name: "Speichern" }).click();
  await expect(page.getByText("Die Befragung ist angelegt.")).toBeVisible();
  await page.getByLabel("Name des Arbeitsbereichs").fill("Bürgerbüro");
  await page.getByRole("button", { name: "Arbeitsbereich anlegen" }).click();
  await expect(page.getByText("Der Arbeitsbereich ist angelegt.")).toBeVisible();
  await page.getByLabel("Datum der Zustimmung").fill("2026-04-20");
  await page.getByLabel("Aktenzeichen oder Vermerk").fill("Dienstvereinbarung 2/2026");
  await page.getByRole("button", { name: "Zustimmung erfassen" }).click();
  await expect(page.getByText("Die Zustimmung ist erfasst.")).toBeVisible();
  await page.getByRole("button", { name: "Befragung öffnen" }).click();
  await expect(page.getByText("Die Befragung ist geöffnet.")).toBeVisible();
  const link = await page.locator("a[href*='/t/aachen/befragung/']").first().getAttribute("href");
  expect(link).toBeTruthy();

  // axe and the reflow check run in the page, so they use a 320 px context with JavaScript.
  const checker = await browser.newContext({ locale: "de-DE", viewport: { width: 320, height: 640 } });
  const c = await checker.newPage();
  await c.goto(link!);
  await expectNoOverflow(c);
  await expectNoAxeViolations(c);
  await checker.close();

  const phone = await browser.newContext({
    locale: "de-DE",
    javaScriptEnabled: false,
    viewport: { width: 320, height: 640 },
  });
  const p = await phone.newPage();
  await p.goto(link!);
  await expect(p.getByRole("heading", { level: 1, name: /Beschäftigtenbefragung Test/ })).toBeVisible();
  await p.getByRole("radio", { name: "Ja" }).check();
  await p.getByRole("checkbox", { name: "Türkisch" }).check();
  await p.getByRole("checkbox", { name: "Deutsch", exact: true }).check();
  await p.getByLabel("In welchem Arbeitsbereich sind Sie tätig?").selectOption({ label: "Bürgerbüro" });
  await p.getByRole("button", { name: "Antworten absenden" }).click();
  await expect(p.getByText("Vielen Dank! Ihre Antworten sind gespeichert.")).toBeVisible();
  // A form without an answer to the required question comes back with the error, still without JS.
  await p.goto(link!);
  await p.getByRole("button", { name: "Antworten absenden" }).click();
  await expect(p.getByRole("alert").first()).toContainText("Bitte eine Antwort wählen");
  await phone.close();

  // The closed demo survey's results: suppressed cells, methodology, example note.
  await page.goto("/t/aachen/verwaltung/oeffnung/befragungen");
  await page.getByRole("link", { name: /Beschäftigtenbefragung Fachbereich 56/ }).click();
  await page.getByRole("link", { name: "Ergebnisse" }).click();
  await expect(page.getByRole("heading", { name: "Methodik" })).toBeVisible();
  await expect(page.getByText("Beispieldaten").first()).toBeVisible();
  await expectNoAxeViolations(page);
  await page.setViewportSize({ width: 320, height: 700 });
  await expectNoOverflow(page);
  await expectNoAxeViolations(page);
});
