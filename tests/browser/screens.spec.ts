import fs from "node:fs";
import path from "node:path";
import { test, expect, expectNoOverflow, login } from "./fixtures";
import { MAIN_PAGES, openMainPage } from "./main-pages";

// Issue 18: the 20 main pages at 320 px reflow without sideways scrolling of the page (WCAG 1.4.10; wide
// tables scroll in their own box), and their screenshots at 1280 and 360 px. With UPDATE_SCREENS=1 the
// screenshots are written to docs/screens/, so people can see the product without running it; otherwise
// they go to the test's output folder only.
const SCREENS = path.resolve("docs/screens");
const SIZES = [
  { name: "1280", width: 1280, height: 800 },
  { name: "360", width: 360, height: 780 },
];

const byLogin = new Map<string | undefined, typeof MAIN_PAGES>();
for (const p of MAIN_PAGES) byLogin.set(p.as, [...(byLogin.get(p.as) ?? []), p]);

for (const [as, pages] of byLogin) {
  test(`main pages ${as ?? "without login"}: reflow at 320 px and screenshots`, async ({ page }, info) => {
    if (as) await login(page, as);
    for (const p of pages) {
      await page.setViewportSize({ width: 320, height: 700 });
      const url = await openMainPage(page, p);
      await expect(page.locator("h1").first(), p.name).toBeVisible();
      await expectNoOverflow(page);
      for (const size of SIZES) {
        await page.setViewportSize({ width: size.width, height: size.height });
        await page.goto(url);
        await page.waitForLoadState("load");
        // Charts and maps say when they have drawn (data-ready); the screenshot waits for them.
        await page.waitForFunction(() =>
          [...document.querySelectorAll("[data-ready]")].every((e) => e.getAttribute("data-ready") === "true"),
        );
        const file = `${p.name}-${size.name}.png`;
        const shot = await page.screenshot({ path: info.outputPath(file) });
        if (process.env.UPDATE_SCREENS === "1") {
          fs.mkdirSync(SCREENS, { recursive: true });
          fs.writeFileSync(path.join(SCREENS, file), shot);
        }
      }
    }
  });
}
