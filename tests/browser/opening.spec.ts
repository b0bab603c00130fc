import { test, expect, expectNoAxeViolations, expectNoOverflow, login, expectSaved } from "./fixtures";

// Interkulturelle Öffnung (issue 15): the Caritas' lead (the demo partner account) starts next year's
// self-assessment from last year's, rates the ten Ansatzpunkte by keyboard – meeting the rule that
// "erfüllt" needs evidence –, completes it and sees the change per criterion; every page without axe
// violations, also at 320 px.
test.use({ locale: "de-DE" });

const CRITERIA = [
  "Leitbild und Grundsätze spiegeln Vielfalt-Politik wider.",
  "Interkulturelle Öffnung ist verankert in den Jahreszielen.",
  "Schlüsselprozesse werden auf interkulturelle Faktoren geprüft und verändert.",
  "Zugangsbarrieren zu den Dienstleistungen werden analysiert.",
  "Interkulturelle Seminare zur Personalentwicklung werden angeboten.",
  "Anforderungen von Kundinnen und Kunden mit Migrationshintergrund werden erfragt.",
  "Mitarbeiterinnen und Mitarbeiter mit Migrationshintergrund werden eingestellt.",
  "Eine Analyse der Struktur von Nutzerinnen und Nutzern findet statt.",
  "Öffentlichkeitsarbeit und Vernetzung werden ausgebaut.",
  "Räumliche Veränderungen insbesondere im Empfangsbereich finden statt.",
];
// Last year (demo): met, partly, not_met, partly, partly, not_met, met, not_met, partly, n/a.
const THIS_YEAR = [
  "erfüllt",
  "erfüllt",
  "teilweise erfüllt",
  "teilweise erfüllt",
  "erfüllt",
  "teilweise erfüllt",
  "teilweise erfüllt",
  "nicht erfüllt",
  "teilweise erfüllt",
  "nicht zutreffend",
];

test("a lead runs next year's self-assessment by keyboard and sees the change per criterion", async ({ page }) => {
  await login(page, "partner.aachen@example.org");
  await page.goto("/t/aachen/verwaltung");
  const menu = page
    .getByRole("navigation", { name: "Verwaltung" })
    .getByRole("link", { name: "Interkulturelle Öffnung" });
  await menu.focus();
  await menu.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Interkulturelle Öffnung" })).toBeVisible();
  await expectNoAxeViolations(page);
  const section = page.getByRole("link", { name: "Selbstbewertung" });
  await section.focus();
  await section.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Selbstbewertung" })).toBeVisible();
  // A partner sees its own organisation only.
  await expect(page.getByText("Fachbereich Wohnen, Soziales und Integration")).toHaveCount(0);
  await expectNoAxeViolations(page);
  const last = page.getByRole("row", { name: /Caritasverband .* 2024/ }).getByRole("link");
  await last.focus();
  await last.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: /Selbstbewertung Caritasverband .* 2024/ })).toBeVisible();
  await expectNoAxeViolations(page);

  const next = page.getByRole("button", { name: "Bewertung für das Folgejahr beginnen" });
  await next.focus();
  await next.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: /Selbstbewertung Caritasverband .* 2025/ })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Bewertung der Kriterien" })).toBeVisible();
  await expectNoAxeViolations(page);

  // Each criterion: the radio of this year's rating by keyboard, then Tab into the evidence.
  for (const [i, text] of CRITERIA.entries()) {
    const group = page.getByRole("group", { name: new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`) });
    await expect(group.getByText("Vorjahr (2024):")).toBeVisible();
    const radio = group.getByRole("radio", { name: THIS_YEAR[i], exact: true });
    await radio.focus();
    await radio.press("Space");
    await expect(radio).toBeChecked();
    // The first one stays without evidence: the form must refuse it.
    if (i > 0 && THIS_YEAR[i] !== "nicht zutreffend") {
      await radio.press("Tab");
      await page.keyboard.type(`Nachweis ${i + 1}`);
    }
  }
  const save = page.getByRole("button", { name: "Bewertung speichern" });
  await save.focus();
  await save.press("Enter");
  const error = page.getByRole("link", {
    name: "„erfüllt“ braucht einen Nachweis. Bitte den Nachweis nennen oder eine andere Bewertung wählen.",
  });
  await expect(error).toBeVisible();
  await expectNoAxeViolations(page);
  // The summary's link leads to the field; what was chosen and typed is still there.
  await error.focus();
  await error.press("Enter");
  await expect(page.getByRole("radio", { name: "erfüllt", exact: true }).first()).toBeChecked();
  const evidence = page.getByRole("textbox", { name: /Nachweis/ }).first();
  await evidence.focus();
  await page.keyboard.type("Leitbild 2025, Abschnitt Vielfalt");
  await expect(page.getByRole("textbox", { name: /Nachweis/ }).nth(1)).toHaveValue("Nachweis 2");
  await save.focus();
  await save.press("Enter");
  await expectSaved(page);

  // Evaluation: complete, then the comparison with last year.
  const evaluation = page.getByRole("navigation", { name: "Kreislauf" }).getByRole("link", { name: "Evaluation" });
  await evaluation.focus();
  await evaluation.press("Enter");
  const complete = page.getByRole("button", { name: "Selbstbewertung abschließen" });
  await complete.focus();
  await complete.press("Enter");
  await expect(page.getByText(/Abgeschlossen am/)).toBeVisible();
  const table = page.getByRole("table", { name: "Vergleich mit dem Vorjahr" });
  await expect(table.getByRole("row", { name: new RegExp(`^${CRITERIA[1]}`) })).toContainText("besser als im Vorjahr");
  await expect(table.getByRole("row", { name: new RegExp(`^${CRITERIA[0]}`) })).toContainText("unverändert");
  await expect(table.getByRole("row", { name: /^Mitarbeiterinnen und Mitarbeiter mit/ })).toContainText(
    "schlechter als im Vorjahr",
  );
  await expectNoAxeViolations(page);

  // The pages at 320 px: no horizontal scrolling.
  await page.setViewportSize({ width: 320, height: 800 });
  await expectNoOverflow(page);
  await page.goto(page.url().replace(/\?.*$/, "?phase=bestandsaufnahme"));
  await expectNoOverflow(page);
  await expectNoAxeViolations(page);
});

test("an editor sees the catalogues verbatim with their source lines and Aachen's workshop notes without names", async ({
  page,
}) => {
  await login(page, "editor.aachen@example.org");
  await page.goto("/t/aachen/verwaltung/oeffnung/kataloge");
  await expect(page.getByRole("heading", { level: 1, name: "Kataloge der interkulturellen Öffnung" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "Typische Widerstände" }).click();
  await expect(page.getByRole("row", { name: /2420–2423 „Wir behandeln alle gleich.“/ })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.goto("/t/aachen/verwaltung/oeffnung/bewertung");
  await page
    .getByRole("row", { name: /Fachbereich Wohnen.* 2025/ })
    .getByRole("link")
    .click();
  await expect(page.getByRole("heading", { level: 2, name: "Typische Widerstände – Workshop" })).toBeVisible();
  await expect(page.getByText("Beispiel (erfunden): Gleich behandeln heißt nicht gleich erreichen.")).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("navigation", { name: "Kreislauf" }).getByRole("link", { name: "Maßnahmen" }).click();
  await expect(page.getByRole("heading", { level: 3, name: /Mehrsprachige Wegweiser/ })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.setViewportSize({ width: 320, height: 800 });
  await expectNoOverflow(page);
});

test("the language-mediator pool: an editor requests a mediator; a mediator sees only date, place and reference", async ({
  page,
}) => {
  await login(page, "editor.aachen@example.org");
  await page.goto("/t/aachen/verwaltung/oeffnung/sprachmittlung");
  await expect(page.getByRole("heading", { level: 1, name: "Sprachmittlung" })).toBeVisible();
  await expect(page.getByRole("row", { name: /Gebärdensprachdolmetschdienst/ })).toContainText(
    "Deutsche Gebärdensprache",
  );
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "Anfragen und Einsätze" }).click();
  const form = page.locator("form", { has: page.getByRole("button", { name: "Anfragen" }) });
  await form.getByLabel("Fachbereich").fill("Gesundheitsamt");
  await form.getByLabel("Sprache").selectOption("uk");
  await form.getByLabel("Datum").fill("2026-12-22");
  await form.getByLabel("Ort").fill("Gesundheitsamt, Raum 3");
  await form.getByRole("button", { name: "Anfragen" }).click();
  await expect(page.getByText(/Die Anfrage ist aufgenommen: SM-2026-\d{4}/)).toBeVisible();
  await expectNoAxeViolations(page);
  await page.setViewportSize({ width: 320, height: 800 });
  await expectNoOverflow(page);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByRole("button", { name: /Abmelden/ }).click();
  await login(page, "viewer.aachen@example.org");
  await page.goto("/t/aachen/verwaltung/oeffnung/sprachmittlung/einsaetze");
  await expect(page.getByRole("row", { name: /Bürgerservice, Bahnhofplatz 3/ })).toBeVisible();
  await expect(page.getByText("Anmeldung einer Familie")).toHaveCount(0);
  await expectNoAxeViolations(page);
});
