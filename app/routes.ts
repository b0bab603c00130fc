import { type RouteConfig, type RouteConfigEntry, index, route } from "@react-router/dev/routes";
import { modules } from "./modules";
import { KERNEL_PUBLIC_PAGES as LEGAL, type ModuleRoute } from "./kernel/modules";

const k = (f: string) => `kernel/routes/${f}`;
// Each module declares its pages in its manifest, with files relative to its folder.
const moduleRoutes = (area: "public" | "staff"): RouteConfigEntry[] =>
  modules.flatMap((m) =>
    (m.routes?.[area] ?? []).map((r: ModuleRoute) =>
      route(r.path, `modules/${m.name}/${r.file}`, r.id ? { id: r.id } : {}),
    ),
  );

// URLs are German, like the users; each domain module contributes its public and staff routes.
export default [
  index(k("home.tsx")),
  route("anmelden", k("login.tsx")),
  route("anmelden/bestaetigen", k("reauth.tsx")),
  route("anmelden/sso/:slug", k("sso-login.tsx")),
  route("anmelden/sso/:slug/rueckruf", k("sso-callback.tsx")),
  route("konto/zweiter-faktor", k("second-factor.tsx")),
  route("abmelden", k("logout.tsx")),
  route("passwort-vergessen", k("forgot-password.tsx")),
  route("passwort-setzen/:token", k("set-password.tsx")),
  route("begriffe", k("glossary.tsx")),
  route("plattform/postausgang", k("outbox.tsx")),
  route("plattform/mandanten", k("platform-tenants.tsx")),
  route("plattform/aufgaben", k("schedules.tsx")),
  route("plattform/rechtliches", k("legal-edit.tsx"), { id: "legal-edit-platform" }),
  // The legal pages (issue 17 item 3): the platform operator's here, each tenant's below.
  ...LEGAL.map((p) => route(p, k("legal.tsx"), { id: `legal-platform-${p}` })),
  route("t/:slug", k("tenant-layout.tsx"), [
    index(k("tenant-home.tsx")),
    route("logo", k("tenant-logo.ts")),
    ...LEGAL.map((p) => route(p, k("legal.tsx"), { id: `legal-${p}` })),
    ...moduleRoutes("public"),
    route("verwaltung", k("staff-layout.tsx"), [
      index(k("staff-home.tsx")),
      route("benutzer", k("users.tsx")),
      route("protokoll", k("audit.tsx")),
      route("api-tokens", k("api-tokens.tsx")),
      route("organisationen", k("organisations.tsx")),
      route("handlungsfelder", k("taxonomy.tsx")),
      route("rechtliches", k("legal-edit.tsx"), { id: "legal-edit" }),
      route("anmeldung", k("sso-settings.tsx")),
      route("einstellungen", k("tenant-settings.tsx")),
      route("adressverzeichnis", k("address-register.tsx")),
      ...moduleRoutes("staff"),
    ]),
  ]),
  route("*", k("not-found.tsx")),
] satisfies RouteConfig;
