import { sql } from "drizzle-orm";
import type { Tx } from "~/kernel/db/client";
import { rows } from "~/kernel/db/context";
import type { AreaCollection, AreaFeature } from "./area-geometry";

export {
  areaBounds,
  areaLabels,
  boundsOf,
  findArea,
  labelPoint,
  type AreaCollection,
  type AreaFeature,
} from "./area-geometry";

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
