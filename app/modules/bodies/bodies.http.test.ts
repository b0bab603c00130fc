import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { startTestServer, type TestServer } from "../../../tests/support/server";
import { plain, roleClients, ROLES } from "../../../tests/support/roles";

// The staff pages of the bodies module (issue 12, part 5), against the production build with the
// demo data: who may read and post, tenant isolation, and the seat rules as a user meets them.
let s: TestServer;
let steering: string, committee: string, koelnBody: string;
let as: Awaited<ReturnType<typeof roleClients>>;
const LIST = "/t/aachen/verwaltung/gremien";

beforeAll(async () => {
  s = await startTestServer({ modules: true });
  as = await roleClients(s);
  const list = await (await as("viewer").get(LIST)).text();
  steering = list.match(/gremien\/([0-9a-f-]{36})"[^>]*>Steuerungsgruppe/)![1];
  committee = list.match(/gremien\/([0-9a-f-]{36})"[^>]*>Ausschuss/)![1];
  const [k] = (
    (await s.db.orm.execute(
      sql`INSERT INTO bodies (tenant_id, name, kind) VALUES ((SELECT id FROM tenants WHERE slug = 'koeln'),
          'Integrationsrat der Stadt Köln', 'integrationsrat') RETURNING id::text AS id`,
    )) as unknown as { rows: { id: string }[] }
  ).rows;
  koelnBody = k.id;
});
afterAll(async () => {
  await s?.close();
});

/** The value of the option with this label (in any select of the page). */
const option = (html: string, label: string) =>
  html.match(new RegExp(`<option value="([^"]+)"[^>]*>${label}</option>`))![1];
/** Text without tags, for reading a table row by row. */

describe("who may use the bodies pages", () => {
  it("sends anonymous visitors to the login, refuses partners, lets viewers read and editors change", async () => {
    const pages = [LIST, `${LIST}/neu`, `${LIST}/${steering}`];
    const expected: Record<string, number[]> = {
      anonymous: [302, 302, 302],
      partner: [403, 403, 403],
      viewer: [200, 403, 200],
      editor: [200, 200, 200],
      admin: [200, 200, 200],
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
    // Posting: nobody below editor changes anything.
    const posts: Record<string, number[]> = {};
    for (const role of ROLES) {
      posts[role] = [
        (await as(role).post(`${LIST}/neu`, { name: `Gremium von ${role}`, kind: "netzwerk" })).status,
        (
          await as(role).post(`${LIST}/${committee}`, {
            intent: "rule",
            label: `Sitze von ${role}`,
            seats: "2",
            voting: "1",
          })
        ).status,
      ];
    }
    expect(posts).toEqual({
      anonymous: [302, 302],
      partner: [403, 403],
      viewer: [403, 403],
      editor: [302, 302],
      admin: [302, 302],
    });
    const list = await (await as("viewer").get(LIST)).text();
    expect(list).toContain("Gremium von editor");
    expect(list).not.toContain("Gremium von viewer");
  });

  it("shows the staff menu entry from viewer up", async () => {
    expect(await (await as("viewer").get("/t/aachen/verwaltung")).text()).toContain(`href="${LIST}"`);
    expect(await (await as("partner").get("/t/aachen/verwaltung")).text()).not.toContain(`href="${LIST}"`);
  });

  it("answers 404 for another tenant's body, reading and posting", async () => {
    for (const role of ["viewer", "editor", "admin"] as const)
      expect((await as(role).get(`${LIST}/${koelnBody}`)).status).toBe(404);
    const res = await as("editor").post(`${LIST}/${koelnBody}`, {
      intent: "member",
      personName: "Fremd",
      role: "guest",
      startsOn: "2026-01-01",
    });
    expect(res.status).toBe(404);
    expect((await as("editor").get(`${LIST}/00000000-0000-0000-0000-000000000000`)).status).toBe(404);
  });
});

describe("the bodies pages", () => {
  it("list the bodies with their kind and the seats taken today", async () => {
    const html = plain(await (await as("viewer").get(LIST)).text());
    expect(html).toContain("Steuerungsgruppe „Integration im Querschnitt“ – Beispiel Steuerungsgruppe 6 von 12");
    expect(html).toContain("Integrationsrat der Stadt Aachen – Beispiel Integrationsrat 2 von 3");
    expect(html).not.toContain("Köln");
  });

  it("create a body with its secretariat, and refuse a name twice in German with the values kept", async () => {
    const editor = as("editor");
    const form = await (await editor.get(`${LIST}/neu`)).text();
    const kiz = option(form, "Kommunales Integrationszentrum Aachen");
    const fields = {
      name: "Runder Tisch Sprache",
      shortName: "RT Sprache",
      kind: "runder_tisch",
      secretariatId: kiz,
      cadence: "monatlich",
      description: "Träger der Sprachkurse",
    };
    const res = await editor.post(`${LIST}/neu`, fields);
    expect(res.status).toBe(302);
    const page = await (await editor.get(res.headers.get("location")!)).text();
    expect(page).toContain("Das Gremium ist angelegt.");
    expect(plain(page)).toContain("Geschäftsstelle Kommunales Integrationszentrum Aachen");
    expect(plain(page)).toContain("Art Runder Tisch");
    const again = await editor.post(`${LIST}/neu`, { ...fields, cadence: "wöchentlich" });
    expect(again.status).toBe(400);
    const html = await again.text();
    expect(html).toContain("Ein Gremium „Runder Tisch Sprache“ gibt es schon.");
    expect(html).toContain('value="wöchentlich"');
    const empty = await (await editor.post(`${LIST}/neu`, { name: "", kind: "" })).text();
    expect(empty).toContain("Bitte ausfüllen.");
    expect(empty).toContain("Bitte eine Art des Gremiums wählen.");
  });

  it("show the Steuerungsgruppe rule by rule on a chosen day, with empty seats, the ex-officio chair, and the deputy", async () => {
    const html = plain(await (await as("viewer").get(`${LIST}/${steering}?stichtag=2021-06-01`)).text());
    expect(html).toContain("Zusammensetzung am 01.06.2021");
    expect(html).toContain("6 von 12 Sitzen besetzt");
    expect(html).toContain(
      "Verwaltung 1 Jonas Muster Fachbereich Wohnen, Soziales und Integration – 2 Katrin Beispiel Kommunales Integrationszentrum Aachen Vorsitz 3 frei – – 4 frei – –",
    );
    expect(html).toContain("Vorsitz des Integrationsrates – kraft Amtes 1 Leyla Beispiel – kraft Amtes");
    expect(html).toContain(
      "Stefan Vertretung (Kommunales Integrationszentrum Aachen) – Stellvertretung, vertritt Katrin Beispiel",
    );
    // Before the terms began, every seat is free.
    const before = plain(await (await as("viewer").get(`${LIST}/${steering}?stichtag=2020-10-31`)).text());
    expect(before).toContain("0 von 12 Sitzen besetzt");
    // A viewer gets no forms; a wrong day falls back to today and says so.
    const viewer = await (await as("viewer").get(`${LIST}/${steering}?stichtag=2021-02-30`)).text();
    expect(viewer).not.toContain('name="intent"');
    expect(viewer).toContain("Bitte ein Datum im Format JJJJ-MM-TT angeben.");
  });

  it("refuse the fifth administration member with the service's German message, keeping the entered values", async () => {
    const editor = as("editor");
    const page = await (await editor.get(`${LIST}/${steering}`)).text();
    const fb = option(page, "Fachbereich Wohnen, Soziales und Integration");
    const admin = option(page, "Verwaltung");
    const add = (personName: string) =>
      editor.post(`${LIST}/${steering}?stichtag=2026-03-01`, {
        intent: "member",
        personName,
        organisationId: fb,
        role: "member",
        seatRuleId: admin,
        startsOn: "2026-03-01",
        stichtag: "2026-03-01",
      });
    for (const name of ["Dritte Verwaltung", "Vierte Verwaltung"]) {
      const r = await add(name);
      expect(r.status).toBe(302);
      expect(r.headers.get("location")).toBe(`${LIST}/${steering}?stichtag=2026-03-01&ok=member`);
    }
    const fifth = await add("Fünfte Verwaltung");
    expect(fifth.status).toBe(400);
    const html = await fifth.text();
    const summary = html.match(/<div class="kern-alert kern-alert--danger"[\s\S]*?<\/ul>/)![0];
    expect(summary).toContain("Alle 4 Sitze „Verwaltung“ sind am 2026-03-01 besetzt. Zuerst eine Amtszeit beenden.");
    expect(summary).toContain('href="#f-seatRuleId"');
    expect(html).toContain('value="Fünfte Verwaltung"');
    expect(html).toMatch(new RegExp(`<option value="${fb}" selected="">`));
    const now = plain(await (await editor.get(`${LIST}/${steering}?stichtag=2026-03-01`)).text());
    expect(now).toContain("4 Vierte Verwaltung");
    expect(now).not.toContain("Fünfte Verwaltung");
  });

  it("add a guest and a seat rule, then end the guest's term", async () => {
    const editor = as("editor");
    const page = `${LIST}/${steering}`;
    const added = await editor.post(page, {
      intent: "member",
      personName: "Gast Beispiel",
      role: "guest",
      startsOn: "2026-01-01",
      stichtag: "2026-06-01",
    });
    expect(added.status).toBe(302);
    const html = await (await editor.get(added.headers.get("location")!)).text();
    expect(html).toContain("Die Person ist eingetragen.");
    expect(plain(html)).toContain("Gast Beispiel – Gast");
    const id = [
      ...html.split("Letzter Tag von Gast Beispiel")[0].matchAll(/name="membershipId" value="([0-9a-f-]{36})"/g),
    ].at(-1)![1];
    // The end must lie within the term.
    const early = await editor.post(page, { intent: "end", membershipId: id, endsOn: "2025-12-31" });
    expect(early.status).toBe(400);
    const refused = await early.text();
    expect(refused).toContain("Die Amtszeit kann nicht vor ihrem Beginn oder nach ihrem bisherigen Ende enden.");
    expect(refused).toContain(`href="#f-end-${id}"`);
    const ended = await editor.post(page, { intent: "end", membershipId: id, endsOn: "2026-06-30" });
    expect(ended.status).toBe(302);
    expect(plain(await (await editor.get(`${page}?stichtag=2026-06-30`)).text())).toContain("Gast Beispiel");
    const after = plain(await (await editor.get(`${page}?stichtag=2026-07-01&ok=ended`)).text());
    expect(after).toContain("Die Amtszeit ist beendet.");
    expect(after).not.toContain("Gast Beispiel");

    const rule = await editor.post(page, {
      intent: "rule",
      label: "Beratende Gäste der Politik",
      seats: "2",
      organisationKinds: "politik",
    });
    expect(rule.status).toBe(302);
    const withRule = plain(await (await editor.get(page)).text());
    expect(withRule).toContain("Beratende Gäste der Politik – ohne Stimmrecht 1 frei");
    // An ex-officio seat names no organisations.
    const rat = option(await (await editor.get(page)).text(), "Integrationsrat der Stadt Aachen");
    const both = await editor.post(page, {
      intent: "rule",
      label: "Doppelt",
      seats: "1",
      voting: "1",
      organisationKinds: "politik",
      exOfficioBodyId: rat,
      exOfficioFunction: "vice_chair",
    });
    expect(both.status).toBe(400);
    expect(await both.text()).toContain("Ein Sitz kraft Amtes nennt keine Organisationen");
    // A number of seats outside 1–500, or no number at all, is refused and adds no rule.
    for (const seats of ["0", "501", "viele"]) {
      const bad = await editor.post(page, { intent: "rule", label: `Falsch ${seats}`, seats, voting: "1" });
      expect(bad.status, seats).toBe(400);
      expect(await bad.text()).toContain("Die Zahl der Sitze muss zwischen 1 und 500 liegen.");
      expect(plain(await (await editor.get(page)).text())).not.toContain(`Falsch ${seats}`);
    }
  });
});
