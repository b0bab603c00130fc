import { Link, useRouteLoaderData } from "react-router";
import type { StaffData } from "./staff-layout";
import { PageTitle } from "../ui/forms";
import { useT } from "../ui/hooks";

export default function StaffHome() {
  const t = useT();
  const s = useRouteLoaderData("kernel/routes/staff-layout") as StaffData;
  const title = t("staff.title", { name: s.name });
  return (
    <>
      <PageTitle>{title}</PageTitle>
      <h1 className="kern-heading-large">{title}</h1>
      <p className="kern-body">{t("staff.role", { role: t(`roles.${s.role}`) })}</p>
      <h2 className="kern-heading-medium">{t("staff.modules")}</h2>
      <ul className="card-list">
        {s.nav.map((n) => (
          <li key={n.to} className="kern-card">
            <div className="kern-card__container">
              <div className="kern-card__header">
                <h3 className="kern-title">
                  <Link className="kern-link" to={`/t/${s.slug}/verwaltung/${n.to}`}>
                    {t(n.labelKey)}
                  </Link>
                </h3>
              </div>
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
