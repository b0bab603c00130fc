import "../steering.css";
import { Content, withContent } from "~/kernel/ui/content";
import { Link } from "react-router";
import type { Route } from "./+types/public-accountability";
import { tenantContext, tenantTx, tFor } from "~/kernel/http/context";
import { PageTitle } from "~/kernel/ui/forms";
import { useFormat, useT } from "~/kernel/ui/hooks";
import { getAdoptedEdition } from "~/modules/concept";
import { ControllingView } from "../dashboard";
import { controllingData } from "../dashboard.server";
import { GoalTree, Summary } from "../ui";

// Rechenschaft: the adopted concept's measures by status, Themenfeld and Handlungsfeld with the same
// filters and charts as the controlling page, and how far its goals are reached by the public
// indicators and only their disclosed values – the same rule the integration office sees. Only the
// adopted edition is public, so no draft's measure and no internal note can show here.
export async function loader({ request, context }: Route.LoaderArgs) {
  const { tenant } = context.get(tenantContext);
  return tenantTx(context, async (tx) => {
    const e = await getAdoptedEdition(tx);
    if (!e) return { slug: tenant.slug, edition: null, tree: null, controlling: null };
    const c = await controllingData(tx, e.id, new URL(request.url), tFor(context), { publicOnly: true });
    return {
      slug: tenant.slug,
      edition: { title: e.title, adoptedOn: e.adoptedOn, adoptedBy: e.adoptedBy, exampleNote: e.exampleNote },
      tree: c.tree,
      controlling: { ...c, tree: undefined },
    };
  });
}

export default function Accountability({ loaderData: d }: Route.ComponentProps) {
  const t = useT();
  const f = useFormat();
  return (
    <main id="inhalt" className="kern-container page stack">
      <PageTitle>{t("steering.public.title")}</PageTitle>
      <h1 className="kern-heading-x-large">{t("steering.public.title")}</h1>
      <p className="kern-body">{t("steering.public.intro")}</p>
      {!d.edition || !d.tree ? (
        <p className="kern-body">{t("steering.public.none")}</p>
      ) : (
        <>
          <h2 className="kern-heading-large">
            <Content>{d.edition.title}</Content>
          </h2>
          <p className="kern-body">
            {withContent(t, "steering.public.adopted", {
              date: f.date(d.edition.adoptedOn),
              body: d.edition.adoptedBy ?? "–",
            })}
          </p>
          {d.edition.exampleNote && (
            <p className="kern-body">
              <strong>{t("steering.example")}</strong> <Content>{d.edition.exampleNote}</Content>
            </p>
          )}
          {d.controlling && (
            <ControllingView
              d={d.controlling}
              measureLinks={(m) => ({ href: `/t/${d.slug}/konzept/massnahmen/${m.id}` })}
            />
          )}
          <section aria-labelledby="h-goals" className="stack">
            <h2 id="h-goals" className="kern-heading-large">
              {t("steering.dashboard.goals")}
            </h2>
            <Summary counts={d.tree.counts} />
            <GoalTree roots={d.tree.roots} slug={d.slug} />
          </section>
          <p className="kern-body">
            <Link className="kern-link" to={`/t/${d.slug}/konzept`}>
              {t("steering.public.concept")}
            </Link>
          </p>
        </>
      )}
    </main>
  );
}
