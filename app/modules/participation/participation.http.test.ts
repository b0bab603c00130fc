import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { startTestServer, type TestServer } from "../../../tests/support/server";
import { plain, roleClients, ROLES } from "../../../tests/support/roles";

// The participation pages (issue 12 item 1, decision 0025) against the production build with the demo
// data: who may read and post, tenant isolation, publishing, cards, outcomes, export, the public page.
let s: TestServer;
let fachgespraech: string, werkstatt: string, koelnProcess: string;
let as: Awaited<ReturnType<typeof roleClients>>;
const LIST = "/t/aachen/verwaltung/beteiligung";
const PUBLIC = "/t/aachen/beteiligung";

beforeAll(async () => {
  s = await startTestServer({ modules: true });
  as = await roleClients(s);
  const list = await (await as("viewer").get(LIST)).text();
  fachgespraech = list.match(/beteiligung\/([0-9a-f-]{36})"[^>]*>Fachgespräch Arbeit/)![1];
  werkstatt = list.match(/beteiligung\/([0-9a-f-]{36})"[^>]*>Fachforum 2021/)![1];
  const [k] = (
    (await s.db.orm.execute(
      sql`INSERT INTO participation_processes (tenant_id, kind, title, status, contact_name, contact_address, decision_scope,
            deciding_body_name, answer_due_on)
          VALUES ((SELECT id FROM tenants WHERE slug = 'koeln'), 'world_cafe', 'Kölner Weltcafé', 'published', 'K', 'k@example.org',
            'Alles', 'Rat der Stadt Köln', '2026-12-31') RETURNING id::text AS id`,
    )) as unknown as { rows: { id: string }[] }
  ).rows;
  koelnProcess = k.id;
});
afterAll(async () => {
  await s?.close();
});

const option = (html: string, label: string) =>
  html.match(new RegExp(`<option value="([^"]+)"[^>]*>${label}</option>`))![1];

describe("who may use the participation pages", () => {
  it("sends anonymous visitors to the login, refuses partners, lets viewers read and editors change", async () => {
    const pages = [LIST, `${LIST}/neu`, `${LIST}/${fachgespraech}`, `${LIST}/${werkstatt}/export/csv`];
    const expected: Record<string, number[]> = {
      anonymous: [302, 302, 302, 302],
      partner: [403, 403, 403, 403],
      viewer: [200, 403, 200, 200],
      editor: [200, 200, 200, 200],
      admin: [200, 200, 200, 200],
    };
    const got: Record<string, number[]> = {};
    for (const role of ROLES) {
      got[role] = [];
      for (const p of pages) {
        const res = await as(role).get(p);
        got[role].push(res.status);
        if (res.status === 302) expect(res.headers.get("location")).toMatch(/^\/anmelden\?next=/);
      }
    }
    expect(got).toEqual(expected);
    const posts: Record<string, number[]> = {};
    for (const role of ROLES)
      posts[role] = [
        (await as(role).post(`${LIST}/neu`, { kind: "custom", title: `Verfahren von ${role}`, startsOn: "2026-05-01" }))
          .status,
        (await as(role).post(`${LIST}/${werkstatt}`, { intent: "card", kind: "question", body: `Frage von ${role}` }))
          .status,
        (await as(role).post(LIST, { intent: "competence", handlungsfeldId: "x" })).status,
      ];
    expect(posts).toEqual({
      anonymous: [302, 302, 302],
      partner: [403, 403, 403],
      viewer: [403, 403, 403],
      editor: [302, 302, 400],
      admin: [302, 302, 400],
    });
    const titles = plain(await (await as("viewer").get(LIST)).text());
    expect(titles).toContain("Verfahren von editor");
    expect(titles).not.toContain("Verfahren von viewer");
  });

  it("shows the staff menu entry from viewer up", async () => {
    expect(await (await as("viewer").get("/t/aachen/verwaltung")).text()).toContain(`href="${LIST}"`);
    expect(await (await as("partner").get("/t/aachen/verwaltung")).text()).not.toContain(`href="${LIST}"`);
  });

  it("answers 404 for another tenant's process, on every route and for every role", async () => {
    for (const role of ["viewer", "editor", "admin"] as const) {
      expect((await as(role).get(`${LIST}/${koelnProcess}`)).status).toBe(404);
      expect((await as(role).get(`${LIST}/${koelnProcess}/export/json`)).status).toBe(404);
    }
    for (const role of ROLES) expect((await as(role).get(`${PUBLIC}/${koelnProcess}`)).status).toBe(404);
    const res = await as("editor").post(`${LIST}/${koelnProcess}`, { intent: "card", kind: "idea", body: "Fremd" });
    expect(res.status).toBe(404);
    expect((await as("editor").post(`${LIST}/${koelnProcess}`, { intent: "publish" })).status).toBe(404);
    expect((await as("editor").get(`${LIST}/00000000-0000-0000-0000-000000000000`)).status).toBe(404);
    expect((await as("editor").get(`${LIST}/kein-uuid`)).status).toBe(404);
    const [{ n }] = (
      (await s.db.orm.execute(
        sql`SELECT count(*)::int AS n FROM participation_cards WHERE process_id = ${koelnProcess}`,
      )) as unknown as { rows: { n: number }[] }
    ).rows;
    expect(n).toBe(0);
  });
});

describe("the staff pages", () => {
  it("show the Fachgespräch with its four questions, roles, invitees and the warning about the missing Pate", async () => {
    const html = plain(await (await as("viewer").get(`${LIST}/${fachgespraech}`)).text());
    expect(html).toContain(
      "Welche Maßnahmen im vorliegenden Handlungsfeld „Arbeit / Weiterbildung“ sind im Themenfeld der Interkulturellen Öffnung noch zu ergänzen?",
    );
    expect(html).toContain(
      "Für das Themenfeld „Gesellschaftliches Engagement und Teilhabe“ ist keine Themenfeldpatin und kein Themenfeldpate eingetragen.",
    );
    expect(html).toContain("Agentur für Arbeit Aachen-Düren");
    expect(html).toContain("Themenfeldpat/in Ayşe Muster (Beispiel)");
    // Viewers read, but get no forms.
    expect(html).not.toContain("Beitrag eintragen");
  });

  it("create a process from a template, refuse publishing while something is missing, and publish once it is set", async () => {
    const editor = as("editor");
    const form = await (await editor.get(`${LIST}/neu`)).text();
    const sport = option(form, "Sport / Gesundheit");
    const noHf = await editor.post(`${LIST}/neu`, { kind: "fachgespraech", title: "FG Sport", startsOn: "2026-06-10" });
    expect(noHf.status).toBe(400);
    const noHfHtml = await noHf.text();
    expect(noHfHtml).toContain("Ein Fachgespräch gilt einem Handlungsfeld: bitte eines wählen.");
    expect(noHfHtml).toContain('value="FG Sport"');
    const res = await editor.post(`${LIST}/neu`, {
      kind: "fachgespraech",
      title: "FG Sport",
      startsOn: "2026-06-10",
      handlungsfeldId: sport,
    });
    expect(res.status).toBe(302);
    const page = res.headers.get("location")!.split("?")[0];
    const html = plain(await (await editor.get(res.headers.get("location")!)).text());
    expect(html).toContain("Das Verfahren ist angelegt.");
    expect(html).toContain("Einladung: 13.05.2026 – 09.06.2026");
    expect(html).toContain(
      "ist teilweise nicht Aufgabe der Kommune: Gesundheit ist ein Aufgabengebiet der StädteRegion",
    );

    const refused = await editor.post(page, { intent: "publish" });
    expect(refused.status).toBe(400);
    expect(plain(await refused.text())).toContain(
      "Veröffentlichen ist noch nicht möglich: Es fehlt eine Ansprechperson mit Kontakt, der Entscheidungsspielraum, das entscheidende Gremium und das Datum der begründeten Rückmeldung.",
    );
    const id = page.split("/").at(-1)!;
    expect((await as("anonymous").get(`${PUBLIC}/${id}`)).status).toBe(404);

    const details = await editor.post(page, {
      intent: "details",
      contactName: "Sportamt (Beispiel)",
      contactAddress: "sport@example.org",
      decisionScope: "Empfehlungen für Sport im Quartier",
      decidingBody: "Integrationsrat der Stadt Aachen",
      answerDueOn: "2026-09-30",
    });
    expect(details.status).toBe(302);
    expect((await editor.post(page, { intent: "publish" })).status).toBe(302);
    const after = plain(await (await editor.get(page)).text());
    expect(after).toContain("Fachgespräch · Veröffentlicht");
    expect(after).toContain("Integrationsrat der Stadt Aachen ( verknüpft mit dem Gremium )");
    expect((await as("anonymous").get(`${PUBLIC}/${id}`)).status).toBe(200);
  });

  it("add a critique, an idea inverting it and a proposal concretising that, then answer the proposal", async () => {
    const editor = as("editor");
    const page = `${LIST}/${werkstatt}`;
    const html = await (await editor.get(page)).text();
    const kritik = option(html, "Kritikphase");
    const card = async (fields: Record<string, string>) => {
      const r = await editor.post(page, { intent: "card", ...fields });
      expect(r.status, await r.clone().text()).toBe(302);
    };
    await card({ kind: "critique", phaseId: kritik, body: "Kritik aus dem Test" });
    const withCritique = await (await editor.get(page)).text();
    // The critiques to invert are listed by number: the new one is the last.
    const cid = [...withCritique.matchAll(/id="ca-inv-([0-9a-f-]{36})"/g)].map((m) => m[1]).at(-1)!;
    await card({ kind: "idea", body: "Idee aus dem Test", inverts: cid });
    const withIdea = await (await editor.get(page)).text();
    const ideaId = [...withIdea.matchAll(/id="ca-con-([0-9a-f-]{36})"/g)].map((m) => m[1]).at(-1)!;
    // A critique cannot concretise, and a proposal needs a reason once it is rejected.
    const wrong = await editor.post(page, { intent: "card", kind: "critique", body: "x", concretises: ideaId });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain("Nur ein Vorschlag der Realisierungsphase konkretisiert Ideen.");
    await card({
      kind: "proposal",
      body: "Vorschlag aus dem Test",
      concretises: ideaId,
      resources: "Zeit",
      verdict: "feasible",
    });
    const text = plain(await (await editor.get(page)).text());
    expect(text).toMatch(/Idee aus dem Test kehrt Kritik \d+ um/);
    expect(text).toMatch(/Vorschlag aus dem Test konkretisiert Idee \d+/);
    const cards = await (await editor.get(page)).text();
    const proposalId = [...cards.matchAll(/name="cardId" value="([0-9a-f-]{36})"/g)].map((m) => m[1]).at(-1)!;
    const noReason = await editor.post(page, { intent: "outcome", cardId: proposalId, outcome: "abgelehnt" });
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toContain("Bitte begründen");
    const answered = await editor.post(page, {
      intent: "outcome",
      cardId: proposalId,
      outcome: "abgelehnt",
      reason: "Keine Mittel (Test).",
    });
    expect(answered.status).toBe(302);
    const pub = plain(await (await as("anonymous").get(`${PUBLIC}/${werkstatt}`)).text());
    expect(pub).toContain("Vorschlag aus dem Test – abgelehnt (Begründung: Keine Mittel (Test).)");
  });

  it("export the chain as CSV and JSON with German columns", async () => {
    const csv = await (await as("viewer").get(`${LIST}/${werkstatt}/export/csv`)).text();
    // (fetch's text() drops the byte-order mark.)
    expect(csv.split("\r\n")[0]).toBe(
      "Nr.;Phase;Art;Text;Kehrt Kritik um (Nr.);Konkretisiert Idee (Nr.);Themenfeld;Handlungsfeld;Ressourcen;Verantwortung;Hindernisse;Machbarkeit;Ergebnis;Begründung",
    );
    expect(csv).toContain("5;Phantasiephase;Idee;Sprachangebote kommen zu den Familien ins Quartier (Beispiel).;2, 3;");
    const json = (await (await as("viewer").get(`${LIST}/${werkstatt}/export/json`)).json()) as Record<
      string,
      unknown
    >[];
    expect(json[5]).toMatchObject({
      "Nr.": 6,
      Art: "Vorschlag",
      "Konkretisiert Idee (Nr.)": "4",
      Machbarkeit: "machbar unter Bedingungen",
    });
    expect((await as("viewer").get(`${LIST}/${werkstatt}/export/xlsx`)).status).toBe(404);
  });
});

describe("the public page", () => {
  it("shows timeline, contact, scope, deciding body, answer date and every proposal with its outcome; overdue ones marked", async () => {
    const res = await as("anonymous").get(`${PUBLIC}/${werkstatt}`);
    expect(res.status).toBe(200);
    const html = plain(await res.text());
    expect(html).toContain("Kritikphase: 22.09.2021");
    expect(html).toContain("Wer entscheidet Integrationsrat der Stadt Aachen");
    expect(html).toContain("Begründete Rückmeldung bis 31.03.2022");
    expect(html).toContain("Kommunales Integrationszentrum (Beispiel), ki@example.org");
    expect(html).toContain(
      "Zentrale Warteliste aller Kursträger mit monatlicher Abstimmung (Beispiel). – zurückgestellt (Begründung: Erst nach Klärung des Datenschutzes mit den Trägern (Beispiel).)",
    );
    expect(html).toContain(
      "Eltern-Sprachcafés in Kitas und Familienzentren (Beispiel). – eingegangen – Rückmeldung überfällig",
    );
  });

  it("never shows invitees or author labels", async () => {
    const editor = as("editor");
    expect(
      (
        await editor.post(`${LIST}/${fachgespraech}`, {
          intent: "card",
          kind: "recommendation",
          body: "Benannte Empfehlung (Test)",
          authorLabel: "GEHEIMER-NAME",
        })
      ).status,
    ).toBe(302);
    expect(await (await editor.get(`${LIST}/${fachgespraech}`)).text()).toContain("GEHEIMER-NAME");
    const html = await (await as("anonymous").get(`${PUBLIC}/${fachgespraech}`)).text();
    expect(html).toContain("Benannte Empfehlung (Test)");
    expect(html).toContain("Welche Bedarfe ergeben sich im vorliegenden Handlungsfeld „Arbeit / Weiterbildung“");
    for (const secret of ["GEHEIMER-NAME", "Agentur für Arbeit Aachen-Düren", "Arbeitsmarktintegration", "Ayşe Muster"])
      expect(html).not.toContain(secret);
    expect(await (await editor.get(`${LIST}/${fachgespraech}/export/json`)).text()).not.toContain("GEHEIMER-NAME");
  });

  it("answers 404 for a draft and an unknown id", async () => {
    const editor = as("editor");
    const res = await editor.post(`${LIST}/neu`, {
      kind: "auftakt",
      title: "Entwurf öffentlich?",
      startsOn: "2026-05-01",
    });
    const id = res.headers.get("location")!.split("?")[0].split("/").at(-1)!;
    expect((await as("anonymous").get(`${PUBLIC}/${id}`)).status).toBe(404);
    expect((await as("anonymous").get(`${PUBLIC}/00000000-0000-0000-0000-000000000000`)).status).toBe(404);
  });
});
