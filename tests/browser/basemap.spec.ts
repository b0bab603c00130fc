import { test, expect, expectNoAxeViolations } from "./fixtures";

// Decision 0050: without a base map file the atlas map draws the tenant's Stadtteil outlines with
// their names, and asks no other host for anything (no tile server).
test.use({ locale: "de-DE" });

test("Köln's map shows the Stadtteil outlines and names without any tile server, no axe violations", async ({
  page,
  baseURL,
}) => {
  const foreign: string[] = [];
  const problems: string[] = [];
  page.on("request", (r) => {
    if (!r.url().startsWith(baseURL!) && !/^(data|blob):/.test(r.url())) foreign.push(r.url());
  });
  page.on("pageerror", (e) => problems.push(e.message));
  await page.goto("/t/koeln/angebote/karte");
  await expect(page.getByText("Ohne Grundkarte zeigt die Karte zur Orientierung")).toBeVisible();
  const map = page.locator(".atlas-map");
  await expect(map).toHaveAttribute("data-ready", "true", { timeout: 60_000 });
  // Outline pieces MapLibre actually rendered (queryRenderedFeatures on the line layer).
  expect(Number(await map.getAttribute("data-outlines"))).toBeGreaterThan(20);
  // One name per Stadtteil; they appear once zoomed in far enough.
  await expect(page.locator(".atlas-map__label")).toHaveCount(86);
  const altstadt = page.locator(".atlas-map__label", { hasText: "Altstadt/Nord" });
  await page.locator(".atlas-map").hover();
  const shown = () =>
    altstadt.waitFor({ state: "visible", timeout: 3000 }).then(
      () => true,
      () => false,
    );
  for (let i = 0; i < 4 && !(await shown()); i++) await page.locator(".maplibregl-ctrl-zoom-in").click();
  await expect(altstadt).toBeVisible();
  // The list stays the page's content for everyone.
  await expect(page.getByRole("heading", { level: 2, name: "Orte als Liste" })).toBeVisible();
  expect(foreign).toEqual([]);
  expect(problems).toEqual([]);
  await expectNoAxeViolations(page);
});
