import { describe, expect, it } from "vitest";
import bevoelkerung from "../profiles/koeln-bevoelkerung.json";
import { ObservationProfile } from "./importer";
import { fieldOfPath, formFromProfile, guessIndicator, profileFromForm } from "./profile-form";
import { detectHeaderRow, detectHeaderRows, guessLayout, joinHeader } from "./tabular";

const HEADER = ["Gebiet", "Bevölkerung / Einwohner insgesamt", "Bevölkerung / Ausländer", "Arbeitsmarkt / Arbeitslose"];
const FORM = {
  layout: "wide",
  headerRow: "2",
  headerRows: "2",
  areaColumn: "Gebiet",
  fixedPeriod: "2024",
  levelFrom1: "4",
  levelTo1: "9",
  levelLevel1: "stadtteil",
  levelFrom2: "13",
  levelTo2: "",
  levelLevel2: "stadt",
  rowsTo: "13",
  filterColumn: "Gebiet",
  filterOp: "notContains",
  filterValue: "Quelle",
  w1: "einwohner",
  wg1: "",
  w3: "arbeitslose",
  wg3: "frauen",
  emptyValues: "not_collected",
  unmatchedAreas: "error",
  profileName: "statistik",
};

describe("the mapping form and the profile it saves", () => {
  it("turns the form into a profile and the profile back into the same form", () => {
    const p = ObservationProfile.parse(profileFromForm(FORM, HEADER));
    expect(p).toMatchObject({
      layout: "wide",
      format: { headerRow: 2, headerRows: 2 },
      area: {
        column: "Gebiet",
        levelRows: [
          { from: 4, to: 9, level: "stadtteil" },
          // A range with only its first line is that one line (the total row).
          { from: 13, to: 13, level: "stadt" },
        ],
      },
      period: { fixed: "2024" },
      rows: { to: 13, filter: { column: "Gebiet", op: "notContains", value: "Quelle" } },
      wide: [
        { column: "Bevölkerung / Einwohner insgesamt", indicator: "einwohner", group: "gesamt" },
        { column: "Arbeitsmarkt / Arbeitslose", indicator: "arbeitslose", group: "frauen" },
      ],
      emptyValues: "not_collected",
    });
    const again = formFromProfile(p, HEADER)!;
    expect(ObservationProfile.parse(profileFromForm({ ...again, headerRow: "2", headerRows: "2" }, HEADER))).toEqual(p);
  });

  it("uses a profile the form cannot show as it is", () => {
    expect(formFromProfile(ObservationProfile.parse(bevoelkerung), ["raum_id"])).toBeNull();
  });

  it("names the form field of each problem", () => {
    const r = ObservationProfile.safeParse(profileFromForm({ ...FORM, levelTo1: "2", areaColumn: "" }, HEADER));
    expect(r.success).toBe(false);
    const fields = r.error!.issues.map((i) => fieldOfPath(i.path));
    expect(fields).toEqual(expect.arrayContaining(["levelTo1", "areaColumn"]));
    expect(fieldOfPath(["period", "column"])).toBe("periodColumn");
    expect(fieldOfPath(["rows", "filter", "column"])).toBe("filterColumn");
  });

  it("guesses wide only where several columns besides area, period and group hold numbers", () => {
    const d = (header: string[], row: string[]) => ({
      header,
      sample: [[], row],
      decimal: "," as const,
      kind: "csv" as const,
    });
    expect(guessLayout(d(["Gebiet", "Einwohner", "Ausländer", "Anteil"], ["Altstadt", "12 000", "1 675", "4,5"]))).toBe(
      "wide",
    );
    // A long file: key, year and one value column of numbers.
    expect(guessLayout(d(["Stadtteil", "Jahr", "Gruppe", "Arbeitslose"], ["101", "2012", "g1", "90"]))).toBe("long");
    expect(guessLayout(d(["Gebiet", "Wert", "Zweiter"], ["Altstadt", "1", "2"]))).toBe("long");
  });

  it("guesses a wide column's indicator by code or name, also under a group heading", () => {
    const indicators = [
      { code: "einwohner", name: "Einwohner insgesamt" },
      { code: "arbeitslose", name: "Arbeitslose" },
    ];
    expect(guessIndicator("Bevölkerung / Einwohner insgesamt", indicators)).toBe("einwohner");
    expect(guessIndicator("arbeitslose", indicators)).toBe("arbeitslose");
    expect(guessIndicator("Gebiet", indicators)).toBe("");
  });
});

describe("header lines", () => {
  const head = [
    ["Bevölkerung in Doppelstadt", "Bevölkerung in Doppelstadt", "Bevölkerung in Doppelstadt"],
    [],
    ["Gebiet", "Bevölkerung", "Bevölkerung"],
    ["Gebiet", "insgesamt", "Ausländer"],
    ["Altstadt", "12 000", "1 675"],
    ["Urbach", "11 000", "-"],
  ];
  it("passes over a title merged across the columns and spans merged group headings", () => {
    expect(detectHeaderRow(head)).toBe(3);
    expect(detectHeaderRows(head, 2)).toBe(2);
    expect(joinHeader(head.slice(2, 4))).toEqual(["Gebiet", "Bevölkerung / insgesamt", "Bevölkerung / Ausländer"]);
    // A one-line header whose names do not repeat stays one line, even above text rows.
    expect(
      detectHeaderRows(
        [
          ["Gebiet", "Jahr", "Wert"],
          ["Altstadt", "Jahr 2024", "x"],
        ],
        0,
      ),
    ).toBe(1);
  });
});
