import { Link } from "react-router";
import type { Route } from "./+types/home";
import { appContext } from "../http/context";
import { withPublic } from "../db/context";
import { listPublicTenants } from "../tenancy/service";
import { PageTitle } from "../ui/forms";
import { Term } from "../ui/term";
import { useRoot, useT } from "../ui/hooks";

export async function loader({ context }: Route.LoaderArgs) {
  const { db } = context.get(appContext);
  const tenants = await withPublic(db, listPublicTenants);
  const names = new Map(tenants.map((t) => [t.id, t.name]));
  return {
    tenants: tenants.map((t) => ({
      slug: t.slug,
      name: t.name,
      kind: t.kind,
      ags: t.ags,
      parent: t.parentId ? (names.get(t.parentId) ?? null) : null,
    })),
  };
}

export default function Home({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { user } = useRoot();
  return (
    <main id="inhalt" className="kern-container page stack">
      <PageTitle>{t("home.title")}</PageTitle>
      <h1 className="kern-heading-x-large">{t("home.title")}</h1>
      <p className="kern-body--large">{t("home.intro")}</p>
      {user && user.memberships.length > 0 && (
        <section aria-labelledby="my">
          <h2 id="my" className="kern-heading-medium">
            {t("home.myTenants")}
          </h2>
          <ul className="kern-list">
            {user.memberships.map((m) => (
              <li key={m.slug}>
                <Link className="kern-link" to={`/t/${m.slug}/verwaltung`}>
                  {m.tenantName}
                </Link>{" "}
                ({t(`roles.${m.role}`)})
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="tenants">
        <h2 id="tenants" className="kern-heading-medium">
          {t("home.tenants")}
        </h2>
        {loaderData.tenants.length === 0 ? (
          <p>{t("home.noTenants")}</p>
        ) : (
          <ul className="card-list">
            {loaderData.tenants.map((x, i) => (
              <li key={x.slug} className="kern-card">
                <div className="kern-card__container">
                  <div className="kern-card__header">
                    <h3 className="kern-title">
                      <Link className="kern-link" to={`/t/${x.slug}`}>
                        {x.name}
                      </Link>
                    </h3>
                  </div>
                  <div className="kern-card__body">
                    <p className="kern-body--small">
                      {t(`home.kind.${x.kind}`)} ·{" "}
                      {i === 0 ? <Term id="ags">{t("home.ags", { ags: x.ags })}</Term> : t("home.ags", { ags: x.ags })}
                      {x.parent && <> · {t("home.partOf", { name: x.parent })}</>}
                    </p>
                  </div>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
    </main>
  );
}
