import { test, expect, login } from "./fixtures";
import type { Page } from "@playwright/test";

/** The staff page of the first measure in Aachen's list (a link ending in the measure's id). */
async function openMeasure(page: Page) {
  await page.goto("/t/aachen/verwaltung/massnahmen");
  const hrefs = await page
    .locator('main a[href*="/verwaltung/massnahmen/"]')
    .evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
  const href = hrefs.find((h) => /\/massnahmen\/[0-9a-f-]{36}(\?|$)/.test(h));
  expect(href, "a measure in the list").toBeDefined();
  await page.goto(href!);
}

// Issue 18 item 7: after every action the keyboard focus is where the answer is – the heading of the
// new page, or the message (announced by its role) – and a saved form does not invite a duplicate.

test("after login the focus is on the new page's heading", async ({ page }) => {
  await login(page, "editor.aachen@example.org");
  await expect(page.getByRole("heading", { level: 1 })).toBeFocused();
});

test("after saving a measure the focus is on the success message", async ({ page }) => {
  await login(page, "editor.aachen@example.org");
  await openMeasure(page);
  await page.getByRole("link", { name: "Maßnahme bearbeiten" }).click();
  await page.getByRole("button", { name: "Speichern" }).press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "Die Maßnahme wurde gespeichert." })).toBeFocused();
});

test("a saved milestone empties its form, and neither a quick second Enter nor a later one makes a duplicate", async ({
  page,
}) => {
  await login(page, "editor.aachen@example.org");
  await openMeasure(page);
  const title = page.getByLabel("Bezeichnung des Meilensteins");
  const due = page.getByLabel("Fällig am");
  const name = `Fokus-Probe ${Date.now()}`;
  await title.fill(name);
  // A date the measure accepts (within its term): that of a milestone it already has.
  const listed = await page
    .getByRole("region", { name: "Meilensteine", exact: true })
    .locator("li")
    .first()
    .textContent();
  const date = listed?.match(/\d\d\.\d\d\.\d{4}/)?.[0];
  expect(date, "the measure has a milestone with its date").toBeDefined();
  await due.fill(date!);
  // Twice, as an impatient user does: the second must not submit while the first is under way. The
  // second goes to wherever focus is by then (the keyboard's, not a locator's press, which would
  // first focus the field again – on a busy machine that of the form already emptied).
  await due.press("Enter");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "Der Meilenstein wurde angelegt." })).toBeFocused();
  await expect(title).toHaveValue("");
  await expect(due).toHaveValue("");
  await due.press("Enter");
  await page.reload();
  await expect(
    page.getByRole("region", { name: "Meilensteine", exact: true }).locator("li").filter({ hasText: name }),
  ).toHaveCount(1);
});

test("a page's own POST form (PostForm) ignores a quick second Enter and starts afresh after success", async ({
  page,
}) => {
  await login(page, "editor.aachen@example.org");
  await page.goto("/t/aachen/verwaltung/organisationen");
  const name = page.getByLabel("Name", { exact: true });
  const title = `Doppel-Probe ${Date.now()}`;
  await name.fill(title);
  await page.getByLabel("Art", { exact: true }).selectOption({ index: 1 });
  // Without the guard the second Enter submits the same name again: a second organisation, or the
  // page says it exists.
  await name.press("Enter");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "Die Organisation ist angelegt." })).toBeVisible();
  await expect(page.getByText("Eine Organisation mit diesem Namen gibt es schon.")).toHaveCount(0);
  await expect(name).toHaveValue("");
  await page.reload();
  await expect(page.getByRole("rowheader", { name: title })).toHaveCount(1);
});
