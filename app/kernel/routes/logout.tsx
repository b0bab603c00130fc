import { redirect } from "react-router";
import type { Route } from "./+types/logout";
import { appContext, requestContext } from "../http/context";
import { logout } from "../auth/service";
import { LOGGED_OUT_PATH } from "../auth/oidc";
import { COOKIE, serializeCookie } from "../http/cookies";

export async function action({ context }: Route.ActionArgs) {
  const state = context.get(requestContext);
  const providerLogout = await logout(context.get(appContext).db, state.sessionToken);
  state.setCookies.push(serializeCookie(COOKIE.session, "", { maxAge: 0 }));
  // A session from single sign-on also ends at the provider, which then sends the browser back (decision 0047).
  throw redirect(providerLogout ?? LOGGED_OUT_PATH);
}

export function loader() {
  throw redirect("/");
}
