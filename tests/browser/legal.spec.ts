import { test, expect, expectNoAxeViolations, expectNoOverflow, login, type } from "./fixtures";

// Issue 17 item 3 in the browser: the footer leads to the tenant's accessibility statement, whose
// feedback form works by keyboard alone; the legal pages and their edit page have no axe violations
// and reflow at 320 px.

test("the footer leads to the statement, and feedback is sent by keyboard alone", async ({ page }) => {
  await page.goto("/t/aachen");
  await page.getByRole("contentinfo").getByRole("link", { name: "Barrierefreiheit" }).click();
  await expect(page).toHaveURL(/\/t\/aachen\/barrierefreiheit$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Erklärung zur Barrierefreiheit");
  await expectNoAxeViolations(page);
  const message = page.getByLabel("Ihre Nachricht");
  await message.focus();
  await type(message, "Die Karte lässt sich nicht mit der Tastatur verschieben.");
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Betroffene Seite (freiwillig)")).toBeFocused();
  await page.keyboard.type("/t/aachen/angebote");
  await page.keyboard.press("Enter");
  await expect(page.getByText("Danke. Ihre Rückmeldung wurde weitergeleitet.")).toBeVisible();
  await expectNoAxeViolations(page);

  await page.setViewportSize({ width: 320, height: 800 });
  for (const path of ["/t/aachen/impressum", "/t/aachen/barrierefreiheit", "/datenschutz"]) {
    await page.goto(path);
    await expectNoOverflow(page);
  }
});

test("an admin edits the legal pages; the edit page has no axe violations", async ({ page }) => {
  await login(page, "admin.aachen@example.org");
  await page.goto("/t/aachen/verwaltung/rechtliches");
  await expect(page.getByRole("heading", { level: 1, name: "Rechtliche Angaben" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.setViewportSize({ width: 320, height: 800 });
  await expectNoOverflow(page);
});

test("the glossary is reached from the footer, has no axe violations and reflows at 320 px", async ({ page }) => {
  await page.goto("/t/aachen");
  await page.getByRole("contentinfo").getByRole("link", { name: "Begriffe erklärt" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Begriffe" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.goto("/begriffe?lang=en");
  await expectNoAxeViolations(page);
  await page.setViewportSize({ width: 320, height: 800 });
  await expectNoOverflow(page);
});
