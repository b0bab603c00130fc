import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { Client, startTestServer, type TestServer } from "../../../tests/support/server";
import { GLOSSARY_TERMS } from "../glossary/terms";
import de from "../glossary/strings/de.json";
import en from "../glossary/strings/en.json";

// Issue 18 item 6 over HTTP: the audit log in words, and the glossary page every term links to.

const PW = "Teilhabe-Demo-2026";
let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ modules: true });
});
afterAll(async () => {
  await s?.close();
});

// React escapes quotes in text; the page shows the same characters.
const html = (text: string) =>
  text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/'/g, "&#x27;")
    .replace(/"/g, "&quot;");
// React separates adjacent text with empty comments.
const page = async (c: Client, path: string) => (await (await c.get(path)).text()).replaceAll("<!-- -->", "");

describe("the glossary page", () => {
  for (const [lang, strings] of [
    ["de", de],
    ["en", en],
  ] as const) {
    it(`lists every term with its anchor and explanation (${lang})`, async () => {
      const answer = await new Client(s.url).get(`/begriffe?lang=${lang}`);
      expect(answer.status).toBe(200);
      const body = await answer.text();
      expect(body).toContain(`<html lang="${lang}"`);
      for (const id of GLOSSARY_TERMS) {
        const term = strings.glossary.terms[id];
        expect(body, id).toContain(`<dt id="${id}" class="kern-heading-small">${html(term.term)}</dt>`);
        expect(body, id).toContain(`<dd class="kern-body">${html(term.text)}</dd>`);
        expect(body, id).toContain(`href="#${id}"`);
      }
    });
  }

  it("is German for the other languages, and linked from the footer and from terms on pages", async () => {
    const c = new Client(s.url);
    const ar = await (await c.get("/begriffe?lang=ar")).text();
    expect(ar).toContain('<html lang="de"');
    expect(ar).toContain(de.glossary.terms.kernset.text);
    const home = await (await c.get("/?lang=ar")).text();
    // The footer's link in Arabic, saying it leads to German; the first AGS on the start page as a term.
    expect(home).toMatch(/<a[^>]*href="\/begriffe"[^>]*hrefLang="de"|<a[^>]*hrefLang="de"[^>]*href="\/begriffe"/i);
    expect(await (await c.get("/")).text()).toContain('href="/begriffe#ags"');
  });
});

describe("the audit log", () => {
  it("says what happened in words, with the record's name or its short id, and codes nobody named as codes", async () => {
    await s.db.orm.execute(sql`
      INSERT INTO audit_log (tenant_id, actor_label, action, entity, entity_id, after)
      SELECT id, 'Testperson', 'submit', 'atlas_entry', '7369764b-0000-4000-8000-000000000001',
             '{"status": "pending", "translations": {"de": {"title": "Sprachcafé am Markt"}}}'::jsonb
        FROM tenants WHERE slug = 'aachen'
      UNION ALL
      SELECT id, 'Testperson', 'stale', 'atlas_entry', 'abcdef12-0000-4000-8000-000000000002', '{"status": "x"}'::jsonb
        FROM tenants WHERE slug = 'aachen'
      UNION ALL
      SELECT id, 'Testperson', 'frobnicate', 'mystery_thing', NULL, NULL FROM tenants WHERE slug = 'aachen'`);
    const admin = new Client(s.url);
    await admin.login("admin.aachen@example.org", PW);
    const body = await page(admin, "/t/aachen/verwaltung/protokoll?actor=Testperson");
    expect(body).toContain("eingereicht");
    expect(body).toContain("Angebot im Atlas: Sprachcafé am Markt");
    expect(body).toContain("als veraltet markiert");
    expect(body).toContain("Angebot im Atlas <code>abcdef12</code>");
    expect(body).toContain('<code lang="zxx">frobnicate</code>');
    expect(body).toContain('<code lang="zxx">mystery_thing</code>');
    expect(body).not.toContain("submit/create");
    expect(body).not.toMatch(/>atlas_entry</);
    // The filters offer the words, their values stay the codes.
    expect(body).toContain('<option value="atlas_entry">Angebot im Atlas</option>');
    expect(body).toContain('<option value="submit">eingereicht</option>');

    const english = await page(admin, "/t/aachen/verwaltung/protokoll?actor=Testperson&lang=en");
    expect(english).toContain("Offer in the atlas: ");
    expect(english).toContain("submitted");
    expect(english).toContain("marked out of date");
  });
});
