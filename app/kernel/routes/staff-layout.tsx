import { NavLink, Outlet, useLocation } from "react-router";
import type { Route } from "./+types/staff-layout";
import { appContext, effectiveRole, staffMiddleware, tenantContext } from "../http/context";
import { GLOSSARY_PATH } from "../glossary/terms";
import { roleAtLeast } from "../roles";
import { useT } from "../ui/hooks";
import { useFoldWhenNarrow } from "../ui/fold";
import type { Role } from "../roles";
// The link to the account's second factor; its strings travel with staff pages, not public ones.
import "../auth/strings";
import "../legal/strings";
import "../auth/sso-strings";
import "../tenancy/strings";
import "../geocoding/strings";

export const middleware: Route.MiddlewareFunction[] = [staffMiddleware];

const KERNEL_NAV: { to: string; labelKey: string; minRole: Role }[] = [
  { to: "organisationen", labelKey: "nav.organisations", minRole: "viewer" },
  { to: "handlungsfelder", labelKey: "taxonomy.nav", minRole: "viewer" },
  { to: "benutzer", labelKey: "nav.users", minRole: "admin" },
  { to: "protokoll", labelKey: "nav.audit", minRole: "admin" },
  { to: "api-tokens", labelKey: "nav.tokens", minRole: "admin" },
  { to: "rechtliches", labelKey: "legal.nav", minRole: "admin" },
  { to: "anmeldung", labelKey: "sso.nav", minRole: "admin" },
  { to: "einstellungen", labelKey: "settings.nav", minRole: "admin" },
  { to: "adressverzeichnis", labelKey: "geocoding.nav", minRole: "admin" },
];

export function loader({ context }: Route.LoaderArgs) {
  const role = effectiveRole(context)!;
  const { tenant } = context.get(tenantContext);
  const visible = (min?: Role) => roleAtLeast(role, min ?? "partner");
  return {
    slug: tenant.slug,
    name: tenant.name,
    role,
    nav: [
      ...context.get(appContext).nav.staff.filter((n) => visible(n.minRole)),
      ...KERNEL_NAV.filter((n) => visible(n.minRole)),
    ].map((n) => ({
      to: n.to,
      labelKey: n.labelKey,
    })),
  };
}
export type StaffData = Awaited<ReturnType<typeof loader>>;

export default function StaffLayout({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const base = `/t/${loaderData.slug}/verwaltung`;
  const { pathname } = useLocation();
  // The menu of 10 to 13 links folds behind "Menü" on a phone, and again after each page chosen from it.
  const fold = useFoldWhenNarrow(pathname);
  return (
    <div className="kern-container page staff-layout">
      <nav aria-label={t("app.staffNav")} className="staff-nav">
        <details ref={fold} open className="staff-nav__fold">
          <summary className="staff-nav__toggle kern-btn kern-btn--secondary">
            <span className="kern-label">{t("app.staffMenu")}</span>
          </summary>
          <p className="kern-title">{loaderData.name}</p>
          <ul>
            <li>
              <NavLink className="kern-link" to={base} end>
                {t("nav.dashboard")}
              </NavLink>
            </li>
            {loaderData.nav.map((n) => (
              <li key={n.to}>
                <NavLink className="kern-link" to={`${base}/${n.to}`}>
                  {t(n.labelKey)}
                </NavLink>
              </li>
            ))}
            <li>
              <NavLink className="kern-link" to={`/t/${loaderData.slug}`} end>
                {t("nav.publicPage")}
              </NavLink>
            </li>
            <li>
              <NavLink className="kern-link" to="/konto/zweiter-faktor">
                {t("secondFactor.title")}
              </NavLink>
            </li>
            <li>
              <NavLink className="kern-link" to={GLOSSARY_PATH}>
                {t("app.glossary")}
              </NavLink>
            </li>
          </ul>
        </details>
      </nav>
      <main id="inhalt" className="stack">
        <Outlet />
      </main>
    </div>
  );
}
