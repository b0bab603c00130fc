import { test, expect, expectNoAxeViolations, expectNoOverflow, login } from "./fixtures";

// Commenting on a draft paragraph by paragraph (issue 12 item 1, decision 0031): an editor makes a
// draft on the published 2021 Fachforum; a visitor comments with and without JavaScript; the editor
// answers and hides; the public page follows. No axe violations, no overflow at 320 px.
test.use({ locale: "de-DE" });

test("a draft is commented paragraph by paragraph, answered and moderated", async ({ page, browser }) => {
  await login(page, "editor.aachen@example.org");
  await page.goto("/t/aachen/verwaltung/beteiligung");
  await page.getByRole("link", { name: /Fachforum 2021/ }).click();
  await page.getByLabel("Text", { exact: true }).selectOption("custom");
  await page.getByLabel("Titel des Entwurfs").fill("Leitlinien Sprache (Entwurf)");
  await page
    .getByLabel("Eigener Text")
    .fill(
      "Sprache ist der Schlüssel zur Teilhabe.\n\nJedes Kind erhält ein Angebot zur Sprachförderung vor der Einschulung.",
    );
  await page.getByRole("button", { name: "Entwurf anlegen" }).click();
  await expect(page.getByText("Der Entwurf ist angelegt.")).toBeVisible();
  await expectNoAxeViolations(page);
  const staffUrl = page.url();

  // A visitor with JavaScript comments on paragraph 2.
  const visitor = await browser.newContext({ locale: "de-DE" });
  const v = await visitor.newPage();
  await page.getByRole("link", { name: "Öffentliche Seite des Entwurfs" }).click();
  await page.waitForURL(/\/t\/aachen\/beteiligung\/.+\/entwurf\//);
  const publicUrl = page.url();
  await v.goto(publicUrl);
  await expect(v.getByRole("heading", { level: 1, name: "Leitlinien Sprache (Entwurf)" })).toBeVisible();
  await expectNoAxeViolations(v);
  await v.getByText("Absatz 2 kommentieren").click();
  await v.getByLabel("Ihr Kommentar zu Absatz 2").fill("Auch für Kinder, die erst nach der Einschulung zuziehen?");
  await v
    .locator("section", { has: v.getByRole("heading", { level: 2, name: "Absatz 2" }) })
    .getByRole("button", { name: "Kommentar abschicken" })
    .click();
  await expect(v.getByText("Danke! Ihr Kommentar ist veröffentlicht.")).toBeVisible();
  await expect(v.getByText("Auch für Kinder, die erst nach der Einschulung zuziehen?")).toBeVisible();
  await expectNoAxeViolations(v);
  await v.setViewportSize({ width: 320, height: 700 });
  await expectNoOverflow(v);

  // Without JavaScript: a plain form post (an empty comment is refused by the HTTP tests).
  const noJs = await browser.newContext({ locale: "de-DE", javaScriptEnabled: false });
  const n = await noJs.newPage();
  await n.goto(publicUrl);
  await n.getByText("Absatz 1 kommentieren").click();
  await n.getByLabel("Ihr Kommentar zu Absatz 1").fill("Werbung für Dinge, die hier nicht hingehören");
  await n.getByLabel("Name (freiwillig)").first().fill("Spam");
  await n.getByRole("button", { name: "Kommentar abschicken" }).first().click();
  await expect(n.getByText("Danke! Ihr Kommentar ist veröffentlicht.")).toBeVisible();

  // The editor hides the unsuitable comment and answers the question.
  await page.goto(staffUrl);
  await expect(page.getByText("Werbung für Dinge, die hier nicht hingehören")).toBeVisible();
  await page.getByRole("button", { name: "Ausblenden" }).first().click();
  await expect(page.getByText("Der Kommentar ist ausgeblendet.")).toBeVisible();
  await page
    .getByLabel(/Antwort auf Kommentar/)
    .last()
    .fill("Ja, das Angebot gilt auch für Kinder, die später zuziehen.");
  await page.getByRole("button", { name: "Antwort speichern" }).last().click();
  await expect(page.getByText("Die Antwort ist gespeichert.")).toBeVisible();
  await expectNoAxeViolations(page);

  await n.goto(publicUrl);
  await expect(n.getByText("Werbung für Dinge, die hier nicht hingehören")).toHaveCount(0);
  await expect(n.getByText("Ja, das Angebot gilt auch für Kinder, die später zuziehen.")).toBeVisible();
  await visitor.close();
  await noJs.close();
});
