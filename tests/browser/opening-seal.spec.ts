import { test, expect, expectNoAxeViolations, expectNoOverflow, login } from "./fixtures";

// Issue 15 items 6–8: the seal "Interkulturell orientiert", the job-ad clauses and the trainings –
// every new page free of axe violations, the public ones also at 320 px, and a participant who
// evaluates a training by keyboard alone.
test.use({ locale: "de-DE" });

test("seal pages of the StädteRegion Aachen as editor and the public holder list, without axe violations", async ({
  page,
}) => {
  await login(page, "editor.staedteregion-aachen@example.org");
  await page.goto("/t/staedteregion-aachen/verwaltung/oeffnung");
  await page.getByRole("link", { name: "Siegel „Interkulturell orientiert“" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Siegel „Interkulturell orientiert“" })).toBeVisible();
  await expect(page.getByRole("row", { name: /Beispielstadt an der Wurm/ })).toContainText("Re-Zertifizierung fällig");
  await expect(page.getByRole("row", { name: /Musterverein Vielfalt/ })).toContainText("Abgelaufen");
  await expectNoAxeViolations(page);

  // A refused award shows its reason at the date field.
  await page.getByRole("link", { name: "Beispiel-Wohlfahrtsverband Eifel (Beispiel)" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Beispiel-Wohlfahrtsverband Eifel/ })).toBeVisible();
  await expectNoAxeViolations(page);
  const award = page.locator("form", { has: page.getByRole("heading", { name: "Siegel verleihen" }) });
  await award.getByRole("button", { name: "Siegel verleihen" }).click();
  await expect(page.getByRole("link", { name: /Meilenstein\(e\) sind an diesem Tag nicht erreicht/ })).toBeVisible();
  await expectNoAxeViolations(page);

  // The public list, also on a narrow phone.
  await page.goto("/t/staedteregion-aachen/siegel");
  await expect(page.getByRole("table", { name: /Siegelträger am/ })).toContainText("Beispielgemeinde Am Venn");
  await expectNoAxeViolations(page);
  await page.setViewportSize({ width: 320, height: 800 });
  await expectNoOverflow(page);
  await expectNoAxeViolations(page);
});

test("clause library and trainings as editor of Aachen, without axe violations", async ({ page }) => {
  await login(page, "editor.aachen@example.org");
  await page.goto("/t/aachen/verwaltung/oeffnung/stellenausschreibungen");
  await expect(page.getByText("Kreis Lippe, Quelle: Datei 004, Zeilen 745–748")).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "Nur die Texte zum Kopieren anzeigen" }).click();
  await expect(page.getByLabel(/Text 4 \(Landschaftsverband Rheinland/)).toHaveValue(
    "Wir freuen uns über Bewerbungen von Menschen mit Migrationshintergrund.",
  );
  await expectNoAxeViolations(page);

  await page.goto("/t/aachen/verwaltung/oeffnung/schulungen");
  await expect(page.getByRole("heading", { level: 1, name: "Schulungen" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page
    .getByRole("link", { name: "Interkulturelle Kompetenz für mehr Handlungskompetenz in Beruf und Alltag" })
    .click();
  await expect(page.getByRole("table", { name: "Anteil der Bestnote je Termin" })).toContainText(
    "weniger als 5 Bewertungen",
  );
  await expectNoAxeViolations(page);
  await page.setViewportSize({ width: 320, height: 800 });
  await page.goto("/t/aachen/schulung-bewerten");
  await expectNoOverflow(page);
  await expectNoAxeViolations(page);
});

test("a participant evaluates a training by keyboard only", async ({ page, browser }) => {
  // The trainer reads the session's code off the course page.
  const staff = await browser.newPage();
  await login(staff, "editor.aachen@example.org");
  await staff.goto("/t/aachen/verwaltung/oeffnung/schulungen");
  await staff.getByRole("link", { name: /Interkulturelle Kompetenz für mehr Handlungskompetenz/ }).click();
  const text = (await staff
    .getByText(/Code für den Bewertungsbogen: [A-Z2-9]{8} \(Bewertung offen\)/)
    .last()
    .textContent())!;
  const code = text.match(/: ([A-Z2-9]{8})/)![1];
  await staff.close();

  await page.goto("/t/aachen/schulung-bewerten");
  await page.getByLabel("Code des Termins").focus();
  await page.keyboard.type(code.toLowerCase());
  // First question: Tab into the group, Space checks its first mark (1 – trifft voll zu).
  await page.keyboard.press("Tab");
  await page.keyboard.press("Space");
  // Second question: Tab to its group, arrow keys move the choice to 2.
  await page.keyboard.press("Tab");
  await page.keyboard.press("Space");
  await page.keyboard.press("ArrowDown");
  await expect(page.getByRole("radio", { name: "1 – trifft voll zu" }).first()).toBeChecked();
  await expect(
    page.getByRole("group", { name: /Interesse/ }).getByRole("radio", { name: "2", exact: true }),
  ).toBeChecked();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Bewertung absenden" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByText("Vielen Dank, Ihre Bewertung ist gespeichert.")).toBeVisible();
  await expectNoAxeViolations(page);

  // A wrong code: the error summary links to the field, the page stays accessible.
  await page.getByLabel("Code des Termins").focus();
  await page.keyboard.type("ZZZZZZZZ");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Space");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Space");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("link", { name: "Diesen Code gibt es nicht. Bitte prüfen Sie ihn." })).toBeVisible();
  await expectNoAxeViolations(page);
});
