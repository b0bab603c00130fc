import { useEffect } from "react";
import { Link, data, redirect, useRevalidator } from "react-router";
import type { Route } from "./+types/staff-import-job";
import { currentUser, errorText, requireRole, tenantTx, tFor } from "~/kernel/http/context";
import { enqueueJob, getJob } from "~/kernel/jobs/service";
import { Alert, PageTitle, PostForm } from "~/kernel/ui/forms";
import { useFormat, useT } from "~/kernel/ui/hooks";
import type { ErrorCode } from "~/kernel/errors";
import { ImportReportView } from "../import-report";
import { IMPORT_JOB, ImportJobPayload } from "../jobs";
import type { ImportReport } from "../services/importer";
import "~/kernel/ui/data-view.css";
import "../monitoring.css";

// The page of one background import (dry run or commit): progress while it runs, refreshed by the
// browser itself without JavaScript and by the loader with it; the report once it is done.

async function loadJob(context: Route.LoaderArgs["context"], id: string) {
  const job = await tenantTx(context, (tx) => getJob(tx, id, IMPORT_JOB));
  if (!job) throw data({ message: tFor(context)("errors.notFound") }, { status: 404 });
  return { job, payload: ImportJobPayload.parse(job.payload) };
}

export async function loader({ context, params }: Route.LoaderArgs) {
  requireRole(context, "editor");
  const { job, payload } = await loadJob(context, params.id);
  const report = (job.result ?? null) as ImportReport | null;
  return {
    status: job.status,
    phase: job.phase,
    done: job.done,
    total: job.total,
    dryRun: payload.dryRun,
    uploadId: payload.uploadId,
    profileName: payload.profile.name,
    fileName: payload.fileName || report?.fileName || "",
    createdAt: job.createdAt.toISOString(),
    actor: job.actorLabel,
    error: job.error ? errorText(context, job.error as ErrorCode) : null,
    report,
  };
}

/** "Take over" after a clean dry run: the same upload and profile, queued once more for real. */
export async function action({ context, params }: Route.ActionArgs) {
  requireRole(context, "editor");
  const { job, payload } = await loadJob(context, params.id);
  const report = job.result as ImportReport | null;
  if (job.status !== "done" || !payload.dryRun || !report || report.errorCount)
    return data({ error: tFor(context)("errors.badRequest") }, { status: 409 });
  const user = currentUser(context);
  const next = await tenantTx(context, (tx) =>
    enqueueJob(tx, IMPORT_JOB, { ...payload, dryRun: false } satisfies ImportJobPayload, {
      id: user?.id ?? null,
      label: user?.email ?? "?",
    }),
  );
  return redirect(`/t/${params.slug}/verwaltung/monitoring/import/auftrag/${next}`);
}

export default function ImportJob({ loaderData: d, actionData, params }: Route.ComponentProps) {
  const t = useT();
  const f = useFormat();
  const revalidator = useRevalidator();
  const active = d.status === "queued" || d.status === "running";
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle") void revalidator.revalidate();
    }, 1000);
    return () => clearInterval(timer);
  }, [active, revalidator]);
  const base = `/t/${params.slug}/verwaltung/monitoring/import`;
  const title = t(d.dryRun ? "monitoring.job.titleDry" : "monitoring.job.title", { file: d.fileName || "…" });
  const pct = d.total > 0 ? Math.min(100, Math.round((d.done / d.total) * 100)) : null;
  return (
    <>
      <PageTitle>{title}</PageTitle>
      <p>
        <Link className="kern-link" to={base}>
          {t("monitoring.import")}
        </Link>
      </p>
      <h1 className="kern-heading-large" data-job-status={d.status}>
        {title}
      </h1>
      <p className="kern-body kern-body--small">
        {t("monitoring.job.started", { at: f.dateTime(d.createdAt), actor: d.actor })}
      </p>
      {actionData?.error && <Alert kind="danger">{actionData.error}</Alert>}
      {active && (
        <section className="stack" aria-labelledby="job-progress">
          {/* Without JavaScript the browser reloads the page; with it the loader revalidates instead. */}
          <noscript dangerouslySetInnerHTML={{ __html: '<meta http-equiv="refresh" content="2">' }} />
          <h2 id="job-progress" className="kern-heading-medium">
            {t("monitoring.job.progressLabel")}
          </h2>
          <p role="status" aria-live="polite">
            {d.status === "queued" || !d.phase
              ? t("monitoring.job.queued")
              : t(`monitoring.job.phase.${d.phase}`, { done: f.number(d.done), total: f.number(d.total) })}
          </p>
          <progress
            className="import-progress"
            aria-labelledby="job-progress"
            max={100}
            {...(pct !== null && d.phase === "read" ? { value: pct } : {})}
          >
            {pct !== null ? `${pct} %` : ""}
          </progress>
          <p className="kern-hint">{t("monitoring.job.refreshHint")}</p>
          <p>
            <Link className="kern-link" to="." reloadDocument>
              {t("monitoring.job.refresh")}
            </Link>
          </p>
        </section>
      )}
      {d.status === "failed" && (
        <Alert kind="danger">
          {t("monitoring.job.failed")} {d.error}
        </Alert>
      )}
      {d.status === "done" && d.report && <ImportReportView r={d.report} slug={params.slug} />}
      {d.status === "done" && d.report && d.dryRun && d.report.errorCount === 0 && !d.report.alreadyImported && (
        <PostForm>
          <button type="submit" className="kern-btn kern-btn--primary">
            <span className="kern-label">{t("monitoring.job.commit")}</span>
          </button>
        </PostForm>
      )}
      {!active && (
        <ul className="kern-list">
          {!d.report?.committed && (
            <li>
              <Link
                className="kern-link"
                to={`${base}?upload=${d.uploadId}&profil=${encodeURIComponent(d.profileName)}`}
              >
                {t("monitoring.job.changeMapping")}
              </Link>
            </li>
          )}
          <li>
            <Link className="kern-link" to={base}>
              {t("monitoring.job.another")}
            </Link>
          </li>
        </ul>
      )}
    </>
  );
}
