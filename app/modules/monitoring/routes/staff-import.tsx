import { Form, Link, data, redirect } from "react-router";
import type { Route } from "./+types/staff-import";
import {
  currentUser,
  errorText,
  fieldErrors,
  requireRole,
  tenantTx,
  tFor,
  requestContext,
} from "~/kernel/http/context";
import {
  Alert,
  CsrfField,
  ErrorSummary,
  Field,
  formValues,
  PageTitle,
  Select,
  SubmittedValues,
} from "~/kernel/ui/forms";
import { ServiceError } from "~/kernel/errors";
import { useT } from "~/kernel/ui/hooks";
import { listIndicators } from "../services/indicators";
import { getProfile, listProfiles, ObservationProfile, saveProfile } from "../services/importer";
import { IMPORT_JOB, type ImportJobPayload } from "../jobs";
import { enqueueJob } from "~/kernel/jobs/service";
import { isXlsx } from "../services/tabular";
import { openStaged, stageUpload, stagedInfo } from "../services/staged";
import type { Tx } from "~/kernel/db/client";
import { filesTooLarge, requestTooLarge, uploadLimitMb } from "~/kernel/upload";
import "~/kernel/ui/data-view.css";
import "../monitoring.css";

export async function loader({ context, request }: Route.LoaderArgs) {
  requireRole(context, "editor");
  const url = new URL(request.url);
  const uploadId = url.searchParams.get("upload");
  const profileName = url.searchParams.get("profil") || null;
  const inTx = <T,>(fn: (tx: Tx) => Promise<T>) => tenantTx(context, fn);
  const { profiles, indicators, profile } = await inTx(async (tx) => ({
    profiles: (await listProfiles(tx))
      .filter((p) => (p.profile as { kind?: string }).kind === "observations")
      .map((p) => p.name),
    indicators: (await listIndicators(tx)).filter((i) => !i.derivation).map((i) => ({ code: i.code, name: i.name })),
    profile: profileName ? await getProfile(tx, profileName) : undefined,
  }));
  let upload = null,
    gone = false;
  if (uploadId && /^[0-9a-f-]{36}$/.test(uploadId)) {
    const fmt = profile?.kind === "observations" ? profile.format : {};
    try {
      // Parsed when it was uploaded: this reads the stored result (decision 0010).
      const staged = await stagedInfo(inTx, uploadId, fmt);
      if (staged) {
        const tbl = await openStaged(inTx, uploadId, fmt);
        upload = {
          id: uploadId,
          fileName: staged.fileName,
          detected: tbl.detected,
          error: null as string | null,
          profile:
            profile?.kind === "observations"
              ? {
                  name: profile.name,
                  simple: profile.layout === "long" && !profile.series,
                  area: profile.area.column,
                  areaName: profile.area.nameColumn ?? "",
                  period: profile.period.column ?? "",
                  value: profile.value?.column ?? "",
                  indicator: profile.indicator ?? "",
                  groupColumn: profile.group?.column ?? "",
                  fixedGroup: profile.group?.fixed ?? "",
                }
              : null,
        };
      } else gone = true;
    } catch (e) {
      if (!(e instanceof ServiceError)) throw e;
      upload = { id: uploadId, fileName: "", detected: null, error: errorText(context, e), profile: null };
    }
  }
  return { profiles, indicators, upload, gone, uploadMaxMb: uploadLimitMb(context.get(requestContext).lang) };
}

const blank = (v: FormDataEntryValue | null) => (v == null || v === "" ? undefined : String(v));

export async function action({ request, context, params }: Route.ActionArgs) {
  requireRole(context, "editor");
  const t = tFor(context);
  const tooLarge = () =>
    data(
      { errors: { file: t("upload.tooLarge", { mb: uploadLimitMb(context.get(requestContext).lang) }) } },
      { status: 413 },
    );
  if (requestTooLarge(request)) return tooLarge();
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const user = currentUser(context);
  const base = `/t/${params.slug}/verwaltung/monitoring/import`;

  if (intent === "upload") {
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0)
      return data({ errors: { file: t("monitoring.uploadMissing") } }, { status: 400 });
    if (filesTooLarge([file])) return tooLarge();
    const bytes = new Uint8Array(await file.arrayBuffer());
    const okName = /\.(csv|txt|xlsx)$/i.test(file.name);
    const binary = bytes.subarray(0, 4096).includes(0);
    if (!okName || (/\.xlsx$/i.test(file.name) ? !isXlsx(bytes) : binary))
      return data({ errors: { file: t("monitoring.uploadType") } }, { status: 415 });
    const chosen = blank(form.get("profile"));
    const p = chosen ? await tenantTx(context, (tx) => getProfile(tx, chosen)) : undefined;
    let id: string;
    try {
      // Parsed now, in the parser worker and within the upload limits; only a readable file is staged.
      id = await stageUpload(
        (fn) => tenantTx(context, fn),
        file.name,
        bytes,
        p?.kind === "observations" ? p.format : {},
      );
    } catch (e) {
      if (!(e instanceof ServiceError)) throw e;
      return data({ errors: { file: errorText(context, e) } }, { status: 422 });
    }
    return redirect(`${base}?upload=${id}${chosen ? `&profil=${encodeURIComponent(chosen)}` : ""}`);
  }

  if (intent !== "dryrun" && intent !== "commit")
    return data({ errors: { _form: t("errors.badRequest") } }, { status: 400 });
  const uploadId = String(form.get("upload") ?? "");
  if (!/^[0-9a-f-]{36}$/.test(uploadId))
    return data({ errors: { _form: t("monitoring.uploadGone") } }, { status: 400 });
  const useProfile = blank(form.get("useProfile"));
  let profile: ObservationProfile;
  if (useProfile) {
    const p = await tenantTx(context, (tx) => getProfile(tx, useProfile));
    if (!p || p.kind !== "observations") return data({ errors: { _form: t("errors.notFound") } }, { status: 404 });
    profile = p;
  } else {
    const groupColumn = blank(form.get("groupColumn")),
      fixedGroup = blank(form.get("fixedGroup")),
      seriesColumn = blank(form.get("seriesColumn"));
    const parsed = ObservationProfile.safeParse({
      kind: "observations",
      name: blank(form.get("profileName")) ?? "",
      layout: "long",
      format: {},
      area: { column: blank(form.get("areaColumn")) ?? "", nameColumn: blank(form.get("areaNameColumn")) },
      period: { column: blank(form.get("periodColumn")) ?? "" },
      value: { column: blank(form.get("valueColumn")) ?? "" },
      indicator: seriesColumn ? undefined : blank(form.get("indicator")),
      series: seriesColumn ? { columns: [seriesColumn], codes: true, unmapped: "error" } : undefined,
      group: groupColumn ? { column: groupColumn } : fixedGroup ? { fixed: fixedGroup } : undefined,
    });
    if (!parsed.success) {
      const e = fieldErrors(context, parsed.error.issues);
      const map: Record<string, string> = {
        name: "profileName",
        area: "areaColumn",
        period: "periodColumn",
        value: "valueColumn",
        indicator: "indicator",
      };
      return data(
        {
          errors: Object.fromEntries(Object.entries(e).map(([k, v]) => [map[k] ?? k, v])),
          values: formValues(form),
        },
        { status: 400 },
      );
    }
    profile = parsed.data;
  }
  const inTx = <T,>(fn: (tx: Tx) => Promise<T>) => tenantTx(context, fn);
  let staged;
  try {
    staged = await stagedInfo(inTx, uploadId, profile.format);
  } catch (e) {
    if (!(e instanceof ServiceError)) throw e;
    return data({ errors: { _form: errorText(context, e) } }, { status: 422 });
  }
  if (!staged) return data({ errors: { _form: t("monitoring.uploadGone") } }, { status: 410 });
  if (!useProfile) await tenantTx(context, (tx) => saveProfile(tx, profile));
  // Read, checked and merged in the background (decision 0020); the job's page shows the progress.
  const jobId = await tenantTx(context, (tx) =>
    enqueueJob(
      tx,
      IMPORT_JOB,
      { uploadId, fileName: staged.fileName, profile, dryRun: intent === "dryrun" } satisfies ImportJobPayload,
      {
        id: user?.id ?? null,
        label: user?.email ?? "?",
      },
    ),
  );
  return redirect(`${base}/auftrag/${jobId}`);
}

export default function StaffImport({ loaderData: d, actionData, params }: Route.ComponentProps) {
  const t = useT();
  const errors = (actionData?.errors ?? undefined) as Record<string, string> | undefined;
  const u = d.upload;
  const cols = u?.detected ? u.detected.header.filter(Boolean).map((h) => ({ value: h, label: h })) : [];
  const none = { value: "", label: t("monitoring.none") };
  const guess = (re: RegExp) => u?.detected?.header.find((h) => re.test(h)) ?? "";
  const p = u?.profile;
  return (
    <>
      <PageTitle>{t("monitoring.import")}</PageTitle>
      <p>
        <Link className="kern-link" to={`/t/${params.slug}/verwaltung/monitoring`}>
          {t("monitoring.title")}
        </Link>
      </p>
      <h1 className="kern-heading-large">{t("monitoring.import")}</h1>
      <ErrorSummary errors={errors} />
      {d.gone && <Alert kind="warning">{t("monitoring.uploadGone")}</Alert>}

      {!u && (
        <section aria-labelledby="s1-h" className="stack">
          <h2 id="s1-h" className="kern-heading-medium">
            {t("monitoring.step1")}
          </h2>
          <Form method="post" encType="multipart/form-data" className="form-grid">
            <CsrfField />
            <input type="hidden" name="intent" value="upload" />
            <div className={`kern-form-input${errors?.file ? " kern-form-input--error" : ""}`}>
              <label className="kern-label" htmlFor="f-file">
                {t("monitoring.file")}
              </label>
              <div className="kern-hint" id="f-file-hint">
                {t("monitoring.uploadHint", { mb: d.uploadMaxMb })}
              </div>
              {errors?.file && (
                <p className="kern-error" id="f-file-error" role="alert">
                  {errors.file}
                </p>
              )}
              <input
                className="kern-form-input__input"
                id="f-file"
                name="file"
                type="file"
                required
                accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                aria-describedby={`f-file-hint${errors?.file ? " f-file-error" : ""}`}
                aria-invalid={!!errors?.file || undefined}
              />
            </div>
            {d.profiles.length > 0 && (
              <Select
                name="profile"
                label={t("monitoring.useProfile")}
                options={[
                  { value: "", label: t("monitoring.noProfile") },
                  ...d.profiles.map((n) => ({ value: n, label: n })),
                ]}
              />
            )}
            <div>
              <button type="submit" className="kern-btn kern-btn--primary">
                <span className="kern-label">{t("monitoring.upload")}</span>
              </button>
            </div>
          </Form>
        </section>
      )}

      {u && u.error && <Alert kind="danger">{u.error}</Alert>}
      {u && u.detected && (
        <section aria-labelledby="s2-h" className="stack">
          <h2 id="s2-h" className="kern-heading-medium">
            {t("monitoring.step2")}
          </h2>
          <p className="kern-body">
            {u.fileName}:{" "}
            {t("monitoring.detected", {
              kind: u.detected.kind.toUpperCase(),
              encoding: u.detected.encoding,
              delimiter: u.detected.delimiter === "\t" ? "Tab" : u.detected.delimiter,
              decimal: u.detected.decimal,
              header: u.detected.headerRow,
            })}
          </p>
          <div className="table-wrap" role="region" aria-labelledby="prev-cap" tabIndex={0}>
            <table className="kern-table">
              <caption id="prev-cap">{t("monitoring.preview")}</caption>
              <thead className="kern-table__head">
                <tr className="kern-table__row">
                  {u.detected.header.map((h, i) => (
                    <th key={i} scope="col" className="kern-table__header">
                      {h || `${t("monitoring.column")} ${i + 1}`}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="kern-table__body">
                {u.detected.sample.slice(0, 5).map((row, i) => (
                  <tr key={i} className="kern-table__row">
                    {u.detected!.header.map((_h, j) => (
                      <td key={j} className="kern-table__cell">
                        {row[j] ?? ""}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Form method="post" className="form-grid">
            <CsrfField />
            <input type="hidden" name="upload" value={u.id} />
            {p && !p.simple ? (
              <>
                <input type="hidden" name="useProfile" value={p.name} />
                <p className="kern-body">
                  {t("monitoring.useProfile")}: <strong>{p.name}</strong>
                </p>
              </>
            ) : (
              <SubmittedValues values={actionData && "values" in actionData ? actionData.values : null}>
                <Select
                  name="areaColumn"
                  label={t("monitoring.areaColumn")}
                  required
                  error={errors?.areaColumn}
                  defaultValue={p?.area || guess(/gebiet|raum|stadtteil|bezirk|schl/i)}
                  options={[none, ...cols]}
                />
                <Select
                  name="areaNameColumn"
                  label={t("monitoring.areaNameColumn")}
                  defaultValue={p?.areaName || ""}
                  options={[none, ...cols]}
                />
                <Select
                  name="periodColumn"
                  label={t("monitoring.periodColumn")}
                  required
                  error={errors?.periodColumn}
                  defaultValue={p?.period || guess(/jahr|zeit|stichtag|periode/i)}
                  options={[none, ...cols]}
                />
                <Select
                  name="valueColumn"
                  label={t("monitoring.valueColumn")}
                  required
                  error={errors?.valueColumn}
                  defaultValue={p?.value || guess(/wert|anzahl|zahl|value/i)}
                  options={[none, ...cols]}
                />
                <Select
                  name="seriesColumn"
                  label={t("monitoring.seriesColumn")}
                  hint={t("monitoring.seriesColumnHint")}
                  defaultValue=""
                  options={[none, ...cols]}
                />
                <Select
                  name="indicator"
                  label={t("monitoring.indicator")}
                  hint={t("monitoring.indicatorHint")}
                  error={errors?.indicator}
                  defaultValue={p?.indicator || ""}
                  options={[none, ...d.indicators.map((i) => ({ value: i.code, label: `${i.name} (${i.code})` }))]}
                />
                <Select
                  name="groupColumn"
                  label={t("monitoring.groupColumn")}
                  defaultValue={p?.groupColumn || ""}
                  options={[none, ...cols]}
                />
                <Field name="fixedGroup" label={t("monitoring.fixedGroup")} defaultValue={p?.fixedGroup || "gesamt"} />
                <Field
                  name="profileName"
                  label={t("monitoring.profileName")}
                  hint={t("monitoring.profileNameHint")}
                  required
                  error={errors?.profileName}
                  defaultValue={p?.name ?? ""}
                />
              </SubmittedValues>
            )}
            <div className="filter-bar">
              <button type="submit" name="intent" value="dryrun" className="kern-btn kern-btn--secondary">
                <span className="kern-label">{t("monitoring.dryRun")}</span>
              </button>
              <button type="submit" name="intent" value="commit" className="kern-btn kern-btn--primary">
                <span className="kern-label">{t("monitoring.commit")}</span>
              </button>
            </div>
          </Form>
        </section>
      )}
    </>
  );
}
