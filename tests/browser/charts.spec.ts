import type { Page } from "@playwright/test";
import { test, expect, expectNoAxeViolations, expectNoOverflow } from "./fixtures";

test.use({ locale: "de-DE" });

// Charts drawn on the server and the maps' stand-in (issue 18; decision 0052): without JavaScript,
// and until the libraries have loaded, the indicator page shows each chart as the server's SVG with
// its values written on it and, in the map's box, a note that links to the table with the same values.

const PAGE = "/t/koeln/monitoring/indikator/mh_anteil";
const de1 = (v: number) =>
  new Intl.NumberFormat("de-DE", { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(v);

/** The heights of the chart boxes and the map's box, to compare before and after the libraries load. */
const boxes = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll(".chart, .choropleth")].map((e) => Math.round(e.getBoundingClientRect().height)),
  );

test("without JavaScript: the charts as SVG with their values, the map's note links to the table", async ({
  browser,
  request,
}) => {
  const city = (await (await request.get("/api/v1/t/koeln/observations?indicator=mh_anteil&level=stadt")).json())
    .observations as { period: string; value: number }[];
  expect(city.length).toBeGreaterThan(1);

  const ctx = await browser.newContext({ javaScriptEnabled: false });
  const page = await ctx.newPage();
  await page.goto(PAGE);
  const charts = page.locator(".chart");
  await expect(charts).toHaveCount(2);
  const series = charts.first().locator(".chart__svg svg");
  await expect(series).toBeVisible();
  for (const o of city) await expect(series.locator("text", { hasText: de1(o.value) }).first()).toBeAttached();
  const bars = charts.nth(1).locator(".chart__svg svg");
  await expect(bars).toBeVisible();
  await expect(bars.locator("text", { hasText: "Altstadt/Süd" })).toHaveCount(1);
  // The picture fills its box's width (it is not a sliver in a blank box).
  const [box, pic] = [await charts.first().boundingBox(), await series.boundingBox()];
  expect(pic!.width).toBeGreaterThan(box!.width * 0.95);

  const note = page.locator(".choropleth .map-placeholder");
  await expect(note).toContainText("Die Karte braucht JavaScript.");
  const link = note.getByRole("link", { name: "Zur Tabelle" });
  await link.click();
  await expect(page).toHaveURL(/#vergleich$/);
  await expect(page.getByRole("table", { name: /Werte je Gebiet als Tabelle/ })).toBeInViewport();
  const noJs = await boxes(page);

  // The atlas's map points to its list of places.
  await page.goto("/t/koeln/angebote/karte");
  const atlasNote = page.locator(".atlas-map-box .map-placeholder");
  await expect(atlasNote).toContainText("Die Karte braucht JavaScript.");
  await atlasNote.getByRole("link", { name: "Orte als Liste" }).click();
  await expect(page.getByRole("heading", { name: "Orte als Liste" })).toBeInViewport();

  await page.setViewportSize({ width: 320, height: 800 });
  await page.goto(PAGE);
  await expectNoOverflow(page);
  await ctx.close();

  // With JavaScript the interactive chart and the map take the same boxes.
  const js = await browser.newContext();
  const p2 = await js.newPage();
  await p2.goto(PAGE);
  await expect(p2.locator(".chart[data-ready='true']")).toHaveCount(2);
  await expect(p2.locator(".choropleth")).toHaveAttribute("data-ready", "true");
  expect(await boxes(p2)).toEqual(noJs);
  await js.close();
});

test("with JavaScript: the interactive chart replaces the SVG; axe and 320 px before and after", async ({
  browser,
  page,
}) => {
  // Until the libraries have loaded: kept from loading here, so the page stays in that state for the checks.
  const waiting = await browser.newContext();
  const w = await waiting.newPage();
  await w.route(/\/assets\/(echarts|maplibre)[^/]*\.js$/, (r) => r.abort());
  await w.goto(PAGE);
  await expect(w.locator(".chart .chart__svg svg")).toHaveCount(2);
  await expect(w.locator(".chart[data-ready='false']")).toHaveCount(2);
  await expect(w.locator(".choropleth .map-placeholder")).toBeVisible();
  await expectNoAxeViolations(w);
  await w.setViewportSize({ width: 320, height: 800 });
  await expectNoOverflow(w);
  await waiting.close();

  await page.goto(PAGE);
  const charts = page.locator(".chart");
  await expect(charts.first()).toHaveAttribute("data-ready", "true");
  await expect(charts.nth(1)).toHaveAttribute("data-ready", "true");
  await expect(page.locator(".chart__svg")).toHaveCount(0);
  await expect(charts.first().locator(".chart__live svg")).toBeVisible();
  await expect(page.locator(".choropleth")).toHaveAttribute("data-ready", "true");
  await expect(page.locator(".choropleth .map-placeholder")).toHaveCount(0);
  await expect(page.getByRole("img", { name: /Karte der Werte je Gebiet/ })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.setViewportSize({ width: 320, height: 800 });
  await expectNoOverflow(page);
});
