import { eq } from "drizzle-orm";
import type { Tx } from "~/kernel/db/client";
import { audit } from "~/kernel/audit/service";
import { institutionSites, institutions, networks, sites, staff, type CaseRole, type InstitutionKind } from "./schema";

// The network's structure: institutions, sites and staff. Metadata only, no client's datum. The
// request role can read it within its network but not write it: these functions run in a system
// transaction (withSystem), behind a page that has checked the caller is an admin of the network's
// host tenant, or from the demo and the CLI.

export async function createNetwork(
  tx: Tx,
  n: { hostTenantId: string; name: string; foundingReference?: string; guardianAge?: number; isDemo?: boolean },
): Promise<string> {
  const [row] = await tx.insert(networks).values(n).returning({ id: networks.id });
  await audit(tx, { tenantId: n.hostTenantId, action: "create", entity: "case_network", entityId: row.id });
  return row.id;
}

export async function addSite(tx: Tx, networkId: string, s: { name: string; postcode?: string }): Promise<string> {
  const [row] = await tx
    .insert(sites)
    .values({ networkId, ...s })
    .returning({ id: sites.id });
  return row.id;
}

export async function addInstitution(
  tx: Tx,
  networkId: string,
  i: {
    tenantId: string;
    kind: InstitutionKind;
    name: string;
    contact?: string;
    siteIds?: string[];
  },
): Promise<string> {
  const { siteIds, tenantId, ...values } = i;
  const [row] = await tx
    .insert(institutions)
    .values({ networkId, homeTenantId: tenantId, ...values })
    .returning({ id: institutions.id });
  if (siteIds?.length)
    await tx.insert(institutionSites).values(siteIds.map((siteId) => ({ networkId, institutionId: row.id, siteId })));
  await audit(tx, { tenantId: i.tenantId, action: "create", entity: "case_institution", entityId: row.id });
  return row.id;
}

export async function addStaff(
  tx: Tx,
  networkId: string,
  s: { userId: string; institutionId: string; siteId?: string | null; role: CaseRole },
): Promise<string> {
  const [row] = await tx
    .insert(staff)
    .values({ networkId, ...s })
    .returning({ id: staff.id });
  const [inst] = await tx
    .select({ tenantId: institutions.homeTenantId })
    .from(institutions)
    .where(eq(institutions.id, s.institutionId));
  await audit(tx, { tenantId: inst?.tenantId ?? null, action: "create", entity: "case_staff", entityId: row.id });
  return row.id;
}
