import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AddressInfo } from "node:net";
import { sql } from "drizzle-orm";
import { Client, startTestServer, type TestServer } from "../support/server";

// Login protection under attack (issue 10): attempts are counted and decided in one locked step,
// failures slow an account down instead of locking it, and the answers reveal no accounts.
const PW = "Teilhabe-Demo-2026";
const LIMIT = 5; // startTestServer's LOGIN_RATE_LIMIT
let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => {
  await s?.close();
});

const query = async <T>(q: ReturnType<typeof sql>) => ((await s.db.orm.execute(q)) as unknown as { rows: T[] }).rows;
const checkedAttempts = async (email: string) =>
  (await query<{ n: number }>(sql`SELECT count(*)::int AS n FROM login_attempts WHERE email = ${email} AND checked`))[0]
    .n;
/** Moves an account's recorded attempts into the past instead of sleeping through a delay. */
const age = (email: string, minutes: number) =>
  s.db.orm.execute(sql`UPDATE login_attempts SET at = at - make_interval(mins => ${minutes}) WHERE email = ${email}`);

describe("parallel password guessing", () => {
  it("verifies at most LOGIN_RATE_LIMIT of 100 parallel wrong passwords; the right one works after the delay", async () => {
    const email = "viewer.koeln@example.org";
    const c = new Client(s.url);
    await c.get("/");
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) => c.post("/anmelden", { email, password: `falsch-${i}` })),
    );
    const statuses = answers.map((r) => r.status);
    const wrong = statuses.filter((x) => x === 401).length;
    const refused = statuses.filter((x) => x === 429).length;
    expect(wrong).toBeGreaterThan(0);
    expect(wrong).toBeLessThanOrEqual(LIMIT);
    expect(wrong + refused).toBe(100);
    // Counted where the verification is decided, not from the answers.
    expect(await checkedAttempts(email)).toBe(wrong);
    for (const r of answers.filter((x) => x.status === 429))
      expect(Number(r.headers.get("retry-after"))).toBeGreaterThan(0);

    // The right password is refused without being verified while the delay runs …
    const early = await c.post("/anmelden", { email, password: PW });
    expect(early.status).toBe(429);
    expect(await early.text()).toContain("Zu viele Anmeldeversuche");
    expect(await checkedAttempts(email)).toBe(wrong);

    // … and works once it has passed: a delay, not a 15-minute lock.
    await age(email, 2);
    expect((await c.post("/anmelden", { email, password: PW })).status).toBe(302);
  });

  it("does not slow down another account behind the same address", async () => {
    // Everyone behind a city's reverse proxy shares one address: one account under attack and a
    // few mistyped ones there (30 failures, the old per-address limit) must not lock out the rest.
    const c = new Client(s.url);
    await c.get("/");
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        c.post("/anmelden", { email: "partner.aachen@example.org", password: `falsch-${i}` }),
      ),
    );
    for (const who of ["a", "b", "c", "d", "e", "f"])
      for (let i = 0; i < LIMIT; i++) await c.post("/anmelden", { email: `${who}@example.org`, password: "falsch" });
    expect(
      (await new Client(s.url).post("/anmelden", { email: "editor.koeln@example.org", password: PW })).status,
    ).toBe(302);
  });
});

describe("answers reveal no accounts", () => {
  /** The page without what differs by design: the per-response script nonce and the address typed. */
  const answer = async (r: Response, email: string) => {
    const nonce = r.headers.get("content-security-policy")!.match(/'nonce-([^']+)'/)![1];
    return {
      status: r.status,
      retryAfter: r.headers.has("retry-after"),
      body: (await r.text()).replaceAll(nonce, "NONCE").replaceAll(email, "EMAIL"),
    };
  };

  async function attack(c: Client, email: string) {
    // No step may hinge on how fast this machine is: a refusal comes from the per-minute window
    // (60 s), and between the later attempts the clock is moved past the longest delay (180 s).
    // Eleven failures in all: the old code locked a known account after ten (423) and kept
    // answering 401 for an unknown one.
    const out: Awaited<ReturnType<typeof answer>>[] = [];
    const attempt = async (i: number) =>
      out.push(await answer(await c.post("/anmelden", { email, password: `falsch-${i}` }), email));
    for (let i = 0; i < LIMIT + 1; i++) await attempt(i); // the last one is refused: 429
    for (let i = 0; i < LIMIT + 1; i++) {
      await age(email, 4);
      await attempt(LIMIT + 1 + i);
    }
    return out;
  }

  it("gives an existing and an unknown account the same status and body at every step", async () => {
    // One browser for both, so the CSRF token in the form is the same too.
    const c = new Client(s.url);
    await c.get("/");
    const known = await attack(c, "viewer.nrw@example.org");
    const unknown = await attack(c, "niemand.nrw@example.org");
    expect(known.map((a) => a.status)).toContain(429);
    expect(known.map((a) => a.status)).not.toContain(423);
    expect(unknown).toEqual(known);
  });
});

describe("password reset", () => {
  const resetLinks = async (email: string) =>
    (await query<{ body: string }>(sql`SELECT body FROM outbox WHERE recipient = ${email} ORDER BY id`))
      .map((m) => m.body.match(/\/passwort-setzen\/[A-Za-z0-9_-]+/)?.[0])
      .filter((p): p is string => !!p);

  it("a newer reset link invalidates older ones, and a reset ends the user's sessions", async () => {
    const email = "editor.staedteregion-aachen@example.org";
    const loggedIn = new Client(s.url);
    await loggedIn.login(email, PW);
    expect((await loggedIn.get("/t/staedteregion-aachen/verwaltung")).status).toBe(200);

    const c = new Client(s.url);
    await c.post("/passwort-vergessen", { email });
    await c.post("/passwort-vergessen", { email });
    const [older, newer] = await resetLinks(email);
    expect(older).toBeDefined();
    expect(newer).toBeDefined();
    expect((await c.post(newer, { password: "neues-passwort-1", repeat: "neues-passwort-1" })).status).toBe(302);
    const old = await c.post(older, { password: "altes-passwort-2", repeat: "altes-passwort-2" });
    expect(old.status).toBe(400);
    expect(await old.text()).toContain("ungültig");
    await new Client(s.url).login(email, "neues-passwort-1");
    expect((await loggedIn.get("/t/staedteregion-aachen/verwaltung")).status).toBe(302);
  });
});

describe("TRUST_PROXY", () => {
  it("logs one warning when a proxy header arrives while TRUST_PROXY is off", async () => {
    const logs: string[] = [];
    const app = s.build.createApp({ db: s.db, log: (m) => logs.push(m) });
    const server = await new Promise<import("node:http").Server>((res) => {
      const srv = app.listen(0, "127.0.0.1", () => res(srv));
    });
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      expect((await fetch(`${url}/health`)).status).toBe(200);
      expect(logs.filter((l) => l.includes("TRUST_PROXY"))).toEqual([]);
      for (let i = 0; i < 3; i++)
        expect((await fetch(`${url}/health`, { headers: { "x-forwarded-for": "203.0.113.7" } })).status).toBe(200);
      expect(logs.filter((l) => l.includes("TRUST_PROXY"))).toHaveLength(1);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
