import { Link } from "react-router";
import type { Route } from "./+types/goals";
import { PageTitle } from "~/kernel/ui/forms";
import { useFormat, useT } from "~/kernel/ui/hooks";
import { loadGoals } from "./data.server";
import { SourceLine, Text, useIndicatorTexts, ValueCell } from "../components";
import { unitDigits } from "../shared";
import "~/kernel/ui/data-view.css";
import "../monitoring.css";
import { DataTable } from "~/kernel/ui/table";

export async function loader({ context }: Route.LoaderArgs) {
  return loadGoals(context, false);
}

export default function Goals({ loaderData: d, params }: Route.ComponentProps) {
  const t = useT();
  const texts = useIndicatorTexts();
  const f = useFormat();
  const base = `/t/${params.slug}/monitoring`;
  const percent = (v: number) => f.number(v * 100, 0);
  return (
    <main id="inhalt" className="kern-container page stack">
      <PageTitle>{t("monitoring.goals")}</PageTitle>
      <p>
        <Link className="kern-link" to={base}>
          {t("monitoring.title")}
        </Link>
      </p>
      <h1 className="kern-heading-large">{t("monitoring.goals")}</h1>
      <p className="kern-body">{t("monitoring.goalsIntro")}</p>
      {d.rows.length === 0 ? (
        <p>{t("monitoring.noGoals")}</p>
      ) : (
        <DataTable
          caption={t("monitoring.goals")}
          headers={[
            t("monitoring.indicator"),
            t("monitoring.area"),
            t("monitoring.period"),
            { label: t("monitoring.actual"), numeric: true },
            t("monitoring.target"),
            t("monitoring.attainment.baseline"),
            t("monitoring.attainment.progress"),
            t("monitoring.status"),
          ]}
        >
          {d.rows.map((r) => (
            <tr key={r.code} className="kern-table__row">
              <th scope="row" className="kern-table__cell">
                <Link className="kern-link" to={`${base}/indikator/${r.code}`}>
                  <Text value={texts.name(r)} />
                </Link>
              </th>
              <td className="kern-table__cell">{r.area?.name ?? "–"}</td>
              <td className="kern-table__cell">{r.period ?? "–"}</td>
              {/* The marker stands for a suppressed value only; a missing one says "keine Daten". */}
              <ValueCell
                value={r.value}
                suppressed={r.suppressed}
                state={r.suppressed ? "suppressed" : r.value === null ? "no_data" : "value"}
                marker={d.marker}
                unit={r.unit}
              />
              <td className="kern-table__cell">
                {r.parity
                  ? t("monitoring.targetParity")
                  : r.target == null
                    ? "–"
                    : t(r.direction === "niedrig" ? "monitoring.targetLow" : "monitoring.targetHigh", {
                        value: f.number(r.target, unitDigits(r.unit)),
                      })}
                {r.targetYear ? ` (${r.targetYear})` : ""}
              </td>
              <td className="kern-table__cell">
                {r.baseline ? `${f.number(r.baseline.value, unitDigits(r.unit))} (${r.baseline.period})` : "–"}
              </td>
              <td className="kern-table__cell">
                {r.progress === null
                  ? "–"
                  : r.expected === null
                    ? t("monitoring.attainment.progressValue", { progress: percent(r.progress) })
                    : t("monitoring.attainment.progressExpected", {
                        progress: percent(r.progress),
                        expected: percent(r.expected),
                      })}
              </td>
              <td className="kern-table__cell">{t(`monitoring.attainment.status.${r.status}`)}</td>
            </tr>
          ))}
        </DataTable>
      )}
      {d.rows.some((r) => r.suppressed) && (
        <p className="kern-body--small">
          {t("monitoring.suppressedNote", { marker: d.marker, threshold: d.threshold })}
        </p>
      )}
      <section className="stack" aria-labelledby="regel">
        <h2 id="regel" className="kern-heading-medium">
          {t("monitoring.attainment.ruleTitle")}
        </h2>
        <p className="kern-body">{t("monitoring.attainment.ruleIntro")}</p>
        <dl className="kern-description-list">
          {d.statuses.map((s) => (
            <div key={s} className="kern-description-list-item">
              <dt className="kern-description-list-item__key">{t(`monitoring.attainment.status.${s}`)}</dt>
              <dd className="kern-description-list-item__value">{t(`monitoring.attainment.rule.${s}`)}</dd>
            </div>
          ))}
        </dl>
      </section>
      <SourceLine sources={d.sources} indicators={d.rows} />
      <p className="kern-body">
        {t("monitoring.export")}:{" "}
        <a className="kern-link" href={`${base}/ziele/export?format=csv`} download>
          {t("monitoring.exportCsv")}
        </a>
        {" · "}
        <a className="kern-link" href={`${base}/ziele/export?format=xlsx`} download>
          {t("monitoring.exportXlsx")}
        </a>
      </p>
    </main>
  );
}
