import { test, expect, expectNoAxeViolations, login } from "./fixtures";

// Issue 18 item 5: at 320–360 px the staff pages began a screen down, below a menu of 10 to 13 links.
// On a phone the menu now folds behind "Menü" once the page runs, and again after a page is chosen
// from it; it opens by keyboard. Wide screens always show it; without JavaScript it stays open.

const PHONE = { width: 360, height: 740 };

test("the staff menu folds away on a phone, opens by keyboard and folds again after a choice", async ({ page }) => {
  await page.setViewportSize(PHONE);
  await login(page, "editor.aachen@example.org");
  await page.goto("/t/aachen/verwaltung/massnahmen");
  const nav = page.getByRole("navigation", { name: "Verwaltung", exact: true });
  const toggle = nav.locator("summary");
  const link = nav.getByRole("link", { name: "Organisationen" });
  await expect(link).toBeHidden();
  await expect(toggle).toBeVisible();
  // The page's own heading is on the first screen now.
  const heading = await page.getByRole("heading", { level: 1 }).boundingBox();
  expect(heading!.y + heading!.height).toBeLessThan(PHONE.height);
  await expectNoAxeViolations(page);

  await toggle.focus();
  await page.keyboard.press("Enter");
  await expect(link).toBeVisible();
  await expectNoAxeViolations(page);
  await link.focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/verwaltung\/organisationen$/);
  await expect(link).toBeHidden();

  // Wide again: no toggle, the whole menu.
  await page.setViewportSize({ width: 1280, height: 800 });
  await expect(toggle).toBeHidden();
  await expect(link).toBeVisible();
});

test("without JavaScript the staff menu stays open on a phone", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: PHONE, locale: "de-DE", baseURL });
  const page = await context.newPage();
  await login(page, "editor.aachen@example.org");
  await page.goto("/t/aachen/verwaltung/massnahmen");
  const nav = page.getByRole("navigation", { name: "Verwaltung", exact: true });
  await expect(nav.getByRole("link", { name: "Organisationen" })).toBeVisible();
  await context.close();
});
