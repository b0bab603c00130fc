import "maplibre-gl/dist/maplibre-gl.css";
import type { Map as MapLibreMap, Marker } from "maplibre-gl";
import { findArea } from "./area-geometry";
import { addAreaLabels, baseStyle, loadMapLibre } from "./map-base";
import type { MapBasis } from "./routes/staff-map-basis";

// The entry form's point picker (point-picker.tsx) imports this module only when someone opens the
// map, so MapLibre and its stylesheet reach the browser with the first map, never with the form.

export interface PickerOptions {
  basis: MapBasis;
  /** Where the map starts: the typed or stored point (close up), else the tenant's box. */
  start: { lat: number; lon: number } | null;
  /** The typed point, shown as the marker from the start. */
  point: { lat: number; lon: number } | null;
  strings: { map: string; marker: string; zoomIn: string; zoomOut: string };
  /** A point was set or moved (by click, drag or keys); `done` once a movement has ended. */
  onPick(lat: number, lon: number, done: boolean): void;
}

export interface Picker {
  /** Puts the marker at a typed point and shows it. */
  show(lat: number, lon: number): void;
  /** Puts the marker in the middle of the map (the keyboard's way to set a first point). */
  centre(): void;
  focusMarker(): void;
  remove(): void;
}

// Six decimals are about 10 cm: finer than anyone can click, coarser than float noise.
export const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

/** The Stadtteil of a point by the rule saving applies (findArea); undefined without areas. */
export function areaOf(basis: MapBasis, lat: number, lon: number): string | null | undefined {
  if (!basis.areas) return undefined;
  return findArea(lat, lon, basis.areas)?.name ?? null;
}

/** Draws the map into `container`; rejects where MapLibre cannot run (no WebGL). */
export async function openPicker(container: HTMLElement, o: PickerOptions): Promise<Picker> {
  const maplibregl = await loadMapLibre(!!o.basis.basemap);
  const base = baseStyle(o.basis.basemap, o.basis.areas);
  const m: MapLibreMap = new maplibregl.Map({
    container,
    style: {
      version: 8,
      sources: {
        ...base.sources,
        places: {
          type: "geojson",
          data: {
            type: "FeatureCollection",
            features: o.basis.places.map((c) => ({
              type: "Feature",
              properties: {},
              geometry: { type: "Point", coordinates: c },
            })),
          },
        },
      },
      layers: [
        ...base.layers,
        {
          id: "places",
          type: "circle",
          source: "places",
          paint: {
            "circle-radius": 4,
            "circle-color": "#6b6b6b",
            "circle-stroke-color": "#fff",
            "circle-stroke-width": 1,
          },
        },
      ],
    },
    center: o.start ? [o.start.lon, o.start.lat] : [10.45, 51.16],
    zoom: o.start ? 16 : 5,
    attributionControl: false,
    locale: {
      "Map.Title": o.strings.map,
      "Marker.Title": o.strings.marker,
      "NavigationControl.ZoomIn": o.strings.zoomIn,
      "NavigationControl.ZoomOut": o.strings.zoomOut,
    },
  });
  if (!o.start && o.basis.bounds) m.fitBounds(o.basis.bounds, { padding: 20, animate: false, maxZoom: 15 });
  m.addControl(new maplibregl.NavigationControl({ showCompass: false }));
  addAreaLabels(maplibregl, m, o.basis.labels, container);
  m.once("idle", () => {
    container.dataset.ready = "true";
  });

  let marker: Marker | null = null;
  const report = (done: boolean) => {
    const at = marker!.getLngLat();
    o.onPick(round6(at.lat), round6(at.lng), done);
  };
  const place = (lat: number, lon: number) => {
    if (!marker) {
      // MapLibre's draggable default marker: a button in the tab order that the arrow keys move
      // (Shift for larger steps), named by the locale's Marker.Title.
      marker = new maplibregl.Marker({ draggable: true, color: "#004b76" }).setLngLat([lon, lat]).addTo(m);
      marker.on("drag", () => report(false));
      marker.on("dragend", () => report(true));
    } else marker.setLngLat([lon, lat]);
  };
  if (o.point) place(o.point.lat, o.point.lon);
  m.on("click", (e) => {
    place(e.lngLat.lat, e.lngLat.lng);
    report(true);
  });
  return {
    show(lat, lon) {
      place(lat, lon);
      if (!m.getBounds().contains([lon, lat])) m.jumpTo({ center: [lon, lat] });
    },
    centre() {
      const c = m.getCenter();
      place(c.lat, c.lng);
      report(true);
    },
    focusMarker() {
      marker?.getElement().focus();
    },
    remove() {
      m.remove();
    },
  };
}
