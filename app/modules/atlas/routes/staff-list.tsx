import "./strings";
import { data, Link, redirect } from "react-router";
import type { Route } from "./+types/staff-list";
import { config } from "~/kernel/config";
import { requireRole, tenantContext, tenantTx } from "~/kernel/http/context";
import { roleAtLeast } from "~/kernel/roles";
import { Alert, PageTitle, PostForm } from "~/kernel/ui/forms";
import { useFormat, useT } from "~/kernel/ui/hooks";
import { actorOf } from "../http";
import { countEntriesForActor, countUnlocatedEntries, listEntriesForActor } from "../service";
import { queueUnlocated } from "../geocoder";
import { pageQuery } from "~/kernel/pagination";
import { Pagination } from "~/kernel/ui/pagination";

const PAGE_SIZE = 100;

export async function loader({ request, context }: Route.LoaderArgs) {
  requireRole(context, "partner");
  const actor = actorOf(context);
  const { tenant } = context.get(tenantContext);
  const [{ items: entries, ...page }, unlocated] = await tenantTx(context, (tx) =>
    Promise.all([
      pageQuery(
        new URL(request.url),
        PAGE_SIZE,
        () => countEntriesForActor(tx, actor),
        (limit, offset) => listEntriesForActor(tx, actor, { limit, offset }),
      ),
      countUnlocatedEntries(tx, actor),
    ]),
  );
  const staff = roleAtLeast(actor.role ?? undefined, "editor");
  const queued = Number(new URL(request.url).searchParams.get("geocoder"));
  return {
    slug: tenant.slug,
    role: actor.role,
    canCreate: actor.role === "partner" || staff,
    staff,
    // Staff may ask the operator's geocoder again for every address without a point (decision 0053).
    geocoder: staff && !!config().geocoder,
    queued: Number.isInteger(queued) && queued > 0 ? queued : null,
    entries,
    unlocated,
    page: { page: page.page, pages: page.pages, total: page.total },
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  requireRole(context, "editor");
  const { tenant } = context.get(tenantContext);
  const intent = String((await request.formData()).get("intent") ?? "");
  if (intent !== "geocode" || !config().geocoder) throw data(null, { status: 400 });
  const n = await tenantTx(context, (tx) => queueUnlocated(tx));
  return redirect(`/t/${tenant.slug}/verwaltung/angebote?geocoder=${n}#ohne-kartenpunkt`);
}

export default function StaffList({ loaderData: d }: Route.ComponentProps) {
  const t = useT();
  const fmt = useFormat();
  const base = `/t/${d.slug}/verwaltung/angebote`;
  return (
    <>
      <PageTitle>{t("atlas.staff.title")}</PageTitle>
      <h1 className="kern-heading-large">{t("atlas.staff.title")}</h1>
      <p className="kern-body">{d.staff ? t("atlas.staff.introStaff") : t("atlas.staff.introPartner")}</p>
      <p className="actions">
        {d.canCreate && (
          <Link className="kern-btn kern-btn--primary" to={`${base}/neu`}>
            <span className="kern-label">{t("atlas.staff.new")}</span>
          </Link>
        )}
        {d.staff && (
          <Link className="kern-link" to={`${base}/freigabe`}>
            {t("atlas.staff.moderation")}
          </Link>
        )}
        {d.role !== "partner" && (
          <Link className="kern-link" to={`${base}/luecken`}>
            {t("atlas.staff.gaps")}
          </Link>
        )}
      </p>
      {d.queued && <Alert kind="success">{t("atlas.staff.geocoderQueued", { count: d.queued })}</Alert>}
      {d.unlocated > 0 && (
        <div className="kern-alert kern-alert--warning" id="ohne-kartenpunkt">
          <div className="kern-alert__body">
            <p className="kern-body">{t("atlas.staff.unlocatedNotice", { count: d.unlocated })}</p>
            {d.geocoder && (
              <PostForm>
                <input type="hidden" name="intent" value="geocode" />
                <p className="kern-body">{t("atlas.staff.geocoderHint")}</p>
                <button type="submit" className="kern-btn kern-btn--secondary">
                  <span className="kern-label">{t("atlas.staff.geocoderRetry")}</span>
                </button>
              </PostForm>
            )}
          </div>
        </div>
      )}
      {d.entries.length === 0 ? (
        <p>{t("atlas.staff.empty")}</p>
      ) : (
        <>
          <p className="kern-body" role="status">
            {t("atlas.staff.count", { count: d.page.total })}
            {d.page.pages > 1 ? ` · ${t("atlas.staff.page", { page: d.page.page, pages: d.page.pages })}` : ""}
          </p>
          <div className="table-wrap" tabIndex={0}>
            <table className="kern-table">
              <caption className="kern-sr-only">{t("atlas.staff.title")}</caption>
              <thead className="kern-table__head">
                <tr className="kern-table__row">
                  <th scope="col" className="kern-table__header">
                    {t("atlas.form.titleIn", { lang: "Deutsch" })}
                  </th>
                  <th scope="col" className="kern-table__header">
                    {t("atlas.form.kind")}
                  </th>
                  <th scope="col" className="kern-table__header">
                    {t("atlas.entry.provider")}
                  </th>
                  <th scope="col" className="kern-table__header">
                    {t("atlas.staff.status")}
                  </th>
                  <th scope="col" className="kern-table__header">
                    {t("atlas.entry.lastConfirmed")}
                  </th>
                </tr>
              </thead>
              <tbody className="kern-table__body">
                {d.entries.map((e) => (
                  <tr key={e.id} className="kern-table__row">
                    <th scope="row" className="kern-table__cell">
                      {d.canCreate ? (
                        <Link className="kern-link" to={`${base}/${e.id}`}>
                          {e.title}
                        </Link>
                      ) : (
                        e.title
                      )}
                      {e.isDemo && <span className="kern-body--small"> ({t("atlas.entry.demo")})</span>}
                    </th>
                    <td className="kern-table__cell">{t(`atlas.kind.${e.kind}`)}</td>
                    <td className="kern-table__cell">{e.provider ?? "–"}</td>
                    <td className="kern-table__cell">
                      {t(`atlas.staff.statusValues.${e.status}`)}
                      {e.hasPending && (
                        <>
                          <br />
                          {t("atlas.staff.changePending")}
                        </>
                      )}
                      {e.unlocated > 0 && (
                        <>
                          <br />
                          <strong>{t("atlas.staff.unlocated")}</strong>
                        </>
                      )}
                      {e.stale && e.status === "published" && (
                        <>
                          <br />
                          {t("atlas.staff.stale")}
                        </>
                      )}
                      {e.status === "rejected" && e.rejectionReason && (
                        <>
                          <br />
                          {t("atlas.staff.rejectedBecause", { reason: e.rejectionReason })}
                        </>
                      )}
                    </td>
                    <td className="kern-table__cell">{fmt.date(e.lastConfirmedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination page={d.page.page} pages={d.page.pages} label={t("atlas.staff.pagination")} />
        </>
      )}
    </>
  );
}
