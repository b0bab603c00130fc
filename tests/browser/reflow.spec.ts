import { test, expectNoOverflow, login } from "./fixtures";

// WCAG 1.4.10 (reflow): at 320 px no page scrolls sideways. The pages that did (the public measure
// page's facts, the staff concept page's goal tree) and their neighbours, anonymous and as editor.
// Wide tables scroll inside their own box and do not count.
test("public and staff pages fit a 320 px screen", async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 700 });
  await page.goto("/t/aachen/konzept");
  const measure = await page.locator('a[href*="/konzept/massnahmen/"]').first().getAttribute("href");
  for (const path of [measure!, "/t/aachen/konzept", "/t/aachen/werkstatt", "/t/aachen/angebote"]) {
    await page.goto(path);
    await expectNoOverflow(page);
  }
  await login(page, "editor.aachen@example.org");
  for (const path of [
    "/t/aachen/verwaltung/konzept",
    "/t/aachen/verwaltung/massnahmen",
    "/t/aachen/verwaltung/beteiligung",
    "/t/aachen/verwaltung/vorlagen",
    "/t/aachen/verwaltung/gremien",
    "/t/aachen/verwaltung/veranstaltungen",
  ]) {
    await page.goto(path);
    await expectNoOverflow(page);
  }
});
