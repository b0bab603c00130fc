import { Form, Link, useLocation } from "react-router";
import { Content, useContentAttrs, withContent } from "~/kernel/ui/content";
import { labelled } from "~/kernel/taxonomy/label";
import { TermList, useTerms } from "~/kernel/ui/terms";
import type { Route } from "./+types/staff-measures";
import { tenantContext, tenantTx } from "~/kernel/http/context";
import { listOrganisations } from "~/kernel/organisations/service";
import { Alert, PageTitle } from "~/kernel/ui/forms";
import { useFormat, useT } from "~/kernel/ui/hooks";
import { MEASURE_STATUSES } from "../constants";
import { listEditions, listHandlungsfelder } from "../services/concept";
import { countMeasures, listMeasures } from "../services/measures";
import { editionFor, measureListFilter, requireMember } from "../http.server";
import { StatusTag } from "../ui";
import { Pagination } from "~/kernel/ui/pagination";
import { listQuery, pageQuery } from "~/kernel/pagination";
import { DataTable } from "~/kernel/ui/table";

const PAGE_SIZE = 100;

export async function loader({ request, context }: Route.LoaderArgs) {
  const w = requireMember(context);
  const url = new URL(request.url);
  const p = url.searchParams;
  const { tenant } = context.get(tenantContext);
  return tenantTx(context, async (tx) => {
    const edition = await editionFor(context, tx, url);
    const [hfs, orgs, eds] = await Promise.all([listHandlungsfelder(tx), listOrganisations(tx), listEditions(tx)]);
    if (!edition)
      return {
        deleted: false,
        total: 0,
        page: 1,
        pages: 1,
        query: "",
        slug: tenant.slug,
        edition: null,
        editions: [],
        items: [],
        hfs: [],
        orgs: [],
        tfs: [],
        filters: {},
        canEdit: w.isEditor,
      };
    const { tfs, filters, filter } = await measureListFilter(tx, w, edition.id, p, { hfs, orgs });
    // Counted and cut in SQL: only the page's measures are read.
    const {
      items: shown,
      page,
      pages,
      total,
    } = await pageQuery(
      p,
      PAGE_SIZE,
      () => countMeasures(tx, filter),
      (limit, offset) => listMeasures(tx, filter, { limit, offset }),
    );
    return {
      // Back from deleting a measure of a draft (staff measure page).
      deleted: p.get("geloescht") === "1",
      total,
      page,
      pages,
      slug: tenant.slug,
      edition: { id: edition.id, title: edition.title },
      editions: eds.map((e) => ({ id: e.id, title: e.title, status: e.status })),
      items: shown.map((m) => ({
        id: m.id,
        code: m.code,
        title: m.title,
        status: m.status,
        progress: m.progress,
        lead: m.lead?.name ?? "–",
        hf: m.handlungsfeldIds,
        overdue: m.overdueMilestones,
        lastUpdate: m.lastUpdate,
        example: !!m.exampleNote,
      })),
      hfs: hfs.map((h) => ({ ...labelled(h), shortName: h.shortName })),
      orgs: orgs.map((o) => ({ value: o.id, label: o.name, content: true })),
      tfs,
      filters,
      canEdit: w.isEditor,
    };
  });
}

export default function Measures({ loaderData: d }: Route.ComponentProps) {
  const t = useT();
  const fmt = useFormat();
  const base = `/t/${d.slug}/verwaltung/massnahmen`;
  const title = t("concept.measures.title");
  const f = d.filters as Record<string, string | boolean>;
  // The downloads hold what the filters select (every page of it), in this edition.
  const search = useLocation().search;
  const exportParams = new URLSearchParams(listQuery(search, ["geloescht"]));
  if (d.edition) exportParams.set("fassung", d.edition.id);
  const exportQuery = exportParams.toString();
  const terms = useTerms();
  const content = useContentAttrs();
  const hfById = new Map(d.hfs.map((h) => [h.id, h]));
  const sel = (name: string, label: string, options: { value: string; label: string; content?: boolean }[]) => (
    <div className="kern-form-input">
      <label className="kern-label" htmlFor={`flt-${name}`}>
        {label}
      </label>
      <div className="kern-form-input__select-wrapper">
        <select className="kern-form-input__select" id={`flt-${name}`} name={name} defaultValue={String(f[name] ?? "")}>
          <option value="">{t("concept.measures.all")}</option>
          {options.map((o) => (
            <option key={o.value} value={o.value} {...(o.content ? content : {})}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
  return (
    <>
      <PageTitle>{title}</PageTitle>
      <h1 className="kern-heading-large">{title}</h1>
      {d.deleted && <Alert kind="success">{t("concept.detail.deleted")}</Alert>}
      {!d.edition ? (
        <p className="kern-body">{t("concept.noEdition")}</p>
      ) : (
        <>
          <p className="kern-body">{withContent(t, "concept.measures.edition", { title: d.edition.title })}</p>
          {d.canEdit && (
            <p className="actions">
              <Link className="kern-btn kern-btn--primary" to={`${base}/neu?fassung=${d.edition.id}`}>
                <span className="kern-label">{t("concept.measures.new")}</span>
              </Link>
              <a className="kern-link" href={`${base}/export/xlsx?${exportQuery}`}>
                {t("concept.measures.exportXlsx")}
              </a>
              <a className="kern-link" href={`${base}/export/csv?${exportQuery}`}>
                {t("concept.measures.exportCsv")}
              </a>
              <Link className="kern-link" to={`${base}/import`}>
                {t("concept.measures.import")}
              </Link>
            </p>
          )}
          <Form method="get" className="concept-filters" role="search" aria-label={t("concept.measures.filter")}>
            <input type="hidden" name="fassung" value={d.edition.id} />
            <div className="kern-form-input">
              <label className="kern-label" htmlFor="flt-q">
                {t("concept.measures.search")}
              </label>
              <input
                className="kern-form-input__input"
                id="flt-q"
                name="q"
                type="search"
                defaultValue={String(f.q ?? "")}
              />
            </div>
            {sel(
              "status",
              t("concept.measure.status"),
              MEASURE_STATUSES.map((s) => ({ value: s, label: t(`concept.status.${s}`) })),
            )}
            {sel(
              "themenfeld",
              t("concept.themenfeldLabel"),
              d.tfs.map((x) => ({ value: x.id, label: x.label })),
            )}
            {sel("handlungsfeld", t("concept.measure.handlungsfeld"), terms.choices(d.hfs))}
            {sel("lead", t("concept.measure.lead"), d.orgs)}
            <div className="kern-form-check">
              <input
                className="kern-form-check__checkbox"
                type="checkbox"
                id="flt-overdue"
                name="overdue"
                value="1"
                defaultChecked={!!f.overdue}
              />
              <label className="kern-label" htmlFor="flt-overdue">
                {t("concept.measures.overdueOnly")}
              </label>
            </div>
            <div className="kern-form-check">
              <input
                className="kern-form-check__checkbox"
                type="checkbox"
                id="flt-stale"
                name="stale"
                value="1"
                defaultChecked={!!f.stale}
              />
              <label className="kern-label" htmlFor="flt-stale">
                {t("concept.measures.staleOnly")}
              </label>
            </div>
            <div>
              <button type="submit" className="kern-btn kern-btn--secondary">
                <span className="kern-label">{t("concept.measures.apply")}</span>
              </button>
            </div>
          </Form>
          <p className="kern-body" role="status">
            {t("concept.measures.count", { count: d.total })}
            {d.pages > 1 ? ` · ${t("concept.measures.page", { page: d.page, pages: d.pages })}` : ""}
          </p>
          <DataTable
            caption={title}
            headers={[
              t("concept.measure.code"),
              t("concept.measure.title"),
              t("concept.measure.status"),
              t("concept.progress"),
              t("concept.measure.lead"),
              t("concept.measure.handlungsfelder"),
              t("concept.measures.overdue"),
              t("concept.measures.lastUpdate"),
            ]}
          >
            {d.items.map((m) => (
              <tr key={m.id} className="kern-table__row">
                <td className="kern-table__cell">{m.code}</td>
                <th scope="row" className="kern-table__cell">
                  <Link className="kern-link" to={`${base}/${m.id}`}>
                    <Content>{m.title}</Content>
                  </Link>
                  {m.example ? ` (${t("concept.exampleShort")})` : ""}
                </th>
                <td className="kern-table__cell">
                  <StatusTag status={m.status} />
                </td>
                <td className="kern-table__cell">{m.progress} %</td>
                <td className="kern-table__cell">
                  <Content>{m.lead}</Content>
                </td>
                <td className="kern-table__cell">
                  <TermList
                    empty=""
                    terms={m.hf.flatMap((id) => {
                      const h = hfById.get(id);
                      return h ? [{ ...h, name: h.shortName }] : [];
                    })}
                  />
                </td>
                <td className="kern-table__cell">{m.overdue || "–"}</td>
                <td className="kern-table__cell">{fmt.date(m.lastUpdate)}</td>
              </tr>
            ))}
          </DataTable>
          <Pagination page={d.page} pages={d.pages} label={t("concept.measures.pagination")} />
        </>
      )}
    </>
  );
}
