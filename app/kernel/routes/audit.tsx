import { Form, useSearchParams } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/audit";
import { requestContext, requireRole, tenantTx } from "../http/context";
import { auditActions, auditEntities, countAudit, listAudit } from "../audit/service";
import { auditLabel, auditRecordName } from "../audit/labels.server";
import { addDays, isIsoDate, startOfDayBerlin } from "../dates";
import { pageQuery } from "../pagination";
import { Pagination } from "../ui/pagination";
import { Content } from "../ui/content";
import { PageTitle, Select } from "../ui/forms";
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
  const { lang } = context.get(requestContext);
  // Codes become words here, on the server, where every module's labels are (labels.server.ts).
  const option = (kind: "entities" | "actions") => (code: string) => ({ code, label: auditLabel(lang, kind, code) });
  const byLabel = (a: Coded, b: Coded) => (a.label ?? a.code).localeCompare(b.label ?? b.code, lang);
  return tenantTx(context, async (tx) => {
    const { items, ...page } = await pageQuery(
      url,
      PAGE,
      () => countAudit(tx, filter),
      (limit, offset) => listAudit(tx, { ...filter, limit, offset }),
    );
    return {
      entries: items.map((e) => ({
        ...e,
        actionLabel: auditLabel(lang, "actions", e.action),
        entityLabel: auditLabel(lang, "entities", e.entity),
        recordName: auditRecordName(e.after, e.before),
      })),
      page,
      entities: (await auditEntities(tx)).map(option("entities")).sort(byLabel),
      actions: (await auditActions(tx)).map(option("actions")).sort(byLabel),
    };
  });
}

type Coded = { code: string; label?: string };

/** A declared word, else the code itself marked as a code (a module that has not named it yet). */
function Word({ label, code }: Coded) {
  return label ?? <code lang="zxx">{code}</code>;
}

/** A filter's choice of codes, shown by their words. */
function CodeSelect({ id, name, label, options }: { id: string; name: string; label: string; options: Coded[] }) {
  const t = useT();
  const [current] = useSearchParams();
  return (
    <Select
      id={id}
      name={name}
      label={label}
      defaultValue={current.get(name) ?? ""}
      options={[
        { value: "", label: t("audit.all") },
        ...options.map((o) => ({ value: o.code, label: o.label ?? o.code })),
      ]}
    />
  );
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
        <CodeSelect id="f-entity" name="entity" label={t("audit.entity")} options={loaderData.entities} />
        <CodeSelect id="f-action" name="action" label={t("audit.action")} options={loaderData.actions} />
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
              <td className="kern-table__cell">
                <Word label={e.actionLabel} code={e.action} />
              </td>
              <td className="kern-table__cell">
                <Word label={e.entityLabel} code={e.entity} />
                {e.recordName ? (
                  <>
                    {": "}
                    <Content>{e.recordName}</Content>
                  </>
                ) : (
                  e.entityId && (
                    <>
                      {" "}
                      <code>{e.entityId.slice(0, 8)}</code>
                    </>
                  )
                )}
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
