import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../../../../tests/support/server";
import { plain, roleClients, ROLES } from "../../../../tests/support/roles";

// The read-only page of step types and rule versions, against the production build with the demo
// data: who may read it (viewer and above), what it shows, and that it changes nothing.
let s: TestServer;
let as: Awaited<ReturnType<typeof roleClients>>;
const PAGE = "/t/aachen/verwaltung/fallarbeit/regeln";

beforeAll(async () => {
  s = await startTestServer({ modules: true });
  as = await roleClients(s);
});
afterAll(async () => {
  await s?.close();
});

describe("the eligibility rules page", () => {
  it("sends anonymous visitors to the login, refuses partners and lets viewers and above read", async () => {
    const got: Record<string, number> = {};
    for (const role of ROLES) {
      const res = await as(role).get(PAGE);
      got[role] = res.status;
      if (res.status === 302) expect(res.headers.get("location")).toMatch(/^\/anmelden\?next=/);
    }
    expect(got).toEqual({ anonymous: 302, partner: 403, viewer: 200, editor: 200, admin: 200 });
  });

  it("lists the step catalogue and every rule version with validity and source, in German", async () => {
    const html = await (await as("viewer").get(PAGE)).text();
    const text = plain(html);
    expect(text).toContain("Maßnahmen und Anspruchsregeln");
    for (const step of [
      "Integrationskurs",
      "Berufssprachkurs",
      "Kompetenzfeststellung",
      "Alltagsorientierung",
      "Praktikum",
      "Einstiegsqualifizierung",
      "Ausbildung",
      "Arbeit",
      "Anerkennungsberatung",
      "Jugendberufshilfe",
      "Arbeitsgelegenheit nach § 5 AsylbLG",
      "Flüchtlingsintegrationsmaßnahme nach § 5a AsylbLG",
    ])
      expect(text).toContain(step);
    expect(text).toMatch(/Integrationskurs Sprache Jobcenter, Ausländerbehörde, Träger Hohe Bleibeperspektive/);
    expect(text).toContain("Herkunftsländer: Eritrea (ER), Iran (IR), Irak (IQ), Syrien (SY)");
    expect(text).toMatch(/01\.01\.2016 31\.12\.2016/);
    expect(text).toContain("Vorlage FB 50/0144/WP17");
    expect(text).toContain("Mindestalter: 18 Jahre");
    expect(text).toContain("Maßnahmeeintritt bis: 31.12.2015");
    expect(text).toContain("Migration 0820");
    // § 5a is open and valid today; the 2016 list is not.
    expect(text).toMatch(/06\.08\.2016 gilt heute offen/);
    expect(text).not.toMatch(/01\.01\.2016 gilt heute/);
  });

  it("speaks English with the English labels", async () => {
    const text = plain(await (await as("editor").get(`${PAGE}?lang=en`)).text());
    expect(text).toContain("Measures and eligibility rules");
    expect(text).toContain("Countries of origin: Eritrea (ER), Iran (IR), Iraq (IQ), Syria (SY)");
    expect(text).toMatch(
      /Integration course Language Jobcenter, Immigration office, Provider High prospect of staying/,
    );
  });

  it("has no action: a post changes nothing", async () => {
    const res = await as("admin").post(PAGE, { intent: "create", rule: "asylblg_5a" });
    expect(res.status).toBe(405);
  });
});
