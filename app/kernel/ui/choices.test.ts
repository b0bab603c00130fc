import { describe, expect, it } from "vitest";
import { chosenNames, filterChoices, matchesSearch, searchKey, type ChoiceGroup } from "./choices";

describe("searchKey and matchesSearch", () => {
  it("ignore case and diacritics: koln, KÖLN and Köln find Köln", () => {
    expect(searchKey("  Köln  Mülheim ")).toBe("koln mulheim");
    for (const q of ["koln", "KÖLN", "Köln", "köl", "OLN"]) expect(matchesSearch(q, "Stadt Köln"), q).toBe(true);
    expect(matchesSearch("Straße", "Strasse 1")).toBe(true);
    expect(matchesSearch("strasse", "Hauptstraße")).toBe(true);
    expect(matchesSearch("Sevgi", "Şevgi Derneği")).toBe(true);
  });

  it("take umlauts typed out: Koeln finds Köln, Muelheim Mülheim", () => {
    expect(matchesSearch("koeln", "Köln")).toBe(true);
    expect(matchesSearch("Muelheim", "Mülheim")).toBe(true);
    expect(matchesSearch("koeln", "Bonn")).toBe(false);
  });

  it("need every word typed, in any order, in one of the names", () => {
    expect(matchesSearch("caritas köln", "Caritasverband für die Stadt Köln")).toBe(true);
    expect(matchesSearch("köln caritas", "Caritasverband für die Stadt Köln")).toBe(true);
    expect(matchesSearch("caritas bonn", "Caritasverband für die Stadt Köln")).toBe(false);
    expect(matchesSearch("seeberg chorweiler", "Seeberg", "Stadtbezirk Chorweiler")).toBe(true);
    expect(matchesSearch("", "anything")).toBe(true);
    expect(matchesSearch("   ", "anything")).toBe(true);
  });
});

const groups: ChoiceGroup[] = [
  {
    label: "Stadtbezirk Chorweiler",
    options: [
      { value: "stadtbezirk:6", label: "Ganzer Stadtbezirk", fullLabel: "Stadtbezirk Chorweiler" },
      { value: "stadtteil:601", label: "Merkenich", fullLabel: "Merkenich (Stadtteil)" },
      { value: "stadtteil:609", label: "Chorweiler", fullLabel: "Chorweiler (Stadtteil)" },
    ],
  },
  {
    label: "Stadtbezirk Mülheim",
    options: [
      { value: "stadtbezirk:9", label: "Ganzer Stadtbezirk", fullLabel: "Stadtbezirk Mülheim" },
      { value: "stadtteil:901", label: "Mülheim", fullLabel: "Mülheim (Stadtteil)" },
      { value: "stadtteil:903", label: "Buchforst", fullLabel: "Buchforst (Stadtteil)" },
    ],
  },
];

describe("filterChoices", () => {
  it("shows everything for an empty search", () => {
    expect(filterChoices(groups, "").count).toBe(6);
  });

  it("keeps a group whole when its own name matches, else only the matching options", () => {
    const chorweiler = filterChoices(groups, "chorweiler");
    expect([...chorweiler.visible]).toEqual(["stadtbezirk:6", "stadtteil:601", "stadtteil:609"]);
    const buch = filterChoices(groups, "buchf");
    expect([...buch.visible]).toEqual(["stadtteil:903"]);
    expect(buch.count).toBe(1);
    expect(filterChoices(groups, "muelheim").count).toBe(3);
    expect(filterChoices(groups, "xyz").count).toBe(0);
  });
});

describe("chosenNames", () => {
  it("names the chosen ones by their full names, the first few and how many more", () => {
    const chosen = new Set(["stadtteil:609", "stadtbezirk:6", "stadtteil:903"]);
    expect(chosenNames(groups, chosen)).toEqual({
      names: [
        { name: "Stadtbezirk Chorweiler" },
        { name: "Chorweiler (Stadtteil)" },
        { name: "Buchforst (Stadtteil)" },
      ],
      more: 0,
      count: 3,
    });
    const two = chosenNames(groups, chosen, 2);
    expect(two.names.map((n) => n.name)).toEqual(["Stadtbezirk Chorweiler", "Chorweiler (Stadtteil)"]);
    expect(two.more).toBe(1);
    expect(chosenNames(groups, new Set()).count).toBe(0);
  });
});
