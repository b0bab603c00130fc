import type { Attention } from "../attention";
import { createContext, data, redirect, type RouterContextProvider, type MiddlewareFunction } from "react-router";
import { timingSafeEqual } from "node:crypto";
import type { Database, Tx } from "../db/client";
import { withTenant } from "../db/context";
import { getSessionUser, setIdleLimit, type SessionUser } from "../auth/service";
import { newToken } from "../auth/crypto";
import { roleAtLeast, type Tenant } from "../tenancy/service";
import type { TenantCache } from "../tenancy/cache";
import type { Role } from "../db/schema";
import { effectiveLanguage, negotiateLanguage, getT, type UiLanguage } from "../i18n";
import type { AppNav } from "../modules";
import type { Provenance } from "../provenance";
import type { EvidenceLookup } from "../evidence";
import type { AreaContents } from "../area-contents";
import type { TaxonomyUsage } from "../taxonomy/usage";
import { COOKIE, parseCookies, serializeCookie } from "./cookies";
import { translateError, translateIssues, type ErrorCode, type Failure, type IssueLike } from "../errors";
import { dbFailure } from "../db/errors";
import { formProblem, type InputProblem } from "./input";

export { pgErrorCode } from "../db/errors";

/** Set once per request by the server (server/index.ts). */
export interface AppServices {
  db: Database;
  nonce: string;
  ip: string;
  /** The modules' navigation, from the registry (the kernel knows no module). */
  nav: AppNav;
  /** Where a module's things came from in other modules (kernel/provenance.ts), from the registry. */
  provenance?: Provenance;
  /** Indicators, targets and places of a module's things, recorded by other modules (kernel/evidence.ts). */
  evidence?: EvidenceLookup;
  /** Public things other modules place in an area (kernel/area-contents.ts), for the area profile. */
  areaContents?: AreaContents;
  /** What needs attention today, from the modules (kernel/attention.ts), for the staff home. */
  attention?: Attention;
  /** How many things of other modules carry a term of the taxonomy (kernel/taxonomy/usage.ts), from the registry. */
  taxonomyUsage?: TaxonomyUsage;
  /** Tenants by slug, cached in the process and checked against the database (tenancy/cache.ts). */
  tenants: TenantCache;
  /** Set when the request's address is malformed (server/index.ts): the page answers 400. */
  inputProblem?: InputProblem;
  /** The page is rendered for the public page cache: no visitor's token may end up in it. */
  publicCache?: boolean;
  /**
   * The router's data request (…/.data, server/index.ts): React Router hands loaders the address
   * without the suffix, so the server says so.
   */
  dataRequest?: boolean;
  /** Receives the matched route's pattern (e.g. /t/:tenant/atlas/:id) for metrics and logs (server/operations.ts). */
  route?: { pattern?: string };
}
export const appContext = createContext<AppServices>();

export interface RequestState {
  user: SessionUser | null;
  sessionToken: string | undefined;
  csrfToken: string;
  lang: UiLanguage;
  /** The request's method: a read (GET/HEAD) cannot have sent a malformed id in a form. */
  method: string;
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
export const kernelMiddleware: MiddlewareFunction<Response> = async ({ request, context, pattern }, next) => {
  const route = context.get(appContext).route;
  if (route) route.pattern = pattern;
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
  // A browser's background request – a service worker's script or its copies of pages, a manifest,
  // an image – never shows a form, yet a new token set by its answer would replace the one the page in
  // front of the visitor holds, if it arrives later: the login form then failed as "abgelaufen"
  // (browser suite, ci28). Only documents and the router's data requests get a token; requests
  // without Sec-Fetch-Dest (older browsers, scripts) count as documents.
  const dest = request.headers.get("sec-fetch-dest");
  const background = !!dest && dest !== "document" && dest !== "iframe" && !context.get(appContext).dataRequest;
  // A page shared by many visitors carries no token and sets no cookie; one with a form is not
  // shared (server/page-cache.ts); navigating on from it fetches a token (browser test).
  if (context.get(appContext).publicCache || (background && !csrfToken)) csrfToken = "";
  else if (!csrfToken || csrfToken.length < 32) {
    csrfToken = newToken();
    setCookies.push(serializeCookie(COOKIE.csrf, csrfToken));
  }

  // Bad input is refused here, before any loader or action (decision 0012).
  const refuse = (problem: InputProblem) => {
    throw data({ message: getT(lang)(`errors.input.${problem}`) }, { status: 400 });
  };
  // The server checked the address before React Router saw it (server/index.ts).
  const bad = context.get(appContext).inputProblem;
  if (bad) refuse(bad);

  if (!["GET", "HEAD", "OPTIONS"].includes(request.method)) {
    // The form is read once here, for the CSRF token and the input check; the action reads its own copy.
    let form: FormData | undefined;
    let unreadable = false;
    if ((request.headers.get("content-type") ?? "").includes("form")) {
      try {
        form = await request.clone().formData();
      } catch {
        unreadable = true;
      }
    }
    const sent = request.headers.get("x-csrf-token") || (form ? String(form.get("_csrf") ?? "") : null);
    if (!cookies[COOKIE.csrf] || !sameToken(sent, cookies[COOKIE.csrf])) {
      throw data({ message: getT(lang)("errors.csrf") }, { status: 403 });
    }
    // A body the server cannot parse would make the action's own formData() throw.
    if (unreadable) refuse("unreadable");
    const problem = form && formProblem(form);
    if (problem) refuse(problem);
  }

  const { db } = context.get(appContext);
  const sessionToken = cookies[COOKIE.session];
  const user = await getSessionUser(db, sessionToken);
  if (sessionToken && !user) setCookies.push(serializeCookie(COOKIE.session, "", { maxAge: 0 }));
  context.set(requestContext, {
    user,
    sessionToken,
    csrfToken,
    lang,
    method: request.method === "HEAD" ? "GET" : request.method,
    allLanguages,
    setCookies,
  });

  const res = await next();
  for (const c of context.get(requestContext).setCookies) res.headers.append("Set-Cookie", c);
  return res;
};

/** Resolves /t/:slug. A non-public tenant is only visible to its members and superadmins. */
export const tenantMiddleware: MiddlewareFunction<Response> = async ({ params, context, request }, next) => {
  const { user, lang } = context.get(requestContext);
  const tenant = await context.get(appContext).tenants.bySlug(params.slug ?? "");
  const m = user?.memberships.find((x) => x.tenantId === tenant?.id);
  if (!tenant || (!tenant.isPublic && !m && !user?.isSuperadmin)) {
    throw data({ message: getT(lang)("errors.tenantNotFound") }, { status: 404 });
  }
  context.set(tenantContext, { tenant, role: m?.role ?? null, organisationId: m?.organisationId ?? null });
  // The tenant's public pages are shown only in the languages it offers (tenant settings); others
  // fall back to German. Its staff pages keep German and English.
  const req = context.get(requestContext);
  const staff = new URL(request.url).pathname.startsWith(`/t/${tenant.slug}/verwaltung`);
  if (!staff && req.lang !== "de" && !tenant.publicLanguages.includes(req.lang)) req.lang = "de";
  return next();
};

/** Guards /t/:slug/verwaltung: only members of this tenant (and superadmins) enter. */
export const staffMiddleware: MiddlewareFunction<Response> = async ({ request, context }, next) => {
  const { user, lang } = context.get(requestContext);
  if (!user) {
    throw redirect(`/anmelden?next=${returnTo(request)}`);
  }
  const t = context.get(tenantContext);
  if (!t.role && !user.isSuperadmin) throw data({ message: getT(lang)("errors.forbidden") }, { status: 403 });
  // A tenant that requires a second factor lets its members work only once they have set one up.
  // Platform admins always need one: they act as admin in every tenant.
  const m = user.memberships.find((x) => x.tenantId === t.tenant.id);
  // Single sign-on with this tenant's provider counts instead: the provider does the MFA (decision
  // 0047) — but not for a platform admin, whose reach is every tenant, not the provider's.
  const tenantWants = m?.requireSecondFactor && user.sso?.tenantId !== t.tenant.id;
  if ((tenantWants || user.isSuperadmin) && !user.secondFactor.enrolled) throw redirect(secondFactorUrl(request));
  return next();
};

/** The account page where a second factor is set up. */
export const SECOND_FACTOR_PATH = "/konto/zweiter-faktor";
/** The page that confirms password (and code) again, then returns to `weiter`. */
export const REAUTH_PATH = "/anmelden/bestaetigen";
/**
 * Where to come back to after a detour (login, second factor), encoded for a query parameter. A very
 * long address loses its query, and an overlong path becomes the start page: the redirect's Location
 * header must stay far below what clients accept (undici: 16 KiB for all headers).
 */
const MAX_RETURN = 2000;
const returnTo = (request: Request) => {
  const u = new URL(request.url);
  const full = encodeURIComponent(u.pathname + u.search);
  if (full.length <= MAX_RETURN) return full;
  const path = encodeURIComponent(u.pathname);
  return path.length <= MAX_RETURN ? path : encodeURIComponent("/");
};
const secondFactorUrl = (request: Request) => `${SECOND_FACTOR_PATH}?weiter=${returnTo(request)}`;
const reauthUrl = (request: Request) => `${REAUTH_PATH}?weiter=${returnTo(request)}`;

/**
 * For loaders and actions that need a second factor (e.g. case roles, issue 16): redirects to the
 * enrolment page if the account has none, or to the confirmation page if this session has not
 * verified a code; returns the user otherwise. docs/decisions/0045-second-factor.md
 */
export function requireSecondFactor(context: Ctx, request: Request): SessionUser {
  const u = requireUser(context, request);
  // A session from single sign-on: the identity provider did the second factor (decision 0047).
  if (u.sso) return u;
  if (!u.secondFactor.enrolled) throw redirect(secondFactorUrl(request));
  if (!u.secondFactor.verifiedAt) throw redirect(reauthUrl(request));
  return u;
}

/**
 * For the platform pages (/plattform/…): a platform admin with a second factor set up; others get
 * 403, a platform admin without one is sent to set it up (decision 0045, issue 17 item 2).
 */
export function requirePlatformAdmin(context: Ctx, request: Request): SessionUser {
  const u = requireUser(context, request);
  if (!u.isSuperadmin)
    throw data({ message: getT(context.get(requestContext).lang)("errors.forbidden") }, { status: 403 });
  if (!u.secondFactor.enrolled) throw redirect(secondFactorUrl(request));
  return u;
}

/**
 * For sensitive steps (exports): the password (and code, if enrolled) must have been confirmed within
 * `minutes`, else the user is sent to /anmelden/bestaetigen and back to this address (as a GET: an
 * action should redirect to a page whose loader offers the step again).
 */
export function requireRecentReauth(context: Ctx, request: Request, minutes: number): SessionUser {
  const u = requireUser(context, request);
  const fresh = u.reauthAt && Date.now() - u.reauthAt.getTime() <= minutes * 60_000;
  if (!fresh || (u.secondFactor.enrolled && !u.secondFactor.verifiedAt)) throw redirect(reauthUrl(request));
  return u;
}

/** Ends the current session after `minutes` without a request (e.g. 15 in case work, issue 16). */
export async function limitIdle(context: Ctx, minutes: number): Promise<void> {
  await setIdleLimit(context.get(appContext).db, context.get(requestContext).sessionToken, minutes);
}

export function currentUser(context: Ctx): SessionUser | null {
  return context.get(requestContext).user;
}

export function requireUser(context: Ctx, request: Request): SessionUser {
  const u = context.get(requestContext).user;
  if (!u) {
    throw redirect(`/anmelden?next=${returnTo(request)}`);
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
 * Runs fn under row-level security for the current tenant and user. A database error the request's
 * data caused (a malformed or unknown id, a duplicate, a value out of range) becomes a German 404,
 * 409 or 422 page (db/errors.ts) – never a 500 with a stack trace.
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
    throw dbErrorResponse(context, e);
  }
}

/**
 * What a loader or action throws for an error from the database: a page with the German (or
 * English) message for errors that bad input causes, the error itself for anything else.
 */
export function dbErrorResponse(context: Ctx, e: unknown): unknown {
  const f = dbFailure(e, { read: context.get(requestContext).method === "GET" });
  return f ? data({ message: tFor(context)(f.code) }, { status: f.status }) : e;
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
