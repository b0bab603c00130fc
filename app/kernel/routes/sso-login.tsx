import { data, redirect } from "react-router";
import type { Route } from "./+types/sso-login";
import { appContext, requestContext, tFor } from "../http/context";
import { publicOrigin, SSO_LOGIN_MINUTES, startSsoLogin } from "../auth/oidc";
import { COOKIE, serializeCookie } from "../http/cookies";
import { translateError } from "../errors";
import { safeNext } from "./login";
import "../auth/sso-strings";

// Starts single sign-on with a tenant's provider (a button on the login page posts here, with CSRF
// token); the browser goes on to the provider (decision 0047).

export async function action({ request, context, params }: Route.ActionArgs) {
  const fd = await request.formData();
  const next = String(fd.get("next") ?? "");
  const r = await startSsoLogin(context.get(appContext).db, params.slug, {
    origin: publicOrigin(request),
    next: next ? safeNext(next) : null,
    reauth: fd.get("reauth") === "1",
  });
  if (!r.ok) throw data({ message: translateError(tFor(context), r.error) }, { status: 404 });
  context
    .get(requestContext)
    .setCookies.push(serializeCookie(COOKIE.sso, r.value.browserToken, { maxAge: SSO_LOGIN_MINUTES * 60 }));
  throw redirect(r.value.url);
}

export function loader() {
  throw redirect("/anmelden");
}
