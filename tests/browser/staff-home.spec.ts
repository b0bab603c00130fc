import { test, expect, expectNoAxeViolations, login } from "./fixtures";

// Issue 18 item 1: the staff home says what needs attention today, per role. Aachen's administration
// has work in several modules of the demo (measures with overdue milestones, a past meeting still
// listed as planned, mediation requests …); every item links to a page where it is done. A viewer is
// told nothing that needs rights a viewer lacks.

test("the staff home lists today's work, each item leads to its page", async ({ page }) => {
  await login(page, "admin.aachen@example.org");
  await page.goto("/t/aachen/verwaltung");
  const today = page.getByRole("region", { name: "Was heute ansteht" });
  await expect(today.getByRole("heading", { level: 2, name: "Was heute ansteht" })).toBeVisible();
  const links = today.getByRole("link");
  await expect(links.first()).toBeVisible();
  // The bodies' item is there for the administration (the demo's meeting of June 2026 has no state yet).
  await expect(
    today.getByRole("link", { name: /^Vergangene Sitzungen, die noch als geplant geführt werden: \d+$/ }),
  ).toBeVisible();
  await expectNoAxeViolations(page);

  const targets = await links.evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute("href")!));
  expect(targets.length).toBeGreaterThan(0);
  for (const href of new Set(targets)) {
    const res = await page.goto(href);
    expect(res?.status(), href).toBe(200);
    await expect(page.getByRole("heading", { level: 1 }), href).toBeVisible();
  }

  // By keyboard: the bodies' item opens the list of meetings with work outstanding.
  await page.goto("/t/aachen/verwaltung");
  await page.getByRole("link", { name: /^Vergangene Sitzungen/ }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/t\/aachen\/verwaltung\/gremien#sitzungen-offen$/);
  const outstanding = page.getByRole("region", { name: "Sitzungen mit offener Arbeit" });
  await expect(
    outstanding.getByRole("cell", { name: "Stand eintragen: abgehalten oder abgesagt" }).first(),
  ).toBeVisible();
  await expectNoAxeViolations(page);
});

test("a viewer is told nothing that needs an editor's rights", async ({ page }) => {
  await login(page, "viewer.aachen@example.org");
  await page.goto("/t/aachen/verwaltung");
  const today = page.getByRole("region", { name: "Was heute ansteht" });
  await expect(today.getByRole("heading", { level: 2, name: "Was heute ansteht" })).toBeVisible();
  // Approvals, reviews, meetings, mediation, seal and surveys are the editors' work.
  for (const editorial of [
    /auf Freigabe warten/,
    /auf Ihre Prüfung warten/,
    /Sitzungen/,
    /Sprachmittlung/,
    /Siegel/,
    /Befragungen/,
    /Kommentare zu offenen Entwürfen/,
  ])
    await expect(today.getByText(editorial)).toHaveCount(0);
  await expectNoAxeViolations(page);
});
