import { test, expect, expectNoAxeViolations, login, logout } from "./fixtures";

// The whole implementation loop of one measure, by keyboard only: an editor creates it and a
// milestone, the partner organisation reports, the editor publishes, the public sees the report.
test("measure lifecycle: editor creates, partner reports, editor publishes, public sees it", async ({ page }) => {
  const stamp = Date.now();
  const title = `Sprachcafé im Quartier ${stamp}`;
  const report = `Bericht ${stamp}: Zwölf Treffen mit durchschnittlich 15 Teilnehmenden.`;

  await page.goto("/?lang=de"); // German UI whatever the browser's locale
  await login(page, "editor.aachen@example.org");
  await page.goto("/t/aachen/verwaltung/konzept");
  await expect(page.getByRole("heading", { level: 1, name: "Integrationskonzept verwalten" })).toBeVisible();
  await expectNoAxeViolations(page);
  // The page opens on the overview; a form shows when its action is opened, by keyboard as by mouse.
  const newEdition = page.locator("summary", { hasText: "Neue Fassung anlegen" });
  await expect(page.getByLabel("Titel der Fassung")).toBeHidden();
  await newEdition.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByLabel("Titel der Fassung")).toBeVisible();
  await expect(page.getByLabel("Neuer Status")).toBeHidden();
  await expect(page.getByLabel("Neuer Status").locator("option:checked")).toHaveText("– bitte wählen –");
  await expectNoAxeViolations(page);
  await page.goto("/t/aachen/verwaltung/konzept/matrix");
  await expectNoAxeViolations(page);
  await page.goto("/t/aachen/verwaltung/massnahmen");
  await expectNoAxeViolations(page);

  await page.getByRole("link", { name: "Neue Maßnahme" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Neue Maßnahme anlegen" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel("Kennung").focus();
  await page.keyboard.type(`T-${stamp}`);
  await page.keyboard.press("Tab");
  await page.keyboard.type(title);
  await page.keyboard.press("Tab");
  await page.keyboard.type("Ehrenamtliche bieten wöchentlich ein Sprachcafé an.");
  await page.keyboard.press("Tab");
  await page.keyboard.type("4/1.1 Das"); // type-ahead in the goal list: Themenfeld 4, Teilziel 1.1
  await expect(page.locator("#f-goalIds option:checked")).toHaveText(/^4\/1\.1 Das Büro für Ehrenamt/);
  await page.getByLabel("Sprache / Bildung").focus();
  await page.keyboard.press("Space");
  await page.getByLabel("Caritasverband für die Regionen Aachen-Stadt und Aachen-Land e.V.").focus();
  await page.keyboard.press("Space");
  await page.getByLabel("Beginn").focus();
  await page.keyboard.type("01.01.2026");
  await page.keyboard.press("Tab");
  await page.keyboard.type("31.12.2027");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByText("01.01.2026 – 31.12.2027")).toBeVisible();
  const measureUrl = new URL(page.url()).pathname;
  await expectNoAxeViolations(page);

  // A milestone before the start is refused with a precise message.
  await page.getByLabel("Bezeichnung des Meilensteins").focus();
  await page.keyboard.type("Zu früh");
  await page.keyboard.press("Tab");
  await page.keyboard.type("01.12.2025");
  await page.keyboard.press("Enter");
  await expect(
    page.getByText("Der Meilenstein (01.12.2025) liegt vor dem Beginn der Maßnahme am 01.01.2026.").first(),
  ).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel("Bezeichnung des Meilensteins").focus();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("Erstes Sprachcafé eröffnet");
  await page.getByLabel("Fällig am").focus();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("30.06.2026");
  await page.keyboard.press("Enter");
  await expect(page.getByText("Der Meilenstein wurde angelegt.")).toBeVisible();
  await expect(page.getByText("Erstes Sprachcafé eröffnet").first()).toBeVisible();
  await logout(page);

  await login(page, "partner.aachen@example.org");
  await page.goto(measureUrl);
  await expectNoAxeViolations(page);
  await page.getByLabel("Stand vom").focus();
  await page.keyboard.type("15.05.2026");
  await page.keyboard.press("Tab");
  await page.keyboard.type(report);
  await page.keyboard.press("Tab");
  await page.keyboard.type("30");
  await page.keyboard.press("Enter");
  await expect(page.getByText("Der Bericht wurde eingereicht und wird von der Redaktion geprüft.")).toBeVisible();
  await expectNoAxeViolations(page);
  await logout(page);

  // Not public before review.
  await page.goto(measureUrl.replace("/verwaltung/massnahmen/", "/konzept/massnahmen/"));
  await expect(page.getByText(report)).toHaveCount(0);

  await login(page, "editor.aachen@example.org");
  await page.goto(measureUrl);
  const item = page.locator(".concept-updates li", { hasText: report });
  await item.getByRole("button", { name: "Veröffentlichen" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByText("Der Bericht ist veröffentlicht.")).toBeVisible();
  await logout(page);

  await page.goto("/t/aachen/konzept");
  await expect(page.getByRole("heading", { level: 1, name: "Integrationskonzept" })).toBeVisible();
  await expect(page.getByText("4 Themenfelder, 23 Leitziele, 66 Teilziele")).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Stand der Umsetzung" })).toBeVisible();
  await expectNoAxeViolations(page);
  // The Leitziele are collapsed: the measure's link is not reachable until its Leitziel is opened, by
  // keyboard as anyone would.
  const link = page.getByRole("link", { name: title });
  await expect(link).toHaveCount(0);
  const leitziel = page
    .locator("details.concept-leitziel")
    .filter({ has: page.getByRole("link", { name: title, includeHidden: true }) })
    .first();
  await leitziel.locator("summary").focus();
  await page.keyboard.press("Enter");
  await expect(link.first()).toBeVisible();
  await expectNoAxeViolations(page);
  await link.first().focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByText(report)).toBeVisible();
  await expect(page.getByText("Erstes Sprachcafé eröffnet")).toBeVisible();
  await expectNoAxeViolations(page);
});
