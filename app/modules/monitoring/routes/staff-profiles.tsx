import "../import-strings";
import { Link, data } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/staff-profiles";
import { requireRole, tenantTx, tFor } from "~/kernel/http/context";
import { Alert, FileField, PageTitle, PostForm } from "~/kernel/ui/forms";
import { useFormat, useT } from "~/kernel/ui/hooks";
import { DataTable, RowAction } from "~/kernel/ui/table";
import {
  deleteProfile,
  problemText,
  PROFILE_FILE_MAX_BYTES,
  profileSummaries,
  readProfileFile,
  storeProfile,
  type ProfileKind,
} from "../services/profiles";
import "~/kernel/ui/data-view.css";
import "../monitoring.css";

/** Import profiles as files (docs/monitoring-import-profiles.md): list, download, upload, delete. */
export async function loader({ context }: Route.LoaderArgs) {
  requireRole(context, "editor");
  const profiles = await tenantTx(context, (tx) => profileSummaries(tx));
  return {
    profiles: profiles.map((p) => ({ ...p, updatedAt: p.updatedAt.toISOString() })),
    maxKb: PROFILE_FILE_MAX_BYTES / 1024,
  };
}

type ActionResult = {
  ok?: string;
  error?: string;
  /** The upload's refusal, and for an invalid profile each problem with its path. */
  fileError?: string;
  problems?: string[];
  confirm?: { name: string; kind: ProfileKind };
};

const Delete = z.object({
  intent: z.literal("delete"),
  name: z.string().min(1).max(200),
  // Without confirm the page asks first (a form of its own, so it works without JavaScript).
  confirm: z.literal("1").optional(),
});

// Room for the CSRF field, the intent and the multipart framing beside the file itself.
const FORM_OVERHEAD_BYTES = 16 * 1024;

export async function action({ request, context }: Route.ActionArgs) {
  requireRole(context, "editor");
  const t = tFor(context);
  const refuse = (status: number, r: ActionResult) => data<ActionResult>(r, { status });
  const tooLarge = () =>
    refuse(413, { fileError: t("monitoring.importProfiles.tooLarge", { kb: PROFILE_FILE_MAX_BYTES / 1024 }) });
  if (Number(request.headers.get("content-length") ?? 0) > PROFILE_FILE_MAX_BYTES + FORM_OVERHEAD_BYTES)
    return tooLarge();
  const form = await request.formData();
  const intent = form.get("intent");

  if (intent === "upload") {
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0)
      return refuse(400, { fileError: t("monitoring.importProfiles.fileMissing") });
    if (file.size > PROFILE_FILE_MAX_BYTES) return tooLarge();
    if (!/\.json$/i.test(file.name)) return refuse(415, { fileError: t("monitoring.importProfiles.fileType") });
    const r = readProfileFile(new Uint8Array(await file.arrayBuffer()));
    if (!r.ok)
      return refuse(422, {
        fileError: t("monitoring.importProfiles.invalid"),
        problems: r.problems.map((p) => problemText(t, p)),
      });
    const done = await tenantTx(context, (tx) => storeProfile(tx, r.profile));
    return { ok: t(`monitoring.importProfiles.${done}`, { name: r.profile.name }) } satisfies ActionResult;
  }

  const parsed = Delete.safeParse(Object.fromEntries(form));
  if (!parsed.success) return refuse(400, { error: t("errors.badRequest") });
  const { name, confirm } = parsed.data;
  const notFound = () => refuse(404, { error: t("monitoring.importProfiles.notFound", { name }) });
  if (!confirm) {
    const p = (await tenantTx(context, (tx) => profileSummaries(tx))).find((x) => x.name === name);
    return p ? ({ confirm: { name: p.name, kind: p.kind } } satisfies ActionResult) : notFound();
  }
  if (!(await tenantTx(context, (tx) => deleteProfile(tx, name)))) return notFound();
  return { ok: t("monitoring.importProfiles.deleted", { name }) } satisfies ActionResult;
}

export default function StaffProfiles({ loaderData: d, actionData, params }: Route.ComponentProps) {
  const t = useT();
  const f = useFormat();
  const a = actionData as ActionResult | undefined;
  const page = `/t/${params.slug}/verwaltung/monitoring/profile`;
  const kind = (k: ProfileKind) => t(`monitoring.importProfiles.kinds.${k}`);
  return (
    <>
      <PageTitle>{t("monitoring.importProfiles.title")}</PageTitle>
      <p>
        <Link className="kern-link" to={`/t/${params.slug}/verwaltung/monitoring`}>
          {t("monitoring.title")}
        </Link>
      </p>
      <h1 className="kern-heading-large">{t("monitoring.importProfiles.title")}</h1>
      {a?.ok && <Alert kind="success">{a.ok}</Alert>}
      {a?.error && <Alert kind="danger">{a.error}</Alert>}
      {a?.fileError && (
        <div className="kern-alert kern-alert--danger" role="alert" tabIndex={-1}>
          <div className="kern-alert__header">
            <span className="kern-title">{t("form.errorSummary")}</span>
          </div>
          <div className="kern-alert__body">
            <p className="kern-body">
              <a className="kern-link" href="#f-file">
                {a.fileError}
              </a>
            </p>
            {a.problems && a.problems.length > 0 && (
              <ul className="kern-list">
                {a.problems.map((p, i) => (
                  <li key={i}>{p}</li>
                ))}
              </ul>
            )}
          </div>
        </div>
      )}
      {a?.confirm && (
        <section aria-labelledby="del-h" className="stack">
          <h2 id="del-h" className="kern-heading-medium" tabIndex={-1}>
            {t("monitoring.importProfiles.deleteConfirmTitle")}
          </h2>
          <p>
            {t("monitoring.importProfiles.deleteConfirmText", { name: a.confirm.name, kind: kind(a.confirm.kind) })}
          </p>
          <PostForm>
            <input type="hidden" name="intent" value="delete" />
            <input type="hidden" name="name" value={a.confirm.name} />
            <input type="hidden" name="confirm" value="1" />
            <button type="submit" className="kern-btn kern-btn--primary">
              <span className="kern-label">{t("monitoring.importProfiles.deleteConfirm")}</span>
            </button>{" "}
            <Link className="kern-link" to={page}>
              {t("monitoring.importProfiles.cancel")}
            </Link>
          </PostForm>
        </section>
      )}
      <p className="kern-body">{t("monitoring.importProfiles.intro")}</p>

      <section aria-labelledby="list-h" className="stack">
        <h2 id="list-h" className="kern-heading-medium">
          {t("monitoring.importProfiles.caption")}
        </h2>
        {d.profiles.length === 0 ? (
          <p>{t("monitoring.importProfiles.none")}</p>
        ) : (
          <DataTable
            caption={t("monitoring.importProfiles.caption")}
            headers={[
              t("monitoring.importProfiles.name"),
              t("monitoring.importProfiles.kind"),
              t("monitoring.importProfiles.description"),
              t("monitoring.importProfiles.updated"),
              t("monitoring.importProfiles.actions"),
            ]}
          >
            {d.profiles.map((p) => (
              <tr key={p.name} className="kern-table__row">
                <th scope="row" className="kern-table__cell">
                  {p.name}
                </th>
                <td className="kern-table__cell">{kind(p.kind)}</td>
                <td className="kern-table__cell">{p.description}</td>
                <td className="kern-table__cell">{f.dateTime(p.updatedAt)}</td>
                <td className="kern-table__cell">
                  {/* A file, not a page: the browser fetches it itself. */}
                  <a className="kern-link" href={`${page}/${encodeURIComponent(p.name)}.json`} download>
                    {t("monitoring.importProfiles.download")}
                    <span className="kern-sr-only"> – {p.name}</span>
                  </a>
                  <RowAction
                    intent="delete"
                    fields={{ name: p.name }}
                    label={t("monitoring.importProfiles.delete")}
                    target={p.name}
                  />
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>

      <section aria-labelledby="up-h" className="stack">
        <h2 id="up-h" className="kern-heading-medium">
          {t("monitoring.importProfiles.uploadTitle")}
        </h2>
        <PostForm encType="multipart/form-data" className="form-grid">
          <input type="hidden" name="intent" value="upload" />
          <FileField
            name="file"
            label={t("monitoring.importProfiles.file")}
            hint={t("monitoring.importProfiles.fileHint", { kb: d.maxKb })}
            error={a?.fileError}
            accept=".json,application/json"
          />
          <div>
            <button type="submit" className="kern-btn kern-btn--primary">
              <span className="kern-label">{t("monitoring.importProfiles.upload")}</span>
            </button>
          </div>
        </PostForm>
      </section>
    </>
  );
}
