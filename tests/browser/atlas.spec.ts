import fs from "node:fs";
import type { Page } from "@playwright/test";
import { test, expect, expectNoAxeViolations, expectNoOverflow, login, logout } from "./fixtures";

// The interface language follows Accept-Language; these tests read the German interface.
test.use({ locale: "de-DE" });

/** Bytes on the wire per resource type (encodedDataLength = compressed size incl. headers), via the DevTools protocol. */
async function measure(page: Page, url: string) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  const types = new Map<string, string>();
  const bytes: Record<string, number> = {};
  const urls: string[] = [];
  cdp.on("Network.responseReceived", (e) => {
    types.set(e.requestId, e.type);
    urls.push(e.response.url);
  });
  cdp.on("Network.loadingFinished", (e) => {
    const t = types.get(e.requestId) ?? "Other";
    bytes[t] = (bytes[t] ?? 0) + e.encodedDataLength;
  });
  await page.goto(url, { waitUntil: "networkidle" });
  await cdp.detach();
  return { bytes, urls };
}

test("search finds German courses by stem and with a typo; the page has no axe violations", async ({ page }) => {
  await page.goto("/t/aachen/angebote");
  await expect(page.getByRole("heading", { level: 1, name: "Integrationsatlas" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel("Suchbegriff").fill("Deutschkrs");
  await page.getByLabel("Suchbegriff").press("Enter");
  await expect(page).toHaveURL(/q=Deutschkrs/);
  await expect(page.getByRole("link", { name: "Deutschkurse am Abend (A1 bis B1)" })).toBeVisible();
  await page.getByLabel("Deutschkenntnisse").selectOption("little");
  await page.getByLabel("Angebot in der Sprache").selectOption("ar");
  await page.getByRole("button", { name: "Suchen" }).click();
  await expect(page).toHaveURL(/deutsch=little/);
  await expect(page.getByRole("link", { name: "Deutschkurse für Frauen mit Kinderbetreuung" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Deutschkurse am Abend (A1 bis B1)" })).toHaveCount(0);
  await expectNoAxeViolations(page);
});

test("Arabic content renders right-to-left on list and detail pages, without axe violations", async ({ page }) => {
  await page.goto("/t/aachen/angebote?q=Integration+Point&inhalt=ar");
  const title = page.getByRole("heading", { level: 3 }).filter({ hasText: "نقطة الاندماج" });
  await expect(title).toHaveAttribute("dir", "rtl");
  await expectNoAxeViolations(page);
  await title.getByRole("link").click();
  await expect(page.locator("article")).toHaveAttribute("dir", "rtl");
  await expect(page.locator("article")).toHaveAttribute("lang", "ar");
  const direction = await page.locator("article h1").evaluate((el) => getComputedStyle(el).direction);
  expect(direction).toBe("rtl");
  await expectNoAxeViolations(page);
  // Persian likewise; a missing language falls back to German, visibly.
  await page
    .getByRole("navigation", { name: "Diesen Eintrag gibt es in" })
    .getByRole("link", { name: "فارسی" })
    .click();
  await expect(page).toHaveURL(/inhalt=fa/);
  await expect(page.locator("article")).toHaveAttribute("dir", "rtl");
  await page.goto(page.url().replace("inhalt=fa", "inhalt=tr"));
  await expect(page.getByText("Diesen Eintrag gibt es nicht in Türkçe")).toBeVisible();
  await expectNoAxeViolations(page);
  // Print view
  await page.getByRole("link", { name: "Druckansicht" }).click();
  await expect(page).toHaveURL(/druck=1/);
  await expectNoAxeViolations(page);
});

test("the public interface in Arabic: whole page right-to-left, hydrated, no axe violations, no overflow at 320 px", async ({
  page,
}) => {
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("response", (r) => {
    if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`);
  });
  await page.setViewportSize({ width: 320, height: 800 });
  await page.goto("/t/aachen/angebote");
  await page.getByRole("navigation", { name: "Sprache wählen" }).getByRole("link", { name: "العربية" }).click();
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.locator("html")).toHaveAttribute("lang", "ar");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("أطلس الاندماج");
  expect(await page.evaluate(() => getComputedStyle(document.body).direction)).toBe("rtl");
  await expectNoOverflow(page);
  await expectNoAxeViolations(page);
  // The search works in Arabic, and the client loaded the Arabic strings: a client-side navigation
  // (the result link) renders Arabic labels without a reload and without hydration errors.
  await page.getByLabel("كلمة البحث").fill("Deutschkurs");
  await page.getByRole("button", { name: "ابحث" }).click();
  await expect(page).toHaveURL(/q=Deutschkurs/);
  await page.evaluate(() => {
    (window as unknown as { sameDocument: boolean }).sameDocument = true;
  });
  await page.getByRole("link", { name: "Deutschkurs im Stadtteil Brand" }).click();
  await expect(page.getByRole("link", { name: "العودة إلى البحث" })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
  await expectNoOverflow(page);
  await expectNoAxeViolations(page);
  expect(errors).toEqual([]);
});

test("map page: MapLibre draws the points, the list is the accessible alternative", async ({ page }) => {
  const problems: string[] = [];
  page.on("pageerror", (e) => problems.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error" && /worker|maplibre|Content Security Policy/i.test(m.text())) problems.push(m.text());
  });
  await page.goto("/t/aachen/angebote/karte?handlungsfeld=sport_gesundheit");
  await expect(page.getByRole("heading", { level: 2, name: "Orte als Liste" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Schwimmkurs für Frauen" })).toBeVisible();
  await expect(page.locator(".atlas-map canvas")).toBeVisible();
  await page.waitForTimeout(1000);
  expect(problems).toEqual([]);
  await expectNoAxeViolations(page);
});

test("a partner submits an entry by keyboard; it is public only after the editor approves it", async ({ page }) => {
  const title = `Sprachcafé Test ${Date.now()}`;
  await login(page, "partner.aachen@example.org");
  await page.goto("/t/aachen/verwaltung/angebote/neu");
  await expectNoAxeViolations(page);
  await page.getByLabel("Titel (Deutsch)").fill(title);
  await page.getByLabel("Sprache / Bildung").check();
  await page.getByLabel("Geflüchtete").check();
  await page.getByLabel("Nötige Deutschkenntnisse").selectOption("little");
  await page.getByRole("button", { name: "Zur Freigabe einreichen" }).press("Enter");
  await expect(page.getByText("Eingereicht.")).toBeVisible();
  await logout(page);
  await page.goto(`/t/aachen/angebote?q=${encodeURIComponent(title)}`);
  await expect(page.getByRole("link", { name: title })).toHaveCount(0);

  await login(page, "editor.aachen@example.org");
  await page.goto("/t/aachen/verwaltung/angebote/freigabe");
  await expectNoAxeViolations(page);
  await page.getByRole("region", { name: title }).getByRole("button", { name: "Freigeben" }).click();
  await expect(page.getByText("Freigegeben.")).toBeVisible();
  await page.goto("/t/aachen/verwaltung/angebote/luecken");
  await expectNoAxeViolations(page);
  await logout(page);
  await page.goto(`/t/aachen/angebote?q=${encodeURIComponent(title)}`);
  await expect(page.getByRole("link", { name: title })).toBeVisible();
});

test("Köln gap analysis: choose a target group, see rates per 1,000 and the choropleth, no axe violations", async ({
  page,
  browser,
}) => {
  const problems: string[] = [];
  page.on("pageerror", (e) => problems.push(e.message));
  await login(page, "editor.koeln@example.org");
  await page.goto("/t/koeln/verwaltung/angebote/luecken");
  await expect(page.getByRole("heading", { level: 1, name: "Lückenanalyse" })).toBeVisible();
  await page.getByLabel("Betrachtung").selectOption("zg.children");
  await page.getByLabel("Maß").selectOption("je1000");
  await page.getByRole("button", { name: "Anzeigen" }).press("Enter");
  await expect(page).toHaveURL(/thema=zg\.children/);
  // The sentence naming the base (the base chooser's option carries the same words, hidden in its list).
  await expect(page.locator("p", { hasText: "Einwohnerinnen und Einwohner unter 18 Jahren" }).first()).toBeVisible();
  const table = page.getByRole("table", { name: /Zielgruppe: Kinder je Stadtteil/ });
  // 86 Stadtteile; the demo has no entries without a Stadtteil.
  await expect(table.locator("tbody tr")).toHaveCount(86);
  const chorweiler = table.getByRole("row", { name: /^Chorweiler/ });
  // Columns: offers, of which by catchment, population, period, rate per 1,000.
  await expect(chorweiler.locator("td").nth(4)).toHaveText(/^\d+,\d{2}$/);
  await expect(table.getByText("Lücke: kein Eintrag").first()).toBeVisible();
  await expect(page.locator(".choropleth")).toHaveAttribute("data-ready", "true");
  await expect(page.locator(".choropleth")).toHaveAttribute("role", "img");
  await expect(page.getByText("Legende")).toBeVisible();
  expect(problems).toEqual([]);
  await expectNoAxeViolations(page);

  // Without JavaScript the same form and table work; the map is simply absent.
  const ctx = await browser.newContext({ javaScriptEnabled: false });
  const p2 = await ctx.newPage();
  await login(p2, "editor.koeln@example.org");
  await p2.goto("/t/koeln/verwaltung/angebote/luecken?thema=zg.seniors&mass=anzahl");
  await expect(
    p2.getByRole("table", { name: /Zielgruppe: Ältere Menschen je Stadtteil/ }).locator("tbody tr"),
  ).toHaveCount(86);
  await ctx.close();
});

test("transfer size of the search page without and with JavaScript", async ({ browser }) => {
  const url = "/t/aachen/angebote?q=Deutschkurs";
  const noJs = await browser.newContext({ javaScriptEnabled: false });
  const a = await measure(await noJs.newPage(), url);
  await noJs.close();
  const js = await browser.newContext();
  const b = await measure(await js.newPage(), url);
  await js.close();
  const sum = (o: Record<string, number>, keys?: string[]) =>
    Object.entries(o)
      .filter(([k]) => !keys || keys.includes(k))
      .reduce((s, [, v]) => s + v, 0);
  const report = {
    withoutJs: {
      htmlCss: sum(a.bytes, ["Document", "Stylesheet"]),
      fonts: a.bytes.Font ?? 0,
      all: sum(a.bytes),
      byType: a.bytes,
    },
    withJs: {
      total: sum(b.bytes),
      withoutFonts: sum(b.bytes) - (b.bytes.Font ?? 0),
      fonts: b.bytes.Font ?? 0,
      byType: b.bytes,
    },
  };
  fs.mkdirSync(".tmp", { recursive: true });
  fs.writeFileSync(".tmp/atlas-transfer.json", JSON.stringify(report, null, 2));
  console.log(
    "Transfer (bytes on the wire):",
    JSON.stringify(report, null, 2),
    b.urls.filter((u) => /woff2|\.js/.test(u)).join("\n"),
  );
  expect(report.withoutJs.htmlCss).toBeLessThanOrEqual(100 * 1024);
  // The map library must not be part of the search page.
  expect(b.urls.some((u) => /maplibre/i.test(u))).toBe(false);
  // Everything the browser fetched, fonts included.
  expect(report.withJs.total).toBeLessThanOrEqual(250 * 1024);
});
