import { asc, eq, getTableColumns, sql } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "~/kernel/db/client";
import { audit } from "~/kernel/audit/service";
import { fail, isErrorKey, ok, ServiceError, type ErrorCode, type Failure, type Result } from "~/kernel/errors";
import { taxonomyTerms } from "~/kernel/taxonomy/schema";
import { createTerm, ensureTerms, getTerm, listTerms, type Term } from "~/kernel/taxonomy/service";
import { landPresetKey } from "~/kernel/taxonomy/presets";
import { CATALOGUE_LAND_FIELDS } from "../shared";
import { monIndicators } from "../schema";
import { setTenantDisclosureThreshold, tenantDisclosureThreshold } from "~/kernel/tenancy/threshold";
import { DERIVED_OPS, DIMENSIONS, shareScale } from "../shared";

const Operand = z.object({
  indicator: z.string().regex(/^[a-z][a-z0-9_]{1,62}$/, "monitoring.errors.indicatorCode"),
  // null: the group asked for is passed through (e.g. each age band over all inhabitants).
  group: z.string().min(1).max(60).nullable().default(null),
});
export const Derivation = z.object({
  op: z.enum(DERIVED_OPS, { message: "monitoring.errors.op" }),
  a: Operand,
  b: Operand,
});
export type Derivation = z.infer<typeof Derivation>;

const GroupCode = z
  .string()
  .trim()
  .min(1, "monitoring.errors.groupPartition")
  .max(60, "monitoring.errors.groupPartition");
/** Groups of a series that add up to another of its groups (usually "gesamt"), for complementary suppression. */
export const GroupPartition = z.object({
  total: GroupCode.default("gesamt"),
  parts: z.array(GroupCode).min(2, "monitoring.errors.groupPartition"),
});
export type GroupPartition = z.infer<typeof GroupPartition>;

export const IndicatorInput = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{1,62}$/, "monitoring.errors.codeFormat"),
  name: z.string().trim().min(2).max(300),
  description: z.string().trim().max(5000).nullable().optional(),
  // What the series counts, on which date, by which rule – what comparisons between municipalities match on.
  definition: z
    .string()
    .trim()
    .max(2000, "monitoring.errors.definitionLength")
    .transform((v) => v || null)
    .nullable()
    .optional(),
  // The Handlungsfeld: a term of the tenant's list by id (forms) or by name (catalogue, CLI, demo; a name
  // the list lacks becomes a term of its own).
  fieldId: z.string().uuid("monitoring.errors.fieldRequired").nullable().optional(),
  field: z.string().trim().min(2, "monitoring.errors.fieldRequired").max(100).nullable().optional(),
  dimension: z.enum(DIMENSIONS),
  unit: z.string().trim().min(1, "monitoring.errors.unitRequired").max(50),
  isCount: z.boolean().default(false),
  source: z.string().trim().max(500).nullable().optional(),
  periodicity: z.enum(["jaehrlich", "halbjaehrlich", "quartalsweise", "stichtag"]).default("jaehrlich"),
  coreSet: z.boolean().default(false),
  isPublic: z.boolean().default(true),
  derivation: Derivation.nullable().optional(),
  targetValue: z.number().finite().nullable().optional(),
  targetDirection: z.enum(["hoch", "niedrig"]).nullable().optional(),
  targetYear: z.number().int().min(2000).max(2100).nullable().optional(),
  targetParity: z.boolean().default(false),
  // The declared base of a share imported without counts (decision 0033): a count indicator giving the
  // persons per area, period and group, or the minimum number of persons every value rests on.
  baseIndicator: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{1,62}$/, "monitoring.errors.indicatorCode")
    .nullable()
    .optional(),
  minBase: z
    .number({ message: "monitoring.errors.minBase" })
    .int("monitoring.errors.minBase")
    .min(1, "monitoring.errors.minBase")
    .max(1_000_000_000, "monitoring.errors.minBase")
    .nullable()
    .optional(),
  groupPartitions: z.array(GroupPartition).max(20).nullable().optional(),
});
export type IndicatorInput = z.input<typeof IndicatorInput>;
/**
 * An indicator with its Handlungsfeld's name (`field`), as pages, API and exports have always shown it,
 * and what names the field in other languages (its English name, its preset's key; texts.ts).
 */
export type Indicator = typeof monIndicators.$inferSelect & {
  field: string;
  fieldEn: string | null;
  fieldPreset: string | null;
};

const withField = () =>
  // The left join is only for the type checker's sake: field_id is NOT NULL with a key.
  ({
    ...getTableColumns(monIndicators),
    field: sql<string>`${taxonomyTerms.name}`,
    fieldEn: taxonomyTerms.nameEn,
    fieldPreset: taxonomyTerms.presetKey,
  });
/** The field's names of an indicator read before a change, for the indicator after it. */
const fieldOfRow = (i: Pick<Indicator, "field" | "fieldEn" | "fieldPreset">) => ({
  field: i.field,
  fieldEn: i.fieldEn,
  fieldPreset: i.fieldPreset,
});

export async function listIndicators(tx: Tx, opts: { publicOnly?: boolean } = {}): Promise<Indicator[]> {
  const all = await tx
    .select(withField())
    .from(monIndicators)
    .innerJoin(taxonomyTerms, eq(taxonomyTerms.id, monIndicators.fieldId))
    .orderBy(asc(taxonomyTerms.position), asc(taxonomyTerms.name), asc(monIndicators.name));
  return opts.publicOnly ? all.filter((i) => i.isPublic) : all;
}

export async function getIndicator(tx: Tx, code: string): Promise<Indicator | undefined> {
  const [i] = await tx
    .select(withField())
    .from(monIndicators)
    .innerJoin(taxonomyTerms, eq(taxonomyTerms.id, monIndicators.fieldId))
    .where(eq(monIndicators.code, code));
  return i;
}

/**
 * The Handlungsfeld an input names: a term of the list by id, else by name. A name the list lacks
 * becomes a term of its own for the catalogue, CLI and demo (`newField`); a form only chooses.
 */
async function fieldOf(
  tx: Tx,
  input: { fieldId?: string | null; field?: string | null },
  newField: boolean,
): Promise<Result<Term>> {
  if (input.fieldId) {
    const t = await getTerm(tx, input.fieldId);
    return t && t.kind === "handlungsfeld" ? ok(t) : fail("monitoring.errors.fieldRequired", "fieldId");
  }
  if (input.field) {
    const list = await listTerms(tx, "handlungsfeld");
    const t = list.find((x) => x.name.toLowerCase() === input.field!.toLowerCase());
    if (t) return ok(t);
    if (newField) {
      // A field of the starter catalogue names a field of the Land's core set: the tenant's first
      // Handlungsfeld mapped to it takes the indicator ("Bildung" → Aachen's "Sprache / Bildung").
      // Otherwise the catalogue's field is made as a preset term, so it is translated like one.
      const land = Object.hasOwn(CATALOGUE_LAND_FIELDS, input.field) ? CATALOGUE_LAND_FIELDS[input.field] : null;
      if (!land) return createTerm(tx, "handlungsfeld", { name: input.field });
      const mapped = list.find((x) => x.landField === land);
      if (mapped) return ok(mapped);
      const key = landPresetKey(land);
      const [made] = await ensureTerms(tx, "handlungsfeld", [
        { code: land, name: input.field, presetKey: key, landField: land },
      ]);
      const term = made ?? (await listTerms(tx, "handlungsfeld")).find((x) => x.presetKey === key);
      if (term) return ok(term);
    }
  }
  return fail("monitoring.errors.fieldRequired", "fieldId");
}

export type SaveResult = { ok: true; indicator: Indicator } | Failure;

/** Checks that a derivation only refers to existing indicators and contains no cycle. */
async function checkDerivation(tx: Tx, code: string, d: Derivation | null | undefined): Promise<ErrorCode | null> {
  if (!d) return null;
  const byCode = new Map((await listIndicators(tx)).map((i) => [i.code, i]));
  const visit = (c: string, depth: number): ErrorCode | null => {
    if (depth > 8 || c === code) return { code: "monitoring.errors.derivationCycle", params: { code } };
    const i = byCode.get(c);
    if (!i) return { code: "monitoring.errors.unknownIndicator", params: { code: c } };
    const dd = i.derivation as Derivation | null;
    return dd ? (visit(dd.a.indicator, depth + 1) ?? visit(dd.b.indicator, depth + 1)) : null;
  };
  return visit(d.a.indicator, 0) ?? visit(d.b.indicator, 0);
}

/**
 * A declared base belongs to a share read as it is (not derived, not a count), and names a count.
 * Returns the field and error, or null.
 */
/** A share read without counts (not a count, not derived, a share unit) is what declares a base. */
export const takesDeclaredBase = (i: Pick<IndicatorInput, "isCount" | "derivation" | "unit">) =>
  !i.isCount && !i.derivation && !!shareScale(i.unit);

async function checkBase(
  tx: Tx,
  input: Pick<IndicatorInput, "baseIndicator" | "minBase" | "isCount" | "derivation" | "unit" | "code">,
): Promise<Failure | null> {
  if (!input.baseIndicator && input.minBase == null) return null;
  const field = input.baseIndicator ? "baseIndicator" : "minBase";
  if (!takesDeclaredBase(input)) return fail("monitoring.errors.baseOnlyForShares", field, { unit: input.unit });
  if (input.baseIndicator) {
    const base = await getIndicator(tx, input.baseIndicator);
    if (!base || input.baseIndicator === input.code)
      return fail("monitoring.errors.unknownIndicator", "baseIndicator", { code: input.baseIndicator });
    if (!base.isCount || base.derivation)
      return fail("monitoring.errors.baseNotCount", "baseIndicator", { code: input.baseIndicator });
  }
  return null;
}

export async function createIndicator(
  tx: Tx,
  raw: IndicatorInput,
  opts: { newField?: boolean } = {},
): Promise<SaveResult> {
  const input = IndicatorInput.parse(raw);
  if (await getIndicator(tx, input.code)) return fail("monitoring.errors.codeTaken", "code", { code: input.code });
  const bad = await checkDerivation(tx, input.code, input.derivation);
  if (bad) return { ok: false, error: bad, field: "op" };
  const badBase = await checkBase(tx, input);
  if (badBase) return badBase;
  const term = await fieldOf(tx, input, opts.newField ?? true);
  if (!term.ok) return term;
  const { field: _name, fieldId: _id, ...rest } = input;
  const [row] = await tx
    .insert(monIndicators)
    .values({ ...rest, fieldId: term.value.id, tenantId: sql`app_tenant_id()` as unknown as string })
    .returning();
  const i = { ...row, field: term.value.name, fieldEn: term.value.nameEn, fieldPreset: term.value.presetKey };
  await audit(tx, { action: "create", entity: "mon_indicator", entityId: i.id, after: i });
  return { ok: true, indicator: i };
}

/** Creates the indicators that do not exist yet (demo data, starter set); never overwrites. */
export async function ensureIndicators(tx: Tx, list: IndicatorInput[]): Promise<number> {
  let n = 0;
  for (const i of list)
    if (!(await getIndicator(tx, i.code))) {
      const r = await createIndicator(tx, i);
      if (!r.ok) throw new ServiceError(r.error.code, r.error.params);
      n++;
    }
  return n;
}

export async function setIndicatorPublic(tx: Tx, code: string, isPublic: boolean): Promise<boolean> {
  const before = await getIndicator(tx, code);
  if (!before) return false;
  const [after] = await tx.update(monIndicators).set({ isPublic }).where(eq(monIndicators.id, before.id)).returning();
  await audit(tx, {
    action: "update",
    entity: "mon_indicator",
    entityId: before.id,
    before: { isPublic: before.isPublic },
    after: { isPublic: after.isPublic },
  });
  return true;
}

/** Declares (or clears) the base of a share without counts on an existing indicator. */
export async function setIndicatorBase(
  tx: Tx,
  code: string,
  raw: { baseIndicator?: string | null; minBase?: number | null },
): Promise<SaveResult> {
  const before = await getIndicator(tx, code);
  if (!before) return fail("monitoring.errors.unknownIndicator", "code", { code });
  const parsed = IndicatorInput.pick({ baseIndicator: true, minBase: true }).safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail(
      isErrorKey(issue.message) ? issue.message : "monitoring.errors.minBase",
      String(issue.path[0] ?? "minBase"),
    );
  }
  const next = { baseIndicator: parsed.data.baseIndicator ?? null, minBase: parsed.data.minBase ?? null };
  const bad = await checkBase(tx, { ...before, ...next, derivation: before.derivation as Derivation | null });
  if (bad) return bad;
  const [after] = await tx.update(monIndicators).set(next).where(eq(monIndicators.id, before.id)).returning();
  await audit(tx, {
    action: "update",
    entity: "mon_indicator",
    entityId: before.id,
    before: { baseIndicator: before.baseIndicator, minBase: before.minBase },
    after: next,
  });
  return { ok: true, indicator: { ...after, ...fieldOfRow(before) } };
}

/** Declares (or clears) the definition of an indicator's own series; a derived one has none of its own. */
export async function setIndicatorDefinition(tx: Tx, code: string, raw: string | null): Promise<SaveResult> {
  const before = await getIndicator(tx, code);
  if (!before) return fail("monitoring.errors.unknownIndicator", "code", { code });
  if (before.derivation) return fail("monitoring.errors.definitionDerived", "definition", { code });
  const parsed = IndicatorInput.shape.definition.safeParse(raw ?? "");
  if (!parsed.success) return fail("monitoring.errors.definitionLength", "definition");
  const definition = parsed.data ?? null;
  const [after] = await tx.update(monIndicators).set({ definition }).where(eq(monIndicators.id, before.id)).returning();
  await audit(tx, {
    action: "update",
    entity: "mon_indicator",
    entityId: before.id,
    before: { definition: before.definition },
    after: { definition },
  });
  return { ok: true, indicator: { ...after, ...fieldOfRow(before) } };
}

/** The tenant's disclosure threshold: the kernel's (tenants.disclosure_threshold, kernel migration 0015). */
export const disclosureThreshold = (tx: Tx): Promise<number> => tenantDisclosureThreshold(tx);

/** Sets it through the kernel's one writer (tests and the CLI; the page is /verwaltung/einstellungen). */
export async function setDisclosureThreshold(tx: Tx, threshold: number): Promise<void> {
  const r = await setTenantDisclosureThreshold(tx, threshold);
  if (!r.ok) throw new ServiceError(r.error.code, r.error.params);
}
