import { test as base, expect, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";

export const DEMO_PASSWORD = "Teilhabe-Demo-2026";

/** Fails with the list of violations, so a broken page says what is wrong. */
export async function expectNoAxeViolations(page: Page) {
  const r = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const summary = r.violations.map(
    (v) =>
      `${v.id}: ${v.help} (${v.nodes
        .map((n) => n.target.join(" "))
        .slice(0, 3)
        .join(", ")})`,
  );
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}

/** Logs in through the form, by keyboard only. */
export async function login(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/anmelden");
  await page.getByLabel(/E-Mail-Adresse|E-mail address/).fill(email);
  await page.getByLabel(/^Passwort$|^Password$/).fill(password);
  await page.getByLabel(/^Passwort$|^Password$/).press("Enter");
  await page.waitForURL((u) => !u.pathname.startsWith("/anmelden"));
}

export async function logout(page: Page) {
  await page.getByRole("button", { name: /Abmelden|Log out/ }).click();
  await page.waitForURL(/\/anmelden/);
}

export const test = base;
export { expect };
