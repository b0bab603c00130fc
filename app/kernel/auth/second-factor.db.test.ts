import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDb, tenantIds } from "../../../tests/support/db";
import type { Database } from "../db/client";
import { rows, withSystem } from "../db/context";
import { resetConfig } from "../config";
import { sha256 } from "./crypto";
import { getSessionUser, login, setIdleLimit } from "./service";
import {
  confirmEnrolment,
  disableSecondFactor,
  enrolledAmong,
  enrolmentState,
  pendingLoginValid,
  reauthenticate,
  regenerateRecoveryCodes,
  resetSecondFactor,
  startEnrolment,
  verifyLoginCode,
} from "./second-factor";
import { totpCode, totpStep } from "./totp";

// The second factor over the database (decision 0045); as *.db.test.ts it also runs on PostgreSQL.
const PW = "Teilhabe-Demo-2026";
const IP = "198.51.100.40";
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

const q = <T>(query: ReturnType<typeof sql>) => withSystem(db, (tx) => rows<T>(tx, query));
const at = (step: number) => step * 30_000;
/** A code of the secret at `offset` steps from now. */
const code = (secret: string, offset = 0) => totpCode(secret, at(totpStep(Date.now()) + offset));
/** A six-digit code that is none of the codes of the window. */
const wrongCode = (secret: string) => {
  const window = [-1, 0, 1].map((o) => code(secret, o));
  for (let n = 0; ; n++) {
    const c = String(n).padStart(6, "0");
    if (!window.includes(c)) return c;
  }
};
/** Lets the next code be accepted again in tests that log in several times within one step. */
const forgetSteps = (userId: string) =>
  q(sql`UPDATE second_factors SET last_step = last_step - 3 WHERE user_id = ${userId}`);

async function sessionOf(email: string) {
  const r = await login(db, email, PW, IP);
  if (!r.ok) throw new Error(`login ${email}: ${r.reason}`);
  return r;
}

/** Enrols an account as a person would: log in, start, confirm with one code. */
async function enrol(email: string) {
  const s = await sessionOf(email);
  const started = await startEnrolment(db, s.user.id);
  if (!started.ok) throw new Error("start");
  const secret = started.value;
  const first = code(secret);
  const confirmed = await confirmEnrolment(db, s.user, s.sessionToken, first, IP);
  if (!confirmed.ok) throw new Error(`confirm: ${confirmed.error.code}`);
  return { secret, first, recovery: confirmed.value, user: s.user, sessionToken: s.sessionToken };
}

async function pending(email: string) {
  const r = await login(db, email, PW, IP);
  expect(r).toMatchObject({ ok: false, reason: "second_factor" });
  return !r.ok && r.reason === "second_factor" ? r.pendingToken : "";
}

describe("second factor at login", () => {
  it("with the factor required: fails without the code, succeeds with it, a recovery code works once", async () => {
    await q(sql`UPDATE tenants SET require_second_factor = true WHERE slug = 'koeln'`);
    const before = await sessionOf("editor.koeln@example.org");
    expect(before.user.secondFactor).toEqual({ enrolled: false, verifiedAt: null, required: true });

    const { secret, first, recovery, user } = await enrol("editor.koeln@example.org");
    expect(recovery).toHaveLength(10);
    expect(new Set(recovery).size).toBe(10);
    // Enrolling ended the other sessions of the account.
    expect(await getSessionUser(db, before.sessionToken)).toBeNull();

    // The right password alone gives no session.
    const p = await pending("editor.koeln@example.org");
    expect(await getSessionUser(db, p)).toBeNull();
    expect(await pendingLoginValid(db, p)).toBe(true);
    expect(await verifyLoginCode(db, p, wrongCode(secret), IP)).toMatchObject({
      ok: false,
      reason: "invalid",
      remaining: 4,
    });
    // The code confirmed at enrolment was used once: replaying it is refused.
    expect(await verifyLoginCode(db, p, first, IP)).toMatchObject({ ok: false, reason: "invalid" });
    const r = await verifyLoginCode(db, p, code(secret, 1), IP);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.sessionToken).not.toBe(p);
    const u = await getSessionUser(db, r.sessionToken);
    expect(u?.secondFactor.enrolled).toBe(true);
    expect(u?.secondFactor.verifiedAt).toBeInstanceOf(Date);
    expect(await pendingLoginValid(db, p)).toBe(false);
    expect(await getSessionUser(db, p)).toBeNull();

    // A recovery code, typed in lower case without the dash, works once.
    const typed = recovery[3].replace("-", "").toLowerCase();
    expect((await verifyLoginCode(db, await pending("editor.koeln@example.org"), typed, IP)).ok).toBe(true);
    expect(await verifyLoginCode(db, await pending("editor.koeln@example.org"), recovery[3], IP)).toMatchObject({
      ok: false,
      reason: "invalid",
    });

    const audit = await q<{ action: string; n: number }>(
      sql`SELECT action, count(*)::int AS n FROM audit_log WHERE actor_id = ${user.id} GROUP BY action`,
    );
    expect(Object.fromEntries(audit.map((a) => [a.action, a.n]))).toMatchObject({
      second_factor_enrolled: 1,
      recovery_code_used: 1,
      second_factor_failed: 3,
    });
    // No secret and no code in the audit log.
    const texts = await q<{ t: string }>(
      sql`SELECT row_to_json(a)::text AS t FROM audit_log a WHERE actor_id = ${user.id}`,
    );
    for (const { t } of texts) {
      expect(t).not.toContain(secret);
      for (const c of recovery) expect(t).not.toContain(c);
    }
    await q(sql`UPDATE tenants SET require_second_factor = false WHERE slug = 'koeln'`);
  });

  it("five wrong codes end the pending login", async () => {
    const { secret, user } = await enrol("viewer.koeln@example.org");
    await forgetSteps(user.id);
    const p = await pending("viewer.koeln@example.org");
    for (let i = 1; i < 5; i++)
      expect(await verifyLoginCode(db, p, wrongCode(secret), IP)).toMatchObject({
        reason: "invalid",
        remaining: 5 - i,
      });
    expect(await verifyLoginCode(db, p, wrongCode(secret), IP)).toMatchObject({ ok: false, reason: "ended" });
    expect(await pendingLoginValid(db, p)).toBe(false);
    expect(await verifyLoginCode(db, p, code(secret), IP)).toMatchObject({ ok: false, reason: "ended" });
    // Further codes for the account wait (rate limit on the factor, apart from the password's).
    const again = await pending("viewer.koeln@example.org");
    expect(await verifyLoginCode(db, again, code(secret), IP)).toMatchObject({ ok: false, reason: "rate_limited" });
    await q(
      sql`UPDATE login_attempts SET at = at - interval '10 minutes' WHERE email = 'factor:viewer.koeln@example.org'`,
    );
    expect((await verifyLoginCode(db, again, code(secret), IP)).ok).toBe(true);
  });

  it("one code accepts exactly one of two parallel logins", async () => {
    const { secret, user } = await enrol("partner.koeln@example.org");
    await forgetSteps(user.id);
    const [a, b] = [await pending("partner.koeln@example.org"), await pending("partner.koeln@example.org")];
    const c = code(secret);
    const results = await Promise.all([verifyLoginCode(db, a, c, IP), verifyLoginCode(db, b, c, IP)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });
});

describe("enrolment, re-authentication, disabling", () => {
  it("enrolment needs one right code from the new secret", async () => {
    const s = await sessionOf("viewer.aachen@example.org");
    const started = await startEnrolment(db, s.user.id);
    expect(started.ok).toBe(true);
    if (!started.ok) return;
    expect(await enrolmentState(db, s.user.id)).toEqual({ enrolled: false, secret: started.value });
    expect(await confirmEnrolment(db, s.user, s.sessionToken, wrongCode(started.value), IP)).toMatchObject({
      ok: false,
      error: { code: "secondFactor.errors.codeInvalid" },
    });
    // Not yet in force: the password alone still logs in.
    expect((await login(db, "viewer.aachen@example.org", PW, IP)).ok).toBe(true);
    expect((await confirmEnrolment(db, s.user, s.sessionToken, code(started.value), IP)).ok).toBe(true);
    expect(await enrolmentState(db, s.user.id)).toEqual({ enrolled: true });
    expect((await startEnrolment(db, s.user.id)).ok).toBe(false);
    expect((await getSessionUser(db, s.sessionToken))?.secondFactor.verifiedAt).toBeInstanceOf(Date);
  });

  it("re-authentication needs the password and, when enrolled, a code; it sets reauth_at", async () => {
    const { secret, user, sessionToken } = await enrol("editor.aachen@example.org");
    await forgetSteps(user.id);
    await q(sql`UPDATE sessions SET reauth_at = NULL WHERE id_hash = ${sha256(sessionToken)}`);
    expect((await getSessionUser(db, sessionToken))?.reauthAt).toBeNull();
    expect(await reauthenticate(db, user, sessionToken, "falsch", code(secret), IP)).toMatchObject({
      error: { code: "secondFactor.errors.passwordInvalid" },
    });
    expect(await reauthenticate(db, user, sessionToken, PW, undefined, IP)).toMatchObject({
      error: { code: "secondFactor.errors.codeInvalid" },
    });
    expect((await reauthenticate(db, user, sessionToken, PW, code(secret), IP)).ok).toBe(true);
    expect((await getSessionUser(db, sessionToken))?.reauthAt).toBeInstanceOf(Date);
  });

  it("new recovery codes replace the old; disabling needs password and code", async () => {
    const { secret, recovery, user } = await enrol("admin.aachen@example.org");
    await forgetSteps(user.id);
    const fresh = await regenerateRecoveryCodes(db, user, code(secret), IP);
    expect(fresh.ok).toBe(true);
    if (!fresh.ok) return;
    expect(await verifyLoginCode(db, await pending("admin.aachen@example.org"), recovery[0], IP)).toMatchObject({
      reason: "invalid",
    });
    expect((await verifyLoginCode(db, await pending("admin.aachen@example.org"), fresh.value[0], IP)).ok).toBe(true);
    expect((await disableSecondFactor(db, user, PW, wrongCode(secret), IP)).ok).toBe(false);
    expect((await disableSecondFactor(db, user, PW, fresh.value[1], IP)).ok).toBe(true);
    expect(await enrolmentState(db, user.id)).toEqual({ enrolled: false, secret: null });
    expect((await login(db, "admin.aachen@example.org", PW, IP)).ok).toBe(true);
    const [{ n }] = await q<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM recovery_codes WHERE user_id = ${user.id}`,
    );
    expect(n).toBe(0);
  });
});

describe("idle limit", () => {
  it("ends a session idle longer than its limit, and only such a session", async () => {
    const limited = (await sessionOf("admin.koeln@example.org")).sessionToken;
    const normal = (await sessionOf("admin.koeln@example.org")).sessionToken;
    await setIdleLimit(db, limited, 15);
    const idle = (token: string, minutes: number) =>
      q(
        sql`UPDATE sessions SET last_seen_at = now() - make_interval(mins => ${minutes}) WHERE id_hash = ${sha256(token)}`,
      );
    await idle(limited, 14);
    await idle(normal, 16);
    expect(await getSessionUser(db, limited)).not.toBeNull();
    // The request touched the limited session (a fifteenth of the limit had passed).
    const [{ fresh }] = await q<{ fresh: boolean }>(
      sql`SELECT last_seen_at > now() - interval '1 minute' AS fresh FROM sessions WHERE id_hash = ${sha256(limited)}`,
    );
    expect(fresh).toBe(true);
    await idle(limited, 16);
    expect(await getSessionUser(db, limited)).toBeNull();
    expect(await q(sql`SELECT 1 FROM sessions WHERE id_hash = ${sha256(limited)}`)).toHaveLength(0);
    expect(await getSessionUser(db, normal)).not.toBeNull();
  });
});

describe("reset of a lost factor", () => {
  it("lets a tenant's admin reset a member's factor, ending its sessions, with audit and mail", async () => {
    const ids = await tenantIds(db);
    const member = await enrol("viewer.nrw@example.org");
    const admin = (await sessionOf("admin.nrw@example.org")).user;
    expect(await enrolledAmong(db, [member.user.id, admin.id])).toEqual(new Set([member.user.id]));

    // Another tenant's admin, and the member's own tenant for the wrong tenant id, are refused.
    const koelnAdmin = (await sessionOf("admin.koeln@example.org")).user;
    expect(await resetSecondFactor(db, koelnAdmin, ids.koeln, member.user.id)).toMatchObject({
      ok: false,
      error: { code: "secondFactor.errors.resetNotFound" },
    });
    expect(await resetSecondFactor(db, admin, ids.nrw, admin.id)).toMatchObject({ ok: false });

    const r = await resetSecondFactor(db, admin, ids.nrw, member.user.id);
    expect(r.ok).toBe(true);
    expect(await enrolledAmong(db, [member.user.id])).toEqual(new Set());
    expect(await getSessionUser(db, member.sessionToken)).toBeNull();
    expect(await q(sql`SELECT count(*)::int AS n FROM recovery_codes WHERE user_id = ${member.user.id}`)).toEqual([
      { n: 0 },
    ]);
    expect(
      await q(
        sql`SELECT actor_label, tenant_id FROM audit_log WHERE action = 'second_factor_reset' AND entity_id = ${member.user.id}`,
      ),
    ).toEqual([{ actor_label: "admin.nrw@example.org", tenant_id: ids.nrw }]);
    expect(await q(sql`SELECT subject FROM outbox WHERE recipient = 'viewer.nrw@example.org'`)).toContainEqual({
      subject: "Teilhabe: Ihr zweiter Faktor wurde zurückgesetzt",
    });
    // Nothing left to reset; the password alone logs in again, and the factor can be set up anew.
    expect(await resetSecondFactor(db, admin, ids.nrw, member.user.id)).toMatchObject({
      ok: false,
      error: { code: "secondFactor.errors.resetNone" },
    });
    expect((await login(db, "viewer.nrw@example.org", PW, IP)).ok).toBe(true);
  });

  it("leaves accounts that also work elsewhere, and platform admins, to a platform admin", async () => {
    const ids = await tenantIds(db);
    const member = await enrol("editor.staedteregion-aachen@example.org");
    await q(sql`INSERT INTO memberships (tenant_id, user_id, role)
                VALUES (${ids.aachen}, ${member.user.id}, 'viewer')`);
    const admin = (await sessionOf("admin.staedteregion-aachen@example.org")).user;
    expect(await resetSecondFactor(db, admin, ids["staedteregion-aachen"], member.user.id)).toMatchObject({
      ok: false,
      error: { code: "secondFactor.errors.resetElsewhere" },
    });
    expect(await enrolledAmong(db, [member.user.id])).toEqual(new Set([member.user.id]));
    const platform = { id: admin.id, email: "plattform@example.org", isSuperadmin: true };
    const [p] = await q<{ id: string }>(sql`SELECT id FROM users WHERE email = 'plattform@example.org'`);
    platform.id = p!.id;
    expect((await resetSecondFactor(db, platform, ids["staedteregion-aachen"], member.user.id)).ok).toBe(true);
    expect(await enrolledAmong(db, [member.user.id])).toEqual(new Set());
  });
});
