import { sql } from "drizzle-orm";
import type { Database } from "~/kernel/db/client";
import { rows, withSystem, withTenant } from "~/kernel/db/context";
import type { SchedulesModule } from "~/kernel/modules";
import { runConfirmationCycle } from "./service";

/**
 * The yearly confirmation for all tenants (or one): providers are asked to confirm entries after 11
 * months, staff told about entries unconfirmed for 12. One transaction per tenant. Used by the daily
 * scheduled task and by `atlas:confirmations`.
 */
export async function confirmAllTenants(
  db: Database,
  opts: { now?: Date; tenant?: string; actor?: string } = {},
): Promise<{ slug: string; reminded: number; stale: number }[] | null> {
  const tenants = await withSystem(db, (tx) =>
    rows<{ id: string; slug: string }>(
      tx,
      opts.tenant
        ? sql`SELECT id, slug FROM tenants WHERE slug = ${opts.tenant}`
        : sql`SELECT id, slug FROM tenants ORDER BY slug`,
    ),
  );
  if (opts.tenant && tenants.length === 0) return null;
  const out = [];
  for (const t of tenants) {
    const r = await withTenant(db, { tenantId: t.id, actor: { userId: null, label: opts.actor ?? "System" } }, (tx) =>
      runConfirmationCycle(tx, opts.now),
    );
    out.push({ slug: t.slug, ...r });
  }
  return out;
}

export const schedules: SchedulesModule["schedules"] = [
  {
    name: "atlas.confirmations",
    dailyAtHour: 6,
    run: async (db, now) => {
      const r = (await confirmAllTenants(db, { now, actor: "Geplante Aufgabe" })) ?? [];
      const sum = (k: "reminded" | "stale") => r.reduce((a, x) => a + x[k], 0);
      return `${sum("reminded")} Bestätigungsanfrage(n), ${sum("stale")} unbestätigte Einträge gemeldet (${r.length} Mandanten)`;
    },
  },
];
