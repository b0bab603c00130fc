import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { Client, startTestServer, type TestServer } from "../../../tests/support/server";

// 150 measures that match one filter (and 150 that do not), all under one Teilziel, so both the
// measure list and the goal tree need more than one page.
let s: TestServer;
let editor: Client;
beforeAll(async () => {
  s = await startTestServer({ modules: true });
  const db = s.db.orm;
  await db.execute(sql`
    WITH e AS (SELECT e.id, e.tenant_id FROM concept_editions e JOIN tenants t ON t.id = e.tenant_id
               WHERE t.slug = 'aachen' AND e.status = 'beschlossen')
    INSERT INTO concept_measures (tenant_id, edition_id, code, title, status, progress, position)
    SELECT e.tenant_id, e.id, 'SEITE-' || lpad(g::text, 3, '0'), 'Seitentest-Maßnahme ' || lpad(g::text, 3, '0'),
      CASE WHEN g % 2 = 0 THEN 'in_umsetzung' ELSE 'beschlossen' END, 0, 1000 + g
    FROM e, generate_series(1, 300) g`);
  await db.execute(sql`
    INSERT INTO concept_measure_goals (tenant_id, measure_id, goal_id)
    SELECT m.tenant_id, m.id, (SELECT g.id FROM concept_goals g WHERE g.edition_id = m.edition_id AND g.kind = 'teilziel' ORDER BY g.position LIMIT 1)
    FROM concept_measures m WHERE m.code LIKE 'SEITE-%'`);
  editor = new Client(s.url);
  await editor.login("editor.aachen@example.org", "Teilhabe-Demo-2026");
});
afterAll(async () => {
  await s?.close();
});

const codes = (html: string) => [...new Set(html.match(/SEITE-\d{3}/g) ?? [])];
const nextHref = (html: string) => {
  const a = /<a [^>]*rel="next"[^>]*>/.exec(html)?.[0];
  return a && /href="([^"]*)"/.exec(a)![1].replace(/&amp;/g, "&");
};

describe("paged staff lists", () => {
  it("measure list: page 2 shows the next measures and the filters stay in the links", async () => {
    const list = "/t/aachen/verwaltung/massnahmen";
    const first = await (await editor.get(`${list}?status=in_umsetzung&q=Seitentest`)).text();
    expect(first).toContain("150 Maßnahmen");
    const even = (from: number, to: number) =>
      Array.from({ length: (to - from) / 2 + 1 }, (_, i) => `SEITE-${String(from + 2 * i).padStart(3, "0")}`);
    expect(codes(first)).toEqual(even(2, 200));
    const next = nextHref(first)!;
    const params = new URL(next, s.url).searchParams;
    expect(params.get("status")).toBe("in_umsetzung");
    expect(params.get("q")).toBe("Seitentest");
    expect(params.get("seite")).toBe("2");
    const second = await (await editor.get(next)).text();
    expect(codes(second)).toEqual(even(202, 300));
    expect(second).toContain('aria-current="page"');
    expect(nextHref(second)).toBeUndefined();
  });

  it("concept page: the goal tree continues on the next page, and the edition stays chosen", async () => {
    const overview = await (await editor.get("/t/aachen/verwaltung/massnahmen")).text();
    const edition = /fassung=([0-9a-f-]{36})/.exec(overview)![1];
    const first = await (await editor.get(`/t/aachen/verwaltung/konzept?fassung=${edition}`)).text();
    const next = nextHref(first)!;
    expect(new URL(next, s.url).searchParams.get("fassung")).toBe(edition);
    const second = await (await editor.get(next)).text();
    const a = codes(first),
      b = codes(second);
    expect(a.length).toBeGreaterThan(0);
    expect(b.length).toBeGreaterThan(0);
    // The page goes on where the first one stopped, under the repeated heading of its goal.
    expect(Number(b[0].slice(6))).toBe(Number(a[a.length - 1].slice(6)) + 1);
    expect(second).toContain("(Fortsetzung)");
    expect(first.length).toBeLessThan(200_000);
  });

  it("atlas staff list shows its count and pages with the same convention", async () => {
    const html = await (await editor.get("/t/aachen/verwaltung/angebote")).text();
    expect(html).toMatch(/\d+ Einträge?</);
    const past = await editor.get("/t/aachen/verwaltung/angebote?seite=999");
    expect(past.status).toBe(200);
  });
});
