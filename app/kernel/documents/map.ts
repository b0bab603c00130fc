import type { MapArea } from "./model";

// A choropleth of areas for print: the areas' WGS84 rings projected into a box (equirectangular,
// x shortened by the cosine of the middle latitude, which is true enough at the scale of a town),
// as rings of points and SVG path data for the PDF's vector paths and the DOCX's picture (decision 0038).

export type Ring = [number, number][];
export interface ProjectedArea {
  key: string;
  color: string;
  /** Closed rings in box coordinates (y downwards); holes are rings too (drawn even-odd). */
  rings: Ring[];
}
export interface ProjectedMap {
  width: number;
  height: number;
  areas: ProjectedArea[];
}

function polygonsOf(g: MapArea["geometry"]): number[][][][] {
  if (!g) return [];
  if (g.type === "Polygon") return [g.coordinates as number[][][]];
  if (g.type === "MultiPolygon") return g.coordinates as number[][][][];
  return [];
}

/**
 * Projects the areas into a box of at most `maxWidth` × `maxHeight` (keeping the aspect), dropping
 * points closer than `minStep` to the last one kept – print needs no more detail than half a
 * point, and the file stays small although every indicator draws the same areas again.
 */
export function projectMap(areas: MapArea[], maxWidth: number, maxHeight: number, minStep = 0.5): ProjectedMap {
  let minX = Infinity,
    minY = Infinity,
    maxX = -Infinity,
    maxY = -Infinity;
  for (const a of areas)
    for (const poly of polygonsOf(a.geometry))
      for (const ring of poly)
        for (const [x, y] of ring) {
          minX = Math.min(minX, x);
          maxX = Math.max(maxX, x);
          minY = Math.min(minY, y);
          maxY = Math.max(maxY, y);
        }
  if (!Number.isFinite(minX)) return { width: 0, height: 0, areas: [] };
  const kx = Math.cos((((minY + maxY) / 2) * Math.PI) / 180);
  const w = Math.max((maxX - minX) * kx, 1e-9);
  const h = Math.max(maxY - minY, 1e-9);
  const scale = Math.min(maxWidth / w, maxHeight / h);
  const round = (v: number) => Math.round(v * 100) / 100;
  const project = ([x, y]: number[]): [number, number] => [round((x - minX) * kx * scale), round((maxY - y) * scale)];
  return {
    width: round(w * scale),
    height: round(h * scale),
    areas: areas.map((a) => ({
      key: a.key,
      color: a.color,
      rings: polygonsOf(a.geometry).flatMap((poly) =>
        poly.map((ring) => {
          const out: Ring = [];
          for (const p of ring) {
            const q = project(p);
            const last = out[out.length - 1];
            if (!last || Math.abs(q[0] - last[0]) + Math.abs(q[1] - last[1]) >= minStep) out.push(q);
          }
          return out;
        }),
      ),
    })),
  };
}

/** An SVG path ("M x y L … Z" per ring), offset by (dx, dy). */
export function svgPath(rings: Ring[], dx = 0, dy = 0): string {
  return rings
    .filter((r) => r.length >= 3)
    .map(
      (r) =>
        `M${r.map(([x, y]) => `${Math.round((x + dx) * 100) / 100} ${Math.round((y + dy) * 100) / 100}`).join("L")}Z`,
    )
    .join("");
}

/** The projected map as one SVG document: the areas filled, outlined, holes even-odd – what the PDF draws. */
export function mapSvg(m: ProjectedMap): string {
  const paths = m.areas
    .map((a) => ({ a, d: svgPath(a.rings, 1, 1) }))
    .filter((x) => x.d)
    .map(({ a, d }) => `<path d="${d}" fill="${a.color}"/>`)
    .join("");
  const w = Math.ceil(m.width + 2);
  const h = Math.ceil(m.height + 2);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">` +
    `<g stroke="#333333" stroke-width="0.4" fill-rule="evenodd">${paths}</g></svg>`
  );
}
