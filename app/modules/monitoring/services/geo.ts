import { ServiceError } from "~/kernel/errors";
import simplify from "@turf/simplify";
import { mapCoords, type Feature, type Geometry, type Position } from "~/kernel/parsing/geo";

// Geometry for display. Reading area files (GeoJSON, KML, shapefiles) is the kernel's upload
// parser's job (kernel/parsing/geo.ts), in its worker thread.
export type { Feature, Geometry, Position };

/** An area file that cannot be read; carries an error code (monitoring.errors.*). */
export class GeoError extends ServiceError {}

/** Simplifies for web display (about 5 m tolerance) and rounds to 6 decimals (~0.1 m). */
export function webGeometry(g: Geometry | null): Geometry | null {
  if (!g) return null;
  if (!/Polygon/.test(g.type)) return mapCoords(g, (p) => [round6(p[0]), round6(p[1])]);
  const s = simplify({ type: "Feature", properties: {}, geometry: g } as never, {
    tolerance: 0.00005,
    highQuality: false,
    mutate: false,
  }) as unknown as Feature;
  return mapCoords(s.geometry!, (p) => [round6(p[0]), round6(p[1])]);
}
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

export function bbox(features: { geometry: Geometry | null }[]): [number, number, number, number] | null {
  let minX = Infinity,
    minY = Infinity,
    maxX = -Infinity,
    maxY = -Infinity;
  const walk = (c: unknown) => {
    if (Array.isArray(c) && typeof c[0] === "number") {
      const [x, y] = c as number[];
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
    } else if (Array.isArray(c)) c.forEach(walk);
  };
  for (const f of features) if (f.geometry) walk(f.geometry.coordinates);
  return Number.isFinite(minX) ? [minX, minY, maxX, maxY] : null;
}
