import { sql } from "drizzle-orm";
import type { CliCommand } from "~/kernel/cli";
import { rows, withSystem, withTenant } from "~/kernel/db/context";
import { runConfirmationCycle } from "./service";

/**
 * Meant for a daily cron job: asks providers to confirm entries (after 11 months) and tells staff
 * about entries unconfirmed for 12 months, which the public search then hides.
 */
export const commands: Record<string, CliCommand> = {
  "atlas:confirmations": {
    summary:
      "Integrationsatlas: Bestätigungsanfragen an Anbieter und Hinweise auf unbestätigte Einträge versenden (täglich ausführen).",
    usage: "atlas:confirmations [--tenant aachen]",
    options: { tenant: { type: "string" } },
    async run(db, { values }, log) {
      const tenants = await withSystem(db, (tx) =>
        rows<{ id: string; slug: string }>(
          tx,
          values.tenant
            ? sql`SELECT id, slug FROM tenants WHERE slug = ${String(values.tenant)}`
            : sql`SELECT id, slug FROM tenants ORDER BY slug`,
        ),
      );
      if (values.tenant && tenants.length === 0)
        throw new Error(`Den Mandanten „${String(values.tenant)}“ gibt es nicht.`);
      for (const t of tenants) {
        const r = await withTenant(db, { tenantId: t.id, actor: { userId: null, label: "CLI" } }, (tx) =>
          runConfirmationCycle(tx),
        );
        log(
          `${t.slug}: ${r.reminded} Bestätigungsanfrage(n), ${r.stale} Eintrag/Einträge seit 12 Monaten unbestätigt gemeldet.`,
        );
      }
    },
  },
};
