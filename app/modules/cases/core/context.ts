import { sql } from "drizzle-orm";
import type { Database, Tx } from "~/kernel/db/client";
import { rows } from "~/kernel/db/context";
import type { CaseRole, InstitutionKind } from "./schema";

/** The acting staff member, as case_me() in the database sees them. */
export interface Me {
  id: string;
  userId: string;
  networkId: string;
  institutionId: string;
  institutionKind: InstitutionKind;
  /** The tenant of the staff member's institution: their actions go to its audit log. */
  tenantId: string;
  siteId: string | null;
  role: CaseRole;
}

export interface CaseScope {
  userId: string;
  networkId: string;
  /** Shown in the audit log (the user's e-mail). */
  label: string;
  /** Tests only: the date the rules are checked against (app.today); requests never set it. */
  today?: string;
}

/**
 * Runs fn in a transaction as the restricted request role with the acting user and the network set:
 * the policies of migration 0800 then let through exactly what case_may() allows this user. `me` is
 * null for anyone who is not active staff of the network (a tenant admin, the platform admin): they
 * see no client rows at all.
 */
export async function withCase<T>(
  db: Pick<Database, "orm">,
  scope: CaseScope,
  fn: (tx: Tx, me: Me | null) => Promise<T>,
): Promise<T> {
  return db.orm.transaction(async (tx) => fn(tx, await enterCase(tx, scope)));
}

/** Makes tx act as the user in the network (withCase's work), answering who that is there. */
export async function enterCase(tx: Tx, scope: CaseScope): Promise<Me | null> {
  await tx.execute(sql`SET LOCAL ROLE teilhabe_app`);
  await tx.execute(sql`SELECT set_config('app.user_id', ${scope.userId}, true),
    set_config('app.case_network', ${scope.networkId}, true),
    set_config('app.actor_label', ${scope.label}, true),
    set_config('app.today', ${scope.today ?? ""}, true)`);
  const [me] = await rows<Me>(
    tx,
    sql`SELECT s.id, s.user_id AS "userId", s.network_id AS "networkId", s.institution_id AS "institutionId",
      i.kind AS "institutionKind", i.home_tenant_id AS "tenantId", s.site_id AS "siteId", s.role
    FROM case_me() s JOIN case_institutions i ON i.id = s.institution_id`,
  );
  // Audit entries of case work go to the acting institution's tenant (kernel audit_log policy).
  if (me) await tx.execute(sql`SELECT set_config('app.tenant_id', ${me.tenantId}, true)`);
  return me ?? null;
}

/**
 * Runs fn as the user in the network inside a tenant's transaction (the staff home's), and afterwards
 * gives the transaction back as it was: the settings enterCase changes are restored, so what runs
 * next in it (another module's count) sees the tenant, not the case network.
 */
export async function inCase<T>(
  tx: Tx,
  scope: Omit<CaseScope, "label">,
  fn: (me: Me | null) => Promise<T>,
): Promise<T> {
  const [before] = await rows<Record<string, string>>(
    tx,
    sql`SELECT current_setting('app.user_id', true) AS "app.user_id",
      current_setting('app.case_network', true) AS "app.case_network",
      current_setting('app.actor_label', true) AS "app.actor_label",
      current_setting('app.today', true) AS "app.today",
      current_setting('app.tenant_id', true) AS "app.tenant_id"`,
  );
  // The tenant transaction's label (the user's e-mail) stays the actor's.
  const result = await fn(await enterCase(tx, { ...scope, label: before["app.actor_label"] ?? "" }));
  for (const [name, value] of Object.entries(before))
    await tx.execute(sql`SELECT set_config(${name}, ${value ?? ""}, true)`);
  return result;
}

/** The user's seats: active staff of a network through an institution (case_my_networks, metadata only). */
export async function mySeats(tx: Tx) {
  return rows<{
    networkId: string;
    networkName: string;
    institutionName: string;
    siteName: string | null;
    role: string;
    homeTenantId: string;
  }>(
    tx,
    sql`SELECT network_id AS "networkId", network_name AS "networkName", institution_name AS "institutionName",
      site_name AS "siteName", role, home_tenant_id AS "homeTenantId" FROM case_my_networks()`,
  );
}

/** What case_may() answers for the acting user: the services ask first, so a refusal is a clear message. */
export async function may(tx: Tx, clientId: string, category: string | null, action: string): Promise<boolean> {
  const [r] = await rows<{ may: boolean }>(tx, sql`SELECT case_may(${clientId}::uuid, ${category}, ${action}) AS may`);
  return r?.may === true;
}
