import { test as base, expect, type Locator, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import fs from "node:fs";

/** Where tests/browser/serve.mjs copies everything the server prints. */
const SERVER_LOG = ".tmp/browser-server.log";

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
  // Either the login goes through or the page says why not. A login that does neither for minutes is a
  // hang (ci28 waited 30 minutes on one): fail with what the page and the server showed, not silently.
  const HANG = 5 * 60_000;
  const left = page
    .waitForURL((u) => !u.pathname.startsWith("/anmelden"), { timeout: HANG })
    .then(() => ({ ok: true as const }))
    .catch(() => ({ ok: false as const, message: "" }));
  const refused = page
    .locator('main [data-feedback="error"], main [role="alert"]')
    .first()
    .waitFor({ timeout: HANG })
    .then(async () => ({ ok: false as const, message: "refused" }))
    .catch(() => ({ ok: false as const, message: "" }));
  const r = await Promise.race([left, refused]);
  if (r.ok) return;
  if (r.message === "refused" && !page.url().includes("/anmelden")) return;
  const state = await page
    .evaluate(() => ({
      url: location.href,
      readyState: document.readyState,
      email: (document.querySelector('input[name="email"]') as HTMLInputElement | null)?.value,
      passwordFilled: !!(document.querySelector('input[name="password"]') as HTMLInputElement | null)?.value,
      alerts: [...document.querySelectorAll('[role="alert"], [data-feedback]')].map(
        (e) => (e as HTMLElement).innerText,
      ),
    }))
    .catch((e: unknown) => String(e));
  const log = fs.existsSync(SERVER_LOG) ? fs.readFileSync(SERVER_LOG, "utf8").split("\n").slice(-40).join("\n") : "";
  throw new Error(`login as ${email} did not complete: ${JSON.stringify(state)}\nserver log, last lines:\n${log}`);
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

/**
 * Waits for the success answer "Gespeichert." itself. A plain getByText would also match any hint
 * that ends in "… gespeichert." (case-insensitive substring) and pass before the form was answered.
 */
export async function expectSaved(page: Page) {
  await expect(page.getByText("Gespeichert.", { exact: true })).toBeVisible();
}

export const test = base;
export { expect };
