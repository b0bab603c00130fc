import { and, eq, gt, inArray, isNull, ne, sql } from "drizzle-orm";
import type { Database, Tx } from "../db/client";
import { withSystem } from "../db/context";
import { memberships, recoveryCodes, secondFactors, sessions, users } from "../db/schema";
import { enqueueMail } from "../mail/outbox";
import { config } from "../config";
import { audit } from "../audit/service";
import { fail, ok, type Result } from "../errors";
import { dummyPasswordHash, sha256, verifyPassword } from "./crypto";
import { claimAttempt, finishAttempt, loadSessionUser, startSession, type SessionUser } from "./service";
import {
  RECOVERY_CODE_COUNT,
  isRecoveryCodeShape,
  matchTotp,
  newRecoveryCode,
  newTotpSecret,
  normaliseRecoveryCode,
} from "./totp";

// The second factor (TOTP with recovery codes) over the database: enrolment, the code step of a
// login, re-authentication and disabling. docs/decisions/0045-second-factor.md

/** Wrong codes after which a pending login ends (the password must be entered again). */
export const MAX_CODE_FAILURES = 5;

const E = (k: string) => `secondFactor.errors.${k}`;
const factorKey = (email: string) => `factor:${email.trim().toLowerCase()}`;

type User = { id: string; email: string };

/**
 * Whether `code` is the user's current TOTP code (one step either side, never a step used before:
 * the last step is raised atomically) or one of their unused recovery codes (used up by this call).
 */
async function useCode(
  tx: Tx,
  user: User,
  code: string,
  o: { pendingSecret?: boolean } = {},
): Promise<"totp" | "recovery" | null> {
  if (!o.pendingSecret && isRecoveryCodeShape(code)) {
    const [used] = await tx
      .update(recoveryCodes)
      .set({ usedAt: sql`now()` as unknown as Date })
      .where(
        and(
          eq(recoveryCodes.userId, user.id),
          eq(recoveryCodes.codeHash, sha256(normaliseRecoveryCode(code))),
          isNull(recoveryCodes.usedAt),
        ),
      )
      .returning({ userId: recoveryCodes.userId });
    if (!used) return null;
    await audit(tx, {
      tenantId: null,
      actorId: user.id,
      actorLabel: user.email,
      action: "recovery_code_used",
      entity: "user",
      entityId: user.id,
    });
    return "recovery";
  }
  const [f] = await tx
    .select()
    .from(secondFactors)
    .where(
      and(
        eq(secondFactors.userId, user.id),
        o.pendingSecret ? isNull(secondFactors.enrolledAt) : sql`${secondFactors.enrolledAt} IS NOT NULL`,
      ),
    )
    .for("update");
  if (!f) return null;
  const step = matchTotp(f.secret, code, Date.now(), f.lastStep);
  if (step === null) return null;
  // Under the row lock: a parallel request with the same code finds the step already used.
  await tx.update(secondFactors).set({ lastStep: step }).where(eq(secondFactors.userId, user.id));
  return "totp";
}

/** One code attempt for an account, rate limited like passwords (own key) and audited when wrong. */
async function attemptCode(tx: Tx, user: User, code: string, ip: string, o: { pendingSecret?: boolean } = {}) {
  const claim = await claimAttempt(tx, factorKey(user.email), ip);
  if (!claim.checked) return { how: null, limited: Math.max(1, claim.retry_after) } as const;
  const how = await useCode(tx, user, code, o);
  await finishAttempt(tx, claim.attempt_id, !!how);
  if (!how)
    await audit(tx, {
      tenantId: null,
      actorId: user.id,
      actorLabel: user.email,
      action: "second_factor_failed",
      entity: "user",
      entityId: user.id,
    });
  return { how, limited: 0 } as const;
}

export type CodeStepResult =
  | { ok: true; sessionToken: string; user: SessionUser }
  | { ok: false; reason: "invalid"; remaining: number }
  | { ok: false; reason: "ended" }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

/** Whether a pending login (right password, code still missing) exists and has not expired. */
export async function pendingLoginValid(db: Database, pendingToken: string | undefined): Promise<boolean> {
  if (!pendingToken) return false;
  const r = await withSystem(db, (tx) =>
    tx
      .select({ h: sessions.idHash })
      .from(sessions)
      .where(
        and(eq(sessions.idHash, sha256(pendingToken)), eq(sessions.pending, true), gt(sessions.expiresAt, sql`now()`)),
      ),
  );
  return r.length > 0;
}

/**
 * The second step of a login: the pending login's code (TOTP or recovery code). A right one ends
 * the pending login and starts a session under a new token; MAX_CODE_FAILURES wrong ones end it.
 */
export async function verifyLoginCode(
  db: Database,
  pendingToken: string | undefined,
  code: string,
  ip: string,
  userAgent?: string,
): Promise<CodeStepResult> {
  if (!pendingToken) return { ok: false, reason: "ended" };
  return withSystem(db, async (tx) => {
    // The row lock serialises parallel codes for one pending login, so the count is exact.
    const [p] = await tx
      .select({ failures: sessions.factorFailures, userId: users.id, email: users.email, status: users.status })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(
        and(eq(sessions.idHash, sha256(pendingToken)), eq(sessions.pending, true), gt(sessions.expiresAt, sql`now()`)),
      )
      .for("update", { of: sessions });
    if (!p || p.status !== "active") return { ok: false, reason: "ended" } as const;
    const user = { id: p.userId, email: p.email };
    const r = await attemptCode(tx, user, code, ip);
    if (r.limited) return { ok: false, reason: "rate_limited", retryAfterSeconds: r.limited } as const;
    if (!r.how) {
      const failures = p.failures + 1;
      if (failures >= MAX_CODE_FAILURES) {
        await tx.delete(sessions).where(eq(sessions.idHash, sha256(pendingToken)));
        return { ok: false, reason: "ended" } as const;
      }
      await tx
        .update(sessions)
        .set({ factorFailures: failures })
        .where(eq(sessions.idHash, sha256(pendingToken)));
      return { ok: false, reason: "invalid", remaining: MAX_CODE_FAILURES - failures } as const;
    }
    await tx.delete(sessions).where(eq(sessions.idHash, sha256(pendingToken)));
    const token = await startSession(tx, user.id, { userAgent, secondFactor: true });
    await audit(tx, { tenantId: null, actorId: user.id, actorLabel: user.email, action: "login", entity: "session" });
    const now = new Date();
    return {
      ok: true,
      sessionToken: token,
      user: await loadSessionUser(tx, user.id, { secondFactorAt: now, reauthAt: now }),
    } as const;
  });
}

export type Enrolment = { enrolled: true } | { enrolled: false; secret: string | null };

/** The account's state: enrolled, or the secret being set up (null before it was started). */
export async function enrolmentState(db: Database, userId: string): Promise<Enrolment> {
  const [f] = await withSystem(db, (tx) => tx.select().from(secondFactors).where(eq(secondFactors.userId, userId)));
  if (f?.enrolledAt) return { enrolled: true };
  return { enrolled: false, secret: f?.secret ?? null };
}

/** Starts (or restarts) setting up TOTP: a new secret, not yet in force until a code confirms it. */
export async function startEnrolment(db: Database, userId: string): Promise<Result<string>> {
  const secret = newTotpSecret();
  return withSystem(db, async (tx) => {
    const r = await tx
      .insert(secondFactors)
      .values({ userId, secret })
      .onConflictDoUpdate({
        target: secondFactors.userId,
        set: { secret, lastStep: null, createdAt: sql`now()` as unknown as Date },
        setWhere: isNull(secondFactors.enrolledAt),
      })
      .returning({ userId: secondFactors.userId });
    return r.length ? ok(secret) : fail(E("alreadyEnrolled"));
  });
}

/** Ten new recovery codes in place of the old ones; only their hashes are kept. */
async function replaceRecoveryCodes(tx: Tx, userId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await tx.insert(recoveryCodes).values(codes.map((c) => ({ userId, codeHash: sha256(normaliseRecoveryCode(c)) })));
  return codes;
}

/**
 * Confirms the secret being set up with one code from the app: TOTP is in force from now on, this
 * session counts as verified, every other session of the account ends, and the recovery codes are
 * returned to be shown once.
 */
export async function confirmEnrolment(
  db: Database,
  user: User,
  sessionToken: string | undefined,
  code: string,
  ip: string,
): Promise<Result<string[]>> {
  if (!sessionToken) return fail(E("codeInvalid"), "code");
  return withSystem(db, async (tx) => {
    const r = await attemptCode(tx, user, code, ip, { pendingSecret: true });
    if (r.limited) return fail(E("rateLimited"), "code");
    if (!r.how) return fail(E("codeInvalid"), "code");
    await tx
      .update(secondFactors)
      .set({ enrolledAt: sql`now()` as unknown as Date })
      .where(eq(secondFactors.userId, user.id));
    const codes = await replaceRecoveryCodes(tx, user.id);
    const here = sha256(sessionToken);
    await tx.delete(sessions).where(and(eq(sessions.userId, user.id), ne(sessions.idHash, here)));
    await tx
      .update(sessions)
      .set({ secondFactorAt: sql`now()` as unknown as Date })
      .where(eq(sessions.idHash, here));
    await audit(tx, {
      tenantId: null,
      actorId: user.id,
      actorLabel: user.email,
      action: "second_factor_enrolled",
      entity: "user",
      entityId: user.id,
    });
    return ok(codes);
  });
}

/** New recovery codes (the old ones stop working), after one current code. */
export async function regenerateRecoveryCodes(
  db: Database,
  user: User,
  code: string,
  ip: string,
): Promise<Result<string[]>> {
  return withSystem(db, async (tx) => {
    const r = await attemptCode(tx, user, code, ip);
    if (r.limited) return fail(E("rateLimited"), "code");
    if (!r.how) return fail(E("codeInvalid"), "code");
    const codes = await replaceRecoveryCodes(tx, user.id);
    await audit(tx, {
      tenantId: null,
      actorId: user.id,
      actorLabel: user.email,
      action: "recovery_codes_regenerated",
      entity: "user",
      entityId: user.id,
    });
    return ok(codes);
  });
}

/**
 * Confirms that the person at the keyboard is the account's owner: the password (rate limited like
 * a login) and, if enrolled, a code. Then runs `then` in the same transaction.
 */
async function confirmIdentity<T>(
  db: Database,
  user: User,
  password: string,
  code: string | undefined,
  ip: string,
  then: (tx: Tx, how: "totp" | "recovery" | null) => Promise<Result<T>>,
): Promise<Result<T>> {
  const { claim, hash } = await withSystem(db, async (tx) => {
    const claim = await claimAttempt(tx, user.email.trim().toLowerCase(), ip);
    const [u] = await tx.select({ hash: users.passwordHash }).from(users).where(eq(users.id, user.id));
    return { claim, hash: u?.hash ?? null };
  });
  if (!claim.checked) return fail(E("rateLimited"), "password");
  const valid = hash
    ? await verifyPassword(hash, password)
    : (await verifyPassword(await dummyPasswordHash(), password), false);
  return withSystem(db, async (tx) => {
    await finishAttempt(tx, claim.attempt_id, valid);
    if (!valid) return fail(E("passwordInvalid"), "password");
    const [f] = await tx
      .select({ enrolledAt: secondFactors.enrolledAt })
      .from(secondFactors)
      .where(eq(secondFactors.userId, user.id));
    let how: "totp" | "recovery" | null = null;
    if (f?.enrolledAt) {
      const r = await attemptCode(tx, user, code ?? "", ip);
      if (r.limited) return fail(E("rateLimited"), "code");
      if (!r.how) return fail(E("codeInvalid"), "code");
      how = r.how;
    }
    return then(tx, how);
  });
}

/** Re-authentication for a sensitive step (exports): password, plus a code if enrolled. */
export async function reauthenticate(
  db: Database,
  user: User,
  sessionToken: string | undefined,
  password: string,
  code: string | undefined,
  ip: string,
): Promise<Result<undefined>> {
  if (!sessionToken) return fail(E("passwordInvalid"), "password");
  return confirmIdentity(db, user, password, code, ip, async (tx, how) => {
    await tx
      .update(sessions)
      .set({
        reauthAt: sql`now()` as unknown as Date,
        ...(how ? { secondFactorAt: sql`now()` as unknown as Date } : {}),
      })
      .where(eq(sessions.idHash, sha256(sessionToken)));
    await audit(tx, {
      tenantId: null,
      actorId: user.id,
      actorLabel: user.email,
      action: "reauthenticate",
      entity: "session",
    });
    return ok(undefined);
  });
}

/** Turns TOTP off (password and a code needed); the recovery codes go with it. */
export async function disableSecondFactor(
  db: Database,
  user: User,
  password: string,
  code: string,
  ip: string,
): Promise<Result<undefined>> {
  return confirmIdentity(db, user, password, code, ip, async (tx) => {
    await tx.delete(secondFactors).where(eq(secondFactors.userId, user.id));
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, user.id));
    await tx.update(sessions).set({ secondFactorAt: null }).where(eq(sessions.userId, user.id));
    await audit(tx, {
      tenantId: null,
      actorId: user.id,
      actorLabel: user.email,
      action: "second_factor_disabled",
      entity: "user",
      entityId: user.id,
    });
    return ok(undefined);
  });
}

/** Unused recovery codes left, for the account page. */
export async function recoveryCodesLeft(db: Database, userId: string): Promise<number> {
  const r = await withSystem(db, (tx) =>
    tx
      .select({ h: recoveryCodes.codeHash })
      .from(recoveryCodes)
      .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt))),
  );
  return r.length;
}

/** Which of `userIds` have a second factor set up (the request role cannot read `second_factors`). */
export async function enrolledAmong(db: Database, userIds: string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const found = await withSystem(db, (tx) =>
    tx
      .select({ userId: secondFactors.userId })
      .from(secondFactors)
      .where(and(inArray(secondFactors.userId, userIds), sql`${secondFactors.enrolledAt} IS NOT NULL`)),
  );
  return new Set(found.map((f) => f.userId));
}

/**
 * Resets a lost second factor (phone gone, recovery codes lost): the factor and its recovery codes go,
 * the account's sessions end, and its owner gets a mail. A tenant's admin may do this only for an
 * account that works in no other tenant and is no platform admin — else the admin of one tenant could
 * weaken another's protection; those accounts are reset by a platform admin.
 */
export async function resetSecondFactor(
  db: Database,
  actor: { id: string; email: string; isSuperadmin: boolean },
  tenantId: string,
  userId: string,
): Promise<Result<{ displayName: string }>> {
  return withSystem(db, async (tx) => {
    const [target] = await tx.select().from(users).where(eq(users.id, userId));
    const seats = await tx
      .select({ tenantId: memberships.tenantId, active: memberships.active })
      .from(memberships)
      .where(eq(memberships.userId, userId));
    if (!target || !seats.some((m) => m.tenantId === tenantId)) return fail(E("resetNotFound"));
    const active = seats.filter((m) => m.active);
    if (!actor.isSuperadmin && (target.isSuperadmin || active.some((m) => m.tenantId !== tenantId)))
      return fail(E("resetElsewhere"));
    if (target.id === actor.id) return fail(E("resetSelf"));
    const removed = await tx.delete(secondFactors).where(eq(secondFactors.userId, userId)).returning();
    if (removed.length === 0) return fail(E("resetNone"));
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
    await tx.delete(sessions).where(eq(sessions.userId, userId));
    await audit(tx, {
      tenantId,
      actorId: actor.id,
      actorLabel: actor.email,
      action: "second_factor_reset",
      entity: "user",
      entityId: userId,
    });
    await enqueueMail(tx, {
      tenantId: null,
      to: target.email,
      subject: "Teilhabe: Ihr zweiter Faktor wurde zurückgesetzt",
      body:
        `${actor.email} hat den zweiten Faktor Ihres Kontos zurückgesetzt; Ihre Anmeldungen wurden beendet. ` +
        `Melden Sie sich mit Ihrem Passwort an und richten Sie den zweiten Faktor neu ein: ${config().baseUrl}/anmelden\n` +
        `Wenn Sie das nicht veranlasst haben, wenden Sie sich bitte an Ihre Administration.`,
    });
    return ok({ displayName: target.displayName });
  });
}
