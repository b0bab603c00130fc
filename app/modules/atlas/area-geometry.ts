import booleanPointInPolygon from "@turf/boolean-point-in-polygon";

// The areas' geometry as plain functions without the database, so the staff form's map can name the
// Stadtteil of a picked point in the browser with the same rule the server applies when saving.

export interface AreaFeature {
  type: "Feature";
  properties: { key: string; name: string };
  geometry: { type: "Polygon" | "MultiPolygon"; coordinates: unknown };
}
export interface AreaCollection {
  type: "FeatureCollection";
  features: AreaFeature[];
  /** The register level the features come from (a place keeps it with the key). */
  level?: string;
}

/** The Stadtteil a point lies in, or null when the tenant has no areas or the point is outside. */
export function findArea(
  lat: number,
  lon: number,
  areas: AreaCollection | null,
): { key: string; name: string; level: string | null } | null {
  if (!areas) return null;
  for (const f of areas.features) {
    if (booleanPointInPolygon([lon, lat], f as never))
      return { key: f.properties.key, name: f.properties.name, level: areas.level ?? null };
  }
  return null;
}

type Ring = [number, number][];

/** Signed area and centroid of a ring (shoelace formula; planar, good enough inside one city). */
function ringCentroid(ring: Ring): { area: number; at: [number, number] } {
  let a = 0;
  let x = 0;
  let y = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [x0, y0] = ring[j]!;
    const [x1, y1] = ring[i]!;
    const f = x0 * y1 - x1 * y0;
    a += f;
    x += (x0 + x1) * f;
    y += (y0 + y1) * f;
  }
  return a === 0 ? { area: 0, at: ring[0] ?? [0, 0] } : { area: Math.abs(a / 2), at: [x / (3 * a), y / (3 * a)] };
}

/**
 * A point inside an area for its name on the map: the centroid of its largest polygon, or — for a
 * crescent-shaped area whose centroid lies outside — the middle of the widest stretch inside it on
 * the centroid's parallel.
 */
export function labelPoint(geometry: AreaFeature["geometry"]): [number, number] | null {
  const polygons = (geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates) as Ring[][];
  let best: { area: number; at: [number, number]; rings: Ring[] } | null = null;
  for (const rings of polygons) {
    if (!rings[0]?.length) continue;
    const c = ringCentroid(rings[0]);
    if (!best || c.area > best.area) best = { ...c, rings };
  }
  if (!best) return null;
  const polygon = { type: "Polygon" as const, coordinates: best.rings };
  if (booleanPointInPolygon(best.at, polygon)) return best.at;
  const lat = best.at[1];
  const xs: number[] = [];
  for (const ring of best.rings)
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [x0, y0] = ring[j]!;
      const [x1, y1] = ring[i]!;
      if (y0 > lat !== y1 > lat) xs.push(x0 + ((lat - y0) / (y1 - y0)) * (x1 - x0));
    }
  xs.sort((a, b) => a - b);
  let span: [number, number] | null = null;
  for (let i = 0; i + 1 < xs.length; i += 2)
    if (!span || xs[i + 1]! - xs[i]! > span[1] - span[0]) span = [xs[i]!, xs[i + 1]!];
  return span ? [(span[0] + span[1]) / 2, lat] : best.rings[0]![0]!;
}

/** The names of the areas and where to write them, for the map's orientation labels. */
export function areaLabels(areas: AreaCollection | null): { name: string; at: [number, number] }[] {
  return (areas?.features ?? []).flatMap((f) => {
    const at = labelPoint(f.geometry);
    return at ? [{ name: f.properties.name, at: [round(at[0]), round(at[1])] as [number, number] }] : [];
  });
}
const round = (v: number) => Math.round(v * 1e5) / 1e5;

/** The box around points ([lon, lat]): [[west, south], [east, north]], or null for none. */
export function boundsOf(points: Iterable<[number, number]>): [[number, number], [number, number]] | null {
  let b: [[number, number], [number, number]] | null = null;
  for (const [x, y] of points) {
    if (!b)
      b = [
        [x, y],
        [x, y],
      ];
    else
      b = [
        [Math.min(b[0][0], x), Math.min(b[0][1], y)],
        [Math.max(b[1][0], x), Math.max(b[1][1], y)],
      ];
  }
  return b;
}

/** The box around all areas' outlines (their outer rings suffice). */
export function areaBounds(areas: AreaCollection | null) {
  return boundsOf(
    (function* () {
      for (const f of areas?.features ?? []) {
        const polygons = (
          f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates
        ) as Ring[][];
        for (const rings of polygons) yield* rings[0] ?? [];
      }
    })(),
  );
}
