import { data, Link } from "react-router";
import type { Route } from "./+types/public-compare";
import { tenantContext, tenantTx, tFor } from "~/kernel/http/context";
import { PageTitle } from "~/kernel/ui/forms";
import { useFormat, useT } from "~/kernel/ui/hooks";
import { getEdition } from "../services/concept";
import { compareEditions, replacedEdition } from "../services/fortschreibung";
import { Comparison } from "../ui";

// The public comparison of an adopted edition with the one it replaced (decision 0035). Drafts and
// editions under deliberation are not public, nor is a comparison without an earlier adopted edition.
export async function loader({ params, context }: Route.LoaderArgs) {
  const { tenant } = context.get(tenantContext);
  return tenantTx(context, async (tx) => {
    const e = await getEdition(tx, params.id);
    const prev =
      e && (e.status === "beschlossen" || e.status === "abgeloest") ? await replacedEdition(tx, e) : undefined;
    if (!e || !prev) throw data({ message: tFor(context)("concept.errors.editionNotFound") }, { status: 404 });
    return {
      slug: tenant.slug,
      edition: { title: e.title, adoptedOn: e.adoptedOn, adoptedBy: e.adoptedBy },
      previous: { title: prev.title, adoptedOn: prev.adoptedOn },
      diff: await compareEditions(tx, prev.id, e.id),
    };
  });
}

export default function PublicCompare({ loaderData: d }: Route.ComponentProps) {
  const t = useT();
  const fmt = useFormat();
  const title = t("concept.compare.publicTitle", { title: d.edition.title });
  return (
    <main id="inhalt" className="kern-container page stack">
      <PageTitle>{title}</PageTitle>
      <p>
        <Link className="kern-link" to={`/t/${d.slug}/konzept`}>
          {t("concept.public.back")}
        </Link>
      </p>
      <h1 className="kern-heading-x-large">{title}</h1>
      <p className="kern-body">
        {t("concept.compare.publicIntro", {
          before: d.previous.title,
          beforeDate: fmt.date(d.previous.adoptedOn),
          after: d.edition.title,
          afterDate: fmt.date(d.edition.adoptedOn),
          body: d.edition.adoptedBy ?? "–",
        })}
      </p>
      <Comparison c={d.diff} />
    </main>
  );
}
