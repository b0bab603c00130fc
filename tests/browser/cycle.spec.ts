import type { Locator, Page } from "@playwright/test";
import { test, expect, expectNoAxeViolations, login } from "./fixtures";

test.use({ locale: "de-DE" });

// The newcomer's walk through the management cycle on the Köln demo, by keyboard only: from the
// start page to the goals with their attainment, a goal's indicator with its chart, then a measure of
// the concept, the Stadtteil it works in, and an offer there. Every page without axe violations.

/** Tabs forward until the element has the focus (as a keyboard user would), then presses Enter. */
async function tabToAndEnter(page: Page, target: Locator, max = 600) {
  await target.waitFor();
  const handle = await target.elementHandle();
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate((el) => document.activeElement === el, handle)) {
      await page.keyboard.press("Enter");
      return;
    }
  }
  throw new Error(`could not reach ${target} with ${max} tabs`);
}

test("Köln: start page → goal attainment → indicator chart → measure → Stadtteil → offer", async ({ page }) => {
  await page.goto("/t/koeln");
  await expectNoAxeViolations(page);

  await tabToAndEnter(page, page.getByRole("link", { name: "Zielerreichung" }).first());
  await page.waitForURL(/\/t\/koeln\/rechenschaft$/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByText("nicht auf Kurs").first()).toBeVisible();
  await expectNoAxeViolations(page);

  await tabToAndEnter(page, page.locator(".steering-targets a").first());
  await page.waitForURL(/\/monitoring\/indikator\//);
  await expect(page.locator(".chart").first()).toHaveAttribute("data-ready", "true");
  await expectNoAxeViolations(page);

  // Back to the goals (the browser's back, Alt+← for a keyboard user), on to the concept's measures.
  await page.goBack();
  await page.waitForURL(/\/t\/koeln\/rechenschaft$/);
  await tabToAndEnter(page, page.getByRole("link", { name: "Zum Integrationskonzept mit allen Maßnahmen" }));
  await page.waitForURL(/\/t\/koeln\/konzept$/);
  await expectNoAxeViolations(page);

  // The concept's Leitziele are collapsed (issue 18): open the one that holds the measure, by keyboard.
  const measure = "Einbürgerungsberatung im Bezirksrathaus Chorweiler";
  const leitziel = page
    .locator("details.concept-leitziel")
    .filter({ has: page.getByRole("link", { name: measure, includeHidden: true }) })
    .first();
  await tabToAndEnter(page, leitziel.locator("summary"));
  await expect(leitziel).toHaveAttribute("open", "");
  await tabToAndEnter(page, page.getByRole("link", { name: measure }).first());
  await page.waitForURL(/\/konzept\/massnahmen\//);
  await expectNoAxeViolations(page);

  await tabToAndEnter(page, page.getByRole("link", { name: "Chorweiler", exact: true }).first());
  await page.waitForURL(/\/monitoring\/gebiet\/stadtteil\/609$/);
  await expect(page.getByRole("heading", { name: "Maßnahmen und Angebote in Chorweiler" })).toBeVisible();
  await expect(page.getByRole("link", { name: /Einbürgerungsberatung im Bezirksrathaus Chorweiler/ })).toBeVisible();
  await expectNoAxeViolations(page);

  await tabToAndEnter(page, page.getByRole("link", { name: "Deutschkurs mit Kinderbetreuung in Chorweiler" }));
  await page.waitForURL(/\/t\/koeln\/angebote\/[0-9a-f-]{36}/);
  await expect(
    page.getByRole("heading", { level: 1, name: "Deutschkurs mit Kinderbetreuung in Chorweiler" }),
  ).toBeVisible();
  await expectNoAxeViolations(page);
});

test("a Land's overview of its municipalities' concepts and a Kreis's guide have no axe violations", async ({
  page,
}) => {
  await page.goto("/t/staedteregion-aachen/angebote?q=Deutschkurs");
  await expect(page.getByText("Stadt Aachen").first()).toBeVisible();
  await expectNoAxeViolations(page);
  await login(page, "viewer.nrw@example.org");
  await page.goto("/t/nrw/verwaltung/steuerung/kommunen");
  await expect(page.getByRole("heading", { level: 1, name: "Integrationskonzepte der Kommunen" })).toBeVisible();
  await expectNoAxeViolations(page);
});
