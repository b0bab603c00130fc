import { describe, expect, it } from "vitest";
import { projectMap, svgPath } from "./map";

// The print map's projection: a box of one degree by one degree at 50° north is cos(50°) as wide as
// high, y runs downwards, holes stay rings of their own, and points closer than the step are dropped.
const square = (x: number, y: number, d: number) => [
  [x, y],
  [x + d, y],
  [x + d, y + d],
  [x, y + d],
  [x, y],
];

describe("projectMap", () => {
  it("keeps the aspect of the areas at their latitude and fits the box", () => {
    const m = projectMap(
      [{ key: "1", name: "A", color: "#ff0000", geometry: { type: "Polygon", coordinates: [square(7, 50, 1)] } }],
      1000,
      400,
    );
    expect(m.height).toBe(400);
    expect(m.width / m.height).toBeCloseTo(Math.cos((50.5 * Math.PI) / 180), 3);
    // North is up: the ring's first point (south-west) is at the bottom left.
    expect(m.areas[0].rings[0][0]).toEqual([0, 400]);
  });

  it("draws polygons with holes and multipolygons, leaves out other geometries and drops points closer than the step", () => {
    const m = projectMap(
      [
        {
          key: "1",
          name: "A",
          color: "#000000",
          geometry: { type: "Polygon", coordinates: [square(0, 0, 10), square(4, 4, 2)] },
        },
        {
          key: "2",
          name: "B",
          color: "#000000",
          geometry: { type: "MultiPolygon", coordinates: [[square(20, 0, 1)], [square(22, 0, 1)]] },
        },
        { key: "3", name: "C", color: "#000000", geometry: { type: "Point", coordinates: [5, 5] } },
        { key: "4", name: "D", color: "#000000", geometry: null },
      ],
      230,
      100,
      0.5,
    );
    expect(m.areas.map((a) => a.rings.length)).toEqual([2, 2, 0, 0]);
    const dense = projectMap(
      [
        {
          key: "1",
          name: "A",
          color: "#000000",
          geometry: {
            type: "Polygon",
            coordinates: [
              [
                [0, 0],
                [0.0001, 0],
                [0.0002, 0],
                [1, 0],
                [1, 1],
                [0, 0],
              ],
            ],
          },
        },
      ],
      100,
      100,
      0.5,
    );
    expect(dense.areas[0].rings[0]).toHaveLength(4);
  });

  it("writes SVG path data per ring, offset into the page", () => {
    expect(
      svgPath(
        [
          [
            [0, 0],
            [10, 0],
            [10, 5],
          ],
          [[1, 1]],
        ],
        2,
        3,
      ),
    ).toBe("M2 3L12 3L12 8Z");
  });
});
