import { sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { rows, withPublic } from "../db/context";
import { getTenantBySlug, type Tenant } from "./service";

/**
 * Tenants by slug, held in this process (decision 0014). Every page under /t/:slug needs its tenant,
 * and tenants change rarely; looking one up cost a transaction of four statements per request.
 *
 * Several app instances may share one database, so an instance cannot rely on hearing about a change
 * another one made. Instead it asks the database at most once per `revalidateMs` for a fingerprint of
 * the whole tenants table (row count and every row's `xmin`, which PostgreSQL sets anew on each
 * insert or update) and drops everything it holds when the fingerprint moved. Under load that is one
 * cheap query per interval instead of one transaction per request; a change made anywhere is seen
 * everywhere within the interval, and at once by the instance that made it (`invalidate`).
 */
export interface TenantCache {
  bySlug(slug: string): Promise<Tenant | undefined>;
  /** Forget everything now (after this process wrote a tenant). */
  invalidate(): void;
}

/** Unknown slugs are remembered too (a 404 costs nothing either), so the map is bounded. */
const MAX_ENTRIES = 2000;

export const TENANT_REVALIDATE_MS = 1000;

export async function tenantsFingerprint(db: Database): Promise<string> {
  const [r] = await rows<{ v: string }>(
    db.orm,
    sql`SELECT count(*)::text || ':' || coalesce(md5(string_agg(xmin::text, ',' ORDER BY xmin::text)), '') AS v
        FROM tenants`,
  );
  return r?.v ?? "";
}

export function createTenantCache(db: Database, revalidateMs = TENANT_REVALIDATE_MS): TenantCache {
  const entries = new Map<string, Tenant | undefined>();
  let fingerprint: string | null = null;
  let checkedAt = -Infinity;
  // Bumped whenever entries are dropped: a lookup that started before must not store what it read.
  let generation = 0;
  let checking: Promise<void> | null = null;

  const drop = () => {
    entries.clear();
    generation++;
  };
  // One check at a time: a burst of requests after the interval waits for the same query.
  const revalidate = () =>
    (checking ??= tenantsFingerprint(db)
      .then((v) => {
        checkedAt = Date.now();
        if (v !== fingerprint) {
          fingerprint = v;
          drop();
        }
      })
      .finally(() => (checking = null)));

  return {
    async bySlug(slug) {
      if (Date.now() - checkedAt >= revalidateMs) await revalidate();
      if (entries.has(slug)) return entries.get(slug);
      const gen = generation;
      const tenant = await withPublic(db, (tx) => getTenantBySlug(tx, slug));
      if (gen === generation) {
        if (entries.size >= MAX_ENTRIES) entries.clear();
        entries.set(slug, tenant);
      }
      return tenant;
    },
    invalidate() {
      drop();
      checkedAt = -Infinity;
    },
  };
}
