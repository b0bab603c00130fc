// Kept apart from the tenancy service (auth, mail): module services that only need the Land stay
// light enough for the route modules that share their constants with the browser bundle.
import { eq, sql } from "drizzle-orm";
import type { Tx } from "../db/client";
import { tenants } from "../db/schema";
import { landOf, type Land } from "./laender";

/** The Land of the transaction's tenant, read from its AGS (its rules decide what applies there). */
export async function tenantLand(tx: Tx): Promise<Land | undefined> {
  const [t] = await tx
    .select({ ags: tenants.ags })
    .from(tenants)
    .where(eq(tenants.id, sql`app_tenant_id()`));
  return t ? landOf(t.ags) : undefined;
}
