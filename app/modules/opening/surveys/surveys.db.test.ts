import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDb, rolledBack, tenantIds } from "../../../../tests/support/db";
import { messageOf, must } from "../../../../tests/support/errors";
import type { Database, Tx } from "~/kernel/db/client";
import { rows, withSystem } from "~/kernel/db/context";
import { TOTAL } from "./breakdown";
import { surveyResults } from "./results";
import { SeriesInput, seriesCsv, seriesOf, setSeriesPoint, takeSurveyIntoSeries } from "./series";
import "./strings";
import {
  addUnit,
  closeSurvey,
  createSurvey,
  generateCodes,
  openSurvey,
  recordCouncilAgreement,
  releaseBatch,
  setSurveyK,
  submitAnswer,
  surveyK,
  unreleasedAnswers,
  type SurveyInput,
} from "./service";

// Anonymous staff surveys (issue 15 item 2, decision 0041) against a migrated database.
let db: Database;
let cleanup: () => Promise<void>;
let aachen: string;

beforeAll(async () => {
  ({ db, cleanup } = await createTestDb());
  const ids = await tenantIds(db);
  aachen = ids.aachen ?? Object.values(ids)[0];
  if (!aachen) {
    aachen = "6f1c5b1e-0000-4000-8000-000000000001";
    await withSystem(db, (tx) =>
      tx.execute(
        sql`INSERT INTO tenants (id, slug, name, kind, ags) VALUES (${aachen}, 'aachen', 'Aachen', 'kommune', '05334002')`,
      ),
    );
  }
});
afterAll(async () => {
  await cleanup?.();
});

const base: SurveyInput = {
  kind: "staff",
  title: "Beschäftigtenbefragung 2026",
  opensOn: "2026-03-01",
  closesOn: "2026-03-31",
  periodLabel: "2026",
  mode: "open",
  headcount: 100,
};

async function openedSurvey(tx: Tx, input: Partial<SurveyInput> = {}) {
  const { id } = must(await createSurvey(tx, { ...base, ...input }));
  must(await recordCouncilAgreement(tx, id, { agreedOn: "2026-02-01", reference: "Dienstvereinbarung 3/2026" }));
  must(await openSurvey(tx, id));
  return id;
}

const answer = (tx: Tx, id: string, n: number, a: Parameters<typeof submitAnswer>[2]) =>
  Promise.all(Array.from({ length: n }, () => submitAnswer(tx, id, a))).then((rs) => rs.forEach(must));

describe("a survey's life", () => {
  it("cannot open before the staff council's agreement is recorded (German message)", () =>
    rolledBack(db, aachen, async (tx) => {
      const { id } = must(await createSurvey(tx, base));
      expect(messageOf(await openSurvey(tx, id))).toMatch(/Personalrat/);
      must(await recordCouncilAgreement(tx, id, { agreedOn: "2026-02-01", reference: "DV 3/2026" }));
      must(await openSurvey(tx, id));
    }));

  it("a single-use code works once; codes are stored hashed only", () =>
    rolledBack(db, aachen, async (tx) => {
      const id = await openedSurvey(tx, { mode: "codes" });
      const codes = must(await generateCodes(tx, id, 3));
      expect(new Set(codes).size).toBe(3);
      const stored = await rows<{ h: string }>(tx, sql`SELECT encode(code_hash, 'hex') AS h FROM opening_survey_codes`);
      expect(stored).toHaveLength(3);
      for (const c of codes) expect(stored.some((s) => s.h.includes(c.replace(/-/g, "").toLowerCase()))).toBe(false);
      must(await submitAnswer(tx, id, { code: codes[0], migration: "yes", languages: ["tr"] }));
      const again = await submitAnswer(tx, id, { code: codes[0], migration: "no" });
      expect(again.ok).toBe(false);
      expect(messageOf(again)).toMatch(/Code/);
      // Lower case and without dashes is the same code.
      must(await submitAnswer(tx, id, { code: codes[1].replace(/-/g, "").toLowerCase(), migration: "no" }));
      expect((await submitAnswer(tx, id, { migration: "no" })).ok).toBe(false);
      const [{ n }] = await rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM opening_survey_answers`);
      expect(n).toBe(2);
    }));

  it("answers 'not closed' before the survey closes, results after", () =>
    rolledBack(db, aachen, async (tx) => {
      const id = await openedSurvey(tx);
      await answer(tx, id, 12, { migration: "yes", languages: ["de", "tr"] });
      await answer(tx, id, 13, { migration: "no", languages: ["de"] });
      const before = await surveyResults(tx, id);
      expect(before.ok || before.error.code).toBe("opening.surveys.errors.notClosed");
      must(await closeSurvey(tx, id));
      const r = must(await surveyResults(tx, id));
      expect(r.answers).toBe(25);
      expect(r.responseRate).toBe(25);
      expect(r.migration.rows[0].cells.yes.value).toBe(12);
      expect(r.migration.rows[0].share).toBeCloseTo(48);
      expect((await submitAnswer(tx, id, { migration: "yes" })).ok).toBe(false);
    }));

  it("k = 10 over units: 9 hidden, its sibling of 10 hidden too, the parent of 19 shown", () =>
    rolledBack(db, aachen, async (tx) => {
      const { id } = must(await createSurvey(tx, base));
      const fb = must(await addUnit(tx, id, { name: "Fachbereich Integration" })).id;
      const a = must(await addUnit(tx, id, { name: "Abteilung A", parentId: fb })).id;
      const b = must(await addUnit(tx, id, { name: "Abteilung B", parentId: fb })).id;
      const other = must(await addUnit(tx, id, { name: "Fachbereich Soziales" })).id;
      must(await recordCouncilAgreement(tx, id, { agreedOn: "2026-02-01", reference: "DV" }));
      must(await openSurvey(tx, id));
      await answer(tx, id, 9, { migration: "no", unitId: a });
      await answer(tx, id, 10, { migration: "no", unitId: b });
      await answer(tx, id, 30, { migration: "yes", unitId: other });
      await answer(tx, id, 11, { migration: "no" });
      must(await closeSurvey(tx, id));
      const r = must(await surveyResults(tx, id));
      const row = (name: string) => r.migration.rows.find((x) => x.name === name && x.kind === "unit")!;
      expect(r.k).toBe(10);
      expect(row("Fachbereich Integration").cells[TOTAL]).toEqual({ value: 19, hidden: null });
      expect(row("Abteilung A").cells[TOTAL]).toEqual({ value: null, hidden: "small_count" });
      expect(row("Abteilung A").cells.no.hidden).toBe("small_base");
      expect(row("Abteilung B").cells[TOTAL]).toEqual({ value: null, hidden: "complementary" });
      expect(row("Fachbereich Soziales").cells.yes.value).toBe(30);
    }));

  it("k is a tenant setting, 10 by default and never below 5", () =>
    rolledBack(db, aachen, async (tx) => {
      expect(await surveyK(tx)).toBe(10);
      expect((await setSurveyK(tx, 4)).ok).toBe(false);
      must(await setSurveyK(tx, 5));
      expect(await surveyK(tx)).toBe(5);
      await expect(tx.execute(sql`UPDATE opening_settings SET survey_k = 3`)).rejects.toThrow();
    }));

  it("a rolling survey releases batches of at least k; later answers stay unseen", () =>
    rolledBack(db, aachen, async (tx) => {
      const id = await openedSurvey(tx, { rolling: true });
      await answer(tx, id, 9, { migration: "yes" });
      expect((await surveyResults(tx, id)).ok).toBe(false);
      expect(messageOf(await releaseBatch(tx, id))).toMatch(/10/);
      await answer(tx, id, 1, { migration: "no" });
      expect(must(await releaseBatch(tx, id)).answers).toBe(10);
      await answer(tx, id, 4, { migration: "no" });
      const r = must(await surveyResults(tx, id));
      expect(r.answers).toBe(10);
      expect(r.releases).toHaveLength(1);
      expect(await unreleasedAnswers(tx, id)).toBe(4);
      // Closing releases the rest only if it is a batch of k: 4 stay unseen for good.
      must(await closeSurvey(tx, id));
      expect(must(await surveyResults(tx, id)).answers).toBe(10);
    }));
});

describe("anonymity by construction", () => {
  it("the answer table has no column that could identify or order a respondent", async () => {
    const cols = await withSystem(db, (tx) =>
      rows<{ name: string; type: string; dflt: string | null }>(
        tx,
        sql`SELECT column_name AS name, data_type AS type, column_default AS dflt FROM information_schema.columns
            WHERE table_name = 'opening_survey_answers' ORDER BY ordinal_position`,
      ),
    );
    expect(cols.map((c) => c.name).sort()).toEqual(
      [
        "id",
        "is_demo",
        "languages",
        "migration",
        "period_label",
        "release_id",
        "survey_id",
        "tenant_id",
        "unit_id",
      ].sort(),
    );
    for (const c of cols) {
      expect(c.type, c.name).not.toMatch(/time|date|interval|serial|inet|cidr|macaddr/);
      expect(c.name, c.name).not.toMatch(/user|account|ip|addr|agent|created|updated|_at$|_on$|seq|code|session|token/);
      expect(c.dflt ?? "", c.name).not.toMatch(/nextval|now\(|clock_timestamp|current_/);
    }
    expect(cols.find((c) => c.name === "id")!.dflt).toMatch(/gen_random_uuid/);
    // The codes: a hash and the survey – no answer, no issuance, no time.
    const codeCols = await withSystem(db, (tx) =>
      rows<{ name: string }>(
        tx,
        sql`SELECT column_name AS name FROM information_schema.columns WHERE table_name = 'opening_survey_codes'`,
      ),
    );
    expect(codeCols.map((c) => c.name).sort()).toEqual(["code_hash", "survey_id", "tenant_id"]);
    // Neither table is in the content-change log (its rows carry a time and the writing transaction).
    const untracked = await withSystem(db, (tx) =>
      rows<{ relname: string }>(tx, sql`SELECT relname FROM content_untracked WHERE relname LIKE 'opening_survey_%'`),
    );
    expect(untracked.map((u) => u.relname).sort()).toEqual(["opening_survey_answers", "opening_survey_codes"]);
  });

  it("answering writes no audit entry; closing rewrites the answers in one transaction", () =>
    rolledBack(db, aachen, async (tx) => {
      const id = await openedSurvey(tx);
      const audits = async () =>
        (
          await rows<{ n: number }>(
            tx,
            sql`SELECT count(*)::int AS n FROM audit_log WHERE entity_id IS DISTINCT FROM ${id}`,
          )
        )[0].n;
      const n0 = await audits();
      await answer(tx, id, 5, { migration: "yes" });
      expect(await audits()).toBe(n0);
      must(await closeSurvey(tx, id));
      const xmins = await rows<{ x: string }>(tx, sql`SELECT DISTINCT xmin::text AS x FROM opening_survey_answers`);
      expect(xmins).toHaveLength(1);
    }));
});

describe("staff-share series", () => {
  it("a year 'nicht erhoben' needs a reason and has no value (schema and database)", () =>
    rolledBack(db, aachen, async (tx) => {
      expect(SeriesInput.safeParse({ year: 2019, state: "not_collected" }).success).toBe(false);
      expect(SeriesInput.safeParse({ year: 2019, state: "value", source: "X" }).success).toBe(false);
      await expect(
        tx.execute(sql`INSERT INTO opening_share_series (tenant_id, year, state, share, reason)
          VALUES (app_tenant_id(), 2019, 'not_collected', 0, 'eingestellt')`),
      ).rejects.toThrow();
    }));

  it("stores and exports the gap", () =>
    rolledBack(db, aachen, async (tx) => {
      must(await setSeriesPoint(tx, { year: 2016, state: "value", share: 9.5, source: "Personalamt" }));
      must(await setSeriesPoint(tx, { year: 2018, state: "not_collected", reason: "Erhebung eingestellt" }));
      const s = await seriesOf(tx, null);
      expect(s.map((p) => [p.year, p.state, p.share])).toEqual([
        [2016, "value", 9.5],
        [2018, "not_collected", null],
      ]);
      const csv = seriesCsv(s, {
        header: ["Jahr", "Anteil", "Hinweis", "Quelle", "Grund"],
        notCollected: "nicht erhoben",
      });
      expect(csv).toContain("2016;9,50;;Personalamt;");
      expect(csv).toContain("2018;;nicht erhoben;;Erhebung eingestellt");
    }));

  it("takes a closed survey's share into the series", () =>
    rolledBack(db, aachen, async (tx) => {
      const id = await openedSurvey(tx);
      await answer(tx, id, 10, { migration: "yes" });
      await answer(tx, id, 30, { migration: "no" });
      must(await closeSurvey(tx, id));
      must(await takeSurveyIntoSeries(tx, id, 2026));
      const [p] = await seriesOf(tx, null);
      expect(p).toMatchObject({ year: 2026, state: "value", share: 25, surveyId: id });
    }));
});
