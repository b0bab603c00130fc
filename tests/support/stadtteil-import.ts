import type { Tx } from "~/kernel/db/client";
import { ObservationProfile, runImport } from "~/modules/monitoring";

/**
 * Imports a few counts per Stadtteil and year through the monitoring's real importer, as the tests
 * of the cycle (new data → goal status) do: `rows` are [Stadtteil key, year, series, count], `series`
 * maps each series name to an indicator's total ("gesamt"). Returns the importer's report.
 */
export function importStadtteilCounts(
  inTx: <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>,
  name: string,
  series: Record<string, string>,
  rows: [string, string, string, number][],
) {
  const csv = ["Gebiet;Jahr;Merkmal;Anzahl", ...rows.map((r) => r.join(";"))].join("\n");
  return runImport(inTx, {
    bytes: new TextEncoder().encode(csv),
    fileName: `${name}.csv`,
    profile: ObservationProfile.parse({
      kind: "observations",
      name,
      layout: "long",
      format: {},
      area: { column: "Gebiet", level: "stadtteil" },
      period: { column: "Jahr" },
      value: { column: "Anzahl" },
      series: {
        columns: ["Merkmal"],
        map: Object.fromEntries(Object.entries(series).map(([k, indicator]) => [k, { indicator, group: "gesamt" }])),
      },
    }),
    dryRun: false,
  });
}
