import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { startTestServer, type TestServer } from "../../../tests/support/server";
import { ROOT } from "../../../tests/support/process";
import { plain, queryRows, roleClients } from "../../../tests/support/roles";

// Area identity over HTTP: the Doppelstadt fixture (tests/fixtures/doppelstadt) goes into Aachen's
// empty area register through the staff page; a district and a Stadtteil of one name then have pages,
// exports and API answers of their own.
const FIXTURE = path.join(ROOT, "tests/fixtures/doppelstadt");
const PAGE = "/t/aachen/verwaltung/monitoring/gebiete";

let s: TestServer;
let as: Awaited<ReturnType<typeof roleClients>>;
const query = queryRows(() => s);
const csv = (name: string) => ({
  field: "list",
  name,
  content: fs.readFileSync(path.join(FIXTURE, name)),
  type: "text/csv",
});
const get = (p: string) => fetch(s.url + p, { redirect: "manual" });
const api = async (p: string) => {
  const r = await fetch(s.url + p);
  return { status: r.status, body: await r.json() };
};

beforeAll(async () => {
  s = await startTestServer({ modules: true });
  as = await roleClients(s, "aachen");
});
afterAll(async () => {
  await s?.close();
});

describe("areas from a list through the staff page", () => {
  it("is for editors of the tenant only", async () => {
    expect((await as("editor").get(PAGE)).status).toBe(200);
    expect(plain(await (await as("editor").get(PAGE)).text())).toContain("Gebiete aus einer Liste");
    expect((await as("anonymous").get(PAGE)).status).not.toBe(200);
    for (const role of ["partner", "viewer"] as const) {
      expect((await as(role).get(PAGE)).status, role).toBe(403);
      expect((await as(role).postFile(PAGE, { intent: "list" }, csv("gebiete.csv"))).status, role).toBe(403);
    }
    // Köln's editor reaches nothing of Aachen's, and writes nothing there.
    const koeln = await roleClients(s, "koeln");
    expect((await koeln("editor").get(PAGE)).status).not.toBe(200);
    expect((await koeln("editor").postFile(PAGE, { intent: "list" }, csv("gebiete.csv"))).status).not.toBe(200);
    expect(await aachenAreas()).toBe(0);
  });

  it("refuses an ambiguous list before writing, naming each row in German", async () => {
    const r = await as("editor").postFile(PAGE, { intent: "list" }, csv("gebiete-mehrdeutig.csv"));
    expect(r.status).toBe(422);
    const page = plain(await r.text());
    expect(page).toContain("Nichts übernommen: 4 Zeile(n) der Liste sind fehlerhaft oder mehrdeutig");
    expect(page).toContain(
      "5 1 Altstadt Übergeordneter Schlüssel „1“ ist mehrdeutig: Stadtbezirk 1 Innenstadt; Stadtteil 1 Altstadt.",
    );
    expect(page).toContain("7 2 Neustadt Ebene und Schlüssel stehen schon in Zeile 6.");
    expect(await aachenAreas()).toBe(0);
  });

  it("checks a list in a dry run, then creates the areas without geometry: in the GeoJSON and the selector", async () => {
    const dry = await as("editor").postFile(PAGE, { intent: "list", dryRun: "1" }, csv("gebiete.csv"));
    expect(dry.status).toBe(200);
    expect(plain(await dry.text())).toContain("10 Zeilen: 10 Gebiete neu, 0 vorhanden");
    expect(await aachenAreas()).toBe(0);

    const done = await as("editor").postFile(PAGE, { intent: "list" }, csv("gebiete.csv"));
    expect(done.status).toBe(200);
    expect(plain(await done.text())).toContain("10 Zeilen: 10 Gebiete neu, 0 vorhanden");
    expect(await aachenAreas()).toBe(10);

    for (const p of [
      "/api/v1/t/aachen/areas.geojson?level=stadtteil",
      "/t/aachen/monitoring/gebiete.geojson?ebene=stadtteil",
    ]) {
      const geo = await (await fetch(s.url + p)).json();
      expect(
        geo.features.map((f: { properties: { name: string } }) => f.properties.name),
        p,
      ).toEqual(["Altstadt", "Innenstadt", "Mülheim", "Buchheim", "Porz", "Urbach"]);
      expect(
        geo.features.every((f: { geometry: unknown }) => f.geometry === null),
        p,
      ).toBe(true);
    }
  });
});

describe("a district and a Stadtteil of one name", () => {
  beforeAll(async () => {
    // Values straight into the register (the importer's matching is tested in area-identity.db.test.ts):
    // district Mülheim (2) 41 000, Stadtteil Mülheim (3) 23 000, Stadtteil Innenstadt (2) 18 000.
    await query(sql`INSERT INTO mon_observations (tenant_id, indicator_id, area_id, period, group_code, value)
      SELECT a.tenant_id, i.id, a.id, '2024', 'gesamt', v.value
      FROM (VALUES ('stadtbezirk', '1', 30000), ('stadtbezirk', '2', 41000), ('stadtbezirk', '3', 26000),
                   ('stadtteil', '1', 12000), ('stadtteil', '2', 18000), ('stadtteil', '3', 23000),
                   ('stadtteil', '4', 18000), ('stadtteil', '5', 15000)) v(level, key, value)
      JOIN mon_areas a ON a.level = v.level AND a.key = v.key
      JOIN mon_indicators i ON i.tenant_id = a.tenant_id AND i.code = 'einwohner'
      WHERE a.tenant_id = (SELECT id FROM tenants WHERE slug = 'aachen')`);
  });

  it("have separate public profile pages with their own values", async () => {
    const district = await get("/t/aachen/monitoring/gebiet/stadtbezirk/2");
    expect(district.status).toBe(200);
    const d = plain(await district.text());
    expect(d).toContain("Gebietsprofil: Mülheim (Stadtbezirk)");
    expect(d).toContain("41.000");
    expect(d).not.toContain("23.000");
    const teil = plain(await (await get("/t/aachen/monitoring/gebiet/stadtteil/3")).text());
    expect(teil).toContain("Gebietsprofil: Mülheim (Stadtteil)");
    expect(teil).toContain("23.000");
    expect(teil).not.toContain("41.000");
    // The selector of the Stadtteil page lists every Stadtteil – Urbach too, which has neither values
    // nor geometry – and keeps the level.
    expect(teil).toContain("Urbach (6)");
    const html = await (await get("/t/aachen/monitoring/gebiet/stadtteil/3")).text();
    expect(html).toContain('name="ebene" value="stadtteil"');
    // The chooser form turns level and key into the profile's URL.
    const chosen = await get("/t/aachen/monitoring/gebiet?ebene=stadtbezirk&key=2");
    expect(chosen.headers.get("location")).toBe("/t/aachen/monitoring/gebiet/stadtbezirk/2");
    // An unknown level or key is not found.
    expect((await get("/t/aachen/monitoring/gebiet/viertel/2")).status).toBe(404);
    expect((await get("/t/aachen/monitoring/gebiet/stadtteil/99")).status).toBe(404);
  });

  it("list only their own offers: an atlas place in Stadtteil 2 is not in Stadtbezirk 2", async () => {
    // A published offer placed in Stadtteil 2 "Innenstadt" (key 2, like the district Mülheim).
    await query(sql`WITH e AS (INSERT INTO atlas_entries (tenant_id, status)
        SELECT id, 'published' FROM tenants WHERE slug = 'aachen' RETURNING id, tenant_id),
      t AS (INSERT INTO atlas_translations (tenant_id, entry_id, lang, title)
        SELECT tenant_id, id, 'de', 'Sprachcafé Doppelstadt' FROM e)
      INSERT INTO atlas_places (tenant_id, entry_id, area_level, area_key, area_name)
        SELECT tenant_id, id, 'stadtteil', '2', 'Innenstadt' FROM e`);
    const teil = plain(await (await get("/t/aachen/monitoring/gebiet/stadtteil/2")).text());
    expect(teil).toContain("Sprachcafé Doppelstadt");
    // The district of the Stadtteil lists it, the district that shares its key does not.
    expect(plain(await (await get("/t/aachen/monitoring/gebiet/stadtbezirk/1")).text())).toContain(
      "Sprachcafé Doppelstadt",
    );
    expect(plain(await (await get("/t/aachen/monitoring/gebiet/stadtbezirk/2")).text())).not.toContain(
      "Sprachcafé Doppelstadt",
    );
  });

  it("have exports of their own", async () => {
    const district = await (await get("/t/aachen/monitoring/gebiet/stadtbezirk/2/export?format=csv")).text();
    expect(district).toContain("Mülheim (Stadtbezirk 2)");
    expect(district).toMatch(/;41000;/);
    const teil = await (await get("/t/aachen/monitoring/gebiet/stadtteil/3/export?format=csv")).text();
    expect(teil).toContain("Mülheim (Stadtteil 3)");
    expect(teil).toMatch(/;23000;/);
  });

  it("are told apart by the API: level in every observation, an ambiguous key without level is a 400", async () => {
    const amb = await api("/api/v1/t/aachen/observations?indicator=einwohner&area=2");
    expect(amb.status).toBe(400);
    expect(JSON.stringify(amb.body)).toContain(
      "Den Gebietsschlüssel „2“ gibt es auf den Ebenen stadtbezirk, stadtteil. Bitte mit level die Ebene angeben",
    );
    const district = await api("/api/v1/t/aachen/observations?indicator=einwohner&area=2&level=stadtbezirk");
    expect(district.status).toBe(200);
    expect(district.body.observations).toEqual([
      expect.objectContaining({ area: "2", level: "stadtbezirk", period: "2024", value: 41000 }),
    ]);
    const teil = await api("/api/v1/t/aachen/observations?indicator=einwohner&area=3&level=stadtteil");
    expect(teil.body.observations).toEqual([expect.objectContaining({ area: "3", level: "stadtteil", value: 23000 })]);
    // A key that only one level has needs no level.
    const one = await api("/api/v1/t/aachen/observations?indicator=einwohner&area=4");
    expect(one.body.observations).toEqual([expect.objectContaining({ area: "4", level: "stadtteil", value: 18000 })]);
    const all = await api("/api/v1/t/aachen/observations?indicator=einwohner");
    expect(all.body.observations).toHaveLength(8);
    expect(
      new Set(all.body.observations.map((o: { level: string; area: string }) => `${o.level}/${o.area}`)).size,
    ).toBe(8);
    // The OpenAPI document names the level parameter and the level of an observation.
    const doc = JSON.stringify(await (await fetch(`${s.url}/api/v1/openapi.json`)).json());
    expect(doc).toContain("Gibt es einen Schlüssel auf mehreren Ebenen, ist level nötig");
    expect(doc).toContain("Gebietsebene: ein Gebiet ist (Ebene, Schlüssel)");
  });

  it("keep their level in the indicator page's selector and in the Stadtteil table's links", async () => {
    const html = await (
      await get("/t/aachen/monitoring/indikator/einwohner?ebene=stadtteil&gebiet=stadtbezirk%2F2")
    ).text();
    expect(html).toMatch(/<option value="stadtbezirk\/2" selected="">Mülheim \(Stadtbezirk 2\)<\/option>/);
    expect(html).toContain('<option value="stadtteil/3">Mülheim (Stadtteil 3)</option>');
    expect(plain(html)).toContain("Zeitverlauf in Mülheim (Stadtbezirk) als Tabelle Zeitraum Gesamt 2024 41.000");
    // The comparison table of the Stadtteile links each to its own page, never to the district.
    expect(html).toContain('href="/t/aachen/monitoring/gebiet/stadtteil/3"');
    expect(html).not.toContain('href="/t/aachen/monitoring/gebiet/stadtbezirk/2"');
    // The catalogue's area list links every area by level and key.
    const index = await (await get("/t/aachen/monitoring")).text();
    expect(index).toContain('href="/t/aachen/monitoring/gebiet/stadtbezirk/2"');
    expect(index).toContain('href="/t/aachen/monitoring/gebiet/stadtteil/3"');
  });

  it("keep the old key-only URL working: a redirect for a unique key, a German chooser for a repeated one", async () => {
    const unique = await get("/t/aachen/monitoring/gebiet/4");
    expect(unique.status).toBe(302);
    expect(unique.headers.get("location")).toBe("/t/aachen/monitoring/gebiet/stadtteil/4");
    const exp = await get("/t/aachen/monitoring/gebiet/4/export?format=csv");
    expect(exp.headers.get("location")).toBe("/t/aachen/monitoring/gebiet/stadtteil/4/export?format=csv");
    const chooser = await get("/t/aachen/monitoring/gebiet/2");
    expect(chooser.status).toBe(200);
    const html = await chooser.text();
    expect(plain(html)).toContain("Mehrere Gebiete mit dem Schlüssel 2");
    expect(plain(html)).toContain("Der Schlüssel 2 bezeichnet Gebiete auf mehreren Ebenen.");
    expect(html).toContain('href="/t/aachen/monitoring/gebiet/stadtbezirk/2"');
    expect(html).toContain('href="/t/aachen/monitoring/gebiet/stadtteil/2"');
    expect(plain(html)).toContain("Mülheim (Stadtbezirk 2)");
    expect(plain(html)).toContain("Innenstadt (Stadtteil 2)");
    // The old export of a repeated key goes to the chooser, an unknown key is not found.
    expect((await get("/t/aachen/monitoring/gebiet/2/export?format=csv")).headers.get("location")).toBe(
      "/t/aachen/monitoring/gebiet/2",
    );
    expect((await get("/t/aachen/monitoring/gebiet/99")).status).toBe(404);
    expect((await get("/t/aachen/monitoring/gebiet/99/export?format=csv")).status).toBe(404);
  });

  it("stay inside their tenant: Köln's Stadtbezirk 2 is Köln's, Aachen's areas are not there", async () => {
    const koeln = plain(await (await get("/t/koeln/monitoring/gebiet/stadtbezirk/2")).text());
    expect(koeln).toContain("Gebietsprofil: Rodenkirchen (Stadtbezirk)");
    expect(koeln).not.toContain("Mülheim (Stadtbezirk)");
    expect((await get("/t/koeln/monitoring/gebiet/stadtteil/6")).status).toBe(404);
    // Köln's Stadtteil 101 by its old URL: one area has that key, so a redirect.
    expect((await get("/t/koeln/monitoring/gebiet/101")).headers.get("location")).toBe(
      "/t/koeln/monitoring/gebiet/stadtteil/101",
    );
  });
});

async function aachenAreas(): Promise<number> {
  const [r] = await query<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM mon_areas WHERE tenant_id = (SELECT id FROM tenants WHERE slug = 'aachen')`,
  );
  return r.n;
}
