import { Form, useSearchParams } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/audit";
import { requireRole, tenantTx } from "../http/context";
import { auditEntities, countAudit, listAudit } from "../audit/service";
import { addDays, isIsoDate, startOfDayBerlin } from "../dates";
import { pageQuery } from "../pagination";
import { Pagination } from "../ui/pagination";
import { PageTitle } from "../ui/forms";
import { useFormat, useT } from "../ui/hooks";
import { DataTable } from "../ui/table";

const PAGE = 50;
const Filter = z.object({
  entity: z.string().max(100).optional().catch(undefined),
  action: z.string().max(100).optional().catch(undefined),
  actor: z.string().max(200).optional().catch(undefined),
  q: z.string().max(200).optional().catch(undefined),
  from: z.string().refine(isIsoDate).optional().catch(undefined),
  to: z.string().refine(isIsoDate).optional().catch(undefined),
});

export async function loader({ request, context }: Route.LoaderArgs) {
  requireRole(context, "admin");
  const url = new URL(request.url);
  const f = Filter.parse(Object.fromEntries([...url.searchParams].filter(([, v]) => v !== "")));
  // The date fields mean Berlin calendar days, whatever the server's clock zone.
  const filter = {
    ...f,
    from: f.from ? startOfDayBerlin(f.from) : undefined,
    to: f.to ? new Date(startOfDayBerlin(addDays(f.to, 1)).getTime() - 1) : undefined,
  };
  return tenantTx(context, async (tx) => {
    const { items, ...page } = await pageQuery(
      url,
      PAGE,
      () => countAudit(tx, filter),
      (limit, offset) => listAudit(tx, { ...filter, limit, offset }),
    );
    return { entries: items, page, entities: await auditEntities(tx) };
  });
}

export default function Audit({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const fmt = useFormat();
  const [current] = useSearchParams();
  const entries = loaderData.entries;
  return (
    <>
      <PageTitle>{t("audit.title")}</PageTitle>
      <h1 className="kern-heading-large">{t("audit.title")}</h1>
      <p className="kern-body">{t("audit.intro")}</p>
      <Form method="get" className="form-grid">
        <div className="kern-form-input">
          <label className="kern-label" htmlFor="f-entity">
            {t("audit.entity")}
          </label>
          <div className="kern-form-input__select-wrapper">
            <select
              className="kern-form-input__select"
              id="f-entity"
              name="entity"
              defaultValue={current.get("entity") ?? ""}
            >
              <option value="">{t("audit.all")}</option>
              {loaderData.entities.map((e) => (
                <option key={e} value={e}>
                  {e}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="kern-form-input">
          <label className="kern-label" htmlFor="f-actor">
            {t("audit.actor")}
          </label>
          <input
            className="kern-form-input__input"
            id="f-actor"
            name="actor"
            defaultValue={current.get("actor") ?? ""}
          />
        </div>
        <div className="kern-form-input">
          <label className="kern-label" htmlFor="f-q">
            {t("audit.q")}
          </label>
          <input className="kern-form-input__input" id="f-q" name="q" defaultValue={current.get("q") ?? ""} />
        </div>
        <div className="kern-form-input">
          <label className="kern-label" htmlFor="f-from">
            {t("audit.from")}
          </label>
          <input
            className="kern-form-input__input"
            id="f-from"
            name="from"
            defaultValue={current.get("from") ?? ""}
            type="date"
          />
        </div>
        <div className="kern-form-input">
          <label className="kern-label" htmlFor="f-to">
            {t("audit.to")}
          </label>
          <input
            className="kern-form-input__input"
            id="f-to"
            name="to"
            defaultValue={current.get("to") ?? ""}
            type="date"
          />
        </div>
        <div>
          <button type="submit" className="kern-btn kern-btn--secondary">
            <span className="kern-label">{t("audit.filter")}</span>
          </button>
        </div>
      </Form>
      {entries.length === 0 ? (
        <p>{t("audit.empty")}</p>
      ) : (
        <DataTable
          small
          caption={t("audit.title")}
          headers={[t("audit.at"), t("audit.actor"), t("audit.action"), t("audit.entity"), t("audit.details")]}
        >
          {entries.map((e) => (
            <tr key={e.id} className="kern-table__row">
              <td className="kern-table__cell">{fmt.dateTime(e.at)}</td>
              <td className="kern-table__cell">{e.actorLabel}</td>
              <td className="kern-table__cell">{e.action}</td>
              <td className="kern-table__cell">
                {e.entity}
                {e.entityId ? ` ${e.entityId.slice(0, 8)}` : ""}
              </td>
              <td className="kern-table__cell">
                {(e.before != null || e.after != null) && (
                  <details>
                    <summary>{t("audit.details")}</summary>
                    {e.before != null && (
                      <>
                        <p className="kern-body--small">{t("audit.before")}</p>
                        <pre className="json">{JSON.stringify(e.before, null, 1)}</pre>
                      </>
                    )}
                    {e.after != null && (
                      <>
                        <p className="kern-body--small">{t("audit.after")}</p>
                        <pre className="json">{JSON.stringify(e.after, null, 1)}</pre>
                      </>
                    )}
                  </details>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <Pagination page={loaderData.page.page} pages={loaderData.page.pages} />
    </>
  );
}
