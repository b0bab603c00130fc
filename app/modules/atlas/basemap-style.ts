// A minimal MapLibre style for a Protomaps basemap archive (PMTiles, layers earth, landuse, water,
// roads, buildings, boundaries; decision 0050). No labels: MapLibre needs glyph files (PBF) for
// text, and the app ships only web fonts; the Stadtteil names come as HTML labels instead.

const GREEN = ["park", "forest", "wood", "grass", "garden", "cemetery", "nature_reserve", "meadow", "farmland"];

/** The source and layers of the base map, drawn under the areas and the points. */
export function basemapLayers(url: string) {
  const source = { type: "vector" as const, url: `pmtiles://${url}` };
  const kind = (kinds: string[]) => ["in", ["get", "kind"], ["literal", kinds]];
  const width = (z10: number, z16: number) => ["interpolate", ["exponential", 1.6], ["zoom"], 10, z10, 16, z16];
  const road = (id: string, kinds: string[], paint: Record<string, unknown>, minzoom = 0) => ({
    id,
    type: "line",
    source: "basemap",
    "source-layer": "roads",
    filter: kind(kinds),
    minzoom,
    paint,
  });
  const layers = [
    { id: "bm-earth", type: "fill", source: "basemap", "source-layer": "earth", paint: { "fill-color": "#f4f1ea" } },
    {
      id: "bm-green",
      type: "fill",
      source: "basemap",
      "source-layer": "landuse",
      filter: kind(GREEN),
      paint: { "fill-color": "#dfe9d6" },
    },
    { id: "bm-water", type: "fill", source: "basemap", "source-layer": "water", paint: { "fill-color": "#bcd6e8" } },
    {
      id: "bm-buildings",
      type: "fill",
      source: "basemap",
      "source-layer": "buildings",
      minzoom: 14,
      paint: { "fill-color": "#e3ddd2" },
    },
    road("bm-minor", ["minor_road", "other", "path"], { "line-color": "#ffffff", "line-width": width(0.5, 6) }, 12),
    road("bm-major", ["major_road", "medium_road"], { "line-color": "#ffffff", "line-width": width(1, 10) }),
    road("bm-highway", ["highway"], { "line-color": "#f3d39d", "line-width": width(1.5, 12) }),
    road("bm-rail", ["rail"], { "line-color": "#a9a9a9", "line-width": 1, "line-dasharray": [3, 2] }),
    {
      id: "bm-boundaries",
      type: "line",
      source: "basemap",
      "source-layer": "boundaries",
      paint: { "line-color": "#8d8aa0", "line-width": 1, "line-dasharray": [2, 2] },
    },
  ];
  return { source, layers };
}
