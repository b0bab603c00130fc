import "../assessment/strings";
import { data, Link } from "react-router";
import type { Route } from "./+types/assessment-catalogue";
import { requireRole, tenantContext, tenantTx, tFor } from "~/kernel/http/context";
import { PageTitle } from "~/kernel/ui/forms";
import { useT } from "~/kernel/ui/hooks";
import { DataTable } from "~/kernel/ui/table";
import { builtinCatalogue, SEED_003 } from "../assessment/catalogues";
import { getCatalogue } from "../assessment/service";

export async function loader({ params, context }: Route.LoaderArgs) {
  requireRole(context, "viewer");
  const { tenant } = context.get(tenantContext);
  const b = builtinCatalogue(params.key);
  const c = b
    ? {
        title: b.title,
        kind: b.kind,
        heading: b.heading,
        source: `seeds/${SEED_003}`,
        items: b.items.map((i) => ({
          code: i.code,
          text: i.text,
          detail: i.detail ?? null,
          from: i.lines[0],
          to: i.lines[1],
        })),
      }
    : await tenantTx(context, async (tx) => {
        const own = await getCatalogue(tx, params.key);
        return own
          ? {
              title: own.catalogue.title,
              kind: own.catalogue.kind,
              heading: null,
              source: own.catalogue.source,
              items: own.items.map((i) => ({
                code: i.code,
                text: i.text,
                detail: i.detail,
                from: i.lineFrom,
                to: i.lineTo,
              })),
            }
          : null;
      });
  if (!c) throw data({ message: tFor(context)("errors.notFound") }, { status: 404 });
  return { slug: tenant.slug, c };
}

export default function CataloguePage({ loaderData: d }: Route.ComponentProps) {
  const t = useT();
  const c = d.c;
  return (
    <>
      <PageTitle>{c.title}</PageTitle>
      <p>
        <Link className="kern-link" to={`/t/${d.slug}/verwaltung/oeffnung/kataloge`}>
          {t("opening.assessment.catalogues.back")}
        </Link>
      </p>
      <h1 className="kern-heading-large">{c.title}</h1>
      <p className="kern-body">
        {t(`opening.assessment.kinds.${c.kind}`)} – {t("opening.assessment.catalogues.source")}: {c.source}
      </p>
      {c.heading && (
        <p className="kern-body">
          „{c.heading.text}“ ({t("opening.assessment.catalogues.line")} {c.heading.line})
        </p>
      )}
      <DataTable
        caption={c.title}
        headers={[t("opening.assessment.catalogues.line"), t("opening.assessment.catalogues.text")]}
      >
        {c.items.map((i) => (
          <tr key={i.code} className="kern-table__row">
            <td className="kern-table__cell">
              {i.from === null ? "–" : i.to !== i.from ? `${i.from}–${i.to}` : i.from}
            </td>
            <td className="kern-table__cell">
              {i.text}
              {i.detail && <p className="kern-body kern-body--small">{i.detail}</p>}
            </td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}
