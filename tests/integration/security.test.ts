import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { Client, startTestServer, type TestServer } from "../support/server";
import { loginPlatformAdmin } from "../support/platform-admin";

const PW = "Teilhabe-Demo-2026";
let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => {
  await s?.close();
});

const count = async (q: string) =>
  ((await s.db.orm.execute(sql.raw(q))) as unknown as { rows: { n: number }[] }).rows[0].n;

describe("CSRF", () => {
  it("refuses a state-changing form without a valid token and changes nothing", async () => {
    const c = new Client(s.url);
    await c.login("editor.aachen@example.org", PW);
    const before = await count("SELECT count(*)::int AS n FROM organisations");
    for (const csrf of [null, "falsch", "x".repeat(43)]) {
      const res = await c.post(
        "/t/aachen/verwaltung/organisationen",
        { name: "Ohne Token e.V.", kind: "verein" },
        { csrf },
      );
      expect(res.status).toBe(403);
      expect(await res.text()).toContain("Das Formular ist abgelaufen");
    }
    // A request from another site has no cookie at all.
    const res = await fetch(`${s.url}/t/aachen/verwaltung/organisationen`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "name=X&kind=verein&_csrf=abc",
    });
    expect(res.status).toBe(403);
    expect(await count("SELECT count(*)::int AS n FROM organisations")).toBe(before);
    // With the token the same form works.
    const ok = await c.post("/t/aachen/verwaltung/organisationen", { name: "Mit Token e.V.", kind: "verein" });
    expect(ok.status).toBe(200);
    expect(await count("SELECT count(*)::int AS n FROM organisations")).toBe(before + 1);
  });

  it("gives a token only to documents and data requests, so a background answer cannot replace the page's", async () => {
    const setsToken = async (path: string, headers: Record<string, string>) =>
      ((await fetch(`${s.url}${path}`, { headers, redirect: "manual" })).headers.get("set-cookie") ?? "").includes(
        "teilhabe_csrf=",
      );
    // The atlas' service worker script and its copy of a page, fetched while the visitor opens the login.
    expect(await setsToken("/t/aachen/angebote/sw.js", { "sec-fetch-dest": "serviceworker" })).toBe(false);
    expect(await setsToken("/t/aachen/angebote?seite=2", { "sec-fetch-dest": "empty" })).toBe(false);
    expect(await setsToken("/t/aachen/angebote/app.webmanifest", { "sec-fetch-dest": "manifest" })).toBe(false);
    // The login page itself, with and without the header, and the router's data request.
    expect(await setsToken("/anmelden", { "sec-fetch-dest": "document" })).toBe(true);
    expect(await setsToken("/anmelden", {})).toBe(true);
    expect(await setsToken("/anmelden.data", { "sec-fetch-dest": "empty" })).toBe(true);
    // A page the shared cache cannot serve (it has a form) still gets its token as a document.
    const c = new Client(s.url);
    await c.login("editor.aachen@example.org", PW);
    expect(c.cookies.get("teilhabe_csrf")).toBeTruthy();
  });

  it("refuses logout and login without token too", async () => {
    const c = new Client(s.url);
    expect(
      (await c.post("/anmelden", { email: "admin.aachen@example.org", password: PW }, { csrf: null })).status,
    ).toBe(403);
  });
});

describe("login", () => {
  it("answers the 6th wrong password within a minute with 429, even if the 6th is right", async () => {
    const c = new Client(s.url);
    for (let i = 1; i <= 5; i++) {
      const r = await c.post("/anmelden", { email: "viewer.koeln@example.org", password: `falsch-${i}` });
      expect(r.status).toBe(401);
      expect(await r.text()).toContain("E-Mail-Adresse oder Passwort ist falsch.");
    }
    const sixth = await c.post("/anmelden", { email: "viewer.koeln@example.org", password: "falsch-6" });
    expect(sixth.status).toBe(429);
    expect(await sixth.text()).toContain("Zu viele Anmeldeversuche");
    expect((await c.post("/anmelden", { email: "viewer.koeln@example.org", password: PW })).status).toBe(429);
  });

  it("sets a session cookie that is HttpOnly, Secure and SameSite, and stores only its hash", async () => {
    const c = new Client(s.url);
    const res = await c.post("/anmelden", { email: "admin.koeln@example.org", password: PW });
    const cookie = res.headers.getSetCookie().find((x) => x.startsWith("teilhabe_session="))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const token = c.cookies.get("teilhabe_session")!;
    expect(await count(`SELECT count(*)::int AS n FROM sessions WHERE id_hash = '${token}'`)).toBe(0);
    expect(await count("SELECT count(*)::int AS n FROM sessions")).toBeGreaterThan(0);
  });

  it("stores passwords as argon2id hashes", async () => {
    const r = (await s.db.orm.execute(
      sql`SELECT password_hash FROM users WHERE email = 'admin.aachen@example.org'`,
    )) as unknown as { rows: { password_hash: string }[] };
    expect(r.rows[0].password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it("does not follow a foreign redirect after login", async () => {
    const c = new Client(s.url);
    const res = await c.post("/anmelden", {
      email: "admin.aachen@example.org",
      password: PW,
      next: "//boese.example/",
    });
    expect(res.headers.get("location")).toBe("/t/aachen/verwaltung");
  });

  it("ends the session on logout", async () => {
    const c = new Client(s.url);
    await c.login("editor.koeln@example.org", PW);
    expect((await c.get("/t/koeln/verwaltung")).status).toBe(200);
    const token = c.cookies.get("teilhabe_session")!;
    await c.post("/abmelden", {});
    c.cookies.set("teilhabe_session", token); // a stolen cookie is worthless afterwards
    expect((await c.get("/t/koeln/verwaltung")).status).toBe(302);
  });
});

describe("bad input", () => {
  it("answers unknown pages with a German 404 page and no stack trace", async () => {
    const res = await fetch(`${s.url}/gibt/es/nicht`, { headers: { "accept-language": "de" } });
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain("Seite nicht gefunden");
    expect(html).not.toMatch(/at \w+ \(|node_modules|Error:/);
  });

  it("answers unknown API routes, malformed JSON, oversize bodies and wrong types with problem details", async () => {
    const unknown = await fetch(`${s.url}/api/v1/gibt-es-nicht`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get("content-type")).toMatch(/application\/problem\+json/);
    expect((await unknown.json()).title).toBe("Nicht gefunden");

    const token = await createToken(true);
    const post = (body: string, type = "application/json") =>
      fetch(`${s.url}/api/v1/t/aachen/organisations`, {
        method: "POST",
        body,
        headers: { "content-type": type, authorization: `Bearer ${token}` },
      });
    const bad = await post("{ kaputt");
    expect(bad.status).toBe(400);
    expect((await bad.json()).title).toBe("Ungültiges JSON");
    const big = await post(JSON.stringify({ name: "x".repeat(1_100_000), kind: "verein" }));
    expect(big.status).toBe(413);
    const wrongType = await post("name=x", "text/plain");
    expect(wrongType.status).toBe(415);
    const invalid = await post(JSON.stringify({ name: "A", kind: "unbekannt" }));
    expect(invalid.status).toBe(422);
    const body = await invalid.json();
    expect(body.errors.map((e: { path: string }) => e.path).sort()).toEqual(["kind", "name"]);
    const good = await post(JSON.stringify({ name: "Per API angelegt e.V.", kind: "verein" }));
    expect(good.status).toBe(201);
  });

  it("refuses oversize and wrongly typed form posts before reading them", async () => {
    const c = new Client(s.url);
    await c.get("/");
    const res = await fetch(`${s.url}/anmelden`, {
      method: "POST",
      body: "x=" + "a".repeat(1_100_000),
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        cookie: `teilhabe_csrf=${c.cookies.get("teilhabe_csrf")}`,
      },
    });
    expect(res.status).toBe(413);
    expect(await res.text()).toContain("zu groß");
    const json = await fetch(`${s.url}/anmelden`, {
      method: "POST",
      body: "{}",
      headers: { "content-type": "application/json" },
    });
    expect(json.status).toBe(415);
  });
});

async function createToken(canWrite: boolean, tenant = "aachen"): Promise<string> {
  const c = new Client(s.url);
  await c.login(`admin.${tenant}@example.org`, PW);
  const res = await c.post(`/t/${tenant}/verwaltung/api-tokens`, {
    intent: "create",
    name: `Test ${Math.random()}`,
    ...(canWrite ? { canWrite: "1" } : {}),
  });
  const html = await res.text();
  return html.match(/th_[A-Za-z0-9_-]{43}/)![0];
}

describe("API tokens", () => {
  it("needs a token, a write token for writes, and the token's own tenant", async () => {
    expect((await fetch(`${s.url}/api/v1/t/aachen/organisations`)).status).toBe(401);
    expect(
      (await fetch(`${s.url}/api/v1/t/aachen/organisations`, { headers: { authorization: "Bearer th_falsch" } }))
        .status,
    ).toBe(401);
    const read = await createToken(false);
    const list = await fetch(`${s.url}/api/v1/t/aachen/organisations`, {
      headers: { authorization: `Bearer ${read}` },
    });
    expect(list.status).toBe(200);
    const names = (await list.json()).organisations.map((o: { name: string }) => o.name);
    expect(names).toContain("Kommunales Integrationszentrum Aachen");
    expect(names).not.toContain("Kölner Flüchtlingsrat e.V.");
    const write = await fetch(`${s.url}/api/v1/t/aachen/organisations`, {
      method: "POST",
      body: JSON.stringify({ name: "Nur lesen e.V.", kind: "verein" }),
      headers: { "content-type": "application/json", authorization: `Bearer ${read}` },
    });
    expect(write.status).toBe(403);
    const foreign = await fetch(`${s.url}/api/v1/t/koeln/organisations`, {
      headers: { authorization: `Bearer ${read}` },
    });
    expect(foreign.status).toBe(403);
    // Only the hash is stored.
    expect(await count(`SELECT count(*)::int AS n FROM api_tokens WHERE token_hash = '${read}'`)).toBe(0);
  });

  it("describes every endpoint in the OpenAPI 3.1 document", async () => {
    const doc = await (await fetch(`${s.url}/api/v1/openapi.json`)).json();
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/api/v1/tenants", "/api/v1/t/{slug}/organisations", "/health"]),
    );
    expect(
      doc.paths["/api/v1/t/{slug}/organisations"].post.requestBody.content["application/json"].schema.properties.kind
        .enum,
    ).toContain("migrantenorganisation");
  });
});

describe("headers", () => {
  it("sends strict security headers with a per-request script nonce", async () => {
    const a = await fetch(`${s.url}/`);
    const b = await fetch(`${s.url}/`);
    const csp = a.headers.get("content-security-policy")!;
    expect(csp).toMatch(/default-src 'self'/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(csp).toMatch(/object-src 'none'/);
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    const nonce = csp.match(/'nonce-([^']+)'/)![1];
    expect(b.headers.get("content-security-policy")).not.toContain(nonce);
    expect(await a.text()).toContain(`nonce="${nonce}"`);
    expect(a.headers.get("x-content-type-options")).toBe("nosniff");
    expect(a.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(a.headers.get("x-powered-by")).toBeNull();
  });
});

describe("password reset and failed logins", () => {
  it("mails a reset link that sets a new password once", async () => {
    const c = new Client(s.url);
    const r = await c.post("/passwort-vergessen", { email: "viewer.aachen@example.org" });
    expect(await r.text()).toContain("Wenn es ein Konto mit dieser Adresse gibt");
    // Unknown addresses get the same answer.
    expect(await (await c.post("/passwort-vergessen", { email: "niemand@example.org" })).text()).toContain(
      "Wenn es ein Konto mit dieser Adresse gibt",
    );
    const mail = (await s.db.orm.execute(
      sql`SELECT body FROM outbox WHERE recipient = 'viewer.aachen@example.org' ORDER BY id DESC LIMIT 1`,
    )) as unknown as { rows: { body: string }[] };
    const path = mail.rows[0].body.match(/\/passwort-setzen\/[A-Za-z0-9_-]+/)![0];
    const weak = await c.post(path, { password: "kurz", repeat: "kurz" });
    expect(weak.status).toBe(400);
    expect(await weak.text()).toContain("mindestens 10 Zeichen");
    expect((await c.post(path, { password: "neues-passwort-1", repeat: "neues-passwort-1" })).status).toBe(302);
    expect((await c.post(path, { password: "neues-passwort-2", repeat: "neues-passwort-2" })).status).toBe(400);
    await c.login("viewer.aachen@example.org", "neues-passwort-1");
  });

  it("never locks an account: after 10 failures in a row the owner gets one mail, the right password still works", async () => {
    const email = "partner.koeln@example.org";
    const c = new Client(s.url);
    // Failures spread over time (the clock is moved instead of waiting out each delay).
    for (let i = 0; i < 12; i++) {
      expect((await c.post("/anmelden", { email, password: `falsch-${i}` })).status).toBe(401);
      await s.db.orm.execute(sql`UPDATE login_attempts SET at = at - interval '10 minutes' WHERE email = ${email}`);
    }
    const mails = await count(
      `SELECT count(*)::int AS n FROM outbox WHERE recipient = '${email}' AND subject LIKE '%fehlgeschlagene Anmeldeversuche%'`,
    );
    expect(mails).toBe(1);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM audit_log WHERE action = 'login_failures' AND actor_label = '${email}'`,
      ),
    ).toBe(1);
    expect((await c.post("/anmelden", { email, password: PW })).status).toBe(302);
  });
});

describe("platform administration", () => {
  it("is only for superadmins", async () => {
    const c = new Client(s.url);
    await c.login("admin.aachen@example.org", PW);
    for (const p of ["/plattform/mandanten", "/plattform/postausgang"]) expect((await c.get(p)).status).toBe(403);
    expect(
      (await c.post("/plattform/mandanten", { name: "Heimlich", slug: "heimlich", kind: "kommune", ags: "05999" }))
        .status,
    ).toBe(403);
    expect((await new Client(s.url).get("/plattform/mandanten")).status).toBe(302);
  });

  it("lets a superadmin create a tenant, with German errors for bad input", async () => {
    const c = new Client(s.url);
    await loginPlatformAdmin(c, s.db);
    const bad = await c.post("/plattform/mandanten", { name: "Stadt Y", slug: "Stadt Y", kind: "kommune", ags: "x1" });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain("Der Kurzname besteht nur aus Kleinbuchstaben");
    expect(html).toContain("Der AGS hat 2 bis 12 Ziffern.");
    const dupe = await c.post("/plattform/mandanten", {
      name: "Noch ein Aachen",
      slug: "aachen",
      kind: "kommune",
      ags: "05334002",
    });
    expect(dupe.status).toBe(409);
    const ok = await c.post("/plattform/mandanten", {
      name: "Stadt Eschweiler",
      slug: "eschweiler",
      kind: "kommune",
      ags: "05334008",
      parentSlug: "staedteregion-aachen",
      isPublic: "1",
    });
    expect(ok.status).toBe(200);
    expect(
      (await (await fetch(`${s.url}/api/v1/tenants`)).json()).tenants.find(
        (t: { slug: string }) => t.slug === "eschweiler",
      ).parent,
    ).toBe("staedteregion-aachen");
    // Berlin is city and Land at once: as a Land it is refused in German, as a Stadtstaat created.
    const asLand = await c.post("/plattform/mandanten", {
      name: "Berlin",
      slug: "berlin",
      kind: "land",
      ags: "11000000",
    });
    expect(asLand.status).toBe(400);
    expect(await asLand.text()).toContain("Berlin ist Stadt und Land zugleich: bitte die Art „Stadtstaat“ wählen.");
    const berlin = await c.post("/plattform/mandanten", {
      name: "Berlin",
      slug: "berlin",
      kind: "stadtstaat",
      ags: "11000000",
      isPublic: "1",
    });
    expect(berlin.status).toBe(200);
    expect(
      (await (await fetch(`${s.url}/api/v1/tenants`)).json()).tenants.find((t: { slug: string }) => t.slug === "berlin")
        .kind,
    ).toBe("stadtstaat");
    expect(
      await count(
        "SELECT count(*)::int AS n FROM audit_log WHERE entity = 'tenant' AND actor_label = 'plattform@example.org'",
      ),
    ).toBe(2);
  });
});
