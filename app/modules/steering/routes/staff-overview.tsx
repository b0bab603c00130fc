import "../steering.css";
import { Link } from "react-router";
import type { Route } from "./+types/staff-overview";
import { requireRole, tenantContext, tenantTx } from "~/kernel/http/context";
import { roleAtLeast } from "~/kernel/roles";
import { PageTitle } from "~/kernel/ui/forms";
import { useT } from "~/kernel/ui/hooks";
import { currentEdition, listEditions } from "~/modules/concept";
import { attainmentTree } from "../services/attainment";
import { GoalTree, Summary } from "../ui";

// The controlling page of the integration office: every goal of an edition with its indicators,
// targets and attainment, rolled up to Leitziel and Themenfeld. Internal indicators count here.
export async function loader({ request, context }: Route.LoaderArgs) {
  const role = requireRole(context, "viewer");
  const { tenant } = context.get(tenantContext);
  const wanted = new URL(request.url).searchParams.get("fassung");
  return tenantTx(context, async (tx) => {
    const editions = await listEditions(tx);
    const e = await currentEdition(tx, wanted && /^[0-9a-f-]{36}$/i.test(wanted) ? wanted : null);
    const tree = e ? await attainmentTree(tx, e.id, { publicOnly: false }) : null;
    return {
      slug: tenant.slug,
      canEdit: roleAtLeast(role, "editor"),
      editions: editions.map((x) => ({ id: x.id, title: x.title, status: x.status })),
      edition: e ? { id: e.id, title: e.title } : null,
      tree,
    };
  });
}

export default function SteeringOverview({ loaderData: d }: Route.ComponentProps) {
  const t = useT();
  const base = `/t/${d.slug}/verwaltung/steuerung`;
  return (
    <>
      <PageTitle>{t("steering.staff.title")}</PageTitle>
      <h1 className="kern-heading-large">{t("steering.staff.title")}</h1>
      <p className="kern-body">{t("steering.staff.intro")}</p>
      {d.editions.length > 1 && (
        <form method="get" className="kern-form stack">
          <div className="kern-form-input">
            <label className="kern-label" htmlFor="fassung">
              {t("steering.edition")}
            </label>
            <select className="kern-form-input__select" id="fassung" name="fassung" defaultValue={d.edition?.id}>
              {d.editions.map((e) => (
                <option key={e.id} value={e.id}>
                  {e.title} ({t(`concept.editionStatus.${e.status}`)})
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="kern-btn kern-btn--secondary">
            <span className="kern-label">{t("steering.show")}</span>
          </button>
        </form>
      )}
      {!d.edition || !d.tree ? (
        <p className="kern-body">{t("steering.noEdition")}</p>
      ) : (
        <>
          <h2 className="kern-heading-medium">{d.edition.title}</h2>
          <Summary counts={d.tree.counts} />
          {d.tree.targets === 0 && <p className="kern-body">{t("steering.staff.noTargetsYet")}</p>}
          <GoalTree
            roots={d.tree.roots}
            slug={d.slug}
            goalHref={d.canEdit ? (id) => `${base}/ziel/${id}` : undefined}
          />
          <p className="kern-body">
            <Link className="kern-link" to={`/t/${d.slug}/rechenschaft`}>
              {t("steering.staff.publicPage")}
            </Link>
            <br />
            <Link className="kern-link" to={`${base}/bericht`}>
              {t("steering.staff.report")}
            </Link>
          </p>
        </>
      )}
    </>
  );
}
