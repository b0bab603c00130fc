import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { Client, startTestServer, type TestServer } from "../support/server";
import { queryRows } from "../support/roles";
import { getT } from "~/kernel/i18n";

// Issue 18 item 6: Handlungsfelder in the page's language (kernel/ui/terms.tsx). Aachen's preset field
// is translated ("Language and education"); a field Aachen named itself stays German and is marked as
// such (lang="de"): on the concept's measure pages, the controlling page's filter, participation's
// new-process form and a public process page.

const PW = "Teilhabe-Demo-2026";
const PRESET_DE = "Sprache / Bildung";
const OWN = "Quartiersarbeit im Ostviertel";
let s: TestServer;
const q = queryRows(() => s);
let measureId = "";
let ownId = "";
let presetId = "";
let processId = "";

beforeAll(async () => {
  s = await startTestServer({ modules: true });
  const concept = await (await fetch(`${s.url}/t/aachen/konzept`)).text();
  measureId = /\/t\/aachen\/konzept\/massnahmen\/([0-9a-f-]{36})/.exec(concept)![1];
  const [tenant] = await q<{ id: string }>(sql`SELECT id::text FROM tenants WHERE slug = 'aachen'`);
  [{ id: presetId }] = await q<{ id: string }>(
    sql`SELECT id::text FROM taxonomy_terms WHERE tenant_id = ${tenant.id}::uuid AND preset_key = 'sprache_bildung'`,
  );
  [{ id: ownId }] = await q<{ id: string }>(
    sql`INSERT INTO taxonomy_terms (tenant_id, kind, code, name, short_name, position)
        VALUES (${tenant.id}::uuid, 'handlungsfeld', 'quartiersarbeit_ost', ${OWN}, 'Quartier Ost', 99) RETURNING id::text`,
  );
  await q(sql`INSERT INTO concept_measure_handlungsfelder (tenant_id, measure_id, handlungsfeld_id)
    VALUES (${tenant.id}::uuid, ${measureId}::uuid, ${presetId}::uuid), (${tenant.id}::uuid, ${measureId}::uuid, ${ownId}::uuid)
    ON CONFLICT DO NOTHING`);
  [{ id: processId }] = await q<{ id: string }>(
    sql`UPDATE participation_processes SET handlungsfeld_id = ${presetId}::uuid
        WHERE id = (SELECT id FROM participation_processes WHERE tenant_id = ${tenant.id}::uuid AND status = 'published' LIMIT 1)
        RETURNING id::text`,
  );
});
afterAll(async () => {
  await s?.close();
});

const main = (html: string) => html.slice(html.indexOf("<main"), html.indexOf("</main>")).replace(/<!-- -->/g, "");
const marked = (text: string) => `<bdi lang="de" dir="auto">${text}</bdi>`;

describe("Handlungsfelder in the page's language", () => {
  it("on the public measure page: the preset translated, the tenant's own German and marked", async () => {
    const page = async (lang: string) =>
      main(await (await fetch(`${s.url}/t/aachen/konzept/massnahmen/${measureId}?lang=${lang}`)).text());
    const en = await page("en");
    expect(en).toContain("Language and education");
    expect(en).not.toContain(PRESET_DE);
    expect(en).toContain(marked(OWN));
    const ar = await page("ar");
    expect(ar).toContain(getT("ar")("taxonomy.term.sprache_bildung"));
    expect(ar).not.toContain(PRESET_DE);
    expect(ar).toContain(marked(OWN));
    const de = await page("de");
    expect(de).toContain(PRESET_DE);
    expect(de).toContain(OWN);
    expect(de).not.toContain('lang="de"');
  });

  it("on the staff measure list, its filter and the measure page in English", async () => {
    const c = new Client(s.url);
    await c.login("editor.aachen@example.org", PW);
    const list = main(await (await c.get("/t/aachen/verwaltung/massnahmen?lang=en")).text());
    expect(list).toContain(`<option value="${presetId}">Language and education</option>`);
    expect(list).toContain(`<option value="${ownId}" lang="de" dir="auto">${OWN}</option>`);
    // The table (filtered to the measure) names its fields: translated, else the short German name, marked.
    const filtered = main(await (await c.get(`/t/aachen/verwaltung/massnahmen?lang=en&handlungsfeld=${ownId}`)).text());
    expect(filtered).toMatch(/<td class="kern-table__cell">Language and education, /);
    expect(filtered).toContain(`, ${marked("Quartier Ost")}</td>`);
    expect(filtered).not.toContain("Sprache/Bildung");
    const measure = main(await (await c.get(`/t/aachen/verwaltung/massnahmen/${measureId}?lang=en`)).text());
    expect(measure).toContain("Language and education");
    expect(measure).toContain(marked(OWN));
    expect(measure).not.toContain(PRESET_DE);
  });

  it("in the filters of the controlling page and the new-process form, and on a public process page", async () => {
    const c = new Client(s.url);
    await c.login("editor.aachen@example.org", PW);
    for (const path of ["/t/aachen/verwaltung/steuerung?lang=en", "/t/aachen/verwaltung/beteiligung/neu?lang=en"]) {
      const page = main(await (await c.get(path)).text());
      expect(page, path).toContain(`<option value="${presetId}">Language and education</option>`);
      expect(page, path).toContain(`<option value="${ownId}" lang="de" dir="auto">${OWN}</option>`);
    }
    const processPage = async (lang: string) =>
      main(await (await fetch(`${s.url}/t/aachen/beteiligung/${processId}?lang=${lang}`)).text());
    expect(await processPage("en")).toContain(" · Language and education");
    const uk = await processPage("uk");
    expect(uk).toContain(` · ${getT("uk")("taxonomy.term.sprache_bildung")}`);
    expect(uk).not.toContain(` · ${PRESET_DE}`);
  });
});
