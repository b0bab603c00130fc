import "../assessment/strings";
import "../opening.css";
import type { ReactNode } from "react";
import { data, Link, redirect } from "react-router";
import type { Route } from "./+types/assessment-page";
import { failureErrors, fieldErrors, tenantContext, tenantTx, tFor } from "~/kernel/http/context";
import { todayBerlin } from "~/kernel/dates";
import { ActionForm, Alert, Checkbox, Field, formValues, PageTitle, RadioGroup, Select } from "~/kernel/ui/forms";
import { useFormat, useT } from "~/kernel/ui/hooks";
import { DataTable } from "~/kernel/ui/table";
import { currentEdition, listMeasures } from "~/modules/concept";
import { PHASES, type Phase } from "../assessment/catalogues";
import { assessmentAccess, canEdit, notFound } from "../assessment/http.server";
import { ACTION_STATUSES, RATINGS } from "../assessment/schema";
import {
  ActionInput,
  addAction,
  addMilestone,
  addWorkshopNote,
  assessmentRow,
  completeAssessment,
  completeMilestone,
  getAssessment,
  reassess,
  saveAnswers,
  saveMission,
  saveRatings,
  setActionStatus,
  setPhase,
  type ListView,
} from "../assessment/service";

const DONE = ["created", "saved", "completed"] as const;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const access = assessmentAccess(context);
  const { tenant } = context.get(tenantContext);
  const q = new URL(request.url).searchParams;
  return tenantTx(context, async (tx) => {
    const v = await getAssessment(tx, params.id);
    if (!v || (access.ownOrganisation && v.assessment.organisationId !== access.ownOrganisation))
      throw notFound(context);
    const editable = canEdit(access, v.assessment) && !v.assessment.completedOn;
    const asked = PHASES.find((p) => p === q.get("phase"));
    const phase: Phase = asked ?? v.assessment.phase;
    // The concept's measures an action may be linked to (a partner: those its organisation takes part in).
    const edition = editable && phase === "massnahmen" ? await currentEdition(tx) : undefined;
    const measures = edition
      ? await listMeasures(tx, { editionId: edition.id, participantOrganisationId: access.ownOrganisation })
      : [];
    return {
      slug: tenant.slug,
      v,
      phase,
      editable,
      // The next year's assessment may be started by whoever may change this one, once it is done.
      mayReassess: canEdit(access, v.assessment),
      done: DONE.find((x) => x === q.get("ok")) ?? null,
      measures: measures.map((m) => ({ value: m.id, label: `${m.code} ${m.title}` })),
      today: todayBerlin(),
      // New with every load (after a saved form too, not after a refused one or a jump to #field): the
      // forms are drawn afresh from it, so a saved note or milestone does not stay in its field.
      view: crypto.randomUUID(),
    };
  });
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const access = assessmentAccess(context);
  const { tenant } = context.get(tenantContext);
  const t = tFor(context);
  const f = await request.formData();
  const intent = String(f.get("intent") ?? "");
  const a = await tenantTx(context, (tx) => assessmentRow(tx, params.id));
  if (!a || (access.ownOrganisation && a.organisationId !== access.ownOrganisation)) throw notFound(context);
  if (!canEdit(access, a)) throw data({ message: t("errors.forbidden") }, { status: 403 });
  const phase = PHASES.find((p) => p === f.get("phase")) ?? a.phase;
  // A refused form is shown again on the phase it belongs to, whatever the address says.
  const fail = (errors: Record<string, string>) =>
    data({ intent, phase, errors, values: formValues(f) }, { status: 400 });
  const back = (done: (typeof DONE)[number], id = a.id, to: Phase = phase) =>
    redirect(`/t/${tenant.slug}/verwaltung/oeffnung/bewertung/${id}?phase=${to}&ok=${done}`);
  const str = (k: string) => String(f.get(k) ?? "");
  const ids = (prefix: string) => [
    ...new Set([...f.keys()].filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length))),
  ];

  return tenantTx(context, async (tx) => {
    switch (intent) {
      case "mission": {
        const r = await saveMission(tx, a.id, str("mission"));
        return r.ok ? back("saved") : fail(failureErrors(context, r));
      }
      case "answers": {
        // Every item of the list is in the form: a text field, a check box or both.
        const items = [...new Set([...ids("answer."), ...ids("item.")])];
        const r = await saveAnswers(
          tx,
          a.id,
          items.map((itemId) => ({
            itemId,
            answer: str(`answer.${itemId}`),
            checked: f.get(`checked.${itemId}`) === "1",
          })),
        );
        return r.ok ? back("saved") : fail(failureErrors(context, r));
      }
      case "ratings": {
        const r = await saveRatings(
          tx,
          a.id,
          ids("rating.").map((itemId) => {
            const rating = RATINGS.find((x) => x === f.get(`rating.${itemId}`)) ?? null;
            return { itemId, rating, evidence: str(`evidence.${itemId}`) };
          }),
        );
        if (r.ok) return back("saved", a.id, "bestandsaufnahme");
        if ("errors" in r) return fail(Object.fromEntries(Object.entries(r.errors).map(([k, key]) => [k, t(key)])));
        return fail(failureErrors(context, r));
      }
      case "note": {
        const r = await addWorkshopNote(tx, a.id, str("itemId"), str("note"));
        return r.ok ? back("saved") : fail(failureErrors(context, r));
      }
      case "action": {
        const p = ActionInput.safeParse({
          title: f.get("title"),
          owner: f.get("owner"),
          itemId: str("itemId") || null,
          conceptMeasureId: str("conceptMeasureId") || null,
          milestoneTitle: str("milestoneTitle") || null,
          milestoneDue: str("milestoneDue") || null,
        });
        if (!p.success) return fail(fieldErrors(context, p.error.issues));
        const r = await addAction(tx, a.id, p.data);
        return r.ok ? back("saved", a.id, "massnahmen") : fail(failureErrors(context, r));
      }
      case "milestone": {
        const r = await addMilestone(tx, a.id, str("actionId"), { title: str("title"), dueOn: str("dueOn") });
        return r.ok ? back("saved", a.id, "massnahmen") : fail(failureErrors(context, r));
      }
      case "milestoneDone": {
        const r = await completeMilestone(tx, a.id, str("milestoneId"), str("doneOn"));
        return r.ok ? back("saved", a.id, "massnahmen") : fail(failureErrors(context, r));
      }
      case "status": {
        const r = await setActionStatus(tx, a.id, str("actionId"), str("status"));
        return r.ok ? back("saved", a.id, "massnahmen") : fail(failureErrors(context, r));
      }
      case "phase": {
        const r = await setPhase(tx, a.id, str("phase"));
        return r.ok ? back("saved") : fail(failureErrors(context, r));
      }
      case "complete": {
        const r = await completeAssessment(tx, a.id, todayBerlin());
        return r.ok ? back("completed", a.id, "evaluation") : fail(failureErrors(context, r));
      }
      case "reassess": {
        const r = await reassess(tx, a.id);
        return r.ok ? back("created", r.value.id, "bestandsaufnahme") : fail(failureErrors(context, r));
      }
    }
    return fail({ _form: t("errors.badRequest") });
  });
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id} className="kern-heading-medium">
        {title}
      </h2>
      {children}
    </section>
  );
}

function SourceLine({ source, from, to }: { source: string; from: number | null; to: number | null }) {
  const t = useT();
  if (from === null) return <span className="kern-body--small">{source}</span>;
  return (
    <span className="kern-body--small">
      {to !== null && to !== from
        ? t("opening.assessment.page.sourceRange", { source, from, to })
        : t("opening.assessment.page.source", { source, from })}
    </span>
  );
}

type Loaded = Route.ComponentProps["loaderData"];
type Errors = Record<string, string> | undefined;

/** A question set, the barriers or the success factors as one form: a text per question, a box per item. */
function ListForm({ list, d, errors }: { list: ListView; d: Loaded; errors: Errors }) {
  const t = useT();
  const id = `list-${list.key.replace(/\W/g, "-")}`;
  const checkLabel =
    list.kind === "barriers"
      ? t("opening.assessment.page.barrierSeen")
      : list.kind === "factors"
        ? t("opening.assessment.page.factorSeen")
        : null;
  const title =
    list.kind === "barriers"
      ? t("opening.assessment.page.barriers")
      : list.kind === "factors"
        ? t("opening.assessment.page.factors")
        : list.title;
  const body = (
    <>
      {list.heading && (
        <p className="kern-body">
          {list.heading} <SourceLine source={list.source} from={list.headingLine} to={null} />
        </p>
      )}
      <ol className="kern-list opening-items">
        {list.items.map((i) => (
          <li key={i.id}>
            <p className="kern-body">
              {i.text} <SourceLine source={list.source} from={i.lineFrom} to={i.lineTo} />
            </p>
            {d.editable ? (
              <>
                <input type="hidden" name={`item.${i.id}`} value="1" />
                {checkLabel && (
                  <Checkbox
                    name={`checked.${i.id}`}
                    id={`f-checked-${i.id}`}
                    label={checkLabel}
                    defaultChecked={i.checked}
                  />
                )}
                <Field
                  name={`answer.${i.id}`}
                  id={`f-answer-${i.id}`}
                  type="textarea"
                  label={checkLabel ? t("opening.assessment.page.barrierNote") : t("opening.assessment.page.answer")}
                  defaultValue={i.answer ?? ""}
                />
              </>
            ) : (
              <p className="kern-body">
                {checkLabel && i.checked && <strong>{checkLabel}. </strong>}
                {i.answer ?? "–"}
              </p>
            )}
          </li>
        ))}
      </ol>
    </>
  );
  return (
    <Section id={id} title={title}>
      {d.editable ? (
        <ActionForm
          intent="answers"
          hidden={{ list: list.key, phase: d.phase }}
          errors={errors}
          submit={t("opening.assessment.page.saveAnswers")}
        >
          {body}
        </ActionForm>
      ) : (
        body
      )}
    </Section>
  );
}

function Ratings({ d, errors }: { d: Loaded; errors: Errors }) {
  const t = useT();
  const v = d.v;
  const options = [
    ...RATINGS.map((r) => ({ value: r, label: t(`opening.assessment.ratings.${r}`) })),
    { value: "", label: t("opening.assessment.ratings.open") },
  ];
  return (
    <Section id="criteria" title={t("opening.assessment.page.criteria")}>
      <p className="kern-body">{t("opening.assessment.page.criteriaIntro")}</p>
      <p className="kern-body">{t("opening.assessment.page.summary", v.summary)}</p>
      {d.editable ? (
        <ActionForm
          intent="ratings"
          hidden={{ phase: "bestandsaufnahme" }}
          errors={errors}
          submit={t("opening.assessment.page.saveRatings")}
          primary
        >
          <ol className="kern-list opening-items">
            {v.criteria.map((c) => (
              <li key={c.id}>
                <RadioGroup
                  name={`rating.${c.id}`}
                  id={`f-rating-${c.id}`}
                  legend={
                    <>
                      {c.text} <SourceLine source={v.assessment.catalogueSource} from={c.lineFrom} to={c.lineTo} />
                    </>
                  }
                  hint={
                    c.previous && v.previous
                      ? t("opening.assessment.page.previous", {
                          year: v.previous.year,
                          rating: t(`opening.assessment.ratings.${c.previous.rating}`),
                        })
                      : undefined
                  }
                  options={options}
                  defaultValue={c.rating ?? ""}
                  horizontal
                />
                <Field
                  name={`evidence.${c.id}`}
                  id={`f-evidence-${c.id}`}
                  type="textarea"
                  label={t("opening.assessment.page.evidence")}
                  defaultValue={c.evidence ?? ""}
                  error={errors?.[`evidence-${c.id}`]}
                />
              </li>
            ))}
          </ol>
        </ActionForm>
      ) : (
        <Comparison d={d} />
      )}
    </Section>
  );
}

function Comparison({ d }: { d: Loaded }) {
  const t = useT();
  const v = d.v;
  const prevYear = v.previous?.year;
  return (
    <DataTable
      caption={t("opening.assessment.page.comparison")}
      headers={[
        t("opening.assessment.page.criterionColumn"),
        ...(prevYear ? [String(prevYear)] : []),
        String(v.assessment.year),
        t("opening.assessment.page.evidence"),
        ...(prevYear ? [t("opening.assessment.page.change")] : []),
      ]}
    >
      {v.criteria.map((c) => (
        <tr key={c.id} className="kern-table__row">
          <th scope="row" className="kern-table__cell">
            {c.text}
          </th>
          {prevYear && (
            <td className="kern-table__cell">{t(`opening.assessment.ratings.${c.previous?.rating ?? "open"}`)}</td>
          )}
          <td className="kern-table__cell">{t(`opening.assessment.ratings.${c.rating ?? "open"}`)}</td>
          <td className="kern-table__cell">{c.evidence ?? "–"}</td>
          {prevYear && (
            <td className={`kern-table__cell opening-change opening-change--${c.change}`}>
              {t(`opening.assessment.changes.${c.change}`)}
            </td>
          )}
        </tr>
      ))}
    </DataTable>
  );
}

function Prompts({ list, d, errors, errorItem }: { list: ListView; d: Loaded; errors: Errors; errorItem?: unknown }) {
  const t = useT();
  return (
    <Section id="prompts" title={t("opening.assessment.page.prompts")}>
      <p className="kern-body">{t("opening.assessment.page.promptsIntro")}</p>
      {list.items.map((i) => (
        <article key={i.id} className="opening-prompt" aria-labelledby={`prompt-${i.code}`}>
          <h3 id={`prompt-${i.code.replace(/\W/g, "-")}`} className="kern-heading-small">
            {i.text}
          </h3>
          <p className="kern-body">
            {i.detail} <SourceLine source={list.source} from={i.lineFrom} to={i.lineTo} />
          </p>
          {i.notes.length ? (
            <ul className="kern-list">
              {i.notes.map((n, k) => (
                <li key={k}>{n}</li>
              ))}
            </ul>
          ) : (
            <p className="kern-body kern-body--small">{t("opening.assessment.page.noNotes")}</p>
          )}
          {d.editable && (
            <ActionForm
              intent="note"
              hidden={{ itemId: i.id, phase: d.phase }}
              errors={errorItem === i.id ? errors : undefined}
              submit={t("opening.assessment.page.addNote")}
            >
              <Field name="note" id={`f-note-${i.id}`} label={t("opening.assessment.page.note")} required />
            </ActionForm>
          )}
        </article>
      ))}
    </Section>
  );
}

function ActionPlan({ d, errors, intent }: { d: Loaded; errors: Errors; intent?: string }) {
  const t = useT();
  const fmt = useFormat();
  const v = d.v;
  return (
    <Section id="actions" title={t("opening.assessment.page.actions")}>
      {v.actions.length === 0 && <p className="kern-body">{t("opening.assessment.page.noActions")}</p>}
      {v.actions.map((x) => (
        <article key={x.id} className="opening-action" aria-labelledby={`action-${x.id}`}>
          <h3 id={`action-${x.id}`} className="kern-heading-small">
            {x.title}
          </h3>
          <dl className="opening-facts">
            <dt>{t("opening.assessment.page.owner")}</dt>
            <dd>{x.owner}</dd>
            <dt>{t("opening.assessment.page.status")}</dt>
            <dd>{t(`opening.assessment.actionStatuses.${x.status}`)}</dd>
            {x.criterion && (
              <>
                <dt>{t("opening.assessment.page.criterion")}</dt>
                <dd>{x.criterion}</dd>
              </>
            )}
            {x.conceptMeasure && (
              <>
                <dt>{t("opening.assessment.page.conceptMeasure")}</dt>
                <dd>
                  <Link className="kern-link" to={`/t/${d.slug}/verwaltung/massnahmen/${x.conceptMeasure.id}`}>
                    {x.conceptMeasure.code} {x.conceptMeasure.title}
                  </Link>
                </dd>
              </>
            )}
          </dl>
          <h4 className="kern-heading-small">{t("opening.assessment.page.milestones")}</h4>
          <ul className="kern-list">
            {x.milestones.map((m) => (
              <li key={m.id}>
                {m.title} –{" "}
                {m.doneOn
                  ? t("opening.assessment.page.done", { date: fmt.date(m.doneOn) })
                  : t("opening.assessment.page.due", { date: fmt.date(m.dueOn) })}
                {d.editable && !m.doneOn && (
                  <ActionForm
                    intent="milestoneDone"
                    hidden={{ milestoneId: m.id, phase: "massnahmen" }}
                    submit={t("opening.assessment.page.markDone")}
                  >
                    <Field
                      name="doneOn"
                      id={`f-doneOn-${m.id}`}
                      type="date"
                      label={t("opening.assessment.page.doneOn")}
                      defaultValue={d.today}
                      required
                    />
                  </ActionForm>
                )}
              </li>
            ))}
          </ul>
          {d.editable && (
            <>
              <ActionForm
                intent="status"
                hidden={{ actionId: x.id, phase: "massnahmen" }}
                errors={intent === "status" ? errors : undefined}
                submit={t("opening.assessment.page.saveStatus")}
              >
                <Select
                  name="status"
                  id={`f-status-${x.id}`}
                  label={t("opening.assessment.page.status")}
                  options={ACTION_STATUSES.map((s) => ({
                    value: s,
                    label: t(`opening.assessment.actionStatuses.${s}`),
                  }))}
                  defaultValue={x.status}
                  required
                />
              </ActionForm>
              <ActionForm
                intent="milestone"
                hidden={{ actionId: x.id, phase: "massnahmen" }}
                errors={intent === "milestone" ? errors : undefined}
                submit={t("opening.assessment.page.addMilestone")}
              >
                <Field
                  name="title"
                  id={`f-ms-title-${x.id}`}
                  label={t("opening.assessment.page.milestones")}
                  required
                />
                <Field
                  name="dueOn"
                  id={`f-ms-due-${x.id}`}
                  type="date"
                  label={t("opening.assessment.page.milestoneDue")}
                  required
                />
              </ActionForm>
            </>
          )}
        </article>
      ))}
      {d.editable && (
        <ActionForm
          intent="action"
          hidden={{ phase: "massnahmen" }}
          heading={t("opening.assessment.page.addAction")}
          headingId="add-action"
          errors={intent === "action" ? errors : undefined}
          submit={t("opening.assessment.page.addAction")}
          primary
        >
          <Field name="title" label={t("opening.assessment.page.actionTitle")} required error={errors?.title} />
          <Field
            name="owner"
            label={t("opening.assessment.page.owner")}
            hint={t("opening.assessment.page.ownerHint")}
            required
            error={errors?.owner}
          />
          <Select
            name="itemId"
            label={t("opening.assessment.page.criterion")}
            options={[
              { value: "", label: t("opening.assessment.page.noCriterion") },
              ...v.criteria.map((c) => ({ value: c.id, label: c.text })),
            ]}
            error={errors?.itemId}
          />
          <Select
            name="conceptMeasureId"
            label={t("opening.assessment.page.conceptMeasure")}
            options={[{ value: "", label: t("opening.assessment.page.noConceptMeasure") }, ...d.measures]}
            error={errors?.conceptMeasureId}
          />
          <Field
            name="milestoneTitle"
            label={t("opening.assessment.page.milestoneTitle")}
            error={errors?.milestoneTitle}
          />
          <Field
            name="milestoneDue"
            type="date"
            label={t("opening.assessment.page.milestoneDue")}
            error={errors?.milestoneDue}
          />
        </ActionForm>
      )}
    </Section>
  );
}

export default function AssessmentPage({ loaderData: loaded, actionData: ad }: Route.ComponentProps) {
  const t = useT();
  const d = { ...loaded, phase: ad?.phase ?? loaded.phase };
  const fmt = useFormat();
  const v = d.v;
  const a = v.assessment;
  const errorsFor = (...intents: string[]) =>
    ad && intents.includes(ad.intent) ? ((ad.errors as Record<string, string>) ?? undefined) : undefined;
  const base = `/t/${d.slug}/verwaltung/oeffnung/bewertung/${a.id}`;
  const lists = (phase: Phase) => v.lists.filter((l) => l.phase === phase);
  const list = (key: string) => v.lists.find((l) => l.key === key);
  const title = t("opening.assessment.page.title", { organisation: a.organisation, year: a.year });
  const barriers = list("zugangsbarrieren");
  const factors = list("erfolgsfaktoren");
  const prompts = list("widerstaende");
  const answerErrors = errorsFor("answers");
  return (
    <div key={d.view}>
      <PageTitle>{title}</PageTitle>
      <p>
        <Link className="kern-link" to={`/t/${d.slug}/verwaltung/oeffnung/bewertung`}>
          {t("opening.assessment.page.back")}
        </Link>
      </p>
      <h1 className="kern-heading-large">{title}</h1>
      {a.unit && <p className="kern-body">{t("opening.assessment.page.unit", { unit: a.unit })}</p>}
      <p className="kern-body kern-body--small">{a.catalogue}</p>
      {a.isDemo && <Alert kind="info">{t("opening.assessment.page.demo")}</Alert>}
      {d.done && (
        <Alert kind="success">{t(`opening.assessment.page.${d.done === "completed" ? "saved" : d.done}`)}</Alert>
      )}
      {a.completedOn && (
        <Alert kind="info">{t("opening.assessment.page.completedNote", { date: fmt.date(a.completedOn) })}</Alert>
      )}
      {!d.editable && !a.completedOn && <p className="kern-body">{t("opening.assessment.page.readOnly")}</p>}
      {errorsFor("phase", "complete", "reassess")?._form && (
        <Alert kind="danger">{errorsFor("phase", "complete", "reassess")!._form}</Alert>
      )}

      <nav aria-labelledby="cycle" className="opening-cycle">
        <h2 id="cycle" className="kern-heading-small">
          {t("opening.assessment.page.cycle")}
        </h2>
        <ol className="kern-list">
          {PHASES.map((p) => (
            <li key={p}>
              <Link className="kern-link" to={`${base}?phase=${p}`} aria-current={p === d.phase ? "step" : undefined}>
                {t(`opening.assessment.phases.${p}`)}
              </Link>
              {p === a.phase && <span className="kern-body--small"> {t("opening.assessment.page.current")}</span>}
            </li>
          ))}
        </ol>
      </nav>

      <h2 className="kern-heading-medium">{t(`opening.assessment.phases.${d.phase}`)}</h2>
      {d.editable && d.phase !== a.phase && (
        <ActionForm intent="phase" hidden={{ phase: d.phase }} submit={t("opening.assessment.page.setPhase")}>
          {null}
        </ActionForm>
      )}

      {d.phase === "leitbild" && (
        <Section id="mission" title={t("opening.assessment.page.mission")}>
          {d.editable ? (
            <ActionForm
              intent="mission"
              hidden={{ phase: d.phase }}
              errors={errorsFor("mission")}
              submit={t("opening.assessment.page.saveMission")}
            >
              <Field
                name="mission"
                type="textarea"
                label={t("opening.assessment.page.mission")}
                hint={t("opening.assessment.page.missionHint")}
                defaultValue={a.mission ?? ""}
              />
            </ActionForm>
          ) : (
            <p className="kern-body">{a.mission ?? "–"}</p>
          )}
        </Section>
      )}
      {lists(d.phase).map((l) => (
        <ListForm key={l.key} list={l} d={d} errors={answerErrors} />
      ))}
      {d.phase === "bestandsaufnahme" && (
        <>
          {barriers && <ListForm list={barriers} d={d} errors={answerErrors} />}
          <Ratings d={d} errors={errorsFor("ratings")} />
          {prompts && <Prompts list={prompts} d={d} errors={errorsFor("note")} errorItem={ad?.values?.itemId} />}
        </>
      )}
      {d.phase === "massnahmen" && (
        <ActionPlan d={d} errors={errorsFor("action", "milestone", "milestoneDone", "status")} intent={ad?.intent} />
      )}
      {d.phase === "evaluation" && (
        <>
          {factors && <ListForm list={factors} d={d} errors={answerErrors} />}
          <Section id="comparison" title={t("opening.assessment.page.comparison")}>
            {!v.previous && <p className="kern-body">{t("opening.assessment.page.noPrevious")}</p>}
            <Comparison d={d} />
          </Section>
          {d.editable && (
            <ActionForm
              intent="complete"
              hidden={{ phase: "evaluation" }}
              submit={t("opening.assessment.page.complete")}
              errors={errorsFor("complete")}
            >
              <p className="kern-body">{t("opening.assessment.page.completeHint")}</p>
            </ActionForm>
          )}
          {d.mayReassess && a.completedOn && (
            <ActionForm
              intent="reassess"
              hidden={{ phase: "evaluation" }}
              submit={t("opening.assessment.page.reassess")}
              errors={errorsFor("reassess")}
            >
              <p className="kern-body">{t("opening.assessment.page.reassessHint")}</p>
            </ActionForm>
          )}
        </>
      )}
    </div>
  );
}
