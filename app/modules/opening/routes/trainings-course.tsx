import "../trainings/strings";
import { data, Link, redirect, useLocation } from "react-router";
import type { Route } from "./+types/trainings-course";
import { failureErrors, fieldErrors, requireRole, tenantContext, tenantTx } from "~/kernel/http/context";
import { todayBerlin } from "~/kernel/dates";
import { roleAtLeast } from "~/kernel/roles";
import { ActionForm, Alert, Field, formValues, PageTitle, valueOf, type FormValues } from "~/kernel/ui/forms";
import { useFormat, useT } from "~/kernel/ui/hooks";
import {
  addSession,
  getCourse,
  ParticipantsInput,
  SessionInput,
  setEvaluationOpen,
  setParticipants,
  trainingResults,
} from "../trainings/service";
import { TrainingResults, UnitsTable } from "../trainings/ui";
import { notFound, optional, wholeNumber } from "../seal/http.server";

const DONE = ["created", "session", "participants", "opened", "closed"] as const;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const role = requireRole(context, "viewer");
  const { tenant } = context.get(tenantContext);
  const found = await tenantTx(context, async (tx) => {
    const course = await getCourse(tx, params.id);
    return course ? { course, results: await trainingResults(tx, course.id) } : null;
  });
  if (!found) throw notFound(context, "opening.trainings.errors.notFound");
  const ok = new URL(request.url).searchParams.get("ok");
  return {
    slug: tenant.slug,
    today: todayBerlin(),
    canEdit: roleAtLeast(role, "editor"),
    ...found,
    done: DONE.find((x) => x === ok) ?? null,
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  requireRole(context, "editor");
  const { tenant } = context.get(tenantContext);
  const f = await request.formData();
  const intent = String(f.get("intent") ?? "");
  const bad = (errors: Record<string, string>) =>
    data({ intent, errors, values: formValues(f) as FormValues | null }, { status: 400 });
  const back = (done: (typeof DONE)[number]) =>
    redirect(`/t/${tenant.slug}/verwaltung/oeffnung/schulungen/${params.id}?ok=${done}`);
  if (!(await tenantTx(context, (tx) => getCourse(tx, params.id))))
    throw notFound(context, "opening.trainings.errors.notFound");
  if (intent === "session") {
    const p = SessionInput.safeParse({
      courseId: params.id,
      heldOn: optional(f.get("heldOn")),
      place: optional(f.get("place")),
    });
    if (!p.success) return bad(fieldErrors(context, p.error.issues));
    const r = await tenantTx(context, (tx) => addSession(tx, p.data));
    return r.ok ? back("session") : bad(failureErrors(context, r));
  }
  if (intent === "participants") {
    const p = ParticipantsInput.safeParse({
      sessionId: String(f.get("sessionId") ?? ""),
      unit: optional(f.get("unit")),
      participants: wholeNumber(f.get("participants")),
    });
    if (!p.success) return bad(fieldErrors(context, p.error.issues));
    const r = await tenantTx(context, (tx) => setParticipants(tx, p.data));
    return r.ok ? back("participants") : bad(failureErrors(context, r));
  }
  if (intent === "open" || intent === "close") {
    const r = await tenantTx(context, (tx) =>
      setEvaluationOpen(tx, String(f.get("sessionId") ?? ""), intent === "open"),
    );
    return r.ok ? back(intent === "open" ? "opened" : "closed") : bad(failureErrors(context, r));
  }
  return bad({ _form: "?" });
}

export default function Course({ loaderData: d, actionData: a }: Route.ComponentProps) {
  const t = useT();
  const fmt = useFormat();
  const fresh = useLocation().key;
  const c = d.course;
  const err = (intent: string, sessionId?: string) =>
    a?.intent === intent && (!sessionId || valueOf((a.values as FormValues | null) ?? {}, "sessionId") === sessionId)
      ? ((a.errors as Record<string, string> | null) ?? undefined)
      : undefined;
  const sessionErr = err("session");
  return (
    <>
      <PageTitle>{c.title}</PageTitle>
      <p className="kern-body">
        <Link className="kern-link" to={`/t/${d.slug}/verwaltung/oeffnung/schulungen`}>
          {t("opening.trainings.course.back")}
        </Link>
      </p>
      <h1 className="kern-heading-large">{c.title}</h1>
      {d.done && <Alert kind="success">{t(`opening.trainings.course.done.${d.done}`)}</Alert>}
      {c.isDemo && <p className="kern-body">{t("opening.trainings.exampleNote")}</p>}
      {c.description && <p className="kern-body">{c.description}</p>}
      <dl className="kern-body">
        <dt>{t("opening.trainings.list.targetGroups")}</dt>
        <dd>{c.targetGroups.join(", ") || "–"}</dd>
        <dt>{t("opening.trainings.list.mandatory")}</dt>
        <dd>{t(c.mandatory ? "opening.trainings.yes" : "opening.trainings.no")}</dd>
      </dl>

      <h2 className="kern-heading-medium">{t("opening.trainings.course.sessions")}</h2>
      {c.sessions.length === 0 ? (
        <p className="kern-body">{t("opening.trainings.course.noSessions")}</p>
      ) : (
        c.sessions.map((s) => {
          const pErr = err("participants", s.id);
          return (
            <section key={s.id} aria-labelledby={`s-${s.id}`} className="stack">
              <h3 id={`s-${s.id}`} className="kern-heading-small">
                {fmt.date(s.heldOn)}, {s.place}
              </h3>
              <p className="kern-body">
                {t(s.evalOpen ? "opening.trainings.course.codeOpen" : "opening.trainings.course.codeClosed", {
                  code: s.evalCode,
                })}
              </p>
              <UnitsTable
                caption={t("opening.trainings.course.unitsOf", { date: fmt.date(s.heldOn) })}
                units={s.units}
              />
              {d.canEdit && (
                <>
                  <ActionForm
                    key={`p-${s.id}-${fresh}`}
                    intent="participants"
                    hidden={{ sessionId: s.id }}
                    errors={pErr}
                    submit={t("opening.trainings.course.saveParticipants")}
                  >
                    <Field
                      id={`unit-${s.id}`}
                      name="unit"
                      required
                      label={t("opening.trainings.course.unit")}
                      error={pErr?.unit}
                    />
                    <Field
                      id={`participants-${s.id}`}
                      name="participants"
                      inputMode="numeric"
                      required
                      label={t("opening.trainings.course.participants")}
                      error={pErr?.participants}
                    />
                  </ActionForm>
                  <ActionForm
                    intent={s.evalOpen ? "close" : "open"}
                    hidden={{ sessionId: s.id }}
                    submit={t(s.evalOpen ? "opening.trainings.course.close" : "opening.trainings.course.open")}
                  >
                    {null}
                  </ActionForm>
                </>
              )}
            </section>
          );
        })
      )}
      <UnitsTable caption={t("opening.trainings.course.unitsTotal")} units={c.units} />

      <h2 className="kern-heading-medium">{t("opening.trainings.results.title")}</h2>
      <TrainingResults results={d.results} />

      {d.canEdit && (
        <ActionForm
          key={`s-${fresh}`}
          intent="session"
          heading={t("opening.trainings.course.addSession")}
          headingId="session-add"
          errors={sessionErr}
          submit={t("opening.trainings.course.addSession")}
        >
          <Field
            name="heldOn"
            type="date"
            required
            label={t("opening.trainings.course.heldOn")}
            defaultValue={d.today}
            error={sessionErr?.heldOn}
          />
          <Field name="place" required label={t("opening.trainings.course.place")} error={sessionErr?.place} />
        </ActionForm>
      )}
    </>
  );
}
