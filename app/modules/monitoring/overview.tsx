import { Fragment } from "react";
import { Link } from "react-router";
import { useT } from "~/kernel/ui/hooks";
import { sourceName } from "~/kernel/ui/content";
import { Text, Unit, useIndicatorTexts, useValueFormat, withTexts } from "./components";
import type { EmptyIndicator, OverviewTile } from "./services/overview";

// The monitoring start page's tiles (issue 18): per Handlungsfeld, each indicator with values shows the
// whole city's latest value, the year before, a sparkline of the trend (drawn on the server, no script)
// and the source. The sparkline is decoration: the numbers beside it say the same.

const W = 120,
  H = 32;

/** The trend as a polyline; gaps (hidden or missing values) break it. */
export function Sparkline({ series }: { series: OverviewTile["series"] }) {
  const vals = series.map((s) => s.value).filter((v): v is number => v !== null);
  if (vals.length < 2) return null;
  const min = Math.min(...vals),
    max = Math.max(...vals);
  const x = (i: number) => (series.length === 1 ? W / 2 : (i / (series.length - 1)) * (W - 4) + 2);
  const y = (v: number) => (max === min ? H / 2 : H - 3 - ((v - min) / (max - min)) * (H - 6));
  const runs: string[][] = [[]];
  series.forEach((s, i) => {
    if (s.value === null) runs.push([]);
    else runs.at(-1)!.push(`${x(i).toFixed(1)},${y(s.value).toFixed(1)}`);
  });
  const lastIndex = series.findLastIndex((s) => s.value !== null);
  return (
    <svg className="sparkline" viewBox={`0 0 ${W} ${H}`} width={W} height={H} aria-hidden="true" focusable="false">
      {runs
        .filter((r) => r.length > 1)
        .map((r, i) => (
          <polyline key={i} points={r.join(" ")} fill="none" stroke="#004b76" strokeWidth="2" />
        ))}
      <circle cx={x(lastIndex)} cy={y(series[lastIndex].value!)} r="3" fill="#004b76" />
    </svg>
  );
}

function Tile({ tile, base }: { tile: OverviewTile; base: string }) {
  const t = useT();
  const texts = useIndicatorTexts();
  const fmt = useValueFormat(tile.unit);
  const l = tile.latest;
  const source = tile.source && texts.text({ ...tile, source: tile.source }, "source")!;
  return (
    <li className="overview-tile">
      <h3 className="kern-heading-small">
        <Link className="kern-link" to={`${base}/indikator/${tile.code}`}>
          <Text value={texts.name(tile)} />
        </Link>
      </h3>
      {l && l.value !== null ? (
        <p className="overview-value">
          <span className="overview-number">{fmt(l.value)}</span>{" "}
          <span className="overview-unit">
            <Unit unit={tile.unit} />
          </span>
          <span className="kern-body--small"> · {t("monitoring.overview.latest", { period: l.period })}</span>
        </p>
      ) : (
        <p className="kern-body">
          {l?.state === "suppressed" ? t("monitoring.suppressed") : t("monitoring.overview.areasOnly")}
        </p>
      )}
      {tile.previous && (
        <p className="kern-body--small">
          {t("monitoring.overview.previous", { period: tile.previous.period, value: fmt(tile.previous.value) })}
        </p>
      )}
      <Sparkline series={tile.series} />
      {source && (
        <p className="kern-body--small overview-source">
          {withTexts(t, "monitoring.overview.source", {
            source: { ...source, text: sourceName(source.text) },
          })}
        </p>
      )}
    </li>
  );
}

export function OverviewTiles({ tiles, base }: { tiles: OverviewTile[]; base: string }) {
  const texts = useIndicatorTexts();
  // One section per Handlungsfeld, named by its first indicator (all of a field share its term).
  const fields = [...new Map(tiles.map((i) => [i.field, i])).values()];
  return (
    <>
      {fields.map((f, n) => (
        <section key={f.field} aria-labelledby={`feld-${n + 1}`}>
          <h2 className="kern-heading-medium" id={`feld-${n + 1}`}>
            <Text value={texts.field(f)} />
          </h2>
          <ul className="overview-tiles">
            {tiles
              .filter((i) => i.field === f.field)
              .map((i) => (
                <Tile key={i.code} tile={i} base={base} />
              ))}
          </ul>
        </section>
      ))}
    </>
  );
}

/** For staff: the indicators the public does not see because they have no values, and what is missing. */
export function EmptyIndicators({ empty }: { empty: EmptyIndicator[] }) {
  const t = useT();
  const texts = useIndicatorTexts();
  if (!empty.length) return null;
  // The sentence around the list of inputs, each named in the page's language where it can be.
  const missing = (inputs: NonNullable<EmptyIndicator["missingInputs"]>) => {
    const [before, after] = t("monitoring.overviewStaff.derived", { names: "\u2063" }).split("\u2063");
    return (
      <>
        {before}
        {inputs.map((m, i) => (
          <Fragment key={m.code}>
            {i > 0 && ", "}
            <Text value={texts.name(m)} />
          </Fragment>
        ))}
        {after}
      </>
    );
  };
  return (
    <section aria-labelledby="ohne-werte" className="kern-alert kern-alert--info">
      <div className="kern-alert__body">
        <h2 className="kern-heading-small" id="ohne-werte">
          {t("monitoring.overviewStaff.title", { count: empty.length })}
        </h2>
        <ul className="kern-list">
          {empty.map((e) => (
            <li key={e.code}>
              <Text value={texts.name(e)} /> (<Text value={texts.field(e)} />
              ):{" "}
              {e.missingInputs === null
                ? t("monitoring.overviewStaff.import")
                : e.missingInputs.length
                  ? missing(e.missingInputs)
                  : t("monitoring.overviewStaff.derivedGroups")}
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
