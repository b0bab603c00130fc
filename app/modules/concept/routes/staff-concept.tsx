import "./strings";
import { Fragment } from "react";
import { data, Link, useActionData } from "react-router";
import { Content, withContent } from "~/kernel/ui/content";
import { z } from "zod";
import type { Route } from "./+types/staff-concept";
import { adoptingDecision } from "~/modules/bodies";
import { failureErrors, fieldErrors, requireRole, tenantContext, tenantTx, tFor } from "~/kernel/http/context";
import {
  ActionForm,
  Alert,
  Checkbox,
  ErrorSummary,
  Field,
  formValues,
  PageTitle,
  Select,
  valueOf,
  type FormValues,
  PostForm,
} from "~/kernel/ui/forms";
import { useFormat, useT } from "~/kernel/ui/hooks";
import { EDITION_STATUSES, EDITION_TRANSITIONS, isCarried, MEASURE_STATUSES } from "../constants";
import {
  createGoal,
  deleteGoal,
  GoalEdit,
  GoalInput,
  updateGoal,
  listHandlungsfelder,
  loadGoals,
  adoptionPapers,
  changeEditionStatus,
  createEdition,
  createPriority,
  EditionInput,
  fundingFreshness,
  getAdoptedEdition,
  getSettings,
  listEditions,
  listPriorities,
  PriorityInput,
  setThreeYearRule,
} from "../services/concept";
import { pendingUpdates, todayIso } from "../services/measures";
import { conceptTreePage, dashboard, type TreePageNode } from "../services/views";
import { carryStates } from "../services/fortschreibung";
import { Pagination } from "~/kernel/ui/pagination";
import { Term } from "~/kernel/ui/term";
import { TermName, useTerms } from "~/kernel/ui/terms";
import { labelled } from "~/kernel/taxonomy/label";
import { ChoiceList } from "~/kernel/ui/picker";

/** Lines of the goal tree per page (a goal or a measure each): the page stays the same size at any catalogue size. */
const TREE_PAGE_SIZE = 100;
import { editionFor, parseDate, requireMember, text } from "../http.server";
import { ActionDisclosure, CarryTag, ExampleNote, StatusTag } from "../ui";

export async function loader({ request, context }: Route.LoaderArgs) {
  const w = requireMember(context);
  requireRole(context, "viewer");
  const url = new URL(request.url);
  const { tenant } = context.get(tenantContext);
  return tenantTx(context, async (tx) => {
    const e = await editionFor(context, tx, url);
    const [eds, settings, adopted, prios, pending] = await Promise.all([
      listEditions(tx),
      getSettings(tx),
      getAdoptedEdition(tx),
      listPriorities(tx),
      pendingUpdates(tx),
    ]);
    const today = todayIso();
    // The goals are few and loaded once for the tree, the dashboard and the goal form; measures are
    // counted in SQL and read only for the tree page on screen.
    const goals = e ? await loadGoals(tx, e.id) : [];
    const tree = e ? await conceptTreePage(tx, e.id, url, TREE_PAGE_SIZE, goals) : null;
    const dash = e ? await dashboard(tx, e, today, goals) : null;
    const editable = !!e && (e.status === "entwurf" || e.status === "in_beratung");
    const goalOptions = editable
      ? goals.map((g) => ({
          value: g.id,
          label: `${g.kind === "themenfeld" ? tFor(context)("concept.themenfeld", { number: g.number }) : g.kind === "leitziel" ? tFor(context)("concept.leitziel", { number: g.ref }) : g.ref} ${g.title.slice(0, 60)}`,
          // The goal's text is the tenant's: the option is marked German (an option holds text only).
          content: true,
        }))
      : [];
    const hfs = (await listHandlungsfelder(tx)).map(labelled);
    // The recorded decision that adopted the edition, from the bodies module (decision 0024).
    const decision = e ? ((await adoptingDecision(tx, e.id)) ?? null) : null;
    // Papers that bring this edition, for the adoption form (decision 0035).
    const papers = e && EDITION_TRANSITIONS[e.status].includes("beschlossen") ? await adoptionPapers(tx, e.id) : [];
    const carry = e ? await carryStates(tx, e) : null;
    return {
      papers,
      carry: carry && {
        source: carry.source,
        counts: carry.counts,
        ended: carry.ended,
        states: tree
          ? Object.fromEntries(
              tree.roots
                .flatMap(function all(n): TreePageNode[] {
                  return [n, ...n.children.flatMap(all)];
                })
                .flatMap((n) => n.measures.map((m) => [m.id, carry.states[m.id]] as const))
                .filter(([, st]) => !!st),
            )
          : {},
      },
      decision,
      slug: tenant.slug,
      canEdit: w.isEditor,
      today,
      editable,
      goalOptions,
      hfs,
      editions: eds.map((x) => ({
        id: x.id,
        title: x.title,
        status: x.status,
        adoptedOn: x.adoptedOn,
        adoptedBy: x.adoptedBy,
      })),
      edition: e
        ? {
            id: e.id,
            title: e.title,
            status: e.status,
            adoptedOn: e.adoptedOn,
            adoptedBy: e.adoptedBy,
            exampleNote: e.exampleNote,
            transitions: EDITION_TRANSITIONS[e.status],
          }
        : null,
      tree: tree && {
        counts: { ...tree.counts, measures: dash?.total ?? 0 },
        roots: tree.roots,
        page: tree.page,
        pages: tree.pages,
      },
      dash,
      freshness: fundingFreshness(settings.threeYearRule, adopted?.adoptedOn, today),
      threeYearRule: settings.threeYearRule,
      landHasRule: settings.landHasRule,
      land: settings.land,
      priorities: prios.map((p) => ({
        id: p.id,
        period: `${p.periodFrom}–${p.periodTo}`,
        current: p.periodFrom <= Number(today.slice(0, 4)) && Number(today.slice(0, 4)) <= p.periodTo,
        title: p.title,
        exampleNote: p.exampleNote,
      })),
      pending: pending.map((p) => ({
        id: p.id,
        measureId: p.measure_id,
        title: p.title,
        author: p.author_label,
        reportedOn: p.reported_on,
      })),
    };
  });
}

export async function action({ request, context }: Route.ActionArgs) {
  requireRole(context, "editor");
  const t = tFor(context);
  const f = await request.formData();
  const intent = String(f.get("intent") ?? "");
  const bad = (errors: Record<string, string>) =>
    data({ intent, errors, values: formValues(f) as FormValues | null, ok: null as string | null }, { status: 400 });
  if (intent === "edition") {
    const p = EditionInput.safeParse({
      title: f.get("title"),
      copyFrom: text(f.get("copyFrom")),
      haltung: text(f.get("haltung")),
    });
    if (!p.success) return bad(fieldErrors(context, p.error.issues));
    const r = await tenantTx(context, (tx) => createEdition(tx, p.data));
    return r.ok
      ? { intent, errors: null, values: null, ok: t("concept.overview.editionCreated") }
      : bad(failureErrors(context, r));
  }
  if (intent === "editionStatus") {
    const to = z.enum(EDITION_STATUSES).safeParse(f.get("to"));
    if (!to.success) return bad({ to: t("concept.errors.editionStatusMissing") });
    const r = await tenantTx(context, (tx) =>
      changeEditionStatus(tx, String(f.get("editionId") ?? ""), to.data, {
        paperId: text(f.get("paperId")),
        adoptedOn: parseDate(f.get("adoptedOn")),
      }),
    );
    if (r.ok) return { intent, errors: null, values: null, ok: t("concept.overview.editionStatusChanged") };
    // The service speaks of the edition's status; on this form that is the select `to`, where the summary links.
    const { status, ...errors } = failureErrors(context, r);
    return bad(status ? { ...errors, to: status } : errors);
  }
  if (intent === "goal") {
    const p = GoalInput.safeParse({
      kind: f.get("kind"),
      parentId: text(f.get("parentId")),
      number: f.get("number"),
      title: f.get("title"),
      handlungsfeldIds: f.getAll("handlungsfeldIds").map(String),
    });
    if (!p.success) return bad(fieldErrors(context, p.error.issues));
    const r = await tenantTx(context, (tx) => createGoal(tx, String(f.get("editionId") ?? ""), p.data));
    return r.ok
      ? { intent, errors: null, values: null, ok: t("concept.overview.goalCreated") }
      : bad(failureErrors(context, r));
  }
  if (intent === "goalEdit" || intent === "goalDelete") {
    requireRole(context, "editor");
    const id = z.string().uuid().safeParse(f.get("goalId"));
    if (!id.success) return bad({ _form: t("errors.notFound") });
    if (intent === "goalDelete") {
      const r = await tenantTx(context, (tx) => deleteGoal(tx, id.data));
      return r.ok
        ? { intent, errors: null, values: null, ok: t("concept.overview.goalDeleted") }
        : bad(failureErrors(context, r));
    }
    const p = GoalEdit.safeParse({ number: f.get("number"), title: f.get("title") });
    if (!p.success) return bad(fieldErrors(context, p.error.issues));
    const r = await tenantTx(context, (tx) => updateGoal(tx, id.data, p.data));
    return r.ok
      ? { intent, errors: null, values: null, ok: t("concept.overview.goalUpdated") }
      : bad(failureErrors(context, r));
  }
  if (intent === "settings") {
    const r = await tenantTx(context, (tx) => setThreeYearRule(tx, f.get("threeYearRule") === "1"));
    return r.ok
      ? { intent, errors: null, values: null, ok: t("concept.overview.settingsSaved") }
      : bad(failureErrors(context, r));
  }
  if (intent === "priority") {
    const p = PriorityInput.safeParse({
      periodFrom: f.get("periodFrom"),
      periodTo: f.get("periodTo"),
      title: f.get("title"),
      description: text(f.get("description")),
    });
    if (!p.success) return bad(fieldErrors(context, p.error.issues));
    await tenantTx(context, (tx) => createPriority(tx, p.data));
    return { intent, errors: null, values: null, ok: t("concept.overview.priorityCreated") };
  }
  return bad({ _form: t("concept.errors.unknownAction") });
}

export default function ConceptOverview({ loaderData: d, actionData: a }: Route.ComponentProps) {
  const t = useT();
  const terms = useTerms();
  const fmt = useFormat();
  const base = `/t/${d.slug}/verwaltung`;
  const err = (i: string) => (a?.intent === i ? ((a.errors as Record<string, string> | null) ?? undefined) : undefined);
  const title = t("concept.overview.title");
  return (
    <>
      <PageTitle>{title}</PageTitle>
      <h1 className="kern-heading-large">{title}</h1>
      {a?.ok && <Alert kind="success">{a.ok}</Alert>}
      <nav aria-label={t("concept.overview.views")}>
        <ul className="actions">
          <li>
            <Link className="kern-link" to={`${base}/massnahmen${d.edition ? `?fassung=${d.edition.id}` : ""}`}>
              {t("concept.nav.measures")}
            </Link>
          </li>
          <li>
            <Link className="kern-link" to={`${base}/konzept/matrix${d.edition ? `?fassung=${d.edition.id}` : ""}`}>
              {t("concept.matrix.title")}
            </Link>
          </li>
          <li>
            <Link className="kern-link" to={`${base}/konzept/vergleich`}>
              {t("concept.compare.title")}
            </Link>
          </li>
          <li>
            <Link className="kern-link" to={`${base}/vorlagen`}>
              {t("concept.nav.submissions")}
            </Link>
          </li>
          {d.edition && (
            <li>
              <a className="kern-link" href={`${base}/konzept/sachstandsbericht/docx?fassung=${d.edition.id}`}>
                {t("concept.report.docx")}
              </a>
            </li>
          )}
          {d.edition && (
            <li>
              <a className="kern-link" href={`${base}/konzept/sachstandsbericht/pdf?fassung=${d.edition.id}`}>
                {t("concept.report.pdf")}
              </a>
            </li>
          )}
        </ul>
      </nav>

      {d.edition && d.dash && d.tree && (
        <section aria-labelledby="sec-dash">
          <h2 id="sec-dash" className="kern-heading-medium">
            {withContent(t, "concept.dashboard.title", { title: d.edition.title })}
          </h2>
          <ExampleNote note={d.edition.exampleNote} />
          <p className="kern-body">{t("concept.counts", d.tree.counts)}</p>
          <div className="table-wrap" tabIndex={0}>
            <table className="kern-table">
              <caption className="kern-title">{t("concept.dashboard.byStatus")}</caption>
              <thead className="kern-table__head">
                <tr className="kern-table__row">
                  <th scope="col" className="kern-table__header">
                    {t("concept.themenfeldLabel")}
                  </th>
                  {MEASURE_STATUSES.map((s) => (
                    <th key={s} scope="col" className="kern-table__header">
                      {t(`concept.status.${s}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="kern-table__body">
                {d.dash.byTf.map((r) => (
                  <tr key={r.id} className="kern-table__row">
                    <th scope="row" className="kern-table__cell">
                      {r.number} <Content>{r.title}</Content>
                    </th>
                    {MEASURE_STATUSES.map((s) => (
                      <td key={s} className="kern-table__cell">
                        {r.byStatus[s] ? (
                          <Link
                            className="kern-link"
                            to={`${base}/massnahmen?fassung=${d.edition!.id}&themenfeld=${r.id}&status=${s}`}
                            aria-label={t("concept.dashboard.cellLabel", {
                              count: r.byStatus[s],
                              tf: r.title,
                              status: t(`concept.status.${s}`),
                            })}
                          >
                            {r.byStatus[s]}
                          </Link>
                        ) : (
                          0
                        )}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h3 className="kern-heading-small">{t("concept.dashboard.overdue", { count: d.dash.overdueCount })}</h3>
          <ul>
            {d.dash.overdue.map((o) => (
              <li key={o.id}>
                <Link className="kern-link" to={`${base}/massnahmen/${o.measure_id}`}>
                  <Content>{o.measure}</Content>
                </Link>
                : <Content>{o.title}</Content> ({fmt.date(o.due_on)})
              </li>
            ))}
          </ul>
          {d.dash.overdueCount > d.dash.overdue.length && (
            <p>
              <Link className="kern-link" to={`${base}/massnahmen?fassung=${d.edition.id}&overdue=1`}>
                {t("concept.dashboard.showOverdue")}
              </Link>
            </p>
          )}
          <h3 className="kern-heading-small">{t("concept.dashboard.stale", { count: d.dash.staleCount })}</h3>
          <p>
            <Link className="kern-link" to={`${base}/massnahmen?fassung=${d.edition.id}&stale=1`}>
              {t("concept.dashboard.showStale")}
            </Link>
          </p>
          <h3 className="kern-heading-small">{t("concept.dashboard.pending", { count: d.pending.length })}</h3>
          <ul>
            {d.pending.map((p) => (
              <li key={p.id}>
                <Link className="kern-link" to={`${base}/massnahmen/${p.measureId}`}>
                  <Content>{p.title}</Content>
                </Link>{" "}
                – {p.author}, {fmt.date(p.reportedOn)}
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="sec-fund">
        <h2 id="sec-fund" className="kern-heading-medium">
          {t("concept.funding.title")}
        </h2>
        {!d.landHasRule ? (
          <p className="kern-body">{t("concept.funding.notInLand", { land: d.land ?? "–" })}</p>
        ) : !d.freshness.applies ? (
          <p className="kern-body">{t("concept.funding.notApplied")}</p>
        ) : d.freshness.state === "none" ? (
          <Alert kind="warning">{t("concept.funding.none")}</Alert>
        ) : (
          <Alert kind={d.freshness.state === "ok" ? "info" : d.freshness.state === "warning" ? "warning" : "danger"}>
            {t(`concept.funding.${d.freshness.state}`, {
              until: fmt.date(d.freshness.validUntil),
              adopted: fmt.date(d.freshness.adoptedOn),
              days: d.freshness.daysLeft,
            })}
          </Alert>
        )}
        {d.priorities.length > 0 && (
          <>
            <h3 className="kern-heading-small">{t("concept.priorities.title")}</h3>
            <ul>
              {d.priorities.map((p) => (
                <li key={p.id}>
                  {p.period}: <Content>{p.title}</Content>
                  {p.current ? ` (${t("concept.priorities.current")})` : ""}
                  {p.exampleNote && (
                    <>
                      {" – "}
                      <Content>{p.exampleNote}</Content>
                    </>
                  )}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      {d.edition && d.carry?.source && (
        <section aria-labelledby="sec-carry">
          <h2 id="sec-carry" className="kern-heading-medium">
            {t("concept.carry.title", { source: d.carry.source.title })}
          </h2>
          <p className="kern-body">{t("concept.carry.counts", d.carry.counts)}</p>
          <p>
            <Link className="kern-link" to={`${base}/konzept/vergleich?a=${d.carry.source.id}&b=${d.edition.id}`}>
              {t("concept.carry.compare")}
            </Link>
          </p>
          {d.carry.ended.length > 0 && (
            <>
              <h3 className="kern-heading-small">{t("concept.carry.ended", { count: d.carry.ended.length })}</h3>
              <ul>
                {d.carry.ended.map((m) => (
                  <li key={m.id}>
                    <Link className="kern-link" to={`${base}/massnahmen/${m.id}`}>
                      {m.code} <Content>{m.title}</Content>
                    </Link>
                    {" – "}
                    {m.reason
                      ? t("concept.carry.endedReason", {
                          reason: m.reason,
                          date: fmt.date(m.endedOn),
                          who: m.by,
                        })
                      : isCarried(m.status)
                        ? t("concept.carry.notCarried")
                        : t("concept.carry.endedStatus", { status: t(`concept.status.${m.status}`) })}
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}

      {d.edition && d.tree && (
        <section aria-labelledby="sec-tree">
          <h2 id="sec-tree" className="kern-heading-medium">
            {t("concept.overview.tree")}
          </h2>
          {d.canEdit && d.editable && (
            <ActionDisclosure label={t("concept.overview.newGoal")} open={!!err("goal")}>
              <ActionForm
                intent="goal"
                hidden={{ editionId: d.edition.id }}
                idPrefix="goal-"
                errors={err("goal")}
                submit={t("concept.overview.addGoal")}
              >
                <Select
                  name="kind"
                  label={t("concept.overview.goalKind")}
                  required
                  options={["themenfeld", "leitziel", "teilziel"].map((k) => ({
                    value: k,
                    label: t(`concept.goalKind.${k}`),
                  }))}
                  error={err("goal")?.kind}
                />
                <Select
                  name="parentId"
                  label={t("concept.overview.goalParent")}
                  hint={t("concept.overview.goalParentHint")}
                  defaultValue=""
                  options={[{ value: "", label: "–" }, ...d.goalOptions]}
                  error={err("goal")?.parentId}
                />
                <Field name="number" label={t("concept.overview.goalNumber")} required error={err("goal")?.number} />
                <Field
                  name="title"
                  type="textarea"
                  label={t("concept.overview.goalText")}
                  required
                  error={err("goal")?.title}
                />
                <ChoiceList
                  id="ghf"
                  name="handlungsfeldIds"
                  legend={t("concept.measure.handlungsfelder")}
                  options={terms.choices(d.hfs)}
                />
              </ActionForm>
            </ActionDisclosure>
          )}
          {d.tree.pages > 1 && (
            <p className="kern-body" role="status">
              {t("concept.overview.treePage", { page: d.tree.page, pages: d.tree.pages })}
            </p>
          )}
          {d.tree.roots.map((tf) => (
            <details key={tf.id} open className="concept-tree">
              <summary className="kern-title">
                {t("concept.themenfeld", { number: tf.number })}: <Content>{tf.title}</Content>
                {tf.continued && ` ${t("concept.overview.continued")}`}
              </summary>
              {d.canEdit && d.editable && !tf.continued && <GoalEditor goal={tf} />}
              <ul>
                {tf.children.map((lz) => (
                  <li key={lz.id}>
                    <strong>
                      {t("concept.leitziel", { number: lz.number })}: <Content>{lz.title}</Content>
                    </strong>
                    {lz.continued && ` ${t("concept.overview.continued")}`}
                    {d.canEdit && d.editable && !lz.continued && <GoalEditor goal={lz} />}
                    <TreeMeasures measures={lz.measures} base={base} states={d.carry?.states} />
                    <ul>
                      {lz.children.map((tz) => (
                        <li key={tz.id}>
                          {tz.number} <Content>{tz.title}</Content>{" "}
                          <span className="kern-hint">
                            (<Content>{tz.handlungsfelder.join(", ")}</Content>)
                          </span>
                          {tz.continued && ` ${t("concept.overview.continued")}`}
                          {d.canEdit && d.editable && !tz.continued && <GoalEditor goal={tz} />}
                          <TreeMeasures measures={tz.measures} base={base} states={d.carry?.states} />
                        </li>
                      ))}
                    </ul>
                  </li>
                ))}
              </ul>
            </details>
          ))}
          <Pagination page={d.tree.page} pages={d.tree.pages} label={t("concept.overview.treePagination")} />
        </section>
      )}

      <section aria-labelledby="sec-ed">
        <h2 id="sec-ed" className="kern-heading-medium">
          <Term id="fassung">{t("concept.overview.editions")}</Term>
        </h2>
        <ul>
          {d.editions.map((e) => (
            <li key={e.id}>
              <Link className="kern-link" to={`?fassung=${e.id}`}>
                <Content>{e.title}</Content>
              </Link>{" "}
              – {t(`concept.editionStatus.${e.status}`)}
              {e.adoptedOn && (
                <>
                  {", "}
                  {withContent(t, "concept.overview.adoptedOn", {
                    date: fmt.date(e.adoptedOn),
                    body: e.adoptedBy ?? "–",
                  })}
                </>
              )}
            </li>
          ))}
        </ul>
        {d.decision && (
          <p className="kern-body">
            {t("concept.overview.adoptingDecision", {
              body: d.decision.body,
              date: fmt.date(d.decision.decidedOn),
            })}{" "}
            <Link className="kern-link" to={`${base}/vorlagen/${d.decision.paperId}`}>
              {d.decision.number}
            </Link>
          </p>
        )}
        {d.canEdit && d.edition && d.edition.transitions.length > 0 && (
          <ActionDisclosure
            label={withContent(t, "concept.overview.changeEditionStatus", { title: d.edition.title })}
            open={!!err("editionStatus")}
          >
            <ActionForm
              intent="editionStatus"
              hidden={{ editionId: d.edition.id }}
              idPrefix="edition-status-"
              errors={err("editionStatus")}
              submit={t("concept.detail.changeStatus")}
            >
              {/* No status is chosen for the editor: the one next step of an adopted edition is "abgelöst". */}
              <Select
                name="to"
                label={t("concept.detail.newStatus")}
                required
                defaultValue=""
                options={[
                  { value: "", label: t("concept.overview.chooseStatus") },
                  ...d.edition.transitions.map((s) => ({ value: s, label: t(`concept.editionStatus.${s}`) })),
                ]}
                error={err("editionStatus")?.to}
              />
              {d.edition.transitions.includes("beschlossen") && (
                <>
                  <Select
                    name="paperId"
                    label={t("concept.overview.adoptingPaperLabel")}
                    hint={t("concept.overview.adoptingPaperHint")}
                    defaultValue=""
                    options={[
                      { value: "", label: "–" },
                      ...d.papers.map((p) => ({
                        value: p.id,
                        label: p.decision
                          ? t("concept.overview.paperDecided", {
                              number: p.number,
                              title: p.title,
                              body: p.decision.body,
                              date: fmt.date(p.decision.decidedOn),
                            })
                          : t("concept.overview.paperUndecided", { number: p.number, title: p.title }),
                      })),
                    ]}
                    error={err("editionStatus")?.paperId}
                  />
                  <Field
                    name="adoptedOn"
                    label={t("concept.overview.adoptedOnLabel")}
                    hint={t("concept.overview.adoptedOnHint")}
                    error={err("editionStatus")?.adoptedOn}
                  />
                </>
              )}
            </ActionForm>
          </ActionDisclosure>
        )}
        {d.canEdit && (
          <ActionDisclosure label={t("concept.overview.newEdition")} open={!!err("edition")}>
            <ActionForm
              intent="edition"
              idPrefix="edition-"
              errors={err("edition")}
              submit={t("concept.overview.createEdition")}
            >
              <Field name="title" label={t("concept.overview.editionTitle")} required error={err("edition")?.title} />
              <Field
                name="haltung"
                type="textarea"
                label={t("concept.overview.haltungText")}
                hint={t("concept.overview.haltungHint")}
                error={err("edition")?.haltung}
              />
              <Select
                name="copyFrom"
                label={t("concept.overview.copyFrom")}
                defaultValue=""
                options={[
                  { value: "", label: t("concept.overview.empty") },
                  ...d.editions.map((e) => ({ value: e.id, label: e.title, content: true })),
                ]}
                error={err("edition")?.copyFrom}
              />
            </ActionForm>
          </ActionDisclosure>
        )}
      </section>

      {d.canEdit && (
        <section aria-labelledby="sec-settings">
          <h2 id="sec-settings" className="kern-heading-medium">
            {t("concept.overview.settings")}
          </h2>
          {/* Outside the Länder with the rule there is nothing to set (the funding section says so). */}
          {d.landHasRule && (
            <ActionDisclosure label={t("concept.overview.changeSettings")} open={!!err("settings")}>
              <ActionForm intent="settings" errors={err("settings")} submit={t("concept.overview.saveSettings")}>
                <Checkbox
                  name="threeYearRule"
                  label={t("concept.funding.ruleLabel")}
                  defaultChecked={d.threeYearRule}
                />
              </ActionForm>
            </ActionDisclosure>
          )}
          <h3 className="kern-heading-small">{t("concept.overview.hfTitle")}</h3>
          <p className="kern-body">
            {d.hfs.length
              ? d.hfs.map((h, i) => (
                  <Fragment key={h.id}>
                    {i > 0 && " · "}
                    <TermName term={h} />
                  </Fragment>
                ))
              : t("concept.overview.hfNone")}
          </p>
          {/* One taxonomy (decision 0037): the list is the tenant's, kept on the kernel's page. */}
          <p className="kern-body">
            <Link to={`${base}/handlungsfelder`} className="kern-link">
              {t("concept.overview.hfManage")}
            </Link>
          </p>
          <ActionDisclosure label={t("concept.priorities.new")} open={!!err("priority")}>
            <ActionForm
              intent="priority"
              idPrefix="priority-"
              errors={err("priority")}
              submit={t("concept.priorities.add")}
            >
              <Field
                name="periodFrom"
                label={t("concept.priorities.from")}
                required
                inputMode="numeric"
                error={err("priority")?.periodFrom}
              />
              <Field
                name="periodTo"
                label={t("concept.priorities.to")}
                required
                inputMode="numeric"
                error={err("priority")?.periodTo}
              />
              <Field name="title" label={t("concept.priorities.titleLabel")} required error={err("priority")?.title} />
            </ActionForm>
          </ActionDisclosure>
        </section>
      )}
    </>
  );
}

function TreeMeasures({
  measures,
  base,
  states,
}: {
  measures: TreePageNode["measures"];
  base: string;
  states?: Record<string, string>;
}) {
  const t = useT();
  if (!measures.length) return null;
  return (
    <ul>
      {measures.map((m) => (
        <li key={m.id}>
          <Link className="kern-link" to={`${base}/massnahmen/${m.id}`}>
            {m.code} <Content>{m.title}</Content>
          </Link>{" "}
          <StatusTag status={m.status} />
          {states?.[m.id] && <CarryTag state={states[m.id]} label={t(`concept.carry.state.${states[m.id]}`)} />}
        </li>
      ))}
    </ul>
  );
}

/** Edit or delete one goal of a draft edition, without JavaScript (a disclosure with two forms). */
function GoalEditor({ goal }: { goal: { id: string; number: string; title: string } }) {
  const t = useT();
  // The answer to this goal's own form: open the disclosure and show its errors and what was typed.
  const a = useActionData<typeof action>();
  const mine = a?.values && valueOf(a.values, "goalId") === goal.id ? a : null;
  const typed = mine?.intent === "goalEdit" ? mine.values : null;
  return (
    <details className="goal-editor" open={!!mine?.errors || undefined}>
      <summary className="kern-link">{t("concept.overview.editGoal", { number: goal.number })}</summary>
      <ErrorSummary errors={mine?.errors} />
      <PostForm className="form-grid">
        <input type="hidden" name="intent" value="goalEdit" />
        <input type="hidden" name="goalId" value={goal.id} />
        <div className="kern-form-input">
          <label className="kern-label" htmlFor={`gn-${goal.id}`}>
            {t("concept.overview.goalNumber")}
          </label>
          <input
            className="kern-form-input__input"
            id={`gn-${goal.id}`}
            name="number"
            defaultValue={typed ? valueOf(typed, "number") : goal.number}
            required
          />
        </div>
        <div className="kern-form-input">
          <label className="kern-label" htmlFor={`gt-${goal.id}`}>
            {t("concept.overview.goalText")}
          </label>
          <textarea
            className="kern-form-input__input"
            id={`gt-${goal.id}`}
            name="title"
            defaultValue={typed ? valueOf(typed, "title") : goal.title}
            required
            rows={3}
          />
        </div>
        <div>
          <button type="submit" className="kern-btn kern-btn--secondary kern-btn--x-small">
            <span className="kern-label">{t("concept.overview.saveGoal")}</span>
          </button>
        </div>
      </PostForm>
      <PostForm>
        <input type="hidden" name="intent" value="goalDelete" />
        <input type="hidden" name="goalId" value={goal.id} />
        <button type="submit" className="kern-btn kern-btn--tertiary kern-btn--x-small">
          <span className="kern-label">{t("concept.overview.deleteGoal", { number: goal.number })}</span>
        </button>
      </PostForm>
    </details>
  );
}
