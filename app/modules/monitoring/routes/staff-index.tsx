import { Link, data } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/staff-index";
import { effectiveRole, errorText, requireRole, tenantTx, tFor } from "~/kernel/http/context";
import { issueText } from "~/kernel/errors";
import { roleAtLeast } from "~/kernel/roles";
import { Alert, PageTitle, PostForm } from "~/kernel/ui/forms";
import { useFormat, useT } from "~/kernel/ui/hooks";
import { disclosureThreshold, ensureIndicators, listIndicators, setIndicatorPublic } from "../services/indicators";
import { countImports, getImport, listImports, rollbackImport } from "../services/importer";
import { pageQuery } from "~/kernel/pagination";
import { Pagination } from "~/kernel/ui/pagination";
import { CORE_SET } from "../catalogue";
import { Text, Unit, useIndicatorTexts } from "../components";
import "~/kernel/ui/data-view.css";
import "../monitoring.css";
import { DataTable } from "~/kernel/ui/table";
import { Term } from "~/kernel/ui/term";

const IMPORTS_PAGE = 50;

export async function loader({ context, request }: Route.LoaderArgs) {
  requireRole(context, "viewer");
  const role = effectiveRole(context) ?? undefined;
  return tenantTx(context, async (tx) => {
    const imports = await pageQuery(
      new URL(request.url),
      IMPORTS_PAGE,
      () => countImports(tx),
      (limit, offset) => listImports(tx, limit, offset),
    );
    return {
      indicators: (await listIndicators(tx)).map((i) => ({
        code: i.code,
        name: i.name,
        field: i.field,
        fieldEn: i.fieldEn,
        fieldPreset: i.fieldPreset,
        unit: i.unit,
        isPublic: i.isPublic,
        coreSet: i.coreSet,
        derived: !!i.derivation,
      })),
      importsPage: { page: imports.page, pages: imports.pages },
      imports: imports.items.map((i) => ({
        id: i.id,
        kind: i.kind,
        fileName: i.fileName,
        fileHash: i.fileHash.slice(0, 12),
        profileName: i.profileName,
        actor: i.actorLabel,
        at: i.at.toISOString(),
        rowsRead: i.rowsRead,
        inserted: i.inserted,
        updated: i.updated,
        unchanged: i.unchanged,
        skipped: i.skipped,
        rolledBackAt: i.rolledBackAt?.toISOString() ?? null,
        rolledBackBy: i.rolledBackByLabel,
      })),
      threshold: await disclosureThreshold(tx),
      canEdit: roleAtLeast(role, "editor"),
      isAdmin: roleAtLeast(role, "admin"),
    };
  });
}

const Action = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("visibility"),
    code: z.string().regex(/^[a-z][a-z0-9_]{1,62}$/),
    public: z.enum(["0", "1"]),
  }),
  z.object({ intent: z.literal("adopt-core") }),
  // Without confirm the page asks first (a form of its own, so it works without JavaScript).
  z.object({ intent: z.literal("rollback"), id: z.string().uuid(), confirm: z.literal("1").optional() }),
]);

export async function action({ request, context }: Route.ActionArgs) {
  requireRole(context, "editor");
  const t = tFor(context);
  const parsed = Action.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ ok: null, error: issueText(t, parsed.error.issues[0]) }, { status: 400 });
  const a = parsed.data;
  switch (a.intent) {
    case "visibility":
      if (!(await tenantTx(context, (tx) => setIndicatorPublic(tx, a.code, a.public === "1"))))
        return data({ ok: null, error: t("errors.notFound") }, { status: 404 });
      return { ok: t("monitoring.visibilityChanged"), error: null };
    case "adopt-core":
      return {
        ok: t("monitoring.adopted", { count: await tenantTx(context, (tx) => ensureIndicators(tx, CORE_SET)) }),
        error: null,
      };
    case "rollback": {
      if (!a.confirm) {
        const imp = await tenantTx(context, (tx) => getImport(tx, a.id));
        if (!imp) return data({ ok: null, error: t("errors.notFound") }, { status: 404 });
        if (imp.rolledBackAt)
          return data(
            { ok: null, error: errorText(context, { code: "monitoring.importErrors.alreadyRolledBack" }) },
            { status: 409 },
          );
        return {
          ok: null,
          error: null,
          confirm: { id: imp.id, fileName: imp.fileName, at: imp.at.toISOString(), actor: imp.actorLabel },
        };
      }
      const r = await tenantTx(context, (tx) => rollbackImport(tx, a.id));
      return r.ok
        ? { ok: t("monitoring.rollbackDone", { count: r.deleted, restored: r.restored, kept: r.kept }), error: null }
        : data(
            { ok: null, error: errorText(context, r.error) },
            { status: r.error.code === "monitoring.importErrors.importNotFound" ? 404 : 409 },
          );
    }
  }
}

export default function StaffMonitoring({ loaderData: d, actionData, params }: Route.ComponentProps) {
  const t = useT();
  const texts = useIndicatorTexts();
  const f = useFormat();
  const base = `/t/${params.slug}/verwaltung/monitoring`;
  // The word links to its explanation once, at its first row.
  const firstCore = d.indicators.find((i) => i.coreSet)?.code;
  return (
    <>
      <PageTitle>{t("monitoring.title")}</PageTitle>
      <h1 className="kern-heading-large">{t("monitoring.title")}</h1>
      {actionData?.ok && <Alert kind="success">{actionData.ok}</Alert>}
      {actionData?.error && <Alert kind="danger">{actionData.error}</Alert>}
      {actionData && "confirm" in actionData && actionData.confirm && (
        <section aria-labelledby="rb-h" className="stack rollback-confirm">
          <h2 id="rb-h" className="kern-heading-medium" tabIndex={-1}>
            {t("monitoring.rollbackConfirmTitle")}
          </h2>
          <p>
            {t("monitoring.rollbackConfirmText", {
              file: actionData.confirm.fileName,
              at: f.dateTime(actionData.confirm.at),
              actor: actionData.confirm.actor,
            })}
          </p>
          <PostForm>
            <input type="hidden" name="intent" value="rollback" />
            <input type="hidden" name="id" value={actionData.confirm.id} />
            <input type="hidden" name="confirm" value="1" />
            <button type="submit" className="kern-btn kern-btn--primary">
              <span className="kern-label">{t("monitoring.rollbackConfirm")}</span>
            </button>{" "}
            <Link className="kern-link" to={base}>
              {t("monitoring.rollbackCancel")}
            </Link>
          </PostForm>
        </section>
      )}
      <p>
        {d.canEdit && (
          <>
            <Link className="kern-link" to={`${base}/indikatoren/neu`}>
              {t("monitoring.newIndicator")}
            </Link>
            {" · "}
            <Link className="kern-link" to={`${base}/import`}>
              {t("monitoring.import")}
            </Link>
            {" · "}
            <Link className="kern-link" to={`${base}/gebiete`}>
              {t("monitoring.importAreas")}
            </Link>
            {" · "}
            <Link className="kern-link" to={`${base}/profile`}>
              {t("monitoring.importProfiles.title")}
            </Link>
            {" · "}
          </>
        )}
        <Link className="kern-link" to={`/t/${params.slug}/monitoring`}>
          {t("monitoring.publicView")}
        </Link>
        {" · "}
        <Link className="kern-link" to={`${base}/bericht`}>
          {t("monitoring.reportLink")}
        </Link>
      </p>

      <section aria-labelledby="cat-h" className="stack">
        <h2 id="cat-h" className="kern-heading-medium">
          {t("monitoring.catalogue")}
        </h2>
        {d.canEdit && (
          <PostForm>
            <input type="hidden" name="intent" value="adopt-core" />
            <button type="submit" className="kern-btn kern-btn--secondary">
              <span className="kern-label">{t("monitoring.adoptCore")}</span>
            </button>
          </PostForm>
        )}
        <DataTable
          caption={t("monitoring.catalogue")}
          headers={[t("monitoring.indicator"), t("monitoring.field"), t("monitoring.unit"), t("monitoring.status")]}
        >
          {d.indicators.map((i) => (
            <tr key={i.code} className="kern-table__row">
              <th scope="row" className="kern-table__cell">
                <Link className="kern-link" to={`${base}/indikator/${i.code}`}>
                  <Text value={texts.name(i)} />
                </Link>{" "}
                <code lang="zxx">{i.code}</code>
                {i.derived && ` (${t("monitoring.derived")})`}
              </th>
              <td className="kern-table__cell">
                <Text value={texts.field(i)} />
                {i.coreSet && (
                  <>
                    {" · "}
                    {i.code === firstCore ? <Term id="kernset">{t("monitoring.core")}</Term> : t("monitoring.core")}
                  </>
                )}
              </td>
              <td className="kern-table__cell">
                <Unit unit={i.unit} />
              </td>
              <td className="kern-table__cell">
                {i.isPublic ? t("monitoring.public") : t("monitoring.internal")}
                {d.canEdit && (
                  <PostForm className="inline-form">
                    <input type="hidden" name="intent" value="visibility" />
                    <input type="hidden" name="code" value={i.code} />
                    <input type="hidden" name="public" value={i.isPublic ? "0" : "1"} />{" "}
                    <button type="submit" className="kern-btn kern-btn--tertiary">
                      <span className="kern-label">
                        {i.isPublic ? t("monitoring.makeInternal") : t("monitoring.makePublic")}
                        <span className="kern-sr-only">
                          : <Text value={texts.name(i)} />
                        </span>
                      </span>
                    </button>
                  </PostForm>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      </section>

      <section aria-labelledby="imp-h" className="stack">
        <h2 id="imp-h" className="kern-heading-medium">
          {t("monitoring.imports")}
        </h2>
        {d.imports.length === 0 ? (
          <p>{t("monitoring.noImports")}</p>
        ) : (
          <DataTable
            caption={t("monitoring.imports")}
            headers={[
              t("monitoring.time"),
              t("monitoring.file"),
              t("monitoring.person"),
              { label: t("monitoring.rows"), numeric: true },
              t("monitoring.status"),
            ]}
          >
            {d.imports.map((i) => (
              <tr key={i.id} className="kern-table__row">
                <td className="kern-table__cell">{f.dateTime(i.at)}</td>
                <th scope="row" className="kern-table__cell">
                  {i.fileName}{" "}
                  <span className="kern-body--small">
                    ({i.profileName}; {t("monitoring.fileHash")} {i.fileHash}…)
                  </span>
                </th>
                <td className="kern-table__cell">{i.actor}</td>
                <td className="kern-table__cell num">
                  {i.rowsRead} ({i.inserted} {t("monitoring.inserted")}, {i.updated} {t("monitoring.updated")},{" "}
                  {i.unchanged} {t("monitoring.unchanged")}
                  {i.skipped > 0 && `, ${i.skipped} ${t("monitoring.skippedShort")}`})
                </td>
                <td className="kern-table__cell">
                  {i.rolledBackAt ? (
                    i.rolledBackBy ? (
                      t("monitoring.rolledBackBy", { at: f.dateTime(i.rolledBackAt), actor: i.rolledBackBy })
                    ) : (
                      `${t("monitoring.rolledBack")} ${f.dateTime(i.rolledBackAt)}`
                    )
                  ) : d.canEdit ? (
                    <PostForm>
                      <input type="hidden" name="intent" value="rollback" />
                      <input type="hidden" name="id" value={i.id} />
                      <button type="submit" className="kern-btn kern-btn--tertiary">
                        <span className="kern-label">
                          {t("monitoring.rollback")}
                          <span className="kern-sr-only">: {i.fileName}</span>
                        </span>
                      </button>
                    </PostForm>
                  ) : (
                    "–"
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
        <Pagination page={d.importsPage.page} pages={d.importsPage.pages} label={t("monitoring.imports")} />
      </section>

      <section aria-labelledby="thr-h" className="stack">
        <h2 id="thr-h" className="kern-heading-medium">
          {t("monitoring.threshold")}
        </h2>
        {/* Set in the kernel's tenant settings (one place writes it); shown here for the reader. */}
        <p className="kern-body">
          {t("monitoring.threshold")}: {d.threshold}.{" "}
          {d.isAdmin && (
            <Link className="kern-link" to={`/t/${params.slug}/verwaltung/einstellungen`}>
              {t("settings.monitoringLink")}
            </Link>
          )}
        </p>
      </section>
    </>
  );
}
