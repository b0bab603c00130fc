import { test, expect, expectNoAxeViolations, expectNoOverflow, login, expectSaved } from "./fixtures";

// The staff pages of the bodies module (issue 12, part 5): an editor opens Aachen's
// Steuerungsgruppe, adds a guest, meets a refusal, ends the guest's term – and every page is free
// of axe violations, also at 320 px.
test.use({ locale: "de-DE" });

test("bodies: list, new and the Steuerungsgruppe's page as editor, without axe violations, also at 320 px", async ({
  page,
}) => {
  await login(page, "editor.aachen@example.org");
  await page.goto("/t/aachen/verwaltung");
  await page.getByRole("navigation", { name: "Verwaltung" }).getByRole("link", { name: "Gremien" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Gremien" })).toBeVisible();
  // The bodies' table; the meetings with open work below name their body too.
  await expect(
    page
      .getByRole("table", { name: "Gremien", exact: true })
      .getByRole("row", { name: /Steuerungsgruppe „Integration im Querschnitt“/ }),
  ).toContainText("6 von 12");
  await expectNoAxeViolations(page);

  // The new-body form, and its errors.
  await page.getByRole("link", { name: "Gremium anlegen" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Gremium anlegen" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Gremium anlegen" }).click();
  await expect(page.getByRole("link", { name: "Bitte eine Art des Gremiums wählen." })).toBeVisible();
  await expectNoAxeViolations(page);

  // The Steuerungsgruppe on a day after the demo terms began.
  await page.goto("/t/aachen/verwaltung/gremien");
  await page.getByRole("link", { name: "Steuerungsgruppe „Integration im Querschnitt“" }).click();
  await expect(
    page.getByRole("heading", { level: 1, name: "Steuerungsgruppe „Integration im Querschnitt“" }),
  ).toBeVisible();
  await page.getByLabel("Stichtag").fill("2026-06-01");
  await page.getByRole("button", { name: "Anzeigen" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Zusammensetzung am 01.06.2026" })).toBeVisible();
  const composition = page.getByRole("table", { name: "Zusammensetzung am 01.06.2026" });
  await expect(composition.getByRole("cell", { name: "frei" }).first()).toBeVisible();
  await expect(composition.getByRole("row", { name: /Leyla Beispiel/ })).toContainText("kraft Amtes");
  await expect(
    page.getByText("Stefan Vertretung (Kommunales Integrationszentrum Aachen) – Stellvertretung"),
  ).toBeVisible();
  await expectNoAxeViolations(page);

  // A member without a group of seats is refused; the typed name stays.
  const form = page.locator("form", { has: page.getByRole("heading", { name: "Person eintragen" }) });
  await form.getByLabel("Name", { exact: true }).fill("Gabriele Gast");
  await form.getByRole("button", { name: "Person eintragen" }).click();
  await expect(
    form.getByRole("link", { name: "Ein Mitglied braucht eine Sitzgruppe; Stellvertretungen und Gäste haben keine." }),
  ).toBeVisible();
  await expect(form.getByLabel("Name", { exact: true })).toHaveValue("Gabriele Gast");
  await expectNoAxeViolations(page);
  // As a guest, she is added; then her term ends.
  await form.getByLabel("Rolle").selectOption("guest");
  await form.getByRole("button", { name: "Person eintragen" }).click();
  await expect(page.getByText("Die Person ist eingetragen.")).toBeVisible();
  await expect(page.getByText("Gabriele Gast – Gast")).toBeVisible();
  await page.getByLabel("Letzter Tag von Gabriele Gast").fill("2026-06-01");
  await page
    .getByRole("row", { name: /Gabriele Gast/ })
    .getByRole("button", { name: "Amtszeit beenden" })
    .click();
  await expect(page.getByText("Die Amtszeit ist beendet.")).toBeVisible();
  await expect(page.getByText("01.06.2026 bis 01.06.2026")).toBeVisible();
  await expectNoAxeViolations(page);

  // Narrow screens: no sideways scrolling of the page, no violations.
  await page.setViewportSize({ width: 320, height: 800 });
  for (const path of ["/t/aachen/verwaltung/gremien", "/t/aachen/verwaltung/gremien/neu", page.url()]) {
    await page.goto(path);
    await expectNoOverflow(page);
    await expectNoAxeViolations(page);
  }
});

// Papers and meetings (decision 0024): the Vorlagen list and a paper, the Steuerungsgruppe's
// meetings and its held meeting, a result recorded from the meeting page – without axe violations.
test("papers and meetings as editor, without axe violations, also at 320 px", async ({ page }) => {
  await login(page, "editor.aachen@example.org");
  await page.goto("/t/aachen/verwaltung");
  await page.getByRole("navigation", { name: "Verwaltung" }).getByRole("link", { name: "Vorlagen" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Vorlagen" })).toBeVisible();
  await expectNoAxeViolations(page);
  // A number taken is refused with the values kept.
  await page.getByLabel("Vorlagen-Nummer").fill("FB 56/0043/WP17");
  await page.getByLabel("Betreff").fill("Noch einmal");
  await page.getByLabel("Datum", { exact: true }).first().fill("2026-03-01");
  await page.getByLabel("Federführend").fill("FB 56");
  await page.getByRole("button", { name: "Vorlage anlegen" }).click();
  await expect(
    page.getByRole("link", { name: "Eine Vorlage mit der Nummer FB 56/0043/WP17 gibt es schon." }),
  ).toBeVisible();
  await expect(page.getByLabel("Betreff")).toHaveValue("Noch einmal");
  await expectNoAxeViolations(page);

  await page.getByRole("link", { name: /^FB 56\/0043\/WP17:/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: /FB 56\/0043\/WP17/ })).toBeVisible();
  await expect(page.getByRole("row", { name: /Integrationsrat der Stadt Aachen \(INT\)/ })).toContainText("offen");
  await expectNoAxeViolations(page);
  const paperUrl = page.url();

  await page.goto("/t/aachen/verwaltung/gremien");
  await page.getByRole("link", { name: "Steuerungsgruppe „Integration im Querschnitt“" }).click();
  await page.getByRole("link", { name: "Sitzungen" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Sitzungen/ })).toBeVisible();
  await expectNoAxeViolations(page);
  const meetingsUrl = page.url();
  await page.getByRole("link", { name: "12.03.2026" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Sitzung am 12\.03\.2026/ })).toBeVisible();
  await expect(page.getByText("Gast aus dem Jobcenter (Beispiel) – anwesend")).toBeVisible();
  await expectNoAxeViolations(page);
  const form = page.locator("form", { has: page.getByRole("heading", { name: "Ergebnis zu TOP 3" }) });
  await form.getByLabel("Ergebnis").selectOption("vertagt");
  await form.getByRole("button", { name: "Ergebnis festhalten" }).click();
  await expectSaved(page);
  await expect(page.getByRole("row", { name: /Verschiedenes/ })).toContainText("vertagt");

  await page.setViewportSize({ width: 320, height: 800 });
  for (const path of ["/t/aachen/verwaltung/vorlagen", paperUrl, meetingsUrl, page.url()]) {
    await page.goto(path);
    await expectNoOverflow(page);
    await expectNoAxeViolations(page);
  }
});
