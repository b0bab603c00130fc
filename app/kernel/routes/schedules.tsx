import "../schedules/strings";
import { data, redirect } from "react-router";
import type { Route } from "./+types/schedules";
import { appContext, requirePlatformAdmin, tFor } from "../http/context";
import { listSchedules, runScheduleNow } from "../schedules/service";
import { ActionForm, Alert, PageTitle } from "../ui/forms";
import { DataTable } from "../ui/table";
import { useFormat, useT } from "../ui/hooks";

// The periodic tasks (decision 0048) for platform administrators: when each runs, how its last run
// went, and "jetzt ausführen", which makes it due now (the next scheduler to look runs it).

type Ctx = Route.LoaderArgs["context"];

const requireSuperadmin = (context: Ctx, request: Request) => requirePlatformAdmin(context, request);

export async function loader({ request, context }: Route.LoaderArgs) {
  requireSuperadmin(context, request);
  const now = new Date();
  const list = await listSchedules(context.get(appContext).db);
  return {
    queued: new URL(request.url).searchParams.get("vorgemerkt"),
    tasks: list.map((s) => ({
      name: s.name,
      everySeconds: s.everySeconds,
      dailyAtHour: s.dailyAtHour,
      nextRunAt: s.nextRunAt,
      lastStartedAt: s.lastStartedAt,
      lastFinishedAt: s.lastFinishedAt,
      lastResult: s.lastResult,
      lastMessage: s.lastMessage,
      running: !!s.runningUntil && s.runningUntil > now,
    })),
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const u = requireSuperadmin(context, request);
  const f = await request.formData();
  const name = String(f.get("name") ?? "");
  if (f.get("intent") !== "run" || !(await runScheduleNow(context.get(appContext).db, u.id, name)))
    return data({ error: tFor(context)("schedules.unknown") }, { status: 400 });
  return redirect(`/plattform/aufgaben?vorgemerkt=${encodeURIComponent(name)}`);
}

export default function Schedules({ loaderData: d, actionData: a }: Route.ComponentProps) {
  const t = useT();
  const fmt = useFormat();
  const interval = (s: (typeof d.tasks)[number]) => {
    if (s.dailyAtHour !== null) return t("schedules.daily", { hour: String(s.dailyAtHour).padStart(2, "0") });
    const sec = s.everySeconds ?? 0;
    if (sec % 3600 === 0) return t("schedules.everyHours", { count: sec / 3600 });
    if (sec % 60 === 0) return t("schedules.everyMinutes", { count: sec / 60 });
    return t("schedules.everySeconds", { count: sec });
  };
  return (
    <main id="inhalt" className="kern-container page stack">
      <PageTitle>{t("schedules.title")}</PageTitle>
      <h1 className="kern-heading-large">{t("schedules.title")}</h1>
      <p className="kern-body">{t("schedules.intro")}</p>
      {d.queued && <Alert kind="success">{t("schedules.queued", { name: d.queued })}</Alert>}
      {a?.error && <Alert kind="danger">{a.error}</Alert>}
      {d.tasks.length === 0 ? (
        <p className="kern-body">{t("schedules.empty")}</p>
      ) : (
        <DataTable
          caption={t("schedules.title")}
          headers={[
            t("schedules.name"),
            t("schedules.interval"),
            t("schedules.lastRun"),
            t("schedules.result"),
            t("schedules.message"),
            t("schedules.nextRun"),
            { label: t("schedules.runNow"), srOnly: true },
          ]}
        >
          {d.tasks.map((s) => (
            <tr key={s.name} data-schedule={s.name}>
              <td>
                <code>{s.name}</code>
              </td>
              <td>{interval(s)}</td>
              <td>{s.lastStartedAt ? fmt.dateTime(s.lastStartedAt) : t("schedules.never")}</td>
              <td data-result={s.running ? "running" : (s.lastResult ?? "")}>
                {s.running ? t("schedules.running") : s.lastResult ? t(`schedules.${s.lastResult}`) : "–"}
              </td>
              <td>{s.lastMessage ?? ""}</td>
              <td>{fmt.dateTime(s.nextRunAt)}</td>
              <td>
                <ActionForm intent="run" hidden={{ name: s.name }} submit={t("schedules.runNow")}>
                  {null}
                </ActionForm>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </main>
  );
}
