import { test, expect, expectNoAxeViolations, expectNoOverflow } from "./fixtures";

// Issue 17 item 6: every module's public pages come in the public languages and in Leichte Sprache
// (an interface of its own, tagged de-x-ls, with the note that no Prüfgruppe has checked it yet).
// Zero axe violations and no horizontal scrolling at 320 px, in Leichte Sprache and right-to-left.

const FIXED = [
  "/t/aachen",
  "/t/aachen/angebote",
  "/t/aachen/konzept",
  "/t/aachen/monitoring",
  "/t/aachen/monitoring/ziele",
  "/t/aachen/rechenschaft",
  "/t/aachen/siegel",
  "/t/aachen/befragung",
  "/t/aachen/werkstatt",
  "/t/aachen/barrierefreiheit",
];

/** The fixed pages and one detail page each of the atlas and the concept, found by their links. */
async function publicPages(page: import("@playwright/test").Page): Promise<string[]> {
  const first = async (list: string, pattern: RegExp) => {
    await page.goto(list);
    const hrefs = await page.locator("main a[href]").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
    return hrefs.find((h) => pattern.test(h))!;
  };
  return [
    ...FIXED,
    await first("/t/aachen/angebote", /^\/t\/aachen\/angebote\/[0-9a-f-]{36}$/),
    await first("/t/aachen/konzept", /^\/t\/aachen\/konzept\/massnahmen\/[0-9a-f-]{36}$/),
  ];
}

test("every public page in Leichte Sprache: tagged de-x-ls, marked as not yet checked, no axe violations, 320 px", async ({
  page,
}) => {
  const pages = await publicPages(page);
  await page.goto("/t/aachen?lang=ls");
  for (const path of pages) {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(path);
    await expect(page.locator("html")).toHaveAttribute("lang", "de-x-ls");
    await expect(page.getByText("Eine Prüf·gruppe hat die Texte noch nicht geprüft.")).toBeVisible();
    await expectNoAxeViolations(page);
    await page.setViewportSize({ width: 320, height: 800 });
    await expectNoOverflow(page);
  }
});

test("every public page in Arabic and Ukrainian: the whole page in that language, no axe violations, 320 px", async ({
  page,
}) => {
  const pages = await publicPages(page);
  for (const [lang, dir, word] of [
    ["ar", "rtl", /[\u0600-\u06FF]/],
    ["uk", "ltr", /[\u0400-\u04FF]/],
  ] as const) {
    await page.goto(`/t/aachen?lang=${lang}`);
    for (const path of pages) {
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(path);
      await expect(page.locator("html")).toHaveAttribute("lang", lang);
      await expect(page.locator("html")).toHaveAttribute("dir", dir);
      // The page's own words are in the language (its content may stay German).
      await expect(page.locator("main")).toContainText(word);
      await expectNoAxeViolations(page);
      await page.setViewportSize({ width: 320, height: 800 });
      await expectNoOverflow(page);
    }
  }
});
