import booleanPointInPolygon from "@turf/boolean-point-in-polygon";
import { sql } from "drizzle-orm";
import type { Tx } from "~/kernel/db/client";
import { rows } from "~/kernel/db/context";

export interface AreaFeature {
  type: "Feature";
  properties: { key: string; name: string };
  geometry: { type: "Polygon" | "MultiPolygon"; coordinates: unknown };
}
export interface AreaCollection { type: "FeatureCollection"; features: AreaFeature[] }

/** The Stadtteil a point lies in, or null when the tenant has no areas or the point is outside. */
export function findArea(lat: number, lon: number, areas: AreaCollection | null): { key: string; name: string } | null {
  if (!areas) return null;
  for (const f of areas.features) {
    if (booleanPointInPolygon([lon, lat], f as never)) return { key: f.properties.key, name: f.properties.name };
  }
  return null;
}

/**
 * Turns any GeoJSON FeatureCollection of (Multi)Polygons into areas, taking key and name from the
 * first property that looks like one (Köln's Stadtteile use NUMMER/NAME, others name/key/id).
 */
export function normaliseAreas(fc: { features?: { properties?: Record<string, unknown>; geometry?: { type?: string; coordinates?: unknown } }[] }): AreaCollection {
  const pick = (p: Record<string, unknown>, keys: string[]) => {
    for (const k of Object.keys(p)) if (keys.includes(k.toLowerCase()) && p[k] != null && p[k] !== "") return String(p[k]);
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

/**
 * The tenant's areas, if a module provides them. The monitoring module owns the areas table and is
 * developed in parallel, so this looks the table up at run time instead of depending on it: a
 * table `monitoring_areas` with a name and a GeoJSON geometry column is used when present.
 */
export async function loadTenantAreas(tx: Tx): Promise<AreaCollection | null> {
  const [t] = await rows<{ reg: string | null }>(tx, sql`SELECT to_regclass('public.monitoring_areas')::text AS reg`);
  if (!t?.reg) return null;
  const cols = (await rows<{ column_name: string }>(tx, sql`SELECT column_name FROM information_schema.columns WHERE table_name = 'monitoring_areas'`)).map((c) => c.column_name);
  const geom = ["geometry", "geojson", "geom"].find((c) => cols.includes(c));
  const key = ["key", "code", "id"].find((c) => cols.includes(c));
  if (!geom || !cols.includes("name") || !key) return null;
  const list = await rows<{ key: string; name: string; geometry: unknown }>(tx,
    sql`SELECT ${sql.identifier(key)}::text AS key, name, ${sql.identifier(geom)}::jsonb AS geometry FROM monitoring_areas`);
  const fc = normaliseAreas({ features: list.map((a) => ({ properties: { key: a.key, name: a.name }, geometry: (typeof a.geometry === "string" ? JSON.parse(a.geometry) : a.geometry) as never })) });
  return fc.features.length ? fc : null;
}
