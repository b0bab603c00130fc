import type { ReactNode } from "react";
import { Link } from "react-router";
import { translateError } from "~/kernel/errors";
import { useT } from "~/kernel/ui/hooks";
import { Alert } from "~/kernel/ui/forms";
import { valueState } from "~/kernel/value-states";
import type { ImportReport } from "./services/importer";

/** The report of a dry run or an import: outcome, every bad row by number, a preview, skipped series. */
export function ImportReportView({ r, slug }: { r: ImportReport; slug: string }) {
  const t = useT();
  // The source's symbols as read: "." is "geheim (.)", "(12,3)" stays in brackets, "-" arrived as 0.
  const previewValue = (p: ImportReport["preview"][number]) => {
    if (p.value === null) return t(`monitoring.states.${valueState({ ...p, suppressed: false })}`);
    return p.symbol === "()" ? `(${p.value})` : p.value;
  };
  const skippedRows = r.skippedRows ?? [];
  return (
    <section aria-labelledby="rep-h" className="stack">
      <h2 id="rep-h" className="kern-heading-medium">
        {t("monitoring.step3")}
      </h2>
      {r.errorCount > 0 ? (
        <Alert kind="danger">{t("monitoring.dryRunErrors", { count: r.errorCount })}</Alert>
      ) : r.committed ? (
        <Alert kind="success">
          {t("monitoring.committed", { inserted: r.inserted, updated: r.updated, unchanged: r.unchanged })}
        </Alert>
      ) : r.alreadyImported && !r.dryRun ? (
        <Alert kind="info">{t("monitoring.alreadyImported")}</Alert>
      ) : (
        <Alert kind="info">
          {t("monitoring.dryRunOk", {
            observations: r.observations,
            rows: r.rowsRead,
            inserted: r.inserted,
            updated: r.updated,
            unchanged: r.unchanged,
            skipped: r.skipped,
          })}
        </Alert>
      )}
      {r.errors.length > 0 && (
        <NumberedRows
          caption={t("monitoring.dryRunErrors", { count: r.errorCount })}
          headers={[t("monitoring.line"), t("monitoring.message")]}
          rows={r.errors.map((e) => [e.line || "–", translateError(t, e)])}
        />
      )}
      {r.errorCount === 0 && r.preview.length > 0 && (
        <div className="table-wrap" tabIndex={0}>
          <table className="kern-table">
            <caption>{t("monitoring.previewResult", { count: r.preview.length, total: r.observations })}</caption>
            <thead className="kern-table__head">
              <tr className="kern-table__row">
                <th scope="col" className="kern-table__header">
                  {t("monitoring.line")}
                </th>
                <th scope="col" className="kern-table__header">
                  {t("monitoring.area")}
                </th>
                <th scope="col" className="kern-table__header">
                  {t("monitoring.period")}
                </th>
                <th scope="col" className="kern-table__header">
                  {t("monitoring.indicator")}
                </th>
                <th scope="col" className="kern-table__header">
                  {t("monitoring.group")}
                </th>
                <th scope="col" className="kern-table__header num">
                  {t("monitoring.value")}
                </th>
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {r.preview.map((p, i) => (
                <tr key={i} className="kern-table__row">
                  <th scope="row" className="kern-table__cell">
                    {p.line}
                  </th>
                  <td className="kern-table__cell">
                    {p.target ? `${t(`monitoring.levels.${p.target.level}`)} ${p.target.key} ${p.target.name}` : p.area}
                  </td>
                  <td className="kern-table__cell">{p.period}</td>
                  <td className="kern-table__cell">{p.indicator}</td>
                  <td className="kern-table__cell">{p.group}</td>
                  <td className="kern-table__cell num">{previewValue(p)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {r.skipped > 0 && (
        <NumberedRows
          caption={t("monitoring.skippedRows", { count: r.skipped })}
          headers={[t("monitoring.line"), t("monitoring.reason")]}
          rows={skippedRows.map((e) => [e.line, translateError(t, e)])}
        >
          {r.skipped > skippedRows.length && (
            <p>{t("monitoring.skippedRowsMore", { count: r.skipped - skippedRows.length })}</p>
          )}
        </NumberedRows>
      )}
      {Object.keys(r.skippedSeries).length > 0 && (
        <div className="table-wrap" tabIndex={0}>
          <table className="kern-table">
            <caption>{t("monitoring.skippedSeries")}</caption>
            <thead className="kern-table__head">
              <tr className="kern-table__row">
                <th scope="col" className="kern-table__header">
                  {t("monitoring.series")}
                </th>
                <th scope="col" className="kern-table__header num">
                  {t("monitoring.rows")}
                </th>
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {Object.entries(r.skippedSeries).map(([k, n]) => (
                <tr key={k} className="kern-table__row">
                  <th scope="row" className="kern-table__cell">
                    {k}
                  </th>
                  <td className="kern-table__cell num">{n}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {r.committed && r.preview[0] && (
        <p>
          <Link className="kern-link" to={`/t/${slug}/verwaltung/monitoring/indikator/${r.preview[0].indicator}`}>
            {t("monitoring.toIndicator")}
          </Link>
        </p>
      )}
    </section>
  );
}

/** Rows of a file by their number (the row header), then their other cells; what follows goes below the table. */
export function NumberedRows(p: { caption: string; headers: string[]; rows: ReactNode[][]; children?: ReactNode }) {
  return (
    <div className="table-wrap" tabIndex={0}>
      <table className="kern-table">
        <caption>{p.caption}</caption>
        <thead className="kern-table__head">
          <tr className="kern-table__row">
            {p.headers.map((h) => (
              <th key={h} scope="col" className="kern-table__header">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="kern-table__body">
          {p.rows.map(([n, ...cells], i) => (
            <tr key={i} className="kern-table__row">
              <th scope="row" className="kern-table__cell">
                {n}
              </th>
              {cells.map((c, j) => (
                <td key={j} className="kern-table__cell">
                  {c}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {p.children}
    </div>
  );
}
