import { sql } from "drizzle-orm";
import type { Tx } from "~/kernel/db/client";
import { rows } from "~/kernel/db/context";
import { fail, ok, type Result } from "~/kernel/errors";
import type { SuppressionReason } from "~/kernel/disclosure";
import { disclosedValues } from "~/modules/monitoring";
import { cellId, protectBreakdown, ROOT, TOTAL, type BreakdownNode } from "./breakdown";
import { getSurvey, listReleases, listUnits, MIGRATION_ANSWERS, surveyK, type Survey } from "./service";

// A survey's results: only after it closed (a rolling survey: its released batches), every breakdown
// through protectBreakdown (k and complementary suppression), with the response rate and what the
// methodology note prints.

export const NONE = "none";
const SELF = "self:";

export interface ResultCell {
  value: number | null;
  hidden: SuppressionReason | null;
}
export interface ResultRow {
  node: string;
  /** A unit's name; null for the whole survey, "no unit given" and a parent's own answers (see kind). */
  name: string | null;
  kind: "all" | "unit" | "self" | "none";
  depth: number;
  cells: Record<string, ResultCell>;
  /** Share of "yes" among the node's respondents, when both are shown. */
  share: number | null;
}
export interface SurveyResults {
  survey: Survey;
  k: number;
  answers: number;
  responseRate: number;
  releases: { releasedOn: string; answers: number }[];
  migration: { groups: string[]; rows: ResultRow[] };
  languages: { groups: string[]; rows: ResultRow[] };
  hiddenCells: number;
  complementaryCells: number;
  /** Users surveys: the population share to compare the users' share with. */
  benchmark: { share: number; source: string } | null;
}

interface AnswerRow {
  migration: string;
  languages: string[];
  unit: string | null;
}

/**
 * The results, or opening.surveys.errors.notClosed (the page answers 409) while the survey is not
 * closed – a rolling survey shows its released batches as soon as there is one.
 */
export async function surveyResults(tx: Tx, surveyId: string): Promise<Result<SurveyResults>> {
  const survey = await getSurvey(tx, surveyId);
  if (!survey) return fail("opening.surveys.errors.notFound");
  const releases = survey.rolling ? await listReleases(tx, surveyId) : [];
  if (survey.status !== "closed" && !(survey.rolling && releases.length))
    return fail("opening.surveys.errors.notClosed");
  const k = await surveyK(tx);
  const answers = await rows<AnswerRow>(
    tx,
    sql`SELECT migration, languages, unit_id AS unit FROM opening_survey_answers
        WHERE survey_id = ${surveyId} ${survey.rolling ? sql`AND release_id IS NOT NULL` : sql``} ORDER BY id`,
  );
  const units = await listUnits(tx, surveyId);
  const { nodes, leafOf, meta } = unitTree(units);
  const leafOfAnswer = (a: AnswerRow) => (a.unit ? leafOf.get(a.unit) : undefined) ?? (units.length ? NONE : ROOT);

  const tally = (groupsOf: (a: AnswerRow) => string[]) => {
    const counts = new Map<string, Map<string, number>>();
    const totals = new Map<string, number>();
    for (const a of answers) {
      const leaf = leafOfAnswer(a);
      totals.set(leaf, (totals.get(leaf) ?? 0) + 1);
      const m = counts.get(leaf) ?? new Map<string, number>();
      for (const g of groupsOf(a)) m.set(g, (m.get(g) ?? 0) + 1);
      counts.set(leaf, m);
    }
    return { counts, totals };
  };
  const mig = tally((a) => [a.migration]);
  const migration = protectBreakdown(nodes, MIGRATION_ANSWERS, mig.counts, mig.totals, k, true, ["no_answer"]);
  const spoken = [...new Set(answers.flatMap((a) => a.languages))].sort();
  const lang = tally((a) => a.languages);
  const languages = protectBreakdown(nodes, spoken, lang.counts, lang.totals, k, false);

  const table = (b: typeof migration, share: boolean) =>
    meta.map((m): ResultRow => {
      const cells = Object.fromEntries(
        [...b.groups, TOTAL].map((g) => {
          const c = b.cells.get(cellId(m.node, g))!;
          return [g, { value: c.hidden ? null : c.value, hidden: c.hidden }];
        }),
      );
      const yes = cells.yes?.value,
        total = cells[TOTAL].value;
      return { ...m, cells, share: share && yes != null && total ? (100 * yes) / total : null };
    });
  const all = [...migration.cells.values(), ...languages.cells.values()];
  return ok({
    survey,
    k,
    answers: answers.length,
    responseRate: (100 * answers.length) / survey.headcount,
    releases,
    migration: { groups: [...MIGRATION_ANSWERS], rows: table(migration, true) },
    languages: { groups: spoken, rows: table(languages, false) },
    hiddenCells: all.filter((c) => c.hidden).length,
    complementaryCells: all.filter((c) => c.hidden === "complementary").length,
    benchmark:
      survey.kind !== "users"
        ? null
        : survey.benchmarkShare != null
          ? { share: survey.benchmarkShare, source: survey.benchmarkSource ?? "" }
          : await populationShare(tx),
  });
}

/**
 * The tree the results are tabulated over: the whole survey at the root, the units below, a leaf for
 * answers without a unit and, for a unit with sub-units, a leaf for the answers given to it directly
 * – so every inner node is exactly the sum of its children.
 */
export function unitTree(units: readonly { id: string; parentId: string | null; name: string }[]) {
  const nodes: BreakdownNode[] = [{ id: ROOT, parentId: null }];
  const leafOf = new Map<string, string>();
  const meta: Omit<ResultRow, "cells" | "share">[] = [{ node: ROOT, name: null, kind: "all", depth: 0 }];
  const kids = new Map<string | null, typeof units>();
  for (const u of units) kids.set(u.parentId, [...(kids.get(u.parentId) ?? []), u]);
  const walk = (u: (typeof units)[number], parent: string, depth: number) => {
    nodes.push({ id: u.id, parentId: parent });
    meta.push({ node: u.id, name: u.name, kind: "unit", depth });
    const children = kids.get(u.id);
    if (!children?.length) {
      leafOf.set(u.id, u.id);
      return;
    }
    for (const c of children) walk(c, u.id, depth + 1);
    nodes.push({ id: SELF + u.id, parentId: u.id });
    meta.push({ node: SELF + u.id, name: u.name, kind: "self", depth: depth + 1 });
    leafOf.set(u.id, SELF + u.id);
  };
  for (const u of kids.get(null) ?? []) walk(u, ROOT, 1);
  if (units.length) {
    nodes.push({ id: NONE, parentId: ROOT });
    meta.push({ node: NONE, name: null, kind: "none", depth: 1 });
  }
  return { nodes, leafOf, meta };
}

/**
 * The population share with a migration history from the monitoring (indicator mh_anteil, the
 * whole city, latest period, as the public sees it); null when the tenant has none.
 */
export async function populationShare(tx: Tx): Promise<{ share: number; source: string } | null> {
  const v = await disclosedValues(tx, "mh_anteil");
  const city = v?.cells
    .filter((c) => c.value != null && c.areaLevel === "stadt")
    .sort((a, b) => (a.period < b.period ? 1 : -1))[0];
  if (!v || !city) return null;
  return {
    share: city.value!,
    source: `Monitoring, ${city.areaName} ${city.period}${v.sources.length ? ` (${v.sources.join("; ")})` : ""}`,
  };
}
