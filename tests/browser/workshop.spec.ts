import fs from "node:fs";
import type { Browser, Page } from "@playwright/test";
import { test, expect, expectNoAxeViolations, expectNoOverflow, login } from "./fixtures";

// The live workshop board (issue 12 item 3, decision 0030): a Zukunftswerkstatt with a facilitator and
// three participants in separate browser contexts. A critique card reaches the facilitator's page
// and another phone without a reload; the phase switch too; dot voting with a fourth dot refused;
// the reveal; the result export. One participant works by keyboard, one with JavaScript disabled.
// How long a card took to arrive is written to .tmp/workshop-fanout.json (a figure, not a test).
test.use({ locale: "de-DE" });

/** Marks the page's document: if the mark is still there later, the page was not reloaded. */
const mark = (page: Page) => page.evaluate(() => ((window as unknown as { liveMark: number }).liveMark = 1));
const marked = (page: Page) => page.evaluate(() => (window as unknown as { liveMark?: number }).liveMark === 1);

async function participant(browser: Browser, code: string, javaScriptEnabled = true) {
  const ctx = await browser.newContext({ javaScriptEnabled, locale: "de-DE" });
  const page = await ctx.newPage();
  await page.goto("/t/aachen/werkstatt");
  await page.getByLabel("Code (6 Zeichen)").fill(code.toLowerCase());
  await page.getByRole("button", { name: "Mitmachen" }).click();
  await expect(page).toHaveURL(new RegExp(`/t/aachen/werkstatt/${code}$`));
  return { ctx, page };
}

async function postCard(page: Page, kind: string, body: string) {
  await page.getByLabel("Art der Karte").selectOption({ label: kind });
  await page.getByLabel("Ihr Beitrag").fill(body);
  await page.getByRole("button", { name: "Karte abschicken" }).click();
  await expect(page.getByText("Ihre Karte ist auf der Tafel.")).toBeVisible();
}

test("a Zukunftswerkstatt live: facilitator and three participants, dot voting, reveal and export", async ({
  page,
  browser,
}) => {
  // The facilitator creates the process and the workshop.
  await login(page, "editor.aachen@example.org");
  await page.goto("/t/aachen/verwaltung/beteiligung/neu");
  await page.getByLabel("Vorlage").selectOption("zukunftswerkstatt");
  await page.getByLabel("Titel").fill("Zukunftswerkstatt Wohnen im Quartier");
  await page.getByRole("button", { name: "Anlegen" }).click();
  await expect(page.getByText("Das Verfahren ist angelegt.")).toBeVisible();
  await page.getByLabel("Name der Werkstatt").fill("Abend im Stadtteilbüro");
  await page.getByLabel("Punkte je Person und Runde").fill("3");
  await page.getByRole("button", { name: "Werkstatt anlegen" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Abend im Stadtteilbüro" })).toBeVisible();
  const code = (await page.locator(".workshop-code").first().textContent())!.trim();
  expect(code).toMatch(/^[A-Z2-9]{6}$/);
  await expect(page.getByRole("img", { name: /QR-Code zum Mitmachen/ })).toBeVisible();
  await expectNoAxeViolations(page);
  const facilitatorUrl = page.url();

  // Three participants join on their phones; the third without JavaScript.
  const p1 = await participant(browser, code);
  const p2 = await participant(browser, code);
  const p3 = await participant(browser, code, false);
  await expectNoAxeViolations(p1.page);
  await p1.page.setViewportSize({ width: 320, height: 700 });
  await expectNoOverflow(p1.page);

  // A critique card appears on the facilitator's page and on another phone without a reload.
  await mark(page);
  await mark(p2.page);
  const sent = Date.now();
  await postCard(p1.page, "Kritik", "Bezahlbare Wohnungen fehlen in Rothe Erde");
  await expect(page.getByRole("cell", { name: /Bezahlbare Wohnungen fehlen in Rothe Erde/ })).toBeVisible();
  const atFacilitator = Date.now() - sent;
  await expect(p2.page.getByText("Bezahlbare Wohnungen fehlen in Rothe Erde")).toBeVisible();
  const atPhone = Date.now() - sent;
  expect(await marked(page)).toBe(true);
  expect(await marked(p2.page)).toBe(true);
  fs.mkdirSync(".tmp", { recursive: true });
  fs.writeFileSync(".tmp/workshop-fanout.json", JSON.stringify({ atFacilitator, atPhone }, null, 2));
  console.log(`Karte bis zur Moderation: ${atFacilitator} ms, bis zum zweiten Telefon: ${atPhone} ms (inkl. Absenden)`);

  // The second participant by keyboard only.
  await p2.page.getByLabel("Art der Karte").focus();
  await p2.page.keyboard.press("Tab");
  await expect(p2.page.getByLabel("Ihr Beitrag")).toBeFocused();
  await p2.page.keyboard.type("Vermieter antworten nicht auf Bewerbungen mit ausländischem Namen");
  await p2.page.keyboard.press("Tab");
  await expect(p2.page.getByRole("button", { name: "Karte abschicken" })).toBeFocused();
  await p2.page.keyboard.press("Enter");
  await expect(p2.page.getByText("Ihre Karte ist auf der Tafel.")).toBeVisible();

  // The third participant without JavaScript: a plain form post and the refresh link.
  await postCard(p3.page, "Frage", "Wer entscheidet über die Vorschläge?");
  await expect(p3.page.getByText("Bezahlbare Wohnungen fehlen in Rothe Erde")).toBeVisible();
  // (axe needs scripts in the page: the same page is checked with JavaScript on the other phones.)
  await expectNoAxeViolations(p2.page);

  // The facilitator switches to the Phantasie phase: the phones follow without a reload.
  await page.getByLabel("Phase", { exact: true }).selectOption({ label: "Phantasiephase" });
  await page.getByRole("button", { name: "Phase wechseln" }).click();
  await expect(page.getByText(/Phase: Phantasiephase/)).toBeVisible();
  await expect(p2.page.getByText(/Phase: Phantasiephase/)).toBeVisible();
  expect(await marked(p2.page)).toBe(true);
  await postCard(p1.page, "Idee", "Eine Wohnungsbörse mit Sprachmittlung");

  // Dot voting: three dots, the fourth refused – also from a second tab that still offers it.
  await page.getByRole("button", { name: "Punktabfrage öffnen" }).click();
  await expect(p1.page.getByText("Sie haben noch 3 von 3 Punkten.")).toBeVisible();
  const stale = await p1.ctx.newPage();
  await stale.goto(`/t/aachen/werkstatt/${code}`);
  await expect(stale.getByText("Sie haben noch 3 von 3 Punkten.")).toBeVisible();
  for (const left of [2, 1, 0]) {
    await p1.page
      .getByRole("button", { name: /^Punkt geben – Karte/ })
      .first()
      .click();
    await expect(p1.page.getByText(`Sie haben noch ${left} von 3 Punkten.`)).toBeVisible();
  }
  await expect(p1.page.getByRole("button", { name: /^Punkt geben/ })).toHaveCount(0);
  await stale
    .getByRole("button", { name: /^Punkt geben – Karte/ })
    .last()
    .click();
  await expect(stale.getByText("Sie haben alle 3 Punkte dieser Runde vergeben.")).toBeVisible();
  await expectNoAxeViolations(stale);
  // Without JavaScript, a dot by form post.
  await p3.page.getByRole("link", { name: "Tafel aktualisieren" }).click();
  await p3.page
    .getByRole("button", { name: /^Punkt geben – Karte/ })
    .first()
    .click();
  await expect(p3.page.getByText("Ihr Punkt ist gezählt.")).toBeVisible();

  // No totals before the reveal, on any screen.
  const screen = await page.context().newPage();
  await screen.goto(`${facilitatorUrl}/leinwand`);
  await expect(screen.getByText("Bezahlbare Wohnungen fehlen in Rothe Erde")).toBeVisible();
  await expectNoAxeViolations(screen);
  for (const p of [page, screen, p1.page, p2.page]) await expect(p.getByText(/^\d+ Punkte?$/)).toHaveCount(0);

  await page.getByRole("button", { name: "Ergebnis zeigen" }).click();
  await expect(screen.getByText(/^\d+ Punkte?$/).first()).toBeVisible();
  await expect(p2.page.getByText(/^\d+ Punkte?$/).first()).toBeVisible();
  const totals = await screen.getByText(/^\d+ Punkte?$/).allTextContents();
  expect(totals.map((x) => Number(x.split(" ")[0])).reduce((a, b) => a + b, 0)).toBe(4);
  await expectNoAxeViolations(screen);
  await expectNoAxeViolations(page);

  // The result export.
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Ergebnis als CSV herunterladen" }).click();
  const csv = fs.readFileSync((await (await download).path())!, "utf8");
  expect(csv).toContain("Bezahlbare Wohnungen fehlen in Rothe Erde");
  expect(csv).toContain("Eine Wohnungsbörse mit Sprachmittlung");
  expect(csv.split("\r\n")[0]).toContain("Punkte (gezeigte Runden)");

  for (const p of [p1, p2, p3]) await p.ctx.close();
});
