import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { Client, startTestServer, type TestServer } from "../../../tests/support/server";
import { plain, queryRows, roleClients, ROLES } from "../../../tests/support/roles";

// The live workshop board's pages (issue 12 item 3, decision 0030) against the production build with
// the demo data: who may use the facilitator's pages, a foreign tenant's workshop, the participant's
// steps without JavaScript (plain form posts), totals withheld until the reveal, the event stream.
let s: TestServer;
let processId: string, workshop: string, code: string, koelnCode: string, koelnProcess: string, koelnWorkshop: string;
let as: Awaited<ReturnType<typeof roleClients>>;
const KOELN_CARD = "Kanarienvogel-Karte aus Köln";

const q = queryRows(() => s);
const staff = () => `/t/aachen/verwaltung/beteiligung/${processId}/werkstatt/${workshop}`;

beforeAll(async () => {
  s = await startTestServer({ modules: true });
  as = await roleClients(s);
  const created = await as("editor").post("/t/aachen/verwaltung/beteiligung/neu", {
    kind: "zukunftswerkstatt",
    title: "Fachforum Wohnen (Werkstatt)",
    startsOn: "2026-06-12",
  });
  expect(created.status).toBe(302);
  processId = created.headers.get("location")!.match(/beteiligung\/([0-9a-f-]{36})/)![1]!;
  const res = await as("editor").post(`/t/aachen/verwaltung/beteiligung/${processId}`, {
    intent: "workshop",
    title: "Kritikphase im Saal",
    dotBudget: "2",
  });
  expect(res.status).toBe(302);
  workshop = res.headers.get("location")!.match(/werkstatt\/([0-9a-f-]{36})$/)![1]!;
  [{ code }] = await q<{ code: string }>(sql`SELECT code FROM participation_workshops WHERE id = ${workshop}`);
  // A Köln workshop with a hidden card: nothing of it may reach an Aachen answer.
  [{ id: koelnProcess }] = await q<{ id: string }>(
    sql`INSERT INTO participation_processes (tenant_id, kind, title) VALUES ((SELECT id FROM tenants WHERE slug = 'koeln'),
          'zukunftswerkstatt', 'Kölner Werkstatt') RETURNING id::text AS id`,
  );
  [{ id: koelnWorkshop, code: koelnCode }] = await q<{ id: string; code: string }>(
    sql`INSERT INTO participation_workshops (tenant_id, process_id, title, code)
        VALUES ((SELECT id FROM tenants WHERE slug = 'koeln'), ${koelnProcess}, 'Köln', 'KKKKKK') RETURNING id::text AS id, code`,
  );
  await q(sql`INSERT INTO participation_cards (tenant_id, process_id, seq, kind, body, workshop_id, hidden)
    VALUES ((SELECT id FROM tenants WHERE slug = 'koeln'), ${koelnProcess}, 1, 'critique', ${KOELN_CARD}, ${koelnWorkshop}, true)`);
});
afterAll(async () => {
  await s?.close();
});

describe("who may use the workshop pages", () => {
  it("sends anonymous visitors to the login, refuses partners, lets viewers read and only editors steer", async () => {
    const pages = [staff(), `${staff()}/leinwand`, `${staff()}/ergebnis.csv`];
    const got: Record<string, number[]> = {};
    for (const role of ROLES) got[role] = await Promise.all(pages.map(async (p) => (await as(role).get(p)).status));
    expect(got).toEqual({
      anonymous: [302, 302, 302],
      partner: [403, 403, 403],
      viewer: [200, 200, 200],
      editor: [200, 200, 200],
      admin: [200, 200, 200],
    });
    // The controls are not offered to a viewer, and a viewer's post is refused.
    expect(await (await as("viewer").get(staff())).text()).not.toContain("Punktabfrage öffnen");
    expect(await (await as("editor").get(staff())).text()).toContain("Punktabfrage öffnen");
    for (const role of ["anonymous", "partner", "viewer"] as const) {
      const r = await as(role).post(staff(), { intent: "control", control: "close" });
      expect([302, 403], role).toContain(r.status);
      if (r.status === 302) expect(r.headers.get("location")).toMatch(/anmelden/);
    }
    const [w] = await q<{ status: string }>(sql`SELECT status FROM participation_workshops WHERE id = ${workshop}`);
    expect(w!.status).toBe("open");
  });

  it("answers 404 for another tenant's workshop, by id and by code, on every route and for every role", async () => {
    const foreign = `/t/aachen/verwaltung/beteiligung/${koelnProcess}/werkstatt/${koelnWorkshop}`;
    const mixed = `/t/aachen/verwaltung/beteiligung/${processId}/werkstatt/${koelnWorkshop}`;
    for (const role of ["viewer", "editor", "admin"] as const) {
      for (const p of [foreign, `${foreign}/leinwand`, `${foreign}/ergebnis.csv`, `${foreign}/live`, mixed]) {
        const r = await as(role).get(p);
        expect(r.status, `${role} ${p}`).toBe(404);
        expect(await r.text()).not.toContain(KOELN_CARD);
      }
      const post = await as(role).post(mixed, { intent: "control", control: "close" });
      expect([403, 404]).toContain(post.status);
    }
    for (const role of ROLES) {
      for (const p of [`/t/aachen/werkstatt/${koelnCode}`, `/t/aachen/werkstatt/${koelnCode}/live`]) {
        const r = await as(role).get(p);
        expect(r.status, `${role} ${p}`).toBe(404);
        expect(await r.text()).not.toContain(KOELN_CARD);
      }
      const join = await as(role).get(`/t/aachen/werkstatt?code=${koelnCode}`);
      expect(join.status).toBe(200);
      expect(plain(await join.text())).toContain("Zu diesem Code gibt es keine laufende Werkstatt");
      const post = await as(role).post(`/t/aachen/werkstatt/${koelnCode}`, {
        intent: "card",
        kind: "critique",
        body: "x",
      });
      expect(post.status).toBe(404);
    }
    const [{ n }] = await q<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM participation_cards WHERE workshop_id = ${koelnWorkshop}`,
    );
    expect(n).toBe(1);
  });
});

describe("bad input on the forms", () => {
  it("answers a bad workshop form, a bad code and a bad dot with a German message, storing nothing", async () => {
    const before = await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM participation_workshops`);
    const r = await as("editor").post(`/t/aachen/verwaltung/beteiligung/${processId}`, {
      intent: "workshop",
      title: "Zu viele Punkte",
      dotBudget: "0",
    });
    expect(r.status).toBe(400);
    expect(plain(await r.text())).toContain("Bitte eine Zahl von 1 bis 20 Punkten je Person und Runde angeben.");
    expect(await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM participation_workshops`)).toEqual(before);
    for (const bad of ["ab", "'; DROP TABLE x; --", "ÄÖÜ123", "x".repeat(40)]) {
      const join = await as("anonymous").get(`/t/aachen/werkstatt?code=${encodeURIComponent(bad)}`);
      expect(join.status, bad).toBe(200);
      expect(plain(await join.text())).toContain("Zu diesem Code gibt es keine laufende Werkstatt");
    }
    const phone = new Client(s.url);
    await phone.get(`/t/aachen/werkstatt/${code}`);
    const dot = await phone.post(`/t/aachen/werkstatt/${code}`, { intent: "dot", cardId: "nicht-da", key: "x" });
    expect(dot.status).toBe(400);
    expect(plain(await dot.text())).toContain("Die Anfrage ist unvollständig. Bitte die Seite neu laden.");
    const paper = await as("editor").post(staff(), { intent: "paper", cardId: "nicht-da", dots: "" });
    expect(paper.status).toBe(400);
    expect(plain(await paper.text())).toMatch(
      /Bitte die Zahl der Papierpunkte|Diese Karte gibt es auf dieser Tafel nicht/,
    );
  });
});

describe("a participant without JavaScript", () => {
  it("joins by code, writes cards, gives dots within the budget; totals appear only after the reveal", async () => {
    const phone = new Client(s.url);
    const join = await phone.get(`/t/aachen/werkstatt?code=${code.toLowerCase()}`);
    expect(join.status).toBe(302);
    expect(join.headers.get("location")).toBe(`/t/aachen/werkstatt/${code}`);
    const page = await phone.get(`/t/aachen/werkstatt/${code}`);
    expect(page.status).toBe(200);
    expect(page.headers.get("cache-control") ?? "").not.toMatch(/public/);
    // The participant's token: a random value in a cookie, HttpOnly.
    const cookie = page.headers.getSetCookie().find((c) => c.startsWith("tw_"));
    expect(cookie).toMatch(/HttpOnly/);
    const html = plain(await page.text());
    expect(html).toContain("Kritikphase im Saal");
    expect(html).toContain("Phase: Kritikphase");

    for (const body of ["Zu wenige Wohnungen für große Familien", "Vermieter lehnen ausländische Namen ab"]) {
      const r = await phone.post(`/t/aachen/werkstatt/${code}`, { intent: "card", kind: "critique", body });
      expect(r.status).toBe(302);
      expect(r.headers.get("location")).toBe(`/t/aachen/werkstatt/${code}?ok=card`);
    }
    const empty = await phone.post(`/t/aachen/werkstatt/${code}`, { intent: "card", kind: "critique", body: "  " });
    expect(empty.status).toBe(400);
    expect(plain(await empty.text())).toContain("Bitte ausfüllen.");
    // Without the cookie nothing is stored, and the reason is given.
    const noCookie = new Client(s.url);
    const refused = await noCookie.post(`/t/aachen/werkstatt/${code}`, {
      intent: "card",
      kind: "idea",
      body: "ohne Cookie",
    });
    expect(refused.status).toBe(400);
    expect(plain(await refused.text())).toContain("Bitte erlauben Sie Cookies");

    // No dot button while voting is closed.
    expect(await (await phone.get(`/t/aachen/werkstatt/${code}`)).text()).not.toContain('name="intent" value="dot"');
    expect((await as("editor").post(staff(), { intent: "control", control: "openVoting" })).status).toBe(302);

    const board = await (await phone.get(`/t/aachen/werkstatt/${code}`)).text();
    const forms = [
      ...board.matchAll(/name="cardId" value="([0-9a-f-]{36})"\/><input type="hidden" name="key" value="([\w-]+)"/g),
    ];
    expect(forms).toHaveLength(2);
    const [first, second] = forms.map((m) => ({ cardId: m[1]!, key: m[2]! }));
    // The same form sent twice (a double tap) is one dot.
    for (let i = 0; i < 2; i++) {
      const r = await phone.post(`/t/aachen/werkstatt/${code}`, { intent: "dot", ...first! });
      expect(r.status).toBe(302);
    }
    const after1 = plain(await (await phone.get(`/t/aachen/werkstatt/${code}`)).text());
    expect(after1).toContain("Sie haben noch 1 von 2 Punkten.");
    const r2 = await phone.post(`/t/aachen/werkstatt/${code}`, {
      intent: "dot",
      cardId: second!.cardId,
      key: "neuerschluessel1",
    });
    expect(r2.status).toBe(302);
    const over = await phone.post(`/t/aachen/werkstatt/${code}`, {
      intent: "dot",
      cardId: second!.cardId,
      key: "neuerschluessel2",
    });
    expect(over.status).toBe(400);
    expect(plain(await over.text())).toContain("Sie haben alle 2 Punkte dieser Runde vergeben.");

    // Before the reveal: no total in any page, for anyone.
    for (const [c, p] of [
      [phone, `/t/aachen/werkstatt/${code}`],
      [as("editor"), staff()],
      [as("editor"), `${staff()}/leinwand`],
    ] as const) {
      const text = plain(await (await c.get(p)).text());
      expect(text, p).not.toMatch(/\d+ Punkte?\b(?! je)/);
      expect(text).not.toContain("Punkte (gezeigte Runden)");
    }
    // Paper dots, then the reveal.
    expect((await as("editor").post(staff(), { intent: "paper", cardId: second!.cardId, dots: "3" })).status).toBe(302);
    expect((await as("editor").post(staff(), { intent: "control", control: "reveal" })).status).toBe(302);
    const screen = plain(await (await as("editor").get(`${staff()}/leinwand`)).text());
    expect(screen).toContain("4 Punkte");
    expect(screen).toContain("1 Punkt");
    const csv = await (await as("viewer").get(`${staff()}/ergebnis.csv`)).text();
    expect(csv.split("\r\n")[0]).toBe(
      "Nr.;Art;Phase;Karte;Gruppe;In der Auswahl;Ausgeblendet;Punkte (gezeigte Runden);davon Papierpunkte",
    );
    expect(csv).toContain("Vermieter lehnen ausländische Namen ab;;;;4;3");
    // The participant's cards carry no author and no time anywhere.
    const rows = await q<Record<string, unknown>>(
      sql`SELECT * FROM participation_cards WHERE workshop_id = ${workshop} ORDER BY seq`,
    );
    expect(rows.map((r) => [r.anonymous, r.author_label])).toEqual([
      [true, null],
      [true, null],
    ]);
  });

  it("moderation: a hidden card leaves the participants' board and the projector", async () => {
    const phone = new Client(s.url);
    await phone.get(`/t/aachen/werkstatt/${code}`);
    await phone.post(`/t/aachen/werkstatt/${code}`, {
      intent: "card",
      kind: "question",
      body: "Unpassende Werbung XYZ",
    });
    const [{ id }] = await q<{ id: string }>(
      sql`SELECT id::text AS id FROM participation_cards WHERE body = 'Unpassende Werbung XYZ'`,
    );
    expect(await (await phone.get(`/t/aachen/werkstatt/${code}`)).text()).toContain("Unpassende Werbung XYZ");
    const r = await as("editor").post(staff(), { intent: "moderate", cardId: id, moderation: "hide" });
    expect(r.status).toBe(302);
    expect(await (await phone.get(`/t/aachen/werkstatt/${code}`)).text()).not.toContain("Unpassende Werbung XYZ");
    expect(await (await as("editor").get(`${staff()}/leinwand`)).text()).not.toContain("Unpassende Werbung XYZ");
    expect(plain(await (await as("editor").get(staff())).text())).toContain("ausgeblendet");
    const audit = await q<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'participation_card' AND entity_id = ${id}`,
    );
    expect(audit[0]!.n).toBe(1);
  });
});

describe("the event stream", () => {
  it("tells an open board that a card arrived, naming no card", async () => {
    const ctrl = new AbortController();
    const res = await fetch(`${s.url}/t/aachen/werkstatt/${code}/live`, {
      headers: { accept: "text/event-stream" },
      signal: ctrl.signal,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const reader = res.body!.getReader();
    const dec = new TextDecoder();
    let text = "";
    const read = async (until: RegExp) => {
      while (!until.test(text)) {
        const { value, done } = await reader.read();
        if (done) break;
        text += dec.decode(value);
      }
    };
    await read(/: open/);
    const phone = new Client(s.url);
    await phone.get(`/t/aachen/werkstatt/${code}`);
    await phone.post(`/t/aachen/werkstatt/${code}`, { intent: "card", kind: "idea", body: "Stream-Probe" });
    await read(/event: cards/);
    ctrl.abort();
    expect(text).toContain("event: cards\ndata: cards\n\n");
    expect(text).not.toContain("Stream-Probe");
  });
});
