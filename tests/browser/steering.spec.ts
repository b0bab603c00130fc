import { test, expect, expectNoAxeViolations, expectNoOverflow, login } from "./fixtures";

test.use({ locale: "de-DE" });

// The pages that close the cycle (issue 13): the controlling dashboard with its filters, the public
// accountability page, the tenant's Handlungsfelder, the monitoring report form, an indicator's
// definition, and the Land's comparison by declared definition – no axe violations, no sideways
// scrolling at 320 px, and the dashboard's search works by keyboard alone.

const PUBLIC = ["/t/koeln/rechenschaft", "/t/nrw/monitoring/vergleich?indikator=mh_anteil"];
const STAFF = [
  "/t/koeln/verwaltung/steuerung",
  "/t/koeln/verwaltung/handlungsfelder",
  "/t/koeln/verwaltung/monitoring/bericht",
  "/t/koeln/verwaltung/monitoring/indikator/einwohner_mh",
];

test("cycle pages: axe-clean and 320 px, public and as admin", async ({ page }) => {
  for (const path of PUBLIC) {
    await page.goto(path);
    await expectNoAxeViolations(page);
  }
  await login(page, "admin.koeln@example.org");
  for (const path of STAFF) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(200);
    await expectNoAxeViolations(page);
  }
  await page.setViewportSize({ width: 320, height: 700 });
  for (const path of [...PUBLIC, ...STAFF]) {
    await page.goto(path);
    await expectNoOverflow(page);
  }
});

test("the controlling dashboard's search by keyboard: the filter lands in the address", async ({ page }) => {
  await login(page, "viewer.koeln@example.org");
  await page.goto("/t/koeln/verwaltung/steuerung");
  const search = page.locator('input[name="suche"]');
  await search.waitFor();
  const handle = await search.elementHandle();
  let reached = false;
  for (let i = 0; i < 400 && !reached; i++) {
    await page.keyboard.press("Tab");
    reached = await page.evaluate((el) => document.activeElement === el, handle);
  }
  expect(reached).toBe(true);
  await page.keyboard.type("Sprach");
  await page.keyboard.press("Enter");
  await page.waitForURL(/suche=Sprach/);
  await expect(search).toHaveValue("Sprach");
  await expectNoAxeViolations(page);
});
