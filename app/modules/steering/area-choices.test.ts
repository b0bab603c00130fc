import { describe, expect, it } from "vitest";
import { areaChoiceGroups, type AreaOption } from "./area-choices";

const LEVEL: Record<string, string> = { stadtbezirk: "Stadtbezirk", stadtteil: "Stadtteil", quartier: "Quartier" };
const words = {
  level: (l: string) => LEVEL[l],
  levels: (l: string) => `${LEVEL[l]}e`,
  whole: (a: string) => `${a} insgesamt`,
};
const area = (id: string, level: string, key: string, name: string, parentId: string | null = null): AreaOption => ({
  id,
  parentId,
  ref: `${level}:${key}`,
  level,
  name,
});

describe("areaChoiceGroups", () => {
  it("puts each Stadtteil under its Stadtbezirk, so equal names differ by the group's words", () => {
    const groups = areaChoiceGroups(
      [
        area("b6", "stadtbezirk", "6", "Chorweiler"),
        area("b9", "stadtbezirk", "9", "Mülheim"),
        area("t601", "stadtteil", "601", "Merkenich", "b6"),
        area("t609", "stadtteil", "609", "Chorweiler", "b6"),
        area("t901", "stadtteil", "901", "Mülheim", "b9"),
      ],
      words,
    );
    expect(groups.map((g) => g.label)).toEqual(["Stadtbezirk Chorweiler", "Stadtbezirk Mülheim"]);
    expect(groups[0].options).toEqual([
      { value: "stadtbezirk:6", label: "Stadtbezirk Chorweiler insgesamt", fullLabel: "Stadtbezirk Chorweiler" },
      { value: "stadtteil:601", label: "Merkenich", content: true, fullLabel: "Stadtteil Merkenich" },
      { value: "stadtteil:609", label: "Chorweiler", content: true, fullLabel: "Stadtteil Chorweiler" },
    ]);
    expect(groups[1].options.map((o) => o.value)).toEqual(["stadtbezirk:9", "stadtteil:901"]);
  });

  it("names the level of parts when a group holds several, and collects loose areas by level", () => {
    const groups = areaChoiceGroups(
      [
        area("b1", "stadtbezirk", "1", "Innenstadt"),
        area("b2", "stadtbezirk", "2", "Rodenkirchen"),
        area("t101", "stadtteil", "101", "Altstadt/Süd", "b1"),
        area("t999", "stadtteil", "999", "Ohne Bezirk"),
        area("q1", "quartier", "q1", "Severinsviertel", "t101"),
      ],
      words,
    );
    expect(groups.map((g) => g.label)).toEqual(["Stadtbezirk Innenstadt", "Stadtbezirke", "Stadtteile"]);
    expect(groups[0].options.map((o) => o.label)).toEqual([
      "Stadtbezirk Innenstadt insgesamt",
      "Altstadt/Süd (Stadtteil)",
      "Severinsviertel (Quartier)",
    ]);
    expect(groups[1].options.map((o) => o.value)).toEqual(["stadtbezirk:2"]);
    expect(groups[2].options.map((o) => o.fullLabel)).toEqual(["Stadtteil Ohne Bezirk"]);
  });

  it("ends on a parent cycle instead of walking forever", () => {
    const groups = areaChoiceGroups(
      [area("a", "stadtteil", "1", "A", "b"), area("b", "stadtteil", "2", "B", "a")],
      words,
    );
    expect(groups.flatMap((g) => g.options.map((o) => o.value))).toEqual(["stadtteil:1", "stadtteil:2"]);
  });
});
