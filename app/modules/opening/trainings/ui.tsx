import { useFormat, useT } from "~/kernel/ui/hooks";
import { DataTable } from "~/kernel/ui/table";
import { QUESTION_KEYS, type QuestionKey } from "./questions";

interface Share {
  n: number;
  share: number | null;
  suppressed: boolean;
}
export interface ResultsData {
  sessions: {
    sessionId: string;
    heldOn: string;
    place: string;
    courseTitle: string;
    evaluations: number;
    questions: Record<QuestionKey, Share>;
  }[];
  halfYears: {
    halfYear: string;
    previous: string;
    sessions: number;
    leftOut: number;
    questions: Record<QuestionKey, { current: Share; previous: Share | null; change: number | null }>;
  }[];
}

const half = (t: ReturnType<typeof useT>, h: string) =>
  t("opening.trainings.results.half", { n: h.slice(-1), year: h.slice(0, 4) });

/** The evaluation results: share of the best mark by half-year against the previous one, then per session. */
export function TrainingResults({ results, showCourse }: { results: ResultsData; showCourse?: boolean }) {
  const t = useT();
  const fmt = useFormat();
  const pct = (s: Share | null) =>
    !s || s.n === 0 ? "–" : s.suppressed ? t("opening.trainings.results.suppressed") : `${fmt.number(s.share, 0)} %`;
  if (results.sessions.length === 0) return <p className="kern-body">{t("opening.trainings.results.none")}</p>;
  return (
    <>
      <p className="kern-body">{t("opening.trainings.results.method")}</p>
      <DataTable
        caption={t("opening.trainings.results.byHalfYear")}
        headers={[
          t("opening.trainings.results.halfYear"),
          t("opening.trainings.results.question"),
          t("opening.trainings.results.best"),
          t("opening.trainings.results.previous"),
          t("opening.trainings.results.change"),
          t("opening.trainings.results.basis"),
        ]}
      >
        {results.halfYears.flatMap((h) =>
          QUESTION_KEYS.map((q) => (
            <tr key={`${h.halfYear}-${q}`} className="kern-table__row">
              <th scope="row" className="kern-table__cell">
                {half(t, h.halfYear)}
              </th>
              <td className="kern-table__cell">{t(`opening.trainings.questions.${q}`)}</td>
              <td className="kern-table__cell">{pct(h.questions[q].current)}</td>
              <td className="kern-table__cell">
                {half(t, h.previous)}: {pct(h.questions[q].previous)}
              </td>
              <td className="kern-table__cell">
                {h.questions[q].change == null
                  ? "–"
                  : t("opening.trainings.results.points", { value: fmt.number(h.questions[q].change, 0) })}
              </td>
              <td className="kern-table__cell">
                {t("opening.trainings.results.basisText", {
                  n: h.questions[q].current.n,
                  sessions: h.sessions,
                  leftOut: h.leftOut,
                })}
              </td>
            </tr>
          )),
        )}
      </DataTable>
      <DataTable
        caption={t("opening.trainings.results.bySession")}
        headers={[
          t("opening.trainings.results.session"),
          t("opening.trainings.results.evaluations"),
          ...QUESTION_KEYS.map((q) => t(`opening.trainings.questions.${q}`)),
        ]}
      >
        {results.sessions.map((s) => (
          <tr key={s.sessionId} className="kern-table__row">
            <th scope="row" className="kern-table__cell">
              {showCourse ? `${s.courseTitle}, ` : ""}
              {fmt.date(s.heldOn)}, {s.place}
            </th>
            <td className="kern-table__cell">{s.evaluations}</td>
            {QUESTION_KEYS.map((q) => (
              <td key={q} className="kern-table__cell">
                {pct(s.questions[q])}
              </td>
            ))}
          </tr>
        ))}
      </DataTable>
    </>
  );
}

/** Participants per organisational unit (of one session, or summed over a course). */
export function UnitsTable({ caption, units }: { caption: string; units: { unit: string; participants: number }[] }) {
  const t = useT();
  if (units.length === 0) return null;
  return (
    <DataTable
      caption={caption}
      headers={[t("opening.trainings.course.unit"), t("opening.trainings.course.participants")]}
    >
      {units.map((u) => (
        <tr key={u.unit} className="kern-table__row">
          <th scope="row" className="kern-table__cell">
            {u.unit}
          </th>
          <td className="kern-table__cell">{u.participants}</td>
        </tr>
      ))}
    </DataTable>
  );
}
