import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { Client, startTestServer, type TestServer } from "../../../../tests/support/server";
import { DEMO_PASSWORD, plain, queryRows, roleClients, ROLES } from "../../../../tests/support/roles";

// The self-assessment pages against the production build with the demo data: who may read and
// change what (an organisation's partner account only its own), another tenant, and the cycle as
// the Caritas' lead runs it: next year's assessment, rating with evidence, completion, comparison.
let s: TestServer;
let as: Awaited<ReturnType<typeof roleClients>>;
let fb2025: string, caritas2024: string;
const LIST = "/t/aachen/verwaltung/oeffnung/bewertung";
const CATS = "/t/aachen/verwaltung/oeffnung/kataloge";
const q = queryRows(() => s);

beforeAll(async () => {
  s = await startTestServer({ modules: true });
  as = await roleClients(s);
  const ids = await q<{ org: string; year: number; id: string }>(
    sql`SELECT o.name AS org, a.year, a.id::text AS id FROM opening_assessments a JOIN organisations o ON o.id = a.organisation_id
        JOIN tenants t ON t.id = a.tenant_id WHERE t.slug = 'aachen' AND a.is_demo`,
  );
  fb2025 = ids.find((x) => x.org.startsWith("Fachbereich") && x.year === 2025)!.id;
  caritas2024 = ids.find((x) => x.org.startsWith("Caritas") && x.year === 2024)!.id;
});
afterAll(async () => {
  await s?.close();
});

const criteria = async (id: string) =>
  q<{ id: string; code: string }>(
    sql`SELECT i.id::text AS id, i.code FROM opening_catalogue_items i JOIN opening_assessments a ON a.catalogue_id = i.catalogue_id
        WHERE a.id = ${id} ORDER BY i.position`,
  );

describe("who may use the self-assessment pages", () => {
  it("anonymous to the login; a partner reads only its organisation's; viewers read all; catalogues from viewer up", async () => {
    const pages = [
      LIST,
      `${LIST}/${fb2025}`,
      `${LIST}/${caritas2024}`,
      CATS,
      `${CATS}/ansatzpunkte`,
      "/t/aachen/verwaltung/oeffnung",
    ];
    const expected: Record<string, number[]> = {
      anonymous: [302, 302, 302, 302, 302, 302],
      partner: [200, 404, 200, 403, 403, 200],
      viewer: [200, 200, 200, 200, 200, 200],
      editor: [200, 200, 200, 200, 200, 200],
      admin: [200, 200, 200, 200, 200, 200],
    };
    const got: Record<string, number[]> = {};
    for (const role of ROLES) got[role] = await Promise.all(pages.map(async (p) => (await as(role).get(p)).status));
    expect(got).toEqual(expected);
    const partnerList = plain(await (await as("partner").get(LIST)).text());
    expect(partnerList).toContain("Caritasverband");
    expect(partnerList).not.toContain("Fachbereich Wohnen");
  });

  it("only editors and the organisation's own partner change an assessment; viewers cannot", async () => {
    const [c] = await criteria(fb2025);
    const body = { intent: "ratings", [`rating.${c.id}`]: "not_met", [`evidence.${c.id}`]: "" };
    expect((await as("viewer").post(`${LIST}/${fb2025}`, body)).status).toBe(403);
    expect((await as("partner").post(`${LIST}/${fb2025}`, body)).status).toBe(404);
    expect((await as("anonymous").post(`${LIST}/${fb2025}`, body)).status).toBe(302);
    // A partner cannot create an assessment for another organisation.
    const [fbOrg] = await q<{ id: string }>(
      sql`SELECT organisation_id::text AS id FROM opening_assessments WHERE id = ${fb2025}`,
    );
    const created = await as("partner").post(LIST, {
      intent: "create",
      organisationId: fbOrg.id,
      year: "2030",
      catalogueKey: "ansatzpunkte",
    });
    expect(created.status).toBe(403);
    // Viewers do not create catalogues.
    expect((await as("viewer").post(CATS, { intent: "catalogue", title: "X", source: "Y", items: "Z" })).status).toBe(
      403,
    );
    const still = await q<{ rating: string }>(
      sql`SELECT rating FROM opening_ratings WHERE assessment_id = ${fb2025} AND item_id = ${c.id}`,
    );
    expect(still.map((r) => r.rating)).toEqual(["met"]);
  });

  it("another tenant's accounts see nothing of Aachen's assessments", async () => {
    const koeln = new Client(s.url);
    await koeln.login("editor.koeln@example.org", DEMO_PASSWORD);
    expect((await koeln.get(`/t/koeln/verwaltung/oeffnung/bewertung/${fb2025}`)).status).toBe(404);
    expect((await koeln.get(`${LIST}/${fb2025}`)).status).toBe(403);
    const list = plain(await (await koeln.get("/t/koeln/verwaltung/oeffnung/bewertung")).text());
    expect(list).not.toContain("Fachbereich Wohnen");
    expect((await koeln.post(`/t/koeln/verwaltung/oeffnung/bewertung/${fb2025}`, { intent: "complete" })).status).toBe(
      404,
    );
  });
});

describe("the cycle as an organisation's lead runs it", () => {
  it("next year's assessment, “erfüllt” refused without evidence, completion, comparison with last year", async () => {
    const partner = as("partner");
    const next = await partner.post(`${LIST}/${caritas2024}`, { intent: "reassess" });
    expect(next.status).toBe(302);
    const id = next.headers.get("location")!.match(/bewertung\/([0-9a-f-]{36})/)![1];
    const items = await criteria(id);
    // First try: criterion 2 "erfüllt" without evidence – refused in German, nothing saved.
    const form: Record<string, string> = { intent: "ratings", phase: "bestandsaufnahme" };
    items.forEach((c, i) => {
      form[`rating.${c.id}`] = i < 3 ? "met" : "partly";
      form[`evidence.${c.id}`] = i === 1 ? "" : `Nachweis ${i + 1}`;
    });
    const refused = await partner.post(`${LIST}/${id}`, form);
    expect(refused.status).toBe(400);
    const raw = await refused.text();
    const html = plain(raw);
    // The refused form keeps the chosen ratings (server-rendered, so also without JavaScript).
    const checked = [...raw.matchAll(/<input[^>]*type="radio"[^>]*>/g)].filter((m) => / checked=""/.test(m[0]));
    expect(checked.map((m) => m[0].match(/value="([^"]*)"/)![1])).toEqual(
      items.map((_, i) => (i < 3 ? "met" : "partly")),
    );
    expect(html).toContain("„erfüllt“ braucht einen Nachweis");
    expect(await q(sql`SELECT 1 FROM opening_ratings WHERE assessment_id = ${id}`)).toEqual([]);
    // The refused form keeps what was typed.
    expect(html).toContain("Nachweis 3");
    // With evidence it is saved; completing then locks it.
    form[`evidence.${items[1].id}`] = "Leitbild 2025, Abschnitt 3";
    expect((await partner.post(`${LIST}/${id}`, form)).status).toBe(302);
    expect((await partner.post(`${LIST}/${id}`, { intent: "complete" })).status).toBe(302);
    const evaluation = plain(await (await partner.get(`${LIST}/${id}?phase=evaluation`)).text());
    expect(evaluation).toContain("Vergleich mit dem Vorjahr");
    // 2024: met, partly, not_met, … – 2025: met, met, met, partly …
    const row = (text: string) =>
      evaluation.match(
        new RegExp(`${text}[^]*?(besser als im Vorjahr|schlechter als im Vorjahr|unverändert|erstmals bewertet)`),
      )![1];
    expect(row("Leitbild und Grundsätze spiegeln Vielfalt-Politik wider.")).toBe("unverändert");
    expect(row("Interkulturelle Öffnung ist verankert in den Jahreszielen.")).toBe("besser als im Vorjahr");
    expect(row("Mitarbeiterinnen und Mitarbeiter mit Migrationshintergrund werden eingestellt.")).toBe(
      "schlechter als im Vorjahr",
    );
    expect(row("Räumliche Veränderungen insbesondere im Empfangsbereich finden statt.")).toBe("erstmals bewertet");
    const locked = await partner.post(`${LIST}/${id}`, form);
    expect(locked.status).toBe(400);
    expect(plain(await locked.text())).toContain("abgeschlossen");
  });
});
