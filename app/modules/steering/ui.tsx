import { Link } from "react-router";
import { Content } from "~/kernel/ui/content";
import type { AttainmentStatus, Evidence } from "~/kernel/evidence";
import { useFormat, useT } from "~/kernel/ui/hooks";
import type { GoalNode, StatusCounts } from "./services/attainment";

export function AttainmentBadge({ status }: { status: AttainmentStatus | null }) {
  const t = useT();
  return (
    <span className={`kern-badge steering-status steering-status--${status ?? "none"}`}>
      {t(`steering.status.${status ?? "none"}`)}
    </span>
  );
}

/** The rule in words, shown wherever statuses are (issue 13: "with the rule shown"). */
export function RuleNote() {
  const t = useT();
  return (
    <details className="steering-rule">
      <summary className="kern-body">{t("steering.rule.summary")}</summary>
      <ol className="kern-body">
        {(["latest", "achieved", "deadline", "baseline", "progress", "pace", "rollUp"] as const).map((k) => (
          <li key={k}>{t(`steering.rule.${k}`)}</li>
        ))}
      </ol>
    </details>
  );
}

/** "≥ 25 % bis 2020" or "Parität mit „gesamt“ bis 2020", with the area and group it is about. */
export function TargetText({ e }: { e: Evidence }) {
  const t = useT();
  const f = useFormat();
  if (!e.target) return null;
  const x = e.target;
  const what =
    x.kind === "parity"
      ? t(`steering.target.parity.${x.direction}`, { group: x.compareGroup })
      : t(`steering.target.value.${x.direction}`, { value: f.number(x.value ?? 0, 1), unit: e.indicator.unit });
  return (
    <>
      {what}
      {x.year ? ` ${t("steering.target.by", { year: x.year })}` : ""}
      {e.area && (
        <>
          {" · "}
          <Content>{e.area.name}</Content>
        </>
      )}
      {e.group !== "gesamt" ? ` · ${t("steering.target.group", { group: e.group })}` : ""}
    </>
  );
}

/** The latest value: a number, "•" for a suppressed one, "keine Daten" when there is none. */
export function LatestValue({ e }: { e: Evidence }) {
  const t = useT();
  const f = useFormat();
  const a = e.attainment;
  if (!a || !a.period) return <>{t("steering.noData")}</>;
  if (a.suppressed)
    return (
      <>
        <span aria-hidden="true">•</span>
        <span className="kern-sr-only">{t("steering.suppressed")}</span> ({a.period})
      </>
    );
  return (
    <>
      {a.value == null ? t("steering.noData") : `${f.number(a.value, 1)} ${e.indicator.unit}`} ({a.period})
    </>
  );
}

export function CountsLine({ counts }: { counts: StatusCounts }) {
  const t = useT();
  const parts = (Object.entries(counts) as [AttainmentStatus | "none", number][])
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${t(`steering.status.${s}`)}: ${n}`);
  return <>{parts.join(" · ") || t("steering.noTargets")}</>;
}

/** How many Leit- and Teilziele have which status, and the rule behind the statuses. */
export function Summary({ counts }: { counts: { leitziel: StatusCounts; teilziel: StatusCounts } }) {
  const t = useT();
  return (
    <>
      <p className="kern-body">
        <strong>{t("steering.leitziele")}:</strong> <CountsLine counts={counts.leitziel} />
        <br />
        <strong>{t("steering.teilziele")}:</strong> <CountsLine counts={counts.teilziel} />
      </p>
      <RuleNote />
    </>
  );
}

/** The goal tree with statuses and targets; `goalHref` links each goal (staff: its target page). */
export function GoalTree({
  roots,
  slug,
  goalHref,
}: {
  roots: GoalNode[];
  slug: string;
  goalHref?: (id: string) => string;
}) {
  const t = useT();
  const node = (g: GoalNode, depth: number) => (
    <li key={g.id} className={`steering-goal steering-goal--${g.kind}`}>
      <div className="steering-goal__head">
        <span className="steering-goal__title">
          {g.number}{" "}
          {goalHref ? (
            <Link className="kern-link" to={goalHref(g.id)}>
              <Content>{g.title}</Content>
            </Link>
          ) : (
            <Content>{g.title}</Content>
          )}
        </span>{" "}
        {g.kind !== "themenfeld" || g.status ? <AttainmentBadge status={g.status} /> : null}
      </div>
      {g.targets.length > 0 && (
        <ul className="steering-targets">
          {g.targets.map((e) => (
            <li key={e.linkId}>
              {e.publicPath ? (
                <Link className="kern-link" to={`/t/${slug}/${e.publicPath}`}>
                  <Content>{e.indicator.name}</Content>
                </Link>
              ) : (
                <Content>{e.indicator.name}</Content>
              )}
              : <TargetText e={e} /> – {t("steering.latest")}: <LatestValue e={e} />{" "}
              <AttainmentBadge status={e.attainment?.status ?? "no_data"} />
            </li>
          ))}
        </ul>
      )}
      {g.children.length > 0 && <ul className="steering-tree">{g.children.map((c) => node(c, depth + 1))}</ul>}
    </li>
  );
  return <ul className="steering-tree">{roots.map((r) => node(r, 0))}</ul>;
}
