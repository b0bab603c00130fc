import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "~/kernel/db/client";
import { rows } from "~/kernel/db/context";
import { audit } from "~/kernel/audit/service";
import { fail, ok, type Result } from "~/kernel/errors";
import { TOTAL } from "./breakdown";
import { surveyResults } from "./results";
import { toCsv } from "~/kernel/csv";

// The staff share with a migration history per organisation and year (issue 15 item 2): a value
// from a closed survey or entered with its source, or "nicht erhoben" with a reason – a year nobody
// collected (Gelsenkirchen stopped in 2018, seed 004:1948–2031), which is neither 0 nor suppressed.
// organisationId undefined/null: the tenant's own administration.

const E = "opening.surveys.errors";
import { BENCHMARK_KINDS, SERIES_STATES } from "./constants";
export { BENCHMARK_KINDS, SERIES_STATES };

export const SeriesInput = z
  .object({
    organisationId: z.uuid().optional(),
    year: z.number(`${E}.year`).int(`${E}.year`).min(1990, `${E}.year`).max(2100, `${E}.year`),
    state: z.enum(SERIES_STATES, `${E}.state`),
    share: z.number(`${E}.share`).min(0, `${E}.share`).max(100, `${E}.share`).optional(),
    source: z.string().trim().max(300, `${E}.tooLong`).optional(),
    reason: z.string().trim().max(500, `${E}.tooLong`).optional(),
    isDemo: z.boolean().optional(),
  })
  .refine((s) => s.state !== "value" || s.share !== undefined, { message: `${E}.share`, path: ["share"] })
  .refine((s) => s.state !== "value" || !!s.source, { message: `${E}.source`, path: ["source"] })
  .refine((s) => s.state !== "not_collected" || !!s.reason, { message: `${E}.reason`, path: ["reason"] });
export type SeriesInput = z.input<typeof SeriesInput>;

export const BenchmarkInput = z.object({
  organisationId: z.uuid().optional(),
  kind: z.enum(BENCHMARK_KINDS, `${E}.benchmarkKind`),
  share: z.number(`${E}.share`).min(0, `${E}.share`).max(100, `${E}.share`),
  source: z.string().trim().min(1, `${E}.source`).max(300, `${E}.tooLong`),
});

export interface SeriesPoint {
  year: number;
  state: (typeof SERIES_STATES)[number];
  share: number | null;
  source: string | null;
  reason: string | null;
  surveyId: string | null;
  isDemo: boolean;
}

const orgIs = (organisationId: string | null | undefined) =>
  organisationId ? sql`organisation_id = ${organisationId}` : sql`organisation_id IS NULL`;

export async function seriesOf(tx: Tx, organisationId: string | null | undefined): Promise<SeriesPoint[]> {
  return rows(
    tx,
    sql`SELECT year, state, share::float8 AS share, source, reason, survey_id AS "surveyId", is_demo AS "isDemo"
        FROM opening_share_series WHERE ${orgIs(organisationId)} ORDER BY year`,
  );
}

/** Organisations (and the administration itself: id null) that have a series or a benchmark. */
export async function seriesOrganisations(tx: Tx): Promise<{ id: string | null; name: string | null }[]> {
  return rows(
    tx,
    sql`SELECT DISTINCT x.organisation_id AS id, o.name FROM (
          SELECT organisation_id FROM opening_share_series UNION SELECT organisation_id FROM opening_share_benchmarks
          UNION SELECT organisation_id FROM opening_surveys WHERE kind = 'staff') x
        LEFT JOIN organisations o ON o.id = x.organisation_id ORDER BY o.name NULLS FIRST`,
  );
}

/** Sets a year of a series (replacing what the year had). */
export async function setSeriesPoint(tx: Tx, input: SeriesInput, surveyId?: string): Promise<Result> {
  const p = SeriesInput.parse(input);
  await tx.execute(sql`DELETE FROM opening_share_series WHERE ${orgIs(p.organisationId)} AND year = ${p.year}`);
  await tx.execute(
    sql`INSERT INTO opening_share_series (tenant_id, organisation_id, year, state, share, source, reason, survey_id, is_demo)
        VALUES (app_tenant_id(), ${p.organisationId ?? null}, ${p.year}, ${p.state},
          ${p.state === "value" ? p.share! : null}, ${p.state === "value" ? p.source || null : null},
          ${p.state === "not_collected" ? p.reason! : null}, ${surveyId ?? null}, ${p.isDemo ?? false})`,
  );
  await audit(tx, { action: "update", entity: "opening_share_series", after: { ...p, surveyId } });
  return ok(undefined);
}

/**
 * Takes a closed staff survey's share of "yes" into its organisation's series for a year – only if
 * the whole survey's share is shown (at least k respondents, the cell not suppressed).
 */
export async function takeSurveyIntoSeries(tx: Tx, surveyId: string, year: number): Promise<Result> {
  const r = await surveyResults(tx, surveyId);
  if (!r.ok) return r;
  const root = r.value.migration.rows[0];
  if (r.value.survey.kind !== "staff") return fail(`${E}.notStaff`);
  if (root.share == null || root.cells[TOTAL].value == null) return fail(`${E}.shareHidden`);
  return setSeriesPoint(
    tx,
    {
      organisationId: r.value.survey.organisationId ?? undefined,
      year,
      state: "value",
      share: Math.round(root.share * 100) / 100,
      source: r.value.survey.title,
      isDemo: r.value.survey.isDemo,
    },
    surveyId,
  );
}

export async function benchmarkOf(
  tx: Tx,
  organisationId: string | null | undefined,
): Promise<{ kind: (typeof BENCHMARK_KINDS)[number]; share: number; source: string } | null> {
  const [b] = await rows<{ kind: (typeof BENCHMARK_KINDS)[number]; share: number; source: string }>(
    tx,
    sql`SELECT kind, share::float8 AS share, source FROM opening_share_benchmarks WHERE ${orgIs(organisationId)}`,
  );
  return b ?? null;
}

export async function setBenchmark(tx: Tx, input: z.input<typeof BenchmarkInput>): Promise<Result> {
  const b = BenchmarkInput.parse(input);
  await tx.execute(sql`DELETE FROM opening_share_benchmarks WHERE ${orgIs(b.organisationId)}`);
  await tx.execute(
    sql`INSERT INTO opening_share_benchmarks (tenant_id, organisation_id, kind, share, source)
        VALUES (app_tenant_id(), ${b.organisationId ?? null}, ${b.kind}, ${b.share}, ${b.source})`,
  );
  await audit(tx, { action: "update", entity: "opening_share_benchmark", after: b });
  return ok(undefined);
}

/** The series as German Excel CSV (kernel writer): a year not collected says so, with its reason. */
export function seriesCsv(points: readonly SeriesPoint[], labels: { header: string[]; notCollected: string }): string {
  const [year, share, ...rest] = labels.header;
  return toCsv(
    {
      columns: [year, { header: share, type: "number", decimals: 2 }, ...rest],
      rows: points.map((p) => [
        String(p.year),
        p.state === "value" ? p.share : null,
        p.state === "value" ? "" : labels.notCollected,
        p.source ?? "",
        p.reason ?? "",
      ]),
    },
    "de",
  );
}
