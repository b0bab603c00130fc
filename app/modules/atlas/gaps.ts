import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "~/kernel/db/client";
import { rows } from "~/kernel/db/context";
// Population, areas and disclosure control belong to the monitoring module; the gap analysis reads
// them through its public API, which never reveals a value the monitoring suppresses.
import {
  AreaMatcher,
  areaBounds,
  disclosedValues,
  disclosureThreshold,
  indicatorCatalogue,
  listAreas,
} from "~/modules/monitoring";
import { classBreaks, classOf } from "~/kernel/ui/classes";
import { placeLevel } from "./areas";
import { PUBLIC } from "./service";
import { listTerms } from "~/kernel/taxonomy/service";
import {
  baseOf,
  ENTRY_KINDS,
  GAP_MEASURES,
  GAP_TOPIC,
  POPULATION_BASES,
  type GapMeasure,
  type GapTopic,
  type PopulationBase,
} from "./taxonomy";

/** The page's choices; an unknown value (old link, typo) falls back to the default instead of failing. */
export const GapQuery = z.object({
  // A topic of the tenant's list; gapAnalysis falls back to "alle" for a code the list lacks.
  thema: z
    .string()
    .regex(GAP_TOPIC)
    .transform((v) => v as GapTopic)
    .catch("alle")
    .default("alle"),
  mass: z.enum(GAP_MEASURES).optional().catch(undefined),
  art: z.enum(ENTRY_KINDS).optional().catch(undefined),
  /** The base: empty for the topic's own (see TARGET_GROUP_BASE), a preset, or a count indicator's code. */
  basis: z
    .string()
    .regex(/^[a-z0-9_]{1,60}$/)
    .optional()
    .catch(undefined),
});
export type GapQuery = z.infer<typeof GapQuery>;

export type Population =
  { status: "ok"; value: number; period: string } | { status: "suppressed"; period: string } | { status: "missing" };

/** A base the page offers: a preset (label from i18n) or a count indicator of the monitoring (its name). */
export interface BaseChoice {
  value: string;
  preset: boolean;
  name: string;
}

interface BaseSpec {
  value: string;
  indicator: string;
  groups: readonly string[];
}

export interface GapRow {
  /** Key in the monitoring area register; null for a hand-entered Stadtteil it does not know, or none. */
  key: string | null;
  /** null: entries without any Stadtteil. */
  name: string | null;
  offers: number;
  /** Of these, offers counted here because their catchment is the Stadtbezirk or the whole city. */
  wide: number;
  population: Population;
  /** Offers per 1,000 residents of the base; null without usable population (or a base of 0). */
  rate: number | null;
  /** The value shown and mapped for the chosen measure. */
  value: number | null;
  /** Class on the map (index into the monitoring palette) of a positive value; null for 0 or no value. */
  cls: number | null;
  /** "zero": no offer at all; "low": among the lowest fifth of the positive rates. */
  flag: "zero" | "low" | null;
  /** Counts per Handlungsfeld and target group, in the order of GapAnalysis.fields and .groups. */
  byField: number[];
  byGroup: number[];
}

export interface GapAnalysis {
  topic: GapTopic;
  measure: GapMeasure;
  kind: string | null;
  /** The base used: a preset key or an indicator code; `baseAuto` when it follows from the topic. */
  base: string;
  baseAuto: boolean;
  baseChoices: BaseChoice[];
  /** The tenant has total population figures for the areas places are assigned to. */
  hasPopulation: boolean;
  /** The chosen base has figures for at least one area. */
  baseAvailable: boolean;
  level: string | null;
  /** The tenant's Handlungsfelder and target groups (codes, in list order): the matrices' columns. */
  fields: string[];
  groups: string[];
  rows: GapRow[];
  breaks: number[];
  map: { level: string; bounds: [number, number, number, number] } | null;
  sources: string[];
  threshold: number;
}

const topicMatches = (topic: GapTopic, e: { hf: string[]; tg: string[] }) =>
  topic === "alle" ? true : topic.startsWith("hf.") ? e.hf.includes(topic.slice(3)) : e.tg.includes(topic.slice(3));

/**
 * Population of each area (by key) for one base: the latest period in which every group of the
 * base has a value for that area. Values are read without reveal, so a count the monitoring
 * suppresses comes back as null and the area gets no figure rather than a rate built on it.
 */
async function populationByArea(
  tx: Tx,
  def: BaseSpec,
  level: string,
): Promise<{ byKey: Map<string, Population>; sources: string[] }> {
  const groups = def.groups;
  const values = await disclosedValues(tx, def.indicator, { level, groups });
  if (!values) return { byKey: new Map(), sources: [] };
  const cells = values.cells;
  const perArea = new Map<string, Map<string, Map<string, number | null>>>();
  for (const c of cells) {
    const periods = perArea.get(c.areaKey) ?? new Map<string, Map<string, number | null>>();
    perArea.set(c.areaKey, periods);
    const g = periods.get(c.period) ?? new Map<string, number | null>();
    periods.set(c.period, g);
    g.set(c.group, c.value);
  }
  const byKey = new Map<string, Population>();
  for (const [key, periods] of perArea) {
    // Periods are ISO-like ("2012", "2012-H1", "2012-12-31"), so the string order is the time order.
    const latest = [...periods]
      .filter(([, g]) => groups.every((x) => g.has(x)))
      .sort(([a], [b]) => b.localeCompare(a))[0];
    if (!latest) {
      byKey.set(key, { status: "missing" });
      continue;
    }
    const [period, g] = latest;
    const values = groups.map((x) => g.get(x) ?? null);
    byKey.set(
      key,
      values.some((v) => v === null)
        ? { status: "suppressed", period }
        : { status: "ok", period, value: values.reduce<number>((s, v) => s + v!, 0) },
    );
  }
  return { byKey, sources: values.sources };
}

/**
 * Offers per Stadtteil for one topic (all entries, a Handlungsfeld or a target group), set against
 * the residents the topic is about, plus the full count matrices. Only visible entries count; an
 * entry with places in several Stadtteile counts once in each, one without a Stadtteil under null.
 *
 * Places are matched to the monitoring area register by the key point-in-polygon stored
 * (`area_key`); a place without a key (Stadtteil entered by hand) is matched by name.
 */
export async function gapAnalysis(tx: Tx, q: Partial<GapQuery> = {}): Promise<GapAnalysis> {
  const fields = (await listTerms(tx, "handlungsfeld")).map((t) => t.code);
  const groups = (await listTerms(tx, "target_group")).map((t) => t.code);
  const asked = q.thema ?? "alle";
  // A code the tenant's list lacks (an old link, a deleted term) shows all entries instead of failing.
  const topic: GapTopic =
    asked.startsWith("hf.") && fields.includes(asked.slice(3))
      ? asked
      : asked.startsWith("zg.") && groups.includes(asked.slice(3))
        ? asked
        : "alle";
  const kind = q.art ?? null;
  const choices = await baseChoices(tx);
  const chosen = q.basis ? choices.find((c) => c.value === q.basis) : undefined;
  const base = chosen?.value ?? (topic.startsWith("zg.") ? baseOf(topic.slice(3)) : "total");
  const level = await placeLevel(tx);
  const register = level ? await listAreas(tx, level) : [];
  const matcher = new AreaMatcher(register, level ?? undefined);

  const entries = await rows<{
    hf: string[];
    tg: string[];
    catchment: "local" | "district" | "city";
    places: { key: string | null; level: string | null; name: string | null }[];
  }>(
    tx,
    sql`
    SELECT e.handlungsfelder AS hf, e.target_groups AS tg, e.catchment,
      coalesce((SELECT json_agg(json_build_object('key', p.area_key, 'level', p.area_level, 'name', p.area_name)) FROM atlas_places p WHERE p.entry_id = e.id), '[]'::json) AS places
    FROM atlas_entries e WHERE ${PUBLIC} ${kind ? sql`AND e.kind = ${kind}` : sql``}`,
  );

  // Row ids: the register key, "~name" for a Stadtteil the register does not know, "" for none.
  const rowsById = new Map<string, GapRow>();
  const row = (id: string, key: string | null, name: string | null) => {
    let r = rowsById.get(id);
    if (!r) {
      r = {
        key,
        name,
        offers: 0,
        wide: 0,
        population: { status: "missing" },
        rate: null,
        value: null,
        cls: null,
        flag: null,
        byField: fields.map(() => 0),
        byGroup: groups.map(() => 0),
      };
      rowsById.set(id, r);
    }
    return r;
  };
  for (const a of register) row(a.key, a.key, a.name);
  const placeRow = (p: { key: string | null; level: string | null; name: string | null }): GapRow => {
    // The key names an area of the place's own level; of another level (the register changed since), the name decides.
    if (p.key && p.level === level) {
      const m = matcher.match(p.key);
      if (m.area) return row(m.area.key, m.area.key, m.area.name);
    } else if (p.name) {
      const m = matcher.match(null, p.name);
      if (m.area) return row(m.area.key, m.area.key, m.area.name);
    }
    return p.name ? row(`~${p.name}`, null, p.name) : row("", null, null);
  };
  // Stadtteile of one Stadtbezirk, for offers that serve the whole Stadtbezirk.
  const siblings = new Map<string, GapRow[]>();
  for (const a of register) {
    if (!a.parentId) continue;
    const list = siblings.get(a.parentId) ?? [];
    list.push(row(a.key, a.key, a.name));
    siblings.set(a.parentId, list);
  }
  const parentOf = new Map(register.map((a) => [a.key, a.parentId]));
  const registerRows = register.map((a) => row(a.key, a.key, a.name));
  for (const e of entries) {
    const local = new Set(e.places.length ? e.places.map(placeRow) : [row("", null, null)]);
    const served = new Set<GapRow>();
    if (e.catchment === "city") for (const r of registerRows) served.add(r);
    if (e.catchment === "district")
      for (const r of local) {
        const parent = r.key === null ? null : parentOf.get(r.key);
        for (const s of (parent && siblings.get(parent)) || []) served.add(s);
      }
    const hit = new Set([...local, ...served]);
    for (const r of hit) {
      if (topicMatches(topic, e)) {
        r.offers++;
        if (!local.has(r)) r.wide++;
      }
      fields.forEach((h, i) => {
        if (e.hf.includes(h)) r.byField[i]++;
      });
      groups.forEach((g, i) => {
        if (e.tg.includes(g)) r.byGroup[i]++;
      });
    }
  }

  const total = level
    ? await populationByArea(tx, specOf("total"), level)
    : { byKey: new Map<string, Population>(), sources: [] };
  const hasPopulation = [...total.byKey.values()].some((p) => p.status === "ok");
  const pop = base === "total" || !level ? total : await populationByArea(tx, specOf(base), level);
  const measure: GapMeasure = hasPopulation ? (q.mass ?? "je1000") : "anzahl";

  const list = [...rowsById.values()];
  for (const r of list) {
    if (r.key !== null) r.population = pop.byKey.get(r.key) ?? { status: "missing" };
    r.rate = r.population.status === "ok" && r.population.value > 0 ? (r.offers / r.population.value) * 1000 : null;
    r.value = measure === "anzahl" ? r.offers : r.rate;
    r.flag = r.offers === 0 ? "zero" : null;
  }
  if (measure === "je1000") {
    // Too few rates make "the lowest fifth" meaningless, so the mark needs at least five.
    const positive = list
      .filter((r) => r.rate !== null && r.rate > 0)
      .map((r) => r.rate!)
      .sort((a, b) => a - b);
    if (positive.length >= 5) {
      const cut = positive[Math.ceil(positive.length / 5) - 1];
      for (const r of list) if (r.flag === null && r.rate !== null && r.rate <= cut) r.flag = "low";
    }
  }
  // Zero is the gap itself and gets its own colour; the classes spread the positive values only,
  // otherwise the many Stadtteile without offers would fill the lower classes with zeros.
  const mapped = list.filter((r) => r.key !== null && r.value !== null && r.value > 0);
  const breaks = classBreaks(
    mapped.map((r) => r.value!),
    5,
    "quantile",
  );
  for (const r of mapped) r.cls = classOf(r.value!, breaks);

  const bounds = level ? await areaBounds(tx, level) : null;
  const byName = (a: GapRow, b: GapRow) =>
    (a.key === null ? 1 : 0) - (b.key === null ? 1 : 0) ||
    (a.name === null ? 1 : 0) - (b.name === null ? 1 : 0) ||
    (a.name ?? "").localeCompare(b.name ?? "", "de");
  return {
    topic,
    measure,
    kind,
    base,
    baseAuto: !chosen,
    baseChoices: choices,
    hasPopulation,
    baseAvailable: [...pop.byKey.values()].some((p) => p.status !== "missing"),
    level,
    fields,
    groups,
    rows: list.sort(byName),
    breaks,
    map: level && bounds ? { level, bounds } : null,
    sources: [...new Set([...total.sources, ...pop.sources])],
    threshold: await disclosureThreshold(tx),
  };
}

const isPreset = (v: string): v is PopulationBase => Object.hasOwn(POPULATION_BASES, v);
/** A preset adds up its groups; any other base is a count indicator's total ("gesamt"). */
const specOf = (value: string): BaseSpec =>
  isPreset(value) ? { value, ...POPULATION_BASES[value] } : { value, indicator: value, groups: ["gesamt"] };

/**
 * The bases the page offers: the presets, then every count indicator of the monitoring that no
 * preset already covers (people with a migration background, foreign nationals, SGB II recipients
 * …), so need can be measured against any group the statistics count.
 */
async function baseChoices(tx: Tx): Promise<BaseChoice[]> {
  const covered = new Set<string>(Object.values(POPULATION_BASES).map((b) => b.indicator));
  const counts = (await indicatorCatalogue(tx, { publicOnly: false }))
    .filter((i) => i.isCount && !covered.has(i.code))
    .sort((a, b) => a.name.localeCompare(b.name, "de"));
  return [
    ...Object.keys(POPULATION_BASES).map((value) => ({ value, preset: true, name: value })),
    ...counts.map((i) => ({ value: i.code, preset: false, name: i.name })),
  ];
}
