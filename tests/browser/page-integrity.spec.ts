import { test, expect, login } from "./fixtures";
import { MAIN_PAGES, openMainPage, type MainPage } from "./main-pages";

// Issue 18: every main page's ids are unique and without whitespace, every reference to an id
// (label for=, aria-*, in-page links) finds its element, and the document title says the page, the
// tenant and the product, so tabs and screen reader announcements tell pages apart.

/** The demo's tenants (app/kernel/demo/seed.ts) by slug. */
const TENANTS: Record<string, string> = { aachen: "Stadt Aachen", koeln: "Stadt Köln" };

const byLogin = new Map<string, MainPage[]>();
for (const p of MAIN_PAGES) byLogin.set(p.as ?? "", [...(byLogin.get(p.as ?? "") ?? []), p]);

/** What is wrong with the current page's ids and references, one line each. */
function idProblems() {
  const problems: string[] = [];
  const seen = new Map<string, number>();
  for (const el of document.querySelectorAll("[id]")) seen.set(el.id, (seen.get(el.id) ?? 0) + 1);
  for (const [id, n] of seen) {
    if (n > 1) problems.push(`id "${id}" ${n} times`);
    if (/\s/.test(id) || id === "") problems.push(`id "${id}" contains whitespace or is empty`);
  }
  const tag = (el: Element) => `<${el.tagName.toLowerCase()}>`;
  for (const el of document.querySelectorAll("label[for]")) {
    const id = el.getAttribute("for")!;
    if (!document.getElementById(id)) problems.push(`${tag(el)} for="${id}" points nowhere`);
  }
  for (const attr of ["aria-labelledby", "aria-describedby", "aria-controls", "aria-owns", "aria-activedescendant"]) {
    for (const el of document.querySelectorAll(`[${attr}]`)) {
      for (const id of el.getAttribute(attr)!.split(/\s+/).filter(Boolean)) {
        if (!document.getElementById(id)) problems.push(`${tag(el)} ${attr}="${id}" points nowhere`);
      }
    }
  }
  for (const el of document.querySelectorAll('a[href^="#"]')) {
    const id = decodeURIComponent(el.getAttribute("href")!.slice(1));
    if (id && !document.getElementById(id)) problems.push(`${tag(el)} href="#${id}" points nowhere`);
  }
  return problems;
}

for (const [as, pages] of byLogin) {
  test(`ids, references and titles of the main pages ${as ? `as ${as}` : "without login"}`, async ({ page }) => {
    if (as) await login(page, as);
    for (const p of pages) {
      const url = await openMainPage(page, p);
      expect(await page.evaluate(idProblems), `${p.name} (${url})`).toEqual([]);
      const title = await page.title();
      expect(title, `${p.name}: no repeated part`).not.toMatch(/Teilhabe – Teilhabe/);
      const slug = new URL(url).pathname.match(/^\/t\/([^/]+)/)?.[1];
      if (slug)
        expect(title, `${p.name}: page – tenant – product`).toMatch(new RegExp(`^.+ – ${TENANTS[slug]} – Teilhabe$`));
      else expect(title, `${p.name}: page – product`).toMatch(/^.+ – Teilhabe$|^Teilhabe$/);
    }
  });
}
