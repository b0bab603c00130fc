import { test, expect, expectNoAxeViolations, DEMO_PASSWORD, logout } from "./fixtures";
import { totpCode, totpStep } from "../../app/kernel/auth/totp";

// Setting up the second factor and logging in with it, by keyboard, with axe on every page
// (decision 0045). The account is switched off again at the end, so other specs log in as before.
const EMAIL = "partner.koeln@example.org";
const code = (secret: string, offset = 0) => totpCode(secret, (totpStep(Date.now()) + offset) * 30_000);

test("a user sets up TOTP, logs in with a code, and switches it off", async ({ page }) => {
  await page.goto("/anmelden");
  await page.getByLabel("E-Mail-Adresse").fill(EMAIL);
  await page.getByLabel(/^Passwort$/).fill(DEMO_PASSWORD);
  await page.getByLabel(/^Passwort$/).press("Enter");
  await page.waitForURL(/\/t\/koeln\/verwaltung/);

  await page.getByRole("link", { name: "Zweiter Faktor" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Zweiter Faktor" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Zweiten Faktor einrichten" }).press("Enter");
  await expect(page.getByRole("img", { name: /QR-Code/ })).toBeVisible();
  await expectNoAxeViolations(page);
  const secret = (await page.locator("[data-secret]").textContent())!.replace(/ /g, "");
  const first = code(secret);
  await page.getByLabel("Sechsstelliger Code").fill(first);
  await page.getByLabel("Sechsstelliger Code").press("Enter");
  await expect(page.getByRole("heading", { name: "Ihre Wiederherstellungscodes" })).toBeVisible();
  await expect(page.locator("[data-recovery-codes] li")).toHaveCount(10);
  const recovery = await page.locator("[data-recovery-codes] li").allTextContents();
  await expectNoAxeViolations(page);

  await logout(page);
  await page.getByLabel("E-Mail-Adresse").fill(EMAIL);
  await page.getByLabel(/^Passwort$/).fill(DEMO_PASSWORD);
  await page.getByLabel(/^Passwort$/).press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Code eingeben" })).toBeVisible();
  await expectNoAxeViolations(page);
  // The code used for the set-up is not accepted again.
  await page.getByLabel("Code aus der App oder Wiederherstellungscode").fill(first);
  await page.getByLabel("Code aus der App oder Wiederherstellungscode").press("Enter");
  await expect(page.getByText(/Der Code ist falsch oder schon benutzt worden. Noch 4 Versuche./)).toBeVisible();
  await page.getByLabel("Code aus der App oder Wiederherstellungscode").fill(code(secret, 1));
  await page.getByLabel("Code aus der App oder Wiederherstellungscode").press("Enter");
  await page.waitForURL(/\/t\/koeln\/verwaltung/);

  await page.goto("/anmelden/bestaetigen?weiter=%2Ft%2Fkoeln%2Fverwaltung");
  await expectNoAxeViolations(page);

  await page.goto("/konto/zweiter-faktor");
  await expectNoAxeViolations(page);
  const off = page.getByRole("region", { name: "Zweiten Faktor ausschalten" });
  await off.getByLabel("Passwort").fill(DEMO_PASSWORD);
  // Both steps of the window ahead may be used up by now: a recovery code does it.
  await off.getByLabel("Code aus der App oder Wiederherstellungscode").fill(recovery[0]);
  await off.getByLabel("Code aus der App oder Wiederherstellungscode").press("Enter");
  await expect(page.getByText("Der zweite Faktor ist ausgeschaltet.")).toBeVisible();
});
