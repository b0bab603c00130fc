import type { ReactNode } from "react";
import { Link } from "react-router";
import { useFormat, useT } from "~/kernel/ui/hooks";

// Pieces the staff and the public page of a process share.

export function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id} className="kern-heading-medium">
        {title}
      </h2>
      {children}
    </section>
  );
}

/** The phases in order, each with its first and (if another) last day. */
export function Timeline({
  phases,
}: {
  phases: { id: string; name: string; startsOn: string | null; endsOn: string | null }[];
}) {
  const fmt = useFormat();
  const date = (s: string | null) => (s ? fmt.date(s) : "–");
  return (
    <ol className="kern-list">
      {phases.map((ph) => (
        <li key={ph.id}>
          {ph.name}: {date(ph.startsOn)}
          {ph.endsOn && ph.endsOn !== ph.startsOn && ` – ${date(ph.endsOn)}`}
        </li>
      ))}
    </ol>
  );
}

/** A Fachgespräch's guiding questions, each after its Themenfeld. */
export function Questions({ questions }: { questions: { themenfeld: string; text: string }[] }) {
  const t = useT();
  return (
    <ol className="kern-list">
      {questions.map((q) => (
        <li key={q.themenfeld}>
          <strong>{t(`participation.themenfelder.${q.themenfeld}`)}:</strong> {q.text}
        </li>
      ))}
    </ol>
  );
}

/** The measures a card was carried into (decision 0028), linked to the measure's page (staff or public). */
export function CardMeasures({
  links,
  href,
}: {
  links: { measureId: string; relation: string; code: string; title: string }[];
  href: (measureId: string) => string;
}) {
  const t = useT();
  if (!links.length) return null;
  return (
    <ul className="kern-list">
      {links.map((l) => (
        <li key={l.measureId}>
          {t(`participation.relations.${l.relation}`)}:{" "}
          <Link className="kern-link" to={href(l.measureId)}>
            {l.code}: {l.title}
          </Link>
        </li>
      ))}
    </ul>
  );
}
