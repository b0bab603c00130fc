import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { Client, startTestServer, type TestServer } from "../../../tests/support/server";
import { DEMO_PASSWORD, plain, queryRows, roleClients } from "../../../tests/support/roles";
import { sharedData } from "~/kernel/config";

// The steering pages against the production build with the Köln demo: who may open which page,
// another tenant's goal, the public page and the concept API with attainment.
let s: TestServer;
let as: Awaited<ReturnType<typeof roleClients>>;
const q = queryRows(() => s);
const STAFF = "/t/koeln/verwaltung/steuerung";

beforeAll(async () => {
  s = await startTestServer({ modules: true });
  as = await roleClients(s, "koeln");
});
afterAll(() => s?.close());

describe.runIf(!!sharedData("koeln"))("steering pages", () => {
  it("lets viewers read the controlling page, only editors edit, and nobody reach another tenant's goal", async () => {
    const [goal] = await q<{ id: string }>(
      sql`SELECT g.id::text AS id FROM concept_goals g JOIN tenants t ON t.id = g.tenant_id
          WHERE t.slug = 'koeln' AND g.kind = 'teilziel' ORDER BY g.position LIMIT 1`,
    );
    const [measure] = await q<{ id: string }>(
      sql`SELECT m.id::text AS id FROM concept_measures m JOIN tenants t ON t.id = m.tenant_id WHERE t.slug = 'koeln' LIMIT 1`,
    );
    expect((await as("anonymous").get(STAFF)).status).not.toBe(200);
    expect((await as("partner").get(STAFF)).status).toBe(403);
    const viewer = await as("viewer").get(STAFF);
    expect(viewer.status).toBe(200);
    expect(plain(await viewer.text())).toContain("auf Kurs");
    expect((await as("viewer").get(`${STAFF}/ziel/${goal.id}`)).status).toBe(403);
    expect((await as("editor").get(`${STAFF}/ziel/${goal.id}`)).status).toBe(200);
    expect((await as("editor").get(`${STAFF}/massnahme/${measure.id}`)).status).toBe(200);
    const aachen = await roleClients(s, "aachen");
    expect((await aachen("editor").get(`/t/aachen/verwaltung/steuerung/ziel/${goal.id}`)).status).toBe(404);
    expect((await aachen("editor").get(`/t/aachen/verwaltung/steuerung/massnahme/${measure.id}`)).status).toBe(404);
    // A bad target comes back with a German error and keeps what was typed.
    const bad = await as("editor").post(`${STAFF}/ziel/${goal.id}`, {
      intent: "add",
      indicator: "mh_anteil",
      kind: "value",
      direction: "hoch",
      targetValue: "zwölf",
    });
    expect(bad.status).toBe(400);
    expect(plain(await bad.text())).toContain("Bitte eine Zahl angeben");
  });

  it("shows attainment on the public page and in the concept API", async () => {
    const page = plain(await (await as("anonymous").get("/t/koeln/rechenschaft")).text());
    for (const w of ["erreicht", "auf Kurs", "gefährdet", "nicht auf Kurs", "keine Daten"]) expect(page).toContain(w);
    const api = (await (await as("anonymous").get("/api/v1/t/koeln/concept")).json()) as {
      themenfelder: { attainment: string | null; leitziele: { attainment: string | null; indicators: unknown[] }[] }[];
    };
    expect(api.themenfelder[0].leitziele[0].indicators.length).toBeGreaterThan(0);
    expect(api.themenfelder[0].leitziele.map((l) => l.attainment)).toEqual(["at_risk", "off_track"]);
    const measures = (await (await as("anonymous").get("/api/v1/t/koeln/measures")).json()) as {
      measures: { areas: { level: string; key: string }[] }[];
    };
    expect(measures.measures.some((m) => m.areas.some((a) => a.level === "stadtteil"))).toBe(true);
  });
});

describe.runIf(!!sharedData("koeln"))("the area profile lists the measures and offers of the area", () => {
  it("Chorweiler: the adopted concept's measures there and the atlas's offers with a place there; the Stadtbezirk adds its Stadtteile's", async () => {
    const measures = await q<{ code: string; key: string }>(
      sql`SELECT m.code, a.key FROM steering_measure_areas l JOIN concept_measures m ON m.id = l.measure_id
          JOIN concept_editions e ON e.id = m.edition_id AND e.status = 'beschlossen'
          JOIN mon_areas a ON a.id = l.area_id JOIN tenants t ON t.id = l.tenant_id WHERE t.slug = 'koeln'`,
    );
    const offers = await q<{ title: string }>(
      sql`SELECT DISTINCT tr.title FROM atlas_places p JOIN atlas_translations tr ON tr.entry_id = p.entry_id AND tr.lang = 'de'
          JOIN tenants t ON t.id = p.tenant_id WHERE t.slug = 'koeln' AND p.area_key = '609'`,
    );
    const here = measures.filter((m) => m.key === "609").map((m) => m.code);
    expect(here.length).toBeGreaterThan(0);
    expect(offers.length).toBeGreaterThan(0);
    const page = plain(await (await as("anonymous").get("/t/koeln/monitoring/gebiet/stadtteil/609")).text());
    expect(page).toContain("Maßnahmen und Angebote in Chorweiler");
    for (const code of here) expect(page).toContain(code);
    for (const o of offers) expect(page).toContain(o.title);
    // Measures elsewhere are not listed here.
    for (const m of measures.filter((x) => x.key === "901")) expect(page).not.toContain(`${m.code} `);
    const bezirk = plain(await (await as("anonymous").get("/t/koeln/monitoring/gebiet/stadtbezirk/6")).text());
    const inBezirk = measures.filter((m) => m.key === "6" || (m.key.length === 3 && m.key.startsWith("6")));
    expect(inBezirk.length).toBeGreaterThan(here.length);
    for (const m of inBezirk) expect(bezirk).toContain(m.code);
  });
});

describe("a Land's overview of its municipalities' concepts", () => {
  it("shows the Land's viewer each municipality with the three-year rule; a town gets a pointer instead", async () => {
    expect((await as("anonymous").get("/t/nrw/verwaltung/steuerung/kommunen")).status).not.toBe(200);
    const viewer = new Client(s.url);
    await viewer.login("viewer.nrw@example.org", DEMO_PASSWORD);
    const res = await viewer.get("/t/nrw/verwaltung/steuerung/kommunen");
    expect(res.status).toBe(200);
    const page = plain(await res.text());
    expect(page).toContain("Integrationskonzepte der Kommunen");
    for (const name of ["Stadt Aachen", "Stadt Köln", "StädteRegion Aachen"]) expect(page).toContain(name);
    // Aachen's demo concept was adopted in 2018: long past the rule.
    const [aachen] = await q<{ adopted_on: string }>(
      sql`SELECT e.adopted_on::text FROM concept_editions e JOIN tenants t ON t.id = e.tenant_id
          WHERE t.slug = 'aachen' AND e.status = 'beschlossen'`,
    );
    expect(aachen.adopted_on.slice(0, 4)).toBe("2018");
    expect(page).toMatch(/Stadt Aachen.*älter als drei Jahre/);
    const town = await as("viewer").get("/t/koeln/verwaltung/steuerung/kommunen");
    expect(plain(await town.text())).toContain("Diese Übersicht ist für Kreise und Länder");
  });
});
