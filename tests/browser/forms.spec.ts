import { test, expect, login } from "./fixtures";
import type { Page } from "@playwright/test";

// A staff form that fails validation shows the error and keeps every value the user typed – as the
// server-rendered answer of the action without JavaScript, and in place with JavaScript.
const FORM = "/t/aachen/verwaltung/massnahmen/neu";

async function fillMeasure(page: Page) {
  await page.goto(`${FORM}?lang=de`);
  await expect(page.getByRole("heading", { level: 1, name: "Neue Maßnahme anlegen" })).toBeVisible();
  // No code: the one mistake.
  await page.locator("#f-title").fill("Sprachcafé für Eltern");
  await page.locator("#f-description").fill("Wöchentlich im Familienzentrum Nord.");
  const goals = await page
    .locator("#f-goalIds option")
    .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
  await page.locator("#f-goalIds").selectOption(goals[0]);
  await page.locator("#f-goalIds-1").selectOption(goals[2]);
  const hf = page.locator('input[name="handlungsfeldIds"]').nth(1);
  await hf.check();
  const leads = await page
    .locator("#f-leadOrganisationId option")
    .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
  await page.locator("#f-leadOrganisationId").selectOption(leads[0]);
  const partner = page.locator('input[name="partnerOrganisationIds"]').nth(1);
  await partner.check();
  await page.locator("#f-targetGroups").fill("Eltern mit kleinen Kindern");
  await page.locator("#f-startsOn").fill("01.09.2026");
  await page.locator("#f-endsOn").fill("31.08.2027");
  await page.locator("#f-quantitativeTarget").fill("40 Familien");
  await page.locator("#f-budget").fill("12.500,50");
  await page.locator("#f-progress").fill("10");
  await page.locator("#f-internalNote").fill("Raum noch offen");
  await page.getByRole("button", { name: "Speichern" }).click();
  return { goals, lead: leads[0] };
}

async function expectKept(page: Page, { goals, lead }: { goals: string[]; lead: string }) {
  await expect(page.getByRole("alert").filter({ hasText: "Bitte korrigieren Sie" })).toBeVisible();
  await expect(page.locator("#f-code-error")).toHaveText("Bitte eine Kennung angeben.");
  await expect(page.locator("#f-title")).toHaveValue("Sprachcafé für Eltern");
  await expect(page.locator("#f-description")).toHaveValue("Wöchentlich im Familienzentrum Nord.");
  await expect(page.locator("#f-goalIds")).toHaveValue(goals[0]);
  await expect(page.locator("#f-goalIds-1")).toHaveValue(goals[2]);
  await expect(page.locator('input[name="handlungsfeldIds"]').nth(1)).toBeChecked();
  await expect(page.locator('input[name="handlungsfeldIds"]').nth(0)).not.toBeChecked();
  await expect(page.locator("#f-leadOrganisationId")).toHaveValue(lead);
  await expect(page.locator('input[name="partnerOrganisationIds"]').nth(1)).toBeChecked();
  await expect(page.locator("#f-targetGroups")).toHaveValue("Eltern mit kleinen Kindern");
  await expect(page.locator("#f-startsOn")).toHaveValue("01.09.2026");
  await expect(page.locator("#f-endsOn")).toHaveValue("31.08.2027");
  await expect(page.locator("#f-quantitativeTarget")).toHaveValue("40 Familien");
  await expect(page.locator("#f-budget")).toHaveValue("12.500,50");
  await expect(page.locator("#f-progress")).toHaveValue("10");
  await expect(page.locator("#f-internalNote")).toHaveValue("Raum noch offen");
}

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a rejected measure form comes back with the error and every typed value", async ({ page }) => {
    await page.goto("/?lang=de");
    await login(page, "editor.aachen@example.org");
    const chosen = await fillMeasure(page);
    // The browser really navigated: the page is the action's server-rendered answer.
    await page.waitForLoadState("load");
    await expectKept(page, chosen);
  });
});

test.describe("with JavaScript", () => {
  test("a rejected measure form shows the error and keeps every typed value", async ({ page }) => {
    await page.goto("/?lang=de");
    await login(page, "editor.aachen@example.org");
    const chosen = await fillMeasure(page);
    await expectKept(page, chosen);
  });
});
