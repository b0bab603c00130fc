import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { Database, Tx } from "../db/client";
import { withSystem } from "../db/context";
import { authTokens, loginAttempts, memberships, sessions, tenants, users, type Role } from "../db/schema";
import { audit } from "../audit/service";
import { enqueueMail } from "../mail/outbox";
import { config } from "../config";
import { dummyPasswordHash, hashPassword, newToken, sha256, verifyPassword } from "./crypto";

export const SESSION_DAYS = 14;
const LOCK_AFTER_FAILURES = 10;
const LOCK_MINUTES = 15;
const RESET_HOURS = 2;
const INVITE_DAYS = 7;

export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  isSuperadmin: boolean;
  locale: string;
  memberships: { tenantId: string; slug: string; tenantName: string; role: Role; organisationId: string | null }[];
}

export type LoginResult =
  { ok: true; sessionToken: string; user: SessionUser } | { ok: false; reason: "rate_limited" | "invalid" | "locked" };

/**
 * Whether this login must be refused for too many recent failures: per account the configured
 * limit a minute; per address six times that, since a whole town hall may share one address.
 */
async function isRateLimited(tx: Tx, email: string, ip: string, limit: number): Promise<boolean> {
  const [r] = await tx
    .select({
      byEmail: sql<number>`count(*) FILTER (WHERE lower(${loginAttempts.email}) = lower(${email}))::int`,
      byIp: sql<number>`count(*) FILTER (WHERE ${loginAttempts.ip} = ${ip})::int`,
    })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.success, false), gt(loginAttempts.at, sql`now() - interval '1 minute'`)));
  return (r?.byEmail ?? 0) >= limit || (r?.byIp ?? 0) >= limit * 6;
}

export async function login(
  db: Database,
  email: string,
  password: string,
  ip: string,
  userAgent?: string,
): Promise<LoginResult> {
  const limit = config().loginRateLimit;
  if (await withSystem(db, (tx) => isRateLimited(tx, email, ip, limit))) return { ok: false, reason: "rate_limited" };

  const [u] = await withSystem(db, (tx) =>
    tx
      .select()
      .from(users)
      .where(sql`lower(${users.email}) = lower(${email})`),
  );
  const valid = u?.passwordHash
    ? await verifyPassword(u.passwordHash, password)
    : (await verifyPassword(await dummyPasswordHash(), password), false);

  return withSystem(db, async (tx) => {
    if (u?.lockedUntil && u.lockedUntil > new Date()) {
      await tx.insert(loginAttempts).values({ email, ip, success: false });
      return { ok: false, reason: "locked" } as const;
    }
    if (!u || !valid || u.status !== "active") {
      await tx.insert(loginAttempts).values({ email, ip, success: false });
      if (u) {
        const failures = u.failedLogins + 1;
        const lock = failures >= LOCK_AFTER_FAILURES;
        await tx
          .update(users)
          .set({
            failedLogins: lock ? 0 : failures,
            lockedUntil: lock ? sql`now() + make_interval(mins => ${LOCK_MINUTES})` : u.lockedUntil,
          })
          .where(eq(users.id, u.id));
        if (lock) {
          await audit(tx, {
            tenantId: null,
            actorId: u.id,
            actorLabel: u.email,
            action: "lock",
            entity: "user",
            entityId: u.id,
          });
          await enqueueMail(tx, {
            tenantId: null,
            to: u.email,
            subject: "Teilhabe: Ihr Konto wurde vorübergehend gesperrt",
            body:
              `Nach ${LOCK_AFTER_FAILURES} fehlgeschlagenen Anmeldeversuchen ist Ihr Konto für ${LOCK_MINUTES} Minuten gesperrt.\n` +
              `Wenn Sie das nicht waren, setzen Sie bitte Ihr Passwort zurück: ${config().baseUrl}/passwort-vergessen`,
          });
        }
      }
      return { ok: false, reason: "invalid" } as const;
    }
    await tx.insert(loginAttempts).values({ email, ip, success: true });
    await tx.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, u.id));
    const token = newToken();
    await tx.insert(sessions).values({
      idHash: sha256(token),
      userId: u.id,
      userAgent: userAgent?.slice(0, 300),
      expiresAt: sql`now() + make_interval(days => ${SESSION_DAYS})` as unknown as Date,
    });
    await audit(tx, { tenantId: null, actorId: u.id, actorLabel: u.email, action: "login", entity: "session" });
    return { ok: true, sessionToken: token, user: await loadSessionUser(tx, u.id) } as const;
  });
}

async function loadSessionUser(tx: Tx, userId: string): Promise<SessionUser> {
  const [u] = await tx.select().from(users).where(eq(users.id, userId));
  const ms = await tx
    .select({
      tenantId: memberships.tenantId,
      role: memberships.role,
      organisationId: memberships.organisationId,
      slug: tenants.slug,
      tenantName: tenants.name,
    })
    .from(memberships)
    .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
    .where(and(eq(memberships.userId, userId), eq(memberships.active, true)))
    .orderBy(tenants.name);
  return {
    id: u.id,
    email: u.email,
    displayName: u.displayName,
    isSuperadmin: u.isSuperadmin,
    locale: u.locale,
    memberships: ms,
  };
}

/** Resolves a session cookie; expired sessions and deactivated users count as logged out. */
export async function getSessionUser(db: Database, token: string | undefined): Promise<SessionUser | null> {
  if (!token) return null;
  return withSystem(db, async (tx) => {
    const [s] = await tx
      .select({ userId: sessions.userId, status: users.status, lastSeen: sessions.lastSeenAt })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(and(eq(sessions.idHash, sha256(token)), gt(sessions.expiresAt, sql`now()`)));
    if (!s || s.status !== "active") return null;
    // Touch at most every 5 minutes: most requests then stay read-only.
    if (Date.now() - s.lastSeen.getTime() > 300_000) {
      await tx
        .update(sessions)
        .set({ lastSeenAt: sql`now()` as unknown as Date })
        .where(eq(sessions.idHash, sha256(token)));
    }
    return loadSessionUser(tx, s.userId);
  });
}

export async function logout(db: Database, token: string | undefined): Promise<void> {
  if (!token) return;
  await withSystem(db, (tx) => tx.delete(sessions).where(eq(sessions.idHash, sha256(token))));
}

/** Always behaves the same whether or not the address exists, so it reveals no accounts. */
export async function requestPasswordReset(db: Database, email: string): Promise<void> {
  await withSystem(db, async (tx) => {
    const [u] = await tx
      .select()
      .from(users)
      .where(sql`lower(${users.email}) = lower(${email})`);
    if (!u || u.status === "deactivated") return;
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
    const [t] = await tx
      .select()
      .from(authTokens)
      .where(
        and(eq(authTokens.tokenHash, sha256(token)), isNull(authTokens.usedAt), gt(authTokens.expiresAt, sql`now()`)),
      );
    if (!t) return { ok: false, reason: "invalid_token" } as const;
    const [u] = await tx.select().from(users).where(eq(users.id, t.userId));
    if (!u || u.status === "deactivated") return { ok: false, reason: "invalid_token" } as const;
    await tx
      .update(authTokens)
      .set({ usedAt: sql`now()` as unknown as Date })
      .where(eq(authTokens.tokenHash, t.tokenHash));
    await tx
      .update(users)
      .set({ passwordHash: hashed, status: "active", failedLogins: 0, lockedUntil: null })
      .where(eq(users.id, u.id));
    // A new password ends every existing session.
    await tx.delete(sessions).where(eq(sessions.userId, u.id));
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
    await tx.delete(authTokens).where(sql`${authTokens.expiresAt} < now() - interval '7 days'`);
    await tx.delete(loginAttempts).where(sql`${loginAttempts.at} < now() - interval '1 day'`);
  });
}
