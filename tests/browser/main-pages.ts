import type { Page } from "@playwright/test";

/**
 * The 20 main pages of the product (issue 18): what newcomers, the public and staff open first. The
 * usability checks (screenshots in docs/screens/, reflow at 320 px, ids and aria references, English
 * words) walk this one list, so a page added here is checked by all of them.
 *
 * `path` is either a fixed address or found on another page (the first link matching `linkOn`),
 * because the demo's ids are made when it loads.
 */
export interface MainPage {
  /** File name of its screenshot and its name in failure messages. */
  name: string;
  /** The demo login that sees it; none for a public page. */
  as?: string;
  path: string;
  /** Follow the first link on `path` whose href contains this. */
  linkOn?: string;
}

export const MAIN_PAGES: MainPage[] = [
  { name: "01-tenant-home", path: "/t/koeln" },
  { name: "02-atlas-search", path: "/t/koeln/angebote" },
  { name: "03-atlas-offer", path: "/t/koeln/angebote", linkOn: "/angebote/" },
  { name: "04-atlas-map", path: "/t/koeln/angebote/karte" },
  { name: "05-concept-public", path: "/t/aachen/konzept" },
  { name: "06-measure-public", path: "/t/aachen/konzept", linkOn: "/konzept/massnahmen/" },
  { name: "07-monitoring-public", path: "/t/koeln/monitoring" },
  { name: "08-indicator-public", path: "/t/koeln/monitoring", linkOn: "/monitoring/indikator/" },
  { name: "09-accountability-public", path: "/t/aachen/rechenschaft" },
  { name: "10-login", path: "/anmelden" },
  { name: "11-staff-home", as: "editor.aachen@example.org", path: "/t/aachen/verwaltung" },
  { name: "12-staff-concept", as: "editor.aachen@example.org", path: "/t/aachen/verwaltung/konzept" },
  { name: "13-staff-measures", as: "editor.aachen@example.org", path: "/t/aachen/verwaltung/massnahmen" },
  { name: "14-staff-measure-new", as: "editor.aachen@example.org", path: "/t/aachen/verwaltung/massnahmen/neu" },
  { name: "15-staff-monitoring", as: "editor.koeln@example.org", path: "/t/koeln/verwaltung/monitoring" },
  { name: "16-staff-offer-new", as: "editor.koeln@example.org", path: "/t/koeln/verwaltung/angebote/neu" },
  { name: "17-staff-participation", as: "editor.aachen@example.org", path: "/t/aachen/verwaltung/beteiligung" },
  { name: "18-staff-bodies", as: "editor.aachen@example.org", path: "/t/aachen/verwaltung/gremien" },
  { name: "19-staff-opening", as: "editor.aachen@example.org", path: "/t/aachen/verwaltung/oeffnung" },
  { name: "20-staff-steering", as: "editor.aachen@example.org", path: "/t/aachen/verwaltung/steuerung" },
];

/** Opens a main page (following its link where it has one); the caller has logged in as `as`. */
export async function openMainPage(page: Page, p: MainPage): Promise<string> {
  await page.goto(p.path);
  if (p.linkOn) {
    const href = await page.locator(`main a[href*="${p.linkOn}"]`).first().getAttribute("href");
    if (!href) throw new Error(`${p.name}: no link containing ${p.linkOn} on ${p.path}`);
    await page.goto(href);
  }
  return page.url();
}
