import fs from "node:fs";
import path from "node:path";
import { test, expect, login } from "./fixtures";
import { MAIN_PAGES, openMainPage, type MainPage } from "./main-pages";

// Issue 18 item 6: the English interface shows no German word of the interface on the 20 main pages.
// The words are the most frequent ones in the German strings (every de.json under app/) that no
// English string uses – computed here, so a new German-only word joins the list by itself. What tenants
// write (concept texts, names, places) is German by nature; it is marked with lang="de" (WCAG 3.1.2,
// kernel/ui/content.tsx) and left out, so a German word outside such a mark is the interface's.

test.use({ locale: "en-GB" });

function stringsOf(o: unknown): string[] {
  if (typeof o === "string") return [o];
  if (o && typeof o === "object") return Object.values(o).flatMap(stringsOf);
  return [];
}

function bundles(name: string, skip?: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (skip && p.startsWith(skip)) continue;
      if (e.isDirectory()) walk(p);
      else if (e.name === name) out.push(...stringsOf(JSON.parse(fs.readFileSync(p, "utf8"))));
    }
  };
  walk("app");
  return out;
}

const WORD = /[A-Za-zÄÖÜäöüß]{4,}/g;
const plain = (s: string) => s.replace(/\{\{[^}]*\}\}|<[^>]*>/g, " ");

// The glossary's English names each German term in brackets ("Measure (Maßnahme)"), on purpose.
const englishWords = new Set(
  bundles("en.json", path.join("app", "kernel", "glossary")).flatMap((s) =>
    (plain(s).match(WORD) ?? []).map((w) => w.toLowerCase()),
  ),
);
const germanOnly = (strings: string[]) =>
  [...new Set(strings.flatMap((s) => plain(s).match(WORD) ?? []))].filter((w) => !englishWords.has(w.toLowerCase()));

/** The 150 most frequent German interface words that no English string contains. */
function germanWords(): string[] {
  const counts = new Map<string, number>();
  for (const s of bundles("de.json"))
    for (const w of new Set(plain(s).match(WORD) ?? [])) counts.set(w, (counts.get(w) ?? 0) + 1);
  return [...counts]
    .filter(([w]) => !englishWords.has(w.toLowerCase()))
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, 150)
    .map(([w]) => w);
}

/** The page's visible text outside tenant content marked with another language than English. */
function interfaceText(): string {
  const parts: string[] = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!el || el.closest("script, style, template, [hidden], [aria-hidden='true']")) continue;
    const lang = el.closest("[lang]")?.getAttribute("lang") ?? "";
    if (!lang.startsWith("en")) continue;
    parts.push(n.textContent ?? "");
  }
  return parts.join(" ").replace(/\s+/g, " ");
}

/**
 * The German words of the monitoring core set's texts (names, descriptions, sources): Teilhabe's own,
 * translated since issue 18 item 6, so checked on the monitoring pages whatever their frequency – a
 * core indicator's German name there is a missing translation unless the tenant renamed it (then it is
 * marked).
 */
function coreSetWords(): string[] {
  const de = JSON.parse(fs.readFileSync("app/modules/monitoring/i18n/de.json", "utf8")) as {
    monitoring: { coreSet: unknown };
  };
  return germanOnly(stringsOf(de.monitoring.coreSet));
}

/**
 * The German names of the Handlungsfelder the catalogue makes ("Demografie"): preset terms
 * (taxonomy.term.land_*), so every module's page names them in English; checked on every page.
 */
function catalogueFieldWords(): string[] {
  const de = JSON.parse(fs.readFileSync("app/kernel/i18n/de.json", "utf8")) as {
    taxonomy: { term: Record<string, string> };
  };
  return germanOnly(
    Object.entries(de.taxonomy.term)
      .filter(([key]) => key.startsWith("land_"))
      .map(([, name]) => name),
  );
}

const interfaceWords = germanWords();
const pageWords = [...new Set([...interfaceWords, ...catalogueFieldWords()])];
const monitoringWords = [...new Set([...pageWords, ...coreSetWords()])];
const wordsOn = (p: MainPage) => (p.path.includes("/monitoring") ? monitoringWords : pageWords);
const byLogin = new Map<string, MainPage[]>();
for (const p of MAIN_PAGES) byLogin.set(p.as ?? "", [...(byLogin.get(p.as ?? "") ?? []), p]);

test("the word list is the interface's German, not empty", () => {
  expect(interfaceWords.length).toBe(150);
  for (const w of ["nicht", "Maßnahme", "speichern", "Bitte"]) expect(interfaceWords).toContain(w);
  for (const w of ["Migrationshintergrund", "Einwohnerinnen", "Demografie", "Einwohnermelderegister"])
    expect(monitoringWords).toContain(w);
  for (const w of ["Demografie", "Einkommen", "Kita"]) expect(pageWords).toContain(w);
  for (const w of ["Status", "Monitoring"]) expect(monitoringWords).not.toContain(w);
  expect(MAIN_PAGES.filter((p) => wordsOn(p) === monitoringWords).length).toBe(3);
});

for (const [as, pages] of byLogin) {
  test(`no German interface word on the main pages in English ${as ? `as ${as}` : "without login"}`, async ({
    page,
  }) => {
    if (as) await login(page, as);
    for (const p of pages) {
      await openMainPage(page, p);
      await expect(page.locator("html")).toHaveAttribute("lang", "en");
      const text = await page.evaluate(interfaceText);
      const found = wordsOn(p).flatMap((w) => {
        const m = new RegExp(`(?<![A-Za-zÄÖÜäöüß])${w}(?![A-Za-zÄÖÜäöüß])`).exec(text);
        return m ? [`${w}: …${text.slice(Math.max(0, m.index - 40), m.index + w.length + 40)}…`] : [];
      });
      expect.soft(found, `${p.name} (${page.url()})`).toEqual([]);
    }
  });
}
