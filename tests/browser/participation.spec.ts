import { test, expect, expectNoAxeViolations, expectNoOverflow, login } from "./fixtures";

// The participation pages (issue 12 item 1): an editor opens Aachen's Fachgespräch and the 2021
// Zukunftswerkstatt, creates a process from a template, meets the refusal to publish, adds a card;
// the public page of the Zukunftswerkstatt shows what became of each proposal. Every page is free of
// axe violations, also at 320 px.
test.use({ locale: "de-DE" });

test("participation: staff list, new, process pages and the public page, without axe violations, also at 320 px", async ({
  page,
}) => {
  await login(page, "editor.aachen@example.org");
  await page.goto("/t/aachen/verwaltung");
  await page.getByRole("navigation", { name: "Verwaltung" }).getByRole("link", { name: "Beteiligung" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Beteiligungsverfahren" })).toBeVisible();
  await expectNoAxeViolations(page);

  // The Fachgespräch: its questions and the warning about the Themenfeld without Pate.
  await page.getByRole("link", { name: "Fachgespräch Arbeit / Weiterbildung" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Leitende Fragestellungen" })).toBeVisible();
  await expect(page.getByText(/Gesellschaftliches Engagement und Teilhabe“ ist keine Themenfeldpatin/)).toBeVisible();
  await expectNoAxeViolations(page);
  const fachgespraech = page.url();

  // A new process from a template: publishing is refused until the frame is set.
  await page.goto("/t/aachen/verwaltung/beteiligung/neu");
  await expectNoAxeViolations(page);
  await page.getByLabel("Vorlage").selectOption("world_cafe");
  await page.getByLabel("Titel").fill("World Café Nachbarschaft");
  await page.getByRole("button", { name: "Anlegen" }).click();
  await expect(page.getByText("Das Verfahren ist angelegt.")).toBeVisible();
  await page.getByRole("button", { name: "Veröffentlichen" }).click();
  await expect(page.getByText(/Veröffentlichen ist noch nicht möglich: Es fehlt eine Ansprechperson/)).toBeVisible();
  await expectNoAxeViolations(page);
  const form = page.locator("form", { has: page.getByRole("heading", { name: "Beitrag eintragen" }) });
  await form.getByLabel("Art").selectOption("question");
  await form.getByLabel("Text des Beitrags").fill("Wo findet das Café statt?");
  await form.getByRole("button", { name: "Beitrag eintragen" }).click();
  await expect(page.getByText("Der Beitrag ist eingetragen.")).toBeVisible();
  await expect(page.getByRole("cell", { name: "Wo findet das Café statt?" })).toBeVisible();
  await expectNoAxeViolations(page);

  // The Zukunftswerkstatt's chain, and its public page.
  await page.goto("/t/aachen/verwaltung/beteiligung");
  await page.getByRole("link", { name: /Fachforum 2021/ }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Kette der Zukunftswerkstatt" })).toBeVisible();
  await expectNoAxeViolations(page);
  const werkstatt = page.url();
  await page.getByRole("link", { name: "Öffentliche Seite des Verfahrens" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Was wurde aus den Vorschlägen?" })).toBeVisible();
  await expect(page.getByText(/Eltern-Sprachcafés .* – eingegangen – Rückmeldung überfällig/)).toBeVisible();
  await expectNoAxeViolations(page);
  const publicPage = page.url();

  // Proposal → measure (decision 0028): the adopted proposal links to the measure it amends, and the
  // measure's public and staff pages name the process, phase and card.
  await page.getByRole("link", { name: /^M / }).first().click();
  await expect(page.getByRole("heading", { level: 2, name: "Herkunft" })).toBeVisible();
  await expect(page.getByText(/Geändert durch: .*Fachforum 2021.*Karte Nr\. 8/)).toBeVisible();
  await expectNoAxeViolations(page);
  const publicMeasure = page.url();
  const staffMeasure = publicMeasure.replace("/konzept/massnahmen/", "/verwaltung/massnahmen/");
  await page.goto(staffMeasure);
  await expect(page.getByText(/Geändert durch: .*Fachforum 2021.*Karte Nr\. 8/)).toBeVisible();
  await expectNoAxeViolations(page);

  await page.setViewportSize({ width: 320, height: 800 });
  for (const path of [
    "/t/aachen/verwaltung/beteiligung",
    "/t/aachen/verwaltung/beteiligung/neu",
    fachgespraech,
    werkstatt,
    publicPage,
  ]) {
    await page.goto(path);
    await expectNoOverflow(page);
    await expectNoAxeViolations(page);
  }
});
