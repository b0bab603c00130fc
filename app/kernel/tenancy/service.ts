import { and, asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "../db/client";
import { includeMemberTenants } from "../db/context";
import { memberships, organisations, tenants, users, ROLES } from "../db/schema";
import { audit } from "../audit/service";
import { createInviteToken, createUser, findUserByEmail } from "../auth/service";
import { enqueueMail } from "../mail/outbox";
import { config } from "../config";
import { ServiceError } from "../errors";
import { kindMismatch, TENANT_KINDS } from "./laender";

export type Tenant = typeof tenants.$inferSelect;

export const TenantInput = z
  .object({
    slug: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "platform.slugFormat"),
    name: z.string().trim().min(2).max(200),
    kind: z.enum(TENANT_KINDS, { message: "platform.kindInvalid" }),
    ags: z.string().regex(/^[0-9]{2,12}$/, "platform.agsFormat"),
    parentSlug: z.string().optional(),
    isPublic: z.boolean().default(true),
  })
  .superRefine((v, ctx) => {
    // The Land comes from the AGS: a kind that cannot be there is refused on the kind's field.
    const m = kindMismatch(v.kind, v.ags);
    if (m)
      ctx.addIssue({
        code: "custom",
        path: [m.key === "platform.agsNoLand" ? "ags" : "kind"],
        message: m.key,
        params: m.params,
      });
  });

export async function listPublicTenants(tx: Tx) {
  return tx
    .select({
      slug: tenants.slug,
      name: tenants.name,
      kind: tenants.kind,
      ags: tenants.ags,
      parentId: tenants.parentId,
      id: tenants.id,
    })
    .from(tenants)
    .where(eq(tenants.isPublic, true))
    .orderBy(asc(tenants.name));
}

/**
 * The public tenants below the transaction's tenant (a Kreis: its towns; a Land: its Kreise and
 * their towns), by the same rule the member policies use (app_member_tenants, decision 0036); the
 * transaction may then read their published content. Sorted by name.
 */
export async function listMemberTenants(tx: Tx) {
  await includeMemberTenants(tx);
  return tx
    .select({ id: tenants.id, slug: tenants.slug, name: tenants.name, kind: tenants.kind, parentId: tenants.parentId })
    .from(tenants)
    .where(sql`${tenants.id} = ANY (app_member_tenants())`)
    .orderBy(asc(tenants.name));
}

export async function getTenantBySlug(tx: Tx, slug: string): Promise<Tenant | undefined> {
  const [t] = await tx.select().from(tenants).where(eq(tenants.slug, slug));
  return t;
}

/** System context only (CLI, demo data, platform admin). */
export async function createTenant(tx: Tx, input: z.input<typeof TenantInput>): Promise<Tenant> {
  const v = TenantInput.parse(input);
  let parentId: string | null = null;
  if (v.parentSlug) {
    const p = await getTenantBySlug(tx, v.parentSlug);
    if (!p) throw new ServiceError("platform.unknownParentSlug", { slug: v.parentSlug });
    parentId = p.id;
  }
  const [t] = await tx
    .insert(tenants)
    .values({ slug: v.slug, name: v.name, kind: v.kind, ags: v.ags, parentId, isPublic: v.isPublic })
    .returning();
  await audit(tx, { tenantId: t.id, action: "create", entity: "tenant", entityId: t.id, after: t });
  return t;
}

export async function listMembers(tx: Tx) {
  return tx
    .select({
      userId: users.id,
      email: users.email,
      displayName: users.displayName,
      status: users.status,
      role: memberships.role,
      active: memberships.active,
      organisationId: memberships.organisationId,
      organisationName: organisations.name,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .leftJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(eq(memberships.tenantId, sql`app_tenant_id()`))
    .orderBy(asc(users.displayName));
}

export const InviteInput = z
  .object({
    email: z.string().trim().email(),
    displayName: z.string().trim().min(2, "users.nameRequired").max(200),
    role: z.enum(ROLES),
    organisationId: z.string().uuid().optional(),
  })
  .refine((v) => v.role !== "partner" || v.organisationId, {
    message: "users.partnerNeedsOrg",
    path: ["organisationId"],
  });

export type InviteResult =
  { ok: true; userId: string } | { ok: false; error: "already_member" | "unknown_organisation" };

/**
 * Invites someone into a tenant. Accounts are global (one person, several tenants), so this runs
 * in the system context; the caller has checked that the actor is admin of tenantId.
 */
export async function inviteUser(
  tx: Tx,
  tenant: Tenant,
  actor: { id: string; email: string },
  input: z.infer<typeof InviteInput>,
): Promise<InviteResult> {
  if (input.organisationId) {
    const [o] = await tx
      .select({ id: organisations.id })
      .from(organisations)
      .where(and(eq(organisations.id, input.organisationId), eq(organisations.tenantId, tenant.id)));
    if (!o) return { ok: false, error: "unknown_organisation" };
  }
  let u = await findUserByEmail(tx, input.email);
  if (u) {
    const [m] = await tx
      .select()
      .from(memberships)
      .where(and(eq(memberships.userId, u.id), eq(memberships.tenantId, tenant.id)));
    if (m) return { ok: false, error: "already_member" };
  } else {
    u = await createUser(tx, { email: input.email, displayName: input.displayName });
  }
  await tx.insert(memberships).values({
    tenantId: tenant.id,
    userId: u.id,
    role: input.role,
    organisationId: input.role === "partner" ? (input.organisationId ?? null) : null,
  });
  const needsPassword = !u.passwordHash;
  const link = needsPassword
    ? `${config().baseUrl}/passwort-setzen/${await createInviteToken(tx, u.id)}`
    : `${config().baseUrl}/anmelden`;
  await enqueueMail(tx, {
    tenantId: tenant.id,
    to: u.email,
    subject: `Einladung zu Teilhabe – ${tenant.name}`,
    body:
      `Guten Tag ${u.displayName},\n\n${actor.email} hat Sie als „${input.role}“ zu ${tenant.name} in Teilhabe eingeladen.\n` +
      (needsPassword
        ? `Legen Sie hier Ihr Passwort fest (7 Tage gültig):\n${link}\n`
        : `Melden Sie sich hier an:\n${link}\n`),
  });
  await audit(tx, {
    tenantId: tenant.id,
    actorId: actor.id,
    actorLabel: actor.email,
    action: "invite",
    entity: "membership",
    entityId: u.id,
    after: { email: u.email, role: input.role, organisationId: input.organisationId ?? null },
  });
  return { ok: true, userId: u.id };
}

export const MembershipUpdate = z.object({
  userId: z.string().uuid(),
  role: z.enum(ROLES).optional(),
  active: z.boolean().optional(),
  organisationId: z.string().uuid().nullable().optional(),
});

export type UpdateResult = { ok: true } | { ok: false; error: "not_found" | "last_admin" | "partner_needs_org" };

/** Runs under row-level security: a membership of another tenant is simply not found. */
export async function updateMembership(tx: Tx, input: z.infer<typeof MembershipUpdate>): Promise<UpdateResult> {
  const [m] = await tx
    .select()
    .from(memberships)
    .where(and(eq(memberships.userId, input.userId), eq(memberships.tenantId, sql`app_tenant_id()`)));
  if (!m) return { ok: false, error: "not_found" };
  const next = {
    role: input.role ?? m.role,
    active: input.active ?? m.active,
    organisationId: input.organisationId !== undefined ? input.organisationId : m.organisationId,
  };
  if (next.role === "partner" && !next.organisationId) return { ok: false, error: "partner_needs_org" };
  if (next.role !== "partner") next.organisationId = null;
  if (m.role === "admin" && m.active && (next.role !== "admin" || !next.active)) {
    const [{ n }] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(memberships)
      .where(
        and(
          eq(memberships.tenantId, sql`app_tenant_id()`),
          eq(memberships.role, "admin"),
          eq(memberships.active, true),
        ),
      );
    if (n <= 1) return { ok: false, error: "last_admin" };
  }
  await tx
    .update(memberships)
    .set(next)
    .where(and(eq(memberships.userId, input.userId), eq(memberships.tenantId, sql`app_tenant_id()`)));
  await audit(tx, {
    action: "update",
    entity: "membership",
    entityId: input.userId,
    before: { role: m.role, active: m.active, organisationId: m.organisationId },
    after: next,
  });
  return { ok: true };
}

export { roleAtLeast } from "../roles";
