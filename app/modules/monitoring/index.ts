// The monitoring module's public API: the only file other modules may import (eslint rule
// teilhabe/module-boundaries). Server-only; the browser parts other modules share (map, legend)
// are generic and live in the kernel (kernel/ui/choropleth.tsx).
//
// Disclosure control is part of the contract: nothing here returns a value the monitoring
// suppresses (a small count below the tenant's threshold, or anything derived from it). Reads go
// through disclosedValues(), which never reveals; the staff-only reveal stays inside the module.
import type { Database, Tx } from "~/kernel/db/client";
import { areasGeoJson } from "./services/areas";
import { bbox } from "./services/geo";
import { getIndicator, listIndicators } from "./services/indicators";
import { indicatorValues, sourcesOf, type Cell, type ValueFilter } from "./services/values";

// Reading: the area register, population and other values – disclosure-safe.
export { AreaMatcher, listAreas, type Area } from "./services/areas";
export { disclosureThreshold } from "./services/indicators";
/**
 * The public profile of an area below /t/:slug/ (`monitoring/gebiet/stadtbezirk/7`): an area is
 * (level, key), so every link to one names both.
 */
export { areaPath as areaProfilePath } from "./shared";
export type { ValueFilter };
/** A value as other modules see it: `value` is null whenever the monitoring suppresses it. */
export type DisclosedCell = Cell;

/**
 * Values of one indicator (e.g. "einwohner"), optionally of some of its groups only, as the public
 * sees them: suppressed values come back as null, with the sources to cite. Null if the tenant has
 * no such indicator.
 */
export async function disclosedValues(
  tx: Tx,
  code: string,
  filter: ValueFilter & { groups?: readonly string[] } = {},
): Promise<{ cells: DisclosedCell[]; sources: string[] } | null> {
  const indicator = await getIndicator(tx, code);
  if (!indicator) return null;
  const cells = (await indicatorValues(tx, indicator, filter, { reveal: false })).filter(
    (c) => !filter.groups || filter.groups.includes(c.group),
  );
  return { cells, sources: cells.length ? sourcesOf(cells, indicator) : [] };
}

// Goal attainment: the one rule for on track / at risk / off track, on disclosed values only.
export {
  assess,
  attainments,
  defaultArea,
  ATTAINMENT_STATUSES,
  type Attainment,
  type AttainmentQuery,
  type AttainmentResult,
  type AttainmentStatus,
  type Point,
  type TargetSpec,
} from "./services/attainment";

/** [west, south, east, north] of the areas of one level that have a geometry; null if none has. */
export async function areaBounds(tx: Tx, level: string): Promise<[number, number, number, number] | null> {
  return bbox((await areasGeoJson(tx, level)).features);
}

// Feeding data in (register, catalogue, imports, threshold): writes only, they return no values.
export { AreaProfile, createArea, importAreaFeatures } from "./services/areas";
export { createIndicator, ensureIndicators, setDisclosureThreshold } from "./services/indicators";
export { CORE_SET, KOELN_LOCAL } from "./catalogue";
export { importInBackground, ObservationProfile, runImport } from "./services/importer";

/** The monitoring's demo data (catalogue; Köln areas and population if the shared data is there). */
export const seedMonitoringDemo = (db: Database, log: (m: string) => void) =>
  import("./demo").then((m) => m.seedDemo(db, log));

/** The tenant's indicators as other modules link to them (steering: a goal's target), without values. */
export async function indicatorCatalogue(
  tx: Tx,
  opts: { publicOnly: boolean },
): Promise<
  { id: string; code: string; name: string; unit: string; field: string; isPublic: boolean; isCount: boolean }[]
> {
  return (await listIndicators(tx, opts)).map((i) => ({
    id: i.id,
    code: i.code,
    name: i.name,
    unit: i.unit,
    field: i.field,
    isPublic: i.isPublic,
    isCount: i.isCount,
  }));
}

/**
 * The monitoring report of a year (the newest with values by default) as a document model, with the
 * public indicators that have values then: for the kernel's renderers (documentPdf, documentDocx) and
 * the report benchmark. Null when no year has values.
 */
export async function monitoringReportModel(
  tx: Tx,
  opts: { tenantName: string; year?: string; level?: string; lang?: string },
) {
  const { reportChoices } = await import("./report/service");
  const { monitoringReportData } = await import("./report/data");
  const { monitoringReportDocument } = await import("./report/model");
  const choices = await reportChoices(tx, opts.year);
  if (!choices.year) return null;
  const data = await monitoringReportData(tx, {
    tenantName: opts.tenantName,
    year: choices.year,
    codes: choices.defaults,
    level: opts.level ?? "stadtteil",
  });
  return { year: choices.year, codes: choices.defaults, model: monitoringReportDocument(data, opts.lang ?? "de") };
}
