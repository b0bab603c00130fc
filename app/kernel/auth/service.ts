import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { Database, Tx } from "../db/client";
import { rows, withSystem } from "../db/context";
import { authTokens, loginAttempts, memberships, sessions, tenants, users, type Role } from "../db/schema";
import { audit } from "../audit/service";
import { enqueueMail } from "../mail/outbox";
import { config } from "../config";
import { dummyPasswordHash, hashPassword, newToken, sha256, verifyPassword } from "./crypto";

export const SESSION_DAYS = 14;
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
  memberships: { tenantId: string; slug: string; tenantName: string; role: Role; organisationId: string | null }[];
}

/** Existing and unknown accounts get the same results; only a verified right password differs. */
export type LoginResult =
  | { ok: true; sessionToken: string; user: SessionUser }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

/** Login attempts are counted per address as typed, whatever its case or surrounding spaces. */
const accountKey = (email: string) => email.trim().toLowerCase();

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
  const limit = config().loginRateLimit;
  const key = accountKey(email);
  const { claim, u } = await withSystem(db, async (tx) => {
    const [claim] = await rows<{ attempt_id: number | string; checked: boolean; retry_after: number }>(
      tx,
      sql`SELECT attempt_id, checked, retry_after FROM login_claim(${key}, ${ip}, ${limit}::int,
        ${LOGIN_MAX_DELAY_SECONDS}::int, ${limit * ADDRESS_ACCOUNTS_PER_LIMIT}::int)`,
    );
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
    const [{ failures }] = await rows<{ failures: number | null }>(
      tx,
      sql`SELECT login_finish(${String(claim.attempt_id)}::bigint, ${ok}) AS failures`,
    );
    if (!ok) {
      if (u && failures === NOTIFY_AFTER_FAILURES) await noteManyFailures(tx, u);
      return { ok: false, reason: "invalid" } as const;
    }
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
    await tx.delete(authTokens).where(sql`${authTokens.expiresAt} < now() - interval '7 days'`);
    await tx.delete(loginAttempts).where(sql`${loginAttempts.at} < now() - interval '1 day'`);
  });
}
