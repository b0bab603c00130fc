import { Link } from "react-router";
import { Content, useContentAttrs, withContent } from "~/kernel/ui/content";
import type { Route } from "./+types/public-concept";
import { tenantContext, tenantTx } from "~/kernel/http/context";
import { PageTitle } from "~/kernel/ui/forms";
import { useFormat, useT } from "~/kernel/ui/hooks";
import { getAdoptedEdition } from "../services/concept";
import { conceptTree, measuresBelow, statusCounts, type TreeNode } from "../services/views";
import { replacedEdition } from "../services/fortschreibung";

const slim = (n: TreeNode): TreeNode => ({
  ...n,
  description: null,
  measures: n.measures.map((m) => ({ ...m, description: null, partners: [], handlungsfelder: [] })),
  children: n.children.map(slim),
});
import { ExampleNote, Progress, StatusTag } from "../ui";

export async function loader({ context }: Route.LoaderArgs) {
  const { tenant } = context.get(tenantContext);
  return tenantTx(context, async (tx) => {
    const e = await getAdoptedEdition(tx);
    if (!e) return { slug: tenant.slug, edition: null, tree: null, compare: null, status: null, below: {} };
    const tree = await conceptTree(tx, e.id);
    const prev = await replacedEdition(tx, e);
    // Public view: internal notes never leave the server.
    return {
      slug: tenant.slug,
      edition: {
        title: e.title,
        adoptedOn: e.adoptedOn,
        adoptedBy: e.adoptedBy,
        haltungTitle: e.haltungTitle,
        haltung: e.haltung,
        exampleNote: e.exampleNote,
      },
      tree: { counts: tree.counts, roots: tree.roots.map(slim) },
      status: statusCounts(tree.roots),
      // Measures under each Leitziel and its Teilziele, for its collapsed summary line.
      below: Object.fromEntries(tree.roots.flatMap((tf) => tf.children.map((lz) => [lz.id, measuresBelow(lz)]))),
      // The comparison with the edition this one replaced, where there is one (decision 0035).
      compare: prev ? { path: `konzept/ausgaben/${e.id}/vergleich`, previous: prev.title } : null,
    };
  });
}

function Measures({ node, slug }: { node: TreeNode; slug: string }) {
  const t = useT();
  if (!node.measures.length) return null;
  return (
    <ul className="concept-measures">
      {node.measures.map((m) => (
        <li key={m.id}>
          <Link className="kern-link" to={`/t/${slug}/konzept/massnahmen/${m.id}`}>
            <Content>{m.title}</Content>
          </Link>{" "}
          <StatusTag status={m.status} />{" "}
          <Progress value={m.progress} label={t("concept.progressOf", { title: m.title })} />
        </li>
      ))}
    </ul>
  );
}

export default function PublicConcept({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const fmt = useFormat();
  const content = useContentAttrs();
  const { edition, tree, slug, compare, status, below } = loaderData;
  return (
    <main id="inhalt" className="kern-container page stack">
      <PageTitle>{t("concept.public.title")}</PageTitle>
      <h1 className="kern-heading-x-large">{t("concept.public.title")}</h1>
      {!edition || !tree ? (
        <p className="kern-body">{t("concept.public.none")}</p>
      ) : (
        <>
          <h2 className="kern-heading-large" {...content}>
            {edition.title}
          </h2>
          <p className="kern-body">
            {withContent(t, "concept.public.adopted", {
              date: fmt.date(edition.adoptedOn),
              body: edition.adoptedBy ?? "–",
            })}
          </p>
          <ExampleNote note={edition.exampleNote} />
          {compare && (
            <p className="kern-body">
              <Link className="kern-link" to={`/t/${slug}/${compare.path}`}>
                {withContent(t, "concept.public.compare", { previous: compare.previous })}
              </Link>
            </p>
          )}
          <p className="kern-body">{t("concept.counts", tree.counts)}</p>
          <nav aria-labelledby="inhalt-konzept" className="concept-contents">
            <h2 id="inhalt-konzept" className="kern-heading-small">
              {t("concept.public.contents")}
            </h2>
            <ul>
              <li>
                <a className="kern-link" href="#stand">
                  {t("concept.public.statusTitle")}
                </a>
              </li>
              {edition.haltung && (
                <li>
                  <a className="kern-link" href="#haltung">
                    {edition.haltungTitle ? <Content>{edition.haltungTitle}</Content> : t("concept.haltung")}
                  </a>
                </li>
              )}
              {tree.roots.map((tf) => (
                <li key={tf.id}>
                  <a className="kern-link" href={`#tf-${tf.id}`}>
                    {t("concept.themenfeld", { number: tf.number })}: <Content>{tf.title}</Content>
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          {status && status.total > 0 && (
            <section aria-labelledby="stand">
              <h2 id="stand" className="kern-heading-medium">
                {t("concept.public.statusTitle")}
              </h2>
              <p className="kern-body">{t("concept.public.statusIntro", { count: status.total })}</p>
              <ul className="concept-status-summary">
                {status.byStatus.map((x) => (
                  <li key={x.status}>
                    <StatusTag status={x.status} /> <span className="concept-status-count">{x.count}</span>
                  </li>
                ))}
              </ul>
              <p className="kern-body">
                <Link className="kern-link" to={`/t/${slug}/rechenschaft`}>
                  {t("concept.public.statusLink")}
                </Link>
              </p>
            </section>
          )}
          {edition.haltung && (
            <section aria-labelledby="haltung">
              <h2 id="haltung" className="kern-heading-medium">
                {edition.haltungTitle ? <Content>{edition.haltungTitle}</Content> : t("concept.haltung")}
              </h2>
              {edition.haltung.split(/\n\n+/).map((p, i) => (
                <p key={i} className="kern-body" {...content}>
                  {p}
                </p>
              ))}
            </section>
          )}
          {tree.roots.length > 0 && <p className="kern-body">{t("concept.public.openHint")}</p>}
          {tree.roots.map((tf) => (
            <section key={tf.id} aria-labelledby={`tf-${tf.id}`}>
              <h2 id={`tf-${tf.id}`} className="kern-heading-medium">
                {t("concept.themenfeld", { number: tf.number })}: <Content>{tf.title}</Content>
              </h2>
              {tf.children.map((lz) => (
                <details key={lz.id} className="concept-leitziel">
                  <summary>
                    <span className="kern-heading-small">
                      {t("concept.leitziel", { number: lz.number })}: <Content>{lz.title}</Content>
                    </span>{" "}
                    <span className="kern-body--small">{`(${t("concept.public.measureCount", { count: below[lz.id] ?? 0 })})`}</span>
                  </summary>
                  <Measures node={lz} slug={slug} />
                  <ol className="concept-goals">
                    {lz.children.map((tz) => (
                      <li key={tz.id} value={undefined}>
                        <p className="kern-body">
                          <strong>{tz.number}</strong> <Content>{tz.title}</Content>
                        </p>
                        <Measures node={tz} slug={slug} />
                      </li>
                    ))}
                  </ol>
                </details>
              ))}
            </section>
          ))}
        </>
      )}
    </main>
  );
}
