import "./strings";
import "../steering.css";
import { Content } from "~/kernel/ui/content";
import { data, Link, redirect, useLocation } from "react-router";
import type { Route } from "./+types/staff-overview";
import { failureErrors, requireRole, tenantContext, tenantTx, tFor } from "~/kernel/http/context";
import { roleAtLeast } from "~/kernel/roles";
import { listQuery } from "~/kernel/pagination";
import { ActionForm, Alert, PageTitle } from "~/kernel/ui/forms";
import { useT } from "~/kernel/ui/hooks";
import { currentEdition, listEditions } from "~/modules/concept";
import { carryLinks } from "../services/carry";
import { ControllingView } from "../dashboard";
import { controllingData } from "../dashboard.server";
import { GoalTree, Summary } from "../ui";

// The controlling page of the integration office: the measures of an edition by status, Themenfeld
// and Handlungsfeld with filters, search and charts; then every goal with its indicators, targets and
// attainment, rolled up to Leitziel and Themenfeld. Internal indicators count here.
export async function loader({ request, context }: Route.LoaderArgs) {
  const role = requireRole(context, "viewer");
  const { tenant } = context.get(tenantContext);
  const url = new URL(request.url);
  const wanted = url.searchParams.get("fassung");
  return tenantTx(context, async (tx) => {
    const editions = await listEditions(tx);
    const e = await currentEdition(tx, wanted && /^[0-9a-f-]{36}$/i.test(wanted) ? wanted : null);
    const c = e ? await controllingData(tx, e.id, url, tFor(context), { publicOnly: false }) : null;
    return {
      slug: tenant.slug,
      hasMembers: tenant.kind !== "kommune",
      canEdit: roleAtLeast(role, "editor"),
      editions: editions.map((x) => ({ id: x.id, title: x.title, status: x.status })),
      edition: e ? { id: e.id, title: e.title } : null,
      // A Fortschreibung not yet adopted may take over the targets and links of its source edition.
      carryFrom:
        e?.sourceEditionId && (e.status === "entwurf" || e.status === "in_beratung")
          ? (editions.find((x) => x.id === e.sourceEditionId)?.title ?? null)
          : null,
      carried: url.searchParams.get("uebernommen"),
      tree: c?.tree ?? null,
      controlling: c ? { ...c, tree: undefined } : null,
    };
  });
}

export async function action({ request, context }: Route.ActionArgs) {
  requireRole(context, "editor");
  const { tenant } = context.get(tenantContext);
  const f = await request.formData();
  const edition = String(f.get("edition") ?? "");
  const r = await tenantTx(context, (tx) => carryLinks(tx, edition));
  if (!r.ok) return data({ intent: "carry", errors: failureErrors(context, r) }, { status: 400 });
  const n = r.value.targets + r.value.measureIndicators + r.value.measureAreas;
  return redirect(`/t/${tenant.slug}/verwaltung/steuerung?fassung=${edition}&uebernommen=${n}`);
}

export default function SteeringOverview({ loaderData: d, actionData }: Route.ComponentProps) {
  const t = useT();
  const base = `/t/${d.slug}/verwaltung/steuerung`;
  // The downloads follow the filter and the edition shown (every page of the filtered list).
  const query = new URLSearchParams(listQuery(useLocation().search, ["uebernommen"]));
  if (d.edition) query.set("fassung", d.edition.id);
  const downloads = d.canEdit
    ? [
        { href: `${base}/export/xlsx?${query}`, label: t("concept.measures.exportXlsx") },
        { href: `${base}/export/csv?${query}`, label: t("concept.measures.exportCsv") },
      ]
    : undefined;
  return (
    <>
      <PageTitle>{t("steering.staff.title")}</PageTitle>
      <h1 className="kern-heading-large">{t("steering.staff.title")}</h1>
      <p className="kern-body">{t("steering.staff.intro")}</p>
      {d.hasMembers && (
        <p className="kern-body">
          <Link className="kern-link" to={`${base}/kommunen`}>
            {t("steering.members.link")}
          </Link>
        </p>
      )}
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
          <h2 className="kern-heading-medium">
            <Content>{d.edition.title}</Content>
          </h2>
          {d.carried !== null && <Alert kind="success">{t("steering.carry.done", { count: Number(d.carried) })}</Alert>}
          {d.canEdit && d.carryFrom !== null && (
            <ActionForm
              intent="carry"
              hidden={{ edition: d.edition.id }}
              heading={t("steering.carry.heading")}
              headingId="carry"
              errors={actionData?.errors as Record<string, string> | undefined}
              submit={t("steering.carry.submit")}
            >
              <p className="kern-body">{t("steering.carry.intro", { from: d.carryFrom })}</p>
            </ActionForm>
          )}
          {d.controlling && (
            <ControllingView
              d={d.controlling}
              hidden={d.editions.length > 1 ? { fassung: d.edition.id } : undefined}
              downloads={downloads}
              measureLinks={(m) => ({
                href: `/t/${d.slug}/verwaltung/massnahmen/${m.id}`,
                extra: { href: `${base}/massnahme/${m.id}`, label: t("steering.dashboard.steeringLink") },
              })}
            />
          )}
          <section aria-labelledby="h-goals" className="stack">
            <h2 id="h-goals" className="kern-heading-medium">
              {t("steering.dashboard.goals")}
            </h2>
            <Summary counts={d.tree.counts} />
            {d.tree.targets === 0 && <p className="kern-body">{t("steering.staff.noTargetsYet")}</p>}
            <GoalTree
              roots={d.tree.roots}
              slug={d.slug}
              goalHref={d.canEdit ? (id) => `${base}/ziel/${id}` : undefined}
            />
          </section>
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
