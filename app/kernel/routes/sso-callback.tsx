import { data, redirect } from "react-router";
import type { Route } from "./+types/sso-callback";
import { appContext, requestContext, tFor } from "../http/context";
import { finishSsoLogin, publicOrigin } from "../auth/oidc";
import { SESSION_DAYS } from "../auth/service";
import { COOKIE, parseCookies, serializeCookie } from "../http/cookies";
import { translateError } from "../errors";
import { safeNext } from "./login";
import "../auth/sso-strings";

// The provider sends the browser back here with code and state (decision 0047). A refusal (wrong
// issuer or audience, expired state, no mapped group) is a German error page and an audit entry.

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const state = context.get(requestContext);
  const browserToken = parseCookies(request.headers.get("cookie"))[COOKIE.sso];
  // The binding cookie is used once, whatever the outcome.
  state.setCookies.push(serializeCookie(COOKIE.sso, "", { maxAge: 0 }));
  const url = new URL(request.url);
  // The URL openid-client checks must be the registered redirect URI (behind a proxy: PUBLIC_URL).
  const callbackUrl = new URL(url.pathname + url.search, publicOrigin(request));
  const r = await finishSsoLogin(context.get(appContext).db, params.slug, {
    callbackUrl,
    browserToken,
    origin: publicOrigin(request),
    userAgent: request.headers.get("user-agent"),
  });
  if (!r.ok) throw data({ message: translateError(tFor(context), r.error) }, { status: 403 });
  state.setCookies.push(serializeCookie(COOKIE.session, r.value.sessionToken, { maxAge: SESSION_DAYS * 86400 }));
  let target = safeNext(r.value.next);
  if (target === "/") target = `/t/${encodeURIComponent(params.slug)}/verwaltung`;
  throw redirect(target);
}
