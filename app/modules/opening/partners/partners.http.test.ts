import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../../../../tests/support/server";
import { Client } from "../../../../tests/support/server";
import { DEMO_PASSWORD, plain, roleClients } from "../../../../tests/support/roles";

// The partner network's pages and API against the production build with the demo data: who may read
// and post per role, only the Land tenant has them, the report's review locks it, and the API lists
// the 28 partners in ordinal order.
let s: TestServer;
// The NRW demo tenant has an admin and a viewer account only; the admin stands in for an editor.
const NRW_ROLES = ["anonymous", "viewer", "admin"] as const;
let nrwClients: Map<string, Client>;
const nrw = (role: "anonymous" | "viewer" | "admin" | "editor") => nrwClients.get(role === "editor" ? "admin" : role)!;
let aachen: Awaited<ReturnType<typeof roleClients>>;
let detmold: string, lippe: string;
const LIST = "/t/nrw/verwaltung/oeffnung/partner";

beforeAll(async () => {
  s = await startTestServer({ modules: true });
  nrwClients = new Map();
  for (const role of NRW_ROLES) {
    const c = new Client(s.url);
    if (role !== "anonymous") await c.login(`${role}.nrw@example.org`, DEMO_PASSWORD);
    nrwClients.set(role, c);
  }
  aachen = await roleClients(s, "aachen");
  const list = await (await nrw("viewer").get(LIST)).text();
  detmold = list.match(/partner\/([0-9a-f-]{36})"[^>]*>Bezirksregierung Detmold/)![1];
  lippe = list.match(/partner\/([0-9a-f-]{36})"[^>]*>Kreis Lippe/)![1];
});
afterAll(async () => {
  await s?.close();
});

describe("partner network pages", () => {
  it("let viewers read and editors post in the Land tenant; others are sent away", async () => {
    const got: Record<string, number[]> = {};
    const walk = async (name: string, c: Client) => {
      got[name] = [
        (await c.get(LIST)).status,
        (await c.get(`${LIST}/${detmold}`)).status,
        (await c.post(`${LIST}/${lippe}`, { intent: "alias", name: `Alias von ${name}` })).status,
      ];
    };
    for (const role of NRW_ROLES) await walk(role, nrw(role));
    // Accounts of a municipality have no role in the Land's tenant.
    await walk("aachen partner", aachen("partner"));
    await walk("aachen admin", aachen("admin"));
    expect(got).toEqual({
      anonymous: [302, 302, 302],
      viewer: [200, 200, 403],
      admin: [200, 200, 302],
      "aachen partner": [403, 403, 403],
      "aachen admin": [403, 403, 403],
    });
    expect(plain(await (await nrw("viewer").get(`${LIST}/${lippe}`)).text())).toContain("Alias von admin");
  });

  it("list the 28 partners in ordinal order with join dates; the overview offers the part only to the Land", async () => {
    const text = plain(await (await nrw("viewer").get(LIST)).text());
    expect(text).toContain("28 Partner, davon 3 mit Bericht im aktuellen Zeitraum.");
    let at = -1;
    for (const needle of [
      "1 Bezirksregierung Arnsberg",
      "26.03.2012",
      "12 Städtekooperation",
      "09.07.2013",
      "28 Rhein-Sieg-Kreis",
      "13.09.2018",
    ]) {
      const i = text.indexOf(needle, at + 1);
      expect(i, needle).toBeGreaterThan(at);
      at = i;
    }
    expect(await (await nrw("viewer").get("/t/nrw/verwaltung/oeffnung")).text()).toContain("oeffnung/partner");
    expect(await (await aachen("admin").get("/t/aachen/verwaltung/oeffnung")).text()).not.toContain("oeffnung/partner");
  });

  it("are not found in a municipality, and a Land partner is not reachable from another tenant", async () => {
    expect((await aachen("admin").get("/t/aachen/verwaltung/oeffnung/partner")).status).toBe(404);
    expect((await aachen("admin").get(`/t/aachen/verwaltung/oeffnung/partner/${detmold}`)).status).toBe(404);
    // Aachen's admin has no role in the Land's tenant.
    expect((await aachen("admin").get(`${LIST}/${detmold}`)).status).toBe(403);
  });

  it("show a partner's detail with members and aliases; a report is entered, submitted, reviewed and then locked", async () => {
    const coop = plain(await (await nrw("viewer").get(LIST)).text());
    expect(coop).toContain("Städtekooperation Integration. Interkommunal");
    const ed = nrw("editor");
    const page = await (await ed.get(`${LIST}/${lippe}`)).text();
    expect(plain(page)).toContain("Kreises Lippe");
    // Kreis Lippe has a draft without modules: add a module, then fill the draft.
    expect((await ed.post(`${LIST}/${lippe}`, { intent: "module", title: "Fortbildung", recurring: "1" })).status).toBe(
      302,
    );
    const reportUrl = page.match(/href="([^"]+\/bericht\/[0-9a-f-]{36})"/)![1];
    const report = await (await ed.get(reportUrl)).text();
    const moduleId = report.match(/name="moduleId" value="([0-9a-f-]{36})"/)![1];
    const bad = await ed.post(reportUrl, { intent: "entry", moduleId, progress: "x", figures: "ohne Doppelpunkt" });
    expect(bad.status).toBe(400);
    expect(plain(await bad.text())).toContain("Kennzahlen bitte als");
    expect(
      (
        await ed.post(reportUrl, {
          intent: "entry",
          moduleId,
          progress: "Zwei Schulungen",
          figures: "Teilnehmende: 30",
        })
      ).status,
    ).toBe(302);
    expect((await ed.post(reportUrl, { intent: "submit" })).status).toBe(302);
    const noComment = await ed.post(reportUrl, { intent: "review", comment: "" });
    expect(noComment.status).toBe(400);
    expect((await ed.post(reportUrl, { intent: "review", comment: "Geprüft." })).status).toBe(302);
    const locked = await ed.post(reportUrl, { intent: "entry", moduleId, progress: "später", figures: "" });
    expect(locked.status).toBe(400);
    expect(plain(await locked.text())).toContain("geprüft und kann nicht mehr geändert werden");
    expect(plain(await (await nrw("viewer").get(reportUrl)).text())).toContain("Zwei Schulungen");
    // The partner's own details: a taken number is refused, a new type is kept.
    const taken = await ed.post(`${LIST}/${lippe}`, {
      intent: "partner",
      ordinal: "3",
      name: "Kreis Lippe",
      type: "kreis",
      joinedOn: "2012-08-15",
    });
    expect(taken.status).toBe(400);
    expect(plain(await taken.text())).toContain("Die Nummer 3 ist schon vergeben.");
    const edited = await ed.post(`${LIST}/${lippe}`, {
      intent: "partner",
      ordinal: "2",
      name: "Kreis Lippe",
      type: "kommunalverband",
      joinedOn: "15.08.2012",
    });
    expect(edited.status).toBe(302);
    expect(plain(await (await nrw("viewer").get(`${LIST}/${lippe}`)).text())).toContain("Kommunalverband");
  });

  it("the state report downloads as DOCX and PDF", async () => {
    const docx = await nrw("viewer").get(`${LIST}/landesbericht?stand=2018-09-30&format=docx`);
    expect(docx.status).toBe(200);
    expect(docx.headers.get("content-type")).toContain("wordprocessingml");
    const pdf = await nrw("viewer").get(`${LIST}/landesbericht?stand=2018-09-30&format=pdf`);
    expect(pdf.status).toBe(200);
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");
    expect((await nrw("viewer").get(`${LIST}/landesbericht?format=odt`)).status).toBe(404);
  });
});

describe("GET /api/v1/t/{slug}/partners", () => {
  it("lists the Land's partners in ordinal order with type, join date and whether the report is in", async () => {
    const res = await fetch(`${s.url}/api/v1/t/nrw/partners`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.total).toBe(28);
    expect(body.partners.map((p: { ordinal: number }) => p.ordinal)).toEqual(
      Array.from({ length: 28 }, (_, i) => i + 1),
    );
    expect(body.partners[11]).toMatchObject({
      ordinal: 12,
      name: "Städtekooperation Integration. Interkommunal",
      type: "kooperation",
      joinedOn: "2013-07-09",
      isDemo: true,
    });
    expect(body.partners[0]).toMatchObject({ name: "Bezirksregierung Arnsberg", reportIn: true });
    expect(body.partners[5]).toMatchObject({ ordinal: 6, reportIn: false });
  });

  it("answers 404 for a municipality and for an unknown tenant, and is in the OpenAPI document", async () => {
    const kommune = await fetch(`${s.url}/api/v1/t/aachen/partners`);
    expect(kommune.status).toBe(404);
    expect(JSON.stringify(await kommune.json())).not.toContain("Arnsberg");
    expect((await fetch(`${s.url}/api/v1/t/gibt-es-nicht/partners`)).status).toBe(404);
    const doc = await (await fetch(`${s.url}/api/v1/openapi.json`)).json();
    expect(Object.keys(doc.paths)).toContain("/api/v1/t/{slug}/partners");
  });
});
