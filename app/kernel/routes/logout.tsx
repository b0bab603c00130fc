import { redirect } from "react-router";
import type { Route } from "./+types/logout";
import { appContext, requestContext } from "../http/context";
import { logout } from "../auth/service";
import { COOKIE, serializeCookie } from "../http/cookies";

export async function action({ context }: Route.ActionArgs) {
  const state = context.get(requestContext);
  await logout(context.get(appContext).db, state.sessionToken);
  state.setCookies.push(serializeCookie(COOKIE.session, "", { maxAge: 0 }));
  throw redirect("/anmelden?hinweis=abgemeldet");
}

export function loader() {
  throw redirect("/");
}
