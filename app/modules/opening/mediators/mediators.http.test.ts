import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { Client, startTestServer, type TestServer } from "../../../../tests/support/server";
import { DEMO_PASSWORD, plain, queryRows, roleClients, ROLES } from "../../../../tests/support/roles";

// The mediator pool's pages against the production build with the demo data: who may read and
// change, what a requesting department and a mediator see, and another tenant.
let s: TestServer;
let as: Awaited<ReturnType<typeof roleClients>>;
const POOL = "/t/aachen/verwaltung/oeffnung/sprachmittlung";
const REQ = `${POOL}/anfragen`;
const MINE = `${POOL}/einsaetze`;
const q = queryRows(() => s);

beforeAll(async () => {
  s = await startTestServer({ modules: true });
  as = await roleClients(s);
});
afterAll(async () => {
  await s?.close();
});

describe("the mediator pool's pages", () => {
  it("anonymous to the login; partners only their own assignments; viewers read; editors change", async () => {
    const expected: Record<string, number[]> = {
      anonymous: [302, 302, 302],
      partner: [403, 403, 200],
      viewer: [200, 200, 200],
      editor: [200, 200, 200],
      admin: [200, 200, 200],
    };
    const got: Record<string, number[]> = {};
    for (const role of ROLES)
      got[role] = await Promise.all([POOL, REQ, MINE].map(async (p) => (await as(role).get(p)).status));
    expect(got).toEqual(expected);
    for (const role of ["partner", "viewer"] as const) {
      const r = await as(role).post(REQ, {
        intent: "request",
        department: "X",
        language: "ar",
        onDate: "2026-12-20",
        place: "Y",
      });
      expect(r.status, role).toBe(403);
    }
  });

  it("a viewer sees listed mediators without contact details; an editor sees everyone", async () => {
    const viewer = plain(await (await as("viewer").get(POOL)).text());
    expect(viewer).toContain("Amina Beispiel");
    expect(viewer).not.toContain("Deniz Beispiel");
    const editor = plain(await (await as("editor").get(POOL)).text());
    expect(editor).toContain("Deniz Beispiel");
    expect(editor).toContain("Stunden je Sprache und Jahr");
    const requests = plain(await (await as("editor").get(REQ)).text());
    expect(requests).toContain("erledigt: Amina Beispiel (2,0 Std.)");
  });

  it("a request with its reference, an assignment refused without pledge, a form refused in German", async () => {
    const editor = as("editor");
    const made = await editor.post(REQ, {
      intent: "request",
      department: "Ausländerbehörde",
      language: "fa",
      onDate: "2026-12-21",
      atTime: "11:00",
      place: "Raum 5",
      purpose: "Vertraulicher Anlass",
    });
    expect(made.status).toBe(302);
    const reference = new URL(made.headers.get("location")!, s.url).searchParams.get("neu")!;
    const [r] = await q<{ id: string }>(
      sql`SELECT id::text FROM opening_mediation_requests WHERE reference = ${reference}`,
    );
    const [farid] = await q<{ id: string }>(sql`SELECT id::text FROM opening_mediators WHERE name = 'Farid Beispiel'`);
    const refused = await editor.post(REQ, { intent: "assign", requestId: r.id, mediatorId: farid.id });
    expect(refused.status).toBe(400);
    expect(plain(await refused.text())).toContain("Ohne unterschriebene Verschwiegenheitserklärung");
    const bad = await editor.post(REQ, {
      intent: "request",
      department: "",
      language: "xx",
      onDate: "morgen",
      place: "",
    });
    expect(bad.status).toBe(400);
    expect(plain(await bad.text())).toContain("Diese Sprache ist nicht in der Liste.");
  });

  it("the mediator's own view shows place and reference but never the purpose", async () => {
    const mine = plain(await (await as("viewer").get(MINE)).text());
    expect(mine).toContain("Bürgerservice, Bahnhofplatz 3");
    expect(mine).toMatch(/SM-2026-\d{4}/);
    expect(mine).not.toContain("Anmeldung einer Familie");
    const partner = plain(await (await as("partner").get(MINE)).text());
    expect(partner).toContain("kein Eintrag im Pool");
  });

  it("another tenant sees nothing of Aachen's pool", async () => {
    const koeln = new Client(s.url);
    await koeln.login("editor.koeln@example.org", DEMO_PASSWORD);
    const pool = plain(await (await koeln.get("/t/koeln/verwaltung/oeffnung/sprachmittlung")).text());
    expect(pool).not.toContain("Amina Beispiel");
    expect((await koeln.get(POOL)).status).toBe(403);
    const [r] = await q<{ id: string }>(sql`SELECT id::text FROM opening_mediation_requests LIMIT 1`);
    const cross = await koeln.post("/t/koeln/verwaltung/oeffnung/sprachmittlung/anfragen", {
      intent: "cancel",
      requestId: r.id,
    });
    expect(cross.status).toBe(400);
  });
});
