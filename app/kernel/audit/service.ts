import { and, count, desc, eq, gte, ilike, lte, or, sql, type SQL } from "drizzle-orm";
import type { Tx } from "../db/client";
import { auditLog } from "../db/schema";

export type AuditAction =
  | "create"
  | "update"
  | "delete"
  | "login"
  | "logout"
  | "invite"
  | "status"
  | "import"
  | "approve"
  | "reject"
  | "publish"
  | string;

export interface AuditEntry {
  action: AuditAction;
  entity: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
  /** Only for platform-level entries written outside a tenant transaction. */
  tenantId?: string | null;
  actorId?: string | null;
  actorLabel?: string;
}

/**
 * Appends to the audit log inside the caller's transaction, so the record exists exactly when
 * the change does. Actor and tenant default to those set by withTenant.
 */
export async function audit(tx: Tx, e: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    tenantId: e.tenantId !== undefined ? e.tenantId : sql`app_tenant_id()`,
    actorId: e.actorId !== undefined ? e.actorId : sql`app_user_id()`,
    actorLabel: e.actorLabel ?? sql`coalesce(nullif(current_setting('app.actor_label', true), ''), 'System')`,
    at: sql`clock_timestamp()`,
    action: e.action,
    entity: e.entity,
    entityId: e.entityId ?? null,
    before: (e.before ?? null) as never,
    after: (e.after ?? null) as never,
  });
}

export interface AuditFilter {
  entity?: string;
  action?: string;
  actor?: string;
  from?: Date;
  to?: Date;
  q?: string;
  limit?: number;
  offset?: number;
}

function auditWhere(f: AuditFilter) {
  const where: SQL[] = [];
  if (f.entity) where.push(eq(auditLog.entity, f.entity));
  if (f.action) where.push(eq(auditLog.action, f.action));
  if (f.actor) where.push(ilike(auditLog.actorLabel, `%${f.actor}%`));
  if (f.from) where.push(gte(auditLog.at, f.from));
  if (f.to) where.push(lte(auditLog.at, f.to));
  if (f.q)
    where.push(
      or(
        ilike(auditLog.entityId, `%${f.q}%`),
        sql`${auditLog.after}::text ILIKE ${"%" + f.q + "%"}`,
        sql`${auditLog.before}::text ILIKE ${"%" + f.q + "%"}`,
      )!,
    );
  return where.length ? and(...where) : undefined;
}

export async function countAudit(tx: Tx, f: AuditFilter): Promise<number> {
  const [r] = await tx.select({ n: count() }).from(auditLog).where(auditWhere(f));
  return r.n;
}

/** Reads the current tenant's log (row-level security confines it). */
export async function listAudit(tx: Tx, f: AuditFilter) {
  return tx
    .select()
    .from(auditLog)
    .where(auditWhere(f))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(f.limit ?? 50)
    .offset(f.offset ?? 0);
}

export async function auditEntities(tx: Tx): Promise<string[]> {
  const r = await tx.selectDistinct({ entity: auditLog.entity }).from(auditLog).orderBy(auditLog.entity);
  return r.map((x) => x.entity);
}

export async function auditActions(tx: Tx): Promise<string[]> {
  const r = await tx.selectDistinct({ action: auditLog.action }).from(auditLog).orderBy(auditLog.action);
  return r.map((x) => x.action);
}
