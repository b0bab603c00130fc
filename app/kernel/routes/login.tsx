import { Form, Link, data, redirect, useSearchParams } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/login";
import { appContext, requestContext, tFor } from "../http/context";
import { login } from "../auth/service";
import { COOKIE, serializeCookie } from "../http/cookies";
import { SESSION_DAYS } from "../auth/service";
import { Alert, CsrfField, Field, formValues, PageTitle, SubmittedValues } from "../ui/forms";
import { useT } from "../ui/hooks";
import { hasAnyControlChars } from "../http/input";

const LoginForm = z.object({
  email: z.string().trim().min(1),
  password: z.string().min(1),
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

export async function action({ request, context }: Route.ActionArgs) {
  const t = tFor(context);
  const fd = await request.formData();
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
  if (!r.ok) return data({ error: t("login.invalid"), values }, { status: 401 });
  const state = context.get(requestContext);
  state.setCookies.push(serializeCookie(COOKIE.session, r.sessionToken, { maxAge: SESSION_DAYS * 86400 }));
  let target = safeNext(form.data.next);
  if (target === "/" && r.user.memberships.length === 1) target = `/t/${r.user.memberships[0].slug}/verwaltung`;
  throw redirect(target);
}

// A route's own headers reach the page only through this export (Retry-After of a refused login).
export const headers: Route.HeadersFunction = ({ actionHeaders }) => actionHeaders;

export default function Login({ actionData }: Route.ComponentProps) {
  const t = useT();
  const [params] = useSearchParams();
  const notice = params.get("hinweis");
  return (
    <main id="inhalt" className="kern-container page">
      <PageTitle>{t("login.title")}</PageTitle>
      <h1 className="kern-heading-large">{t("login.title")}</h1>
      {notice === "abgemeldet" && <Alert kind="success">{t("login.loggedOut")}</Alert>}
      {notice === "passwort" && <Alert kind="success">{t("login.passwordSet")}</Alert>}
      {actionData?.error && <Alert kind="danger">{actionData.error}</Alert>}
      <Form method="post" className="form-grid">
        <CsrfField />
        <input type="hidden" name="next" value={params.get("next") ?? ""} />
        <SubmittedValues values={actionData?.values}>
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
      </Form>
    </main>
  );
}
