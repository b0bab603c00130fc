import {
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from "react-router";
import type { Route } from "./+types/root";
import "./fonts.css";
import "@kern-ux/native/dist/kern.min.css";
import "./app.css";
import { appContext, kernelMiddleware, requestContext } from "./kernel/http/context";
import {
  FULL_LANGUAGES,
  UI_LANGUAGES,
  UI_LANGUAGE_NAMES,
  getT,
  isFullLanguage,
  langTag,
  uiDirection,
} from "./kernel/i18n";
import { GLOSSARY_PATH } from "./kernel/glossary/terms";
import { PageTitle, PostForm } from "./kernel/ui/forms";
import { useFocusAfterNavigation } from "./kernel/ui/focus";
import type { RootData } from "./kernel/ui/hooks";
import { Fragment } from "react";

export const middleware: Route.MiddlewareFunction[] = [kernelMiddleware];

export async function loader({ context }: Route.LoaderArgs): Promise<RootData> {
  const { user, csrfToken, lang, allLanguages } = context.get(requestContext);
  const { nonce } = context.get(appContext);
  return {
    lang,
    allLanguages,
    csrfToken,
    nonce,
    user: user && {
      displayName: user.displayName,
      email: user.email,
      isSuperadmin: user.isSuperadmin,
      memberships: user.memberships.map((m) => ({ slug: m.slug, tenantName: m.tenantName, role: m.role })),
    },
  };
}
export type { RootData };

/**
 * Links to the page in each language. Pages outside the translated public areas offer German and
 * English only, because the other languages would show them in German anyway.
 */
function LanguageMenu({ lang, all }: { lang: string; all: boolean }) {
  const location = useLocation();
  const t = getT(lang);
  const href = (l: string) => {
    const params = new URLSearchParams(location.search);
    params.set("lang", l);
    return `${location.pathname}?${params}`;
  };
  // A tenant's public pages offer only the languages it chose (tenant settings); its staff pages
  // always German and English.
  const tenant = useTenantHeader();
  const staff = tenant && location.pathname.startsWith(`/t/${tenant.slug}/verwaltung`);
  const list = (all ? UI_LANGUAGES : FULL_LANGUAGES).filter(
    (l) => !tenant || staff || l === "de" || tenant.publicLanguages.includes(l),
  );
  return (
    <nav aria-label={t("app.languageMenu")} className="site-languages">
      <ul className="kern-list kern-list--horizontal">
        {list.map((l) => (
          <li key={l}>
            <a
              className="kern-link"
              href={href(l)}
              hrefLang={langTag(l)}
              lang={langTag(l)}
              dir={uiDirection(l)}
              aria-current={l === lang ? "true" : undefined}
            >
              {UI_LANGUAGE_NAMES[l]}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function Layout({ children }: { children: React.ReactNode }) {
  const root = useRouteLoaderData("root") as RootData | undefined;
  const lang = root?.lang ?? "de";
  const t = getT(lang);
  // Empty on a page rendered for the public page cache (allowed by script hashes instead).
  const nonce = root?.nonce || undefined;
  useFocusAfterNavigation();
  return (
    <html lang={langTag(lang)} dir={uiDirection(lang)}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <Meta />
        <Links nonce={nonce} />
      </head>
      <body>
        <a className="skip-link" href="#inhalt">
          {t("app.skipLink")}
        </a>
        <header className="site-header">
          <div className="site-header__inner">
            <TenantLogo />
            <Link to="/" className="site-brand">
              <span className="site-brand__name">{t("app.name")}</span>
              <span className="site-brand__tagline">{t("app.tagline")}</span>
            </Link>
            <nav aria-label={t("app.mainNav")} className="site-nav">
              <ul className="kern-list kern-list--horizontal">
                {root?.user?.isSuperadmin && (
                  <li>
                    <Link className="kern-link" to="/plattform/mandanten">
                      {t("nav.tenants")}
                    </Link>
                  </li>
                )}
                {root?.user?.isSuperadmin && (
                  <li>
                    <Link className="kern-link" to="/plattform/postausgang">
                      {t("nav.outbox")}
                    </Link>
                  </li>
                )}
                {root?.user ? (
                  <li>
                    <PostForm action="/abmelden" className="inline-form">
                      <span className="kern-body--small">{t("nav.loggedInAs", { name: root.user.displayName })} </span>
                      <button type="submit" className="kern-btn kern-btn--tertiary kern-btn--x-small">
                        <span className="kern-label">{t("nav.logout")}</span>
                      </button>
                    </PostForm>
                  </li>
                ) : (
                  <li>
                    <Link className="kern-link" to="/anmelden">
                      {t("nav.login")}
                    </Link>
                  </li>
                )}
              </ul>
            </nav>
            <LanguageMenu lang={lang} all={root?.allLanguages ?? false} />
          </div>
        </header>
        {children}
        <footer className="site-footer">
          <div className="kern-container">
            <p className="kern-body--small">
              {t("app.footer")} ·{" "}
              <a className="kern-link" href="/api/v1/openapi.json">
                {t("app.api")}
              </a>
              <LegalLinks t={t} />
              {" · "}
              {/* The glossary is German and English; other languages get the German page. */}
              <Link className="kern-link" to={GLOSSARY_PATH} hrefLang={isFullLanguage(lang) ? undefined : "de"}>
                {t("app.glossary")}
              </Link>
            </p>
            {lang === "ls" && <p className="kern-body--small">{t("app.easyLanguageNote")}</p>}
          </div>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

/**
 * Impressum, Datenschutz and Barrierefreiheit on every page (issue 17 item 3): a tenant's own pages
 * under /t/:slug, the platform operator's everywhere else.
 */
function LegalLinks({ t }: { t: ReturnType<typeof getT> }) {
  const tenant = useRouteLoaderData("kernel/routes/tenant-layout") as { tenant?: { slug: string } } | undefined;
  const base = tenant?.tenant ? `/t/${tenant.tenant.slug}` : "";
  return (["impressum", "datenschutz", "barrierefreiheit"] as const).map((k) => (
    <Fragment key={k}>
      {" · "}
      <Link className="kern-link" to={`${base}/${k}`}>
        {t(`app.${k}`)}
      </Link>
    </Fragment>
  ));
}

type TenantHeader = { slug: string; name: string; logoEtag: string | null; publicLanguages: string[] };
const useTenantHeader = () =>
  (useRouteLoaderData("kernel/routes/tenant-layout") as { tenant?: TenantHeader } | undefined)?.tenant;

/** The tenant's logo (tenant settings), linking its start page; its name is the alternative text. */
function TenantLogo() {
  const tenant = useTenantHeader();
  if (!tenant?.logoEtag) return null;
  return (
    <Link to={`/t/${tenant.slug}`} className="site-tenant-logo">
      <img src={`/t/${tenant.slug}/logo?v=${tenant.logoEtag}`} alt={tenant.name} height={48} />
    </Link>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const root = useRouteLoaderData("root") as RootData | undefined;
  const t = getT(root?.lang ?? "de");
  let title = t("errors.title");
  let message = t("errors.unexpected");
  if (isRouteErrorResponse(error)) {
    if (error.status === 404) {
      title = t("errors.notFoundTitle");
      message = t("errors.notFound");
    }
    if (error.status === 403) {
      title = t("errors.forbiddenTitle");
      message = t("errors.forbidden");
    }
    if (error.status === 400 || error.status === 422) title = t("errors.badRequestTitle");
    const d = error.data as { message?: string } | undefined;
    if (d && typeof d === "object" && d.message) message = d.message;
  }
  return (
    <main id="inhalt" className="kern-container page">
      <PageTitle>{title}</PageTitle>
      <h1 className="kern-heading-large">{title}</h1>
      <p className="kern-body">{message}</p>
      <p>
        <Link className="kern-link" to="/">
          {t("errors.backHome")}
        </Link>
      </p>
    </main>
  );
}
