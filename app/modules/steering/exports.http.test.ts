import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { startTestServer, type TestServer } from "../../../tests/support/server";
import { plain, queryRows, roleClients } from "../../../tests/support/roles";
import { readGermanCsv } from "../../../tests/support/csv";

// Issue 18 item 4: a download offered beside a filtered measure list holds exactly that list – on
// the controlling page (its "überfällig" filter, through controlling()) and on the measure list.
let s: TestServer;
let as: Awaited<ReturnType<typeof roleClients>>;
const q = queryRows(() => s);
let adopted: string;
let overdueCodes: string[];

beforeAll(async () => {
  s = await startTestServer({ modules: true });
  as = await roleClients(s, "aachen");
  [{ id: adopted }] = await q<{ id: string }>(
    sql`SELECT e.id::text AS id FROM concept_editions e JOIN tenants t ON t.id = e.tenant_id
        WHERE t.slug = 'aachen' AND e.status = 'beschlossen'`,
  );
  // Two running measures get a milestone whose day has passed: they and only they are overdue.
  const two = await q<{ id: string; code: string; tenant_id: string }>(
    sql`SELECT id::text, code, tenant_id::text FROM concept_measures
        WHERE edition_id = ${adopted} AND status = 'beschlossen' ORDER BY position LIMIT 2`,
  );
  expect(two).toHaveLength(2);
  await q(sql`DELETE FROM concept_milestones WHERE due_on < CURRENT_DATE AND done_on IS NULL`);
  for (const m of two)
    await q(
      sql`INSERT INTO concept_milestones (tenant_id, measure_id, title, due_on)
          VALUES (${m.tenant_id}, ${m.id}, 'Verpasster Meilenstein', CURRENT_DATE - 30)`,
    );
  overdueCodes = two.map((m) => m.code).sort();
});
afterAll(() => s?.close());

/** The Kennungen of a catalogue CSV (first column), header dropped. */
const codesOf = (csv: string) =>
  readGermanCsv(csv)
    .slice(1)
    .map((r) => r[0])
    .sort();

describe("measure exports follow the filter of their page", () => {
  it("controlling page with „überfällig“: the export link carries the filter and holds exactly the listed measures", async () => {
    const page = await (
      await as("editor").get(`/t/aachen/verwaltung/steuerung?fassung=${adopted}&ueberfaellig=1`)
    ).text();
    const href = /href="([^"]*\/steuerung\/export\/csv\?[^"]*)"/.exec(page)![1].replace(/&amp;/g, "&");
    expect(href).toContain("ueberfaellig=1");
    expect(plain(page)).toContain("2 Maßnahmen passen zum Filter.");
    const res = await as("editor").get(href);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    expect(codesOf(await res.text())).toEqual(overdueCodes);
    // Without the filter the same export holds the whole edition, so the filter is what narrowed it.
    const all = codesOf(
      await (await as("editor").get(`/t/aachen/verwaltung/steuerung/export/csv?fassung=${adopted}`)).text(),
    );
    expect(all.length).toBeGreaterThan(2);
  });

  it("measure list with „überfällig“: the export behind the list holds the same measures", async () => {
    const base = "/t/aachen/verwaltung/massnahmen";
    const page = await (await as("editor").get(`${base}?fassung=${adopted}&overdue=1`)).text();
    const href = /href="([^"]*\/massnahmen\/export\/csv\?[^"]*)"/.exec(page)![1].replace(/&amp;/g, "&");
    expect(href).toContain("overdue=1");
    const csv = await (await as("editor").get(href)).text();
    expect(codesOf(csv)).toEqual(overdueCodes);
  });

  it("only editors download (the file carries internal notes)", async () => {
    expect((await as("viewer").get(`/t/aachen/verwaltung/steuerung/export/csv?fassung=${adopted}`)).status).toBe(403);
    const page = await (await as("viewer").get(`/t/aachen/verwaltung/steuerung?fassung=${adopted}`)).text();
    expect(page).not.toContain("/steuerung/export/");
  });
});
