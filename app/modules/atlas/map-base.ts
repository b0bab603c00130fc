import type { Map as MapLibreMap } from "maplibre-gl";
import type { AreaCollection } from "./area-geometry";
import { basemapLayers } from "./basemap-style";
// Vite bundles MapLibre's worker as its own file (served from /assets, allowed by worker-src 'self').
import workerUrl from "maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url";

// What the public atlas map and the staff form's point picker share: MapLibre loaded on demand,
// the layers under their own content (decision 0050) and the Stadtteil names. Only types of MapLibre
// are imported here, so a page that imports this module does not carry the library.

export type MapLibre = typeof import("maplibre-gl");
export type AreaLabel = { name: string; at: [number, number] };

let pmtilesProtocol = false;
// Area names are written from this zoom on; below it 86 Stadtteile would cover one another.
const LABEL_ZOOM = 11.5;

/** MapLibre (and pmtiles where the tenant has a base map), fetched only when a map is shown. */
export async function loadMapLibre(withBasemap: boolean): Promise<MapLibre> {
  const [mod, pm] = await Promise.all([import("maplibre-gl"), withBasemap ? import("pmtiles") : null]);
  const maplibregl = (mod as unknown as { default?: MapLibre }).default ?? mod;
  maplibregl.setWorkerUrl(workerUrl);
  if (pm && !pmtilesProtocol) {
    maplibregl.addProtocol("pmtiles", new pm.Protocol().tile);
    pmtilesProtocol = true;
  }
  return maplibregl;
}

/**
 * Sources and layers under a map's own content: a plain background, the tenant's base map where the
 * operator put one, and the tenant's area outlines where the monitoring module has them.
 */
export function baseStyle(basemap: string | null, areas: AreaCollection | null) {
  const base = basemap ? basemapLayers(new URL(basemap, window.location.href).href) : null;
  return {
    sources: {
      ...(base ? { basemap: base.source } : {}),
      ...(areas ? { areas: { type: "geojson" as const, data: areas as never } } : {}),
    },
    layers: [
      { id: "bg", type: "background" as const, paint: { "background-color": "#f4f1ea" } },
      ...((base?.layers ?? []) as never[]),
      ...(areas
        ? [
            {
              id: "areas-fill",
              type: "fill" as const,
              source: "areas",
              // Over a base map the areas only tint it, so streets and water stay readable.
              paint: { "fill-color": "#dde7ee", "fill-opacity": base ? 0.15 : 0.6 },
            },
            {
              id: "areas-line",
              type: "line" as const,
              source: "areas",
              paint: { "line-color": "#004b76", "line-width": base ? 1.5 : 1 },
            },
          ]
        : []),
    ],
  };
}

/**
 * The names as HTML, not as a symbol layer: that would need glyph files the app does not ship.
 * Hidden from assistive technology: the pages say in text which Stadtteil a place lies in.
 */
export function addAreaLabels(maplibregl: MapLibre, m: MapLibreMap, labels: AreaLabel[], container: HTMLElement) {
  for (const l of labels) {
    const el = document.createElement("span");
    el.className = "atlas-map__label";
    el.textContent = l.name;
    el.setAttribute("aria-hidden", "true");
    new maplibregl.Marker({ element: el }).setLngLat(l.at).addTo(m);
  }
  const near = () => container.classList.toggle("atlas-map--near", m.getZoom() >= LABEL_ZOOM);
  m.on("zoom", near);
  near();
}
