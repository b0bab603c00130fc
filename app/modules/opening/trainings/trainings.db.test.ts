import "./strings";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDb, rolledBack, tenantIds } from "../../../../tests/support/db";
import { messageOf, must } from "../../../../tests/support/errors";
import type { Database, Tx } from "~/kernel/db/client";
import { rows, withSystem, withTenant } from "~/kernel/db/context";
import {
  addSession,
  createCourse,
  EVALUATION_QUESTIONS,
  getCourse,
  halfYear,
  previousHalfYear,
  setEvaluationOpen,
  setParticipants,
  submitEvaluation,
  trainingResults,
} from "./service";

// Trainings (issue 15 item 6): participants per unit, the anonymous evaluation and its results – the
// share of the best mark 1 per question by half-year against the previous one, no result for a session
// with fewer than 5 evaluations (and no way to recover it from the half-year).
let db: Database;
let cleanup: () => Promise<void>;
let aachen: string;

beforeAll(async () => {
  ({ db, cleanup } = await createTestDb({ demo: true, modules: true }));
  ({ aachen } = await tenantIds(db));
});
afterAll(async () => {
  await cleanup();
});

const codeOf = async (tx: Tx, id: string) =>
  (await rows<{ c: string }>(tx, sql`SELECT eval_code AS c FROM opening_training_sessions WHERE id = ${id}`))[0].c;

/** A session with the given marks (insights, interest) submitted through its code. */
async function session(tx: Tx, courseId: string, heldOn: string, marks: [number, number][]) {
  const { id } = must(await addSession(tx, { courseId, heldOn, place: "Rathaus" }));
  const code = await codeOf(tx, id);
  for (const [insights, interest] of marks) must(await submitEvaluation(tx, { code, marks: { insights, interest } }));
  return id;
}
const times = (n: number, m: [number, number]) => Array.from({ length: n }, () => m);

describe("half-years", () => {
  it("name a date's half-year and the one before", () => {
    expect(halfYear("2018-06-30")).toBe("2018-H1");
    expect(halfYear("2018-07-01")).toBe("2018-H2");
    expect(previousHalfYear("2018-H1")).toBe("2017-H2");
    expect(previousHalfYear("2018-H2")).toBe("2018-H1");
  });
});

describe("the evaluation", () => {
  it("stores a mark per question and the session only, by the session's code, until it is closed", async () => {
    await rolledBack(db, aachen, async (tx) => {
      const { id: course } = must(await createCourse(tx, { title: "Test", targetGroups: ["Alle"], mandatory: true }));
      const { id } = must(await addSession(tx, { courseId: course, heldOn: "2018-03-01", place: "Rathaus" }));
      const code = await codeOf(tx, id);
      expect(code).toMatch(/^[A-Z2-9]{8}$/);
      // Typed in lower case with a space: still the code.
      must(
        await submitEvaluation(tx, {
          code: `${code.slice(0, 4).toLowerCase()} ${code.slice(4)}`,
          marks: { insights: 1, interest: 5 },
        }),
      );
      expect(messageOf(await submitEvaluation(tx, { code: "AAAAAAAA", marks: { insights: 1, interest: 1 } }))).toBe(
        "Diesen Code gibt es nicht. Bitte prüfen Sie ihn.",
      );
      must(await setEvaluationOpen(tx, id, false));
      expect(messageOf(await submitEvaluation(tx, { code, marks: { insights: 1, interest: 1 } }))).toBe(
        "Die Bewertung dieses Termins ist geschlossen.",
      );
      expect(
        await rows(
          tx,
          sql`SELECT question, mark FROM opening_training_evaluations WHERE session_id = ${id} ORDER BY question`,
        ),
      ).toEqual([
        { question: "insights", mark: 1 },
        { question: "interest", mark: 5 },
      ]);
      await expect(submitEvaluation(tx, { code, marks: { insights: 0, interest: 6 } })).rejects.toThrow();
    });
  });

  it("has no column that could tell who answered or when", async () => {
    const cols = await withSystem(db, (tx) =>
      rows<{ column_name: string }>(
        tx,
        sql`SELECT column_name FROM information_schema.columns WHERE table_name = 'opening_training_evaluations' ORDER BY ordinal_position`,
      ),
    );
    expect(cols.map((c) => c.column_name)).toEqual(["tenant_id", "session_id", "question", "mark"]);
  });

  it("asks the seed's two questions", () => {
    expect(EVALUATION_QUESTIONS.map((q) => [q.key, q.text, q.source.from, q.source.to])).toEqual([
      ["insights", "Ich konnte interkulturelle Informationen und Erkenntnisse gewinnen", 4180, 4181],
      [
        "interest",
        "Die Veranstaltung hat mein Interesse für das Thema Interkulturelle Öffnung/Sensibilisierung geweckt",
        4186,
        4187,
      ],
    ]);
  });
});

describe("participants per unit", () => {
  it("are counted per session and summed per unit over the course, a second count replacing the first", async () => {
    await rolledBack(db, aachen, async (tx) => {
      const { id: course } = must(await createCourse(tx, { title: "Zählung" }));
      const a = must(await addSession(tx, { courseId: course, heldOn: "2018-03-01", place: "A" })).id;
      const b = must(await addSession(tx, { courseId: course, heldOn: "2018-04-01", place: "B" })).id;
      must(await setParticipants(tx, { sessionId: a, unit: "FB 56", participants: 3 }));
      must(await setParticipants(tx, { sessionId: a, unit: "FB 56", participants: 4 }));
      must(await setParticipants(tx, { sessionId: a, unit: "FB 20", participants: 2 }));
      must(await setParticipants(tx, { sessionId: b, unit: "FB 56", participants: 5 }));
      const c = (await getCourse(tx, course))!;
      expect(c.units).toEqual([
        { unit: "FB 20", participants: 2 },
        { unit: "FB 56", participants: 9 },
      ]);
    });
  });
});

describe("the results", () => {
  it("hide a session of 4 evaluations, show one of 5, and leave the hidden one out of its half-year", async () => {
    await rolledBack(db, aachen, async (tx) => {
      const { id: course } = must(await createCourse(tx, { title: "Ergebnisse" }));
      const four = await session(tx, course, "2018-02-01", times(4, [1, 1]));
      const five = await session(tx, course, "2018-03-01", [...times(2, [1, 2]), ...times(3, [2, 1])]);
      const r = await trainingResults(tx, course);
      const s = (id: string) => r.sessions.find((x) => x.sessionId === id)!;
      expect(s(four)).toMatchObject({
        evaluations: 4,
        questions: {
          insights: { n: 4, share: null, suppressed: true },
          interest: { n: 4, share: null, suppressed: true },
        },
      });
      expect(s(five)).toMatchObject({
        evaluations: 5,
        questions: {
          insights: { n: 5, share: 40, suppressed: false },
          interest: { n: 5, share: 60, suppressed: false },
        },
      });
      // The half-year is the visible session alone: 40 %, not (4 + 2) / 9.
      expect(r.halfYears).toEqual([
        {
          halfYear: "2018-H1",
          previous: "2017-H2",
          sessions: 1,
          leftOut: 1,
          questions: {
            insights: { current: { n: 5, share: 40, suppressed: false }, previous: null, change: null },
            interest: { current: { n: 5, share: 60, suppressed: false }, previous: null, change: null },
          },
        },
      ]);
    });
  });

  it("compare each half-year with the previous one in percentage points, as the seed's 44 % against 34 %", async () => {
    await rolledBack(db, aachen, async (tx) => {
      const { id: course } = must(await createCourse(tx, { title: "Vergleich" }));
      // 2017-H2: 17 of 50 best (34 %); 2018-H1: 22 of 50 (44 %), in two sessions of 25.
      await session(tx, course, "2017-10-01", [...times(17, [1, 1]), ...times(33, [2, 2])]);
      await session(tx, course, "2018-02-01", [...times(12, [1, 2]), ...times(13, [3, 1])]);
      await session(tx, course, "2018-05-01", [...times(10, [1, 2]), ...times(15, [2, 2])]);
      const { halfYears } = await trainingResults(tx, course);
      expect(halfYears.map((h) => h.halfYear)).toEqual(["2017-H2", "2018-H1"]);
      const h1 = halfYears[1];
      expect(h1.questions.insights.current.share).toBe(44);
      expect(h1.questions.insights.previous?.share).toBe(34);
      expect(h1.questions.insights.change).toBeCloseTo(10);
      expect(h1.questions.interest.current.share).toBe(26);
      expect(h1.questions.interest.change).toBeCloseTo(26 - 34);
      // The first half-year has none before it.
      expect(halfYears[0].questions.insights.previous).toBeNull();
    });
  });

  it("of the demo: Aachen's example course, its November session hidden", async () => {
    const r = await withTenant(db, { tenantId: aachen, actor: { userId: null, label: "Test" } }, (tx) =>
      trainingResults(tx),
    );
    expect(r.sessions.map((s) => [s.heldOn, s.evaluations, s.questions.insights.suppressed])).toEqual([
      ["2025-10-14", 12, false],
      ["2025-11-25", 4, true],
      ["2026-03-10", 15, false],
      ["2026-05-19", 8, false],
    ]);
    expect(r.halfYears.map((h) => [h.halfYear, h.sessions, h.leftOut])).toEqual([
      ["2025-H2", 1, 1],
      ["2026-H1", 2, 0],
    ]);
  });
});
