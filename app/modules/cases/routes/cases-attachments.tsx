import "./strings";
import { eq } from "drizzle-orm";
import { data, Link, redirect } from "react-router";
import type { Route } from "./+types/cases-attachments";
import { failureErrors, requestContext, tenantContext, tFor } from "~/kernel/http/context";
import { Alert, Checkbox, ErrorSummary, FileField, PageTitle, Select, PostForm } from "~/kernel/ui/forms";
import { useFormat, useT } from "~/kernel/ui/hooks";
import { DataTable } from "~/kernel/ui/table";
import { filesTooLarge, requestTooLarge, uploadLimitMb } from "~/kernel/upload";
import { may } from "../core/context";
import { clients } from "../core/schema";
import { deleteAttachment, listAttachments, uploadAttachment } from "../attachments/service";
import { MEDIA_TYPES } from "../attachments/schema";
import { caseTx, requireCaseSeat } from "./session.server";

// The attachments of a case (attachments/service.ts): the list with name, type, size and date for
// readers of the category (logged as a read), an upload form and a confirmed delete for its writers.
// The file itself comes from cases-attachment-file.ts.

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const seat = await requireCaseSeat(context, request);
  const r = await caseTx(context, seat, async (tx, me) => {
    const list = await listAttachments(tx, me, params.clientId);
    if (!list.ok) return null;
    const [c] = await tx.select({ pseudonym: clients.pseudonym }).from(clients).where(eq(clients.id, params.clientId));
    return {
      pseudonym: c.pseudonym,
      list: list.value,
      mayWrite: await may(tx, params.clientId, "attachments", "write"),
      mayDownload: await may(tx, params.clientId, "attachments", "download"),
    };
  });
  if (!r) throw data({ message: tFor(context)("cases.attachments.errors.notAllowed") }, { status: 403 });
  return {
    slug: context.get(tenantContext).tenant.slug,
    clientId: params.clientId,
    mb: uploadLimitMb(context.get(requestContext).lang),
    notice: new URL(request.url).searchParams.get("ok"),
    ...r,
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const seat = await requireCaseSeat(context, request);
  const t = tFor(context);
  const tooLarge = () =>
    data(
      {
        intent: "upload",
        errors: {
          file: t("cases.attachments.errors.tooLarge", { mb: uploadLimitMb(context.get(requestContext).lang) }),
        },
      },
      { status: 413 },
    );
  if (requestTooLarge(request)) return tooLarge();
  const f = await request.formData();
  const intent = String(f.get("intent") ?? "");
  const here = `/t/${context.get(tenantContext).tenant.slug}/verwaltung/fallarbeit/fall/${params.clientId}/anlagen`;
  if (intent === "upload") {
    const file = f.get("file");
    if (!(file instanceof File) || file.size === 0)
      return data({ intent, errors: { file: t("cases.attachments.errors.empty") } }, { status: 400 });
    if (filesTooLarge([file])) return tooLarge();
    const bytes = new Uint8Array(await file.arrayBuffer());
    const r = await caseTx(context, seat, (tx, me) =>
      uploadAttachment(tx, me, { clientId: params.clientId, name: file.name, declaredType: file.type, bytes }),
    );
    if (!r.ok)
      return data(
        { intent, errors: failureErrors(context, r) },
        { status: r.error.code.endsWith("notAllowed") ? 403 : 400 },
      );
    return redirect(`${here}?ok=uploaded`);
  }
  if (intent === "delete") {
    if (f.get("confirm") !== "1")
      return data({ intent, errors: { confirm: t("cases.attachments.confirmMissing") } }, { status: 400 });
    const r = await caseTx(context, seat, (tx, me) =>
      deleteAttachment(tx, me, params.clientId, String(f.get("id") ?? "")),
    );
    if (!r.ok) return data({ intent, errors: failureErrors(context, r) }, { status: 400 });
    return redirect(`${here}?ok=deleted`);
  }
  throw data({ message: t("errors.badRequest") }, { status: 400 });
}

export default function CaseAttachments({ loaderData: d, actionData: a }: Route.ComponentProps) {
  const t = useT();
  const fmt = useFormat();
  const here = `/t/${d.slug}/verwaltung/fallarbeit/fall/${d.clientId}`;
  const title = t("cases.attachments.title", { pseudonym: d.pseudonym });
  const errorsOf = (intent: string) => (a?.intent === intent ? (a.errors as Record<string, string>) : null);
  const size = (n: number) =>
    n >= 1024 * 1024
      ? t("cases.attachments.mb", { n: fmt.number(n / 1024 / 1024, 1) })
      : t("cases.attachments.kb", { n: fmt.number(Math.max(1, Math.round(n / 1024))) });
  const typeOf = (m: string) =>
    (MEDIA_TYPES as readonly string[]).includes(m) ? t(`cases.attachments.types.${m}`) : m;
  return (
    <>
      <PageTitle>{title}</PageTitle>
      <p>
        <Link className="kern-link" to={here}>
          {t("cases.attachments.back")}
        </Link>
      </p>
      <h1 className="kern-heading-large">{title}</h1>
      {d.notice === "uploaded" && <Alert kind="success">{t("cases.attachments.uploaded")}</Alert>}
      {d.notice === "deleted" && <Alert kind="success">{t("cases.attachments.deleted")}</Alert>}
      <p className="kern-body">{t("cases.attachments.intro", { mb: d.mb })}</p>
      {d.list.length === 0 ? (
        <p className="kern-body">{t("cases.attachments.none")}</p>
      ) : (
        <DataTable
          caption={title}
          headers={[
            t("cases.attachments.name"),
            t("cases.attachments.type"),
            { label: t("cases.attachments.size"), numeric: true },
            t("cases.attachments.date"),
          ]}
        >
          {d.list.map((f) => (
            <tr key={f.id} className="kern-table__row">
              <td className="kern-table__cell">
                {d.mayDownload ? (
                  <a
                    className="kern-link"
                    href={`${here}/anlagen/${f.id}`}
                    aria-label={t("cases.attachments.downloadLabel", { name: f.name })}
                    download
                  >
                    {f.name}
                  </a>
                ) : (
                  f.name
                )}
              </td>
              <td className="kern-table__cell">{typeOf(f.mediaType)}</td>
              <td className="kern-table__cell kern-table__cell--numeric">{size(f.byteSize)}</td>
              <td className="kern-table__cell">{fmt.dateTime(f.uploadedAt)}</td>
            </tr>
          ))}
        </DataTable>
      )}
      {d.mayWrite && (
        <PostForm encType="multipart/form-data" className="form-grid" aria-labelledby="hochladen">
          <h2 id="hochladen" className="kern-heading-medium">
            {t("cases.attachments.uploadHeading")}
          </h2>
          <input type="hidden" name="intent" value="upload" />
          <ErrorSummary errors={errorsOf("upload")} />
          <FileField
            name="file"
            label={t("cases.attachments.file")}
            hint={t("cases.attachments.fileHint", { mb: d.mb })}
            accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
            error={errorsOf("upload")?.file}
          />
          <div>
            <button type="submit" className="kern-btn kern-btn--primary">
              <span className="kern-label">{t("cases.attachments.submit")}</span>
            </button>
          </div>
        </PostForm>
      )}
      {d.mayWrite && d.list.length > 0 && (
        <PostForm className="form-grid" aria-labelledby="loeschen">
          <h2 id="loeschen" className="kern-heading-medium">
            {t("cases.attachments.deleteHeading")}
          </h2>
          <input type="hidden" name="intent" value="delete" />
          <ErrorSummary errors={errorsOf("delete")} />
          <Select
            name="id"
            label={t("cases.attachments.deleteWhich")}
            options={d.list.map((f) => ({ value: f.id, label: `${f.name} (${fmt.dateTime(f.uploadedAt)})` }))}
            required
          />
          <Checkbox name="confirm" id="f-confirm" label={t("cases.attachments.deleteConfirm")} />
          <div>
            <button type="submit" className="kern-btn kern-btn--secondary">
              <span className="kern-label">{t("cases.attachments.deleteSubmit")}</span>
            </button>
          </div>
        </PostForm>
      )}
    </>
  );
}
