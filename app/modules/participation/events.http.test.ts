import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { Client, startTestServer, type TestServer } from "../../../tests/support/server";
import { plain, queryRows, roleClients, ROLES } from "../../../tests/support/roles";

// The event pages (issue 12 item 2, decision 0029) against the production build with the demo data:
// who may read and post, a foreign tenant's event, public registration without JavaScript, the
// waiting list and the cancellation link, and that no registrant's name reaches a public answer.
let s: TestServer;
let event: string, koelnEvent: string, koelnProcess: string;
let as: Awaited<ReturnType<typeof roleClients>>;
const STAFF = "/t/aachen/verwaltung/veranstaltungen";
const PUBLIC = "/t/aachen/veranstaltungen";
const NEXT_YEAR = String(new Date().getFullYear() + 1);
const KOELN_NAME = "Kanarienvogel Köln";

const q = queryRows(() => s);

beforeAll(async () => {
  s = await startTestServer({ modules: true });
  as = await roleClients(s);
  const res = await as("editor").post(STAFF, {
    intent: "create",
    title: "Werkstatt Ehrenamt, Teil 1",
    date: `${NEXT_YEAR}-03-10`,
    startTime: "10:00",
    endTime: "12:00",
    mode: "in_person",
    venueAddress: "Haus der Integration, Aachen",
    barrierFree: "yes",
    publicTransport: "yes",
    capacity: "2",
    audience: "volunteers",
    childcare: "1",
    interpreterLanguages: "Arabisch, Türkisch",
    published: "1",
  });
  expect(res.status).toBe(302);
  event = res.headers.get("location")!.match(/veranstaltungen\/([0-9a-f-]{36})\?ok=created/)![1];
  [{ id: koelnProcess }] = await q<{ id: string }>(
    sql`INSERT INTO participation_processes (tenant_id, kind, title, status, contact_name, contact_address, decision_scope,
          deciding_body_name, answer_due_on)
        VALUES ((SELECT id FROM tenants WHERE slug = 'koeln'), 'world_cafe', 'Kölner Weltcafé', 'published', 'K', 'k@example.org',
          'Alles', 'Rat der Stadt Köln', '2026-12-31') RETURNING id::text AS id`,
  );
  [{ id: koelnEvent }] = await q<{ id: string }>(
    sql`INSERT INTO participation_events (tenant_id, process_id, title, starts_at, ends_at, venue_address, capacity, published)
        VALUES ((SELECT id FROM tenants WHERE slug = 'koeln'), ${koelnProcess}, 'Kölner Abend',
          ${`${NEXT_YEAR}-04-01T17:00:00Z`}::timestamptz, ${`${NEXT_YEAR}-04-01T19:00:00Z`}::timestamptz, 'Köln', 1, true)
        RETURNING id::text AS id`,
  );
  await q(sql`INSERT INTO participation_event_registrations (tenant_id, event_id, seq, status, name, email)
    VALUES ((SELECT id FROM tenants WHERE slug = 'koeln'), ${koelnEvent}, 1, 'waitlisted', ${KOELN_NAME}, 'k@example.org')`);
});
afterAll(async () => {
  await s?.close();
});

describe("who may use the event pages", () => {
  it("sends anonymous visitors to the login, refuses partners, lets viewers read and editors change", async () => {
    const pages = [STAFF, `${STAFF}/${event}`];
    const got: Record<string, number[]> = {};
    for (const role of ROLES) {
      got[role] = [];
      for (const p of pages) {
        const res = await as(role).get(p);
        got[role].push(res.status);
        if (res.status === 302) expect(res.headers.get("location")).toMatch(/^\/anmelden\?next=/);
      }
      got[role].push((await as(role).post(STAFF, { intent: "create", title: "" })).status);
      got[role].push((await as(role).post(`${STAFF}/${event}`, { intent: "attendance" })).status);
    }
    expect(got).toEqual({
      anonymous: [302, 302, 302, 302],
      partner: [403, 403, 403, 403],
      viewer: [200, 200, 403, 403],
      editor: [200, 200, 400, 302],
      admin: [200, 200, 400, 302],
    });
  });

  it("answers 404 for another tenant's event, reading and posting, on the staff and the public side", async () => {
    for (const role of ["viewer", "editor", "admin"] as const) {
      expect((await as(role).get(`${STAFF}/${koelnEvent}`)).status).toBe(404);
      const post = (await as(role).post(`${STAFF}/${koelnEvent}`, { intent: "reminders" })).status;
      expect(post).toBe(role === "viewer" ? 403 : 404);
    }
    for (const role of ROLES) {
      expect((await as(role).get(`${PUBLIC}/${koelnEvent}`)).status).toBe(404);
      expect((await as(role).get(`${PUBLIC}/${koelnEvent}/termin.ics`)).status).toBe(404);
      expect((await as(role).get(`/t/aachen/beteiligung/${koelnProcess}/termine.ics`)).status).toBe(404);
      const reg = await as(role).post(`${PUBLIC}/${koelnEvent}`, { name: "X", email: "x@example.org", consent: "1" });
      expect(reg.status).toBe(404);
    }
    expect(
      (
        await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM participation_event_registrations
      WHERE event_id = ${koelnEvent}`)
      )[0].n,
    ).toBe(1);
  });

  it("shows the editor the form's errors in German and creates nothing", async () => {
    const res = await as("editor").post(STAFF, {
      intent: "create",
      title: "Online ohne Link",
      date: `${NEXT_YEAR}-03-10`,
      startTime: "18:00",
      endTime: "17:00",
      mode: "online",
      capacity: "0",
      audience: "general",
    });
    expect(res.status).toBe(400);
    const text = plain(await res.text());
    expect(text).toContain("Das Ende liegt vor dem Beginn.");
    expect(text).toContain("Eine Online- oder Hybridveranstaltung braucht einen Link.");
    expect(text).toContain("Bitte die Zahl der Plätze als ganze Zahl von 1 bis 10000 angeben.");
    expect((await q(sql`SELECT 1 FROM participation_events WHERE title = 'Online ohne Link'`)).length).toBe(0);
  });
});

describe("public registration without JavaScript", () => {
  it("registers two, waitlists the third, promotes them when one cancels by the mailed link, never showing a name", async () => {
    const people = [1, 2, 3].map(() => new Client(s.url));
    const page = await people[0].get(`${PUBLIC}/${event}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toMatch(/<form[^>]* method="post"/);
    expect(html).toContain('name="_csrf"');
    expect(plain(html)).toContain("Noch 2 Plätze frei.");
    expect(plain(html)).toContain("Kinderbetreuung · Dolmetschen: Arabisch, Türkisch");

    // Without the token: refused.
    const forged = await people[0].post(
      `${PUBLIC}/${event}`,
      { name: "Ohne Token", email: "o@example.org", consent: "1" },
      { csrf: null },
    );
    expect(forged.status).toBe(403);
    // Without consent: the form again with the reason.
    const noConsent = await people[0].post(`${PUBLIC}/${event}`, { name: "Anna Erste", email: "anna@example.org" });
    expect(noConsent.status).toBe(400);
    expect(plain(await noConsent.text())).toContain("Ohne Ihre Einwilligung");

    const names = ["Anna Erste", "Boris Zweiter", "Cem Dritter"];
    const answers: string[] = [];
    for (const [i, name] of names.entries()) {
      const res = await people[i].post(`${PUBLIC}/${event}`, {
        name,
        email: `${name.split(" ")[0].toLowerCase()}@example.org`,
        organisationType: i === 0 ? "welfare" : "",
        needsInterpreter: i === 2 ? "Arabisch" : "",
        consent: "1",
      });
      expect(res.status).toBe(200);
      answers.push(plain(await res.text()));
    }
    expect(answers[0]).toContain("Sie sind angemeldet.");
    expect(answers[2]).toContain("Sie stehen auf der Warteliste.");

    // No name, and no waitlisted name, on any public answer (page, calendar files) for anyone.
    for (const role of ROLES)
      for (const path of [`${PUBLIC}/${event}`, `${PUBLIC}/${event}/termin.ics`]) {
        const body = await (await as(role).get(path)).text();
        for (const n of [...names, KOELN_NAME]) expect(body).not.toContain(n);
      }
    expect(plain(await (await people[0].get(`${PUBLIC}/${event}`)).text())).toContain("Alle Plätze sind vergeben.");

    // The staff page shows the waiting list.
    const staff = plain(await (await as("viewer").get(`${STAFF}/${event}`)).text());
    expect(staff).toContain("Warteliste: 1");
    expect(staff).toContain("Cem Dritter");
    expect(staff).toContain("Diese Veranstaltung für Ehrenamtliche liegt in der üblichen Arbeitszeit");
    expect(staff).not.toContain(KOELN_NAME);

    const [mail] = await q<{ body: string }>(
      sql`SELECT body FROM outbox WHERE recipient = 'boris@example.org' ORDER BY id`,
    );
    const link = mail.body.match(/\/t\/aachen\/veranstaltungen\/abmelden\/[\w-]+/)![0];
    // Opening the link only asks.
    const ask = await people[1].get(link);
    expect(ask.status).toBe(200);
    expect(plain(await ask.text())).toContain("Möchten Sie sich von „Werkstatt Ehrenamt, Teil 1“ abmelden?");
    expect((await people[1].post(link, {})).status).toBe(200);
    expect((await people[1].post(link, {})).status).toBe(409);
    expect((await people[1].get(`${PUBLIC}/abmelden/unbekannt`)).status).toBe(404);
    const promoted = await q<{ subject: string }>(
      sql`SELECT subject FROM outbox WHERE recipient = 'cem@example.org' ORDER BY id`,
    );
    expect(promoted.map((m) => m.subject)).toEqual([
      "Warteliste: Werkstatt Ehrenamt, Teil 1",
      "Platz frei: Werkstatt Ehrenamt, Teil 1",
    ]);
    expect(plain(await (await as("viewer").get(`${STAFF}/${event}`)).text())).toContain("Warteliste: 0");
  });

  it("marks attendance, queues reminders and reports by organisation type", async () => {
    const regs = await q<{ id: string; name: string }>(
      sql`SELECT id::text AS id, name FROM participation_event_registrations WHERE event_id = ${event} AND status = 'confirmed'`,
    );
    const anna = regs.find((r) => r.name === "Anna Erste")!;
    const body = new URLSearchParams({ intent: "attendance", present: anna.id });
    const c = as("editor");
    const res = await fetch(`${s.url}${STAFF}/${event}`, {
      method: "POST",
      body: `${body}&_csrf=${encodeURIComponent(c.cookies.get("teilhabe_csrf")!)}`,
      redirect: "manual",
      headers: {
        cookie: [...c.cookies].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("; "),
        "content-type": "application/x-www-form-urlencoded",
      },
    });
    expect(res.status).toBe(302);
    const page = plain(await (await c.get(`${STAFF}/${event}`)).text());
    expect(page).toMatch(/Anwesende 1 /);
    expect(page).toMatch(/Wohlfahrtsverband 1 /);
    const r = await c.post(`${STAFF}/${event}`, { intent: "reminders" });
    expect(r.headers.get("location")).toMatch(/ok=reminders&n=2$/);
  });
});

describe("calendar files", () => {
  it("serves the event and the process's published events as text/calendar", async () => {
    const res = await as("anonymous").get(`${PUBLIC}/${event}/termin.ics`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    const ics = await res.text();
    expect(ics).toContain(`UID:${event}@`);
    expect(ics).toContain("SUMMARY:Werkstatt Ehrenamt\\, Teil 1");
    expect(ics).toContain(`DTSTART:${NEXT_YEAR}0310T090000Z`);
  });
});
