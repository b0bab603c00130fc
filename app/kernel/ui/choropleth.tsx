import { useEffect, useRef, useState } from "react";
import { useFormat, useT } from "./hooks";
import { NO_DATA_COLOR, PALETTE } from "./classes";
import { Content, sourceName } from "./content";
import "./data-view.css";

// A map of areas coloured by class, its legend and the source line under it: generic parts of
// data pages. The map loads its library in an effect; the server renders the tables, which carry
// all information, and the page works without JavaScript.

/** The attribution line under every view of data. */
export function Sources({ sources }: { sources: string[] }) {
  const t = useT();
  if (!sources.length) return null;
  return (
    <p className="kern-body--small source-line">
      {t("data.source")}: <Content>{sources.map(sourceName).join("; ")}</Content>
    </p>
  );
}

/**
 * A choropleth without any tile server: the areas themselves (fetched as GeoJSON) are the only layer.
 * Until the map has drawn – and for good without JavaScript – its box holds a note that links to the
 * table with the same values (`table`, an in-page anchor), so the space is never blank.
 */
export function ChoroplethMap({
  url,
  bounds,
  colors,
  label,
  table,
}: {
  url: string;
  bounds: [number, number, number, number];
  colors: Record<string, string>;
  label: string;
  table: string;
}) {
  const t = useT();
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
  // Named as a picture only once it is one (the note with its link is gone by then).
  return (
    <div
      className="choropleth"
      data-ready={ready ? "true" : "false"}
      {...(ready ? { role: "img", "aria-label": label } : {})}
    >
      {!ready && (
        <p className="map-placeholder kern-body">
          {t("data.mapNeedsJs")}{" "}
          <a className="kern-link" href={table}>
            {t("data.mapTable")}
          </a>
        </p>
      )}
      <div ref={ref} className="choropleth__map" />
    </div>
  );
}

/**
 * The map's legend: one line per class of `breaks` (upper bounds, lowest class from `min`), values
 * with `digits` decimals; `extra` lists swatches outside the classes (e.g. "no value").
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
  digits: number;
  extra?: { color: string; label: string }[];
}) {
  const t = useT();
  const f = useFormat();
  const fmt = (v: number) => f.number(v, digits);
  if ((!breaks.length || min === null) && !extra.length) return null;
  return (
    <div className="legend">
      <p className="kern-label">{title}</p>
      <ul className="legend-list">
        {min !== null &&
          breaks.map((b, i) => (
            <li key={i}>
              <span className="legend-swatch" style={{ background: PALETTE[i] }} aria-hidden="true" />
              {t("data.class")} {i + 1}:{" "}
              {t("data.classRange", { from: fmt(i === 0 ? min : breaks[i - 1]), to: fmt(b) })} {unit}
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
