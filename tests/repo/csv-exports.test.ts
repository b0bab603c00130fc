import { describe, expect, it } from "vitest";
import fs from "node:fs";
import path from "node:path";

// Issue 18 item 4: every CSV Teilhabe writes reads back through the importer for its kind of data,
// or is listed here (and in docs/architecture.md, "Exporte") with the reason why there is none. A new
// place that writes a CSV fails this test until it is put in one of the two lists.
const root = path.resolve(import.meta.dirname, "../..");

/** Files that write CSV, with what they write, the importer and the HTTP test of the round trip. */
const ROUND_TRIP: Record<string, { what: string; importer: string; test: string }> = {
  "app/modules/concept/services/catalogue.ts": {
    what: "Maßnahmenkatalog (Maßnahmenliste, Controlling)",
    importer: "verwaltung/massnahmen/import",
    test: "app/modules/concept/concept.http.test.ts",
  },
  "app/modules/monitoring/routes/data.server.ts": {
    what: "Indikatorwerte (Zeitreihe, Vergleich, offene Daten)",
    importer: "verwaltung/monitoring/import",
    test: "app/modules/monitoring/exports.http.test.ts",
  },
};

/** Files that write CSV of a kind no importer takes, with the reason. */
const NO_IMPORTER: Record<string, string> = {
  // data.server.ts also writes the area profile and the goal attainment: reports derived from the
  // indicator values (one area against the city; Ist/Soll with status), not data to load.
  "app/modules/atlas/routes/export-csv.ts":
    "Integrationsatlas: Angebote werden im Formular gepflegt, es gibt keinen Import",
  "app/modules/participation/routes/staff-export.ts": "Beiträge eines Beteiligungsverfahrens: Ergebnisdokumentation",
  "app/modules/participation/routes/staff-workshop-export.ts": "Werkstattergebnis: Protokoll einer Sitzung",
  "app/modules/opening/routes/surveys-codes-csv.ts": "Zugangscodes einer Befragung: zum Verteilen, keine Daten",
  "app/modules/opening/routes/surveys-series-csv.ts": "Zeitreihe Personalanteil: aus den Befragungen berechnet",
};

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [path.relative(root, p)] : [];
  });
}
// A CSV leaves the server through the kernel's csvResponse or with its own text/csv header.
const WRITES_CSV = /\bcsvResponse\(|["']Content-Type["']:\s*["']text\/csv/;

describe("CSV exports", () => {
  const writers = sources(path.join(root, "app"))
    .filter((f) => f !== "app/kernel/csv.ts")
    .filter((f) => WRITES_CSV.test(fs.readFileSync(path.join(root, f), "utf8")))
    .sort();

  it("every file that writes a CSV is in the round-trip list or in the list without importer", () => {
    const unlisted = writers.filter((f) => !(f in ROUND_TRIP) && !(f in NO_IMPORTER));
    expect(unlisted, "classify these CSV exports in tests/repo/csv-exports.test.ts").toEqual([]);
    expect([...Object.keys(ROUND_TRIP), ...Object.keys(NO_IMPORTER)].sort()).toEqual(writers);
  });

  it("each round trip has its HTTP test, and the docs name every list entry", () => {
    const doc = fs.readFileSync(path.join(root, "docs/architecture.md"), "utf8");
    const section = doc.slice(doc.indexOf("## Exporte"));
    expect(section.length).toBeGreaterThan(0);
    for (const [file, r] of Object.entries(ROUND_TRIP)) {
      expect(fs.readFileSync(path.join(root, r.test), "utf8")).toMatch(/import/);
      expect(section, file).toContain(file);
    }
    for (const file of Object.keys(NO_IMPORTER)) expect(section, file).toContain(file);
  });
});
