import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { Client, startTestServer, type TestServer } from "../support/server";
import { loginPlatformAdmin } from "../support/platform-admin";

// Issue 17 item 3 over HTTP: every public page links Impressum, Datenschutz and Barrierefreiheit
// (the tenant's under /t/:slug, the platform's elsewhere); the statement's feedback form reaches
// the tenant's inbox through the outbox; only a tenant's admins edit its pages, only platform
// admins the platform's.

const PW = "Teilhabe-Demo-2026";
let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => {
  await s?.close();
});

const links = (html: string, base: string) =>
  ["impressum", "datenschutz", "barrierefreiheit"].every((k) => html.includes(`href="${base}/${k}"`));

describe("legal pages", () => {
  it("are linked from every kind of public page and answer with the tenant's or the platform's text", async () => {
    const c = new Client(s.url);
    for (const path of ["/t/aachen", "/t/aachen/angebote?q=Deutschkurs", "/t/koeln/monitoring"]) {
      const html = await (await c.get(path)).text();
      expect(links(html, `/t/${path.split("/")[2]}`), path).toBe(true);
    }
    for (const path of ["/", "/anmelden"]) expect(links(await (await c.get(path)).text(), ""), path).toBe(true);
    const impressum = await c.get("/t/aachen/impressum");
    expect(impressum.status).toBe(200);
    const html = await impressum.text();
    expect(html).toContain("Impressum: Stadt Aachen");
    expect(html).toContain("Beispiel");
    const statement = await (await c.get("/t/aachen/barrierefreiheit")).text();
    expect(statement).toContain("teilweise vereinbar");
    expect(statement).toContain('href="https://example.org/schlichtungsstelle"');
    expect(statement).toContain('name="message"');
    expect((await c.get("/impressum")).status).toBe(200);
    expect(await (await c.get("/datenschutz")).text()).toContain("Diese Seite gilt für die Plattform Teilhabe selbst");
  });

  it("sends feedback on accessibility to the tenant's inbox, and names a bad message in German", async () => {
    const c = new Client(s.url);
    await c.get("/t/aachen/barrierefreiheit");
    const bad = await c.post("/t/aachen/barrierefreiheit", { intent: "feedback", message: "kurz" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Bitte schreiben Sie eine Nachricht mit 10 bis 5.000 Zeichen.");
    const ok = await c.post("/t/aachen/barrierefreiheit", {
      intent: "feedback",
      message: "Das PDF des Konzepts ist nicht barrierefrei.",
      email: "",
      name: "",
      page: "/t/aachen/konzept",
    });
    expect(ok.status).toBe(302);
    expect(ok.headers.get("location")).toBe("/t/aachen/barrierefreiheit?gesendet=1#rueckmeldung");
    expect(await (await c.get("/t/aachen/barrierefreiheit?gesendet=1")).text()).toContain("Danke.");
    const mails = (
      await s.db.orm.execute(sql`SELECT o.recipient, o.body FROM outbox o JOIN tenants t ON t.id = o.tenant_id
        WHERE t.slug = 'aachen' AND o.subject LIKE 'Rückmeldung zur Barrierefreiheit%'`)
    ).rows as { recipient: string; body: string }[];
    expect(mails).toHaveLength(1);
    expect(mails[0].recipient).toBe("barrierefreiheit@example.org");
    expect(mails[0].body).toContain("Das PDF des Konzepts ist nicht barrierefrei.");
    // The Impressum has no form to post to.
    expect((await c.post("/t/aachen/impressum", { message: "Hallo, ist da jemand?" })).status).toBe(405);
  });

  it("lets only the tenant's admins edit its pages, and only platform admins the platform's", async () => {
    const admin = new Client(s.url);
    await admin.login("admin.aachen@example.org", PW);
    const editor = new Client(s.url);
    await editor.login("editor.aachen@example.org", PW);
    const koeln = new Client(s.url);
    await koeln.login("admin.koeln@example.org", PW);
    const superadmin = new Client(s.url);
    await loginPlatformAdmin(superadmin, s.db);
    const page = "/t/aachen/verwaltung/rechtliches";
    expect((await admin.get(page)).status).toBe(200);
    expect((await editor.get(page)).status).toBe(403);
    expect((await koeln.get(page)).status).toBe(403);
    expect((await new Client(s.url).get(page)).status).toBe(302);
    expect((await editor.post(page, { intent: "impressum", body: "Übernommen" })).status).toBe(403);
    const saved = await admin.post(page, { intent: "impressum", body: "Stadt Aachen\n\nMarkt 1, 52062 Aachen" });
    expect(saved.status).toBe(302);
    expect(await (await new Client(s.url).get("/t/aachen/impressum")).text()).toContain("Markt 1, 52062 Aachen");
    const incomplete = await admin.post(page, {
      intent: "barrierefreiheit",
      body: "Erklärung",
      conformity: "partial",
      assessedOn: "2026-12-01",
      feedbackEmail: "barrierefreiheit@aachen.example.org",
      enforcementName: "Ombudsstelle",
      enforcementUrl: "https://example.org/ombudsstelle",
    });
    expect(incomplete.status).toBe(400);
    expect(await incomplete.text()).toContain("Bitte die bekannten Barrieren beschreiben");

    expect((await admin.get("/plattform/rechtliches")).status).toBe(403);
    expect((await admin.post("/plattform/rechtliches", { intent: "impressum", body: "Übernommen" })).status).toBe(403);
    expect((await superadmin.get("/plattform/rechtliches")).status).toBe(200);
    expect(
      (await superadmin.post("/plattform/rechtliches", { intent: "impressum", body: "Betreiberin: Beispiel-IT GmbH" }))
        .status,
    ).toBe(302);
    expect(await (await new Client(s.url).get("/impressum")).text()).toContain("Betreiberin: Beispiel-IT GmbH");
  });
});
