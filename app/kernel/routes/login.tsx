import { Link, data, redirect, useSearchParams } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/login";
import { appContext, requestContext, tFor } from "../http/context";
import { login, PENDING_LOGIN_MINUTES, SESSION_DAYS } from "../auth/service";
import { pendingLoginValid, verifyLoginCode } from "../auth/second-factor";
import { COOKIE, parseCookies, serializeCookie } from "../http/cookies";
import "../auth/strings";
import "../auth/sso-strings";
import { ssoProviders } from "../auth/oidc";
import { Alert, Field, formValues, PageTitle, SubmittedValues, PostForm } from "../ui/forms";
import { useT } from "../ui/hooks";
import { hasAnyControlChars } from "../http/input";

const LoginForm = z.object({
  email: z.string().trim().min(1),
  password: z.string().min(1),
  next: z.string().optional(),
});
const CodeForm = z.object({
  intent: z.literal("code"),
  code: z.string().trim().min(1).max(40),
  next: z.string().optional(),
});

/**
 * Only same-site paths are followed after login (no open redirect). A control character would make
 * the Location header throw (a newline) or be dropped by URL parsing ("/\t/evil.example"), so such a
 * target is ignored; the rest is re-serialised, which percent-encodes what a header cannot carry.
 */
export function safeNext(n: string | undefined | null): string {
  if (!n || !n.startsWith("/") || n.startsWith("//") || n.startsWith("/\\") || hasAnyControlChars(n)) return "/";
  const u = new URL(n, "http://same.invalid");
  return u.origin === "http://same.invalid" ? u.pathname + u.search + u.hash : "/";
}

const pendingCookie = (request: Request) => parseCookies(request.headers.get("cookie"))[COOKIE.pending];

/** A right password on an account with a second factor leaves a pending login: the page asks for the code. */
export async function loader({ request, context }: Route.LoaderArgs) {
  const { db } = context.get(appContext);
  // Tenants with single sign-on get a button each (decision 0047).
  return { pending: await pendingLoginValid(db, pendingCookie(request)), providers: await ssoProviders(db) };
}

/** The session cookie and where to go after a complete login. */
function loggedIn(
  context: Route.ActionArgs["context"],
  r: { sessionToken: string; user: { memberships: { slug: string }[] } },
  next: string | undefined,
) {
  const state = context.get(requestContext);
  state.setCookies.push(serializeCookie(COOKIE.session, r.sessionToken, { maxAge: SESSION_DAYS * 86400 }));
  let target = safeNext(next);
  if (target === "/" && r.user.memberships.length === 1) target = `/t/${r.user.memberships[0].slug}/verwaltung`;
  return redirect(target);
}

/** The second step: the code for a pending login (decision 0045). */
async function codeStep(request: Request, context: Route.ActionArgs["context"], fd: FormData) {
  const t = tFor(context);
  const state = context.get(requestContext);
  const endPending = () => state.setCookies.push(serializeCookie(COOKIE.pending, "", { maxAge: 0 }));
  if (fd.get("intent") === "cancel") {
    endPending();
    throw redirect("/anmelden");
  }
  const form = CodeForm.safeParse(Object.fromEntries(fd));
  if (!form.success) return data({ step: "code", error: t("secondFactor.errors.codeInvalid") }, { status: 400 });
  const { db, ip } = context.get(appContext);
  const ua = request.headers.get("user-agent") ?? undefined;
  const r = await verifyLoginCode(db, pendingCookie(request), form.data.code, ip, ua);
  if (r.ok) {
    endPending();
    throw loggedIn(context, r, form.data.next);
  }
  if (r.reason === "rate_limited")
    return data(
      { step: "code", error: t("login.rateLimited") },
      { status: 429, headers: { "Retry-After": String(r.retryAfterSeconds) } },
    );
  if (r.reason === "invalid")
    return data({ step: "code", error: t("secondFactor.login.invalid", { count: r.remaining }) }, { status: 401 });
  endPending();
  return data({ step: "password", error: t("secondFactor.login.ended") }, { status: 401 });
}

export async function action({ request, context }: Route.ActionArgs) {
  const t = tFor(context);
  const fd = await request.formData();
  if (fd.get("intent") === "code" || fd.get("intent") === "cancel") return codeStep(request, context, fd);
  // The e-mail address is kept for the next attempt; formValues never sends a password back.
  const values = formValues(fd);
  const form = LoginForm.safeParse(Object.fromEntries(fd));
  if (!form.success) return data({ error: t("login.invalid"), values }, { status: 400 });
  const { db, ip } = context.get(appContext);
  const r = await login(db, form.data.email, form.data.password, ip, request.headers.get("user-agent") ?? undefined);
  // Existing and unknown accounts get the same answers (the service treats both alike).
  if (!r.ok && r.reason === "rate_limited")
    return data(
      { error: t("login.rateLimited"), values },
      { status: 429, headers: { "Retry-After": String(r.retryAfterSeconds) } },
    );
  if (!r.ok && r.reason === "second_factor") {
    // The pending login lives in its own cookie: the session cookie stays empty until the code.
    context
      .get(requestContext)
      .setCookies.push(serializeCookie(COOKIE.pending, r.pendingToken, { maxAge: PENDING_LOGIN_MINUTES * 60 }));
    const next = form.data.next ? `?next=${encodeURIComponent(form.data.next)}` : "";
    throw redirect(`/anmelden${next}`);
  }
  if (!r.ok) return data({ error: t("login.invalid"), values }, { status: 401 });
  throw loggedIn(context, r, form.data.next);
}

// A route's own headers reach the page only through this export (Retry-After of a refused login).
export const headers: Route.HeadersFunction = ({ actionHeaders }) => actionHeaders;

export default function Login({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const [params] = useSearchParams();
  const notice = params.get("hinweis");
  const step = actionData
    ? "step" in actionData
      ? actionData.step
      : "password"
    : loaderData.pending
      ? "code"
      : "password";
  if (step === "code")
    return (
      <main id="inhalt" className="kern-container page">
        <PageTitle>{t("secondFactor.login.codeTitle")}</PageTitle>
        <h1 className="kern-heading-large">{t("secondFactor.login.codeTitle")}</h1>
        {actionData?.error && <Alert kind="danger">{actionData.error}</Alert>}
        <p className="kern-body">{t("secondFactor.login.codeText")}</p>
        <PostForm className="form-grid">
          <input type="hidden" name="next" value={params.get("next") ?? ""} />
          <input type="hidden" name="intent" value="code" />
          <Field
            name="code"
            label={t("secondFactor.codeOrRecovery")}
            required
            autoComplete="one-time-code"
            inputMode="text"
          />
          <div className="actions">
            <button type="submit" className="kern-btn kern-btn--primary">
              <span className="kern-label">{t("secondFactor.login.submit")}</span>
            </button>
          </div>
        </PostForm>
        <PostForm className="inline-form">
          <input type="hidden" name="intent" value="cancel" />
          <button type="submit" className="kern-btn kern-btn--tertiary">
            <span className="kern-label">{t("secondFactor.login.cancel")}</span>
          </button>
        </PostForm>
      </main>
    );
  return (
    <main id="inhalt" className="kern-container page">
      <PageTitle>{t("login.title")}</PageTitle>
      <h1 className="kern-heading-large">{t("login.title")}</h1>
      {notice === "abgemeldet" && <Alert kind="success">{t("login.loggedOut")}</Alert>}
      {notice === "passwort" && <Alert kind="success">{t("login.passwordSet")}</Alert>}
      {actionData?.error && <Alert kind="danger">{actionData.error}</Alert>}
      {loaderData.providers.length > 0 && (
        <section aria-labelledby="sso-heading" className="stack">
          <h2 id="sso-heading" className="kern-heading-medium">
            {t("sso.loginHeading")}
          </h2>
          {loaderData.providers.map((p) => (
            <PostForm key={p.slug} action={`/anmelden/sso/${p.slug}`} className="inline-form">
              <input type="hidden" name="next" value={params.get("next") ?? ""} />
              <button type="submit" className="kern-btn kern-btn--secondary">
                <span className="kern-label">
                  {t("sso.loginWithTenant", { tenant: p.tenantName, provider: p.displayName })}
                </span>
              </button>
            </PostForm>
          ))}
          <p className="kern-body">{t("sso.or")}</p>
        </section>
      )}
      <PostForm className="form-grid">
        <input type="hidden" name="next" value={params.get("next") ?? ""} />
        <SubmittedValues values={actionData && "values" in actionData ? actionData.values : undefined}>
          <Field name="email" type="email" label={t("login.email")} required autoComplete="username" />
        </SubmittedValues>
        <Field name="password" type="password" label={t("login.password")} required autoComplete="current-password" />
        <div className="actions">
          <button type="submit" className="kern-btn kern-btn--primary">
            <span className="kern-label">{t("login.submit")}</span>
          </button>
          <Link className="kern-link" to="/passwort-vergessen">
            {t("login.forgot")}
          </Link>
        </div>
      </PostForm>
    </main>
  );
}
