import fs from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import {
  test,
  expect,
  expectNoAxeViolations,
  expectNoOverflow,
  choose,
  type,
  DEMO_PASSWORD,
  expectSaved,
} from "./fixtures";
import { createHash } from "node:crypto";
import { base32Encode, totpCode, totpStep } from "../../app/kernel/auth/totp";

// Case work across two institutions, by keyboard, with the second factor (issue 16): the Jobcenter
// takes a client in, records a consent, plans a step and refers it to the Jugendamt, which accepts in a
// second browser context and then sees the case. axe on every page, 320 px on the case page. At the
// end the sentinel name is searched in the embedded database's files and in the server's log: it must
// not be there in clear.

const SENTINEL = "Qwirrelbach";
const JOBCENTER = "fallarbeit.jobcenter@example.org";
const JUGENDAMT = "fallarbeit.jugendamt@example.org";

// The demo's second factor of an account, derived from the address as the start prints it
// (app/modules/cases/demo/demo.ts demoTotpSecret; a module's inside is not imported here).
const demoTotpSecret = (email: string) =>
  base32Encode(createHash("sha256").update(`teilhabe-demo-totp:${email}`).digest().subarray(0, 20));

async function loginWithCode(page: Page, email: string) {
  await page.goto("/anmelden");
  await type(page.getByLabel("E-Mail-Adresse"), email);
  await type(page.getByLabel(/^Passwort$/), DEMO_PASSWORD);
  await page.getByLabel(/^Passwort$/).press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Code eingeben" })).toBeVisible();
  const field = page.getByLabel("Code aus der App oder Wiederherstellungscode");
  await type(field, totpCode(demoTotpSecret(email), totpStep(Date.now()) * 30_000));
  await field.press("Enter");
  await page.waitForURL((u) => !u.pathname.startsWith("/anmelden"));
}

/** Follows a link by keyboard: focus it, press Enter. */
async function follow(page: Page, name: string | RegExp) {
  const link = page.getByRole("link", { name }).first();
  await link.focus();
  await link.press("Enter");
}

/** Ticks a checkbox by keyboard. */
async function tick(page: Page, label: string) {
  const box = page.getByRole("checkbox", { name: label });
  await box.focus();
  await box.press("Space");
  await expect(box).toBeChecked();
}

test("intake, consent, plan and referral at the Jobcenter; the Jugendamt accepts in its own session", async ({
  browser,
}) => {
  const jobcenter = await browser.newContext({ locale: "de-DE" });
  const a = await jobcenter.newPage();
  await loginWithCode(a, JOBCENTER);
  await a.goto("/t/staedteregion-aachen/verwaltung/fallarbeit");
  await expect(a.getByRole("heading", { level: 1, name: "Fallarbeit" })).toBeVisible();
  await expectNoAxeViolations(a);

  await follow(a, "Neuen Fall aufnehmen");
  await expect(a.getByRole("heading", { level: 1, name: "Neuen Fall aufnehmen" })).toBeVisible();
  await expectNoAxeViolations(a);
  await type(a.getByLabel("Familienname"), SENTINEL);
  await type(a.getByLabel("Vornamen"), "Beispiel Amina");
  await a.getByLabel("Geburtsdatum").fill("1995-03-14");
  await type(a.getByLabel("Staatsangehörigkeit"), "SY");
  await choose(a.getByLabel("Aufenthaltsstatus"), "Aufenthaltsgestattung");
  await a.getByRole("button", { name: "Fall aufnehmen" }).press("Enter");
  await expect(a.getByText("Der Fall ist aufgenommen.")).toBeVisible();
  await expect(a.getByText(SENTINEL)).toBeVisible();
  await expectNoAxeViolations(a);
  const caseUrl = a.url().replace(/\?.*$/, "");

  await follow(a, "Einwilligung erfassen");
  await expectNoAxeViolations(a);
  await type(a.getByLabel("Zweck"), "Vermittlung in Alltagsorientierung und Begleitung durch das Jugendamt");
  await tick(a, "Identität und Kontakt");
  await tick(a, "Förderplan");
  await tick(a, "Jugendamt der Stadt Aachen (Jugendamt)");
  await type(a.getByLabel("Sprache der Erklärung"), "ar");
  await type(a.getByLabel("Sprachmittlung"), "Sprachmittlerin des Pools");
  await a.getByLabel("Gültig bis").fill("2027-12-31");
  await a.getByRole("button", { name: "Einwilligung speichern" }).press("Enter");
  await expectSaved(a);
  await expect(a.getByRole("heading", { name: /Fassung 1 vom .* – gilt/ })).toBeVisible();

  await follow(a, "Förderplan und Verweisungen");
  await expect(a.getByRole("heading", { level: 1, name: /^Förderplan – Fall/ })).toBeVisible();
  await expectNoAxeViolations(a);
  await choose(a.getByLabel("Schritt", { exact: true }), "Alltagsorientierung");
  await choose(a.getByLabel("Zuständige Stelle"), "Jugendamt der Stadt Aachen");
  await a.getByRole("button", { name: "Schritt hinzufügen" }).press("Enter");
  await expectSaved(a);
  await choose(a.getByLabel("Empfangende Stelle"), "Jugendamt der Stadt Aachen");
  await choose(a.getByLabel("Für den Schritt"), "Alltagsorientierung");
  await a.getByRole("button", { name: "An eine Stelle verweisen" }).press("Enter");
  await expect(
    a.getByText(/An Jugendamt der Stadt Aachen \(Alltagsorientierung\), verwiesen am .* – in Bearbeitung/).first(),
  ).toBeVisible();
  await expectNoAxeViolations(a);

  // The Jugendamt, in its own browser session.
  const jugendamt = await browser.newContext({ locale: "de-DE" });
  const b = await jugendamt.newPage();
  await loginWithCode(b, JUGENDAMT);
  await b.goto("/t/aachen/verwaltung/fallarbeit");
  await follow(b, "Verweisungen an meine Stelle");
  await expect(b.getByRole("heading", { level: 1, name: "Verweisungen an meine Stelle" })).toBeVisible();
  await expectNoAxeViolations(b);
  const incoming = b.getByRole("region", { name: /von Jobcenter StädteRegion Aachen: Alltagsorientierung/ }).first();
  await incoming.getByRole("button", { name: /Annehmen/ }).press("Enter");
  await expectSaved(b);
  await follow(b, /^Fall IP-/);
  await expect(b.getByText(SENTINEL)).toBeVisible();
  await expect(b.getByText("Diese Kategorie dürfen Sie nicht lesen.").first()).toBeVisible();
  await expectNoAxeViolations(b);

  // Back at the Jobcenter: the referral is accepted and the first offer recorded; the page reflows at 320 px.
  await a.goto(`${caseUrl}/plan`);
  await expect(a.getByText(/– angenommen/).first()).toBeVisible();
  await expect(a.getByText(/erstes Angebot am/)).toBeVisible();
  await a.setViewportSize({ width: 320, height: 800 });
  await a.goto(caseUrl);
  await expectNoOverflow(a);
  await expectNoAxeViolations(a);
  await follow(a, "Zugriffsprotokoll");
  await expect(a.getByText("Fallarbeit Jugendamt Aachen").first()).toBeVisible();
  await expectNoAxeViolations(a);
  await jobcenter.close();
  await jugendamt.close();

  // The embedded database's files hold the name only as ciphertext.
  const dir = path.resolve(".tmp/browser-data");
  const hits: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && fs.readFileSync(p).includes(SENTINEL)) hits.push(p);
    }
  };
  walk(dir);
  expect(hits).toEqual([]);
  // Nor in what the server printed: application and request logs.
  const printed = fs.readFileSync(path.resolve(".tmp/browser-server.log"), "utf8");
  expect(printed).toContain("Fallarbeit");
  expect(printed).not.toContain(SENTINEL);
});
