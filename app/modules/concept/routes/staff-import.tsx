import "./strings";
import { data, Link } from "react-router";
import type { Route } from "./+types/staff-import";
import { requireRole, tenantContext, tenantTx, tFor, requestContext } from "~/kernel/http/context";
import { audit } from "~/kernel/audit/service";
import { Alert, FileField, PageTitle, PostForm } from "~/kernel/ui/forms";
import { useT } from "~/kernel/ui/hooks";
import { getEdition, listEditions } from "../services/concept";
import { translateError } from "~/kernel/errors";
import {
  applyImport,
  dropStagedImport,
  ImportAbort,
  planImport,
  readFile,
  stagedImport,
  stageImport,
  type ParsedFile,
  type RowError,
} from "../services/transfer";
import { filesTooLarge, requestTooLarge, uploadLimitMb } from "~/kernel/upload";

export async function loader({ context }: Route.LoaderArgs) {
  requireRole(context, "editor");
  const { tenant } = context.get(tenantContext);
  const eds = await tenantTx(context, listEditions);
  // Only editions still open for changes take an import.
  return {
    slug: tenant.slug,
    editions: eds.filter((e) => e.status !== "abgeloest").map((e) => ({ value: e.id, label: e.title })),
    uploadMaxMb: uploadLimitMb(context.get(requestContext).lang),
  };
}

type Preview = { line: number; code: string; title: string; action: string }[];

export async function action({ request, context }: Route.ActionArgs) {
  requireRole(context, "editor");
  const t = tFor(context);
  const messages = (errors: RowError[]) =>
    errors.map((e) => {
      const text = translateError(t, e);
      return { line: e.line, message: e.inRow ? t("concept.importErrors.row", { line: e.line, text }) : text };
    });
  const tooLarge = () =>
    data(
      {
        errors: [{ line: 0, message: t("upload.tooLarge", { mb: uploadLimitMb(context.get(requestContext).lang) }) }],
        preview: null as Preview | null,
        done: null as string | null,
        file: null as null | { name: string; staged: string; editionId: string },
      },
      { status: 413 },
    );
  const refuse = (errors: RowError[]) =>
    data({ errors: messages(errors), preview: null, done: null, file: null }, { status: 400 });
  if (requestTooLarge(request)) return tooLarge();
  const f = await request.formData();
  const editionId = String(f.get("editionId") ?? "");
  const confirm = f.get("intent") === "confirm";
  let name: string, parsed: ParsedFile;
  if (confirm) {
    // The confirmation carries the id of the file checked before (decision 0010), not the file.
    const id = String(f.get("staged") ?? "");
    const row = await tenantTx(context, (tx) => stagedImport(tx, id));
    if (!row)
      return data(
        { errors: [{ line: 0, message: t("concept.import.stagedGone") }], preview: null, done: null, file: null },
        { status: 410 },
      );
    name = row.fileName;
    parsed = row.file;
  } else {
    const file = f.get("file");
    if (!(file instanceof File) || file.size === 0)
      return data(
        { errors: [{ line: 0, message: t("concept.import.noFile") }], preview: null, done: null, file: null },
        { status: 400 },
      );
    if (filesTooLarge([file])) return tooLarge();
    name = file.name;
    // Parsed in the kernel's worker thread, outside any transaction.
    parsed = await readFile(name, Buffer.from(await file.arrayBuffer()));
  }
  if (!parsed.ok) return refuse(parsed.errors);
  const file = parsed;
  try {
    return await tenantTx(context, async (tx) => {
      if (!(await getEdition(tx, editionId)))
        return data(
          { errors: [{ line: 0, message: t("concept.noEdition") }], preview: null, done: null, file: null },
          { status: 400 },
        );
      const plan = await planImport(tx, editionId, file);
      if (plan.errors.length) return refuse(plan.errors);
      if (!confirm) {
        const staged = await stageImport(tx, name, file);
        return {
          errors: null,
          done: null,
          preview: plan.rows.map((r) => ({ line: r.line, code: r.code, title: r.title, action: r.action })),
          file: { name, staged, editionId },
        };
      }
      const n = await applyImport(tx, editionId, plan.rows);
      await dropStagedImport(tx, String(f.get("staged")));
      await audit(tx, {
        action: "import",
        entity: "concept_measure",
        entityId: editionId,
        after: { file: name, rows: plan.rows.length, changed: n },
      });
      return { errors: null, preview: null, file: null, done: t("concept.import.done", { count: n }) };
    });
  } catch (e) {
    if (e instanceof ImportAbort) return refuse([e.row]);
    throw e;
  }
}

export default function ImportPage({ loaderData: d, actionData: a }: Route.ComponentProps) {
  const t = useT();
  const title = t("concept.import.title");
  return (
    <>
      <PageTitle>{title}</PageTitle>
      <h1 className="kern-heading-large">{title}</h1>
      <p className="kern-body">{t("concept.import.intro")}</p>
      {a?.done && <Alert kind="success">{a.done}</Alert>}
      {a?.errors && (
        <div className="kern-alert kern-alert--danger" role="alert">
          <div className="kern-alert__header">
            <span className="kern-title">{t("concept.import.errors", { count: a.errors.length })}</span>
          </div>
          <div className="kern-alert__body">
            <ul className="kern-list">
              {a.errors.map((e, i) => (
                <li key={i}>{e.message}</li>
              ))}
            </ul>
          </div>
        </div>
      )}
      {a?.preview && a.file ? (
        <section aria-labelledby="h-prev">
          <h2 id="h-prev" className="kern-heading-medium">
            {t("concept.import.preview", { count: a.preview.length })}
          </h2>
          <div className="table-wrap" tabIndex={0}>
            <table className="kern-table">
              <caption className="kern-sr-only">{t("concept.import.preview", { count: a.preview.length })}</caption>
              <thead className="kern-table__head">
                <tr className="kern-table__row">
                  <th scope="col" className="kern-table__header">
                    {t("concept.import.line")}
                  </th>
                  <th scope="col" className="kern-table__header">
                    {t("concept.measure.code")}
                  </th>
                  <th scope="col" className="kern-table__header">
                    {t("concept.measure.title")}
                  </th>
                  <th scope="col" className="kern-table__header">
                    {t("concept.import.action")}
                  </th>
                </tr>
              </thead>
              <tbody className="kern-table__body">
                {a.preview.map((r) => (
                  <tr key={r.line} className="kern-table__row">
                    <td className="kern-table__cell">{r.line}</td>
                    <td className="kern-table__cell">{r.code}</td>
                    <th scope="row" className="kern-table__cell">
                      {r.title}
                    </th>
                    <td className="kern-table__cell">{r.action}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <PostForm className="actions">
            <input type="hidden" name="intent" value="confirm" />
            <input type="hidden" name="editionId" value={a.file.editionId} />
            <input type="hidden" name="staged" value={a.file.staged} />
            <button type="submit" className="kern-btn kern-btn--primary">
              <span className="kern-label">{t("concept.import.confirm")}</span>
            </button>
            <Link className="kern-link" to="">
              {t("concept.form.cancel")}
            </Link>
          </PostForm>
        </section>
      ) : (
        <PostForm encType="multipart/form-data" className="form-grid">
          <div className="kern-form-input">
            <label className="kern-label" htmlFor="f-editionId">
              {t("concept.import.edition")}
            </label>
            <div className="kern-form-input__select-wrapper">
              <select className="kern-form-input__select" id="f-editionId" name="editionId">
                {d.editions.map((e) => (
                  <option key={e.value} value={e.value}>
                    {e.label}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <FileField
            name="file"
            label={t("concept.import.file")}
            hint={t("concept.import.fileHint", { mb: d.uploadMaxMb })}
            accept=".xlsx,.csv"
          />
          <div>
            <button type="submit" className="kern-btn kern-btn--primary">
              <span className="kern-label">{t("concept.import.check")}</span>
            </button>
          </div>
        </PostForm>
      )}
    </>
  );
}
