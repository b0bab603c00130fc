import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { CORE_DEFINITIONS, CORE_SET } from "../catalogue";
import { definitionKeys, fingerprint, type Definable } from "./definitions";

const share = (code: string, a: string, b: string, group: string | null = "gesamt"): Definable => ({
  code,
  unit: "%",
  derivation: { op: "share", a: { indicator: a, group }, b: { indicator: b, group } },
});
const count = (code: string, definition: string | null): Definable => ({ code, unit: "Personen", definition });

describe("definition keys", () => {
  const here = definitionKeys([
    count("einwohner", "Einwohner mit Hauptwohnsitz am 31.12."),
    count("einwohner_mh", "Einwohner mit Migrationshintergrund (MigraPro)"),
    share("mh_anteil", "einwohner_mh", "einwohner"),
  ]);

  it("match across different codes when the definitions and derivations are the same", () => {
    const there = definitionKeys([
      count("bevoelkerung", "  einwohner MIT Hauptwohnsitz am 31.12 "),
      count("bev_mh", "Einwohner mit Migrationshintergrund (MigraPro)."),
      share("anteil_mh", "bev_mh", "bevoelkerung"),
    ]);
    expect(there.get("anteil_mh")).toBe(here.get("mh_anteil"));
    expect(fingerprint(there.get("anteil_mh"))).toBe(fingerprint(here.get("mh_anteil")));
  });

  it("differ for the same code over another definition, another group, operation or unit", () => {
    const other = (defs: Definable[]) => definitionKeys(defs).get("mh_anteil");
    const ref = here.get("mh_anteil");
    expect(
      other([
        count("einwohner", "Einwohner mit Hauptwohnsitz am 31.12."),
        count("einwohner_mh", "Ausländerinnen und Ausländer"),
        share("mh_anteil", "einwohner_mh", "einwohner"),
      ]),
    ).not.toBe(ref);
    expect(
      other([
        count("einwohner", "Einwohner mit Hauptwohnsitz am 31.12."),
        count("einwohner_mh", "Einwohner mit Migrationshintergrund (MigraPro)"),
        share("mh_anteil", "einwohner_mh", "einwohner", "weiblich"),
      ]),
    ).not.toBe(ref);
    expect(
      other([
        count("einwohner", "Einwohner mit Hauptwohnsitz am 31.12."),
        count("einwohner_mh", "Einwohner mit Migrationshintergrund (MigraPro)"),
        { ...share("mh_anteil", "einwohner_mh", "einwohner"), unit: "je 1.000" },
      ]),
    ).not.toBe(ref);
    expect(ref).toBeTruthy();
  });

  it("are null where anything in the chain declares nothing or is missing", () => {
    const keys = definitionKeys([
      count("einwohner", null),
      count("einwohner_mh", "Einwohner mit Migrationshintergrund (MigraPro)"),
      share("mh_anteil", "einwohner_mh", "einwohner"),
      share("kaputt", "einwohner_mh", "gibt_es_nicht"),
    ]);
    expect(keys.get("einwohner")).toBeNull();
    expect(keys.get("mh_anteil")).toBeNull();
    expect(keys.get("kaputt")).toBeNull();
    expect(keys.get("einwohner_mh")).toBeTruthy();
    expect(fingerprint(null)).toBeNull();
  });

  it("declare every core-set series read as it is, and migration 0208 gives existing rows the same texts", () => {
    const sqlText = fs.readFileSync(new URL("../migrations/0208_monitoring_definitions.sql", import.meta.url), "utf8");
    const own = CORE_SET.filter((i) => !i.derivation);
    expect(own.length).toBeGreaterThan(10);
    for (const i of own) {
      expect(CORE_DEFINITIONS[i.code], i.code).toBeTruthy();
      expect(sqlText, i.code).toContain(`('${i.code}', '${CORE_DEFINITIONS[i.code].replace(/'/g, "''")}')`);
    }
    // Every derived core indicator is comparable through them.
    const keys = definitionKeys(CORE_SET);
    for (const i of CORE_SET) expect(keys.get(i.code), i.code).toBeTruthy();
  });
});
