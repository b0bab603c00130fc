import { useEffect, useRef, useState } from "react";
import { useFormat, useT } from "~/kernel/ui/hooks";
import { NO_DATA_COLOR, PALETTE } from "./shared";

// Browser-only parts (charts, map) load their libraries in an effect: the server renders the
// tables, which carry all information, and the page works without JavaScript.

export function useValueFormat(unit: string) {
  const f = useFormat();
  const digits = unit === "Personen" ? 0 : unit === "Verhältnis" ? 2 : 1;
  return (v: number | null | undefined) => f.number(v ?? null, digits);
}

export function ValueCell({
  value,
  suppressed,
  estimate,
  marker,
  unit,
  reveal,
}: {
  value: number | null;
  suppressed: boolean;
  estimate?: boolean;
  marker: string;
  unit: string;
  reveal?: boolean;
}) {
  const t = useT();
  const fmt = useValueFormat(unit);
  if (value === null)
    return (
      <td className="kern-table__cell num">
        <span aria-hidden="true">{marker}</span>
        <span className="kern-sr-only">{t("monitoring.suppressed")}</span>
      </td>
    );
  return (
    <td className="kern-table__cell num">
      {fmt(value)}
      {estimate && <abbr title={t("monitoring.estimate")}> (S)</abbr>}
      {suppressed && reveal && (
        <>
          <span aria-hidden="true"> {marker}</span>
          <span className="kern-sr-only"> ({t("monitoring.suppressed")})</span>
        </>
      )}
    </td>
  );
}

export function Sources({ sources }: { sources: string[] }) {
  const t = useT();
  if (!sources.length) return null;
  return (
    <p className="kern-body--small source-line">
      {t("monitoring.source")}: {sources.join("; ")}
    </p>
  );
}

type EChartsOption = Record<string, unknown>;

/** Renders an ECharts option once the library has loaded; hidden from screen readers, which get the table. */
export function Chart({ option, height = 320, label }: { option: EChartsOption; height?: number; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let disposed = false;
    let chart: { setOption(o: unknown): void; dispose(): void; resize(): void } | undefined;
    const onResize = () => chart?.resize();
    void import("echarts").then((echarts) => {
      if (disposed || !ref.current) return;
      chart = echarts.init(ref.current, undefined, { renderer: "svg" });
      chart.setOption({ animation: false, ...option });
      setReady(true);
      window.addEventListener("resize", onResize);
    });
    return () => {
      disposed = true;
      window.removeEventListener("resize", onResize);
      chart?.dispose();
    };
  }, [JSON.stringify(option)]);
  return (
    <div
      ref={ref}
      className="chart"
      role="img"
      aria-label={label}
      data-ready={ready ? "true" : "false"}
      style={{ height }}
    />
  );
}

/** A choropleth without any tile server: the areas themselves (fetched as GeoJSON) are the only layer. */
export function ChoroplethMap({
  url,
  bounds,
  colors,
  label,
}: {
  url: string;
  bounds: [number, number, number, number];
  colors: Record<string, string>;
  label: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let map: { remove(): void } | undefined;
    let cancelled = false;
    // The worker is shipped as its own asset; MapLibre would otherwise look for it beside its bundled chunk.
    void Promise.all([import("maplibre-gl"), import("maplibre-gl/dist/maplibre-gl-worker.mjs?url")])
      .then(([ml, worker]) => {
        if (cancelled || !ref.current) return;
        ml.setWorkerUrl(worker.default);
        const entries = Object.entries(colors);
        const fill = entries.length ? ["match", ["get", "key"], ...entries.flat(), NO_DATA_COLOR] : NO_DATA_COLOR;
        const m = new ml.Map({
          container: ref.current,
          interactive: false,
          attributionControl: false,
          bounds: [
            [bounds[0], bounds[1]],
            [bounds[2], bounds[3]],
          ],
          fitBoundsOptions: { padding: 10 },
          style: {
            version: 8,
            sources: { areas: { type: "geojson", data: url } },
            layers: [
              { id: "bg", type: "background", paint: { "background-color": "#ffffff" } },
              {
                id: "fill",
                type: "fill",
                source: "areas",
                paint: { "fill-color": fill as never, "fill-opacity": 0.9 },
              },
              { id: "line", type: "line", source: "areas", paint: { "line-color": "#333333", "line-width": 0.6 } },
            ],
          },
        });
        m.on("idle", () => setReady(true));
        map = m;
      })
      .catch(() => setReady(false));
    return () => {
      cancelled = true;
      map?.remove();
    };
  }, [url, JSON.stringify(colors), bounds.join(",")]);
  return <div ref={ref} className="choropleth" role="img" aria-label={label} data-ready={ready ? "true" : "false"} />;
}

/**
 * The map's legend. `digits` overrides the unit's usual precision (counts of offers are whole
 * numbers whatever the unit says); `extra` lists swatches outside the classes (e.g. "no value").
 */
export function Legend({
  breaks,
  min,
  unit,
  title,
  digits,
  extra = [],
}: {
  breaks: number[];
  min: number | null;
  unit: string;
  title: string;
  digits?: number;
  extra?: { color: string; label: string }[];
}) {
  const t = useT();
  const byUnit = useValueFormat(unit);
  const f = useFormat();
  const fmt = digits === undefined ? byUnit : (v: number) => f.number(v, digits);
  if ((!breaks.length || min === null) && !extra.length) return null;
  return (
    <div className="legend">
      <p className="kern-label">{title}</p>
      <ul className="legend-list">
        {min !== null &&
          breaks.map((b, i) => (
            <li key={i}>
              <span className="legend-swatch" style={{ background: PALETTE[i] }} aria-hidden="true" />
              {t("monitoring.class")} {i + 1}:{" "}
              {t("monitoring.classRange", { from: fmt(i === 0 ? min : breaks[i - 1]), to: fmt(b) })} {unit}
            </li>
          ))}
        {extra.map((x) => (
          <li key={x.label}>
            <span className="legend-swatch" style={{ background: x.color }} aria-hidden="true" />
            {x.label}
          </li>
        ))}
      </ul>
    </div>
  );
}
