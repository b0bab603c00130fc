import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "../db/client";
import { organisations, ORGANISATION_KINDS } from "../db/schema";
import { audit } from "../audit/service";
import { sql } from "drizzle-orm";
import { webUrl } from "../urls";

/** The organisations register shared by all modules (lead units, partners, providers). */
export const OrganisationInput = z.object({
  name: z.string().trim().min(2).max(300),
  kind: z.enum(ORGANISATION_KINDS),
  shortName: z.string().trim().max(50).optional().nullable(),
  website: webUrl().optional().nullable(),
  email: z.string().trim().email().optional().nullable(),
  phone: z.string().trim().max(50).optional().nullable(),
  address: z.string().trim().max(300).optional().nullable(),
  description: z.string().trim().max(5000).optional().nullable(),
});
export type OrganisationInput = z.infer<typeof OrganisationInput>;
export type Organisation = typeof organisations.$inferSelect;

export async function listOrganisations(tx: Tx): Promise<Organisation[]> {
  return tx.select().from(organisations).orderBy(asc(organisations.name));
}

export async function getOrganisation(tx: Tx, id: string): Promise<Organisation | undefined> {
  const [o] = await tx.select().from(organisations).where(eq(organisations.id, id));
  return o;
}

export type CreateOrgResult = { ok: true; organisation: Organisation } | { ok: false; error: "duplicate" };

/** Runs inside withTenant: the tenant comes from the transaction, never from input. */
export async function createOrganisation(tx: Tx, input: OrganisationInput): Promise<CreateOrgResult> {
  const [dupe] = await tx
    .select({ id: organisations.id })
    .from(organisations)
    .where(sql`lower(${organisations.name}) = lower(${input.name})`);
  if (dupe) return { ok: false, error: "duplicate" };
  const [o] = await tx
    .insert(organisations)
    .values({ ...input, tenantId: sql`app_tenant_id()` as unknown as string })
    .returning();
  await audit(tx, { action: "create", entity: "organisation", entityId: o.id, after: o });
  return { ok: true, organisation: o };
}

export async function updateOrganisation(
  tx: Tx,
  id: string,
  input: OrganisationInput,
): Promise<Organisation | undefined> {
  const before = await getOrganisation(tx, id);
  if (!before) return undefined;
  const [o] = await tx
    .update(organisations)
    .set({ ...input, updatedAt: new Date() })
    .where(eq(organisations.id, id))
    .returning();
  await audit(tx, { action: "update", entity: "organisation", entityId: id, before, after: o });
  return o;
}
