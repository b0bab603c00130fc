import { useFormat, useT } from "~/kernel/ui/hooks";

// The staff-share series as a server-rendered SVG bar chart: a bar per year with a value, a marked
// gap with its reason for a year not collected, the benchmark as a dashed line. The same facts are in
// the table and the CSV; the figure's caption lists the gaps in words.

export interface ChartPoint {
  year: number;
  state: "value" | "not_collected";
  share: number | null;
  reason: string | null;
}

export function SeriesChart({ points, benchmark }: { points: ChartPoint[]; benchmark: number | null }) {
  const t = useT();
  const fmt = useFormat();
  if (!points.length) return null;
  const years = points.map((p) => p.year);
  const from = Math.min(...years),
    to = Math.max(...years);
  const slots = to - from + 1;
  const max = Math.max(10, benchmark ?? 0, ...points.map((p) => p.share ?? 0));
  const top = Math.ceil(max / 10) * 10;
  const [w, h, left, bottom, pad] = [Math.max(320, slots * 56 + 48), 220, 40, 28, 10];
  const x = (year: number) => left + (year - from) * ((w - left - pad) / slots);
  const bw = ((w - left - pad) / slots) * 0.6;
  const y = (v: number) => pad + (h - bottom - pad) * (1 - v / top);
  const gaps = points.filter((p) => p.state === "not_collected");
  return (
    <figure className="survey-chart">
      <svg
        viewBox={`0 0 ${w} ${h}`}
        role="img"
        aria-labelledby="series-chart-title"
        width="100%"
        style={{ maxWidth: w }}
      >
        <title id="series-chart-title">{t("opening.surveys.series.chartTitle")}</title>
        {[0, top / 2, top].map((v) => (
          <g key={v}>
            <line x1={left} x2={w - pad} y1={y(v)} y2={y(v)} stroke="#ccc" />
            <text x={left - 4} y={y(v) + 4} textAnchor="end" fontSize="11" fill="#333">
              {fmt.number(v)}
            </text>
          </g>
        ))}
        {points.map((p) => {
          const cx = x(p.year) + ((w - left - pad) / slots) * 0.2;
          return (
            <g key={p.year}>
              {p.state === "value" ? (
                <rect x={cx} y={y(p.share!)} width={bw} height={y(0) - y(p.share!)} fill="#1d5e8c">
                  <title>{`${p.year}: ${fmt.number(p.share, 1)} %`}</title>
                </rect>
              ) : (
                <g>
                  <rect
                    x={cx}
                    y={pad}
                    width={bw}
                    height={y(0) - pad}
                    fill="none"
                    stroke="#8a4b00"
                    strokeDasharray="4 3"
                  />
                  <text x={cx + bw / 2} y={y(0) - 6} textAnchor="middle" fontSize="10" fill="#8a4b00">
                    n. e.
                  </text>
                  <title>{t("opening.surveys.series.chartGap", { year: p.year, reason: p.reason ?? "" })}</title>
                </g>
              )}
              <text x={cx + bw / 2} y={h - 10} textAnchor="middle" fontSize="11" fill="#333">
                {p.year}
              </text>
            </g>
          );
        })}
        {benchmark !== null && (
          <line
            x1={left}
            x2={w - pad}
            y1={y(benchmark)}
            y2={y(benchmark)}
            stroke="#b00020"
            strokeDasharray="6 4"
            strokeWidth="2"
          />
        )}
      </svg>
      {gaps.length > 0 && (
        <figcaption className="kern-body kern-body--small">
          {gaps.map((g) => t("opening.surveys.series.chartGap", { year: g.year, reason: g.reason ?? "" })).join(" · ")}
        </figcaption>
      )}
    </figure>
  );
}
