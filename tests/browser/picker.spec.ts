import { test, expect, expectNoAxeViolations, expectNoOverflow, login } from "./fixtures";
import type { Page } from "@playwright/test";

// Issue 18 item 5: a long check-box list (the measure's partner organisations) is a searchable
// multi-select. The search narrows what is shown and never what is chosen: a ticked box the search
// hides stays ticked and is saved. Without JavaScript the whole list is there and the form works.

const FORM = "/t/koeln/verwaltung/massnahmen/neu?lang=de";
const PARTNERS = 'input[name="partnerOrganisationIds"]';

/** The labels of the partner check boxes, in order. */
const partnerLabels = (page: Page) =>
  page
    .locator(PARTNERS)
    .evaluateAll((boxes) => boxes.map((b) => (b as HTMLInputElement).labels?.[0]?.textContent?.trim() ?? ""));

/** Fills what the form requires besides the partners. */
async function fillRequired(page: Page, code: string) {
  await page.locator("#f-code").fill(code);
  await page.locator("#f-title").fill(`Auswahltest ${code}`);
  const goals = await page
    .locator("#f-goalIds option")
    .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
  await page.locator("#f-goalIds").selectOption(goals[0]);
}

/** The partners the saved measure's page names. */
async function savedPartners(page: Page) {
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Auswahltest");
  return page.locator("dt", { hasText: /^Partnerorganisationen$/ }).locator("xpath=following-sibling::dd[1]");
}

test("the search narrows the partner list, a hidden ticked box stays ticked and is saved", async ({ page }) => {
  await login(page, "editor.koeln@example.org");
  await page.goto(FORM);
  const search = page.getByLabel("Suchen in: Partnerorganisationen");
  // The search field exists only once the page runs JavaScript.
  await expect(search).toBeVisible();
  const labels = await partnerLabels(page);
  expect(labels.length, labels.join(" | ")).toBeGreaterThanOrEqual(11);
  const [first, last] = [labels[0], labels[labels.length - 1]];
  const list = page.locator("#f-partnerOrganisationIds-list");
  await expect(page.locator("#f-partnerOrganisationIds")).toContainText("Noch nichts ausgewählt.");

  // Keyboard: the search comes before the list, the list's box is the next stop, then the boxes.
  await search.focus();
  await page.keyboard.press("Tab");
  await expect(list).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.getByLabel(first, { exact: true })).toBeFocused();
  await page.keyboard.press("Space");
  await expect(page.getByLabel(first, { exact: true })).toBeChecked();

  // Case and umlauts do not matter: the last one's name typed in lower case without them.
  const query = last.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "");
  await search.fill(query);
  await expect(page.getByRole("status").filter({ hasText: /von \d+ Einträgen/ })).toContainText(
    `von ${labels.length} Einträgen`,
  );
  const visible = list.locator(`${PARTNERS}:visible`);
  expect(await visible.count()).toBeLessThan(labels.length);
  await expect(page.getByLabel(last, { exact: true })).toBeVisible();
  // Hidden, still chosen, and still named above the list.
  await expect(page.getByLabel(first, { exact: true })).toBeHidden();
  await expect(page.getByLabel(first, { exact: true })).toBeChecked();
  await page.getByLabel(last, { exact: true }).check();
  await expect(page.locator(".picker__summary").last()).toContainText("2 ausgewählt:");
  await expect(page.locator(".picker__summary").last()).toContainText(first);
  await expectNoAxeViolations(page);

  // Enter in the search does not submit the form.
  await search.press("Enter");
  await expect(page).toHaveURL(/massnahmen\/neu/);
  await search.fill("zzzz-nichts");
  await expect(page.getByRole("status").filter({ hasText: "Kein Eintrag passt" })).toBeVisible();

  await fillRequired(page, `AW-${Date.now()}`);
  await page.getByRole("button", { name: "Speichern" }).click();
  const dd = await savedPartners(page);
  await expect(dd).toContainText(first);
  await expect(dd).toContainText(last);

  // At 320 px the form does not scroll sideways.
  await page.setViewportSize({ width: 320, height: 700 });
  await page.goto(FORM);
  await expect(search).toBeVisible();
  await expectNoOverflow(page);
});

test("without JavaScript the whole list is there and the form saves the chosen partners", async ({ browser }) => {
  const ctx = await browser.newContext({ javaScriptEnabled: false, locale: "de-DE" });
  const page = await ctx.newPage();
  try {
    await login(page, "editor.koeln@example.org");
    await page.goto(FORM);
    await expect(page.getByRole("heading", { level: 1, name: "Neue Maßnahme anlegen" })).toBeVisible();
    await expect(page.getByLabel("Suchen in: Partnerorganisationen")).toHaveCount(0);
    const labels = await partnerLabels(page);
    expect(labels.length).toBeGreaterThanOrEqual(11);
    await expect(page.locator(`${PARTNERS}:visible`)).toHaveCount(labels.length);
    const chosen = labels[labels.length - 2];
    await page.getByLabel(chosen, { exact: true }).check();
    await fillRequired(page, `AO-${Date.now()}`);
    await page.getByRole("button", { name: "Speichern" }).click();
    await expect(await savedPartners(page)).toContainText(chosen);
  } finally {
    await ctx.close();
  }
});

test("the areas of a measure: Stadtteile under their Stadtbezirk, told apart by words, and searchable", async ({
  page,
}) => {
  await login(page, "editor.koeln@example.org");
  await page.goto("/t/koeln/verwaltung/massnahmen?lang=de");
  const hrefs = await page
    .locator('a[href*="/verwaltung/massnahmen/"]')
    .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).pathname));
  const id = hrefs.map((h) => /massnahmen\/([0-9a-f-]{36})$/.exec(h)?.[1]).find(Boolean);
  await page.goto(`/t/koeln/verwaltung/steuerung/massnahme/${id}?lang=de`);
  const group = page.getByRole("group", { name: "Stadtbezirk Chorweiler", exact: true });
  await expect(group.getByLabel("Stadtbezirk Chorweiler insgesamt")).toHaveAttribute("value", "stadtbezirk:6");
  await expect(group.getByLabel("Chorweiler", { exact: true })).toHaveAttribute("value", /^stadtteil:6/);
  const search = page.getByLabel("Suchen in: Gebiete, in denen die Maßnahme wirkt");
  await search.fill("chorweiler");
  await expect(group).toBeVisible();
  await expect(page.getByRole("group", { name: "Stadtbezirk Porz", exact: true })).toBeHidden();
  await expectNoAxeViolations(page);
  await page.setViewportSize({ width: 320, height: 700 });
  await expectNoOverflow(page);
});
