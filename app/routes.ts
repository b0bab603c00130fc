import { type RouteConfig, index, route } from "@react-router/dev/routes";
import { moduleRoutes } from "./modules";

const k = (f: string) => `kernel/routes/${f}`;

// URLs are German, like the users; each domain module contributes its public and staff routes.
export default [
  index(k("home.tsx")),
  route("anmelden", k("login.tsx")),
  route("abmelden", k("logout.tsx")),
  route("passwort-vergessen", k("forgot-password.tsx")),
  route("passwort-setzen/:token", k("set-password.tsx")),
  route("plattform/postausgang", k("outbox.tsx")),
  route("plattform/mandanten", k("platform-tenants.tsx")),
  route("t/:slug", k("tenant-layout.tsx"), [
    index(k("tenant-home.tsx")),
    ...moduleRoutes.public,
    route("verwaltung", k("staff-layout.tsx"), [
      index(k("staff-home.tsx")),
      route("benutzer", k("users.tsx")),
      route("protokoll", k("audit.tsx")),
      route("api-tokens", k("api-tokens.tsx")),
      route("organisationen", k("organisations.tsx")),
      ...moduleRoutes.staff,
    ]),
  ]),
  route("*", k("not-found.tsx")),
] satisfies RouteConfig;
