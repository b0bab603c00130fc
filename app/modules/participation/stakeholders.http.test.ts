import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { Client, startTestServer, type TestServer } from "../../../tests/support/server";

// The stakeholder register's page (issue 12 item 7) against the production build with the demo data.
let s: TestServer;
let koelnEntry: string;
const clients = new Map<string, Client>();
const PW = "Teilhabe-Demo-2026";
const ROLES = ["anonymous", "partner", "viewer", "editor", "admin"] as const;
const PAGE = "/t/aachen/verwaltung/beteiligung/akteure";

beforeAll(async () => {
  s = await startTestServer({ modules: true });
  for (const role of ROLES) {
    const c = new Client(s.url);
    if (role !== "anonymous") await c.login(`${role}.aachen@example.org`, PW);
    clients.set(role, c);
  }
  const [k] = (
    (await s.db.orm.execute(
      sql`INSERT INTO participation_stakeholders (tenant_id, person_name, legal_basis, influence, attitude)
          VALUES ((SELECT id FROM tenants WHERE slug = 'koeln'), 'Kölner Geheimperson', 'Einwilligung', 4, 1)
          RETURNING id::text AS id`,
    )) as unknown as { rows: { id: string }[] }
  ).rows;
  koelnEntry = k.id;
});
afterAll(async () => {
  await s?.close();
});

const as = (role: (typeof ROLES)[number]) => clients.get(role)!;
const option = (html: string, label: string) =>
  html.match(new RegExp(`<option value="([^"]+)"[^>]*>${label}</option>`))![1];

describe("the stakeholder register", () => {
  it("sends anonymous visitors to the login, refuses partners, lets viewers read and only editors change", async () => {
    const got: Record<string, [number, number]> = {};
    for (const role of ROLES) {
      const page = await as(role).get(PAGE);
      const post = await as(role).post(PAGE, { intent: "rate", id: koelnEntry, influence: "1", attitude: "1" });
      got[role] = [page.status, post.status];
    }
    expect(got).toEqual({
      anonymous: [302, 302],
      partner: [403, 403],
      viewer: [200, 403],
      editor: [200, 400],
      admin: [200, 400],
    });
    const viewer = await (await as("viewer").get(PAGE)).text();
    expect(viewer).toContain("Jobcenter StädteRegion Aachen");
    expect(viewer).not.toContain('name="intent"');
    // Another tenant's entry is neither shown nor changed (the 400s above say "gibt es nicht").
    expect(viewer).not.toContain("Kölner Geheimperson");
    const [k] = (
      (await s.db.orm.execute(
        sql`SELECT influence FROM participation_stakeholders WHERE id = ${koelnEntry}`,
      )) as unknown as { rows: { influence: number }[] }
    ).rows;
    expect(k.influence).toBe(4);
  });

  it("draws the four fields and lists each entry under its field", async () => {
    const html = await (await as("viewer").get(PAGE)).text();
    expect(html).toMatch(/<svg[^>]*role="img"/);
    expect(html.match(/<circle/g)?.length).toBe(4);
    const promoters = html.slice(html.indexOf('id="field-promoters"'), html.indexOf('id="field-opponents"'));
    expect(promoters).toContain("Integrationsrat der Stadt Aachen");
    expect(promoters).not.toContain("IHK Aachen");
  });

  it("refuses a person without a legal basis with the German message and keeps the input, then takes one with it", async () => {
    const editor = as("editor");
    const refused = await editor.post(PAGE, {
      intent: "add",
      organisationId: "",
      personName: "Petra Beispiel",
      influence: "2",
      attitude: "4",
    });
    expect(refused.status).toBe(400);
    const body = await refused.text();
    expect(body).toContain("Für eine natürliche Person bitte die Rechtsgrundlage angeben");
    expect(body).toContain('value="Petra Beispiel"');
    const taken = await editor.post(PAGE, {
      intent: "add",
      organisationId: "",
      personName: "Petra Beispiel",
      legalBasis: "Einwilligung vom 01.12.2026",
      influence: "2",
      attitude: "4",
    });
    expect(taken.status).toBe(302);
    const after = await (await editor.get(PAGE)).text();
    expect(after).toContain("Petra Beispiel");
    const supporters = after.slice(after.indexOf('id="field-supporters"'), after.indexOf('id="field-sceptics"'));
    expect(supporters).toContain("Petra Beispiel");
    const ihk = option(after.slice(after.indexOf('id="add-stakeholder"')), "IHK Aachen");
    const twice = await editor.post(PAGE, { intent: "add", organisationId: ihk, influence: "1", attitude: "1" });
    expect(await twice.text()).toContain("Diese Organisation steht schon im Akteursregister.");
  });
});
