import "./strings";
import { Content, UserText } from "~/kernel/ui/content";
import type { z } from "zod";
import type { Tx } from "~/kernel/db/client";
import type { Result } from "~/kernel/errors";
import { data, Link, redirect, useLocation } from "react-router";
import type { Route } from "./+types/staff-process";
import { failureErrors, fieldErrors, requireRole, tenantContext, tenantTx, tFor } from "~/kernel/http/context";
import { todayBerlin } from "~/kernel/dates";
import { roleAtLeast } from "~/kernel/roles";
import { ActionForm, Alert, Checkbox, Field, formValues, PageTitle, Select, type FormValues } from "~/kernel/ui/forms";
import { useFormat, useT } from "~/kernel/ui/hooks";
import { labelled } from "~/kernel/taxonomy/label";
import { TermName, useTerms } from "~/kernel/ui/terms";
import { DataTable } from "~/kernel/ui/table";
import { currentEdition, listHandlungsfelder, listMeasures, loadGoals } from "~/modules/concept";
import { ORIGIN_RELATIONS } from "~/kernel/provenance";
import { CarryInput, carryIntoConcept, processMeasures } from "../provenance";
import { CARD_KINDS, INVITEE_NOMINATORS, OUTCOMES, ROLE_KINDS, THEMENFELDER, VERDICTS } from "../schema";
import {
  addCard,
  addInvitee,
  addPhase,
  addRole,
  CardInput,
  closeProcess,
  DetailsInput,
  getProcess,
  guidingQuestions,
  InviteeInput,
  listCards,
  listInvitees,
  listPhases,
  listRoles,
  OutcomeInput,
  overdue,
  PhaseInput,
  processWarnings,
  publishNeeds,
  publishProcess,
  RoleInput,
  setOutcome,
  updateDetails,
  type Card,
} from "../service";
import { optional, processNotFound, publishRefusal } from "../http.server";
import { createWorkshop, listWorkshops, WorkshopInput } from "../workshops";
import { createDraft, listDrafts } from "../drafts";
import { DRAFT_SOURCES } from "../drafts-schema";
import { CardMeasures, Questions, Section, Timeline } from "../ui";
import "../participation.css";

const DONE = [
  "created",
  "details",
  "published",
  "closed",
  "phase",
  "role",
  "invitee",
  "card",
  "outcome",
  "carried",
] as const;
const ADOPTED = ["uebernommen", "geaendert_uebernommen"];

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const role = requireRole(context, "viewer");
  const { tenant } = context.get(tenantContext);
  const ok = new URL(request.url).searchParams.get("ok");
  return tenantTx(context, async (tx) => {
    const p = await getProcess(tx, params.id);
    if (!p) throw processNotFound(context);
    const [phases, roles, invitees, cards, hf, workshops, drafts] = await Promise.all([
      listPhases(tx, p.id),
      listRoles(tx, p.id),
      listInvitees(tx, p.id),
      listCards(tx, p.id),
      listHandlungsfelder(tx),
      listWorkshops(tx, p.id),
      listDrafts(tx, p.id),
    ]);
    const canEdit = roleAtLeast(role, "editor");
    // The edition whose Haltung a new draft would copy (named in the form).
    const haltungOf = canEdit ? await currentEdition(tx) : undefined;
    // What an adopted proposal can be carried into (decision 0028): the current edition's goals and measures.
    const edition =
      canEdit && cards.some((c) => ADOPTED.includes(c.outcome ?? "")) ? await currentEdition(tx) : undefined;
    const goals = edition ? (await loadGoals(tx, edition.id)).filter((g) => g.kind !== "themenfeld") : [];
    const measures = edition ? await listMeasures(tx, { editionId: edition.id }) : [];
    return {
      slug: tenant.slug,
      canEdit,
      done: DONE.find((x) => x === ok) ?? null,
      today: todayBerlin(),
      process: p,
      needs: publishNeeds(p),
      warnings: await processWarnings(tx, p, roles),
      questions: p.kind === "fachgespraech" && p.handlungsfeld ? guidingQuestions(p.handlungsfeld) : [],
      phases,
      roles,
      invitees,
      cards,
      workshops: workshops.map((w) => ({ id: w.id, title: w.title, code: w.code, status: w.status, cards: w.cards })),
      drafts,
      haltungEdition: haltungOf?.haltung?.trim() ? haltungOf.title : null,
      handlungsfelder: hf.map(labelled),
      cardMeasures: await processMeasures(tx, p.id),
      goalOptions: goals.map((g) => ({ value: g.id, label: `${g.ref} ${g.title}` })),
      measureOptions: measures.map((m) => ({ value: m.id, label: `${m.code}: ${m.title}` })),
    };
  });
}

export async function action({ request, params, context }: Route.ActionArgs) {
  requireRole(context, "editor");
  const { tenant } = context.get(tenantContext);
  const t = tFor(context);
  const f = await request.formData();
  const intent = String(f.get("intent") ?? "");
  const fail = (errors: Record<string, string>) =>
    data({ intent, errors, values: formValues(f) as FormValues | null }, { status: 400 });
  const p = await tenantTx(context, (tx) => getProcess(tx, params.id));
  if (!p) throw processNotFound(context);
  const back = (done: (typeof DONE)[number]) => redirect(`/t/${tenant.slug}/verwaltung/beteiligung/${p.id}?ok=${done}`);
  /** Parses the form for one intent, runs its service and answers with the page or the errors. */
  const run = async <I,>(
    schema: z.ZodType<I>,
    input: unknown,
    call: (tx: Tx, v: I) => Promise<Result<unknown>>,
    done: (typeof DONE)[number],
  ) => {
    const parsed = schema.safeParse(input);
    if (!parsed.success) return fail(fieldErrors(context, parsed.error.issues));
    const r = await tenantTx(context, (tx) => call(tx, parsed.data));
    return r.ok ? back(done) : fail(failureErrors(context, r));
  };

  switch (intent) {
    case "details":
      return run(
        DetailsInput,
        {
          contactName: optional(f.get("contactName")),
          contactAddress: optional(f.get("contactAddress")),
          decisionScope: optional(f.get("decisionScope")),
          decidingBody: optional(f.get("decidingBody")),
          answerDueOn: optional(f.get("answerDueOn")),
          results: optional(f.get("results")),
        },
        (tx, v) => updateDetails(tx, p.id, v),
        "details",
      );
    case "publish": {
      const r = await tenantTx(context, (tx) => publishProcess(tx, p.id));
      if (r.ok) return back("published");
      return fail({
        _form: r.error.code === "participation.errors.publishMissing" ? publishRefusal(t, r) : t(r.error.code),
      });
    }
    case "close": {
      const r = await tenantTx(context, (tx) => closeProcess(tx, p.id));
      return r.ok ? back("closed") : fail({ _form: t(r.error.code) });
    }
    case "phase":
      return run(
        PhaseInput,
        { name: f.get("name"), startsOn: optional(f.get("startsOn")), endsOn: optional(f.get("endsOn")) },
        (tx, v) => addPhase(tx, p.id, v),
        "phase",
      );
    case "role":
      return run(
        RoleInput,
        {
          role: optional(f.get("role")),
          personName: f.get("personName"),
          contact: optional(f.get("contact")),
          themenfeld: optional(f.get("themenfeld")),
        },
        (tx, v) => addRole(tx, p.id, v),
        "role",
      );
    case "invitee":
      return run(
        InviteeInput,
        { name: f.get("name"), reason: f.get("reason"), nominatedBy: optional(f.get("nominatedBy")) },
        (tx, v) => addInvitee(tx, p.id, v),
        "invitee",
      );
    case "card":
      return run(
        CardInput,
        {
          kind: optional(f.get("kind")),
          body: f.get("body"),
          phaseId: optional(f.get("phaseId")),
          authorLabel: optional(f.get("authorLabel")),
          themenfeld: optional(f.get("themenfeld")),
          handlungsfeldId: optional(f.get("handlungsfeldId")),
          inverts: f.getAll("inverts").map(String),
          concretises: f.getAll("concretises").map(String),
          resources: optional(f.get("resources")),
          responsibility: optional(f.get("responsibility")),
          obstacles: optional(f.get("obstacles")),
          verdict: optional(f.get("verdict")),
        },
        (tx, v) => addCard(tx, p.id, v),
        "card",
      );
    case "outcome": {
      const cardId = String(f.get("cardId") ?? "");
      return run(
        OutcomeInput,
        { outcome: optional(f.get("outcome")), reason: optional(f.get("reason")) },
        (tx, v) => setOutcome(tx, p.id, cardId, v),
        "outcome",
      );
    }
    case "workshop": {
      const parsed = WorkshopInput.safeParse({
        title: f.get("title"),
        dotBudget: f.get("dotBudget"),
        oneDotPerCard: f.get("oneDotPerCard") === "1",
      });
      if (!parsed.success) return fail(fieldErrors(context, parsed.error.issues));
      const r = await tenantTx(context, (tx) => createWorkshop(tx, p.id, parsed.data));
      if (!r.ok) return fail(failureErrors(context, r));
      return redirect(`/t/${tenant.slug}/verwaltung/beteiligung/${p.id}/werkstatt/${r.value.id}`);
    }
    case "draft": {
      const r = await tenantTx(context, (tx) =>
        createDraft(tx, p.id, {
          source: String(f.get("source") ?? "") as never,
          title: String(f.get("title") ?? ""),
          text: String(f.get("text") ?? ""),
        }),
      );
      if (!r.ok) return fail(failureErrors(context, r));
      return redirect(`/t/${tenant.slug}/verwaltung/beteiligung/${p.id}/entwurf/${r.value.id}?ok=created`);
    }
    case "carry": {
      const cardId = String(f.get("cardId") ?? "");
      return run(
        CarryInput,
        {
          relation: optional(f.get("relation")),
          measureId: optional(f.get("measureId")),
          goalId: optional(f.get("goalId")),
          code: optional(f.get("code")),
          title: optional(f.get("title")),
          note: optional(f.get("note")),
        },
        (tx, v) => carryIntoConcept(tx, p.id, cardId, v),
        "carried",
      );
    }
  }
  return fail({ _form: t("errors.badRequest") });
}

/** A card's links in words: "kehrt Kritik 1, 2 um". */
function useLinks() {
  const t = useT();
  return (c: Pick<Card, "inverts" | "concretises">) =>
    [
      c.inverts.length > 0 && t("participation.process.invertsList", { list: c.inverts.join(", ") }),
      c.concretises.length > 0 && t("participation.process.concretisesList", { list: c.concretises.join(", ") }),
    ]
      .filter(Boolean)
      .join("; ") || "–";
}

export default function ProcessPage({ loaderData: d, actionData: a }: Route.ComponentProps) {
  const t = useT();
  const terms = useTerms();
  const fmt = useFormat();
  const links = useLinks();
  const fresh = useLocation().key;
  const p = d.process;
  const err = (intent: string) =>
    a?.intent === intent ? ((a.errors as Record<string, string> | null) ?? undefined) : undefined;
  const date = (s: string | null) => (s ? fmt.date(s) : "–");
  const base = `/t/${d.slug}/verwaltung/beteiligung/${p.id}`;
  const proposals = d.cards.filter((c) => c.outcome !== null);
  const critiques = d.cards.filter((c) => c.kind === "critique");
  const ideas = d.cards.filter((c) => c.kind === "idea");
  const tf = THEMENFELDER.map((x) => ({ value: x, label: t(`participation.themenfelder.${x}`) }));
  return (
    <>
      <PageTitle>{p.title}</PageTitle>
      <p>
        <Link className="kern-link" to="..">
          {t("participation.process.back")}
        </Link>
      </p>
      <h1 className="kern-heading-large">
        <Content>{p.title}</Content>
      </h1>
      <p className="kern-body">
        {t("participation.process.kindLine", {
          kind: t(`participation.kinds.${p.kind}`),
          status: t(`participation.statuses.${p.status}`),
        })}
        {p.handlungsfeld && (
          <>
            {" · "}
            <TermName term={{ name: p.handlungsfeld, nameEn: p.handlungsfeldEn, presetKey: p.handlungsfeldPreset }} />
          </>
        )}
      </p>
      {p.exampleNote && (
        <p className="kern-body kern-body--small">
          <Content>{p.exampleNote}</Content>
        </p>
      )}
      {d.done && <Alert kind="success">{t(`participation.process.done.${d.done}`)}</Alert>}
      {d.warnings.length > 0 && (
        <Alert kind="warning">
          <strong>{t("participation.process.warningsTitle")}</strong>
          <ul className="kern-list">
            {d.warnings.map((w, i) => (
              <li key={i}>
                {w.kind === "noPate"
                  ? t("participation.process.noPate", { themenfeld: t(`participation.themenfelder.${w.themenfeld}`) })
                  : t(`participation.process.competence_${w.competence}`, {
                      handlungsfeld: w.handlungsfeld,
                      note: w.note,
                    })}
              </li>
            ))}
          </ul>
        </Alert>
      )}

      <Section id="publish" title={t("participation.process.publishTitle")}>
        {p.status === "draft" ? (
          <>
            <p className="kern-body">{t("participation.process.publishIntro")}</p>
            {d.canEdit && (
              <ActionForm intent="publish" errors={err("publish")} submit={t("participation.process.publish")} primary>
                {null}
              </ActionForm>
            )}
          </>
        ) : (
          <>
            <p className="kern-body">
              <Link className="kern-link" to={`/t/${d.slug}/beteiligung/${p.id}`}>
                {t("participation.process.publicLink")}
              </Link>
            </p>
            {d.canEdit && p.status === "published" && (
              <ActionForm intent="close" errors={err("close")} submit={t("participation.process.close")}>
                {null}
              </ActionForm>
            )}
          </>
        )}
      </Section>

      <Section id="details" title={t("participation.process.detailsTitle")}>
        <dl className="participation-facts">
          <dt>{t("participation.process.contactName")}</dt>
          <dd>{[p.contactName, p.contactAddress].filter(Boolean).join(", ") || "–"}</dd>
          <dt>{t("participation.process.decisionScope")}</dt>
          <dd>{p.decisionScope ?? "–"}</dd>
          <dt>{t("participation.process.decidingBody")}</dt>
          <dd>
            {p.decidingBodyName ?? "–"}
            {p.decidingBodyId && (
              <>
                {" ("}
                <Link className="kern-link" to={`/t/${d.slug}/verwaltung/gremien/${p.decidingBodyId}`}>
                  {t("participation.process.linkedBody")}
                </Link>
                {")"}
              </>
            )}
          </dd>
          <dt>{t("participation.process.answerDueOn")}</dt>
          <dd>{date(p.answerDueOn)}</dd>
          <dt>{t("participation.process.results")}</dt>
          <dd>{p.results ?? "–"}</dd>
        </dl>
        {d.canEdit && (
          <ActionForm
            key={fresh}
            intent="details"
            errors={err("details")}
            submit={t("participation.process.saveDetails")}
          >
            <Field
              name="contactName"
              label={t("participation.process.contactName")}
              defaultValue={p.contactName ?? ""}
            />
            <Field
              name="contactAddress"
              label={t("participation.process.contactAddress")}
              hint={t("participation.process.contactAddressHint")}
              defaultValue={p.contactAddress ?? ""}
            />
            <Field
              name="decisionScope"
              type="textarea"
              label={t("participation.process.decisionScope")}
              hint={t("participation.process.decisionScopeHint")}
              defaultValue={p.decisionScope ?? ""}
            />
            <Field
              name="decidingBody"
              label={t("participation.process.decidingBody")}
              hint={t("participation.process.decidingBodyHint")}
              defaultValue={p.decidingBodyName ?? ""}
            />
            <Field
              name="answerDueOn"
              type="date"
              label={t("participation.process.answerDueOn")}
              defaultValue={p.answerDueOn ?? ""}
            />
            <Field
              name="results"
              type="textarea"
              label={t("participation.process.results")}
              defaultValue={p.results ?? ""}
            />
          </ActionForm>
        )}
      </Section>

      <Section id="phases" title={t("participation.process.phasesTitle")}>
        <Timeline phases={d.phases} />
        {d.canEdit && (
          <ActionForm key={fresh} intent="phase" errors={err("phase")} submit={t("participation.process.addPhase")}>
            <Field name="name" id="ph-name" label={t("participation.process.phaseName")} required />
            <Field name="startsOn" type="date" label={t("participation.process.from")} />
            <Field name="endsOn" type="date" label={t("participation.process.to")} />
          </ActionForm>
        )}
      </Section>

      <Section id="workshops" title={t("participation.workshop.sectionTitle")}>
        <p className="kern-body">{t("participation.workshop.sectionIntro")}</p>
        {d.workshops.length > 0 && (
          <ul className="kern-list">
            {d.workshops.map((w) => (
              <li key={w.id}>
                <Link className="kern-link" to={`${base}/werkstatt/${w.id}`}>
                  <Content>{w.title}</Content>
                </Link>{" "}
                – {t("participation.workshop.listLine", { code: w.code, count: w.cards })}
                {w.status === "closed" && ` (${t("participation.workshop.closedNow")})`}
              </li>
            ))}
          </ul>
        )}
        {d.canEdit && (
          <ActionForm
            key={fresh}
            intent="workshop"
            errors={err("workshop")}
            submit={t("participation.workshop.create")}
          >
            <Field name="title" id="ws-title" label={t("participation.workshop.titleLabel")} required />
            <Field
              name="dotBudget"
              type="number"
              defaultValue={3}
              label={t("participation.workshop.budgetLabel")}
              hint={t("participation.workshop.budgetHint")}
              required
              error={err("workshop")?.dotBudget}
            />
            <Checkbox name="oneDotPerCard" label={t("participation.workshop.oneDotLabel")} />
          </ActionForm>
        )}
      </Section>

      <Section id="drafts" title={t("participation.drafts.sectionTitle")}>
        <p className="kern-body">{t("participation.drafts.sectionIntro")}</p>
        {d.drafts.length > 0 && (
          <ul className="kern-list">
            {d.drafts.map((x) => (
              <li key={x.id}>
                <Link className="kern-link" to={`${base}/entwurf/${x.id}`}>
                  <Content>{x.title}</Content>
                </Link>{" "}
                ({t(`participation.drafts.statuses.${x.status}`)}) –{" "}
                {t("participation.drafts.listLine", {
                  paragraphs: x.paragraphs,
                  visible: x.visible,
                  hidden: x.hidden,
                  unanswered: x.unanswered,
                })}
              </li>
            ))}
          </ul>
        )}
        {d.canEdit && (
          <ActionForm key={fresh} intent="draft" errors={err("draft")} submit={t("participation.drafts.create")}>
            <Select
              name="source"
              id="dr-source"
              label={t("participation.drafts.sourceLabel")}
              required
              defaultValue={d.haltungEdition ? "haltung" : "custom"}
              options={DRAFT_SOURCES.map((s) => ({
                value: s,
                label:
                  s === "haltung" && d.haltungEdition
                    ? t("participation.drafts.sourceHaltungOf", { edition: d.haltungEdition })
                    : t(`participation.drafts.sources.${s}`),
              }))}
            />
            <Field
              name="title"
              id="dr-title"
              label={t("participation.drafts.titleLabel")}
              hint={t("participation.drafts.titleHint")}
              error={err("draft")?.title}
            />
            <Field
              name="text"
              id="dr-text"
              type="textarea"
              label={t("participation.drafts.textLabel")}
              hint={t("participation.drafts.textHint")}
              error={err("draft")?.text}
            />
          </ActionForm>
        )}
      </Section>

      {d.questions.length > 0 && (
        <Section id="questions" title={t("participation.process.questionsTitle")}>
          <p className="kern-body">{t("participation.process.questionsIntro")}</p>
          <Questions questions={d.questions} />
        </Section>
      )}

      <Section id="roles" title={t("participation.process.rolesTitle")}>
        {d.roles.length === 0 ? (
          <p className="kern-body">{t("participation.process.none")}</p>
        ) : (
          <DataTable
            caption={t("participation.process.rolesTitle")}
            headers={[
              t("participation.process.role"),
              t("participation.process.person"),
              t("participation.process.contact"),
              t("participation.process.themenfeld"),
            ]}
          >
            {d.roles.map((r) => (
              <tr key={r.id} className="kern-table__row">
                <td className="kern-table__cell">{t(`participation.roles.${r.role}`)}</td>
                <td className="kern-table__cell">{r.personName}</td>
                <td className="kern-table__cell">{r.contact ?? "–"}</td>
                <td className="kern-table__cell">
                  {r.themenfeld ? t(`participation.themenfelder.${r.themenfeld}`) : "–"}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
        {d.canEdit && (
          <ActionForm key={fresh} intent="role" errors={err("role")} submit={t("participation.process.addRole")}>
            <Select
              name="role"
              label={t("participation.process.role")}
              required
              options={ROLE_KINDS.map((r) => ({ value: r, label: t(`participation.roles.${r}`) }))}
            />
            <Field name="personName" label={t("participation.process.person")} required />
            <Field name="contact" label={t("participation.process.contact")} />
            <Select
              name="themenfeld"
              id="ro-tf"
              label={t("participation.process.themenfeld")}
              defaultValue=""
              options={[{ value: "", label: t("participation.process.noThemenfeld") }, ...tf]}
            />
          </ActionForm>
        )}
      </Section>

      <Section id="invitees" title={t("participation.process.inviteesTitle")}>
        <p className="kern-body">{t("participation.process.inviteesIntro")}</p>
        {d.invitees.length === 0 ? (
          <p className="kern-body">{t("participation.process.none")}</p>
        ) : (
          <DataTable
            caption={t("participation.process.inviteesTitle")}
            headers={[
              t("participation.process.invitee"),
              t("participation.process.reason"),
              t("participation.process.nominatedBy"),
            ]}
          >
            {d.invitees.map((i) => (
              <tr key={i.id} className="kern-table__row">
                <td className="kern-table__cell">
                  <Content>{i.name}</Content>
                </td>
                <td className="kern-table__cell">{i.reason}</td>
                <td className="kern-table__cell">{t(`participation.roles.${i.nominatedBy}`)}</td>
              </tr>
            ))}
          </DataTable>
        )}
        {d.canEdit && (
          <ActionForm
            key={fresh}
            intent="invitee"
            errors={err("invitee")}
            submit={t("participation.process.addInvitee")}
          >
            <Field name="name" id="in-name" label={t("participation.process.invitee")} required />
            <Field name="reason" label={t("participation.process.reason")} required />
            <Select
              name="nominatedBy"
              label={t("participation.process.nominatedBy")}
              required
              options={INVITEE_NOMINATORS.map((r) => ({ value: r, label: t(`participation.roles.${r}`) }))}
            />
          </ActionForm>
        )}
      </Section>

      <Section id="cards" title={t("participation.process.cardsTitle")}>
        <p className="kern-body">{t("participation.process.cardsIntro")}</p>
        {d.cards.length === 0 ? (
          <p className="kern-body">{t("participation.process.none")}</p>
        ) : (
          <DataTable
            caption={t("participation.process.cardsTitle")}
            headers={[
              t("participation.process.nr"),
              t("participation.process.phase"),
              t("participation.process.cardKind"),
              t("participation.process.text"),
              t("participation.process.links"),
              t("participation.process.feasibility"),
            ]}
          >
            {d.cards.map((c) => (
              <tr key={c.id} className="kern-table__row">
                <td className="kern-table__cell">{c.seq}</td>
                <td className="kern-table__cell">{c.phase ?? "–"}</td>
                <td className="kern-table__cell">
                  {t(`participation.cardKinds.${c.kind}`)}
                  {c.themenfeld && ` · ${t(`participation.themenfelder.${c.themenfeld}`)}`}
                  {c.handlungsfeld && (
                    <>
                      {" × "}
                      <Content>{c.handlungsfeld}</Content>
                    </>
                  )}
                </td>
                <td className="kern-table__cell">
                  <UserText>{c.body}</UserText>
                  {c.authorLabel && (
                    <span className="kern-body--small">
                      {" "}
                      ({t("participation.process.author", { name: c.authorLabel })})
                    </span>
                  )}
                </td>
                <td className="kern-table__cell">{links(c)}</td>
                <td className="kern-table__cell">
                  {c.verdict
                    ? [t(`participation.verdicts.${c.verdict}`), c.resources, c.responsibility, c.obstacles]
                        .filter(Boolean)
                        .join("; ")
                    : "–"}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
        <p className="kern-body">
          {t("participation.process.exportTitle")}:{" "}
          <a className="kern-link" href={`${base}/export/csv`} download>
            {t("participation.process.exportCsv")}
          </a>
          {" · "}
          <a className="kern-link" href={`${base}/export/json`} download>
            {t("participation.process.exportJson")}
          </a>
        </p>
        {d.canEdit && (
          <ActionForm
            key={fresh}
            intent="card"
            heading={t("participation.process.addCardTitle")}
            headingId="add-card"
            errors={err("card")}
            submit={t("participation.process.addCard")}
          >
            <Select
              name="kind"
              label={t("participation.process.cardKind")}
              required
              options={CARD_KINDS.map((k) => ({ value: k, label: t(`participation.cardKinds.${k}`) }))}
            />
            <Field name="body" type="textarea" label={t("participation.process.body")} required />
            <Select
              name="phaseId"
              label={t("participation.process.phase")}
              defaultValue=""
              options={[
                { value: "", label: t("participation.process.noPhase") },
                ...d.phases.map((ph) => ({ value: ph.id, label: ph.name })),
              ]}
            />
            <Field
              name="authorLabel"
              label={t("participation.process.authorLabel")}
              hint={t("participation.process.authorLabelHint")}
            />
            <Select
              name="themenfeld"
              id="ca-tf"
              label={t("participation.process.themenfeld")}
              defaultValue=""
              options={[{ value: "", label: t("participation.process.noThemenfeld") }, ...tf]}
            />
            <Select
              name="handlungsfeldId"
              label={t("participation.form.handlungsfeld")}
              defaultValue=""
              options={[
                { value: "", label: t("participation.form.noHandlungsfeld") },
                ...terms.choices(d.handlungsfelder),
              ]}
            />
            {critiques.length > 0 && (
              <fieldset className="kern-fieldset" id="f-inverts">
                <legend className="kern-label">{t("participation.process.inverts")}</legend>
                <div className="kern-fieldset__body">
                  {critiques.map((c) => (
                    <Checkbox
                      key={c.id}
                      id={`ca-inv-${c.id}`}
                      name="inverts"
                      value={c.id}
                      label={`${c.seq}: ${c.body}`}
                    />
                  ))}
                </div>
              </fieldset>
            )}
            {ideas.length > 0 && (
              <fieldset className="kern-fieldset" id="f-concretises">
                <legend className="kern-label">{t("participation.process.concretises")}</legend>
                <div className="kern-fieldset__body">
                  {ideas.map((c) => (
                    <Checkbox
                      key={c.id}
                      id={`ca-con-${c.id}`}
                      name="concretises"
                      value={c.id}
                      label={`${c.seq}: ${c.body}`}
                    />
                  ))}
                </div>
              </fieldset>
            )}
            <fieldset className="kern-fieldset" id="f-verdict">
              <legend className="kern-label">{t("participation.process.feasibilityTitle")}</legend>
              <div className="kern-fieldset__body">
                <Field name="resources" label={t("participation.process.resources")} />
                <Field name="responsibility" label={t("participation.process.responsibility")} />
                <Field name="obstacles" label={t("participation.process.obstacles")} />
                <Select
                  name="verdict"
                  label={t("participation.process.verdict")}
                  defaultValue=""
                  options={[
                    { value: "", label: t("participation.process.noVerdict") },
                    ...VERDICTS.map((v) => ({ value: v, label: t(`participation.verdicts.${v}`) })),
                  ]}
                />
              </div>
            </fieldset>
          </ActionForm>
        )}
      </Section>

      {p.kind === "zukunftswerkstatt" && critiques.length > 0 && (
        <Section id="chain" title={t("participation.process.chainTitle")}>
          <p className="kern-body">{t("participation.process.chainIntro")}</p>
          <ul className="kern-list participation-chain">
            {critiques.map((k) => (
              <li key={k.id}>
                {t("participation.cardKinds.critique")} {k.seq}: <UserText>{k.body}</UserText>
                <ul className="kern-list">
                  {ideas
                    .filter((i) => i.inverts.includes(k.seq))
                    .map((i) => (
                      <li key={i.id}>
                        {t("participation.cardKinds.idea")} {i.seq}: <UserText>{i.body}</UserText>
                        <ul className="kern-list">
                          {d.cards
                            .filter((x) => x.concretises.includes(i.seq))
                            .map((x) => (
                              <li key={x.id}>
                                {t("participation.cardKinds.proposal")} {x.seq}: <UserText>{x.body}</UserText>
                                {x.verdict && ` (${t(`participation.verdicts.${x.verdict}`)})`}
                              </li>
                            ))}
                        </ul>
                      </li>
                    ))}
                </ul>
              </li>
            ))}
          </ul>
        </Section>
      )}

      <Section id="outcomes" title={t("participation.process.outcomesTitle")}>
        {proposals.length === 0 ? (
          <p className="kern-body">{t("participation.process.none")}</p>
        ) : (
          proposals.map((c) => (
            <div key={c.id} className="participation-outcome">
              <p className="kern-body">
                <strong>
                  {c.seq}. <UserText>{c.body}</UserText>
                </strong>{" "}
                – {t(`participation.outcomes.${c.outcome!}`)}
                {c.outcomeReason && `: ${c.outcomeReason}`}
                {overdue(p, c, d.today) && (
                  <strong className="participation-overdue"> – {t("participation.process.overdue")}</strong>
                )}
              </p>
              {d.canEdit && (
                <ActionForm
                  key={fresh}
                  intent="outcome"
                  hidden={{ cardId: c.id }}
                  errors={
                    a?.intent === "outcome" && a.values && (a.values as Record<string, unknown>).cardId === c.id
                      ? err("outcome")
                      : undefined
                  }
                  submit={t("participation.process.saveOutcome")}
                >
                  <Select
                    name="outcome"
                    id={`oc-${c.id}`}
                    label={t("participation.process.outcomeFor", { seq: c.seq })}
                    defaultValue={c.outcome ?? "eingegangen"}
                    options={OUTCOMES.map((o) => ({ value: o, label: t(`participation.outcomes.${o}`) }))}
                  />
                  <Field
                    name="reason"
                    id={`ocr-${c.id}`}
                    type="textarea"
                    label={t("participation.process.outcomeReason")}
                    defaultValue={c.outcomeReason ?? ""}
                  />
                </ActionForm>
              )}
              <CardMeasures
                links={d.cardMeasures.filter((l) => l.cardId === c.id)}
                href={(id) => `/t/${d.slug}/verwaltung/massnahmen/${id}`}
              />
              {d.canEdit && ADOPTED.includes(c.outcome ?? "") && (
                <ActionForm
                  key={`carry-${fresh}`}
                  intent="carry"
                  heading={t("participation.process.carryFor", { seq: c.seq })}
                  headingId={`carry-${c.id}`}
                  hidden={{ cardId: c.id }}
                  errors={
                    a?.intent === "carry" && a.values && (a.values as Record<string, unknown>).cardId === c.id
                      ? err("carry")
                      : undefined
                  }
                  submit={t("participation.process.carry")}
                >
                  <Select
                    name="relation"
                    id={`rel-${c.id}`}
                    label={t("participation.process.relation")}
                    options={ORIGIN_RELATIONS.map((r) => ({ value: r, label: t(`participation.relations.${r}`) }))}
                  />
                  <Select
                    name="measureId"
                    id={`ms-${c.id}`}
                    label={t("participation.process.measure")}
                    hint={t("participation.process.measureHint")}
                    options={[{ value: "", label: "–" }, ...d.measureOptions]}
                  />
                  <Select
                    name="goalId"
                    id={`goal-${c.id}`}
                    label={t("participation.process.goal")}
                    hint={t("participation.process.goalHint")}
                    options={[{ value: "", label: "–" }, ...d.goalOptions]}
                  />
                  <Field
                    name="code"
                    id={`code-${c.id}`}
                    label={t("participation.process.code")}
                    defaultValue={`B-${c.seq}`}
                  />
                  <Field
                    name="title"
                    id={`title-${c.id}`}
                    label={t("participation.process.measureTitle")}
                    defaultValue={c.body.slice(0, 300)}
                  />
                  <Field name="note" id={`note-${c.id}`} type="textarea" label={t("participation.process.carryNote")} />
                </ActionForm>
              )}
            </div>
          ))
        )}
      </Section>
    </>
  );
}
