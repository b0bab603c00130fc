import { test as base, expect, type Locator, type Page } from "@playwright/test";
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

/**
 * No horizontal scrolling at the current viewport (WCAG 1.4.10 reflow). On failure it names the
 * outermost elements that reach past the viewport's edge, so the cause is visible in the report.
 */
export async function expectNoOverflow(page: Page) {
  const r = await page.evaluate(() => {
    const root = document.documentElement;
    const width = root.clientWidth;
    // Content of a scroll box (a wide table in its wrapper) does not widen the page.
    const clipped = (el: Element) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        if (getComputedStyle(p).overflowX !== "visible") return true;
      }
      return false;
    };
    const wide = [...document.body.querySelectorAll<HTMLElement>("*")].filter((el) => {
      const r = el.getBoundingClientRect();
      // Right-to-left pages overflow to the left.
      return (r.right > width + 0.5 || r.left < -0.5) && !clipped(el);
    });
    // The outermost elements that stick out although their parent does not: where the layout breaks.
    const leaves = wide.filter((el) => !el.parentElement || !wide.includes(el.parentElement));
    const name = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${[...el.classList].map((c) => `.${c}`).join("")}` +
      ` (right ${Math.round(el.getBoundingClientRect().right)}): ${(el.textContent ?? "").trim().slice(0, 40)}`;
    return { overflow: root.scrollWidth - width, offenders: leaves.slice(0, 5).map(name) };
  });
  expect(r.overflow > 0 ? r.offenders : [], `horizontal overflow of ${r.overflow} px on ${page.url()}`).toEqual([]);
  expect(r.overflow, `horizontal overflow on ${page.url()}`).toBeLessThanOrEqual(0);
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

/** Chooses an option the way a keyboard user does: focus the closed list, arrow down to the option. */
export async function choose(select: Locator, text: string) {
  await select.focus();
  await select.press("Home");
  const options = await select.locator("option").allTextContents();
  const at = options.findIndex((o) => o.startsWith(text));
  expect(at, `${text} in ${options.join(" | ")}`).toBeGreaterThanOrEqual(0);
  for (let i = 0; i < at; i++) await select.press("ArrowDown");
  await expect(select.locator("option:checked")).toHaveText(options[at]);
}

/** Types into a field after focusing it (replacing what it holds). */
export async function type(field: Locator, text: string) {
  await field.focus();
  await field.press("ControlOrMeta+a");
  await field.pressSequentially(text);
}

export const test = base;
export { expect };
