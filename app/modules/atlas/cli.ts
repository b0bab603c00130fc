import type { CliCommand } from "~/kernel/cli";
import { confirmAllTenants } from "./schedules";

/**
 * The same run as the daily scheduled task "atlas.confirmations" (decision 0048), by hand: asks
 * providers to confirm entries (after 11 months) and tells staff about entries unconfirmed for 12
 * months, which the public search then hides.
 */
export const commands: Record<string, CliCommand> = {
  "atlas:confirmations": {
    summary:
      "Integrationsatlas: Bestätigungsanfragen an Anbieter und Hinweise auf unbestätigte Einträge versenden (läuft auch täglich im Server).",
    usage: "atlas:confirmations [--tenant aachen]",
    options: { tenant: { type: "string" } },
    async run(db, { values }, log) {
      const tenant = values.tenant ? String(values.tenant) : undefined;
      const r = await confirmAllTenants(db, { tenant, actor: "CLI" });
      if (!r) throw new Error(`Den Mandanten „${tenant}“ gibt es nicht.`);
      for (const t of r)
        log(
          `${t.slug}: ${t.reminded} Bestätigungsanfrage(n), ${t.stale} Eintrag/Einträge seit 12 Monaten unbestätigt gemeldet.`,
        );
    },
  },
};
