import booleanPointInPolygon from "@turf/boolean-point-in-polygon";
import { sql } from "drizzle-orm";
import type { Tx } from "~/kernel/db/client";
import { rows } from "~/kernel/db/context";

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

/**
 * Turns any GeoJSON FeatureCollection of (Multi)Polygons into areas, taking key and name from the
 * first property that looks like one (Köln's Stadtteile use NUMMER/NAME, others name/key/id).
 */
export function normaliseAreas(fc: {
  features?: { properties?: Record<string, unknown>; geometry?: { type?: string; coordinates?: unknown } }[];
}): AreaCollection {
  const pick = (p: Record<string, unknown>, keys: string[]) => {
    for (const k of Object.keys(p))
      if (keys.includes(k.toLowerCase()) && p[k] != null && p[k] !== "") return String(p[k]);
    return null;
  };
  const features: AreaFeature[] = [];
  for (const f of fc.features ?? []) {
    const g = f.geometry;
    if (!g || (g.type !== "Polygon" && g.type !== "MultiPolygon")) continue;
    const p = f.properties ?? {};
    const name = pick(p, ["name", "stadtteil", "bezeichnung", "stt_name", "stb_name"]);
    if (!name) continue;
    const key = pick(p, ["key", "nummer", "id", "schluessel", "code", "stt_nr", "stb_nr"]) ?? name;
    features.push({ type: "Feature", properties: { key, name }, geometry: g as AreaFeature["geometry"] });
  }
  return { type: "FeatureCollection", features };
}

// Finest first: an offer's place is assigned to a Stadtteil where the tenant has them.
const LEVELS = ["quartier", "lebensraum", "sozialraum", "stadtteil", "stadtbezirk"];

async function areaRows(tx: Tx) {
  return rows<{ key: string; name: string; level: string; has_geometry: boolean }>(
    tx,
    sql`SELECT key, name, level, geometry IS NOT NULL AS has_geometry FROM mon_areas WHERE level IN (${sql.join(
      LEVELS.map((l) => sql`${l}`),
      sql`, `,
    )})`,
  );
}

/**
 * The level of the monitoring area register that places are assigned to: the finest level with
 * geometries (what loadTenantAreas hands to point-in-polygon), else the finest level with areas at
 * all (hand-entered Stadtteile can still match by name). null when the tenant has no areas.
 */
export async function placeLevel(tx: Tx): Promise<string | null> {
  const list = await areaRows(tx);
  return (
    LEVELS.find((l) => list.some((a) => a.level === l && a.has_geometry)) ??
    LEVELS.find((l) => list.some((a) => a.level === l)) ??
    null
  );
}

/**
 * The tenant's areas of the finest level that has geometries, from the monitoring module's area
 * register (row-level security confines it to the current tenant).
 */
export async function loadTenantAreas(tx: Tx): Promise<AreaCollection | null> {
  const list = await rows<{ key: string; name: string; level: string; geometry: unknown }>(
    tx,
    sql`SELECT key, name, level, geometry FROM mon_areas WHERE geometry IS NOT NULL AND level IN (${sql.join(
      LEVELS.map((l) => sql`${l}`),
      sql`, `,
    )})`,
  );
  const level = LEVELS.find((l) => list.some((a) => a.level === l));
  if (!level) return null;
  const fc = normaliseAreas({
    features: list
      .filter((a) => a.level === level)
      .map((a) => ({
        properties: { key: a.key, name: a.name },
        geometry: (typeof a.geometry === "string" ? JSON.parse(a.geometry) : a.geometry) as never,
      })),
  });
  return fc.features.length ? { ...fc, level } : null;
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
