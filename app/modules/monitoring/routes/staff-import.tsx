import { Link, data, redirect } from "react-router";
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
import { Alert, FileField, ErrorSummary, formValues, PageTitle, Select, PostForm } from "~/kernel/ui/forms";
import { ServiceError } from "~/kernel/errors";
import { useT } from "~/kernel/ui/hooks";
import { listIndicators } from "../services/indicators";
import { getProfile, listProfiles, ObservationProfile, saveProfile } from "../services/importer";
import { IMPORT_JOB, type ImportJobPayload } from "../jobs";
import { enqueueJob } from "~/kernel/jobs/service";
import { guessLayout, isXlsx } from "../services/tabular";
import {
  fieldOfPath,
  formatFromForm,
  formFromProfile,
  guessIndicator,
  profileFromForm,
} from "../services/profile-form";
import { ImportMapping } from "../import-mapping";
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
    indicators: (await listIndicators(tx))
      .filter((i) => !i.derivation)
      .map((i) => ({ code: i.code, name: i.name, coreSet: i.coreSet })),
    profile: profileName ? await getProfile(tx, profileName) : undefined,
  }));
  let upload = null,
    gone = false;
  if (uploadId && /^[0-9a-f-]{36}$/.test(uploadId)) {
    const stored = profile?.kind === "observations" ? profile : undefined;
    // The file's structure as chosen on the page (header line, lines it spans), else the profile's.
    const choice = structureChoice(url.searchParams);
    const fmt = { ...(stored?.format ?? {}), ...choice.format };
    try {
      // Parsed when it was uploaded: this reads the stored result (decision 0010).
      const staged = await stagedInfo(inTx, uploadId, fmt);
      if (staged) {
        const tbl = await openStaged(inTx, uploadId, fmt);
        const header = tbl.detected.header;
        const fields = stored ? formFromProfile(stored, header) : null;
        upload = {
          id: uploadId,
          fileName: staged.fileName,
          detected: tbl.detected,
          sheets: staged.info.sheets,
          sheet: staged.info.sheet,
          firstLines: staged.info.head.slice(0, Math.max(15, tbl.detected.headerRow + tbl.detected.headerRows + 8)),
          error: null as string | null,
          layout: (choice.layout ?? stored?.layout ?? guessLayout(tbl.detected)) as "long" | "wide",
          /** A stored profile the form cannot show: used as it is. */
          asIs: stored && !fields ? stored.name : null,
          fields,
          guesses: header.map((h) => guessIndicator(h, indicators)),
        };
      } else gone = true;
    } catch (e) {
      if (!(e instanceof ServiceError)) throw e;
      upload = { id: uploadId, fileName: "", detected: null, error: errorText(context, e) };
    }
  }
  return {
    profiles,
    indicators,
    upload,
    gone,
    profileName,
    uploadMaxMb: uploadLimitMb(context.get(requestContext).lang),
  };
}

/** The structure step's choice from the query: sheet, header line, how many lines it spans, long or wide. */
function structureChoice(q: URLSearchParams) {
  const int = (v: string | null, max: number) => (v && /^\d+$/.test(v) && +v >= 1 && +v <= max ? +v : undefined);
  const headerRow = int(q.get("kopfzeile"), 1000),
    headerRows = int(q.get("kopfzeilen"), 5);
  const layout = q.get("aufbau");
  const sheet = q.get("blatt")?.trim();
  return {
    format: {
      ...(headerRow ? { headerRow } : {}),
      ...(headerRows ? { headerRows } : {}),
      ...(sheet ? { sheet: sheet.slice(0, 200) } : {}),
    },
    layout: layout === "long" || layout === "wide" ? layout : undefined,
  };
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
  const inTx = <T,>(fn: (tx: Tx) => Promise<T>) => tenantTx(context, fn);
  let profile: ObservationProfile;
  if (useProfile) {
    const p = await tenantTx(context, (tx) => getProfile(tx, useProfile));
    if (!p || p.kind !== "observations") return data({ errors: { _form: t("errors.notFound") } }, { status: 404 });
    profile = p;
  } else {
    // The header names the wide columns by position: read from the staged parse as the form saw it.
    const fields = Object.fromEntries(
      [...form.entries()].filter(([, v]) => typeof v === "string").map(([k, v]) => [k, String(v)]),
    );
    const fmt = formatFromForm(fields);
    let header: string[] = [];
    try {
      if (await stagedInfo(inTx, uploadId, fmt)) header = (await openStaged(inTx, uploadId, fmt)).detected.header;
    } catch (e) {
      if (!(e instanceof ServiceError)) throw e;
    }
    const parsed = ObservationProfile.safeParse(profileFromForm(fields, header));
    if (!parsed.success) {
      const texts = fieldErrors(
        context,
        parsed.error.issues.map((i) => ({ ...i, path: [fieldOfPath(i.path)] })),
      );
      return data({ errors: texts, values: formValues(form) }, { status: 400 });
    }
    profile = parsed.data;
  }
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
          <PostForm encType="multipart/form-data" className="form-grid">
            <input type="hidden" name="intent" value="upload" />
            <FileField
              name="file"
              label={t("monitoring.file")}
              hint={t("monitoring.uploadHint", { mb: d.uploadMaxMb })}
              error={errors?.file}
              accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            />
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
          </PostForm>
        </section>
      )}

      {u && u.error && <Alert kind="danger">{u.error}</Alert>}
      {u && "detected" in u && u.detected && "firstLines" in u && (
        <ImportMapping
          upload={u}
          profileName={d.profileName}
          indicators={d.indicators}
          errors={errors}
          submitted={actionData && "values" in actionData ? actionData.values : null}
        />
      )}
    </>
  );
}
