import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, startTestServer, type TestServer } from "../../../tests/support/server";
import { KOELN_ENTRIES } from "./demo-koeln";

// Runs against the production build (npx react-router build) with all demo data loaded.
let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ modules: true });
});
afterAll(async () => {
  await s?.close();
});

const PW = "Teilhabe-Demo-2026";
const formFor = (title: string, extra: Record<string, string> = {}) => ({
  kind: "offer",
  title_de: title,
  desc_de: "Ein neues Angebot",
  handlungsfelder: "sprache_bildung",
  targetGroups: "women",
  languages: "ar",
  germanLevel: "none",
  cost: "free",
  ...extra,
});
/** The revision id in the moderation queue section whose heading is the title. */
const revisionFor = (html: string, title: string) => {
  const section = html.split("<section").find((x) => x.includes(`>${title}</h2>`));
  return section!.match(/name="revisionId" value="([0-9a-f-]{36})"/)![1];
};
const idFrom = (res: Response) => res.headers.get("location")!.match(/angebote\/([0-9a-f-]{36})/)![1];

describe("public atlas pages", () => {
  it("searches the ~60 Aachen demo entries without JavaScript, with stemming and typo tolerance", async () => {
    const all = await (await fetch(`${s.url}/api/v1/t/aachen/offers?limit=1`)).json();
    expect(all.total).toBeGreaterThanOrEqual(55);
    for (const q of ["Deutschkurs", "Deutschkrs"]) {
      const html = await (await fetch(`${s.url}/t/aachen/angebote?q=${q}`)).text();
      expect(html).toContain("Deutschkurse am Abend (A1 bis B1)");
      expect(html).toContain("Deutschkurse für Frauen mit Kinderbetreuung");
      expect(html).not.toContain("Schwimmkurs für Frauen");
    }
  });

  it("API: little or no German plus Arabic returns only matching entries, in the documented shape", async () => {
    const r = await (await fetch(`${s.url}/api/v1/t/aachen/offers?german=little&language=ar`)).json();
    expect(r.total).toBeGreaterThan(5);
    expect(r.offers.length).toBe(r.total);
    for (const o of r.offers) {
      expect(o.languages).toContain("ar");
      expect(["none", "little"]).toContain(o.germanLevel);
      expect(o).toHaveProperty("id");
      expect(o).toHaveProperty("title");
      expect(Array.isArray(o.areas)).toBe(true);
    }
    const bad = await fetch(`${s.url}/api/v1/t/aachen/offers?german=fliessend`);
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors[0].message).toContain("german muss none, little oder good sein");
    const doc = await (await fetch(`${s.url}/api/v1/openapi.json`)).json();
    expect(Object.keys(doc.paths)).toContain("/api/v1/t/{slug}/offers");
  });

  it("detail page: JSON-LD with the CSP nonce, Arabic version right-to-left, German fallback shown", async () => {
    const list = await (await fetch(`${s.url}/api/v1/t/aachen/offers?q=Integration%20Point`)).json();
    const id = list.offers.find((o: { title: string }) => o.title.startsWith("Integration Point"))!.id;
    // Logged in, the page is rendered for this visitor and carries the request's nonce; anonymous
    // visitors get it from the public page cache, where inline scripts are allowed by hash.
    const editor = new Client(s.url);
    await editor.login("editor.aachen@example.org", PW);
    const res = await editor.get(`/t/aachen/angebote/${id}?inhalt=ar`);
    const html = await res.text();
    const nonce = res.headers.get("content-security-policy")!.match(/'nonce-([^']+)'/)![1];
    // The nonce is base64 and may contain "+" or "/": compare literally, not as a pattern.
    expect(html).toContain(`<script type="application/ld+json" nonce="${nonce}"`);
    const shared = await (await fetch(`${s.url}/t/aachen/angebote/${id}?inhalt=ar`)).text();
    expect(shared).toContain(`<script type="application/ld+json">`);
    const ld = JSON.parse(html.match(/<script type="application\/ld\+json"[^>]*>(.*?)<\/script>/s)![1]);
    expect(ld["@type"]).toBe("GovernmentService");
    expect(ld.availableLanguage).toContain("ar");
    expect(html).toMatch(/<article lang="ar" dir="rtl"/);
    expect(html).toContain("نقطة الاندماج");
    const tr = await (await fetch(`${s.url}/t/aachen/angebote/${id}?inhalt=tr`)).text();
    expect(tr).toContain("Diesen Eintrag gibt es nicht in Türkçe");
    expect(tr).toMatch(/<article lang="de" dir="ltr"/);
    expect((await fetch(`${s.url}/t/aachen/angebote/00000000-0000-0000-0000-000000000000`)).status).toBe(404);
  });

  it("offers CSV and JSON downloads and a map page with a list alternative", async () => {
    const csv = await fetch(`${s.url}/t/aachen/angebote/daten.csv`);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const text = await csv.text();
    expect(text.split("\r\n")[0]).toContain("id;kind;title");
    expect(text).toContain("Newcomer Service der Stadt Aachen");
    // Codes stay; the tenant's names of them follow at the end (decision 0037).
    expect(text.split("\r\n")[0]).toMatch(/;handlungsfelderNames;targetGroupNames$/);
    expect(text).toContain("Sprache / Bildung");
    const json = await (await fetch(`${s.url}/t/aachen/angebote/daten.json`)).json();
    expect(json.offers.length).toBe(json.total);
    const map = await (await fetch(`${s.url}/t/aachen/angebote/karte?handlungsfeld=sport_gesundheit`)).text();
    expect(map).toContain("Orte als Liste");
    expect(map).toContain("Schwimmkurs für Frauen");
    expect(map).not.toContain("Bewerbungswerkstatt");
  });

  it("a Kreis's guide lists its member towns' offers, linked to the town's own pages (StädteRegion Aachen)", async () => {
    const html = await (await fetch(`${s.url}/t/staedteregion-aachen/angebote?q=Deutschkurs`)).text();
    expect(html).toContain("Deutschkurse am Abend (A1 bis B1)");
    expect(html).toMatch(/href="\/t\/aachen\/angebote\/[0-9a-f-]{36}"/);
    expect(html).toContain("Stadt Aachen");
    const map = await (
      await fetch(`${s.url}/t/staedteregion-aachen/angebote/karte?handlungsfeld=sport_gesundheit`)
    ).text();
    expect(map).toContain("Schwimmkurs für Frauen");
    expect(map).toMatch(/href="\/t\/aachen\/angebote\/[0-9a-f-]{36}"/);
    // Köln belongs to no Kreis here: its offers are not in the StädteRegion's guide, and Aachen's own
    // guide stays Aachen's.
    const koeln = await (await fetch(`${s.url}/t/staedteregion-aachen/angebote?q=Chorweiler`)).text();
    expect(koeln).not.toContain("/t/koeln/angebote/");
  });
});

describe("public interface languages", () => {
  const htmlTag = (html: string) => html.match(/<html[^>]*>/)![0];
  it("the atlas speaks Arabic right-to-left, chosen by parameter or by the phone's language", async () => {
    const byParam = await (await fetch(`${s.url}/t/aachen/angebote?lang=ar`)).text();
    expect(htmlTag(byParam)).toContain('lang="ar"');
    expect(htmlTag(byParam)).toContain('dir="rtl"');
    expect(byParam).toContain("أطلس الاندماج");
    const byHeader = await (
      await fetch(`${s.url}/t/aachen/angebote`, { headers: { "accept-language": "fa-IR,fa;q=0.9" } })
    ).text();
    expect(htmlTag(byHeader)).toContain('lang="fa"');
    expect(htmlTag(byHeader)).toContain('dir="rtl"');
    const ukrainian = await (await fetch(`${s.url}/t/aachen/angebote?lang=uk`)).text();
    expect(htmlTag(ukrainian)).toContain('dir="ltr"');
    expect(ukrainian).not.toContain("Suchbegriff");
  });

  it("keeps the choice, but shows untranslated areas in German, left-to-right", async () => {
    const c = new Client(s.url);
    await c.get("/t/aachen/angebote?lang=ar");
    expect(c.cookies.get("teilhabe_lang")).toBe("ar");
    const login = await (await c.get("/anmelden")).text();
    expect(htmlTag(login)).toContain('lang="de"');
    expect(htmlTag(login)).toContain('dir="ltr"');
    expect(login).toContain("Anmelden");
    await c.login("editor.aachen@example.org", PW);
    const staff = await (await c.get("/t/aachen/verwaltung/angebote")).text();
    expect(htmlTag(staff)).toContain('lang="de"');
    // Back on a public page the Arabic choice applies again.
    expect(htmlTag(await (await c.get("/t/aachen")).text())).toContain('lang="ar"');
  });
});

describe("provider self-service over HTTP", () => {
  it("partner submits, entry stays private, editor approves, entry becomes public", async () => {
    const partner = new Client(s.url);
    await partner.login("partner.aachen@example.org", PW);
    const bad = await partner.post(
      "/t/aachen/verwaltung/angebote/neu",
      formFor("X", { germanLevel: "fliessend", website: "javascript:alert(1)" }),
    );
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain("Der Titel ist zu kurz");
    expect(badHtml).toContain("Bitte angeben, wie viel Deutsch nötig ist");

    const res = await partner.post("/t/aachen/verwaltung/angebote/neu", formFor("Deutschkurse für Mütter in Haaren"));
    expect(res.status).toBe(302);
    const id = idFrom(res);
    expect((await fetch(`${s.url}/t/aachen/angebote/${id}`)).status).toBe(404);
    expect(await (await fetch(`${s.url}/t/aachen/angebote?q=Mütter`)).text()).not.toContain(
      "Deutschkurse für Mütter in Haaren",
    );

    const editor = new Client(s.url);
    await editor.login("editor.aachen@example.org", PW);
    const queue = await (await editor.get("/t/aachen/verwaltung/angebote/freigabe")).text();
    expect(queue).toContain("Deutschkurse für Mütter in Haaren");
    const revId = revisionFor(queue, "Deutschkurse für Mütter in Haaren");
    // The partner cannot approve their own entry.
    expect(
      (await partner.post("/t/aachen/verwaltung/angebote/freigabe", { revisionId: revId, intent: "approve" })).status,
    ).toBe(403);
    const ok = await editor.post("/t/aachen/verwaltung/angebote/freigabe", { revisionId: revId, intent: "approve" });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain("Freigegeben.");
    expect((await fetch(`${s.url}/t/aachen/angebote/${id}`)).status).toBe(200);

    const audit = await (await editor.get(`/t/aachen/verwaltung/angebote/${id}`)).status;
    expect(audit).toBe(200);
  });

  it("a partner cannot open or change another provider's entry", async () => {
    const list = await (await fetch(`${s.url}/api/v1/t/aachen/offers?q=Stadtsportbund`)).json();
    const foreign = list.offers.find((o: { provider: string }) => o.provider === "Stadtsportbund Aachen e.V.")!.id;
    const partner = new Client(s.url);
    await partner.login("partner.aachen@example.org", PW);
    expect((await partner.get(`/t/aachen/verwaltung/angebote/${foreign}`)).status).toBe(403);
    expect((await partner.post(`/t/aachen/verwaltung/angebote/${foreign}`, formFor("Übernommen"))).status).toBe(403);
    expect((await partner.post(`/t/aachen/verwaltung/angebote/${foreign}`, { intent: "archive" })).status).toBe(403);
    const after = await (await fetch(`${s.url}/t/aachen/angebote/${foreign}`)).text();
    expect(after).not.toContain("Übernommen");
  });

  it("a rejection reason is required and shown to the provider", async () => {
    const partner = new Client(s.url);
    await partner.login("partner.aachen@example.org", PW);
    const id = idFrom(await partner.post("/t/aachen/verwaltung/angebote/neu", formFor("Elterncafé der Caritas")));
    const editor = new Client(s.url);
    await editor.login("editor.aachen@example.org", PW);
    const queue = await (await editor.get("/t/aachen/verwaltung/angebote/freigabe")).text();
    const revId = revisionFor(queue, "Elterncafé der Caritas");
    const empty = await editor.post("/t/aachen/verwaltung/angebote/freigabe", {
      revisionId: revId,
      intent: "reject",
      [`reason-${revId}`]: "",
    });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain("Bitte begründen Sie die Ablehnung");
    await editor.post("/t/aachen/verwaltung/angebote/freigabe", {
      revisionId: revId,
      intent: "reject",
      [`reason-${revId}`]: "Bitte Ort und Zeiten ergänzen.",
    });
    const mine = await (await partner.get(`/t/aachen/verwaltung/angebote/${id}`)).text();
    expect(mine).toContain("Bitte Ort und Zeiten ergänzen.");
    expect((await fetch(`${s.url}/t/aachen/angebote/${id}`)).status).toBe(404);
  });
});

// Issue 18: the address register places offers entered with an address only (decision 0053).
describe("points from the address register", () => {
  it("an offer saved with only an address gets the register's point and its Stadtteil; an unknown one is flagged", async () => {
    const editor = new Client(s.url);
    await editor.login("editor.koeln@example.org", PW);
    // Köln's demo register is made from the demo offers' addresses: Venloer Straße, 50823, in Ehrenfeld.
    const known = KOELN_ENTRIES.find((e) => e.street === "Venloer Straße")!;
    const res = await editor.post(
      "/t/koeln/verwaltung/angebote/neu",
      formFor("Sprachcafé an der Venloer Straße", { place0_street: "Venloer Str.", place0_postcode: "50823" }),
    );
    expect(res.status).toBe(302);
    const id = idFrom(res);
    const offer = async (q: string, id: string) =>
      (await (await fetch(`${s.url}/api/v1/t/koeln/offers?q=${encodeURIComponent(q)}`)).json()).offers.find(
        (o: { id: string }) => o.id === id,
      );
    expect((await offer("Sprachcafé", id)).places).toEqual([
      expect.objectContaining({ street: "Venloer Str.", lat: known.at[0], lon: known.at[1], area: known.stadtteil }),
    ]);
    const form = await (await editor.get(`/t/koeln/verwaltung/angebote/${id}`)).text();
    expect(form).toContain("Der Kartenpunkt kommt aus dem Adressverzeichnis");

    const lost = await editor.post(
      "/t/koeln/verwaltung/angebote/neu",
      formFor("Nähcafé in der Nirgendwostraße", { place0_street: "Nirgendwostraße 99", place0_postcode: "50667" }),
    );
    expect(lost.status).toBe(302);
    const lostId = idFrom(lost);
    expect((await offer("Nähcafé", lostId)).places[0]).toMatchObject({
      street: "Nirgendwostraße 99",
      lat: null,
      lon: null,
    });
    const list = await (await editor.get("/t/koeln/verwaltung/angebote?seite=1")).text();
    expect(list).toMatch(/(Eintrag hat|Einträge haben) eine Adresse, die nicht im Adressverzeichnis steht/);
    const row = list.split("<tr").find((r) => r.includes("Nähcafé in der Nirgendwostraße"))!;
    expect(row).toContain("Adresse ohne Kartenpunkt");
    const known2 = list.split("<tr").find((r) => r.includes("Sprachcafé an der Venloer Straße"));
    expect(known2 ?? "").not.toContain("Adresse ohne Kartenpunkt");
    expect(await (await editor.get(`/t/koeln/verwaltung/angebote/${lostId}`)).text()).toContain(
      "Diese Adresse steht nicht im Adressverzeichnis",
    );
  });
});

describe("the entry form's point picker", () => {
  it("is not in the served form (it appears only once the page runs) and its map basis is for members only", async () => {
    const anonymous = await fetch(`${s.url}/t/aachen/verwaltung/angebote/kartengrundlage`, { redirect: "manual" });
    expect([302, 303, 401, 403]).toContain(anonymous.status);
    const editor = new Client(s.url);
    await editor.login("editor.aachen@example.org", PW);
    const form = await (await editor.get("/t/aachen/verwaltung/angebote/neu")).text();
    expect(form).toContain('name="place0_lat"');
    expect(form).not.toContain("Punkt auf der Karte wählen");
    const res = await editor.get("/t/aachen/verwaltung/angebote/kartengrundlage");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
    // Aachen has no Stadtteil outlines: its published places give the box the map opens on.
    const aachen = await res.json();
    expect(aachen).toMatchObject({ basemap: null, areas: null, labels: [] });
    expect(aachen.places.length).toBeGreaterThan(20);
    const [[w, south], [e, north]] = aachen.bounds;
    expect([w, south, e, north].every(Number.isFinite)).toBe(true);
    expect(w).toBeGreaterThan(5.9);
    expect(e).toBeLessThan(6.3);
    expect(south).toBeGreaterThan(50.6);
    expect(north).toBeLessThan(50.9);
  });

  it("Köln: the 86 Stadtteile with their names, and the box around them", async () => {
    const editor = new Client(s.url);
    await editor.login("editor.koeln@example.org", PW);
    const koeln = await (await editor.get("/t/koeln/verwaltung/angebote/kartengrundlage")).json();
    expect(koeln.areas.features).toHaveLength(86);
    expect(koeln.labels).toHaveLength(86);
    const [[w, south], [e, north]] = koeln.bounds;
    // Köln reaches from about 6.77 to 7.16 east and 50.83 to 51.08 north.
    const near = (v: number, to: number) => expect(Math.abs(v - to)).toBeLessThan(0.03);
    near(w, 6.77);
    near(e, 7.16);
    near(south, 50.83);
    near(north, 51.08);
  });
});

describe("gap analysis page (without JavaScript)", () => {
  it("Köln: the GET form picks a target group; the table relates offers to the monitoring's residents", async () => {
    const editor = new Client(s.url);
    await editor.login("editor.koeln@example.org", PW);
    const html = await (
      await editor.get("/t/koeln/verwaltung/angebote/luecken?thema=zg.children&mass=je1000&art=")
    ).text();
    expect(html).toMatch(/<option value="zg.children" selected="">/);
    expect(html).toContain("Einwohnerinnen und Einwohner unter 18 Jahren");
    // Expected rate from the public observations API and the demo list, not from the page's code.
    const obs = await (
      await fetch(`${s.url}/api/v1/t/koeln/observations?indicator=einwohner_alter&level=stadtteil`)
    ).json();
    const chorweiler = obs.observations.filter(
      (o: { area: string; period: string; group: string }) =>
        o.area === "609" && o.period === "2012" && ["00-03", "03-06", "06-10", "10-15", "15-18"].includes(o.group),
    );
    expect(chorweiler).toHaveLength(5);
    const under18 = chorweiler.reduce((n: number, o: { value: number }) => n + o.value, 0);
    const offers = KOELN_ENTRIES.filter((e) => e.stadtteil === "Chorweiler" && e.tg.includes("children")).length;
    const rate = new Intl.NumberFormat("de-DE", { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(
      (offers / under18) * 1000,
    );
    const row = html.split("<tr").find((r) => r.includes(">Chorweiler</th>"))!;
    expect(row).toContain(`>${rate}<`);
    expect(html).toContain("Lücke: kein Eintrag");
    expect(html).toContain("Datenquelle: Stadt Köln, CC BY");
    expect(html).toContain('class="choropleth"');

    // Need measured against another counted group: people with a migration background.
    const mh = await (await editor.get("/t/koeln/verwaltung/angebote/luecken?thema=alle&basis=einwohner_mh")).text();
    expect(mh).toMatch(/<option value="einwohner_mh" selected="">Einwohner mit Migrationshintergrund</);
    expect(mh).toContain("Bevölkerung (Einwohner mit Migrationshintergrund)");
  });

  it("Aachen (no population figures): counts only, with a pointer to the monitoring; odd parameters fall back", async () => {
    const viewer = new Client(s.url);
    await viewer.login("viewer.aachen@example.org", PW);
    const res = await viewer.get("/t/aachen/verwaltung/angebote/luecken?thema=unbekannt&mass=je1000");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("keine Einwohnerzahlen");
    expect(html).toContain('href="/t/aachen/verwaltung/monitoring"');
    expect(html).not.toContain('name="mass"');
    expect(html).toMatch(/<option value="alle" selected="">/);
    expect(html).not.toContain('class="choropleth"');
  });

  it("is for staff only", async () => {
    const res = await fetch(`${s.url}/t/koeln/verwaltung/angebote/luecken`, { redirect: "manual" });
    expect([302, 303, 401, 403]).toContain(res.status);
  });
});
