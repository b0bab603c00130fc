import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { startTestServer, type TestServer } from "../../../tests/support/server";
import { plain, queryRows, roleClients, ROLES } from "../../../tests/support/roles";

// Proposal → measure (issue 12 item 4, decision 0028) against the production build with the demo
// data: provenance both ways on the staff and public pages and in the API, the carry form by role,
// another tenant's ids.
let s: TestServer;
let fachgespraech: string, werkstatt: string, koelnProcess: string, koelnCard: string;
let rec1: string, rec3: string, goal: string, amended: string;
let as: Awaited<ReturnType<typeof roleClients>>;
const LIST = "/t/aachen/verwaltung/beteiligung";

const q = queryRows(() => s);

beforeAll(async () => {
  s = await startTestServer({ modules: true });
  as = await roleClients(s);
  const list = await (await as("viewer").get(LIST)).text();
  fachgespraech = list.match(/beteiligung\/([0-9a-f-]{36})"[^>]*>Fachgespräch Arbeit/)![1];
  werkstatt = list.match(/beteiligung\/([0-9a-f-]{36})"[^>]*>Fachforum 2021/)![1];
  const card = (seq: number) =>
    q<{ id: string }>(
      sql`SELECT id::text FROM participation_cards WHERE process_id = ${fachgespraech} AND seq = ${seq}`,
    );
  rec1 = (await card(1))[0].id;
  rec3 = (await card(3))[0].id;
  [{ id: goal }] = await q<{ id: string }>(
    sql`SELECT g.id::text FROM concept_goals g JOIN concept_editions e ON e.id = g.edition_id
        JOIN tenants t ON t.id = e.tenant_id
        WHERE t.slug = 'aachen' AND e.status = 'beschlossen' AND g.kind <> 'themenfeld' ORDER BY g.position LIMIT 1`,
  );
  [{ id: amended }] = await q<{ id: string }>(
    sql`SELECT measure_id::text AS id FROM participation_measure_links WHERE process_id = ${werkstatt}`,
  );
  [{ id: koelnProcess }] = await q<{ id: string }>(
    sql`INSERT INTO participation_processes (tenant_id, kind, title, status, contact_name, contact_address, decision_scope,
          deciding_body_name, answer_due_on)
        VALUES ((SELECT id FROM tenants WHERE slug = 'koeln'), 'world_cafe', 'Kölner Weltcafé', 'published', 'K', 'k@example.org',
          'Alles', 'Rat der Stadt Köln', '2026-12-31') RETURNING id::text AS id`,
  );
  [{ id: koelnCard }] = await q<{ id: string }>(
    sql`INSERT INTO participation_cards (tenant_id, process_id, seq, kind, body, outcome, outcome_reason)
        VALUES ((SELECT id FROM tenants WHERE slug = 'koeln'), ${koelnProcess}, 1, 'proposal', 'Kölner Vorschlag',
          'uebernommen', 'ja') RETURNING id::text AS id`,
  );
});
afterAll(async () => {
  await s?.close();
});

describe("provenance both ways on the pages", () => {
  it("the Fachforum's proposal links to the measure it amends (staff and public), and the measure back", async () => {
    const staff = await (await as("viewer").get(`${LIST}/${werkstatt}`)).text();
    expect(staff).toContain(`href="/t/aachen/verwaltung/massnahmen/${amended}"`);
    expect(plain(staff)).toContain("Ändert die Maßnahme:");
    const pub = await (await as("anonymous").get(`/t/aachen/beteiligung/${werkstatt}`)).text();
    expect(pub).toContain(`href="/t/aachen/konzept/massnahmen/${amended}"`);
    expect(plain(pub)).toContain("Ändert die Maßnahme:");

    const measure = await (await as("viewer").get(`/t/aachen/verwaltung/massnahmen/${amended}`)).text();
    expect(plain(measure)).toMatch(
      /Geändert durch: Fachforum 2021: Zukunftswerkstatt Sprache \/ Bildung, Realisierungsphase, Karte Nr\. 8/,
    );
    expect(measure).toContain(`href="/t/aachen/verwaltung/beteiligung/${werkstatt}"`);
    const publicMeasure = await (await as("anonymous").get(`/t/aachen/konzept/massnahmen/${amended}`)).text();
    expect(plain(publicMeasure)).toContain("Geändert durch: Fachforum 2021");
    expect(publicMeasure).toContain(`href="/t/aachen/beteiligung/${werkstatt}"`);
  });
});

describe("provenance both ways in the API", () => {
  it("the measure's JSON has its provenance, the process's proposals have their measures", async () => {
    const measures = (await (await as("anonymous").get("/api/v1/t/aachen/measures")).json()) as {
      measures: { id: string; provenance: { relation: string; title: string; number: number }[] }[];
    };
    const m = measures.measures.find((x) => x.id === amended)!;
    expect(m.provenance).toEqual([
      expect.objectContaining({ relation: "amends", title: "Fachforum 2021: Zukunftswerkstatt Sprache / Bildung" }),
    ]);
    const res = await as("anonymous").get(`/api/v1/t/aachen/participation/${werkstatt}/proposals`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      proposals: { outcome: string; measures: { id: string; relation: string }[] }[];
    };
    expect(body.proposals.flatMap((p) => p.measures)).toEqual([
      expect.objectContaining({ id: amended, relation: "amends" }),
    ]);
    expect(JSON.stringify(body)).not.toContain("authorLabel");
  });

  it("answers 404 for another tenant's process, a draft and a malformed id, and lists the endpoint in OpenAPI", async () => {
    expect((await as("anonymous").get(`/api/v1/t/aachen/participation/${koelnProcess}/proposals`)).status).toBe(404);
    expect((await as("anonymous").get(`/api/v1/t/aachen/participation/kein-uuid/proposals`)).status).toBe(404);
    const [{ id: draft }] = await q<{ id: string }>(
      sql`INSERT INTO participation_processes (tenant_id, kind, title) VALUES ((SELECT id FROM tenants WHERE slug = 'aachen'),
            'custom', 'Entwurf') RETURNING id::text AS id`,
    );
    expect((await as("anonymous").get(`/api/v1/t/aachen/participation/${draft}/proposals`)).status).toBe(404);
    const doc = await (await as("anonymous").get("/api/v1/openapi.json")).text();
    expect(doc).toContain("/t/{slug}/participation/{id}/proposals");
    expect(doc).toContain("provenance");
  });
});

describe("carrying a proposal into the concept by form", () => {
  it("lets editors and admins only, makes a new draft measure that shows where it came from", async () => {
    const got: Record<string, number> = {};
    for (const role of ROLES) {
      const res = await as(role).post(`${LIST}/${fachgespraech}`, {
        intent: "carry",
        cardId: rec1,
        relation: "new",
        goalId: goal,
        code: `B-${role}`,
        title: `Mehrsprachige Ausschreibungen (${role})`,
      });
      got[role] = res.status;
      if (res.status === 302 && role !== "anonymous") expect(res.headers.get("location")).toContain("ok=carried");
    }
    expect(got).toEqual({ anonymous: 302, partner: 403, viewer: 403, editor: 302, admin: 302 });
    const made = await q<{ id: string; code: string; status: string }>(
      sql`SELECT m.id::text, m.code, m.status FROM participation_measure_links l JOIN concept_measures m ON m.id = l.measure_id
          WHERE l.card_id = ${rec1} ORDER BY m.code`,
    );
    expect(made.map((m) => [m.code, m.status])).toEqual([
      ["B-admin", "vorgeschlagen"],
      ["B-editor", "vorgeschlagen"],
    ]);
    const page = plain(await (await as("viewer").get(`/t/aachen/verwaltung/massnahmen/${made[1].id}`)).text());
    expect(page).toContain("Entstanden aus: Fachgespräch Arbeit / Weiterbildung, Karte Nr. 1");
    const staff = plain(await (await as("viewer").get(`${LIST}/${fachgespraech}`)).text());
    expect(staff).toContain("Neue Maßnahme: B-editor: Mehrsprachige Ausschreibungen (editor)");
  });

  it("refuses a card not yet adopted, a card of another tenant and another tenant's process", async () => {
    const notAdopted = await as("editor").post(`${LIST}/${fachgespraech}`, {
      intent: "carry",
      cardId: rec3,
      relation: "confirms",
      measureId: amended,
    });
    expect(notAdopted.status).toBe(400);
    expect(plain(await notAdopted.text())).toContain(
      "Nur ein übernommener Vorschlag kann in das Konzept übertragen werden.",
    );
    const foreignCard = await as("editor").post(`${LIST}/${fachgespraech}`, {
      intent: "carry",
      cardId: koelnCard,
      relation: "confirms",
      measureId: amended,
    });
    expect(foreignCard.status).toBe(400);
    const foreignProcess = await as("editor").post(`${LIST}/${koelnProcess}`, {
      intent: "carry",
      cardId: koelnCard,
      relation: "confirms",
      measureId: amended,
    });
    expect(foreignProcess.status).toBe(404);
    const [{ n }] = await q<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM participation_measure_links WHERE card_id IN (${rec3}, ${koelnCard})`,
    );
    expect(n).toBe(0);
  });
});
