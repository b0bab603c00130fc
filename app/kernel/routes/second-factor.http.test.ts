import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { Client, startTestServer, type TestServer } from "../../../tests/support/server";
import { totpCode, totpStep } from "../auth/totp";

// The second-factor pages over HTTP, as a browser without JavaScript uses them (decision 0045).
const PW = "Teilhabe-Demo-2026";
const PAGE = "/konto/zweiter-faktor";
let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => {
  await s?.close();
});

const exec = (q: ReturnType<typeof sql>) => s.db.orm.execute(q);
const code = (secret: string, offset = 0) => totpCode(secret, (totpStep(Date.now()) + offset) * 30_000);
/** Lets the next code be accepted again within the same 30 seconds. */
const forgetSteps = () => exec(sql`UPDATE second_factors SET last_step = last_step - 3`);
const secretOf = (html: string) => /data-secret="">([A-Z2-7 ]+)</.exec(html)?.[1].replace(/ /g, "") ?? "";
const recoveryOf = (html: string) => [...html.matchAll(/<code>([A-Z2-7]{5}-[A-Z2-7]{5})<\/code>/g)].map((m) => m[1]);

let secret = "";
let recovery: string[] = [];

describe("setting up the second factor", () => {
  it("shows secret and QR code after a start, refuses a wrong code, and shows ten recovery codes once", async () => {
    const c = new Client(s.url);
    await c.login("editor.aachen@example.org", PW);
    let page = await c.get(PAGE);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Für Ihr Konto ist noch kein zweiter Faktor eingerichtet.");
    // Without the CSRF token nothing starts.
    expect((await c.post(PAGE, { intent: "start" }, { csrf: null })).status).toBe(403);
    const started = await c.post(PAGE, { intent: "start" });
    expect(started.status).toBe(302);
    expect(started.headers.get("location")).toBe(PAGE);
    page = await c.get(PAGE);
    const html = await page.text();
    secret = secretOf(html);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(html).toContain('src="data:image/svg+xml;base64,');
    const wrong = await c.post(PAGE, { intent: "confirm", code: code(secret, 5) });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain("Der Code ist falsch oder schon benutzt worden.");
    const ok = await c.post(PAGE, { intent: "confirm", code: code(secret) });
    expect(ok.status).toBe(200);
    recovery = recoveryOf(await ok.text());
    expect(recovery).toHaveLength(10);
    const after = await (await c.get(PAGE)).text();
    expect(after).toContain("Der zweite Faktor ist für Ihr Konto eingerichtet.");
    expect(after).toContain("Unbenutzte Wiederherstellungscodes: 10");
    expect(recoveryOf(after)).toEqual([]);
    expect(after).not.toContain(secret.slice(0, 8));
  });
});

describe("logging in with the second factor", () => {
  it("asks for the code after the right password and lets in only with it", async () => {
    await forgetSteps();
    const c = new Client(s.url);
    const first = await c.post("/anmelden", {
      email: "editor.aachen@example.org",
      password: PW,
      next: "/t/aachen/verwaltung",
    });
    expect(first.status).toBe(302);
    expect(first.headers.get("location")).toBe(`/anmelden?next=${encodeURIComponent("/t/aachen/verwaltung")}`);
    expect(c.cookies.has("teilhabe_session")).toBe(false);
    expect(c.cookies.has("teilhabe_login")).toBe(true);
    // The pending login opens no staff page.
    expect((await c.get("/t/aachen/verwaltung")).status).toBe(302);
    const prompt = await c.get("/anmelden?next=%2Ft%2Faachen%2Fverwaltung");
    const html = await prompt.text();
    expect(html).toContain("Code eingeben");
    expect(html).toContain('name="code"');
    expect((await c.post("/anmelden", { intent: "code", code: "123" }, { csrf: "x".repeat(43) })).status).toBe(403);
    const wrong = await c.post("/anmelden", { intent: "code", code: code(secret, 5), next: "/t/aachen/verwaltung" });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain("Noch 4 Versuche.");
    const right = await c.post("/anmelden", { intent: "code", code: code(secret), next: "/t/aachen/verwaltung" });
    expect(right.status).toBe(302);
    expect(right.headers.get("location")).toBe("/t/aachen/verwaltung");
    expect(c.cookies.has("teilhabe_login")).toBe(false);
    expect((await c.get("/t/aachen/verwaltung")).status).toBe(200);
  });

  it("takes a recovery code once", async () => {
    const c = new Client(s.url);
    await c.post("/anmelden", { email: "editor.aachen@example.org", password: PW });
    expect((await c.post("/anmelden", { intent: "code", code: recovery[0] })).status).toBe(302);
    const d = new Client(s.url);
    await d.post("/anmelden", { email: "editor.aachen@example.org", password: PW });
    expect((await d.post("/anmelden", { intent: "code", code: recovery[0] })).status).toBe(401);
  });

  it("cancelling drops the pending login", async () => {
    const c = new Client(s.url);
    await c.post("/anmelden", { email: "editor.aachen@example.org", password: PW });
    const r = await c.post("/anmelden", { intent: "cancel" });
    expect(r.status).toBe(302);
    expect(c.cookies.has("teilhabe_login")).toBe(false);
    expect(await (await c.get("/anmelden")).text()).toContain('name="password"');
  });
});

describe("re-authentication and a tenant's requirement", () => {
  it("confirms password and code, then returns to the same-site path only", async () => {
    await forgetSteps();
    const c = new Client(s.url);
    await c.post("/anmelden", { email: "editor.aachen@example.org", password: PW });
    await c.post("/anmelden", { intent: "code", code: code(secret) });
    const target = "/anmelden/bestaetigen?weiter=%2Ft%2Faachen%2Fverwaltung";
    const page = await (await c.get(target)).text();
    expect(page).toContain("Anmeldung bestätigen");
    expect(page).toContain('name="code"');
    expect((await c.post(target, { password: PW, weiter: "/t/aachen/verwaltung" }, { csrf: null })).status).toBe(403);
    const noCode = await c.post(target, { password: PW, weiter: "/t/aachen/verwaltung" });
    expect(noCode.status).toBe(401);
    await forgetSteps();
    const ok = await c.post(target, { password: PW, code: code(secret), weiter: "/t/aachen/verwaltung" });
    expect(ok.status).toBe(302);
    expect(ok.headers.get("location")).toBe("/t/aachen/verwaltung");
    await forgetSteps();
    const away = await c.post(target, { password: PW, code: code(secret), weiter: "//evil.example/x" });
    expect(away.headers.get("location")).toBe("/");
    // Not logged in: to the login page.
    expect((await new Client(s.url).get(target)).headers.get("location")).toMatch(/^\/anmelden\?next=/);
  });

  it("sends a platform admin without one to the enrolment page from every platform and staff page", async () => {
    // Issue 17 item 2: platform admins always need a second factor, whatever a tenant requires.
    const c = new Client(s.url);
    await c.login("plattform@example.org", PW);
    for (const target of [
      "/plattform/mandanten",
      "/plattform/postausgang",
      "/plattform/rechtliches",
      "/t/koeln/verwaltung",
      "/t/aachen/verwaltung/benutzer",
    ]) {
      const r = await c.get(target);
      expect(r.status, target).toBe(302);
      expect(r.headers.get("location")).toBe(`${PAGE}?weiter=${encodeURIComponent(target)}`);
    }
    // A very long address comes back without its query: the Location header stays small.
    const long = await c.get(`/t/koeln/verwaltung?q=${"%25".repeat(3000)}`);
    expect([long.status, long.headers.get("location")]).toEqual([
      302,
      `${PAGE}?weiter=${encodeURIComponent("/t/koeln/verwaltung")}`,
    ]);
    // A form post to a platform page is refused the same way, before anything is written.
    const before = (await exec(sql`SELECT count(*)::int AS n FROM tenants`)).rows[0];
    const post = await c.post("/plattform/mandanten", { name: "Stadt Z", slug: "z", kind: "kommune", ags: "05334002" });
    expect(post.status).toBe(302);
    expect((await exec(sql`SELECT count(*)::int AS n FROM tenants`)).rows[0]).toEqual(before);
    const page = await (await c.get(PAGE)).text();
    expect(page).toContain("Als Plattformadministrator oder -administratorin brauchen Sie immer einen zweiten Faktor");

    // Once set up (and logged in with a code), the platform pages open.
    await c.post(PAGE, { intent: "start" });
    const secretP = secretOf(await (await c.get(PAGE)).text());
    expect((await c.post(PAGE, { intent: "confirm", code: code(secretP) })).status).toBe(200);
    expect((await c.get("/plattform/mandanten")).status).toBe(200);
    expect((await c.get("/t/koeln/verwaltung")).status).toBe(200);
    // Public pages never asked for it.
    expect((await new Client(s.url).get("/t/koeln")).status).toBe(200);
    await exec(
      sql`DELETE FROM second_factors WHERE user_id = (SELECT id FROM users WHERE email = 'plattform@example.org')`,
    );
  });

  it("sends members of a tenant that requires it to the enrolment page", async () => {
    await exec(sql`UPDATE tenants SET require_second_factor = true WHERE slug = 'koeln'`);
    try {
      const c = new Client(s.url);
      await c.login("viewer.koeln@example.org", PW);
      const r = await c.get("/t/koeln/verwaltung");
      expect(r.status).toBe(302);
      expect(r.headers.get("location")).toBe(`${PAGE}?weiter=${encodeURIComponent("/t/koeln/verwaltung")}`);
      const page = await (await c.get(r.headers.get("location")!)).text();
      expect(page).toContain("Für Ihre Mitarbeit in Stadt Köln ist ein zweiter Faktor vorgeschrieben.");
      // Other tenants' staff are not affected.
      const a = new Client(s.url);
      await a.login("viewer.aachen@example.org", PW);
      expect((await a.get("/t/aachen/verwaltung")).status).toBe(200);
    } finally {
      await exec(sql`UPDATE tenants SET require_second_factor = false WHERE slug = 'koeln'`);
    }
  });

  it("switching it off needs password and code", async () => {
    await forgetSteps();
    const c = new Client(s.url);
    await c.post("/anmelden", { email: "editor.aachen@example.org", password: PW });
    await c.post("/anmelden", { intent: "code", code: code(secret) });
    await forgetSteps();
    expect((await c.post(PAGE, { intent: "disable", password: "falsch", disableCode: code(secret) })).status).toBe(401);
    await forgetSteps();
    const off = await c.post(PAGE, { intent: "disable", password: PW, disableCode: code(secret) });
    expect(off.status).toBe(200);
    expect(await off.text()).toContain("Der zweite Faktor ist ausgeschaltet.");
    expect((await new Client(s.url).login("editor.aachen@example.org", PW)).headers.get("location")).toBe(
      "/t/aachen/verwaltung",
    );
  });
});

describe("reset of a lost factor on the users page", () => {
  it("shows who has one and lets only the tenant's admin reset it", async () => {
    await exec(sql`INSERT INTO second_factors (user_id, secret, enrolled_at)
                   SELECT id, 'JBSWY3DPEHPK3PXP', now() FROM users WHERE email = 'partner.aachen@example.org'`);
    const [{ id }] = (await exec(sql`SELECT id::text FROM users WHERE email = 'partner.aachen@example.org'`)).rows as {
      id: string;
    }[];
    const users = "/t/aachen/verwaltung/benutzer";
    const viewer = new Client(s.url);
    await viewer.login("viewer.aachen@example.org", PW);
    expect((await viewer.post(users, { intent: "resetFactor", userId: id })).status).toBe(403);
    const koeln = new Client(s.url);
    await koeln.login("admin.koeln@example.org", PW);
    expect((await koeln.post("/t/koeln/verwaltung/benutzer", { intent: "resetFactor", userId: id })).status).toBe(409);

    const admin = new Client(s.url);
    await admin.login("admin.aachen@example.org", PW);
    const page = await (await admin.get(users)).text();
    expect(page).toContain("Zweiten Faktor zurücksetzen");
    expect(page).toContain("nicht eingerichtet");
    const done = await admin.post(users, { intent: "resetFactor", userId: id });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain("Der zweite Faktor von Demo partner (Stadt Aachen) ist zurückgesetzt.");
    expect((await exec(sql`SELECT count(*)::int AS n FROM second_factors WHERE user_id = ${id}`)).rows).toEqual([
      { n: 0 },
    ]);
    const again = await admin.post(users, { intent: "resetFactor", userId: id });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("Für dieses Konto ist kein zweiter Faktor eingerichtet.");
  });
});
