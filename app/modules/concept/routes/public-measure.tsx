import { data, Link } from "react-router";
import { Content, useContentAttrs } from "~/kernel/ui/content";
import type { Route } from "./+types/public-measure";
import { tenantContext, tenantTx, tFor } from "~/kernel/http/context";
import { PageTitle } from "~/kernel/ui/forms";
import { useFormat, useT } from "~/kernel/ui/hooks";
import { labelled } from "~/kernel/taxonomy/label";
import { TermList } from "~/kernel/ui/terms";
import { getEdition, listHandlungsfelder } from "../services/concept";
import { getMeasureDetail } from "../services/measures";
import { ExampleNote, MeasureEvidence, MeasureHistory, MeasureProvenance, Progress, StatusTag } from "../ui";
import { measureEvidence, measureProvenance } from "../http.server";
import { measureHistory } from "../services/fortschreibung";

export async function loader({ params, context }: Route.LoaderArgs) {
  const { tenant } = context.get(tenantContext);
  return tenantTx(context, async (tx) => {
    const d = await getMeasureDetail(tx, params.id, { publicOnly: true });
    const e = d && (await getEdition(tx, d.measure.editionId));
    // Only measures of the adopted (or a superseded) edition are public.
    if (!d || !e || !["beschlossen", "abgeloest"].includes(e.status))
      throw data({ message: tFor(context)("concept.errors.measureNotFound") }, { status: 404 });
    const hf = new Map((await listHandlungsfelder(tx)).map((h) => [h.id, labelled(h)]));
    const m = d.item;
    return {
      slug: tenant.slug,
      provenance: await measureProvenance(context, tx, d.measure.id, e.id, true),
      evidence: await measureEvidence(context, tx, d.measure.id, true),
      // Earlier editions' public record: published reports, done milestones, status without reasons.
      history: await measureHistory(tx, d.measure.id, { publicOnly: true }),
      edition: e.title,
      measure: {
        code: m.code,
        title: m.title,
        description: m.description,
        status: m.status,
        progress: m.progress,
        startsOn: m.startsOn,
        endsOn: m.endsOn,
        targetGroups: m.targetGroups,
        quantitativeTarget: m.quantitativeTarget,
        lead: m.lead?.name ?? null,
        partners: m.partners.map((p) => p.name),
        handlungsfelder: m.handlungsfeldIds.flatMap((h) => hf.get(h) ?? []),
        goals: m.goalRefs,
        exampleNote: m.exampleNote,
      },
      milestones: d.milestones.map((x) => ({
        id: x.id,
        title: x.title,
        dueOn: x.dueOn,
        doneOn: x.doneOn,
        cancelledOn: x.cancelledOn,
      })),
      updates: d.updates.map((u) => ({
        id: u.id,
        reportedOn: u.reportedOn,
        body: u.body,
        progress: u.progress,
        isExample: u.isExample,
      })),
    };
  });
}

export default function PublicMeasure({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const fmt = useFormat();
  const content = useContentAttrs();
  const { measure: m, updates, milestones, slug, provenance, evidence, history } = loaderData;
  return (
    <main id="inhalt" className="kern-container page stack">
      <PageTitle>{m.title}</PageTitle>
      <p>
        <Link className="kern-link" to={`/t/${slug}/konzept`}>
          {t("concept.public.back")}
        </Link>
      </p>
      <h1 className="kern-heading-large" {...content}>
        {m.title}
      </h1>
      <p className="kern-body">
        {m.code} · <StatusTag status={m.status} /> · <Progress value={m.progress} label={t("concept.progress")} />
      </p>
      <ExampleNote note={m.exampleNote} />
      {m.description && (
        <p className="kern-body" {...content}>
          {m.description}
        </p>
      )}
      <dl className="concept-facts">
        <dt>{t("concept.measure.goals")}</dt>
        <dd {...content}>{m.goals.join(", ")}</dd>
        <dt>{t("concept.measure.handlungsfelder")}</dt>
        <dd>
          <TermList terms={m.handlungsfelder} />
        </dd>
        <dt>{t("concept.measure.lead")}</dt>
        <dd {...content}>{m.lead ?? "–"}</dd>
        <dt>{t("concept.measure.partners")}</dt>
        <dd {...content}>{m.partners.join(", ") || "–"}</dd>
        <dt>{t("concept.measure.period")}</dt>
        <dd>
          {fmt.date(m.startsOn)} – {fmt.date(m.endsOn)}
        </dd>
        {m.targetGroups && (
          <>
            <dt>{t("concept.measure.targetGroups")}</dt>
            <dd {...content}>{m.targetGroups}</dd>
          </>
        )}
        {m.quantitativeTarget && (
          <>
            <dt>{t("concept.measure.quantitativeTarget")}</dt>
            <dd {...content}>{m.quantitativeTarget}</dd>
          </>
        )}
      </dl>
      <MeasureProvenance p={provenance} slug={slug} />
      <MeasureEvidence e={evidence} slug={slug} />
      <h2 className="kern-heading-medium">{t("concept.measure.milestones")}</h2>
      {milestones.length === 0 ? (
        <p className="kern-body">{t("concept.measure.noMilestones")}</p>
      ) : (
        <ul>
          {milestones.map((x) => (
            <li key={x.id}>
              {fmt.date(x.dueOn)}: <Content>{x.title}</Content>{" "}
              {x.doneOn
                ? `(${t("concept.measure.doneOn", { date: fmt.date(x.doneOn) })})`
                : x.cancelledOn
                  ? `(${t("concept.measure.cancelledOn", { date: fmt.date(x.cancelledOn) })})`
                  : ""}
            </li>
          ))}
        </ul>
      )}
      <h2 className="kern-heading-medium">{t("concept.measure.updates")}</h2>
      {updates.length === 0 ? (
        <p className="kern-body">{t("concept.measure.noUpdates")}</p>
      ) : (
        <ul className="concept-updates">
          {updates.map((u) => (
            <li key={u.id}>
              <p className="kern-body">
                <strong>{t("concept.measure.stateOf", { date: fmt.date(u.reportedOn) })}</strong>
                {u.isExample ? ` (${t("concept.exampleShort")})` : ""}
              </p>
              <p className="kern-body" {...content}>
                {u.body}
              </p>
            </li>
          ))}
        </ul>
      )}
      <MeasureHistory h={history} measurePath={(id) => `/t/${slug}/konzept/massnahmen/${id}`} />
    </main>
  );
}
