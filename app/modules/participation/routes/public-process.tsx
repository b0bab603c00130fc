import "./strings";
import { Content, UserText } from "~/kernel/ui/content";
import { Link } from "react-router";
import type { Route } from "./+types/public-process";
import { tenantContext, tenantTx } from "~/kernel/http/context";
import { todayBerlin } from "~/kernel/dates";
import { PageTitle } from "~/kernel/ui/forms";
import { useFormat, useT } from "~/kernel/ui/hooks";
import { TermName } from "~/kernel/ui/terms";
import { overdue, publicProcess } from "../service";
import { processNotFound } from "../http.server";
import { CardMeasures, Questions, Section, Timeline } from "../ui";
import { processMeasures } from "../provenance";
import { listDrafts } from "../drafts";
import "../participation.css";

export async function loader({ params, context }: Route.LoaderArgs) {
  const { tenant } = context.get(tenantContext);
  return tenantTx(context, async (tx) => {
    const v = await publicProcess(tx, params.id);
    if (!v) throw processNotFound(context);
    const p = v.process;
    const today = todayBerlin();
    // The measures the proposals became (decision 0028), only those the concept shows publicly.
    const measures = (await processMeasures(tx, p.id)).filter((m) => m.public);
    // Drafts to comment on (decision 0031), with the number of comments the public sees.
    const drafts = (await listDrafts(tx, p.id)).map((x) => ({
      id: x.id,
      title: x.title,
      open: x.status === "open" && p.status === "published",
      comments: x.visible,
    }));
    // Only what the public may see: no invitees, no author labels, no internal ids of bodies.
    return {
      slug: tenant.slug,
      drafts,
      process: {
        id: p.id,
        title: p.title,
        kind: p.kind,
        status: p.status,
        handlungsfeld: p.handlungsfeld
          ? { name: p.handlungsfeld, nameEn: p.handlungsfeldEn, presetKey: p.handlungsfeldPreset }
          : null,
        contactName: p.contactName,
        contactAddress: p.contactAddress,
        decisionScope: p.decisionScope,
        decidingBody: p.decidingBodyName,
        answerDueOn: p.answerDueOn,
        results: p.results,
        exampleNote: p.exampleNote,
      },
      phases: v.phases.map((ph) => ({ id: ph.id, name: ph.name, startsOn: ph.startsOn, endsOn: ph.endsOn })),
      questions: v.questions.map((q) => ({ themenfeld: q.themenfeld, text: q.text })),
      proposals: v.cards
        .filter((c) => c.outcome !== null)
        .map((c) => ({
          id: c.id,
          seq: c.seq,
          kind: c.kind,
          body: c.body,
          outcome: c.outcome!,
          reason: c.outcomeReason,
          overdue: overdue(p, c, today),
          measures: measures
            .filter((m) => m.cardId === c.id)
            .map((m) => ({ measureId: m.measureId, relation: m.relation, code: m.code, title: m.title })),
        })),
    };
  });
}

export default function PublicProcess({ loaderData: d }: Route.ComponentProps) {
  const t = useT();
  const fmt = useFormat();
  const p = d.process;
  const date = (s: string | null) => (s ? fmt.date(s) : "–");
  return (
    <main id="inhalt" className="kern-container page stack">
      <PageTitle>{p.title}</PageTitle>
      <p>
        <Link className="kern-link" to={`/t/${d.slug}`}>
          {t("nav.home")}
        </Link>
      </p>
      <h1 className="kern-heading-large">
        <Content>{p.title}</Content>
      </h1>
      <p className="kern-body">
        {t(`participation.kinds.${p.kind}`)}
        {p.handlungsfeld && (
          <>
            {" · "}
            <TermName term={p.handlungsfeld} />
          </>
        )}
      </p>
      {p.exampleNote && (
        <p className="kern-body kern-body--small">
          <Content>{p.exampleNote}</Content>
        </p>
      )}
      {p.status === "closed" && <p className="kern-body">{t("participation.public.closed")}</p>}

      <dl className="participation-facts">
        <dt>{t("participation.public.scope")}</dt>
        <dd>{p.decisionScope}</dd>
        <dt>{t("participation.public.decidingBody")}</dt>
        <dd>{p.decidingBody}</dd>
        <dt>{t("participation.public.answerDueOn")}</dt>
        <dd>{date(p.answerDueOn)}</dd>
        <dt>{t("participation.public.contact")}</dt>
        <dd>{[p.contactName, p.contactAddress].filter(Boolean).join(", ")}</dd>
      </dl>

      {d.drafts.length > 0 && (
        <Section id="drafts" title={t("participation.drafts.draftsPublic")}>
          <ul className="kern-list">
            {d.drafts.map((x) => (
              <li key={x.id}>
                <Link className="kern-link" to={`/t/${d.slug}/beteiligung/${p.id}/entwurf/${x.id}`}>
                  <Content>{x.title}</Content>
                </Link>{" "}
                –{" "}
                {t("participation.drafts.draftLine", {
                  status: t(`participation.drafts.statuses.${x.open ? "open" : "closed"}`),
                  count: x.comments,
                })}
              </li>
            ))}
          </ul>
        </Section>
      )}

      <Section id="timeline" title={t("participation.public.timeline")}>
        <Timeline phases={d.phases} />
      </Section>

      {d.questions.length > 0 && (
        <Section id="questions" title={t("participation.public.questions")}>
          <Questions questions={d.questions} />
        </Section>
      )}

      <Section id="results" title={t("participation.public.results")}>
        <p className="kern-body">{p.results ?? t("participation.public.noResults")}</p>
      </Section>

      <Section id="proposals" title={t("participation.public.proposalsTitle")}>
        {d.proposals.length === 0 ? (
          <p className="kern-body">{t("participation.public.noProposals")}</p>
        ) : (
          <ul className="kern-list">
            {d.proposals.map((c) => (
              <li key={c.id}>
                <strong>
                  <UserText>{c.body}</UserText>
                </strong>{" "}
                – {t(`participation.outcomes.${c.outcome}`)}
                {c.reason && (
                  <>
                    {" "}
                    ({t("participation.public.reason")}: {c.reason})
                  </>
                )}
                {c.overdue && <strong className="participation-overdue"> – {t("participation.public.overdue")}</strong>}
                <CardMeasures links={c.measures} href={(id) => `/t/${d.slug}/konzept/massnahmen/${id}`} />
              </li>
            ))}
          </ul>
        )}
      </Section>
    </main>
  );
}
