// Kept apart from the settings service (uploads, config): module services that only need the
// threshold stay light. The disclosure threshold lives on the tenant (migration 0015), read by
// monitoring, cases and the atlas through monitoring's disclosureThreshold(tx) and written only here.
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "../db/client";
import { tenants } from "../db/schema";
import { audit } from "../audit/service";
import { fail, ok, type Result } from "../errors";
import { DEFAULT_DISCLOSURE_THRESHOLD } from "../disclosure";

export const Threshold = z.coerce
  .number("settings.errors.threshold")
  .int("settings.errors.threshold")
  .min(1, "settings.errors.threshold")
  .max(100, "settings.errors.threshold");

/** The transaction's tenant's disclosure threshold: counts below it are never published. */
export async function tenantDisclosureThreshold(tx: Tx): Promise<number> {
  const [t] = await tx
    .select({ v: tenants.disclosureThreshold })
    .from(tenants)
    .where(eq(tenants.id, sql`app_tenant_id()`));
  return t?.v ?? DEFAULT_DISCLOSURE_THRESHOLD;
}

/** Sets the transaction's tenant's threshold (its administration; the route checks the role). */
export async function setTenantDisclosureThreshold(tx: Tx, value: unknown): Promise<Result<number>> {
  const p = Threshold.safeParse(value);
  if (!p.success) return fail("settings.errors.threshold", "disclosureThreshold");
  const before = await tenantDisclosureThreshold(tx);
  const done = await tx
    .update(tenants)
    .set({ disclosureThreshold: p.data })
    .where(eq(tenants.id, sql`app_tenant_id()`))
    .returning({ id: tenants.id });
  if (!done.length) return fail("errors.notFound");
  if (before !== p.data)
    await audit(tx, {
      action: "update",
      entity: "tenant",
      entityId: done[0].id,
      before: { disclosureThreshold: before },
      after: { disclosureThreshold: p.data },
    });
  return ok(p.data);
}
