import type { ErrorCode } from "~/kernel/errors";
import { and, asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "~/kernel/db/client";
import { audit } from "~/kernel/audit/service";
import { monAreas } from "../schema";
import { AREA_LEVELS, compareKeys, type AreaLevel } from "../shared";
import { webGeometry, type Feature } from "./geo";

export type Area = typeof monAreas.$inferSelect;

/** Keys are compared without leading zeros and surrounding blanks: "007" and "7" are the same Stadtbezirk. */
export function normKey(k: unknown): string {
  const s = String(k ?? "").trim();
  const m = /^0*(\d+)(\.0+)?$/.exec(s);
  return m ? m[1] : s.toLowerCase();
}
export function normName(n: unknown): string {
  return String(n ?? "")
    .normalize("NFC")
    .toLowerCase()
    .replace(/[\s\-_/.,]+/g, " ")
    .trim();
}

export async function listAreas(tx: Tx, level?: string): Promise<Area[]> {
  const q = tx.select().from(monAreas);
  return sortAreas(level ? await q.where(eq(monAreas.level, level)) : await q);
}

function sortAreas(r: Area[]): Area[] {
  return r.sort(
    (a, b) =>
      AREA_LEVELS.indexOf(a.level as AreaLevel) - AREA_LEVELS.indexOf(b.level as AreaLevel) ||
      compareKeys(a.key, b.key),
  );
}

/** The area (level, key) – the identity of an area within its tenant; undefined if there is none. */
export async function findArea(tx: Tx, level: string, key: string): Promise<Area | undefined> {
  const [a] = await tx
    .select()
    .from(monAreas)
    .where(and(eq(monAreas.level, level), eq(monAreas.key, key)));
  return a;
}

/** Every area with this key, top level first: more than one when the key repeats across levels. */
export async function areasWithKey(tx: Tx, key: string): Promise<Area[]> {
  return sortAreas(await tx.select().from(monAreas).where(eq(monAreas.key, key)));
}

/** "Stadtbezirk 7 Mülheim": how a candidate is named in a report (German, like the reports). */
export const describeArea = (a: Pick<Area, "level" | "key" | "name">) =>
  `${LEVEL_NAMES_DE[a.level as AreaLevel] ?? a.level} ${a.key} ${a.name}`;
const LEVEL_NAMES_DE: Record<AreaLevel, string> = {
  stadt: "Stadt",
  stadtbezirk: "Stadtbezirk",
  stadtteil: "Stadtteil",
  sozialraum: "Sozialraum",
  lebensraum: "Lebensraum",
  quartier: "Quartier",
};

/**
 * Resolves keys (or names as a fallback) to areas; an ambiguous match is no match, and says which
 * areas it could have been.
 */
export class AreaMatcher {
  private byKey = new Map<string, Area[]>();
  private byNorm = new Map<string, Area[]>();
  private byName = new Map<string, Area[]>();
  constructor(areas: Area[], level?: string) {
    for (const a of areas) {
      if (level && a.level !== level) continue;
      push(this.byKey, a.key, a);
      push(this.byNorm, normKey(a.key), a);
      push(this.byName, normName(a.name), a);
    }
  }
  match(
    key: unknown,
    name?: unknown,
  ):
    | { area: Area; via: "key" | "zeros" | "name" }
    | { area: null; reason: "none" }
    | { area: null; reason: "ambiguous"; candidates: Area[] } {
    const k = String(key ?? "").trim();
    for (const [map, kk, via] of [
      [this.byKey, k, "key"],
      [this.byNorm, normKey(k), "zeros"],
    ] as const) {
      const hit = kk ? map.get(kk) : undefined;
      if (hit?.length === 1) return { area: hit[0], via };
      if (hit && hit.length > 1) return { area: null, reason: "ambiguous", candidates: hit };
    }
    if (name != null && String(name).trim()) {
      const hit = this.byName.get(normName(name));
      if (hit?.length === 1) return { area: hit[0], via: "name" };
      if (hit && hit.length > 1) return { area: null, reason: "ambiguous", candidates: hit };
    }
    return { area: null, reason: "none" };
  }
}
const push = <K, V>(m: Map<K, V[]>, k: K, v: V) => {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
};

export const AreaProfile = z.object({
  kind: z.literal("areas"),
  name: z.string().min(2).max(100),
  description: z.string().max(2000).optional(),
  level: z.enum(AREA_LEVELS, { message: "monitoring.errors.areaLevel" }),
  keyProperty: z.string().min(1),
  nameProperty: z.string().min(1),
  /** How the parent area is found: a property holding its key, or the first n characters of the key. */
  parent: z
    .object({
      level: z.enum(AREA_LEVELS),
      property: z.string().optional(),
      keyPrefixLength: z.number().int().min(1).max(10).optional(),
      fixedKey: z.string().optional(),
    })
    .optional(),
  /** Only attach geometries to areas that already exist; everything else is reported as unmatched. */
  matchOnly: z.boolean().default(false),
});
export type AreaProfile = z.infer<typeof AreaProfile>;

export interface AreaImportReport {
  /** True when an ambiguous or repeated feature stopped the file: nothing was written. */
  refused: boolean;
  created: number;
  updated: number;
  /** Features that found no area; `reason` is an error code for the reader's language. */
  unmatched: { index: number; key: string; name: string; reason: ErrorCode }[];
  withoutGeometry: string[];
  matchedVia: { key: number; zeros: number; name: number };
}

/** Reasons that stop a whole area file before anything is written (all or nothing). */
const BLOCKING = new Set([
  "monitoring.areaErrors.ambiguousCandidates",
  "monitoring.areaErrors.duplicateOf",
  "monitoring.areaErrors.duplicate",
  "monitoring.areaErrors.parentAmbiguous",
]);

/**
 * Attaches the file's features to the areas of the profile's level (creating those not there yet).
 * The file is checked whole first: a feature whose key or name matches two areas, whose parent key
 * names several, or that repeats an earlier feature stops it, and nothing is written.
 */
export async function importAreaFeatures(
  tx: Tx,
  features: Feature[],
  profile: AreaProfile,
  opts: { dryRun: boolean },
): Promise<AreaImportReport> {
  const check = await featuresPass(tx, features, profile, true);
  const refused = check.unmatched.some((u) => BLOCKING.has(u.reason.code));
  if (opts.dryRun || refused) return { ...check, refused };
  return featuresPass(tx, features, profile, false);
}

async function featuresPass(
  tx: Tx,
  features: Feature[],
  profile: AreaProfile,
  dryRun: boolean,
): Promise<AreaImportReport> {
  const opts = { dryRun };
  const all = await listAreas(tx);
  const same = new AreaMatcher(all, profile.level);
  const parents = profile.parent ? new AreaMatcher(all, profile.parent.level) : null;
  const report: AreaImportReport = {
    refused: false,
    created: 0,
    updated: 0,
    unmatched: [],
    withoutGeometry: [],
    matchedVia: { key: 0, zeros: 0, name: 0 },
  };
  const seen = new Set<string>();
  const fileKeys = new Map<string, number>();
  const fileNames = new Map<string, number>();
  for (const [i, f] of features.entries()) {
    const key = String(f.properties[profile.keyProperty] ?? "").trim();
    const name = String(f.properties[profile.nameProperty] ?? "").trim();
    // The same key (or, at one level, the same name) twice in the file: which one is meant?
    const firstKey = key ? fileKeys.get(normKey(key)) : undefined;
    const firstName = name ? fileNames.get(normName(name)) : undefined;
    if (firstKey ?? firstName) {
      report.unmatched.push({
        index: i + 1,
        key,
        name,
        reason: { code: "monitoring.areaErrors.duplicateOf", params: { first: (firstKey ?? firstName)! } },
      });
      continue;
    }
    if (key) fileKeys.set(normKey(key), i + 1);
    if (name) fileNames.set(normName(name), i + 1);
    if (!key && !name) {
      report.unmatched.push({
        index: i + 1,
        key,
        name,
        reason: {
          code: "monitoring.areaErrors.propertiesMissing",
          params: { key: profile.keyProperty, name: profile.nameProperty },
        },
      });
      continue;
    }
    const m = same.match(key, name);
    let parentId: string | null = null;
    if (parents && profile.parent) {
      const pk =
        profile.parent.fixedKey ??
        (profile.parent.property
          ? f.properties[profile.parent.property]
          : profile.parent.keyPrefixLength
            ? key.slice(0, profile.parent.keyPrefixLength)
            : undefined);
      const pm = parents.match(pk);
      if (!pm.area) {
        report.unmatched.push({
          index: i + 1,
          key,
          name,
          reason:
            pm.reason === "ambiguous"
              ? {
                  code: "monitoring.areaErrors.parentAmbiguous",
                  params: { parent: String(pk ?? ""), candidates: pm.candidates.map(describeArea).join("; ") },
                }
              : { code: "monitoring.areaErrors.parentNotFound", params: { parent: String(pk ?? "") } },
        });
        continue;
      }
      parentId = pm.area.id;
    }
    const geometry = webGeometry(f.geometry);
    if (m.area) {
      if (seen.has(m.area.id)) {
        report.unmatched.push({ index: i + 1, key, name, reason: { code: "monitoring.areaErrors.duplicate" } });
        continue;
      }
      seen.add(m.area.id);
      report.matchedVia[m.via]++;
      report.updated++;
      if (!opts.dryRun)
        await tx
          .update(monAreas)
          .set({ geometry, name: name || m.area.name, ...(parentId ? { parentId } : {}) })
          .where(eq(monAreas.id, m.area.id));
    } else if (m.reason === "ambiguous") {
      report.unmatched.push({
        index: i + 1,
        key,
        name,
        reason: {
          code: "monitoring.areaErrors.ambiguousCandidates",
          params: { candidates: m.candidates.map(describeArea).join("; ") },
        },
      });
    } else if (profile.matchOnly || !key) {
      report.unmatched.push({ index: i + 1, key, name, reason: { code: "monitoring.areaErrors.noMatch" } });
    } else {
      report.created++;
      if (!opts.dryRun) {
        const [a] = await tx
          .insert(monAreas)
          .values({
            tenantId: sql`app_tenant_id()` as unknown as string,
            level: profile.level,
            key,
            name: name || key,
            parentId,
            geometry,
          })
          .returning({ id: monAreas.id });
        seen.add(a.id);
      }
    }
  }
  const after = opts.dryRun ? all : await listAreas(tx, profile.level);
  report.withoutGeometry = after
    .filter((a) => a.level === profile.level && !a.geometry && !seen.has(a.id))
    .map((a) => `${a.key} ${a.name}`);
  if (!opts.dryRun)
    await audit(tx, {
      action: "import",
      entity: "mon_areas",
      after: {
        profile: profile.name,
        created: report.created,
        updated: report.updated,
        unmatched: report.unmatched.length,
      },
    });
  return report;
}

export async function createArea(
  tx: Tx,
  a: { level: AreaLevel; key: string; name: string; parentId?: string | null },
): Promise<Area> {
  const [r] = await tx
    .insert(monAreas)
    .values({ ...a, tenantId: sql`app_tenant_id()` as unknown as string })
    .returning();
  await audit(tx, {
    action: "create",
    entity: "mon_area",
    entityId: r.id,
    after: { level: r.level, key: r.key, name: r.name },
  });
  return r;
}

/**
 * A FeatureCollection of one level with `key`, `name` and `level` in each feature's properties. An area
 * without geometry (created from a list, its shapes not yet imported) is a feature with `geometry: null`.
 */
export async function areasGeoJson(tx: Tx, level: string) {
  const areas = await tx.select().from(monAreas).where(eq(monAreas.level, level)).orderBy(asc(monAreas.key));
  return {
    type: "FeatureCollection" as const,
    features: areas.map((a) => ({
      type: "Feature" as const,
      id: a.key,
      properties: { key: a.key, name: a.name, level: a.level },
      geometry: (a.geometry ?? null) as { type: string; coordinates: unknown } | null,
    })),
  };
}
