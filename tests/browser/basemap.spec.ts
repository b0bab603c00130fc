import fs from "node:fs";
import path from "node:path";
import { test, expect, expectNoAxeViolations } from "./fixtures";
import { pmtilesArchive } from "../support/pmtiles";

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

// A vector tile with one empty layer "earth" (protobuf: layer{name, extent 4096, version 2}).
const EMPTY_EARTH = Buffer.from([0x1a, 0x0c, 0x0a, 0x05, ...Buffer.from("earth"), 0x28, 0x80, 0x20, 0x78, 0x02]);

test("a tenant's own base map (PMTiles) is read from the app with byte ranges, under the outlines; no axe violations", async ({
  page,
  baseURL,
}) => {
  // playwright.config.ts hands the server BASEMAP_DIR=.tmp/browser-basemaps; it looks at request time.
  fs.mkdirSync(".tmp/browser-basemaps", { recursive: true });
  fs.writeFileSync(path.join(".tmp/browser-basemaps", "staedteregion-aachen.pmtiles"), pmtilesArchive(EMPTY_EARTH));
  const foreign: string[] = [];
  const problems: string[] = [];
  const statuses: number[] = [];
  page.on("request", (r) => {
    if (!r.url().startsWith(baseURL!) && !/^(data|blob):/.test(r.url())) foreign.push(r.url());
  });
  page.on("response", (r) => {
    if (r.url().endsWith("/grundkarte/staedteregion-aachen.pmtiles")) statuses.push(r.status());
  });
  page.on("pageerror", (e) => problems.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(m.text());
  });
  await page.goto("/t/staedteregion-aachen/angebote/karte");
  await expect(page.locator(".atlas-map")).toHaveAttribute("data-ready", "true", { timeout: 60_000 });
  // pmtiles reads header and root directory with one range request (the first 16 KiB), answered with 206.
  expect(statuses.length).toBeGreaterThanOrEqual(1);
  expect(
    statuses.every((s) => s === 206),
    statuses.join(),
  ).toBe(true);
  await expect(page.getByRole("link", { name: "© OpenStreetMap-Mitwirkende (ODbL)" })).toBeVisible();
  expect(foreign).toEqual([]);
  expect(problems).toEqual([]);
  await expectNoAxeViolations(page);
});
