import "./strings";
import { sql } from "drizzle-orm";
import type { CliCommand } from "~/kernel/cli";
import { CliError } from "~/kernel/cli";
import { rows, withSystem } from "~/kernel/db/context";
import { getT } from "~/kernel/i18n";
import { publishQuarter } from "./service";

// Publishing a quarter's aggregates to the host tenant's monitoring (issue 16 item 6). German output.
const de = () => getT("de");

export const commands: Record<string, CliCommand> = {
  "cases:aggregates": {
    summary:
      "Fallarbeit: Quartalszahlen eines Netzwerks (nach Standort, Statusgruppe, Schrittart; Median der Tage bis zum ersten Angebot) geheimhaltungsgeschützt an das Monitoring übergeben.",
    usage: "cases:aggregates --quarter 2026-Q3 [--network <Id oder Name>]   (ohne --network: das einzige Netzwerk)",
    options: { quarter: { type: "string" }, network: { type: "string" } },
    async run(db, { values }, log) {
      const t = de();
      const quarter = typeof values.quarter === "string" ? values.quarter.trim() : "";
      if (!quarter) throw new CliError(t("cases.aggregates.errors.quarterMissing"));
      const wanted = typeof values.network === "string" ? values.network.trim() : "";
      const networks = await withSystem(db, (tx) =>
        rows<{ id: string; name: string }>(tx, sql`SELECT id::text AS id, name FROM case_networks ORDER BY name`),
      );
      const matches = wanted ? networks.filter((n) => n.id === wanted || n.name === wanted) : networks;
      if (matches.length !== 1)
        throw new CliError(
          t(wanted ? "cases.aggregates.errors.network" : "cases.aggregates.errors.networkAmbiguous", {
            list: networks.map((n) => `${n.name} (${n.id})`).join("; "),
          }),
        );
      const r = await publishQuarter(db, matches[0].id, quarter);
      if (!r.ok) throw new CliError(t(r.error.code, r.error.params ?? {}));
      const v = r.value;
      log(t("cases.aggregates.cli.done", { network: matches[0].name, ...v }));
      if (!v.importId) log(t("cases.aggregates.cli.unchanged"));
      if (v.missing.length) log(t("cases.aggregates.cli.missing", { list: v.missing.join(", ") }));
    },
  },
};
