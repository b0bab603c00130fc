import { sql } from "drizzle-orm";
import type { Database, Tx } from "./client";

export interface Actor {
  userId: string | null;
  /** Shown in the audit log: a user's e-mail, "API-Token …" or "CLI". */
  label: string;
}

export interface TenantScope {
  tenantId: string;
  actor: Actor;
}

/**
 * Runs fn in a transaction as the restricted role teilhabe_app with the tenant set, so that
 * row-level security confines every statement to that tenant whatever the query says.
 */
export async function withTenant<T>(
  db: Pick<Database, "orm">,
  scope: TenantScope,
  fn: (tx: Tx) => Promise<T>,
): Promise<T> {
  return db.orm.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL ROLE teilhabe_app`);
    await tx.execute(sql`SELECT set_config('app.tenant_id', ${scope.tenantId}, true),
      set_config('app.user_id', ${scope.actor.userId ?? ""}, true),
      set_config('app.actor_label', ${scope.actor.label}, true)`);
    return fn(tx);
  });
}

/**
 * Lets the rest of this transaction also read the published content of the tenant's member
 * municipalities (a Kreis's or Land's public guide), through the SELECT policies modules define
 * with app_member_tenants() (kernel migration 0010). Only public pages call it; writes and staff
 * pages never do, so they keep seeing their own tenant alone.
 */
export async function includeMemberTenants(tx: Tx): Promise<void> {
  await tx.execute(sql`SELECT set_config('app.with_members', 'on', true)`);
}

/** Like withTenant but with no tenant: only global, public rows are visible. */
export async function withPublic<T>(db: Database, fn: (tx: Tx) => Promise<T>, userId?: string): Promise<T> {
  return db.orm.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL ROLE teilhabe_app`);
    if (userId) await tx.execute(sql`SELECT set_config('app.user_id', ${userId}, true)`);
    return fn(tx);
  });
}

/**
 * Runs fn as the owning role, across tenants. Only for authentication, the CLI, migrations,
 * demo data and platform administration — never with input that selects a tenant's data.
 */
export async function withSystem<T>(db: Database, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.orm.transaction(fn);
}

export async function rows<T>(tx: Tx | Database["orm"], query: ReturnType<typeof sql>): Promise<T[]> {
  const r = (await tx.execute(query)) as unknown as { rows: T[] };
  return r.rows;
}
