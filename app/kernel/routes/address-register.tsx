import "../geocoding/strings";
import { data, redirect } from "react-router";
import type { Route } from "./+types/address-register";
import { requestContext, requireRole, tenantContext, tenantTx, tFor } from "../http/context";
import {
  importRegister,
  registerSize,
  REGISTER_CRS,
  type RegisterCrs,
  type RowProblem,
} from "../geocoding/address-register";
import { parseInWorker, UploadRefused } from "../parsing/run";
import { filesTooLarge, requestTooLarge, uploadLimitMb } from "../upload";
import { translateError } from "../errors";
import { ActionForm, Alert, FileField, PageTitle, Select } from "../ui/forms";
import { useT } from "../ui/hooks";
import { DataTable } from "../ui/table";
import { FEEDBACK_ATTR } from "../ui/focus";

// The tenant's address register (decision 0053): administrators replace it with a city's open-data file;
// saving an offer with an address but no point looks the point up here.

export async function loader({ request, context }: Route.LoaderArgs) {
  requireRole(context, "admin");
  const size = await tenantTx(context, (tx) => registerSize(tx));
  const q = new URL(request.url).searchParams;
  const n = (k: string) => (/^\d{1,9}$/.test(q.get(k) ?? "") ? Number(q.get(k)) : null);
  return {
    size,
    imported: n("uebernommen"),
    merged: n("zusammengefasst"),
    mb: uploadLimitMb(context.get(requestContext).lang),
  };
}

type ActionResult = { error: string | null; problems: { line: number; message: string }[] };

export async function action({ request, context }: Route.ActionArgs) {
  requireRole(context, "admin");
  const t = tFor(context);
  const { tenant } = context.get(tenantContext);
  const refuse = (error: string | null, status: number, problems: ActionResult["problems"] = []) =>
    data<ActionResult>({ error, problems }, { status });
  const tooLarge = () => refuse(t("upload.tooLarge", { mb: uploadLimitMb(context.get(requestContext).lang) }), 413);
  if (requestTooLarge(request)) return tooLarge();
  const form = await request.formData();
  const file = form.get("register");
  if (!(file instanceof File) || file.size === 0) return refuse(t("geocoding.missingFile"), 400);
  if (filesTooLarge([file])) return tooLarge();
  if (!/\.(csv|txt)$/i.test(file.name)) return refuse(t("geocoding.wrongType"), 415);
  const crsIn = String(form.get("crs") ?? "wgs84");
  const crs: RegisterCrs = (REGISTER_CRS as readonly string[]).includes(crsIn) ? (crsIn as RegisterCrs) : "wgs84";
  let table;
  try {
    table = await parseInWorker({
      kind: "table",
      bytes: new Uint8Array(await file.arrayBuffer()),
      options: { type: "csv" },
    });
  } catch (e) {
    if (e instanceof UploadRefused) return refuse(translateError(t, e), 400);
    throw e;
  }
  const r = await tenantTx(context, (tx) => importRegister(tx, table, crs));
  if (!r.ok)
    return refuse(
      t("geocoding.problems"),
      400,
      r.problems.map((p: RowProblem) => ({ line: p.line, message: t(p.code, p.params ?? {}) })),
    );
  return redirect(
    `/t/${tenant.slug}/verwaltung/adressverzeichnis?uebernommen=${r.imported}&zusammengefasst=${r.merged}`,
  );
}

export default function AddressRegister({ loaderData: d, actionData: a }: Route.ComponentProps) {
  const t = useT();
  return (
    <>
      <PageTitle>{t("geocoding.title")}</PageTitle>
      <h1 className="kern-heading-large">{t("geocoding.title")}</h1>
      <p className="kern-body">{t("geocoding.intro")}</p>
      {d.imported !== null && (
        <Alert kind="success">
          {t("geocoding.imported", { count: d.imported })}
          {d.merged ? ` ${t("geocoding.merged", { count: d.merged })}` : ""}
        </Alert>
      )}
      <p className="kern-body">{d.size ? t("geocoding.size", { count: d.size }) : t("geocoding.empty")}</p>
      <section aria-labelledby="h-upload" className="stack">
        <h2 id="h-upload" className="kern-heading-medium">
          {t("geocoding.upload")}
        </h2>
        <p className="kern-body">{t("geocoding.uploadIntro")}</p>
        {a?.problems?.length ? (
          <div className="kern-alert kern-alert--danger" role="alert" tabIndex={-1} {...{ [FEEDBACK_ATTR]: "error" }}>
            <div className="kern-alert__body">
              <p className="kern-body">{a.error}</p>
              <DataTable
                caption={a.error ?? ""}
                headers={[{ label: t("geocoding.line"), numeric: true }, t("geocoding.problemColumn")]}
              >
                {a.problems.map((p, i) => (
                  <tr key={i} className="kern-table__row">
                    <td className="kern-table__cell num">{p.line}</td>
                    <td className="kern-table__cell">{p.message}</td>
                  </tr>
                ))}
              </DataTable>
            </div>
          </div>
        ) : null}
        <ActionForm
          intent="import"
          errors={a?.error && !a.problems?.length ? { register: a.error } : null}
          submit={t("geocoding.submit")}
          multipart
        >
          <FileField
            name="register"
            label={t("geocoding.file")}
            hint={t("geocoding.fileHint", { mb: d.mb })}
            accept=".csv,.txt,text/csv,text/plain"
            error={a?.error && !a.problems?.length ? a.error : undefined}
          />
          <Select
            name="crs"
            label={t("geocoding.crs")}
            defaultValue="wgs84"
            required
            options={REGISTER_CRS.map((c) => ({ value: c, label: t(`geocoding.crsValues.${c}`) }))}
          />
        </ActionForm>
      </section>
    </>
  );
}
