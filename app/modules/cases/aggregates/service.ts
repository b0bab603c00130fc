import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Database, Tx } from "~/kernel/db/client";
import { rows, withSystem, withTenant } from "~/kernel/db/context";
import {
  hierarchyEquations,
  partitionEquations,
  primarySuppression,
  protectTable,
  type Equation,
  type SuppressionReason,
  type TableCell,
} from "~/kernel/disclosure";
import { fail, ok, type Result } from "~/kernel/errors";
import {
  createArea,
  disclosureThreshold,
  ensureIndicators,
  listAreas,
  ObservationProfile,
  runImport,
} from "~/modules/monitoring";
import { STATUS_GROUPS } from "../core/schema";

type IndicatorInput = Parameters<typeof ensureIndicators>[1][number];

// Quarterly aggregates of a network handed to the monitoring of its host tenant (issue 16 item 6).
// Only counts leave the module, and only after the shared disclosure control (kernel/disclosure.ts):
// a count of 1 … threshold−1 persons is replaced by the statistical symbol "." before it is written,
// and so is every cell that would let it be recomputed (complementary suppression over the sites and
// the status groups). The monitoring therefore never holds a client's id, pseudonym or a small count.

/** "2026-Q3": a calendar quarter, the monitoring's quarterly period format. */
export const Quarter = z.string().regex(/^[0-9]{4}-Q[1-4]$/, "cases.aggregates.errors.quarter");

/** The first and last day of a quarter as ISO dates. */
export function quarterRange(quarter: string): { start: string; end: string } {
  const year = Number(quarter.slice(0, 4)),
    q = Number(quarter.slice(6));
  const m = (q - 1) * 3 + 1;
  const last = new Date(Date.UTC(year, m + 2, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, "0");
  return { start: `${year}-${pad(m)}-01`, end: `${year}-${pad(m + 2)}-${pad(last)}` };
}

/** The count of one site and group (a status group, a step type). */
export interface SiteCount {
  siteId: string;
  group: string;
  n: number;
}

/**
 * One dimension of the quarterly counts: its groups and a query counting persons per site and group
 * in the quarter. Every dimension is one more query; the table protection is the same for all.
 */
export interface CountDimension {
  indicator: IndicatorInput;
  /** The groups, in order; `total` (if the groups partition it, e.g. "gesamt") is added by the service. */
  groups(tx: Tx): Promise<string[]>;
  /** Whether the groups add up to a total group (a person is in exactly one of them). */
  partitioned: boolean;
  /** Null when the dimension has no data source in this installation (the plans' table is missing). */
  count(tx: Tx, networkId: string, range: { start: string; end: string }): Promise<SiteCount[] | null>;
}

const FIELD = "Arbeitsmarkt";
const SOURCE = "Integration Point, Fallarbeit (eigene Auswertung, geheim gehaltene Werte: „.“)";
/** What all the quarterly series share: not public until the host tenant decides so. */
const QUARTERLY = {
  field: FIELD,
  dimension: "strukturell",
  periodicity: "quartalsweise",
  source: SOURCE,
  isPublic: false,
} as const;

/** Persons in case work in the quarter (taken in before its end, not closed before its start), by status group. */
export const statusDimension: CountDimension = {
  indicator: {
    code: "ip_klienten",
    name: "Klientinnen und Klienten des Integration Point im Quartal",
    definition:
      "Personen in Fallarbeit des Integration Point im Quartal (Aufnahme bis Quartalsende, nicht vor Quartalsbeginn abgeschlossen) nach Aufenthaltsstatus-Gruppe: gestattung, duldung, erlaubnis, niederlassung, other, unknown; gesamt",
    ...QUARTERLY,
    unit: "Personen",
    isCount: true,
    groupPartitions: [{ total: "gesamt", parts: [...STATUS_GROUPS] }],
  },
  groups: async () => [...STATUS_GROUPS],
  partitioned: true,
  count: (tx, networkId, r) =>
    rows<SiteCount>(
      tx,
      sql`SELECT site_id AS "siteId", status_group AS "group", count(*)::int AS n FROM case_clients
        WHERE network_id = ${networkId}::uuid AND intake_date <= ${r.end}::date
          AND (closed_on IS NULL OR closed_on >= ${r.start}::date)
        GROUP BY site_id, status_group`,
    ),
};

/**
 * Persons with a plan step of each type begun in the quarter (a person with two types counts in
 * both, so the types add up to no total; across sites they do).
 * A step that began and was later cancelled still began in its quarter and counts.
 */
export const stepTypeDimension: CountDimension = {
  indicator: {
    code: "ip_schritte",
    name: "Klientinnen und Klienten des Integration Point mit begonnenem Schritt nach Schrittart",
    definition:
      "Personen, für die im Quartal ein Schritt des Integrationsplans begonnen hat, nach Schrittart (Code des Schrittkatalogs); eine Person mit Schritten mehrerer Arten zählt bei jeder",
    ...QUARTERLY,
    unit: "Personen",
    isCount: true,
  },
  groups: async (tx) =>
    (await rows<{ code: string }>(tx, sql`SELECT code FROM case_step_types ORDER BY position, code`)).map(
      (r) => r.code,
    ),
  partitioned: false,
  async count(tx, networkId, r) {
    return rows<SiteCount>(
      tx,
      sql`SELECT c.site_id AS "siteId", s.step_type AS "group", count(DISTINCT s.client_id)::int AS n
        FROM case_plan_steps s JOIN case_clients c ON c.id = s.client_id AND c.network_id = s.network_id
        WHERE s.network_id = ${networkId}::uuid AND s.start_date BETWEEN ${r.start}::date AND ${r.end}::date
        GROUP BY c.site_id, s.step_type`,
    );
  },
};

export const DIMENSIONS: readonly CountDimension[] = [statusDimension, stepTypeDimension];

export const MEDIAN_INDICATOR: IndicatorInput = {
  code: "ip_tage_erstangebot",
  name: "Tage von der Aufnahme bis zum ersten Angebot (Median)",
  definition:
    "Median der Kalendertage zwischen Aufnahme und erstem Angebot der Personen, deren erstes Angebot im Quartal lag; Nenner: Zahl dieser Personen",
  ...QUARTERLY,
  unit: "Tage",
  isCount: false,
};

const NETWORK = "network";
const cellId = (area: string, group: string) => `${area}|${group}`;

/** A cell of the published table: its value, or the reason it is withheld. */
export interface ProtectedCell {
  siteId: string;
  group: string;
  value: number;
  suppressed: SuppressionReason | null;
}

/**
 * Counts per site and group with primary and complementary suppression. The network's total per
 * group (sum of the sites) and, for a partition, each site's "gesamt" (sum of its groups) are part of
 * the table as if published, so no withheld count follows from what is shown and those totals, also
 * not by combining equations (`exact`). Returns the sites' cells (the total row is not an area of the
 * monitoring, see docs/cases.md).
 */
export function protectCounts(
  siteIds: readonly string[],
  groups: readonly string[],
  counts: readonly SiteCount[],
  threshold: number,
  partitioned: boolean,
): ProtectedCell[] {
  const all = partitioned ? ["gesamt", ...groups] : [...groups];
  const value = new Map<string, number>();
  for (const c of counts) {
    value.set(cellId(c.siteId, c.group), (value.get(cellId(c.siteId, c.group)) ?? 0) + c.n);
    if (partitioned) value.set(cellId(c.siteId, "gesamt"), (value.get(cellId(c.siteId, "gesamt")) ?? 0) + c.n);
  }
  const areas = [NETWORK, ...siteIds];
  for (const g of all)
    value.set(
      cellId(NETWORK, g),
      siteIds.reduce((s, x) => s + (value.get(cellId(x, g)) ?? 0), 0),
    );
  const cells: TableCell[] = areas.flatMap((a) =>
    all.map((g) => {
      const v = value.get(cellId(a, g)) ?? 0;
      return { id: cellId(a, g), value: v, primary: primarySuppression({ kind: "count", value: v }, threshold) };
    }),
  );
  const equations: Equation[] = hierarchyEquations(
    areas.map((id) => ({ id, parentId: id === NETWORK ? null : NETWORK })),
    all,
    cellId,
  );
  if (partitioned) equations.push(...partitionEquations(areas, [{ total: "gesamt", parts: groups }], cellId));
  const hidden = protectTable(cells, equations, { exact: true });
  return siteIds.flatMap((siteId) =>
    all.map((group) => ({
      siteId,
      group,
      value: value.get(cellId(siteId, group)) ?? 0,
      suppressed: hidden.get(cellId(siteId, group)) ?? null,
    })),
  );
}

/** The median days from intake to first offer per site, withheld when it rests on fewer persons than the threshold. */
export interface MedianCell {
  siteId: string;
  n: number;
  median: number;
  suppressed: SuppressionReason | null;
}

async function medians(tx: Tx, networkId: string, r: { start: string; end: string }, threshold: number) {
  const found = await rows<{ siteId: string; n: number; median: number }>(
    tx,
    sql`SELECT site_id AS "siteId", count(*)::int AS n,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY first_offer_date - intake_date)::float8 AS median
      FROM case_clients
      WHERE network_id = ${networkId}::uuid AND first_offer_date BETWEEN ${r.start}::date AND ${r.end}::date
      GROUP BY site_id`,
  );
  return found.map((m): MedianCell => ({
    ...m,
    suppressed: primarySuppression({ kind: "statistic", value: m.median, denominator: m.n }, threshold),
  }));
}

/** Everything a quarter publishes, computed as the system and suppressed; no row-level datum in it. */
export interface QuarterTables {
  sites: { id: string; name: string }[];
  threshold: number;
  counts: { dimension: CountDimension; cells: ProtectedCell[] }[];
  /** Dimensions without a data source here (the plans' step types before that slice is merged). */
  missing: string[];
  medians: MedianCell[];
}

export async function quarterTables(db: Database, networkId: string, quarter: string, threshold: number) {
  const range = quarterRange(quarter);
  return withSystem(db, async (tx): Promise<QuarterTables> => {
    const sites = await rows<{ id: string; name: string }>(
      tx,
      sql`SELECT id, name FROM case_sites WHERE network_id = ${networkId}::uuid ORDER BY name`,
    );
    const counts: QuarterTables["counts"] = [];
    const missing: string[] = [];
    for (const dimension of DIMENSIONS) {
      const found = await dimension.count(tx, networkId, range);
      if (!found) {
        missing.push(dimension.indicator.code);
        continue;
      }
      const groups = await dimension.groups(tx);
      const known = found.filter((c) => groups.includes(c.group));
      const ids = sites.map((s) => s.id);
      counts.push({ dimension, cells: protectCounts(ids, groups, known, threshold, dimension.partitioned) });
    }
    return { sites, threshold, counts, missing, medians: await medians(tx, networkId, range, threshold) };
  });
}

const csvCell = (s: string) => (/[;"\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const SUPPRESSED = ".";

/** The long-layout CSV the monitoring's importer reads: area key, period, series, value, persons. */
export function quarterCsv(t: QuarterTables, quarter: string, areaKey: Map<string, string>): string {
  const lines = ["Gebiet;Zeitraum;Merkmal;Wert;Personen"];
  for (const { dimension, cells } of t.counts)
    for (const c of cells)
      lines.push(
        [
          areaKey.get(c.siteId)!,
          quarter,
          `${dimension.indicator.code}:${c.group}`,
          c.suppressed ? SUPPRESSED : String(c.value),
          "",
        ]
          .map(csvCell)
          .join(";"),
      );
  for (const m of t.medians)
    lines.push(
      [
        areaKey.get(m.siteId)!,
        quarter,
        `${MEDIAN_INDICATOR.code}:gesamt`,
        m.suppressed ? SUPPRESSED : String(m.median),
        m.suppressed ? "" : String(m.n),
      ]
        .map(csvCell)
        .join(";"),
    );
  return lines.join("\n") + "\n";
}

function profileFor(t: QuarterTables): ObservationProfile {
  const map: Record<string, { indicator: string; group: string }> = {};
  for (const { dimension, cells } of t.counts)
    for (const c of cells)
      map[`${dimension.indicator.code}:${c.group}`] = { indicator: dimension.indicator.code, group: c.group };
  map[`${MEDIAN_INDICATOR.code}:gesamt`] = { indicator: MEDIAN_INDICATOR.code, group: "gesamt" };
  return ObservationProfile.parse({
    kind: "observations",
    name: "Fallarbeit Quartalszahlen",
    layout: "long",
    format: { delimiter: ";", decimal: "." },
    area: { column: "Gebiet", level: "stadt" },
    period: { column: "Zeitraum" },
    value: { column: "Wert" },
    series: { columns: ["Merkmal"], map, unmapped: "error" },
    columns: { denominator: "Personen" },
    source: SOURCE,
  });
}

/** An area key for a site the monitoring does not know yet: its name in lower case, blanks as hyphens. */
export const siteAreaKey = (name: string) =>
  name
    .normalize("NFC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-|-$/g, "");

export interface PublishReport {
  quarter: string;
  threshold: number;
  published: number;
  suppressed: number;
  missing: string[];
  /** The monitoring import's id; null when this very table had been imported before (nothing changed). */
  importId: string | null;
}

/**
 * Publishes a quarter of a network to the monitoring of its host tenant (system; CLI
 * cases:aggregates). The sites are areas of the level "stadt" (matched by name, created if missing);
 * the indicators are created on first use, not public until the host tenant decides so. A second run
 * with the same counts writes nothing (the monitoring recognises the same file); with changed counts
 * it overwrites the quarter's values, withheld ones included.
 */
export async function publishQuarter(db: Database, networkId: string, quarter: string): Promise<Result<PublishReport>> {
  if (!Quarter.safeParse(quarter).success) return fail("cases.aggregates.errors.quarter", "quarter", { quarter });
  const [net] = await withSystem(db, (tx) =>
    rows<{ hostTenantId: string }>(
      tx,
      sql`SELECT host_tenant_id AS "hostTenantId" FROM case_networks WHERE id = ${networkId}::uuid`,
    ),
  ).catch(() => []);
  if (!net) return fail("cases.aggregates.errors.network", "network");
  const scope = { tenantId: net.hostTenantId, actor: { userId: null, label: "Fallarbeit (Quartalszahlen)" } };
  const inTx = <T>(fn: (tx: Tx) => Promise<T>) => withTenant(db, scope, fn);
  const threshold = await inTx((tx) => disclosureThreshold(tx));
  const tables = await quarterTables(db, networkId, quarter, threshold);
  const areaKey = await inTx(async (tx) => {
    await ensureIndicators(tx, [...tables.counts.map((c) => c.dimension.indicator), MEDIAN_INDICATOR]);
    const known = await listAreas(tx, "stadt");
    const byName = new Map(known.map((a) => [a.name.normalize("NFC").toLowerCase(), a.key]));
    const keys = new Map<string, string>();
    for (const s of tables.sites) {
      let key = byName.get(s.name.normalize("NFC").toLowerCase());
      if (!key) key = (await createArea(tx, { level: "stadt", key: siteAreaKey(s.name), name: s.name })).key;
      keys.set(s.id, key);
    }
    return keys;
  });
  const csv = quarterCsv(tables, quarter, areaKey);
  const report = await runImport(inTx, {
    bytes: new TextEncoder().encode(csv),
    fileName: `fallarbeit-${quarter}.csv`,
    profile: profileFor(tables),
    dryRun: false,
    actor: { id: null, label: scope.actor.label },
  });
  if (!report.committed && !report.alreadyImported)
    return fail("cases.aggregates.errors.import", undefined, {
      details: report.errors
        .slice(0, 3)
        .map((e) => `${e.line}: ${e.code}`)
        .join("; "),
    });
  const all = [...tables.counts.flatMap((c) => c.cells), ...tables.medians];
  const suppressed = all.filter((c) => c.suppressed).length;
  return ok({
    quarter,
    threshold,
    published: all.length - suppressed,
    suppressed,
    missing: tables.missing,
    importId: report.committed ? report.importId : null,
  });
}
