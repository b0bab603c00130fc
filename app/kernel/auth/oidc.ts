import * as client from "openid-client";
import { and, eq, gt, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database, Tx } from "../db/client";
import { withSystem } from "../db/context";
import { memberships, oidcConfigs, oidcIdentities, oidcLogins, oidcRoleMappings, tenants, users } from "../db/schema";
import { ROLES, roleAtLeast, type Role } from "../roles";
import { audit } from "../audit/service";
import { config } from "../config";
import { fail, ok, type Result } from "../errors";
import { newToken, sha256 } from "./crypto";
import { loadSessionUser, startSession, type SessionUser } from "./service";

// Single sign-on with OpenID Connect (issue 17 item 1, docs/decisions/0047-single-sign-on.md):
// a tenant's identity provider, the authorization code flow with PKCE, state and nonce (openid-client
// checks issuer, audience, nonce and signature), roles from a claim, just-in-time accounts.

/** How long a login may take at the provider (state, verifier and nonce are kept that long). */
export const SSO_LOGIN_MINUTES = 10;

const SECRET_ENV = /^OIDC_[A-Z0-9_]{1,60}$/;

// ---------------------------------------------------------------------------------------------
// Settings (the tenant's administration, /t/:slug/verwaltung/anmeldung)

const Mapping = z.object({
  claimValue: z.string().trim().min(1).max(300),
  role: z.enum(ROLES),
});
const Settings = z.object({
  enabled: z.boolean(),
  displayName: z.string().trim().min(1).max(100),
  issuer: z
    .string()
    .trim()
    .max(500)
    .url()
    .refine(
      (v) => v.startsWith("https://") || (config().oidcAllowHttp && v.startsWith("http://")),
      "sso.errors.issuerHttps",
    ),
  clientId: z.string().trim().min(1).max(300),
  clientSecretEnv: z
    .string()
    .trim()
    .transform((v) => v || null)
    .refine((v) => v === null || SECRET_ENV.test(v), "sso.errors.secretEnv"),
  scopes: z
    .string()
    .trim()
    .max(500)
    .transform((v) => v.split(/\s+/).filter(Boolean).join(" "))
    .refine((v) => v.split(" ").includes("openid"), "sso.errors.scopesOpenid"),
  roleClaim: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .regex(/^[\w:/.-]+$/),
  defaultRole: z.union([z.enum(ROLES), z.literal("")]).transform((v) => (v === "" ? null : v)),
  passwordLogin: z.boolean(),
  mappings: z.array(Mapping).max(200),
});
export type SsoSettingsInput = z.input<typeof Settings>;

export interface SsoSettings {
  enabled: boolean;
  displayName: string;
  issuer: string;
  clientId: string;
  clientSecretEnv: string | null;
  /** Whether the named variable is set on this server (its value is never shown). */
  secretPresent: boolean;
  scopes: string;
  roleClaim: string;
  defaultRole: Role | null;
  passwordLogin: boolean;
  mappings: { claimValue: string; role: Role }[];
}

/** The tenant's provider settings (tenant transaction), or null when none is set up. */
export async function getSsoSettings(tx: Tx): Promise<SsoSettings | null> {
  const [c] = await tx.select().from(oidcConfigs);
  if (!c) return null;
  const mappings = await tx
    .select({ claimValue: oidcRoleMappings.claimValue, role: oidcRoleMappings.role })
    .from(oidcRoleMappings)
    .orderBy(oidcRoleMappings.claimValue);
  return {
    enabled: c.enabled,
    displayName: c.displayName,
    issuer: c.issuer,
    clientId: c.clientId,
    clientSecretEnv: c.clientSecretEnv,
    secretPresent: !!c.clientSecretEnv && !!process.env[c.clientSecretEnv],
    scopes: c.scopes,
    roleClaim: c.roleClaim,
    defaultRole: c.defaultRole,
    passwordLogin: c.passwordLogin,
    mappings,
  };
}

/** Saves the tenant's provider settings and replaces its role mappings (tenant transaction, audited). */
export async function saveSsoSettings(tx: Tx, input: unknown): Promise<Result<SsoSettings>> {
  const parsed = Settings.safeParse(input);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    const field = String(i.path[0] ?? "");
    return fail(i.message.startsWith("sso.") ? i.message : "sso.errors.invalid", field, { field });
  }
  const v = parsed.data;
  const seen = new Set<string>();
  for (const m of v.mappings) {
    if (seen.has(m.claimValue)) return fail("sso.errors.duplicateMapping", "mappings", { value: m.claimValue });
    seen.add(m.claimValue);
  }
  const before = await getSsoSettings(tx);
  const row = {
    enabled: v.enabled,
    displayName: v.displayName,
    issuer: v.issuer,
    clientId: v.clientId,
    clientSecretEnv: v.clientSecretEnv,
    scopes: v.scopes,
    roleClaim: v.roleClaim,
    defaultRole: v.defaultRole,
    passwordLogin: v.passwordLogin,
    updatedAt: sql`now()` as unknown as Date,
    updatedBy: sql`nullif(app_user_id()::text, '')::uuid` as unknown as string,
  };
  await tx
    .insert(oidcConfigs)
    .values({ tenantId: sql`app_tenant_id()` as unknown as string, ...row })
    .onConflictDoUpdate({ target: oidcConfigs.tenantId, set: row });
  await tx.delete(oidcRoleMappings);
  if (v.mappings.length)
    await tx
      .insert(oidcRoleMappings)
      .values(v.mappings.map((m) => ({ tenantId: sql`app_tenant_id()` as unknown as string, ...m })));
  const after = (await getSsoSettings(tx))!;
  const { secretPresent: _a, ...loggedAfter } = after;
  const loggedBefore = before ? (({ secretPresent: _b, ...r }) => r)(before) : null;
  await audit(tx, {
    action: before ? "update" : "create",
    entity: "oidc_config",
    before: loggedBefore,
    after: loggedAfter,
  });
  return ok(after);
}

/** Removes the tenant's provider (its accounts stay; they log in with a password or not at all). */
export async function deleteSsoSettings(tx: Tx): Promise<void> {
  const before = await getSsoSettings(tx);
  if (!before) return;
  await tx.delete(oidcRoleMappings);
  await tx.delete(oidcConfigs);
  await audit(tx, { action: "delete", entity: "oidc_config", before });
}

// ---------------------------------------------------------------------------------------------
// Role mapping

/** The values of a claim: a string, or a list of strings; a dotted name reads nested claims (Keycloak's realm_access.roles). */
export function claimValues(claims: Record<string, unknown>, name: string): string[] {
  let v: unknown = name in claims ? claims[name] : undefined;
  if (v === undefined && name.includes(".")) {
    v = name
      .split(".")
      .reduce<unknown>((o, k) => (o && typeof o === "object" ? (o as Record<string, unknown>)[k] : undefined), claims);
  }
  if (typeof v === "string") return [v];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === "string");
  return [];
}

/**
 * The role a login gets in the tenant: the highest role any of the claim's values maps to, else the
 * default role; null when neither applies (no access).
 */
export function mapRole(
  claims: Record<string, unknown>,
  settings: { roleClaim: string; defaultRole: Role | null },
  mappings: { claimValue: string; role: Role }[],
): Role | null {
  const values = new Set(claimValues(claims, settings.roleClaim));
  let best: Role | null = null;
  for (const m of mappings) if (values.has(m.claimValue) && !roleAtLeast(best, m.role)) best = m.role;
  return best ?? settings.defaultRole;
}

// ---------------------------------------------------------------------------------------------
// The login flow

/** Tenants whose login page offers their provider (login page: one button each). */
export async function ssoProviders(db: Database): Promise<{ slug: string; tenantName: string; displayName: string }[]> {
  return withSystem(db, (tx) =>
    tx
      .select({ slug: tenants.slug, tenantName: tenants.name, displayName: oidcConfigs.displayName })
      .from(oidcConfigs)
      .innerJoin(tenants, eq(tenants.id, oidcConfigs.tenantId))
      .where(eq(oidcConfigs.enabled, true))
      .orderBy(tenants.name),
  );
}

type ConfigRow = typeof oidcConfigs.$inferSelect;

async function configFor(tx: Tx, slug: string) {
  const [row] = await tx
    .select({ c: oidcConfigs, tenantName: tenants.name })
    .from(oidcConfigs)
    .innerJoin(tenants, eq(tenants.id, oidcConfigs.tenantId))
    .where(and(eq(tenants.slug, slug), eq(oidcConfigs.enabled, true)));
  return row;
}

// Provider metadata per process (not login state): looked up again after an hour or a changed setting.
const discovered = new Map<string, { at: number; config: Promise<client.Configuration> }>();
const DISCOVERY_MS = 3600_000;

function providerConfig(c: ConfigRow): Promise<client.Configuration> {
  const secret = c.clientSecretEnv ? process.env[c.clientSecretEnv] : undefined;
  const key = JSON.stringify([c.issuer, c.clientId, c.clientSecretEnv, secret ? sha256(secret) : null]);
  const hit = discovered.get(key);
  if (hit && Date.now() - hit.at < DISCOVERY_MS) return hit.config;
  const insecure = c.issuer.startsWith("http://");
  if (insecure && !config().oidcAllowHttp) return Promise.reject(new Error("OIDC over http is not allowed"));
  const made = client.discovery(
    new URL(c.issuer),
    c.clientId,
    undefined,
    secret ? client.ClientSecretPost(secret) : client.None(),
    insecure ? { execute: [client.allowInsecureRequests] } : undefined,
  );
  discovered.set(key, { at: Date.now(), config: made });
  made.catch(() => discovered.delete(key));
  return made;
}

/** The address the provider sends the browser back to: PUBLIC_URL when set, else the request's own origin. */
export function publicOrigin(request: Request): string {
  return process.env.PUBLIC_URL ? config().baseUrl.replace(/\/$/, "") : new URL(request.url).origin;
}

/** openid-client's error with its cause (oauth4webapi: the check that failed, e.g. the claim "aud" or "iss"). */
function errorDetail(e: unknown): string {
  const parts: string[] = [];
  for (let x: unknown = e, depth = 0; x && depth < 3; depth++) {
    if (x instanceof Error) {
      const code = (x as { code?: unknown }).code;
      parts.push(`${x.name}${typeof code === "string" ? ` ${code}` : ""}: ${x.message}`);
      x = x.cause;
    } else {
      parts.push(JSON.stringify(x));
      break;
    }
  }
  return parts.join(" | ");
}

export const callbackPath = (slug: string) => `/anmelden/sso/${encodeURIComponent(slug)}/rueckruf`;
/** Where a logout ends, locally or back from the provider. */
export const LOGGED_OUT_PATH = "/anmelden?hinweis=abgemeldet";

/**
 * Starts a login at the tenant's provider: keeps state, PKCE verifier and nonce in the database
 * (any app process may take the callback), bound to the browser by `browserToken` (a cookie the
 * route sets). Returns the provider's authorization URL.
 */
export async function startSsoLogin(
  db: Database,
  slug: string,
  o: { origin: string; next?: string | null; reauth?: boolean },
): Promise<Result<{ url: string; browserToken: string }>> {
  const row = await withSystem(db, (tx) => configFor(tx, slug));
  if (!row) return fail("sso.errors.notConfigured");
  let pc: client.Configuration;
  try {
    pc = await providerConfig(row.c);
  } catch {
    return fail("sso.errors.providerUnreachable");
  }
  const state = client.randomState();
  const nonce = client.randomNonce();
  const verifier = client.randomPKCECodeVerifier();
  const browserToken = newToken();
  await withSystem(db, async (tx) => {
    await tx.delete(oidcLogins).where(sql`${oidcLogins.expiresAt} < now()`);
    await tx.insert(oidcLogins).values({
      stateHash: sha256(state),
      tenantId: row.c.tenantId,
      browserHash: sha256(browserToken),
      codeVerifier: verifier,
      nonce,
      next: o.next ?? null,
      expiresAt: sql`now() + make_interval(mins => ${SSO_LOGIN_MINUTES})` as unknown as Date,
    });
  });
  const params: Record<string, string> = {
    redirect_uri: o.origin + callbackPath(slug),
    scope: row.c.scopes,
    state,
    nonce,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
  };
  if (o.reauth) params.prompt = "login";
  return ok({ url: client.buildAuthorizationUrl(pc, params).href, browserToken });
}

export type SsoFinish = { sessionToken: string; user: SessionUser; next: string | null };

/**
 * Takes the provider's answer (the callback URL): checks state and browser, exchanges the code
 * (openid-client verifies issuer, audience, nonce, signature and PKCE), then finds or creates the
 * account, sets its role from the claims and opens a session. Every refusal is audited.
 */
export async function finishSsoLogin(
  db: Database,
  slug: string,
  o: { callbackUrl: URL; browserToken: string | undefined; origin: string; userAgent?: string | null },
): Promise<Result<SsoFinish>> {
  const state = o.callbackUrl.searchParams.get("state");
  const row = await withSystem(db, (tx) => configFor(tx, slug));
  if (!row) return fail("sso.errors.notConfigured");
  const tenantId = row.c.tenantId;
  const refuse = async (code: string, detail: string, params?: Record<string, string>) => {
    await withSystem(db, (tx) =>
      audit(tx, {
        tenantId,
        actorId: null,
        actorLabel: "Single Sign-on",
        action: "sso_refused",
        entity: "session",
        after: { reason: code, detail: detail.slice(0, 300), issuer: row.c.issuer },
      }),
    );
    return fail(code, undefined, params);
  };
  if (!state || !o.browserToken) return refuse("sso.errors.expired", "state or browser cookie missing");
  // Claimed by the delete itself: a state works once.
  const [login] = await withSystem(db, (tx) =>
    tx
      .delete(oidcLogins)
      .where(
        and(
          eq(oidcLogins.stateHash, sha256(state)),
          eq(oidcLogins.tenantId, tenantId),
          eq(oidcLogins.browserHash, sha256(o.browserToken!)),
          gt(oidcLogins.expiresAt, sql`now()`),
        ),
      )
      .returning(),
  );
  if (!login) return refuse("sso.errors.expired", "unknown, used or expired state");
  if (o.callbackUrl.searchParams.get("error"))
    return refuse("sso.errors.providerRefused", o.callbackUrl.searchParams.get("error") ?? "");

  let pc: client.Configuration;
  let claims: Record<string, unknown>;
  let idToken: string | undefined;
  try {
    pc = await providerConfig(row.c);
    const tokens = await client.authorizationCodeGrant(pc, o.callbackUrl, {
      pkceCodeVerifier: login.codeVerifier,
      expectedState: state,
      expectedNonce: login.nonce,
      idTokenExpected: true,
    });
    claims = { ...(tokens.claims() ?? {}) };
    idToken = tokens.id_token;
  } catch (e) {
    // Wrong issuer or audience, a bad signature, a replayed nonce, a refused code: no login.
    return refuse("sso.errors.invalidToken", errorDetail(e));
  }

  const subject = typeof claims.sub === "string" ? claims.sub : "";
  const email = typeof claims.email === "string" ? claims.email.trim() : "";
  if (!subject || !email || !email.includes("@")) return refuse("sso.errors.noEmail", "sub or email claim missing");
  const mappings = await withSystem(db, (tx) =>
    tx
      .select({ claimValue: oidcRoleMappings.claimValue, role: oidcRoleMappings.role })
      .from(oidcRoleMappings)
      .where(eq(oidcRoleMappings.tenantId, tenantId)),
  );
  const role = mapRole(claims, row.c, mappings);
  const name =
    (typeof claims.name === "string" && claims.name.trim().slice(0, 200)) ||
    [claims.given_name, claims.family_name]
      .filter((x) => typeof x === "string")
      .join(" ")
      .trim() ||
    email;

  let logoutUrl: string | null = null;
  try {
    if (pc.serverMetadata().end_session_endpoint)
      logoutUrl = client.buildEndSessionUrl(pc, {
        ...(idToken ? { id_token_hint: idToken } : {}),
        post_logout_redirect_uri: o.origin + LOGGED_OUT_PATH,
      }).href;
  } catch {
    logoutUrl = null;
  }

  type Outcome = { ok: true; value: SsoFinish } | { ok: false; code: string; detail: string };
  const outcome: Outcome = await withSystem(db, async (tx): Promise<Outcome> => {
    const [identity] = await tx
      .select({ userId: oidcIdentities.userId })
      .from(oidcIdentities)
      .where(and(eq(oidcIdentities.tenantId, tenantId), eq(oidcIdentities.subject, subject)));
    let userId = identity?.userId;
    let created = false;
    if (!userId) {
      const [local] = await tx
        .select()
        .from(users)
        .where(sql`lower(${users.email}) = lower(${email})`);
      if (local) {
        // An existing account is only taken over when the provider vouches for the address.
        if (claims.email_verified !== true)
          return { ok: false, code: "sso.errors.emailNotVerified", detail: "local account, email_verified not true" };
        userId = local.id;
      } else {
        if (!role) return { ok: false, code: "sso.errors.noRole", detail: "no mapped claim value, no default role" };
        const [u] = await tx
          .insert(users)
          .values({ email, displayName: name, status: "active", passwordHash: null })
          .returning({ id: users.id });
        userId = u.id;
        created = true;
      }
      await tx.insert(oidcIdentities).values({ tenantId, subject, issuer: row.c.issuer, userId });
    } else {
      await tx
        .update(oidcIdentities)
        .set({ lastLoginAt: sql`now()` as unknown as Date })
        .where(and(eq(oidcIdentities.tenantId, tenantId), eq(oidcIdentities.subject, subject)));
    }
    const [u] = await tx.select().from(users).where(eq(users.id, userId));
    if (u.status === "deactivated") return { ok: false, code: "sso.errors.deactivated", detail: "account deactivated" };
    if (u.status !== "active") await tx.update(users).set({ status: "active" }).where(eq(users.id, u.id));
    // The role follows the provider on every login; no mapped value any more ends the membership.
    const [m] = await tx
      .select()
      .from(memberships)
      .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId)));
    if (!role) {
      if (m?.active)
        await tx
          .update(memberships)
          .set({ active: false })
          .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId)));
      return { ok: false, code: "sso.errors.noRole", detail: "no mapped claim value, no default role" };
    }
    if (!m) await tx.insert(memberships).values({ tenantId, userId, role });
    else if (m.role !== role || !m.active)
      await tx
        .update(memberships)
        .set({ role, active: true })
        .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId)));
    if (created || !m || m.role !== role || !m.active)
      await audit(tx, {
        tenantId,
        actorId: userId,
        actorLabel: email,
        action: m ? "update" : "create",
        entity: "membership",
        entityId: userId,
        before: m ? { role: m.role, active: m.active } : null,
        after: { role, active: true, source: "sso" },
      });
    const token = await startSession(tx, userId, { userAgent: o.userAgent, secondFactor: false });
    await tx.execute(
      sql`UPDATE sessions SET sso_tenant_id = ${tenantId}, sso_logout_url = ${logoutUrl} WHERE id_hash = ${sha256(token)}`,
    );
    await audit(tx, {
      tenantId,
      actorId: userId,
      actorLabel: email,
      action: "login",
      entity: "session",
      after: { sso: true },
    });
    return {
      ok: true,
      value: {
        sessionToken: token,
        user: await loadSessionUser(tx, userId, { secondFactorAt: null, reauthAt: new Date(), ssoTenantId: tenantId }),
        next: login.next,
      },
    };
  });
  if (!outcome.ok) return refuse(outcome.code, outcome.detail, { provider: row.c.displayName });
  return ok(outcome.value);
}
