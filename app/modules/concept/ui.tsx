// Small presentational pieces shared by this module's pages (browser-safe: no server imports).
import { Content, withContent } from "~/kernel/ui/content";
import "./concept.css";
import { Link } from "react-router";
import type { ReactNode } from "react";
import { useFormat, useT } from "~/kernel/ui/hooks";
import type { EditionComparison, FieldChange, HistoryEntry, ItemDiff, WordPart } from "./services/fortschreibung";

export function StatusTag({ status }: { status: string }) {
  const t = useT();
  return <span className={`kern-badge concept-status concept-status--${status}`}>{t(`concept.status.${status}`)}</span>;
}

/**
 * An editing action behind a button-like summary, closed by default: a page opens on what is, and a
 * form shows only when asked for, without JavaScript. `open` when the form came back with errors, so
 * what was typed and what was wrong stay in view.
 */
export function ActionDisclosure({ label, open, children }: { label: ReactNode; open?: boolean; children: ReactNode }) {
  return (
    <details className="concept-action" open={open || undefined}>
      <summary className="kern-btn kern-btn--secondary">
        <span className="kern-label">{label}</span>
      </summary>
      {children}
    </details>
  );
}

export function ExampleNote({ note }: { note: string | null | undefined }) {
  const t = useT();
  if (!note) return null;
  return (
    <p className="kern-body concept-example">
      <strong>{t("concept.example")}</strong> <Content>{note}</Content>
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
                  <Content>{source}</Content>
                </Link>
              ) : (
                <Content>{source}</Content>
              )}
            </li>
          );
        })}
        {p.decision && (
          <li>
            {withContent(t, "concept.provenance.decision", {
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
            <Content>{x.name}</Content>
          </Link>
        ) : (
          <Content>{x.name}</Content>
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

/** A measure's carry state in a Fortschreibung (decision 0035): text, not colour alone. */
export function CarryTag({ state, label }: { state: string; label: string }) {
  return <span className={`kern-badge concept-carry concept-carry--${state}`}>{label}</span>;
}

/**
 * A text change word by word: inserted and removed runs are <ins>/<del> and say so in words for
 * screen readers (which often do not announce the elements), and are struck through or underlined
 * for the eye, so colour is never the only sign.
 */
export function WordDiff({ parts }: { parts: WordPart[] }) {
  const t = useT();
  return (
    <span className="concept-diff">
      {parts.map((p, i) =>
        p.kind === "ins" ? (
          <ins key={i}>
            <span className="kern-sr-only">{`${t("concept.compare.inserted")} `}</span>
            {p.text}
          </ins>
        ) : p.kind === "del" ? (
          <del key={i}>
            <span className="kern-sr-only">{`${t("concept.compare.deleted")} `}</span>
            {p.text}
          </del>
        ) : (
          <span key={i}>{p.text}</span>
        ),
      )}
    </span>
  );
}

function FieldChanges({ changes }: { changes: FieldChange[] }) {
  const t = useT();
  return (
    <dl className="concept-facts">
      {changes.map((c) => (
        <div key={c.field} className="concept-diff-row">
          <dt>{t(`concept.compare.field.${c.field}`)}</dt>
          <dd>
            {c.words ? (
              <WordDiff parts={c.words} />
            ) : (
              <>
                <del>
                  <span className="kern-sr-only">{`${t("concept.compare.deleted")} `}</span>
                  {t(`concept.status.${c.before}`)}
                </del>{" "}
                →{" "}
                <ins>
                  <span className="kern-sr-only">{`${t("concept.compare.inserted")} `}</span>
                  {t(`concept.status.${c.after}`)}
                </ins>
              </>
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function ItemDiffSection({ d, label, id }: { d: ItemDiff; label: string; id: string }) {
  const t = useT();
  return (
    <section aria-labelledby={id}>
      <h2 id={id} className="kern-heading-medium">
        {label}
      </h2>
      <h3 className="kern-heading-small">{t("concept.compare.changed", { count: d.changed.length })}</h3>
      <ul className="concept-compare">
        {d.changed.map((x) => (
          <li key={x.ref}>
            <strong>
              {x.ref} {x.title}
            </strong>
            <FieldChanges changes={x.changes} />
          </li>
        ))}
      </ul>
      <h3 className="kern-heading-small">{t("concept.compare.added", { count: d.added.length })}</h3>
      <ul>
        {d.added.map((x) => (
          <li key={x.ref}>
            {x.ref} {x.title}
          </li>
        ))}
      </ul>
      <h3 className="kern-heading-small">{t("concept.compare.removed", { count: d.removed.length })}</h3>
      <ul>
        {d.removed.map((x) => (
          <li key={x.ref}>
            {x.ref} {x.title}
            {x.reason
              ? ` – ${t("concept.compare.endedBecause", { reason: x.reason })}`
              : x.status
                ? ` – ${t(`concept.status.${x.status}`)}`
                : ""}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Two editions compared (staff and public page): goals, measures, Handlungsfelder. */
export function Comparison({ c }: { c: EditionComparison }) {
  const t = useT();
  return (
    <>
      <ItemDiffSection d={c.goals} label={t("concept.compare.goals")} id="cmp-goals" />
      <ItemDiffSection d={c.measures} label={t("concept.compare.measures")} id="cmp-measures" />
      <section aria-labelledby="cmp-hf">
        <h2 id="cmp-hf" className="kern-heading-medium">
          {t("concept.compare.handlungsfelder")}
        </h2>
        {!c.handlungsfelder.added.length && !c.handlungsfelder.removed.length ? (
          <p className="kern-body">{t("concept.compare.hfSame")}</p>
        ) : (
          <ul>
            {c.handlungsfelder.added.map((h) => (
              <li key={`+${h}`}>{t("concept.compare.hfAdded", { name: h })}</li>
            ))}
            {c.handlungsfelder.removed.map((h) => (
              <li key={`-${h}`}>{t("concept.compare.hfRemoved", { name: h })}</li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

export interface HistoryView {
  carriedFrom: { edition: string; measureId: string } | null;
  entries: HistoryEntry[];
}

/** The history a carried measure brings from earlier editions (decision 0035). */
export function MeasureHistory({ h, measurePath }: { h: HistoryView; measurePath?: (id: string) => string }) {
  const t = useT();
  const fmt = useFormat();
  if (!h.carriedFrom) return null;
  return (
    <section aria-labelledby="sec-history">
      <h2 id="sec-history" className="kern-heading-medium">
        {t("concept.history.title")}
      </h2>
      <p className="kern-body">
        {measurePath ? (
          <Link className="kern-link" to={measurePath(h.carriedFrom.measureId)}>
            {t("concept.history.carriedFrom", { edition: h.carriedFrom.edition })}
          </Link>
        ) : (
          t("concept.history.carriedFrom", { edition: h.carriedFrom.edition })
        )}
      </p>
      <ol className="concept-timeline">
        {h.entries.map((e, i) => (
          <li key={i}>
            <strong>{fmt.date(e.date)}</strong> –{" "}
            {e.kind === "status"
              ? e.detail
                ? t("concept.detail.tlStatus", { to: t(`concept.status.${e.title}`), reason: e.detail, who: e.who })
                : t("concept.history.status", { to: t(`concept.status.${e.title}`) })
              : e.kind === "milestone"
                ? t("concept.detail.tlMilestoneDone", { title: e.title })
                : e.who
                  ? t("concept.detail.tlUpdate", { who: e.who, state: t(`concept.updateStatus.${e.state}`) })
                  : t("concept.history.report", { body: e.title })}{" "}
            <span className="kern-hint">({t("concept.history.inEdition", { edition: e.edition })})</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
