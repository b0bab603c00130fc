import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { Database, Tx } from "../db/client";
import { rows, withSystem } from "../db/context";
import {
  authTokens,
  loginAttempts,
  memberships,
  oidcConfigs,
  secondFactors,
  sessions,
  tenants,
  users,
  type Role,
} from "../db/schema";
import { audit } from "../audit/service";
import { enqueueMail } from "../mail/outbox";
import { config } from "../config";
import { dummyPasswordHash, hashPassword, newToken, sha256, verifyPassword } from "./crypto";

export const SESSION_DAYS = 14;
/** How long a right password waits for its second factor (a pending login). */
export const PENDING_LOGIN_MINUTES = 10;
/**
 * Longest wait between two verified attempts on one account: failures slow an account down (1 s,
 * 2 s, 4 s, … after LOGIN_RATE_LIMIT failures in a row), but never lock its owner out for longer.
 */
export const LOGIN_MAX_DELAY_SECONDS = 180;
/**
 * Different accounts with failures from one address within 10 minutes, as a multiple of
 * LOGIN_RATE_LIMIT, before that address is slowed down for accounts not logged in from it: generous,
 * since everyone behind a town hall's reverse proxy shares one address.
 */
const ADDRESS_ACCOUNTS_PER_LIMIT = 10;
/** Failed verifications in a row after which the owner is told once by mail. */
export const NOTIFY_AFTER_FAILURES = 10;
const RESET_HOURS = 2;
const INVITE_DAYS = 7;

export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  isSuperadmin: boolean;
  locale: string;
  memberships: {
    tenantId: string;
    slug: string;
    tenantName: string;
    role: Role;
    organisationId: string | null;
    /** The tenant requires every member to use a second factor. */
    requireSecondFactor: boolean;
  }[];
  /**
   * TOTP (decision 0045): enrolled for the account; when a code was verified in this session (null:
   * not in this session); required by a tenant the user belongs to.
   */
  secondFactor: { enrolled: boolean; verifiedAt: Date | null; required: boolean };
  /** When this session last confirmed the password (login or /anmelden/bestaetigen). */
  reauthAt: Date | null;
  /** The session was opened by single sign-on with this tenant's provider (decision 0047). */
  sso: { tenantId: string } | null;
}

/** Existing and unknown accounts get the same results; only a verified right password differs. */
export type LoginResult =
  | { ok: true; sessionToken: string; user: SessionUser }
  /** The password was right, but the account has a second factor: the code is asked next. */
  | { ok: false; reason: "second_factor"; pendingToken: string }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

/** Login attempts are counted per address as typed, whatever its case or surrounding spaces. */
const accountKey = (email: string) => email.trim().toLowerCase();

/**
 * Records an attempt on `key` and decides whether it may be verified (login_claim, migration 0004).
 * Second-factor codes use the key "factor:<address>", so their failures slow down code guessing
 * without a right password resetting the count.
 */
export async function claimAttempt(tx: Tx, key: string, ip: string) {
  const limit = config().loginRateLimit;
  const [claim] = await rows<{ attempt_id: number | string; checked: boolean; retry_after: number }>(
    tx,
    sql`SELECT attempt_id, checked, retry_after FROM login_claim(${key}, ${ip}, ${limit}::int,
      ${LOGIN_MAX_DELAY_SECONDS}::int, ${limit * ADDRESS_ACCOUNTS_PER_LIMIT}::int)`,
  );
  return claim;
}

/** Records a verified attempt's outcome; returns the failures in a row (login_finish). */
export async function finishAttempt(tx: Tx, attemptId: number | string, ok: boolean): Promise<number | null> {
  const [{ failures }] = await rows<{ failures: number | null }>(
    tx,
    sql`SELECT login_finish(${String(attemptId)}::bigint, ${ok}) AS failures`,
  );
  return failures;
}

/**
 * Logs in with e-mail address and password. Every attempt first passes login_claim() (migration
 * 0004), which records it and decides under a lock on the account whether its password may be
 * verified at all, so parallel requests cannot exceed the limits; refused attempts are answered
 * without verifying anything. docs/decisions/0009-login-protection.md
 */
export async function login(
  db: Database,
  email: string,
  password: string,
  ip: string,
  userAgent?: string,
): Promise<LoginResult> {
  const key = accountKey(email);
  const { claim, u } = await withSystem(db, async (tx) => {
    const claim = await claimAttempt(tx, key, ip);
    if (!claim.checked) return { claim, u: undefined };
    const [u] = await tx
      .select()
      .from(users)
      .where(sql`lower(${users.email}) = ${key}`);
    return { claim, u };
  });
  if (!claim.checked) return { ok: false, reason: "rate_limited", retryAfterSeconds: Math.max(1, claim.retry_after) };

  // An unknown account is verified against a dummy hash, so it takes as long as a wrong password.
  const valid = u?.passwordHash
    ? await verifyPassword(u.passwordHash, password)
    : (await verifyPassword(await dummyPasswordHash(), password), false);
  const ok = !!u && valid && u.status === "active";

  return withSystem(db, async (tx) => {
    const failures = await finishAttempt(tx, claim.attempt_id, ok);
    if (!ok) {
      if (u && failures === NOTIFY_AFTER_FAILURES) await noteManyFailures(tx, u);
      return { ok: false, reason: "invalid" } as const;
    }
    // With a second factor the right password only opens a pending login, which getSessionUser
    // refuses; the code turns it into a session (second-factor.ts verifyLoginCode).
    const [factor] = await tx
      .select({ userId: secondFactors.userId })
      .from(secondFactors)
      .where(and(eq(secondFactors.userId, u.id), sql`${secondFactors.enrolledAt} IS NOT NULL`));
    if (factor) {
      const pendingToken = newToken();
      await tx.insert(sessions).values({
        idHash: sha256(pendingToken),
        userId: u.id,
        pending: true,
        userAgent: userAgent?.slice(0, 300),
        expiresAt: sql`now() + make_interval(mins => ${PENDING_LOGIN_MINUTES})` as unknown as Date,
      });
      return { ok: false, reason: "second_factor", pendingToken } as const;
    }
    const token = await startSession(tx, u.id, { userAgent, secondFactor: false });
    await audit(tx, { tenantId: null, actorId: u.id, actorLabel: u.email, action: "login", entity: "session" });
    return { ok: true, sessionToken: token, user: await loadSessionUser(tx, u.id) } as const;
  });
}

/** A new session after a right password (and code); a login counts as a fresh re-authentication. */
export async function startSession(
  tx: Tx,
  userId: string,
  o: { userAgent?: string | null; secondFactor: boolean },
): Promise<string> {
  const token = newToken();
  await tx.insert(sessions).values({
    idHash: sha256(token),
    userId,
    userAgent: o.userAgent?.slice(0, 300),
    expiresAt: sql`now() + make_interval(days => ${SESSION_DAYS})` as unknown as Date,
    reauthAt: sql`now()` as unknown as Date,
    secondFactorAt: o.secondFactor ? (sql`now()` as unknown as Date) : null,
  });
  return token;
}

/** Tells the owner once per series of failures; the account stays usable with the right password. */
async function noteManyFailures(tx: Tx, u: typeof users.$inferSelect) {
  await audit(tx, {
    tenantId: null,
    actorId: u.id,
    actorLabel: u.email,
    action: "login_failures",
    entity: "user",
    entityId: u.id,
  });
  await enqueueMail(tx, {
    tenantId: null,
    to: u.email,
    subject: "Teilhabe: Viele fehlgeschlagene Anmeldeversuche",
    body:
      `Für Ihr Konto gab es ${NOTIFY_AFTER_FAILURES} fehlgeschlagene Anmeldeversuche in Folge. ` +
      `Weitere Versuche werden deshalb verzögert (höchstens ${LOGIN_MAX_DELAY_SECONDS / 60} Minuten); ` +
      `mit Ihrem richtigen Passwort können Sie sich weiterhin anmelden.\n` +
      `Wenn Sie das nicht waren, setzen Sie bitte Ihr Passwort zurück: ${config().baseUrl}/passwort-vergessen`,
  });
}

export async function loadSessionUser(
  tx: Tx,
  userId: string,
  session: { secondFactorAt: Date | null; reauthAt: Date | null; ssoTenantId?: string | null } = {
    secondFactorAt: null,
    reauthAt: new Date(),
  },
): Promise<SessionUser> {
  const ssoTenantId = session.ssoTenantId ?? null;
  const [u] = await tx.select().from(users).where(eq(users.id, userId));
  const ms = await tx
    .select({
      tenantId: memberships.tenantId,
      role: memberships.role,
      organisationId: memberships.organisationId,
      slug: tenants.slug,
      tenantName: tenants.name,
      requireSecondFactor: tenants.requireSecondFactor,
    })
    .from(memberships)
    .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
    .leftJoin(oidcConfigs, eq(oidcConfigs.tenantId, memberships.tenantId))
    .where(
      and(
        eq(memberships.userId, userId),
        eq(memberships.active, true),
        // A tenant that allows only single sign-on counts only in a session its provider opened.
        sql`(${oidcConfigs.tenantId} IS NULL OR ${oidcConfigs.passwordLogin} OR NOT ${oidcConfigs.enabled}
          OR ${memberships.tenantId} = ${ssoTenantId})`,
        // And a session a tenant's provider opened counts only in that tenant: the provider is
        // configured by that tenant's admins, so it must not vouch for work elsewhere (decision 0047).
        ssoTenantId ? eq(memberships.tenantId, ssoTenantId) : undefined,
      ),
    )
    .orderBy(tenants.name);
  const [factor] = await tx
    .select({ enrolledAt: secondFactors.enrolledAt })
    .from(secondFactors)
    .where(eq(secondFactors.userId, userId));
  return {
    id: u.id,
    email: u.email,
    displayName: u.displayName,
    // Platform administration never through a tenant's provider (see the memberships above).
    isSuperadmin: u.isSuperadmin && !ssoTenantId,
    locale: u.locale,
    memberships: ms,
    secondFactor: {
      enrolled: !!factor?.enrolledAt,
      verifiedAt: session.secondFactorAt,
      // Platform admins always (issue 17 item 2): they can act as admin in every tenant.
      required: (u.isSuperadmin && !ssoTenantId) || ms.some((m) => m.requireSecondFactor),
    },
    reauthAt: session.reauthAt,
    sso: ssoTenantId ? { tenantId: ssoTenantId } : null,
  };
}

/**
 * Resolves a session cookie; expired sessions, pending logins (second factor missing), sessions idle
 * longer than their idle limit (which are ended) and deactivated users count as logged out.
 */
export async function getSessionUser(db: Database, token: string | undefined): Promise<SessionUser | null> {
  if (!token) return null;
  return withSystem(db, async (tx) => {
    const [s] = await tx
      .select({
        userId: sessions.userId,
        status: users.status,
        secondFactorAt: sessions.secondFactorAt,
        reauthAt: sessions.reauthAt,
        ssoTenantId: sessions.ssoTenantId,
        // Both compared with the database's clock, like expires_at.
        idle: sql<boolean>`${sessions.idleLimitMinutes} IS NOT NULL
          AND ${sessions.lastSeenAt} < now() - make_interval(mins => ${sessions.idleLimitMinutes})`,
        // Touch at most every 5 minutes (most requests then stay read-only), with an idle limit at
        // least 15 times within it, so the limit is kept to within a fifteenth.
        stale: sql<boolean>`${sessions.lastSeenAt} < now() - least(interval '5 minutes',
          make_interval(secs => coalesce(${sessions.idleLimitMinutes}, 75) * 4))`,
      })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(and(eq(sessions.idHash, sha256(token)), gt(sessions.expiresAt, sql`now()`), eq(sessions.pending, false)));
    if (!s || s.status !== "active") return null;
    if (s.idle) {
      await tx.delete(sessions).where(eq(sessions.idHash, sha256(token)));
      return null;
    }
    if (s.stale) {
      await tx
        .update(sessions)
        .set({ lastSeenAt: sql`now()` as unknown as Date })
        .where(eq(sessions.idHash, sha256(token)));
    }
    return loadSessionUser(tx, s.userId, s);
  });
}

/**
 * Ends this session after `minutes` without a request from then on (e.g. 15 for case work, issue 16);
 * a module calls it from its loader once the user enters such an area. null restores the default.
 */
export async function setIdleLimit(db: Database, token: string | undefined, minutes: number | null): Promise<void> {
  if (!token) return;
  await withSystem(db, (tx) =>
    tx
      .update(sessions)
      .set({ idleLimitMinutes: minutes, lastSeenAt: sql`now()` as unknown as Date })
      .where(
        and(
          eq(sessions.idHash, sha256(token)),
          eq(sessions.pending, false),
          sql`${sessions.idleLimitMinutes} IS DISTINCT FROM ${minutes}`,
        ),
      ),
  );
}

/** Ends the session; returns the provider's logout address when single sign-on opened it. */
export async function logout(db: Database, token: string | undefined): Promise<string | null> {
  if (!token) return null;
  const [s] = await withSystem(db, (tx) =>
    tx
      .delete(sessions)
      .where(eq(sessions.idHash, sha256(token)))
      .returning({ ssoLogoutUrl: sessions.ssoLogoutUrl }),
  );
  return s?.ssoLogoutUrl ?? null;
}

/** Always behaves the same whether or not the address exists, so it reveals no accounts. */
export async function requestPasswordReset(db: Database, email: string): Promise<void> {
  await withSystem(db, async (tx) => {
    // The row lock keeps two parallel requests from each leaving a valid link behind.
    const [u] = await tx
      .select()
      .from(users)
      .where(sql`lower(${users.email}) = lower(${email})`)
      .for("update");
    if (!u || u.status === "deactivated") return;
    // Only the newest link works: an older one may sit in a mailbox someone else can read.
    await tx
      .delete(authTokens)
      .where(and(eq(authTokens.userId, u.id), eq(authTokens.purpose, "reset"), isNull(authTokens.usedAt)));
    const token = newToken();
    await tx.insert(authTokens).values({
      tokenHash: sha256(token),
      userId: u.id,
      purpose: "reset",
      expiresAt: sql`now() + make_interval(hours => ${RESET_HOURS})` as unknown as Date,
    });
    await enqueueMail(tx, {
      tenantId: null,
      to: u.email,
      subject: "Teilhabe: Passwort zurücksetzen",
      body:
        `Guten Tag ${u.displayName},\n\nüber diesen Link können Sie ein neues Passwort festlegen (gültig ${RESET_HOURS} Stunden):\n` +
        `${config().baseUrl}/passwort-setzen/${token}\n\nWenn Sie das nicht angefordert haben, ignorieren Sie diese Nachricht.`,
    });
  });
}

import { PASSWORD_MIN } from "./policy";
export { PASSWORD_MIN };

export type SetPasswordResult = { ok: true; email: string } | { ok: false; reason: "invalid_token" | "weak" };

/** Redeems a reset or invitation link: sets the password and activates an invited account. */
export async function setPasswordWithToken(db: Database, token: string, password: string): Promise<SetPasswordResult> {
  if (password.length < PASSWORD_MIN) return { ok: false, reason: "weak" };
  const hashed = await hashPassword(password);
  return withSystem(db, async (tx) => {
    // Claimed by the update itself, so two parallel requests cannot both redeem one link.
    const [t] = await tx
      .update(authTokens)
      .set({ usedAt: sql`now()` as unknown as Date })
      .where(
        and(eq(authTokens.tokenHash, sha256(token)), isNull(authTokens.usedAt), gt(authTokens.expiresAt, sql`now()`)),
      )
      .returning();
    if (!t) return { ok: false, reason: "invalid_token" } as const;
    const [u] = await tx.select().from(users).where(eq(users.id, t.userId));
    if (!u || u.status === "deactivated") return { ok: false, reason: "invalid_token" } as const;
    await tx.update(users).set({ passwordHash: hashed, status: "active" }).where(eq(users.id, u.id));
    // A new password ends every existing session and every other link that could set one.
    await tx.delete(sessions).where(eq(sessions.userId, u.id));
    await tx.delete(authTokens).where(and(eq(authTokens.userId, u.id), isNull(authTokens.usedAt)));
    await audit(tx, {
      tenantId: null,
      actorId: u.id,
      actorLabel: u.email,
      action: t.purpose === "invite" ? "accept_invite" : "reset_password",
      entity: "user",
      entityId: u.id,
    });
    return { ok: true, email: u.email } as const;
  });
}

export async function isTokenValid(db: Database, token: string): Promise<boolean> {
  const r = await withSystem(db, (tx) =>
    tx
      .select({ h: authTokens.tokenHash })
      .from(authTokens)
      .where(
        and(eq(authTokens.tokenHash, sha256(token)), isNull(authTokens.usedAt), gt(authTokens.expiresAt, sql`now()`)),
      ),
  );
  return r.length > 0;
}

/** Creates a user directly (CLI, demo data). */
export async function createUser(
  tx: Tx,
  u: { email: string; displayName: string; password?: string; isSuperadmin?: boolean },
) {
  const [row] = await tx
    .insert(users)
    .values({
      email: u.email.trim(),
      displayName: u.displayName,
      isSuperadmin: u.isSuperadmin ?? false,
      passwordHash: u.password ? await hashPassword(u.password) : null,
      status: u.password ? "active" : "invited",
    })
    .returning();
  return row;
}

export async function findUserByEmail(tx: Tx, email: string) {
  const [u] = await tx
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = lower(${email.trim()})`);
  return u;
}

/** An invitation link for an account (new or existing without password). */
export async function createInviteToken(tx: Tx, userId: string): Promise<string> {
  const token = newToken();
  await tx.insert(authTokens).values({
    tokenHash: sha256(token),
    userId,
    purpose: "invite",
    expiresAt: sql`now() + make_interval(days => ${INVITE_DAYS})` as unknown as Date,
  });
  return token;
}

/** Removes expired sessions and links and login attempts older than a day (data minimisation). */
export async function pruneAuthData(db: Database): Promise<void> {
  await withSystem(db, async (tx) => {
    await tx.delete(sessions).where(sql`${sessions.expiresAt} < now()`);
    await tx
      .delete(sessions)
      .where(
        sql`${sessions.idleLimitMinutes} IS NOT NULL AND ${sessions.lastSeenAt} < now() - make_interval(mins => ${sessions.idleLimitMinutes})`,
      );
    await tx.delete(authTokens).where(sql`${authTokens.expiresAt} < now() - interval '7 days'`);
    await tx.delete(loginAttempts).where(sql`${loginAttempts.at} < now() - interval '1 day'`);
  });
}
