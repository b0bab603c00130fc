import { test, expect, expectNoAxeViolations } from "./fixtures";

// Issue 18: on a phone the atlas showed eight filters before the first result. There they now fold
// behind one button that says how many are set, and fold again after each search; wide screens and
// pages without JavaScript show them open.

const PHONE = { width: 360, height: 740 };

test("on a phone the atlas filters fold behind one button, open by keyboard, and say how many are set", async ({
  page,
}) => {
  await page.setViewportSize(PHONE);
  await page.goto("/t/aachen/angebote");
  const search = page.getByRole("search", { name: "Filter" });
  const toggle = search.locator("summary");
  const field = page.getByLabel("Deutschkenntnisse");
  await expect(field).toBeHidden();
  await expect(toggle).toHaveText("Filter");
  // No filter stands between the search field and the first result any more (there were eight).
  await expect(page.locator(".atlas-result").first()).toBeVisible();
  await expect(page.locator("select:visible")).toHaveCount(0);
  await expectNoAxeViolations(page);

  await toggle.focus();
  await page.keyboard.press("Enter");
  await expect(field).toBeVisible();
  await field.selectOption("little");
  await page.getByRole("button", { name: "Suchen" }).click();
  await expect(page).toHaveURL(/deutsch=little/);
  await expect(field).toBeHidden();
  await expect(toggle).toHaveText("Filter (1 gesetzt)");
  await expect(field).toHaveValue("little");

  await page.setViewportSize({ width: 1280, height: 800 });
  await expect(toggle).toBeHidden();
  await expect(field).toBeVisible();
});

test("without JavaScript the atlas filters stay open on a phone", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: PHONE, locale: "de-DE", baseURL });
  const page = await context.newPage();
  await page.goto("/t/aachen/angebote");
  await expect(page.getByLabel("Deutschkenntnisse")).toBeVisible();
  await context.close();
});
