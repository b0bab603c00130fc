import { Link, useRouteLoaderData } from "react-router";
import type { Route } from "./+types/staff-home";
import type { StaffData } from "./staff-layout";
import { appContext, effectiveRole, requestContext, tenantContext, tenantTx } from "../http/context";
import { todayBerlin } from "../dates";
import { PageTitle } from "../ui/forms";
import { useFormat, useT } from "../ui/hooks";

/** What needs this user's attention today, from every module that knows (kernel/attention.ts). */
export async function loader({ context }: Route.LoaderArgs) {
  const attention = context.get(appContext).attention;
  const role = effectiveRole(context);
  const user = context.get(requestContext).user;
  if (!attention || !role || !user) return { items: [] };
  const { organisationId } = context.get(tenantContext);
  const items = await tenantTx(context, (tx) =>
    attention(tx, {
      role,
      userId: user.id,
      organisationId,
      today: todayBerlin(),
      secondFactor: !!user.sso || !!user.secondFactor.verifiedAt,
    }),
  );
  return { items };
}

export default function StaffHome({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const f = useFormat();
  // Dates in a sentence's values come as YYYY-MM-DD and are shown in the page's format.
  const shown = (vars: Record<string, string | number> = {}) =>
    Object.fromEntries(
      Object.entries(vars).map(([k, v]) => [k, typeof v === "string" && /^\d{4}-\d\d-\d\d$/.test(v) ? f.date(v) : v]),
    );
  const s = useRouteLoaderData("kernel/routes/staff-layout") as StaffData;
  const title = t("staff.title", { name: s.name });
  const base = `/t/${s.slug}/verwaltung`;
  return (
    <>
      <PageTitle>{title}</PageTitle>
      <h1 className="kern-heading-large">{title}</h1>
      <p className="kern-body">{t("staff.role", { role: t(`roles.${s.role}`) })}</p>
      <section aria-labelledby="h-attention" className="stack">
        <h2 id="h-attention" className="kern-heading-medium">
          {t("staff.attention.title")}
        </h2>
        {loaderData.items.length === 0 ? (
          <p className="kern-body">{t("staff.attention.none")}</p>
        ) : (
          <ul className="attention-list">
            {loaderData.items.map((i) => (
              <li key={`${i.key} ${i.to}`} className={`attention attention--${i.tone}`}>
                <span className="kern-badge">{t(`staff.attention.tone.${i.tone}`)}</span>{" "}
                <Link className="kern-link" to={i.to ? `${base}/${i.to}` : base}>
                  {t(i.key, { count: i.count, ...shown(i.vars) })}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
      <h2 className="kern-heading-medium">{t("staff.modules")}</h2>
      <ul className="card-list">
        {s.nav.map((n) => (
          <li key={n.to} className="kern-card">
            <div className="kern-card__container">
              <div className="kern-card__header">
                <h3 className="kern-title">
                  <Link className="kern-link" to={`${base}/${n.to}`}>
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
