import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDb } from "../../../tests/support/db";
import type { Database } from "../db/client";
import { rows, withSystem } from "../db/context";
import { config, resetConfig } from "../config";
import { login, requestPasswordReset, setPasswordWithToken } from "./service";

// The login service straight over the database; as *.db.test.ts it also runs on PostgreSQL, where
// parallel calls really run on several connections at once.
const PW = "Teilhabe-Demo-2026";
let t: Awaited<ReturnType<typeof createTestDb>>;
let db: Database;
beforeAll(async () => {
  process.env.LOGIN_RATE_LIMIT = "5";
  resetConfig();
  t = await createTestDb({ demo: true });
  db = t.db;
});
afterAll(async () => {
  await t?.cleanup();
});

const one = async <T>(q: ReturnType<typeof sql>) => (await withSystem(db, (tx) => rows<T>(tx, q)))[0];
const checked = async (email: string) =>
  (await one<{ n: number }>(sql`SELECT count(*)::int AS n FROM login_attempts WHERE email = ${email} AND checked`)).n;
const age = (email: string, minutes: number) =>
  withSystem(db, (tx) =>
    tx.execute(sql`UPDATE login_attempts SET at = at - make_interval(mins => ${minutes}) WHERE email = ${email}`),
  );

describe("login protection", () => {
  it("verifies at most LOGIN_RATE_LIMIT of 100 parallel attempts, for known and unknown accounts alike", async () => {
    for (const email of ["viewer.aachen@example.org", "niemand.aachen@example.org"]) {
      const results = await Promise.all(
        Array.from({ length: 100 }, (_, i) => login(db, email, `falsch-${i}`, "198.51.100.1")),
      );
      const invalid = results.filter((r) => !r.ok && r.reason === "invalid").length;
      expect(invalid).toBeGreaterThan(0);
      expect(invalid).toBeLessThanOrEqual(config().loginRateLimit);
      expect(await checked(email)).toBe(invalid);
      expect(results.filter((r) => !r.ok && r.reason === "rate_limited")).toHaveLength(100 - invalid);
    }
  });

  it("counts an address typed in another case or with spaces as the same account", async () => {
    const email = "Editor.Aachen@Example.org ";
    for (let i = 0; i < 5; i++) expect(await login(db, email, "falsch", "198.51.100.2")).toMatchObject({ ok: false });
    expect(await login(db, "editor.aachen@example.org", PW, "198.51.100.2")).toMatchObject({
      ok: false,
      reason: "rate_limited",
    });
  });

  it("grows the delay with every further failure, up to the cap, and lets the right password in once it has passed", async () => {
    const email = "partner.aachen@example.org";
    const ip = "198.51.100.3";
    for (let i = 0; i < 5; i++) expect(await login(db, email, "falsch", ip)).toMatchObject({ reason: "invalid" });
    // Doubling from 2 s after the 6th failure in a row, capped at 180 s.
    const delays = [2, 4, 8, 16, 32, 64, 128, 180, 180];
    for (const [i, delay] of delays.entries()) {
      // The clock moves past every delay so far, so this failure is verified …
      await age(email, 10);
      expect(await login(db, email, "falsch", ip)).toMatchObject({ reason: "invalid" });
      expect(await checked(email)).toBe(6 + i);
      // … and right after it even the right password waits, unverified. Only the longer delays are
      // tried, with room for a slow machine between the two attempts.
      if (delay < 8) continue;
      const r = await login(db, email, PW, ip);
      expect(r).toMatchObject({ ok: false, reason: "rate_limited" });
      const wait = !r.ok && r.reason === "rate_limited" ? r.retryAfterSeconds : 0;
      expect(wait).toBeLessThanOrEqual(delay);
      expect(wait).toBeGreaterThan(delay / 2);
    }
    await age(email, 3);
    expect((await login(db, email, PW, ip)).ok).toBe(true);
    // A success starts over: the next failure is verified at once.
    expect(await login(db, email, "falsch", ip)).toMatchObject({ ok: false, reason: "invalid" });
  });

  it("slows down an address that fails on many different accounts, but not an account's owner there", async () => {
    const proxy = "198.51.100.4";
    // The owner logged in from this address before (e.g. everyone behind the town hall's proxy).
    expect((await login(db, "admin.koeln@example.org", PW, proxy)).ok).toBe(true);
    // One password tried on 50 accounts (10 × LOGIN_RATE_LIMIT), most of them unknown.
    for (let i = 0; i < 50; i++) await login(db, `konto-${i}@example.org`, "Sommer2026!", proxy);
    expect(await login(db, "editor.koeln@example.org", PW, proxy)).toMatchObject({
      ok: false,
      reason: "rate_limited",
    });
    expect((await login(db, "admin.koeln@example.org", PW, proxy)).ok).toBe(true);
    // The refused account is not slowed down elsewhere.
    expect((await login(db, "editor.koeln@example.org", PW, "198.51.100.5")).ok).toBe(true);
  });

  it("an attack on one account from many addresses does not slow its owner down at a known address", async () => {
    const email = "admin.aachen@example.org";
    expect((await login(db, email, PW, "198.51.100.6")).ok).toBe(true);
    for (let i = 0; i < 20; i++) await login(db, email, "falsch", `203.0.113.${i}`);
    expect(await login(db, email, PW, "203.0.113.200")).toMatchObject({ ok: false, reason: "rate_limited" });
    expect((await login(db, email, PW, "198.51.100.6")).ok).toBe(true);
  });

  it("mails the owner once for many failures in a row", async () => {
    const email = "viewer.koeln@example.org";
    // Bursts minutes apart: five verified in the first, then one after each delay.
    for (let round = 0; round < 9; round++) {
      await Promise.all(Array.from({ length: 10 }, () => login(db, email, "falsch", "198.51.100.7")));
      await age(email, 10);
    }
    expect(await checked(email)).toBeGreaterThanOrEqual(12);
    const mails = await one<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM outbox WHERE recipient = ${email} AND subject LIKE '%fehlgeschlagene%'`,
    );
    expect(mails.n).toBe(1);
  });
});

describe("password reset links", () => {
  it("only the newest link works, also when requested in parallel", async () => {
    const email = "editor.nrw@example.org";
    await withSystem(db, (tx) =>
      tx.execute(sql`INSERT INTO users (email, display_name, password_hash) VALUES (${email}, 'Test', NULL)`),
    );
    await Promise.all([requestPasswordReset(db, email), requestPasswordReset(db, email)]);
    await requestPasswordReset(db, email);
    const open = await one<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM auth_tokens t JOIN users u ON u.id = t.user_id
          WHERE u.email = ${email} AND t.purpose = 'reset' AND t.used_at IS NULL`,
    );
    expect(open.n).toBe(1);
    const links = (
      await withSystem(db, (tx) =>
        rows<{ body: string }>(tx, sql`SELECT body FROM outbox WHERE recipient = ${email} ORDER BY id`),
      )
    ).map((m) => m.body.match(/passwort-setzen\/([A-Za-z0-9_-]+)/)![1]);
    expect(links).toHaveLength(3);
    expect(await setPasswordWithToken(db, links[0], "neues-passwort-1")).toEqual({
      ok: false,
      reason: "invalid_token",
    });
    expect((await setPasswordWithToken(db, links[2], "neues-passwort-1")).ok).toBe(true);
    expect((await setPasswordWithToken(db, links[2], "neues-passwort-2")).ok).toBe(false);
  });
});
