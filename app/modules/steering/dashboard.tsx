import { Link } from "react-router";
import { Content, useContentAttrs } from "~/kernel/ui/content";
import { ATTAINMENT_STATUSES } from "~/kernel/evidence";
import { DataTable } from "~/kernel/ui/table";
import { Select } from "~/kernel/ui/forms";
import { Pagination } from "~/kernel/ui/pagination";
import { useFormat, useT } from "~/kernel/ui/hooks";
import { useTerms } from "~/kernel/ui/terms";
import type { Controlling, ControllingMeasure } from "./services/controlling";
import { AttainmentBadge } from "./ui";

// The controlling overview shared by the staff page and the public accountability page: a GET form
// with the filters (the state lives in the URL, so it works without JavaScript and can be linked),
// the status of the measures by Themenfeld and Handlungsfeld as charts and tables, the measures
// with their goals named by number and text, and the attainment of every Leitziel.

export type ControllingData = Omit<Controlling, "tree" | "measures"> & {
  measures: { page: number; pages: number; total: number; items: ControllingMeasure[] };
  charts: { statusByThemenfeld: string | null; attainmentByLeitziel: string | null };
};

/** A filter: the kernel's select with "all" first; the current value comes from the URL. */
function FilterSelect({
  name,
  label,
  value,
  options,
}: {
  name: string;
  label: string;
  value: string | null;
  /** Tenant content unless an option says otherwise (a translated Handlungsfeld). */
  options: { value: string; label: string; content?: boolean }[];
}) {
  const t = useT();
  return (
    <Select
      id={`filter-${name}`}
      name={name}
      label={label}
      defaultValue={value ?? ""}
      options={[{ value: "", label: t("steering.dashboard.all") }, ...options.map((o) => ({ content: true, ...o }))]}
    />
  );
}

/** A server-drawn chart: the picture for the eye, named for screen readers, the table below for both. */
function ChartFigure({ svg, label, caption }: { svg: string | null; label: string; caption: string }) {
  if (!svg) return null;
  return (
    <figure className="steering-chart">
      <div role="img" aria-label={label} className="steering-chart__svg" dangerouslySetInnerHTML={{ __html: svg }} />
      <figcaption className="kern-body--small">{caption}</figcaption>
    </figure>
  );
}

type StatusCounts = { byStatus: Record<string, number>; total: number };

function StatusRow({
  label,
  counts,
  statuses,
  total,
  ours,
}: {
  label: string;
  counts: StatusCounts;
  statuses: readonly string[];
  total?: boolean;
  ours?: boolean;
}) {
  const content = useContentAttrs();
  return (
    <tr className={`kern-table__row${total ? " steering-total" : ""}`}>
      <th scope="row" className="kern-table__cell" {...(ours ? {} : content)}>
        {label}
      </th>
      {statuses.map((s) => (
        <td key={s} className="kern-table__cell kern-table__cell--numeric">
          {counts.byStatus[s]}
        </td>
      ))}
      <td className="kern-table__cell kern-table__cell--numeric">{counts.total}</td>
    </tr>
  );
}

/** Measures per status, a row per Themenfeld or Handlungsfeld, then the sum over all measures. */
function StatusTable({
  caption,
  first,
  statuses,
  rows,
  total,
}: {
  caption: string;
  first: string;
  statuses: readonly string[];
  /** `ours`: a row the interface names (not the tenant's Themenfeld or Handlungsfeld). */
  rows: ({ id: string; label: string; ours?: boolean } & StatusCounts)[];
  total: StatusCounts;
}) {
  const t = useT();
  return (
    <DataTable
      small
      caption={caption}
      headers={[
        first,
        ...statuses.map((s) => ({ label: t(`concept.status.${s}`), numeric: true })),
        { label: t("steering.dashboard.sum"), numeric: true },
      ]}
    >
      {rows.map((r) => (
        <StatusRow key={r.id} label={r.label} counts={r} statuses={statuses} ours={r.ours} />
      ))}
      <StatusRow label={t("steering.dashboard.allMeasures")} counts={total} statuses={statuses} total ours />
    </DataTable>
  );
}

export function ControllingView({
  d,
  hidden,
  measureLinks,
  downloads,
}: {
  d: ControllingData;
  /** Downloads of the filtered measures (staff editors): they carry the page's filter. */
  downloads?: { href: string; label: string }[];
  /** Query parameters the filter form keeps (the staff page's edition). */
  hidden?: Record<string, string>;
  /** Where a measure's title leads, and further links beside it (staff: its steering page). */
  measureLinks: (m: ControllingMeasure) => { href: string; extra?: { href: string; label: string } };
}) {
  const t = useT();
  const f = useFormat();
  const content = useContentAttrs();
  const terms = useTerms();
  const fl = d.filter;
  // A Handlungsfeld with a translation is named by the interface; the tenant's own stays German content.
  const hfRows = d.byHandlungsfeld.map((r) => {
    const x = r.term ? terms.text(r.term) : { text: r.label, content: true };
    return { ...r, label: x.text, ours: !x.content };
  });
  return (
    <>
      <section aria-labelledby="h-measures-overview" className="stack">
        <h2 id="h-measures-overview" className="kern-heading-medium">
          {t("steering.dashboard.title")}
        </h2>
        <form method="get" className="steering-filter" aria-labelledby="h-filter">
          <h3 id="h-filter" className="kern-heading-small">
            {t("steering.dashboard.filter")}
          </h3>
          {Object.entries(hidden ?? {}).map(([k, v]) => (
            <input key={k} type="hidden" name={k} value={v} />
          ))}
          <div className="steering-filter__fields">
            <FilterSelect
              name="themenfeld"
              label={t("steering.dashboard.themenfeld")}
              value={fl.themenfeld}
              options={d.options.themenfelder}
            />
            <FilterSelect
              name="handlungsfeld"
              label={t("steering.dashboard.handlungsfeld")}
              value={fl.handlungsfeld}
              options={terms.choices(d.options.handlungsfelder)}
            />
            <FilterSelect
              name="status"
              label={t("steering.dashboard.status")}
              value={fl.status}
              options={d.statuses.map((s) => ({ value: s, label: t(`concept.status.${s}`) }))}
            />
            <FilterSelect
              name="federfuehrung"
              label={t("steering.dashboard.lead")}
              value={fl.lead}
              options={d.options.leads}
            />
            {d.options.areas.length > 0 && (
              <FilterSelect
                name="stadtteil"
                label={t("steering.dashboard.area")}
                value={fl.area}
                options={d.options.areas}
              />
            )}
            <div className="kern-form-input">
              <label className="kern-label" htmlFor="filter-suche">
                {t("steering.dashboard.search")}
              </label>
              <input
                className="kern-form-input__input"
                id="filter-suche"
                name="suche"
                type="search"
                defaultValue={fl.q ?? ""}
              />
            </div>
          </div>
          <div className="kern-form-check">
            <input
              className="kern-form-check__checkbox"
              type="checkbox"
              id="filter-ueberfaellig"
              name="ueberfaellig"
              value="1"
              defaultChecked={fl.overdue}
            />
            <label className="kern-label" htmlFor="filter-ueberfaellig">
              {t("steering.dashboard.overdueOnly")}
            </label>
          </div>
          <div className="actions">
            <button type="submit" className="kern-btn kern-btn--primary">
              <span className="kern-label">{t("steering.dashboard.apply")}</span>
            </button>
            {d.filtered && (
              <Link
                className="kern-link"
                to={hidden && Object.keys(hidden).length ? `?${new URLSearchParams(hidden).toString()}` : "?"}
              >
                {t("steering.dashboard.reset")}
              </Link>
            )}
          </div>
        </form>

        <p className="kern-body" role="status">
          {t(d.filtered ? "steering.dashboard.countFiltered" : "steering.dashboard.count", { count: d.total.total })}
          {d.overdueMilestones > 0 && ` ${t("steering.dashboard.overdueCount", { count: d.overdueMilestones })}`}
        </p>
        {downloads?.length ? (
          <p className="actions">
            {downloads.map((x) => (
              <a key={x.href} className="kern-link" href={x.href} download>
                {x.label}
              </a>
            ))}
          </p>
        ) : null}

        <h3 className="kern-heading-small" id="h-by-tf">
          {t("steering.dashboard.byThemenfeld")}
        </h3>
        <ChartFigure
          svg={d.charts.statusByThemenfeld}
          label={t("steering.dashboard.chartStatusAlt")}
          caption={t("steering.dashboard.chartStatusCaption")}
        />
        <StatusTable
          caption={t("steering.dashboard.byThemenfeld")}
          first={t("steering.dashboard.themenfeld")}
          statuses={d.statuses}
          rows={d.byThemenfeld}
          total={d.total}
        />

        <h3 className="kern-heading-small" id="h-by-hf">
          {t("steering.dashboard.byHandlungsfeld")}
        </h3>
        <p className="kern-body--small">{t("steering.dashboard.byHandlungsfeldNote")}</p>
        <StatusTable
          caption={t("steering.dashboard.byHandlungsfeld")}
          first={t("steering.dashboard.handlungsfeld")}
          statuses={d.statuses}
          rows={
            d.withoutHandlungsfeld.total > 0
              ? [...hfRows, { ...d.withoutHandlungsfeld, label: t("steering.dashboard.noHandlungsfeld"), ours: true }]
              : hfRows
          }
          total={d.total}
        />

        <h3 className="kern-heading-small" id="h-measure-list">
          {t("steering.dashboard.measures")}
        </h3>
        {d.measures.items.length === 0 ? (
          <p className="kern-body">{t("steering.dashboard.noMeasures")}</p>
        ) : (
          <>
            <DataTable
              small
              caption={t("steering.dashboard.measures")}
              headers={[
                t("steering.dashboard.measure"),
                t("steering.dashboard.status"),
                t("steering.dashboard.lead"),
                t("steering.dashboard.goals"),
                t("steering.dashboard.handlungsfelder"),
                t("steering.dashboard.areas"),
                { label: t("steering.dashboard.overdueMilestones"), numeric: true },
              ]}
            >
              {d.measures.items.map((m) => {
                const l = measureLinks(m);
                return (
                  <tr key={m.id} className="kern-table__row">
                    <td className="kern-table__cell">
                      {m.code}{" "}
                      <Link className="kern-link" to={l.href}>
                        <Content>{m.title}</Content>
                      </Link>
                      {l.extra && (
                        <>
                          {" · "}
                          <Link className="kern-link" to={l.extra.href}>
                            {l.extra.label}
                            <span className="kern-sr-only">
                              {" – "}
                              <Content>{m.title}</Content>
                            </span>
                          </Link>
                        </>
                      )}
                    </td>
                    <td className="kern-table__cell">
                      {t(`concept.status.${m.status}`)}
                      {m.endsOn && (
                        <span className="kern-body--small">
                          {" "}
                          ({t("steering.dashboard.until", { date: f.date(m.endsOn) })})
                        </span>
                      )}
                    </td>
                    <td className="kern-table__cell" {...content}>
                      {m.lead ?? "–"}
                    </td>
                    <td className="kern-table__cell">
                      <ul className="steering-goals">
                        {m.goals.map((g) => (
                          <li key={g.ref}>
                            {g.ref} <Content>{g.title}</Content>
                          </li>
                        ))}
                      </ul>
                    </td>
                    <td className="kern-table__cell" {...content}>
                      {m.handlungsfelder.join(", ") || "–"}
                    </td>
                    <td className="kern-table__cell" {...content}>
                      {m.areas.join(", ") || "–"}
                    </td>
                    <td className="kern-table__cell kern-table__cell--numeric">{m.overdueMilestones}</td>
                  </tr>
                );
              })}
            </DataTable>
            <Pagination page={d.measures.page} pages={d.measures.pages} />
          </>
        )}
      </section>

      <section aria-labelledby="h-attainment" className="stack">
        <h2 id="h-attainment" className="kern-heading-medium">
          {t("steering.dashboard.attainment")}
        </h2>
        {d.leitziele.length === 0 ? (
          <p className="kern-body">{t("steering.noTargets")}</p>
        ) : (
          <>
            <ChartFigure
              svg={d.charts.attainmentByLeitziel}
              label={t("steering.dashboard.chartAttainmentAlt")}
              caption={t("steering.dashboard.chartAttainmentCaption")}
            />
            <DataTable
              small
              caption={t("steering.dashboard.attainment")}
              headers={[
                t("steering.dashboard.leitziel"),
                t("steering.statusLabel"),
                ...ATTAINMENT_STATUSES.map((s) => ({
                  label: t("steering.dashboard.targetsWith", { status: t(`steering.status.${s}`) }),
                  numeric: true,
                })),
              ]}
            >
              {d.leitziele.map((l) => (
                <tr key={l.id} className="kern-table__row">
                  <th scope="row" className="kern-table__cell">
                    {l.themenfeld}/{l.number} <Content>{l.title}</Content>
                  </th>
                  <td className="kern-table__cell">
                    <AttainmentBadge status={l.status} />
                  </td>
                  {ATTAINMENT_STATUSES.map((s) => (
                    <td key={s} className="kern-table__cell kern-table__cell--numeric">
                      {l.targets[s]}
                    </td>
                  ))}
                </tr>
              ))}
            </DataTable>
          </>
        )}
      </section>
    </>
  );
}
