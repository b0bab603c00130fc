// Small presentational pieces shared by this module's pages (browser-safe: no server imports).
import "./concept.css";
import { Link } from "react-router";
import { useFormat, useT } from "~/kernel/ui/hooks";

export function StatusTag({ status }: { status: string }) {
  const t = useT();
  return <span className={`kern-badge concept-status concept-status--${status}`}>{t(`concept.status.${status}`)}</span>;
}

export function ExampleNote({ note }: { note: string | null | undefined }) {
  const t = useT();
  if (!note) return null;
  return (
    <p className="kern-body concept-example">
      <strong>{t("concept.example")}</strong> {note}
    </p>
  );
}

export function Progress({ value, label }: { value: number; label: string }) {
  return (
    <span className="concept-progress">
      <progress max={100} value={value} aria-label={label}>
        {value} %
      </progress>{" "}
      {value} %
    </span>
  );
}

export interface ProvenanceView {
  origins: { relation: string; title: string; part: string | null; number: number | null; path: string | null }[];
  decision: { body: string; decidedOn: string | null; number: string } | null;
}

/** "Entstanden aus: <process>, <phase>, Karte Nr. <n>" and the adopting council decision (decision 0028). */
export function MeasureProvenance({ p, slug }: { p: ProvenanceView; slug: string }) {
  const t = useT();
  const fmt = useFormat();
  if (!p.origins.length && !p.decision) return null;
  return (
    <section aria-labelledby="sec-provenance">
      <h2 id="sec-provenance" className="kern-heading-medium">
        {t("concept.provenance.title")}
      </h2>
      <ul className="concept-provenance">
        {p.origins.map((o, i) => {
          const source = [o.title, o.part, o.number != null ? t("concept.provenance.card", { n: o.number }) : null]
            .filter(Boolean)
            .join(", ");
          return (
            <li key={i}>
              {t(`concept.provenance.${o.relation}`)}:{" "}
              {o.path ? (
                <Link className="kern-link" to={`/t/${slug}/${o.path}`}>
                  {source}
                </Link>
              ) : (
                source
              )}
            </li>
          );
        })}
        {p.decision && (
          <li>
            {t("concept.provenance.decision", {
              body: p.decision.body,
              date: p.decision.decidedOn ? fmt.date(p.decision.decidedOn) : "–",
              number: p.decision.number,
            })}
          </li>
        )}
      </ul>
    </section>
  );
}

export interface EvidenceView {
  indicators: { name: string; path: string | null }[];
  areas: { name: string; path: string | null }[];
  editPath: string | null;
}

/** Which indicators a measure should move and where it works, each linked to its public page. */
export function MeasureEvidence({ e, slug }: { e: EvidenceView; slug: string }) {
  const t = useT();
  if (!e.indicators.length && !e.areas.length && !e.editPath) return null;
  const list = (items: EvidenceView["indicators"]) =>
    items.map((x, i) => (
      <span key={x.name}>
        {i > 0 && ", "}
        {x.path ? (
          <Link className="kern-link" to={`/t/${slug}/${x.path}`}>
            {x.name}
          </Link>
        ) : (
          x.name
        )}
      </span>
    ));
  return (
    <section aria-labelledby="sec-evidence">
      <h2 id="sec-evidence" className="kern-heading-medium">
        {t("concept.evidence.title")}
      </h2>
      <dl className="concept-facts">
        <dt>{t("concept.evidence.indicators")}</dt>
        <dd>{e.indicators.length ? list(e.indicators) : t("concept.evidence.none")}</dd>
        <dt>{t("concept.evidence.areas")}</dt>
        <dd>{e.areas.length ? list(e.areas) : t("concept.evidence.none")}</dd>
      </dl>
      {e.editPath && (
        <p className="kern-body">
          <Link className="kern-link" to={`/t/${slug}/${e.editPath}`}>
            {t("concept.evidence.edit")}
          </Link>
        </p>
      )}
    </section>
  );
}
