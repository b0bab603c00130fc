import { Link, useRouteLoaderData } from "react-router";
import type { TenantData } from "./tenant-layout";
import { PageTitle } from "../ui/forms";
import { useT } from "../ui/hooks";

export default function TenantHome() {
  const t = useT();
  const { tenant, isMember, publicNav } = useRouteLoaderData("kernel/routes/tenant-layout") as TenantData;
  return (
    <main id="inhalt" className="kern-container page stack">
      <PageTitle>{t("nav.home")}</PageTitle>
      <h1 className="kern-heading-x-large">{t("tenant.welcome", { name: tenant.name })}</h1>
      <p className="kern-body--large">{t("tenant.publicIntro", { name: tenant.name })}</p>
      {publicNav.length === 0 ? (
        <p>{t("tenant.noPublicModules")}</p>
      ) : (
        <nav aria-label={t("app.mainNav")}>
          <ul className="card-list">
            {publicNav.map((n) => (
              <li key={n.to} className="kern-card">
                <div className="kern-card__container">
                  <div className="kern-card__header">
                    <h2 className="kern-title">
                      <Link className="kern-link" to={`/t/${tenant.slug}/${n.to}`}>
                        {t(n.labelKey)}
                      </Link>
                    </h2>
                  </div>
                </div>
              </li>
            ))}
          </ul>
        </nav>
      )}
      {isMember && (
        <p>
          <Link className="kern-link" to={`/t/${tenant.slug}/verwaltung`}>
            {t("tenant.staffLink")}
          </Link>
        </p>
      )}
    </main>
  );
}
