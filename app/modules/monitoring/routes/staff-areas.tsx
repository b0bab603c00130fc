import "../import-strings";
import { Link, data } from "react-router";
import type { Route } from "./+types/staff-areas";
import { errorText, requireRole, tenantTx, tFor, requestContext } from "~/kernel/http/context";
import { ServiceError, translateError } from "~/kernel/errors";
import { Alert, FileField, Checkbox, ErrorSummary, PageTitle, Select, PostForm } from "~/kernel/ui/forms";
import { useT } from "~/kernel/ui/hooks";
import { getProfile, listProfiles } from "../services/importer";
import { readAreaFiles } from "../services/area-files";
import { importAreaFeatures, type AreaImportReport } from "../services/areas";
import { importAreaList, readAreaList, type AreaListReport } from "../services/area-list";
import { NumberedRows } from "../import-report";
import { filesTooLarge, requestTooLarge, uploadLimitMb } from "~/kernel/upload";
import "~/kernel/ui/data-view.css";
import "../monitoring.css";

export async function loader({ context }: Route.LoaderArgs) {
  requireRole(context, "editor");
  return tenantTx(context, async (tx) => ({
    uploadMb: uploadLimitMb(context.get(requestContext).lang),
    profiles: (await listProfiles(tx))
      .filter((p) => (p.profile as { kind?: string }).kind === "areas")
      .map((p) => ({ name: p.name, description: (p.profile as { description?: string }).description ?? "" })),
  }));
}

class NotFound extends ServiceError {}

/** Rolls the transaction back after a dry run while keeping the report. */
class DryRun extends Error {
  constructor(public report: AreaImportReport) {
    super("dry run");
  }
}

/** Rolls the transaction back after checking a list (dry run) while keeping the report. */
class ListDryRun extends Error {
  constructor(public report: AreaListReport) {
    super("dry run");
  }
}

type ActionResult = {
  error: string | null;
  report: AreaImportReport | null;
  list?: AreaListReport | null;
  dryRun: boolean;
};

export async function action({ request, context }: Route.ActionArgs) {
  requireRole(context, "editor");
  const t = tFor(context);
  const tooLarge = () =>
    data<ActionResult>(
      {
        error: t("upload.tooLarge", { mb: uploadLimitMb(context.get(requestContext).lang) }),
        report: null,
        dryRun: false,
      },
      { status: 413 },
    );
  if (requestTooLarge(request)) return tooLarge();
  const form = await request.formData();
  if (form.get("intent") === "list") {
    // Areas from a plain list (key, name, level, parent): geometry comes later, by the form below.
    const file = form.get("list");
    const dryRun = form.get("dryRun") === "1";
    if (!(file instanceof File) || file.size === 0)
      return data<ActionResult>({ error: t("monitoring.uploadMissing"), report: null, dryRun }, { status: 400 });
    if (filesTooLarge([file])) return tooLarge();
    if (!/\.(csv|txt|xlsx)$/i.test(file.name))
      return data<ActionResult>(
        {
          error: t("monitoring.areaList.fileHint", { mb: uploadLimitMb(context.get(requestContext).lang) }),
          report: null,
          dryRun,
        },
        { status: 415 },
      );
    try {
      // Read in the parser worker first: no transaction waits on it (decision 0010).
      const rows = await readAreaList(new Uint8Array(await file.arrayBuffer()));
      const list = await tenantTx(context, async (tx) => {
        const r = await importAreaList(tx, rows, { dryRun });
        if (!r.written) throw new ListDryRun(r);
        return r;
      });
      return { error: null, report: null, list, dryRun } satisfies ActionResult;
    } catch (e) {
      if (e instanceof ListDryRun)
        return data<ActionResult>(
          { error: null, report: null, list: e.report, dryRun },
          { status: e.report.errors.length ? 422 : 200 },
        );
      const error = e instanceof ServiceError ? errorText(context, e) : (e as Error).message;
      return data<ActionResult>({ error, report: null, dryRun }, { status: 422 });
    }
  }
  const files = form.getAll("files").filter((f): f is File => f instanceof File && f.size > 0);
  if (filesTooLarge(files)) return tooLarge();
  if (!files.length)
    return data<ActionResult>({ error: t("monitoring.uploadMissing"), report: null, dryRun: false }, { status: 400 });
  if (files.some((f) => !/\.(geojson|json|kml|shp|dbf|prj|cpg|shx)$/i.test(f.name)))
    return data<ActionResult>({ error: t("monitoring.areaFilesHint"), report: null, dryRun: false }, { status: 415 });
  const dryRun = form.get("dryRun") === "1";
  const uploaded = await Promise.all(
    files
      .filter((f) => !/\.shx$/i.test(f.name))
      .map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })),
  );
  try {
    // Read in the parser worker first: no transaction waits on it (decision 0010).
    const features = await readAreaFiles(uploaded);
    const report = await tenantTx(context, async (tx) => {
      const p = await getProfile(tx, String(form.get("profile") ?? ""));
      if (!p || p.kind !== "areas") throw new NotFound("errors.notFound");
      const r = await importAreaFeatures(tx, features, p, { dryRun });
      if (dryRun || r.refused) throw new DryRun(r);
      return r;
    });
    return { error: null, report, dryRun } satisfies ActionResult;
  } catch (e) {
    if (e instanceof DryRun)
      return data<ActionResult>({ error: null, report: e.report, dryRun }, { status: e.report.refused ? 422 : 200 });
    const error = e instanceof ServiceError ? errorText(context, e) : (e as Error).message;
    return data<ActionResult>({ error, report: null, dryRun }, { status: 422 });
  }
}

export default function StaffAreas({ loaderData: d, actionData: a, params }: Route.ComponentProps) {
  const t = useT();
  const r = a?.report;
  const l = a?.list;
  return (
    <>
      <PageTitle>{t("monitoring.importAreas")}</PageTitle>
      <p>
        <Link className="kern-link" to={`/t/${params.slug}/verwaltung/monitoring`}>
          {t("monitoring.title")}
        </Link>
      </p>
      <h1 className="kern-heading-large">{t("monitoring.importAreas")}</h1>
      {a?.error && <ErrorSummary errors={{ files: a.error }} />}
      {r && (
        <section aria-labelledby="ar-h" className="stack">
          <h2 id="ar-h" className="kern-heading-medium">
            {a?.dryRun ? t("monitoring.dryRun") : t("monitoring.commit")}
          </h2>
          {r.refused ? (
            <Alert kind="danger">{t("monitoring.areasRefused")}</Alert>
          ) : (
            <Alert kind={r.unmatched.length ? "warning" : "success"}>
              {t("monitoring.areaResult", { created: r.created, updated: r.updated, unmatched: r.unmatched.length })}
            </Alert>
          )}
          {r.unmatched.length > 0 && (
            <NumberedRows
              caption={t("monitoring.unmatched")}
              headers={[
                t("monitoring.feature"),
                t("monitoring.keyProperty"),
                t("monitoring.areaName"),
                t("monitoring.reason"),
              ]}
              rows={r.unmatched.map((u) => [u.index, u.key, u.name, translateError(t, u.reason)])}
            />
          )}
          {r.withoutGeometry.length > 0 && (
            <p>
              {t("monitoring.withoutGeometry")}: {r.withoutGeometry.join(", ")}
            </p>
          )}
        </section>
      )}
      {l && <AreaListResult report={l} dryRun={!!a?.dryRun} />}
      <section aria-labelledby="al-h" className="stack">
        <h2 id="al-h" className="kern-heading-medium">
          {t("monitoring.areaList.title")}
        </h2>
        <p className="kern-body">{t("monitoring.areaList.intro")}</p>
        <PostForm encType="multipart/form-data" className="form-grid">
          <input type="hidden" name="intent" value="list" />
          <FileField
            name="list"
            id="f-list"
            label={t("monitoring.areaList.file")}
            hint={t("monitoring.areaList.fileHint", { mb: d.uploadMb })}
            accept=".csv,.txt,.xlsx"
          />
          <Checkbox name="dryRun" id="f-list-dry" label={t("monitoring.dryRunCheckbox")} defaultChecked />
          <div>
            <button type="submit" className="kern-btn kern-btn--primary">
              <span className="kern-label">{t("monitoring.areaList.submit")}</span>
            </button>
          </div>
        </PostForm>
      </section>
      <h2 className="kern-heading-medium">{t("monitoring.areaList.geometryTitle")}</h2>
      {d.profiles.length === 0 ? (
        <p>{t("monitoring.noAreaProfiles")}</p>
      ) : (
        <PostForm encType="multipart/form-data" className="form-grid">
          <FileField
            name="files"
            label={t("monitoring.areaFiles")}
            hint={t("monitoring.areaFilesHint")}
            accept=".geojson,.json,.kml,.shp,.dbf,.prj,.cpg,.shx"
            multiple
          />
          <Select
            name="profile"
            label={t("monitoring.areaProfile")}
            required
            options={d.profiles.map((p) => ({
              value: p.name,
              label: p.description ? `${p.name} – ${p.description}` : p.name,
            }))}
          />
          <Checkbox name="dryRun" label={t("monitoring.dryRunCheckbox")} defaultChecked />
          <div>
            <button type="submit" className="kern-btn kern-btn--primary">
              <span className="kern-label">{t("monitoring.upload")}</span>
            </button>
          </div>
        </PostForm>
      )}
    </>
  );
}

/** The list's report: what it would create or update, and every row in error or worth a note. */
function AreaListResult({ report: l, dryRun }: { report: AreaListReport; dryRun: boolean }) {
  const t = useT();
  return (
    <section aria-labelledby="alr-h" className="stack">
      <h2 id="alr-h" className="kern-heading-medium">
        {dryRun || !l.written ? t("monitoring.dryRun") : t("monitoring.commit")}
      </h2>
      {l.errors.length ? (
        <Alert kind="danger">{t("monitoring.areaList.refused", { count: l.errors.length })}</Alert>
      ) : (
        <Alert kind="success">
          {t("monitoring.areaList.result", { rows: l.rows, created: l.created, updated: l.updated })}
        </Alert>
      )}
      {[
        { list: l.errors, caption: t("monitoring.areaList.errorsCaption") },
        { list: l.notes, caption: t("monitoring.areaList.notesCaption") },
      ]
        .filter((x) => x.list.length)
        .map((x) => (
          <NumberedRows
            key={x.caption}
            caption={x.caption}
            headers={[
              t("monitoring.areaList.line"),
              t("monitoring.areaKey"),
              t("monitoring.areaName"),
              t("monitoring.reason"),
            ]}
            rows={x.list.map((e) => [e.line, e.key, e.name, translateError(t, e.reason)])}
          />
        ))}
    </section>
  );
}
