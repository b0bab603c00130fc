import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "~/kernel/db/client";
import { rows } from "~/kernel/db/context";
import { audit } from "~/kernel/audit/service";
import { fail, ok, type Result } from "~/kernel/errors";
import { addInstitution, addSite, addStaff, createNetwork } from "./network";
import { CASE_ROLES, INSTITUTION_KINDS, institutionSites, institutions, networks, sites, staff } from "./schema";

// Setting up a network from the product (not only the demo): the host tenant's administrators create
// the network, its sites and institutions; each tenant's administrators seat their own members as
// staff of the institutions homed in their tenant (the Stadt Aachen its Jugendamt). The request role
// cannot write these tables, so the pages call these functions in a system transaction and every
// function checks the acting tenant itself. Structure only: nothing here touches a client.

const name = z.string().trim().min(1, "cases.admin.errors.name").max(200, "cases.admin.errors.name");
const uuid = z.uuid("cases.admin.errors.invalid");

export const NetworkInput = z.strictObject({
  name,
  foundingReference: z.string().trim().max(500).optional(),
  guardianAge: z.coerce
    .number()
    .int()
    .min(12, "cases.admin.errors.guardianAge")
    .max(18, "cases.admin.errors.guardianAge"),
});
export const SiteInput = z.strictObject({
  networkId: uuid,
  name,
  postcode: z
    .string()
    .regex(/^[0-9]{5}$/, "cases.errors.postcode")
    .optional(),
});
export const InstitutionInput = z.strictObject({
  networkId: uuid,
  homeTenantSlug: z.string().trim().min(1, "cases.admin.errors.tenant"),
  kind: z.enum(INSTITUTION_KINDS, "cases.admin.errors.kind"),
  name,
  contact: z.string().trim().max(300).optional(),
  siteIds: z.array(uuid).max(50).default([]),
});
export const StaffInput = z.strictObject({
  institutionId: uuid,
  email: z.string().trim().min(3, "cases.admin.errors.email").max(200),
  siteId: uuid.optional(),
  role: z.enum(CASE_ROLES, "cases.admin.errors.role"),
});

const parsed = <T>(schema: z.ZodType<T>, input: unknown): Result<T> => {
  const p = schema.safeParse(input);
  if (p.success) return ok(p.data);
  const issue = p.error.issues[0];
  return fail(issue?.message ?? "cases.admin.errors.invalid", String(issue?.path[0] ?? ""));
};

async function hostedBy(tx: Tx, tenantId: string, networkId: string): Promise<boolean> {
  const [n] = await tx.select({ host: networks.hostTenantId }).from(networks).where(eq(networks.id, networkId));
  return n?.host === tenantId;
}

export async function createNetworkFor(tx: Tx, tenantId: string, input: unknown): Promise<Result<{ id: string }>> {
  const p = parsed(NetworkInput, input);
  if (!p.ok) return p;
  const [dup] = await tx
    .select({ id: networks.id })
    .from(networks)
    .where(and(eq(networks.hostTenantId, tenantId), eq(networks.name, p.value.name)));
  if (dup) return fail("cases.admin.errors.duplicate", "name");
  return ok({ id: await createNetwork(tx, { hostTenantId: tenantId, ...p.value }) });
}

export async function addSiteFor(tx: Tx, tenantId: string, input: unknown): Promise<Result<{ id: string }>> {
  const p = parsed(SiteInput, input);
  if (!p.ok) return p;
  if (!(await hostedBy(tx, tenantId, p.value.networkId))) return fail("cases.admin.errors.notHost");
  const [dup] = await tx
    .select({ id: sites.id })
    .from(sites)
    .where(and(eq(sites.networkId, p.value.networkId), eq(sites.name, p.value.name)));
  if (dup) return fail("cases.admin.errors.duplicate", "name");
  const id = await addSite(tx, p.value.networkId, { name: p.value.name, postcode: p.value.postcode });
  await audit(tx, { tenantId, action: "create", entity: "case_site", entityId: id });
  return ok({ id });
}

export async function addInstitutionFor(tx: Tx, tenantId: string, input: unknown): Promise<Result<{ id: string }>> {
  const p = parsed(InstitutionInput, input);
  if (!p.ok) return p;
  const i = p.value;
  if (!(await hostedBy(tx, tenantId, i.networkId))) return fail("cases.admin.errors.notHost");
  const [home] = await rows<{ id: string }>(tx, sql`SELECT id FROM tenants WHERE slug = ${i.homeTenantSlug}`);
  if (!home) return fail("cases.admin.errors.tenant", "homeTenantSlug");
  const [dup] = await tx
    .select({ id: institutions.id })
    .from(institutions)
    .where(and(eq(institutions.networkId, i.networkId), eq(institutions.name, i.name)));
  if (dup) return fail("cases.admin.errors.duplicate", "name");
  const own = await tx.select({ id: sites.id }).from(sites).where(eq(sites.networkId, i.networkId));
  if (i.siteIds.some((s) => !own.some((o) => o.id === s))) return fail("cases.admin.errors.site", "siteIds");
  const id = await addInstitution(tx, i.networkId, {
    tenantId: home.id,
    kind: i.kind,
    name: i.name,
    contact: i.contact,
    siteIds: i.siteIds,
  });
  return ok({ id });
}

/** Seats a member of this tenant as staff of an institution homed here. */
export async function addStaffFor(tx: Tx, tenantId: string, input: unknown): Promise<Result<{ id: string }>> {
  const p = parsed(StaffInput, input);
  if (!p.ok) return p;
  const s = p.value;
  const [inst] = await tx.select().from(institutions).where(eq(institutions.id, s.institutionId));
  if (!inst || inst.homeTenantId !== tenantId) return fail("cases.admin.errors.notHome", "institutionId");
  const [user] = await rows<{ id: string }>(
    tx,
    sql`SELECT u.id FROM users u JOIN memberships m ON m.user_id = u.id AND m.tenant_id = ${tenantId}::uuid AND m.active
      WHERE lower(u.email) = lower(${s.email})`,
  );
  if (!user) return fail("cases.admin.errors.notMember", "email");
  if (!s.siteId && !["lead", "dpo", "auditor"].includes(s.role))
    return fail("cases.admin.errors.siteRequired", "siteId");
  if (s.siteId) {
    const [at] = await tx
      .select({ site: institutionSites.siteId })
      .from(institutionSites)
      .where(and(eq(institutionSites.institutionId, inst.id), eq(institutionSites.siteId, s.siteId)));
    if (!at) return fail("cases.admin.errors.site", "siteId");
  }
  const [seated] = await tx
    .select({ id: staff.id })
    .from(staff)
    .where(and(eq(staff.networkId, inst.networkId), eq(staff.userId, user.id)));
  if (seated) return fail("cases.admin.errors.seated", "email");
  const id = await addStaff(tx, inst.networkId, {
    userId: user.id,
    institutionId: inst.id,
    siteId: s.siteId ?? null,
    role: s.role,
  });
  return ok({ id });
}

/** Ends or restores a seat of staff of an institution homed in this tenant (their access ends at once). */
export async function setStaffActiveFor(
  tx: Tx,
  tenantId: string,
  staffId: string,
  active: boolean,
): Promise<Result<undefined>> {
  if (!uuid.safeParse(staffId).success) return fail("cases.admin.errors.invalid");
  const [row] = await tx
    .select({ id: staff.id, home: institutions.homeTenantId })
    .from(staff)
    .innerJoin(institutions, eq(institutions.id, staff.institutionId))
    .where(eq(staff.id, staffId));
  if (!row || row.home !== tenantId) return fail("cases.admin.errors.notHome");
  await tx.update(staff).set({ active }).where(eq(staff.id, staffId));
  await audit(tx, { tenantId, action: "status", entity: "case_staff", entityId: staffId, after: { active } });
  return ok(undefined);
}

export interface AdminView {
  networks: {
    id: string;
    name: string;
    hosted: boolean;
    sites: { id: string; name: string }[];
    institutions: { id: string; name: string; kind: string; home: boolean; siteIds: string[] }[];
    staff: {
      id: string;
      email: string;
      displayName: string;
      institution: string;
      site: string | null;
      role: string;
      active: boolean;
    }[];
  }[];
}

/** What the administration page shows this tenant: its networks' structure and its own staff. */
export async function adminView(tx: Tx, tenantId: string): Promise<AdminView> {
  const nets = await rows<{ id: string; name: string; hosted: boolean }>(
    tx,
    sql`SELECT n.id, n.name, n.host_tenant_id = ${tenantId}::uuid AS hosted FROM case_networks n
      WHERE n.host_tenant_id = ${tenantId}::uuid OR EXISTS (SELECT 1 FROM case_institutions i
        WHERE i.network_id = n.id AND i.home_tenant_id = ${tenantId}::uuid) ORDER BY n.name`,
  );
  const out: AdminView["networks"] = [];
  for (const n of nets) {
    const siteList = await tx
      .select({ id: sites.id, name: sites.name })
      .from(sites)
      .where(eq(sites.networkId, n.id))
      .orderBy(sites.name);
    const insts = await rows<{ id: string; name: string; kind: string; home: boolean; site_ids: string[] }>(
      tx,
      sql`SELECT i.id, i.name, i.kind, i.home_tenant_id = ${tenantId}::uuid AS home,
        coalesce((SELECT array_agg(x.site_id::text) FROM case_institution_sites x WHERE x.institution_id = i.id), '{}') AS site_ids
      FROM case_institutions i WHERE i.network_id = ${n.id}::uuid ORDER BY i.name`,
    );
    const people = await rows<AdminView["networks"][number]["staff"][number]>(
      tx,
      sql`SELECT s.id, u.email, u.display_name AS "displayName", i.name AS institution, st.name AS site, s.role, s.active
      FROM case_staff s JOIN users u ON u.id = s.user_id JOIN case_institutions i ON i.id = s.institution_id
      LEFT JOIN case_sites st ON st.id = s.site_id
      WHERE s.network_id = ${n.id}::uuid AND i.home_tenant_id = ${tenantId}::uuid ORDER BY i.name, u.display_name`,
    );
    out.push({
      ...n,
      sites: siteList,
      institutions: insts.map((i) => ({ id: i.id, name: i.name, kind: i.kind, home: i.home, siteIds: i.site_ids })),
      staff: people,
    });
  }
  return { networks: out };
}
