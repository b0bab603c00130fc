import { createContext, data, redirect, type RouterContextProvider, type MiddlewareFunction } from "react-router";
import { timingSafeEqual } from "node:crypto";
import type { Database, Tx } from "../db/client";
import { withPublic, withTenant } from "../db/context";
import { getSessionUser, type SessionUser } from "../auth/service";
import { newToken } from "../auth/crypto";
import { getTenantBySlug, roleAtLeast, type Tenant } from "../tenancy/service";
import type { Role } from "../db/schema";
import { effectiveLanguage, negotiateLanguage, getT, type UiLanguage } from "../i18n";
import type { AppNav } from "../modules";
import { COOKIE, parseCookies, serializeCookie } from "./cookies";
import { translateError, translateIssues, type ErrorCode, type Failure, type IssueLike } from "../errors";

/** Set once per request by the server (server/index.ts). */
export interface AppServices {
  db: Database;
  nonce: string;
  ip: string;
  /** The modules' navigation, from the registry (the kernel knows no module). */
  nav: AppNav;
}
export const appContext = createContext<AppServices>();

export interface RequestState {
  user: SessionUser | null;
  sessionToken: string | undefined;
  csrfToken: string;
  lang: UiLanguage;
  /** The page exists in every public UI language (else only German and English are offered). */
  allLanguages: boolean;
  setCookies: string[];
}
export const requestContext = createContext<RequestState>();

export interface TenantState {
  tenant: Tenant;
  role: Role | null;
  organisationId: string | null;
}
export const tenantContext = createContext<TenantState>();

type Ctx = Readonly<RouterContextProvider>;

function sameToken(a: string | null | undefined, b: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a),
    y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Runs for every page and form request: language, CSRF check on state-changing methods
 * (double-submit: the form field must equal the HttpOnly cookie), and the logged-in user.
 */
export const kernelMiddleware: MiddlewareFunction<Response> = async ({ request, context }, next) => {
  const url = new URL(request.url);
  const cookies = parseCookies(request.headers.get("cookie"));
  const setCookies: string[] = [];
  const langParam = url.searchParams.get("lang");
  const chosen = negotiateLanguage(langParam, cookies[COOKIE.lang], request.headers.get("accept-language"));
  if (langParam && langParam === chosen && cookies[COOKIE.lang] !== chosen)
    setCookies.push(serializeCookie(COOKIE.lang, chosen, { maxAge: 31536000, httpOnly: false }));
  const allLanguages = context.get(appContext).nav.allLanguagePaths.some((r) => r.test(url.pathname));
  const lang = effectiveLanguage(chosen, allLanguages);

  let csrfToken = cookies[COOKIE.csrf];
  if (!csrfToken || csrfToken.length < 32) {
    csrfToken = newToken();
    setCookies.push(serializeCookie(COOKIE.csrf, csrfToken));
  }

  if (!["GET", "HEAD", "OPTIONS"].includes(request.method)) {
    let sent: string | null = request.headers.get("x-csrf-token");
    if (!sent) {
      const type = request.headers.get("content-type") ?? "";
      if (type.includes("form")) {
        try {
          sent = String((await request.clone().formData()).get("_csrf") ?? "");
        } catch {
          sent = null;
        }
      }
    }
    if (!cookies[COOKIE.csrf] || !sameToken(sent, cookies[COOKIE.csrf])) {
      throw data({ message: getT(lang)("errors.csrf") }, { status: 403 });
    }
  }

  const { db } = context.get(appContext);
  const sessionToken = cookies[COOKIE.session];
  const user = await getSessionUser(db, sessionToken);
  if (sessionToken && !user) setCookies.push(serializeCookie(COOKIE.session, "", { maxAge: 0 }));
  context.set(requestContext, { user, sessionToken, csrfToken, lang, allLanguages, setCookies });

  const res = await next();
  for (const c of context.get(requestContext).setCookies) res.headers.append("Set-Cookie", c);
  return res;
};

/** Resolves /t/:slug. A non-public tenant is only visible to its members and superadmins. */
export const tenantMiddleware: MiddlewareFunction<Response> = async ({ params, context }, next) => {
  const { db } = context.get(appContext);
  const { user, lang } = context.get(requestContext);
  const tenant = await withPublic(db, (tx) => getTenantBySlug(tx, params.slug ?? ""));
  const m = user?.memberships.find((x) => x.tenantId === tenant?.id);
  if (!tenant || (!tenant.isPublic && !m && !user?.isSuperadmin)) {
    throw data({ message: getT(lang)("errors.tenantNotFound") }, { status: 404 });
  }
  context.set(tenantContext, { tenant, role: m?.role ?? null, organisationId: m?.organisationId ?? null });
  return next();
};

/** Guards /t/:slug/verwaltung: only members of this tenant (and superadmins) enter. */
export const staffMiddleware: MiddlewareFunction<Response> = async ({ request, context }, next) => {
  const { user, lang } = context.get(requestContext);
  if (!user) {
    const u = new URL(request.url);
    throw redirect(`/anmelden?next=${encodeURIComponent(u.pathname + u.search)}`);
  }
  const t = context.get(tenantContext);
  if (!t.role && !user.isSuperadmin) throw data({ message: getT(lang)("errors.forbidden") }, { status: 403 });
  return next();
};

export function currentUser(context: Ctx): SessionUser | null {
  return context.get(requestContext).user;
}

export function requireUser(context: Ctx, request: Request): SessionUser {
  const u = context.get(requestContext).user;
  if (!u) {
    const url = new URL(request.url);
    throw redirect(`/anmelden?next=${encodeURIComponent(url.pathname + url.search)}`);
  }
  return u;
}

/** The effective role in the current tenant; a superadmin acts as admin everywhere. */
export function effectiveRole(context: Ctx): Role | null {
  const t = context.get(tenantContext);
  return context.get(requestContext).user?.isSuperadmin ? "admin" : t.role;
}

/** Throws 403 unless the current user has at least `min` in this tenant. */
export function requireRole(context: Ctx, min: Role): Role {
  const role = effectiveRole(context);
  if (!roleAtLeast(role ?? undefined, min)) {
    throw data({ message: getT(context.get(requestContext).lang)("errors.forbidden") }, { status: 403 });
  }
  return role!;
}

/**
 * Runs fn under row-level security for the current tenant and user. Malformed ids in the URL or
 * form (PostgreSQL 22P02) become 404, duplicates (23505) 409 – never a 500 with a stack trace.
 */
export async function tenantTx<T>(context: Ctx, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const { db } = context.get(appContext);
  const { tenant } = context.get(tenantContext);
  const u = context.get(requestContext).user;
  try {
    return await withTenant(
      db,
      { tenantId: tenant.id, actor: { userId: u?.id ?? null, label: u?.email ?? "öffentlich" } },
      fn,
    );
  } catch (e) {
    const code = pgErrorCode(e);
    const t = tFor(context);
    if (code === "22P02") throw data({ message: t("errors.notFound") }, { status: 404 });
    if (code === "23505") throw data({ message: t("errors.duplicate") }, { status: 409 });
    throw e;
  }
}

/** The SQLSTATE of a database error, also when wrapped by Drizzle. */
export function pgErrorCode(e: unknown): string | undefined {
  const err = e as { code?: string; cause?: { code?: string } };
  return err?.cause?.code ?? err?.code;
}

export function tFor(context: Ctx) {
  return getT(context.get(requestContext).lang);
}

/** Turns Zod issues into { field: text } in the request's language for re-rendering the form. */
export function fieldErrors(context: Ctx, issues: IssueLike[]): Record<string, string> {
  return translateIssues(tFor(context), issues);
}

/** The text of a service error code in the request's language. */
export function errorText(context: Ctx, e: ErrorCode | string): string {
  return translateError(tFor(context), e);
}

/** A failed service result as { field: text } (or `_form` when it concerns the whole form). */
export function failureErrors(context: Ctx, f: Failure): Record<string, string> {
  return { [f.field ?? "_form"]: errorText(context, f.error) };
}
