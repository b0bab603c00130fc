import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { Client, startTestServer, type TestServer } from "../support/server";
import { formOf, ProviderBrowser, startOidcProvider, type TestProvider } from "../support/oidc-provider";

// Single sign-on against a real OpenID Connect provider process (decision 0047): a member of the
// city's editors group logs in, gets the account and the role `editor`, and logs out at the provider
// too; a token from the wrong issuer or for the wrong audience is refused with an audit entry.

process.env.OIDC_ALLOW_HTTP = "true";
process.env.OIDC_TEST_AACHEN = "geheim-aachen";
const PW = "Teilhabe-Demo-2026";
let s: TestServer;
let idp: TestProvider;
let other: TestProvider;
let wrongAud: TestProvider;

const ACCOUNTS = {
  anna: {
    email: "anna.schmidt@aachen.example",
    email_verified: true,
    name: "Anna Schmidt",
    groups: ["Alle", "Teilhabe-Redaktion"],
  },
  niemand: { email: "niemand@aachen.example", email_verified: true, name: "Ohne Gruppe", groups: ["Alle"] },
  olaf: { email: "viewer.aachen@example.org", email_verified: false, name: "Olaf", groups: ["Teilhabe-Redaktion"] },
  vera: { email: "viewer.aachen@example.org", email_verified: true, name: "Vera", groups: ["Teilhabe-Redaktion"] },
  // A provider set up by one tenant's admins vouching for accounts that reach further.
  platt: { email: "plattform@example.org", email_verified: true, name: "P", groups: ["Teilhabe-Redaktion"] },
  koeln: { email: "admin.koeln@example.org", email_verified: true, name: "K", groups: ["Teilhabe-Redaktion"] },
};
const exec = async <T>(q: ReturnType<typeof sql>) => (await s.db.orm.execute(q)).rows as T[];

beforeAll(async () => {
  s = await startTestServer();
  const client = (id: string, slug: string) => ({
    client_id: id,
    client_secret: `geheim-${slug}`,
    token_endpoint_auth_method: "client_secret_post" as const,
    redirect_uris: [`${s.url}/anmelden/sso/${slug}/rueckruf`],
    post_logout_redirect_uris: [`${s.url}/anmelden?hinweis=abgemeldet`],
  });
  [idp, other, wrongAud] = await Promise.all([
    startOidcProvider({ clients: [client("teilhabe-aachen", "aachen")], accounts: ACCOUNTS }),
    // A second provider with the same client: its codes must not be taken for the first one's.
    startOidcProvider({ clients: [client("teilhabe-aachen", "aachen")], accounts: ACCOUNTS }),
    // A provider whose ID tokens name another audience.
    startOidcProvider({
      clients: [client("teilhabe-koeln", "koeln")],
      accounts: ACCOUNTS,
      wrongAudience: "jemand-anderes",
    }),
  ]);
  process.env.OIDC_TEST_KOELN = "geheim-koeln";
});
afterAll(async () => {
  await Promise.all([idp?.stop(), other?.stop(), wrongAud?.stop()]);
  await s?.close();
});

const settings = (issuer: string, clientId: string, secretEnv: string) => ({
  intent: "save",
  enabled: "1",
  displayName: "Dienstkonto",
  issuer,
  clientId,
  clientSecretEnv: secretEnv,
  scopes: "openid email profile groups",
  roleClaim: "groups",
  defaultRole: "",
  passwordLogin: "1",
  "claimValue.0": "Teilhabe-Redaktion",
  "role.0": "editor",
  "claimValue.1": "Teilhabe-Admins",
  "role.1": "admin",
});

/**
 * Logs in through the provider as a browser without JavaScript: the button on Teilhabe's login page,
 * then the provider's redirects and its login and consent forms, back to Teilhabe's callback.
 */
async function ssoLogin(c: Client, slug: string, account: string, o: { swapIssuer?: TestProvider } = {}) {
  const started = await c.post(`/anmelden/sso/${slug}`, { next: "" });
  expect(started.status).toBe(302);
  let url = started.headers.get("location")!;
  if (o.swapIssuer) url = o.swapIssuer.issuer + url.slice(new URL(url).origin.length);
  const b = new ProviderBrowser();
  for (let i = 0; i < 20; i++) {
    if (url.startsWith(s.url)) return c.get(url.slice(s.url.length));
    const res = await b.get(url);
    if (res.status >= 300 && res.status < 400) {
      url = new URL(res.headers.get("location")!, url).href;
      continue;
    }
    const f = formOf(await res.text());
    const fields = f.fields.prompt === "login" ? { ...f.fields, login: account, password: "beliebig" } : f.fields;
    const posted = await b.post(new URL(f.action, url).href, fields);
    url = new URL(posted.headers.get("location")!, url).href;
  }
  throw new Error("Zu viele Schritte beim Anbieter");
}

const refusals = () =>
  exec<{ reason: string; detail: string }>(
    sql`SELECT after->>'reason' AS reason, after->>'detail' AS detail FROM audit_log WHERE action = 'sso_refused' ORDER BY at`,
  );

describe("the settings page", () => {
  it("is only for the tenant's administration", async () => {
    for (const role of ["editor", "viewer", "partner"]) {
      const c = new Client(s.url);
      await c.login(`${role}.aachen@example.org`, PW);
      expect((await c.get("/t/aachen/verwaltung/anmeldung")).status, role).toBe(403);
      expect((await c.post("/t/aachen/verwaltung/anmeldung", settings(idp.issuer, "x", ""))).status, role).toBe(403);
    }
    expect((await new Client(s.url).get("/t/aachen/verwaltung/anmeldung")).status).toBe(302);
    expect(await exec(sql`SELECT 1 FROM oidc_configs`)).toEqual([]);
  });

  it("lets an administrator set up the provider, showing the redirect URI and never the secret", async () => {
    for (const [slug, issuer, id, env] of [
      ["aachen", idp.issuer, "teilhabe-aachen", "OIDC_TEST_AACHEN"],
      ["koeln", wrongAud.issuer, "teilhabe-koeln", "OIDC_TEST_KOELN"],
    ]) {
      const c = new Client(s.url);
      await c.login(`admin.${slug}@example.org`, PW);
      const saved = await c.post(`/t/${slug}/verwaltung/anmeldung`, settings(issuer, id, env));
      expect(saved.status, await saved.clone().text()).toBe(302);
      const html = await (await c.get(`/t/${slug}/verwaltung/anmeldung`)).text();
      expect(html).toContain(`${s.url}/anmelden/sso/${slug}/rueckruf`);
      expect(html).toContain(`Die Variable ${env} ist auf dem Server gesetzt.`);
      expect(html).toContain('value="Teilhabe-Redaktion"');
      expect(html).not.toContain(`geheim-${slug}`);
    }
    const page = await (await new Client(s.url).get("/anmelden")).text();
    expect(page).toContain("Stadt Aachen: mit Dienstkonto anmelden");
  });
});

describe("logging in through the provider", () => {
  it("creates the account on first login with the mapped role, skips the local second factor, and logs out at the provider", async () => {
    await exec(sql`UPDATE tenants SET require_second_factor = true WHERE slug = 'aachen'`);
    const c = new Client(s.url);
    const back = await ssoLogin(c, "aachen", "anna");
    expect(back.status, await back.clone().text()).toBe(302);
    expect(back.headers.get("location")).toBe("/t/aachen/verwaltung");
    const [u] = await exec<{ id: string; display_name: string; password_hash: string | null; role: string }>(
      sql`SELECT u.id, u.display_name, u.password_hash, m.role FROM users u
          JOIN memberships m ON m.user_id = u.id JOIN tenants t ON t.id = m.tenant_id AND t.slug = 'aachen'
          WHERE u.email = 'anna.schmidt@aachen.example'`,
    );
    expect(u).toMatchObject({ display_name: "Anna Schmidt", password_hash: null, role: "editor" });
    // Editors' pages open (the tenant requires a second factor: the provider's counts).
    const staff = await c.get("/t/aachen/verwaltung");
    expect(staff.status).toBe(200);
    expect((await c.get("/t/aachen/verwaltung/anmeldung")).status).toBe(403);
    // Re-authentication of an SSO session is a fresh login at the provider, not a password.
    const reauth = await (await c.get("/anmelden/bestaetigen?weiter=%2Ft%2Faachen%2Fverwaltung")).text();
    expect(reauth).toContain('action="/anmelden/sso/aachen"');
    expect(reauth).toContain("Beim Identitätsanbieter erneut anmelden");

    // A second login finds the same account through the provider's subject.
    await ssoLogin(new Client(s.url), "aachen", "anna");
    expect(await exec(sql`SELECT 1 FROM users WHERE email = 'anna.schmidt@aachen.example'`)).toHaveLength(1);

    const out = await c.post("/abmelden", {});
    expect(out.status).toBe(302);
    const endSession = out.headers.get("location")!;
    expect(endSession.startsWith(`${idp.issuer}/session/end?`)).toBe(true);
    expect(new URL(endSession).searchParams.get("id_token_hint")).toBeTruthy();
    expect((await c.get("/t/aachen/verwaltung")).status).toBe(302);
    // The provider asks to confirm and sends the browser back to Teilhabe's login page.
    const b = new ProviderBrowser();
    const confirm = formOf(await (await b.get(endSession)).text());
    const done = await b.post(new URL(confirm.action, endSession).href, { ...confirm.fields, logout: "yes" });
    expect(done.headers.get("location")).toBe(`${s.url}/anmelden?hinweis=abgemeldet`);
    await exec(sql`UPDATE tenants SET require_second_factor = false WHERE slug = 'aachen'`);
  });

  it("refuses a login without a mapped group and creates no account", async () => {
    const res = await ssoLogin(new Client(s.url), "aachen", "niemand");
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("hat keine Gruppe, der in Teilhabe eine Rolle zugeordnet ist");
    expect(await exec(sql`SELECT 1 FROM users WHERE email = 'niemand@aachen.example'`)).toEqual([]);
  });

  it("links a local account only when the provider vouches for its address, then takes the role from the claims", async () => {
    const refused = await ssoLogin(new Client(s.url), "aachen", "olaf");
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain("bestätigt die Adresse nicht");
    const c = new Client(s.url);
    expect((await ssoLogin(c, "aachen", "vera")).status).toBe(302);
    const [m] = await exec<{ role: string; display_name: string }>(
      sql`SELECT m.role, u.display_name FROM users u JOIN memberships m ON m.user_id = u.id
          JOIN tenants t ON t.id = m.tenant_id AND t.slug = 'aachen' WHERE u.email = 'viewer.aachen@example.org'`,
    );
    // viewer before; the provider's group makes the account an editor; the local name stays.
    expect(m).toEqual({ role: "editor", display_name: expect.not.stringMatching(/^Vera$/) });
  });
});

describe("the reach of a tenant's provider", () => {
  it("opens only that tenant: never the platform administration, never another tenant's membership", async () => {
    const p = new Client(s.url);
    expect((await ssoLogin(p, "aachen", "platt")).status).toBe(302);
    expect((await p.get("/t/aachen/verwaltung")).status).toBe(200);
    expect((await p.get("/plattform/mandanten")).status).toBe(403);
    expect((await p.get("/t/koeln/verwaltung")).status).toBe(403);
    const k = new Client(s.url);
    expect((await ssoLogin(k, "aachen", "koeln")).status).toBe(302);
    expect((await k.get("/t/aachen/verwaltung")).status).toBe(200);
    expect((await k.get("/t/koeln/verwaltung/benutzer")).status).toBe(403);
    // The same account with its password still works in Köln.
    const local = new Client(s.url);
    await local.login("admin.koeln@example.org", PW);
    expect((await local.get("/t/koeln/verwaltung/benutzer")).status).toBe(200);
  });
});

describe("refused tokens", () => {
  it("refuses a code from another issuer (mix-up) with a German error page and an audit entry", async () => {
    const before = (await refusals()).length;
    const res = await ssoLogin(new Client(s.url), "aachen", "anna", { swapIssuer: other });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("falscher Aussteller, falsche Zielgruppe oder ungültige Signatur");
    const log = (await refusals()).slice(before);
    expect(log.map((l) => l.reason)).toEqual(["sso.errors.invalidToken"]);
    expect(log[0].detail).toMatch(/iss/);
  });

  it("refuses an ID token for another audience and creates no session", async () => {
    const before = (await refusals()).length;
    const c = new Client(s.url);
    const res = await ssoLogin(c, "koeln", "anna");
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("falsche Zielgruppe");
    expect(c.cookies.has("teilhabe_session")).toBe(false);
    const log = (await refusals()).slice(before);
    expect(log.map((l) => l.reason)).toEqual(["sso.errors.invalidToken"]);
    expect(log[0].detail).toMatch(/aud/);
    expect(
      await exec(sql`SELECT 1 FROM memberships m JOIN tenants t ON t.id = m.tenant_id AND t.slug = 'koeln'
        JOIN users u ON u.id = m.user_id WHERE u.email = 'anna.schmidt@aachen.example'`),
    ).toEqual([]);
  });

  it("refuses a callback whose state was not started in this browser", async () => {
    const c = new Client(s.url);
    const started = await c.post("/anmelden/sso/aachen", { next: "" });
    const state = new URL(started.headers.get("location")!).searchParams.get("state");
    const stranger = new Client(s.url);
    const res = await stranger.get(`/anmelden/sso/aachen/rueckruf?code=x&state=${state}`);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("in einem anderen Browser begonnen");
  });
});
