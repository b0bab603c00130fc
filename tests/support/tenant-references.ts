import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { getTableConfig, type PgTable } from "drizzle-orm/pg-core";
import type { Database, Tx } from "~/kernel/db/client";
import { rows, withSystem, withTenant } from "~/kernel/db/context";
import { createTestDb } from "./db";

// Foreign-key checks run as the table owner and do not see row-level security, so only the key
// itself can keep one tenant's row from pointing at another tenant's (decision 0013). These helpers
// find every such reference in the catalog and try to cross tenants with it.

/** A foreign key into a table that has a tenant_id column, as the catalog describes it. */
export interface Reference {
  name: string;
  source: string;
  target: string;
  columns: string[];
  targetColumns: string[];
  onDelete: string;
  /** Whether the referencing table's tenant_id is NOT NULL (MATCH SIMPLE skips a NULL tenant). */
  tenantNotNull: boolean | null;
}

const ON_DELETE: Record<string, string> = {
  a: "no action",
  r: "restrict",
  c: "cascade",
  n: "set null",
  d: "set default",
};

/** Every foreign key of the schema whose target table has a tenant_id column. */
export async function tenantReferences(db: Database): Promise<Reference[]> {
  const found = await withSystem(db, (tx) =>
    rows<Omit<Reference, "onDelete"> & { del: string }>(
      tx,
      sql`
      SELECT k.conname AS name, c.relname AS source, p.relname AS target, k.confdeltype AS del,
        (SELECT array_agg(a.attname::text ORDER BY x.i) FROM unnest(k.conkey) WITH ORDINALITY x(n, i)
          JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = x.n) AS columns,
        (SELECT array_agg(a.attname::text ORDER BY x.i) FROM unnest(k.confkey) WITH ORDINALITY x(n, i)
          JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = x.n) AS "targetColumns",
        (SELECT a.attnotnull FROM pg_attribute a WHERE a.attrelid = k.conrelid AND a.attname = 'tenant_id'
          AND NOT a.attisdropped) AS "tenantNotNull"
      FROM pg_constraint k
      JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
      JOIN pg_namespace n ON n.oid = k.connamespace
      WHERE k.contype = 'f' AND n.nspname = current_schema()
        AND EXISTS (SELECT 1 FROM pg_attribute t WHERE t.attrelid = k.confrelid AND t.attname = 'tenant_id'
          AND NOT t.attisdropped)
      ORDER BY 1`,
    ),
  );
  return found.map(({ del, ...r }) => ({ ...r, onDelete: ON_DELETE[del] }));
}

/** A reference the database cannot hold to one tenant: it does not pair tenant_id with tenant_id. */
export const unsafe = (r: Reference) => {
  const i = r.columns.indexOf("tenant_id");
  return i < 0 || r.targetColumns[i] !== "tenant_id" || r.tenantNotNull !== true;
};

/** The column that points at the other row, and the one it points at. */
function pointer(r: Reference): [string, string] {
  const i = r.columns.findIndex((c) => c !== "tenant_id");
  return [r.columns[i], r.targetColumns[i]];
}

const q = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** The SQLSTATE of a failed statement (Drizzle keeps the driver's error as the cause). */
function sqlState(e: unknown): string | undefined {
  const err = e as { code?: unknown; cause?: { code?: unknown } };
  const code = err.cause?.code ?? err.code;
  return typeof code === "string" ? code : undefined;
}

/** Thrown to end a transaction whose changes the test must not keep. */
class RolledBack<T = unknown> extends Error {
  constructor(readonly value?: T) {
    super("rolled back");
  }
}

/** Runs fn in a transaction that is always rolled back, and returns what fn returned. */
async function undone<T>(run: (fn: (tx: Tx) => Promise<never>) => Promise<unknown>, fn: (tx: Tx) => Promise<T>) {
  try {
    await run(async (tx) => {
      throw new RolledBack(await fn(tx));
    });
  } catch (e) {
    if (e instanceof RolledBack) return e.value as T;
    throw e;
  }
  throw new Error("unreachable");
}

/**
 * For each reference: as the request role in tenant `own`, point an existing row at a row of tenant
 * `foreign`. An update runs the same key check as an insert and needs no made-up row. The result is
 * the SQLSTATE the database answered with, or "accepted".
 */
export async function crossTenantWrites(db: Database, refs: Reference[], own: string, foreign: string) {
  const outcome: Record<string, string> = {};
  for (const r of refs) {
    const [col, targetCol] = pointer(r);
    const [theirs] = await withSystem(db, (tx) =>
      rows<{ v: string }>(
        tx,
        sql.raw(`SELECT ${q(targetCol)}::text AS v FROM ${q(r.target)} WHERE tenant_id = '${foreign}' LIMIT 1`),
      ),
    );
    if (!theirs) throw new Error(`${r.name}: the fixture has no row of ${r.target} in the foreign tenant`);
    try {
      await undone(
        (fn) => withTenant(db, { tenantId: own, actor: { userId: null, label: "test" } }, fn),
        async (tx) => {
          const changed = await rows(
            tx,
            sql.raw(`UPDATE ${q(r.source)} SET ${q(col)} = '${theirs.v}' WHERE ${q(col)} IS NOT NULL RETURNING 1`),
          );
          if (changed.length === 0) throw new Error(`${r.name}: the fixture has no row of ${r.source} with ${col}`);
        },
      );
      outcome[r.name] = "accepted";
    } catch (e) {
      const state = sqlState(e);
      if (!state) throw e;
      outcome[r.name] = state;
    }
  }
  return outcome;
}

/**
 * For each optional reference (ON DELETE SET NULL): delete the target rows the tenant's rows point
 * at and report how many of those rows remain, still in the tenant, with only the pointer emptied.
 */
export async function deletedTargets(db: Database, refs: Reference[], own: string) {
  const kept: Record<string, { pointing: number; keptInTenant: number }> = {};
  for (const r of refs.filter((x) => x.onDelete === "set null")) {
    const [col, targetCol] = pointer(r);
    kept[r.name] = await undone(
      (fn) => withSystem(db, fn),
      async (tx) => {
        // A row is known by its other columns: the key action rewrites the row (a new ctid).
        const rowsOf = async (pointerSet: boolean) =>
          (
            await rows<{ k: string }>(
              tx,
              sql.raw(`SELECT (to_jsonb(s) - '${col}')::text AS k FROM ${q(r.source)} s
                WHERE s.tenant_id = '${own}' AND s.${q(col)} IS ${pointerSet ? "NOT NULL" : "NULL"}`),
            )
          ).map((x) => x.k);
        const pointing = await rowsOf(true);
        await tx.execute(
          sql.raw(`DELETE FROM ${q(r.target)} t WHERE t.tenant_id = '${own}' AND t.${q(targetCol)} IN
            (SELECT s.${q(col)} FROM ${q(r.source)} s WHERE s.tenant_id = '${own}')`),
        );
        const emptied = new Set(await rowsOf(false));
        const n = pointing.filter((k) => emptied.has(k)).length;
        return { pointing: pointing.length, keptInTenant: n };
      },
    );
  }
  return kept;
}

/** The foreign keys the Drizzle tables declare into tables that have a tenant_id column. */
export function declaredReferences(tables: PgTable[]) {
  return tables.flatMap((table) => {
    const cfg = getTableConfig(table);
    return cfg.foreignKeys
      .map((fk) => ({ fk, ref: fk.reference() }))
      .filter(({ ref }) => getTableConfig(ref.foreignTable).columns.some((c) => c.name === "tenant_id"))
      .map(({ fk, ref }) => ({
        source: cfg.name,
        target: getTableConfig(ref.foreignTable).name,
        columns: ref.columns.map((c) => c.name),
        targetColumns: ref.foreignColumns.map((c) => c.name),
        onDelete: fk.onDelete ?? "no action",
      }));
  });
}

export const drizzleTables = (schema: Record<string, unknown>) =>
  Object.values(schema).filter(
    (v): v is PgTable => typeof v === "object" && v !== null && Symbol.for("drizzle:IsDrizzleTable") in v,
  );

/**
 * The tests every module runs for the references its own tables hold: `fill` writes, for one tenant,
 * at least one row of each of those tables with every reference set, all within that tenant. It runs
 * for the tenant that writes (index 0) and the one pointed at (1); where a unique key is global, the
 * two must differ in it, or the cross-tenant write would fail on that key instead.
 */
export function describeTenantReferences(
  module: string,
  schema: Record<string, unknown>,
  fill: (tx: Tx, tenantId: string, index: 0 | 1) => Promise<void>,
  /** The references that are optional (ON DELETE SET NULL), by constraint name. */
  optional: string[] = [],
) {
  describe(`${module}: references into tenant-owned tables`, () => {
    const tables = drizzleTables(schema);
    const names = new Set(tables.map((t) => getTableConfig(t).name));
    let db: Database;
    let cleanup: () => Promise<void>;
    let refs: Reference[];
    const [own, foreign] = [randomUUID(), randomUUID()];

    beforeAll(async () => {
      ({ db, cleanup } = await createTestDb());
      await withSystem(db, async (tx) => {
        for (const [index, id] of [own, foreign].entries()) {
          const slug = `fk-${id.slice(0, 8)}`;
          await tx.execute(
            sql`INSERT INTO tenants (id, slug, name, kind, ags) VALUES (${id}, ${slug}, ${slug}, 'kommune', '05334002')`,
          );
          await fill(tx, id, index as 0 | 1);
        }
      });
      refs = (await tenantReferences(db)).filter((r) => names.has(r.source));
    });
    afterAll(async () => {
      await cleanup?.();
    });

    it("refuse a row of one tenant that points at a row of another (SQLSTATE 23503)", async () => {
      expect(refs.length).toBeGreaterThan(0);
      const outcome = await crossTenantWrites(db, refs, own, foreign);
      expect(outcome).toEqual(Object.fromEntries(refs.map((r) => [r.name, "23503"])));
    });

    it.skipIf(optional.length === 0)(
      "keep the row and its tenant when an optional reference's target is deleted",
      async () => {
        const kept = await deletedTargets(db, refs, own);
        expect(Object.keys(kept).sort()).toEqual([...optional].sort());
        for (const [name, k] of Object.entries(kept)) {
          expect(k.pointing, `${name}: rows pointing`).toBeGreaterThan(0);
          expect(k.keptInTenant, name).toBe(k.pointing);
        }
      },
    );

    it("are declared in the Drizzle schema as in the database", () => {
      const byKey = <T extends { source: string; columns: string[] }>(xs: T[]) =>
        [...xs].sort((a, b) => `${a.source}.${a.columns}`.localeCompare(`${b.source}.${b.columns}`));
      expect(byKey(declaredReferences(tables))).toEqual(
        byKey(
          refs.map(({ source, target, columns, targetColumns, onDelete }) => ({
            source,
            target,
            columns,
            targetColumns,
            onDelete,
          })),
        ),
      );
    });
  });
}
