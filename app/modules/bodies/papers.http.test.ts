import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { startTestServer, type TestServer } from "../../../tests/support/server";
import { plain, roleClients, ROLES } from "../../../tests/support/roles";

// The pages for papers (Vorlagen) and meetings (decision 0024), against the production build with
// the demo data: who may read and post, tenant isolation, and recording an outcome from a meeting.
let s: TestServer;
let steering: string, committee: string, paper: string, meeting: string;
let koelnPaper: string, koelnBody: string, koelnMeeting: string;
let as: Awaited<ReturnType<typeof roleClients>>;
const BASE = "/t/aachen/verwaltung";

const one = async (q: ReturnType<typeof sql>) =>
  ((await s.db.orm.execute(q)) as unknown as { rows: { id: string }[] }).rows[0].id;

beforeAll(async () => {
  s = await startTestServer({ modules: true });
  as = await roleClients(s);
  const list = await (await as("viewer").get(`${BASE}/gremien`)).text();
  steering = list.match(/gremien\/([0-9a-f-]{36})"[^>]*>Steuerungsgruppe/)![1];
  committee = list.match(/gremien\/([0-9a-f-]{36})"[^>]*>Ausschuss/)![1];
  const papers = await (await as("viewer").get(`${BASE}/vorlagen`)).text();
  paper = papers.match(/vorlagen\/([0-9a-f-]{36})"[^>]*>FB 56\/0043\/WP17/)![1];
  const meetings = await (await as("viewer").get(`${BASE}/gremien/${steering}/sitzungen`)).text();
  meeting = meetings.match(/sitzungen\/([0-9a-f-]{36})"[^>]*>12\.03\.2026/)![1];
  const koeln = sql`(SELECT id FROM tenants WHERE slug = 'koeln')`;
  koelnBody = await one(
    sql`INSERT INTO bodies (tenant_id, name, kind) VALUES (${koeln}, 'Rat der Stadt Köln', 'rat') RETURNING id::text AS id`,
  );
  koelnPaper = await one(
    sql`INSERT INTO body_papers (tenant_id, number, title, submitted_on, lead_office)
        VALUES (${koeln}, 'K/1', 'Kölner Vorlage', '2026-01-01', 'Amt 50') RETURNING id::text AS id`,
  );
  koelnMeeting = await one(
    sql`INSERT INTO body_meetings (tenant_id, body_id, meets_on) VALUES (${koeln}, ${koelnBody}, '2026-02-01')
        RETURNING id::text AS id`,
  );
});
afterAll(async () => {
  await s?.close();
});

describe("who may use the papers and meetings pages", () => {
  it("sends anonymous visitors to the login, refuses partners, lets viewers read", async () => {
    const pages = [
      `${BASE}/vorlagen`,
      `${BASE}/vorlagen/${paper}`,
      `${BASE}/gremien/${steering}/sitzungen`,
      `${BASE}/gremien/${steering}/sitzungen/${meeting}`,
    ];
    const got: Record<string, number[]> = {};
    for (const role of ROLES) {
      got[role] = [];
      for (const p of pages) {
        const res = await as(role).get(p);
        got[role].push(res.status);
        if (res.status === 302) expect(res.headers.get("location")).toMatch(/^\/anmelden\?next=/);
      }
    }
    const all = (n: number) => [n, n, n, n];
    expect(got).toEqual({
      anonymous: all(302),
      partner: all(403),
      viewer: all(200),
      editor: all(200),
      admin: all(200),
    });
    // Viewers see no forms.
    const viewer = await (await as("viewer").get(`${BASE}/gremien/${steering}/sitzungen/${meeting}`)).text();
    expect(viewer).not.toContain('name="intent"');
    expect(await (await as("editor").get(`${BASE}/gremien/${steering}/sitzungen/${meeting}`)).text()).toContain(
      'value="attendance"',
    );
  });

  it("lets only editors and admins post, on every page", async () => {
    const posts: Record<string, number[]> = {};
    for (const role of ROLES)
      posts[role] = [
        (
          await as(role).post(`${BASE}/vorlagen`, {
            number: `FB 99/${role}`,
            title: `Vorlage von ${role}`,
            submittedOn: "2026-03-01",
            leadOffice: "FB 56",
          })
        ).status,
        (
          await as(role).post(`${BASE}/vorlagen/${paper}`, {
            intent: "step",
            bodyName: `Rat (${role})`,
            competence: "kenntnisnahme",
          })
        ).status,
        (
          await as(role).post(`${BASE}/gremien/${steering}/sitzungen`, {
            meetsOn: "2026-10-01",
            location: `Ort von ${role}`,
          })
        ).status,
        (
          await as(role).post(`${BASE}/gremien/${steering}/sitzungen/${meeting}`, {
            intent: "guest",
            guestName: `Gast von ${role}`,
          })
        ).status,
      ];
    expect(posts).toEqual({
      anonymous: [302, 302, 302, 302],
      partner: [403, 403, 403, 403],
      viewer: [403, 403, 403, 403],
      editor: [200, 302, 302, 302],
      admin: [200, 302, 302, 302],
    });
    const papers = await (await as("viewer").get(`${BASE}/vorlagen`)).text();
    expect(papers).toContain("Vorlage von editor");
    expect(papers).not.toContain("Vorlage von viewer");
    const m = await (await as("viewer").get(`${BASE}/gremien/${steering}/sitzungen/${meeting}`)).text();
    expect(m).toContain("Gast von admin");
    expect(m).not.toContain("Gast von partner");
  });

  it("shows the menu entry Vorlagen from viewer up", async () => {
    expect(await (await as("viewer").get("/t/aachen/verwaltung")).text()).toContain(`href="${BASE}/vorlagen"`);
    expect(await (await as("partner").get("/t/aachen/verwaltung")).text()).not.toContain(`href="${BASE}/vorlagen"`);
  });

  it("answers 404 for another tenant's paper, body and meeting, reading and posting", async () => {
    const k = "/t/aachen/verwaltung";
    for (const role of ["viewer", "editor", "admin"] as const) {
      expect((await as(role).get(`${k}/vorlagen/${koelnPaper}`)).status).toBe(404);
      expect((await as(role).get(`${k}/gremien/${koelnBody}/sitzungen`)).status).toBe(404);
      expect((await as(role).get(`${k}/gremien/${koelnBody}/sitzungen/${koelnMeeting}`)).status).toBe(404);
    }
    // A meeting under another body of the same tenant is not found either.
    expect((await as("viewer").get(`${k}/gremien/${committee}/sitzungen/${meeting}`)).status).toBe(404);
    expect((await as("viewer").get(`${k}/vorlagen/nicht-da`)).status).toBe(404);
    for (const [url, form] of [
      [`${k}/vorlagen/${koelnPaper}`, { intent: "step", bodyName: "Rat", competence: "entscheidung" }],
      [`${k}/gremien/${koelnBody}/sitzungen`, { meetsOn: "2026-01-01" }],
      [`${k}/gremien/${koelnBody}/sitzungen/${koelnMeeting}`, { intent: "minutes", minutes: "fremd" }],
    ] as const)
      expect((await as("editor").post(url, form)).status, url).toBe(404);
    const [m] = (
      (await s.db.orm.execute(sql`SELECT minutes FROM body_meetings WHERE id = ${koelnMeeting}`)) as unknown as {
        rows: { minutes: string | null }[];
      }
    ).rows;
    expect(m.minutes).toBeNull();
  });
});

describe("recording outcomes", () => {
  it("a meeting of the Ausschuss treats the Vorlage; its result shows on the paper (one write path)", async () => {
    const ed = as("editor");
    const created = await ed.post(`${BASE}/gremien/${committee}/sitzungen`, {
      meetsOn: "2017-04-27",
      startsAt: "17:00",
      endsAt: "16:00",
    });
    expect(created.status).toBe(400);
    expect(await created.text()).toContain("Das Ende der Sitzung liegt vor ihrem Beginn.");
    const ok = await ed.post(`${BASE}/gremien/${committee}/sitzungen`, { meetsOn: "27.04.2017", startsAt: "17:00" });
    expect(ok.status).toBe(302);
    const page = ok.headers.get("location")!.replace(/\?.*/, "");
    const html = await (await ed.get(page)).text();
    const consultation = html.match(/<option value="([0-9a-f-]{36})">FB 56\/0043\/WP17[^<]*\(Ausschuss/)![1];
    expect(html).not.toMatch(/FB 56\/0043\/WP17[^<]*\(Integrationsrat der Stadt Aachen\)/);
    expect(
      (
        await ed.post(page, {
          intent: "item",
          number: "5.1",
          title: "Integrationskonzept",
          consultationId: consultation,
        })
      ).status,
    ).toBe(302);
    const item = (await (await ed.get(page)).text()).match(/name="itemId" value="([0-9a-f-]{36})"/)![1];
    const missing = await ed.post(page, { intent: "result", itemId: item, result: "" });
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain("Bitte ein Ergebnis wählen.");
    expect(
      (
        await ed.post(page, {
          intent: "result",
          itemId: item,
          result: "beschlossen",
          resolution: "Einstimmig beschlossen.",
        })
      ).status,
    ).toBe(302);
    const p = plain(await (await ed.get(`${BASE}/vorlagen/${paper}`)).text());
    expect(p).toContain("beschlossen (27.04.2017) Einstimmig beschlossen. TOP 5.1");
    // The concept shows the decision that adopted its edition.
    expect(plain(await (await as("viewer").get(`${BASE}/konzept`)).text())).toContain(
      "Beschlossen durch Ausschuss für Soziales, Integration und Demographie am 27.04.2017, Vorlage FB 56/0043/WP17",
    );
  });

  it("records an outcome on the paper page, with German errors", async () => {
    const ed = as("editor");
    const html = await (await ed.get(`${BASE}/vorlagen/${paper}`)).text();
    const [int] = [...html.matchAll(/name="consultationId" value="([0-9a-f-]{36})"/g)].map((m) => m[1]);
    const bad = await ed.post(`${BASE}/vorlagen/${paper}`, {
      intent: "outcome",
      consultationId: int,
      result: "kenntnisnahme",
      decidedOn: "2017-02-31",
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Bitte ein Datum im Format JJJJ-MM-TT angeben.");
    const other = await ed.post(`${BASE}/vorlagen/${paper}`, {
      intent: "outcome",
      consultationId: "00000000-0000-4000-8000-000000000000",
      result: "kenntnisnahme",
      decidedOn: "2017-03-29",
    });
    expect(await other.text()).toContain("Diesen Beratungsschritt gibt es nicht.");
    expect(
      (
        await ed.post(`${BASE}/vorlagen/${paper}`, {
          intent: "outcome",
          consultationId: int,
          result: "kenntnisnahme",
          decidedOn: "29.03.2017",
        })
      ).status,
    ).toBe(302);
    expect(plain(await (await as("viewer").get(`${BASE}/vorlagen/${paper}`)).text())).toContain(
      "Integrationsrat der Stadt Aachen (INT) Kenntnisnahme zur Kenntnis genommen (29.03.2017)",
    );
  });

  it("saves attendance and minutes of a meeting", async () => {
    const ed = as("editor");
    const page = `${BASE}/gremien/${steering}/sitzungen/${meeting}`;
    const html = await ed.get(page).then((r) => r.text());
    const fields = Object.fromEntries(
      [...html.matchAll(/name="(status-[0-9a-f-]{36})"/g)].map((m) => [m[1], "present"]),
    );
    expect((await ed.post(page, { intent: "attendance", ...fields })).status).toBe(302);
    expect((await ed.post(page, { intent: "minutes", minutes: "Neues Protokoll" })).status).toBe(302);
    const after = plain(await (await as("viewer").get(page)).text());
    expect(after).toContain("Jonas Muster (Mitglied) anwesend");
    expect(after).toContain("Neues Protokoll");
    expect(after).not.toContain("nicht erfasst");
  });
});
