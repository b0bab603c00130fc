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
  return db.orm.transaction(async (tx) => {
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
    return fn(tx, me ?? null);
  });
}

/** What case_may() answers for the acting user: the services ask first, so a refusal is a clear message. */
export async function may(tx: Tx, clientId: string, category: string | null, action: string): Promise<boolean> {
  const [r] = await rows<{ may: boolean }>(tx, sql`SELECT case_may(${clientId}::uuid, ${category}, ${action}) AS may`);
  return r?.may === true;
}
