import "./strings";
import { labelled } from "~/kernel/taxonomy/label";
import { TermList } from "~/kernel/ui/terms";
import { data, Link, redirect } from "react-router";
import type { Route } from "./+types/staff-measure";
import { failureErrors, fieldErrors, tenantContext, tenantTx, tFor } from "~/kernel/http/context";
import {
  ActionForm,
  Alert,
  Checkbox,
  ErrorSummary,
  Field,
  formValues,
  PageTitle,
  Select,
  SubmittedValues,
  valueOf,
  type FormValues,
  PostForm,
} from "~/kernel/ui/forms";
import { useFormat, useT } from "~/kernel/ui/hooks";
import { isFinished, MEASURE_TRANSITIONS } from "../constants";
import { getEdition, listHandlungsfelder } from "../services/concept";
import {
  addMilestone,
  cancelMilestone,
  changeMeasureStatus,
  completeMilestone,
  deleteMeasure,
  deleteMilestone,
  getMeasureDetail,
  isOpenMilestone,
  MilestoneInput,
  postUpdate,
  QUIET_MEASURE_STATUSES,
  reviewUpdate,
  timeline,
  updateMilestone,
  UpdateInput,
  type MilestoneResolution,
} from "../services/measures";
import {
  measureEvidence,
  measureProvenance,
  parseDate,
  parseGermanNumber,
  requireMeasureAccess,
  text,
} from "../http.server";
import { linkMeasure, papersOfMeasure } from "../services/papers";
import { listPapers } from "~/modules/bodies";
import { CarryTag, ExampleNote, MeasureEvidence, MeasureHistory, MeasureProvenance, Progress, StatusTag } from "../ui";
import { carryStateOf, endCarriedMeasure, measureHistory } from "../services/fortschreibung";
import { todayBerlin } from "~/kernel/dates";

export async function loader({ params, context, request }: Route.LoaderArgs) {
  const { who } = await requireMeasureAccess(context, params.id);
  const { tenant } = context.get(tenantContext);
  return tenantTx(context, async (tx) => {
    const d = (await getMeasureDetail(tx, params.id))!;
    const e = (await getEdition(tx, d.measure.editionId))!;
    const hf = new Map((await listHandlungsfelder(tx)).map((h) => [h.id, labelled(h)]));
    // A partner sees the reports of their own organisation and the published ones, never internal notes.
    const ups = who.isViewer
      ? d.updates
      : d.updates.filter((u) => u.status === "veroeffentlicht" || u.organisationId === who.organisationId);
    const q = new URL(request.url).searchParams;
    return {
      slug: tenant.slug,
      // Set by the measure form's redirect after saving.
      notice: q.has("gespeichert") ? "measureSaved" : q.has("neu") ? "measureCreated" : null,
      canEdit: who.isEditor,
      // postUpdate's rule: editors, and partners (who reach this page only for their own measures).
      // A viewer reads; a form that always fails is not offered (issue 18).
      canReport: who.isEditor || who.role === "partner",
      // A proposed or adopted measure's report is public only when staff tick "öffentlich zeigen".
      quiet: (QUIET_MEASURE_STATUSES as readonly string[]).includes(d.measure.status),
      edition: { id: e.id, title: e.title, status: e.status },
      m: {
        ...d.item,
        handlungsfelder: d.item.handlungsfeldIds.flatMap((h) => hf.get(h) ?? []),
        internalNote: who.isViewer ? d.item.internalNote : null,
      },
      transitions: MEASURE_TRANSITIONS[d.measure.status],
      // The status form asks what became of each open milestone when the measure may be finished.
      finishing: MEASURE_TRANSITIONS[d.measure.status].some(isFinished),
      milestones: d.milestones.map((x) => ({
        id: x.id,
        title: x.title,
        dueOn: x.dueOn,
        doneOn: x.doneOn,
        cancelledOn: x.cancelledOn,
        open: isOpenMilestone(x),
      })),
      // Editing and deleting rewrite the record: only in a draft edition (Entwurf).
      isDraft: e.status === "entwurf",
      canDelete: who.isEditor && e.status === "entwurf" && !d.measure.predecessorId,
      updates: ups.map((u) => ({
        id: u.id,
        reportedOn: u.reportedOn,
        body: u.body,
        progress: u.progress,
        status: u.status,
        author: u.authorLabel,
        reviewNote: u.reviewNote,
        isExample: u.isExample,
      })),
      timeline: timeline({ ...d, updates: ups }),
      // What the measure brings from earlier editions; a partner sees only its public part.
      history: await measureHistory(tx, d.measure.id, { publicOnly: !who.isViewer }),
      carryState: await carryStateOf(tx, d.measure, e),
      // A carried measure of a draft can be ended there: the new edition does not continue it.
      canEnd: who.isEditor && !!d.measure.predecessorId && (e.status === "entwurf" || e.status === "in_beratung"),
      provenance: await measureProvenance(context, tx, d.measure.id, e.id, false),
      evidence: await measureEvidence(context, tx, d.measure.id, false).then((x) =>
        who.isEditor ? x : { ...x, editPath: null },
      ),
      submissions: who.isViewer ? await papersOfMeasure(tx, params.id) : [],
      allSubmissions: who.isEditor
        ? (await listPapers(tx)).map((x) => ({ value: x.id, label: `${x.number}: ${x.title}` }))
        : [],
    };
  });
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { who } = await requireMeasureAccess(context, params.id);
  const t = tFor(context);
  const f = await request.formData();
  const intent = String(f.get("intent") ?? "");
  const editorOnly = [
    "status",
    "milestone",
    "milestoneDone",
    "milestoneCancel",
    "milestoneEdit",
    "milestoneDelete",
    "deleteMeasure",
    "publish",
    "reject",
    "link",
    "end",
  ];
  if (editorOnly.includes(intent) && !who.isEditor) throw data({ message: t("errors.forbidden") }, { status: 403 });
  const fail = (errors: Record<string, string>) =>
    data({ intent, errors, values: formValues(f) as FormValues | null, ok: null as string | null }, { status: 400 });
  const done = (msg: string) => ({ intent, errors: null, values: null, ok: msg });
  if (intent === "status") {
    if (!f.get("to")) return fail({ status: t("concept.errors.measureStatusMissing") });
    // One select per open milestone, "ms-<id>": done, cancelled or left open (empty).
    const resolutions: Record<string, MilestoneResolution> = {};
    for (const [k, v] of f.entries())
      if (k.startsWith("ms-") && (v === "done" || v === "cancelled")) resolutions[k.slice(3)] = v;
    const r = await tenantTx(context, (tx) =>
      changeMeasureStatus(
        tx,
        params.id,
        String(f.get("to") ?? ""),
        String(f.get("reason") ?? ""),
        parseDate(f.get("changedOn")) ?? undefined,
        { milestones: resolutions },
      ),
    );
    return r.ok ? done(t("concept.detail.statusChanged")) : fail(failureErrors(context, r));
  }
  if (intent === "milestone") {
    const p = MilestoneInput.safeParse({ title: f.get("title"), dueOn: parseDate(f.get("dueOn")) ?? "" });
    if (!p.success) return fail(fieldErrors(context, p.error.issues));
    const r = await tenantTx(context, (tx) => addMilestone(tx, params.id, p.data));
    return r.ok ? done(t("concept.detail.milestoneAdded")) : fail(failureErrors(context, r));
  }
  if (intent === "milestoneDone") {
    const r = await tenantTx(context, (tx) =>
      completeMilestone(tx, String(f.get("milestoneId") ?? ""), parseDate(f.get("doneOn")) ?? todayBerlin()),
    );
    return r.ok ? done(t("concept.detail.milestoneDone")) : fail(failureErrors(context, r));
  }
  if (intent === "milestoneCancel") {
    const r = await tenantTx(context, (tx) =>
      cancelMilestone(tx, String(f.get("milestoneId") ?? ""), parseDate(f.get("cancelledOn")) ?? todayBerlin()),
    );
    return r.ok ? done(t("concept.detail.milestoneCancelled")) : fail(failureErrors(context, r));
  }
  if (intent === "milestoneEdit") {
    const p = MilestoneInput.safeParse({ title: f.get("title"), dueOn: parseDate(f.get("dueOn")) ?? "" });
    if (!p.success) return fail(fieldErrors(context, p.error.issues));
    const r = await tenantTx(context, (tx) => updateMilestone(tx, String(f.get("milestoneId") ?? ""), p.data));
    return r.ok ? done(t("concept.detail.milestoneSaved")) : fail(failureErrors(context, r));
  }
  if (intent === "milestoneDelete") {
    const r = await tenantTx(context, (tx) => deleteMilestone(tx, String(f.get("milestoneId") ?? "")));
    return r.ok ? done(t("concept.detail.milestoneDeleted")) : fail(failureErrors(context, r));
  }
  if (intent === "deleteMeasure") {
    if (f.get("confirm") !== "1") return fail({ confirm: t("concept.errors.confirmDelete") });
    const r = await tenantTx(context, (tx) => deleteMeasure(tx, params.id));
    if (!r.ok) return fail(failureErrors(context, r));
    const { tenant } = context.get(tenantContext);
    return redirect(`/t/${tenant.slug}/verwaltung/massnahmen?fassung=${r.value.editionId}&geloescht=1`);
  }
  if (intent === "update") {
    const p = UpdateInput.safeParse({
      reportedOn: parseDate(f.get("reportedOn")) ?? "",
      body: f.get("body"),
      progress: parseGermanNumber(f.get("progress")),
    });
    if (!p.success) return fail(fieldErrors(context, p.error.issues));
    const r = await tenantTx(context, (tx) =>
      postUpdate(
        tx,
        params.id,
        p.data,
        {
          userId: who.userId,
          label: who.label,
          role: who.role ?? "",
          organisationId: who.organisationId,
        },
        { showPublicly: f.get("showPublicly") === "1" },
      ),
    );
    if (!r.ok) return fail(failureErrors(context, r));
    return done(
      r.value.status === "eingereicht" ? t("concept.detail.updateSubmitted") : t("concept.detail.updatePublished"),
    );
  }
  if (intent === "end") {
    const r = await tenantTx(context, (tx) => endCarriedMeasure(tx, params.id, String(f.get("reason") ?? "")));
    if (!r.ok) return fail(failureErrors(context, r));
    const { tenant } = context.get(tenantContext);
    return redirect(`/t/${tenant.slug}/verwaltung/konzept?fassung=${r.value.editionId}`);
  }
  if (intent === "link") {
    const r = await tenantTx(context, (tx) => linkMeasure(tx, String(f.get("submissionId") ?? ""), params.id));
    return r.ok ? done(t("concept.detail.linked")) : fail(failureErrors(context, r));
  }
  if (intent === "publish" || intent === "reject") {
    const r = await tenantTx(context, (tx) =>
      reviewUpdate(tx, String(f.get("updateId") ?? ""), intent, who.label, text(f.get("reviewNote"))),
    );
    return r.ok
      ? done(intent === "publish" ? t("concept.detail.updatePublished") : t("concept.detail.updateRejected"))
      : fail(failureErrors(context, r));
  }
  return fail({ _form: t("concept.errors.unknownAction") });
}

export default function MeasurePage({ loaderData: d, actionData: a }: Route.ComponentProps) {
  const t = useT();
  const fmt = useFormat();
  const m = d.m;
  const err = (intent: string) =>
    a?.intent === intent ? ((a.errors as Record<string, string> | null) ?? undefined) : undefined;
  // A milestone's edit or delete error belongs to that milestone's form alone.
  const msErr = (intent: string, id: string) =>
    a?.intent === intent && a.values && valueOf(a.values, "milestoneId") === id ? err(intent) : undefined;
  // A rejection without a reason belongs to one report of the list; only that one shows it.
  const rejected = (updateId: string) =>
    a?.intent === "reject" && a.values && valueOf(a.values, "updateId") === updateId ? a : null;
  return (
    <>
      <PageTitle>{m.title}</PageTitle>
      <p>
        <Link className="kern-link" to={`/t/${d.slug}/verwaltung/massnahmen?fassung=${d.edition.id}`}>
          {t("concept.detail.back")}
        </Link>
      </p>
      <h1 className="kern-heading-large">{m.title}</h1>
      <p className="kern-body">
        {m.code} · <StatusTag status={m.status} /> · <Progress value={m.progress} label={t("concept.progress")} /> ·{" "}
        {d.edition.title}
        {d.carryState && <CarryTag state={d.carryState} label={t(`concept.carry.state.${d.carryState}`)} />}
      </p>
      <ExampleNote note={m.exampleNote} />
      {a?.ok && <Alert kind="success">{a.ok}</Alert>}
      {!a && d.notice && <Alert kind="success">{t(`concept.detail.${d.notice}`)}</Alert>}
      {d.canEdit && (
        <p>
          <Link className="kern-link" to={`/t/${d.slug}/verwaltung/massnahmen/${m.id}/bearbeiten`}>
            {t("concept.detail.edit")}
          </Link>
        </p>
      )}
      {m.description && <p className="kern-body">{m.description}</p>}
      <dl className="concept-facts">
        <dt>{t("concept.measure.goals")}</dt>
        <dd>{m.goalRefs.join(", ")}</dd>
        <dt>{t("concept.measure.handlungsfelder")}</dt>
        <dd>
          <TermList terms={m.handlungsfelder} />
        </dd>
        <dt>{t("concept.measure.lead")}</dt>
        <dd>{m.lead?.name ?? "–"}</dd>
        <dt>{t("concept.measure.partners")}</dt>
        <dd>{m.partners.map((p) => p.name).join(", ") || "–"}</dd>
        <dt>{t("concept.measure.period")}</dt>
        <dd>
          {fmt.date(m.startsOn)} – {fmt.date(m.endsOn)}
        </dd>
        <dt>{t("concept.measure.targetGroups")}</dt>
        <dd>{m.targetGroups ?? "–"}</dd>
        <dt>{t("concept.measure.quantitativeTarget")}</dt>
        <dd>{m.quantitativeTarget ?? "–"}</dd>
        <dt>{t("concept.measure.budget")}</dt>
        <dd>{m.budget == null ? "–" : `${fmt.number(m.budget, 2)} €`}</dd>
        {m.internalNote && (
          <>
            <dt>{t("concept.measure.internalNote")}</dt>
            <dd>{m.internalNote}</dd>
          </>
        )}
      </dl>

      {d.canEdit && (
        <section aria-labelledby="sec-status">
          <h2 id="sec-status" className="kern-heading-medium">
            {t("concept.detail.changeStatus")}
          </h2>
          {d.transitions.length === 0 ? (
            <p className="kern-body">{t("concept.detail.final")}</p>
          ) : (
            <PostForm className="form-grid">
              <input type="hidden" name="intent" value="status" />
              <ErrorSummary errors={err("status")} />
              <SubmittedValues values={a?.intent === "status" ? a.values : null}>
                <Select
                  name="to"
                  id="f-status"
                  label={t("concept.detail.newStatus")}
                  required
                  defaultValue=""
                  // Not preselected: the first allowed step (often "beendet") must be a choice.
                  options={[
                    { value: "", label: t("concept.overview.chooseStatus") },
                    ...d.transitions.map((s) => ({ value: s, label: t(`concept.status.${s}`) })),
                  ]}
                  error={err("status")?.status}
                />
                <Field name="reason" label={t("concept.detail.reason")} required error={err("status")?.reason} />
                <Field
                  name="changedOn"
                  label={t("concept.detail.changedOn")}
                  hint={t("concept.form.dateHint")}
                  error={err("status")?.changedOn}
                />
                {d.finishing && d.milestones.some((x) => x.open) && (
                  <fieldset className="kern-fieldset" id="f-milestones" tabIndex={-1}>
                    <legend className="kern-label">{t("concept.detail.openMilestones")}</legend>
                    <p className="kern-hint">{t("concept.detail.openMilestonesHint")}</p>
                    {err("status")?.milestones && (
                      <p className="kern-error" role="alert">
                        {err("status")!.milestones}
                      </p>
                    )}
                    <div className="kern-fieldset__body">
                      {d.milestones
                        .filter((x) => x.open)
                        .map((x) => (
                          <Select
                            key={x.id}
                            name={`ms-${x.id}`}
                            label={t("concept.detail.milestoneDue", { title: x.title, date: fmt.date(x.dueOn) })}
                            options={[
                              { value: "", label: t("concept.detail.resolveOpen") },
                              { value: "done", label: t("concept.detail.resolveDone") },
                              { value: "cancelled", label: t("concept.detail.resolveCancelled") },
                            ]}
                          />
                        ))}
                    </div>
                  </fieldset>
                )}
              </SubmittedValues>
              <div>
                <button type="submit" className="kern-btn kern-btn--primary">
                  <span className="kern-label">{t("concept.detail.changeStatus")}</span>
                </button>
              </div>
            </PostForm>
          )}
        </section>
      )}

      {d.canEnd && (
        <section aria-labelledby="sec-end">
          <h2 id="sec-end" className="kern-heading-medium">
            {t("concept.carry.endTitle")}
          </h2>
          <p className="kern-body">{t("concept.carry.endHint", { edition: d.edition.title })}</p>
          <PostForm className="form-grid">
            <input type="hidden" name="intent" value="end" />
            <ErrorSummary errors={err("end")} />
            <SubmittedValues values={a?.intent === "end" ? a.values : null}>
              <Field
                name="reason"
                type="textarea"
                label={t("concept.carry.endReason")}
                required
                error={err("end")?.reason}
              />
            </SubmittedValues>
            <div>
              <button type="submit" className="kern-btn kern-btn--secondary">
                <span className="kern-label">{t("concept.carry.endSubmit")}</span>
              </button>
            </div>
          </PostForm>
        </section>
      )}

      {d.canDelete && (
        <section aria-labelledby="sec-delete">
          <h2 id="sec-delete" className="kern-heading-medium">
            {t("concept.detail.deleteTitle")}
          </h2>
          <ActionForm
            intent="deleteMeasure"
            errors={err("deleteMeasure")}
            submit={t("concept.detail.deleteSubmit", { code: m.code })}
          >
            <p className="kern-body">{t("concept.detail.deleteHint", { edition: d.edition.title })}</p>
            <Checkbox name="confirm" id="f-confirm" label={t("concept.detail.deleteConfirm", { code: m.code })} />
          </ActionForm>
        </section>
      )}

      <section aria-labelledby="sec-ms">
        <h2 id="sec-ms" className="kern-heading-medium">
          {t("concept.measure.milestones")}
        </h2>
        {d.milestones.length === 0 ? (
          <p className="kern-body">{t("concept.measure.noMilestones")}</p>
        ) : (
          <ul>
            {d.milestones.map((x) => (
              <li key={x.id}>
                {fmt.date(x.dueOn)}: {x.title}{" "}
                {x.doneOn
                  ? `(${t("concept.measure.doneOn", { date: fmt.date(x.doneOn) })})`
                  : x.cancelledOn
                    ? `(${t("concept.measure.cancelledOn", { date: fmt.date(x.cancelledOn) })})`
                    : ""}
                {x.open && d.canEdit && (
                  <>
                    <PostForm className="inline-form">
                      <input type="hidden" name="intent" value="milestoneDone" />
                      <input type="hidden" name="milestoneId" value={x.id} />
                      <button type="submit" className="kern-btn kern-btn--tertiary">
                        <span className="kern-label">{t("concept.detail.markDone", { title: x.title })}</span>
                      </button>
                    </PostForm>
                    <PostForm className="inline-form">
                      <input type="hidden" name="intent" value="milestoneCancel" />
                      <input type="hidden" name="milestoneId" value={x.id} />
                      <button type="submit" className="kern-btn kern-btn--tertiary">
                        <span className="kern-label">{t("concept.detail.markCancelled", { title: x.title })}</span>
                      </button>
                    </PostForm>
                  </>
                )}
                {d.canEdit && d.isDraft && (
                  <details className="concept-milestone-edit">
                    <summary>{t("concept.detail.editMilestone", { title: x.title })}</summary>
                    <ActionForm
                      intent="milestoneEdit"
                      hidden={{ milestoneId: x.id }}
                      idPrefix={`${x.id}-`}
                      errors={msErr("milestoneEdit", x.id)}
                      submit={t("concept.detail.saveMilestone")}
                    >
                      <Field
                        name="title"
                        label={t("concept.detail.editMilestoneTitle")}
                        required
                        defaultValue={x.title}
                        error={msErr("milestoneEdit", x.id)?.title}
                      />
                      <Field
                        name="dueOn"
                        label={t("concept.detail.editMilestoneDue")}
                        required
                        hint={t("concept.form.dateHint")}
                        defaultValue={x.dueOn.split("-").reverse().join(".")}
                        error={msErr("milestoneEdit", x.id)?.dueOn}
                        inputMode="numeric"
                      />
                    </ActionForm>
                    <ActionForm
                      intent="milestoneDelete"
                      hidden={{ milestoneId: x.id }}
                      errors={msErr("milestoneDelete", x.id)}
                      submit={t("concept.detail.deleteMilestone", { title: x.title })}
                    >
                      <p className="kern-body">{t("concept.detail.deleteMilestoneHint")}</p>
                    </ActionForm>
                  </details>
                )}
              </li>
            ))}
          </ul>
        )}
        {(err("milestoneDone") || err("milestoneCancel")) && (
          <ErrorSummary errors={err("milestoneDone") ?? err("milestoneCancel")} />
        )}
        {d.canEdit && (
          <ActionForm
            intent="milestone"
            errors={err("milestone")}
            submit={t("concept.detail.addMilestone")}
            primary
            heading={t("concept.detail.newMilestone")}
            headingId="h-new-ms"
          >
            <Field name="title" label={t("concept.detail.milestoneTitle")} required error={err("milestone")?.title} />
            <Field
              name="dueOn"
              label={t("concept.detail.dueOn")}
              required
              hint={t("concept.form.dateHint")}
              error={err("milestone")?.dueOn}
              inputMode="numeric"
            />
          </ActionForm>
        )}
      </section>

      <section aria-labelledby="sec-up">
        <h2 id="sec-up" className="kern-heading-medium">
          {t("concept.measure.updates")}
        </h2>
        {d.updates.length === 0 ? (
          <p className="kern-body">{t("concept.measure.noUpdates")}</p>
        ) : (
          <ul className="concept-updates">
            {d.updates.map((u) => (
              <li key={u.id}>
                <p className="kern-body">
                  <strong>{t("concept.measure.stateOf", { date: fmt.date(u.reportedOn) })}</strong> · {u.author} ·{" "}
                  {t(`concept.updateStatus.${u.status}`)}
                  {u.isExample ? ` · ${t("concept.exampleShort")}` : ""}
                </p>
                <p className="kern-body">{u.body}</p>
                {u.reviewNote && (
                  <p className="kern-body">
                    {t("concept.detail.reviewNote")}: {u.reviewNote}
                  </p>
                )}
                {d.canEdit && u.status === "eingereicht" && (
                  <PostForm className="actions">
                    <input type="hidden" name="updateId" value={u.id} />
                    <div className="kern-form-input">
                      <label className="kern-label" htmlFor={`rn-${u.id}`}>
                        {t("concept.detail.reviewNote")}
                        <span className="kern-label__optional"> – {t("concept.detail.reviewNoteHint")}</span>
                      </label>
                      {rejected(u.id)?.errors?.reviewNote && (
                        <p className="kern-error" role="alert">
                          {rejected(u.id)!.errors!.reviewNote}
                        </p>
                      )}
                      <input
                        className="kern-form-input__input"
                        id={`rn-${u.id}`}
                        name="reviewNote"
                        defaultValue={valueOf(rejected(u.id)?.values ?? {}, "reviewNote")}
                      />
                    </div>
                    <button type="submit" name="intent" value="publish" className="kern-btn kern-btn--primary">
                      <span className="kern-label">{t("concept.detail.publish")}</span>
                    </button>
                    <button type="submit" name="intent" value="reject" className="kern-btn kern-btn--secondary">
                      <span className="kern-label">{t("concept.detail.reject")}</span>
                    </button>
                  </PostForm>
                )}
              </li>
            ))}
          </ul>
        )}
        {d.canReport && (
          <ActionForm
            intent="update"
            errors={err("update")}
            submit={t("concept.detail.sendUpdate")}
            primary
            heading={t("concept.detail.newUpdate")}
            headingId="h-new-up"
          >
            <Field
              name="reportedOn"
              label={t("concept.detail.reportedOn")}
              required
              hint={t("concept.form.dateHint")}
              error={err("update")?.reportedOn}
              inputMode="numeric"
            />
            <Field
              name="body"
              type="textarea"
              label={t("concept.detail.updateBody")}
              required
              error={err("update")?.body}
            />
            <Field
              name="progress"
              label={t("concept.progressPercent")}
              error={err("update")?.progress}
              inputMode="numeric"
            />
            {d.canEdit && d.quiet && (
              <>
                <p className="kern-hint">{t("concept.detail.showPubliclyHint")}</p>
                <Checkbox name="showPublicly" label={t("concept.detail.showPublicly")} />
              </>
            )}
          </ActionForm>
        )}
      </section>

      {(d.submissions.length > 0 || d.canEdit) && (
        <section aria-labelledby="sec-sub">
          <h2 id="sec-sub" className="kern-heading-medium">
            {t("concept.submissions.title")}
          </h2>
          {d.submissions.length === 0 ? (
            <p className="kern-body">{t("concept.detail.noSubmissions")}</p>
          ) : (
            <ul>
              {d.submissions.map((x) => (
                <li key={x.id}>
                  {`${x.number}: ${x.title}`} ({fmt.date(x.submittedOn)})
                </li>
              ))}
            </ul>
          )}
          {d.canEdit && d.allSubmissions.length > 0 && (
            <PostForm className="form-grid">
              <input type="hidden" name="intent" value="link" />
              <ErrorSummary errors={err("link")} />
              <SubmittedValues values={a?.intent === "link" ? a.values : null}>
                <Select
                  name="submissionId"
                  label={t("concept.detail.linkSubmission")}
                  required
                  options={d.allSubmissions}
                  error={err("link")?.submissionId}
                />
              </SubmittedValues>
              <div>
                <button type="submit" className="kern-btn kern-btn--secondary">
                  <span className="kern-label">{t("concept.detail.link")}</span>
                </button>
              </div>
            </PostForm>
          )}
        </section>
      )}

      <MeasureProvenance p={d.provenance} slug={d.slug} />
      <MeasureEvidence e={d.evidence} slug={d.slug} />

      <section aria-labelledby="sec-tl">
        <h2 id="sec-tl" className="kern-heading-medium">
          {t("concept.detail.timeline")}
        </h2>
        <ol className="concept-timeline">
          {d.timeline.map((e, i) => (
            <li key={i}>
              <strong>{fmt.date(e.date)}</strong> –{" "}
              {e.kind === "status"
                ? t("concept.detail.tlStatus", { to: t(`concept.status.${e.title}`), reason: e.detail, who: e.who })
                : e.kind === "milestone"
                  ? t(
                      e.state === "done"
                        ? "concept.detail.tlMilestoneDone"
                        : e.state === "cancelled"
                          ? "concept.detail.tlMilestoneCancelled"
                          : "concept.detail.tlMilestone",
                      {
                        title: e.title,
                      },
                    )
                  : t("concept.detail.tlUpdate", { who: e.who, state: t(`concept.updateStatus.${e.state}`) })}
            </li>
          ))}
        </ol>
      </section>
      <MeasureHistory h={d.history} measurePath={(id) => `/t/${d.slug}/verwaltung/massnahmen/${id}`} />
    </>
  );
}
