// A tenant's taxonomy (decision 0037): its Handlungsfelder and target groups, one list each, used by
// the concept, the monitoring and the atlas. Plain functions over a tenant transaction: row-level
// security confines them to the tenant, new rows take it from the transaction.
import { asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "../db/client";
import { audit } from "../audit/service";
import { fail, ok, type Failure, type Result } from "../errors";
import { taxonomyTerms } from "./schema";
import { LAND_FIELDS, PRESETS, TERM_KINDS, type PresetName, type TermKind } from "./presets";
import type { TaxonomyUsage, TermUse } from "./usage";

export type Term = typeof taxonomyTerms.$inferSelect;
export {
  LAND_FIELDS,
  PRESETS,
  PRESET_NAMES,
  TERM_KINDS,
  type LandField,
  type PresetName,
  type TermKind,
} from "./presets";

const tenant = sql`app_tenant_id()` as unknown as string;
const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? null : v);

export const TermInput = z.object({
  name: z.string().trim().min(2, "taxonomy.errors.nameLength").max(200, "taxonomy.errors.nameLength"),
  shortName: z.preprocess(blank, z.string().trim().max(60, "taxonomy.errors.shortNameLength").nullable().optional()),
  nameEn: z.preprocess(blank, z.string().trim().min(2).max(200).nullable().optional()),
  landField: z.preprocess(blank, z.enum(LAND_FIELDS, { message: "taxonomy.errors.landField" }).nullable().optional()),
});
export type TermInput = z.input<typeof TermInput>;

export async function listTerms(tx: Tx, kind: TermKind): Promise<Term[]> {
  return tx
    .select()
    .from(taxonomyTerms)
    .where(eq(taxonomyTerms.kind, kind))
    .orderBy(asc(taxonomyTerms.position), asc(taxonomyTerms.name));
}

export async function getTerm(tx: Tx, id: string): Promise<Term | undefined> {
  if (!z.string().uuid().safeParse(id).success) return undefined;
  const [t] = await tx.select().from(taxonomyTerms).where(eq(taxonomyTerms.id, id));
  return t;
}

/** A stable code from a German name: "Wohnen / Sozialplanung" → wohnen_sozialplanung. */
export function codeFromName(name: string): string {
  const base = name
    .toLowerCase()
    .replace(/ä/g, "ae")
    .replace(/ö/g, "oe")
    .replace(/ü/g, "ue")
    .replace(/ß/g, "ss")
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 50)
    .replace(/_+$/, "");
  return base || "feld";
}

const freeCode = (wanted: string, taken: Set<string>) => {
  let code = wanted;
  for (let n = 2; taken.has(code); n++) code = `${wanted}_${n}`;
  return code;
};

const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

async function nextPosition(tx: Tx, kind: TermKind): Promise<number> {
  const [r] = await tx
    .select({ n: sql<number>`coalesce(max(${taxonomyTerms.position}) + 1, 0)::int` })
    .from(taxonomyTerms)
    .where(eq(taxonomyTerms.kind, kind));
  return r.n;
}

/** Adds a term to the tenant's list; a name the list already has (in any case) is refused. */
export async function createTerm(tx: Tx, kind: TermKind, raw: TermInput): Promise<Result<Term>> {
  if (!TERM_KINDS.includes(kind)) return fail("taxonomy.errors.kind", "kind");
  const parsed = TermInput.safeParse(raw);
  if (!parsed.success) return fail(parsed.error.issues[0].message, String(parsed.error.issues[0].path[0] ?? "name"));
  const input = parsed.data;
  const existing = await listTerms(tx, kind);
  if (existing.some((e) => sameName(e.name, input.name)))
    return fail("taxonomy.errors.duplicate", "name", { name: input.name });
  const [row] = await tx
    .insert(taxonomyTerms)
    .values({
      tenantId: tenant,
      kind,
      code: freeCode(codeFromName(input.name), new Set(existing.map((e) => e.code))),
      name: input.name,
      shortName: input.shortName ?? input.name.slice(0, 60),
      nameEn: input.nameEn ?? null,
      landField: kind === "handlungsfeld" ? (input.landField ?? null) : null,
      position: await nextPosition(tx, kind),
    })
    .returning();
  await audit(tx, { action: "create", entity: "taxonomy_term", entityId: row.id, after: row });
  return ok(row);
}

/**
 * Renames a term (and its short and English name, its Land field). The code stays, so every tag keeps
 * pointing at it. A preset term that gets another German name is the tenant's own wording from then
 * on: it loses its preset key, since the preset's translations no longer say the same.
 */
export async function renameTerm(tx: Tx, id: string, raw: TermInput): Promise<Result<Term>> {
  const before = await getTerm(tx, id);
  if (!before) return fail("taxonomy.errors.unknown", "id");
  const parsed = TermInput.safeParse(raw);
  if (!parsed.success) return fail(parsed.error.issues[0].message, String(parsed.error.issues[0].path[0] ?? "name"));
  const input = parsed.data;
  const others = (await listTerms(tx, before.kind)).filter((e) => e.id !== id);
  if (others.some((e) => sameName(e.name, input.name)))
    return fail("taxonomy.errors.duplicate", "name", { name: input.name });
  const renamed = input.name !== before.name;
  const [after] = await tx
    .update(taxonomyTerms)
    .set({
      name: input.name,
      shortName: input.shortName ?? (renamed ? input.name.slice(0, 60) : before.shortName),
      nameEn: input.nameEn === undefined ? before.nameEn : input.nameEn,
      landField: before.kind === "handlungsfeld" ? (input.landField ?? null) : null,
      presetKey: renamed ? null : before.presetKey,
    })
    .where(eq(taxonomyTerms.id, id))
    .returning();
  await audit(tx, { action: "update", entity: "taxonomy_term", entityId: id, before, after });
  return ok(after);
}

/** Moves a term one place up or down in its list; positions are renumbered 0, 1, 2 … */
export async function moveTerm(tx: Tx, id: string, direction: "up" | "down"): Promise<Result<Term[]>> {
  const term = await getTerm(tx, id);
  if (!term) return fail("taxonomy.errors.unknown", "id");
  const list = await listTerms(tx, term.kind);
  const i = list.findIndex((t) => t.id === id);
  const j = direction === "up" ? i - 1 : i + 1;
  if (j < 0 || j >= list.length) return ok(list);
  [list[i], list[j]] = [list[j], list[i]];
  return reorderTerms(
    tx,
    term.kind,
    list.map((t) => t.id),
  );
}

/** Puts the list into the given order (every id of the list once). */
export async function reorderTerms(tx: Tx, kind: TermKind, ids: string[]): Promise<Result<Term[]>> {
  const list = await listTerms(tx, kind);
  const known = new Set(list.map((t) => t.id));
  if (ids.length !== list.length || new Set(ids).size !== ids.length || ids.some((x) => !known.has(x)))
    return fail("taxonomy.errors.order", "order");
  const before = list.map((t) => t.code);
  for (const [position, id] of ids.entries())
    await tx.update(taxonomyTerms).set({ position }).where(eq(taxonomyTerms.id, id));
  const after = await listTerms(tx, kind);
  await audit(tx, {
    action: "update",
    entity: "taxonomy_order",
    entityId: kind,
    before,
    after: after.map((t) => t.code),
  });
  return ok(after);
}

/** Deletes a term that nothing uses; while a module still counts things tagged with it, refuses in German. */
export async function deleteTerm(
  tx: Tx,
  id: string,
  usage: TaxonomyUsage,
): Promise<Result<undefined> | (Failure & { uses: TermUse[] })> {
  const before = await getTerm(tx, id);
  if (!before) return fail("taxonomy.errors.unknown", "id");
  const uses = await usage(tx, [before]);
  const count = uses.reduce((n, u) => n + u.count, 0);
  if (count > 0) return { ...fail("taxonomy.errors.inUse", "id", { name: before.name, count }), uses };
  await tx.delete(taxonomyTerms).where(eq(taxonomyTerms.id, id));
  await audit(tx, { action: "delete", entity: "taxonomy_term", entityId: id, before });
  return ok(undefined);
}

/**
 * Adds a preset's terms that the list does not have yet (same code or same name); changes and removes
 * nothing, so applying a preset twice, or over a list in use, is harmless.
 */
export async function applyPreset(tx: Tx, preset: PresetName): Promise<Result<Term[]>> {
  // Own keys only: a form may send "constructor" or "__proto__".
  if (!Object.hasOwn(PRESETS, preset)) return fail("taxonomy.errors.preset", "preset");
  const p = PRESETS[preset];
  const created = await ensureTerms(tx, p.kind, p.terms);
  await audit(tx, {
    action: "update",
    entity: "taxonomy_preset",
    entityId: preset,
    after: created.map((t) => t.code),
  });
  return ok(created);
}

export interface TermSeed {
  code: string;
  name: string;
  shortName?: string;
  nameEn?: string | null;
  presetKey?: string | null;
  landField?: string | null;
}

/**
 * Adds the terms whose name the list lacks (modules' demo data, presets); returns the new ones. A preset
 * term is there already when a term has its preset key (Hessen's "Kultur und Religion" is Aachen's
 * "Kultur / Religion"); a term whose code another one took gets a free code.
 */
export async function ensureTerms(tx: Tx, kind: TermKind, seeds: readonly TermSeed[]): Promise<Term[]> {
  const existing = await listTerms(tx, kind);
  const out: Term[] = [];
  let position = await nextPosition(tx, kind);
  for (const seed of seeds) {
    if (existing.some((e) => sameName(e.name, seed.name))) continue;
    if (seed.presetKey && existing.some((e) => e.presetKey === seed.presetKey)) continue;
    const taken = existing.some((e) => e.code === seed.code);
    const s = taken ? { ...seed, code: freeCode(seed.code, new Set(existing.map((e) => e.code))) } : seed;
    const [row] = await tx
      .insert(taxonomyTerms)
      .values({
        tenantId: tenant,
        kind,
        code: s.code,
        name: s.name,
        shortName: s.shortName ?? s.name.slice(0, 60),
        nameEn: s.nameEn ?? null,
        presetKey: s.presetKey ?? null,
        landField: kind === "handlungsfeld" ? (s.landField ?? null) : null,
        position: position++,
      })
      .returning();
    await audit(tx, { action: "create", entity: "taxonomy_term", entityId: row.id, after: row });
    existing.push(row);
    out.push(row);
  }
  return out;
}

/** The term of that name (any case), created as the tenant's own term when the list lacks it. */
export async function termByName(tx: Tx, kind: TermKind, name: string): Promise<Result<Term>> {
  const hit = (await listTerms(tx, kind)).find((t) => sameName(t.name, name));
  return hit ? ok(hit) : createTerm(tx, kind, { name });
}
