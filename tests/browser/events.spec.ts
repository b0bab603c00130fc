import { test, expect, expectNoAxeViolations, expectNoOverflow, login } from "./fixtures";

// Events (issue 12 item 2, decision 0029): an editor creates a volunteers' event in working hours and
// sees the warning; a visitor registers on the public page; the staff page lists them. Every page is
// free of axe violations, also at 320 px.
test.use({ locale: "de-DE" });

test("events: staff list and form, event page, public registration and cancellation, without axe violations", async ({
  page,
  browser,
}) => {
  await login(page, "editor.aachen@example.org");
  await page.goto("/t/aachen/verwaltung");
  await page.getByRole("navigation", { name: "Verwaltung" }).getByRole("link", { name: "Veranstaltungen" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Veranstaltungen" })).toBeVisible();
  await expectNoAxeViolations(page);

  const year = new Date().getFullYear() + 1;
  await page.getByLabel("Titel").fill("Austausch Ehrenamt am Vormittag");
  await page.getByLabel("Datum").fill(`${year}-03-10`);
  await page.getByLabel("Beginn (Uhrzeit)").fill("10:00");
  await page.getByLabel("Ende (Uhrzeit)").fill("12:00");
  await page.getByLabel("Ort (Adresse)").fill("Haus der Integration, Aachen");
  await page.getByLabel("Plätze").fill("1");
  await page.getByLabel("Zielgruppe").selectOption("volunteers");
  await page.getByLabel("Kinderbetreuung").check();
  await page.getByLabel("Gleich veröffentlichen (mit Anmeldung)").check();
  await page.getByRole("button", { name: "Veranstaltung anlegen" }).click();
  await expect(page.getByText("Die Veranstaltung ist angelegt.")).toBeVisible();
  await expect(page.getByText(/liegt in der üblichen Arbeitszeit/)).toBeVisible();
  await expectNoAxeViolations(page);
  const staffPage = page.url().replace(/\?.*$/, "");

  // A visitor without an account registers.
  const visitorContext = await browser.newContext();
  const visitor = await visitorContext.newPage();
  await visitor.goto(staffPage.replace("/verwaltung", ""));
  await expect(visitor.getByText("Noch 1 Platz frei.")).toBeVisible();
  await expectNoAxeViolations(visitor);
  await visitor.getByLabel("Name").fill("Rana Beispiel");
  await visitor.getByLabel("E-Mail-Adresse").fill("rana@example.org");
  await visitor.getByLabel("Art der Organisation (freiwillig)").selectOption("migrant_organisation");
  await visitor.getByLabel("Ich bin mit dieser Verwendung meiner Angaben einverstanden.").check();
  await visitor.getByRole("button", { name: "Anmelden" }).click();
  await expect(visitor.getByText(/Sie sind angemeldet/)).toBeVisible();
  await expectNoAxeViolations(visitor);
  await visitorContext.close();

  await page.goto(staffPage);
  await expect(page.getByText(/Rana Beispiel/)).toBeVisible();
  await expectNoAxeViolations(page);

  await page.setViewportSize({ width: 320, height: 800 });
  for (const path of ["/t/aachen/verwaltung/veranstaltungen", staffPage, staffPage.replace("/verwaltung", "")]) {
    await page.goto(path);
    await expectNoOverflow(page);
    await expectNoAxeViolations(page);
  }
});
