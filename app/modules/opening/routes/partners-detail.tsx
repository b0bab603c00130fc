import "../partners/strings";
import { data, Link, redirect } from "react-router";
import type { Route } from "./+types/partners-detail";
import { failureErrors, fieldErrors, requestContext, tenantContext, tenantTx, tFor } from "~/kernel/http/context";
import type { Failure } from "~/kernel/errors";
import { roleAtLeast } from "~/kernel/roles";
import {
  ActionForm,
  Alert,
  Checkbox,
  ErrorSummary,
  Field,
  FileField,
  formValues,
  PageTitle,
  Select,
  PostForm,
} from "~/kernel/ui/forms";
import { useFormat, useT } from "~/kernel/ui/hooks";
import { DataTable } from "~/kernel/ui/table";
import { requestTooLarge, uploadLimitBytes, uploadLimitMb } from "~/kernel/upload";
import {
  addAlias,
  addMember,
  addMilestone,
  addModule,
  addPeriod,
  AgreementInput,
  attachAgreementFile,
  ModuleInput,
  partnerDetail,
  PartnerInput,
  PeriodInput,
  reportForPeriod,
  saveAgreement,
  updatePartner,
} from "../partners/service";
import { PARTNER_TYPES } from "../partners/schema";
import { dateField, linesOf, notFound, optional, requireLand } from "../partners/http.server";

export async function loader({ params, context }: Route.LoaderArgs) {
  const role = requireLand(context, "viewer");
  const { tenant } = context.get(tenantContext);
  const d = await tenantTx(context, (tx) => partnerDetail(tx, params.id));
  if (!d) throw notFound(context);
  return {
    slug: tenant.slug,
    canEdit: roleAtLeast(role, "editor"),
    mb: uploadLimitMb(context.get(requestContext).lang),
    ...d,
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  requireLand(context, "editor");
  const { tenant } = context.get(tenantContext);
  const here = `/t/${tenant.slug}/verwaltung/oeffnung/partner/${params.id}`;
  const t = tFor(context);
  if (requestTooLarge(request))
    return data(
      {
        intent: "file",
        moduleId: "",
        errors: { file: t("opening.partners.errors.fileSize", { mb: uploadLimitMb() }) },
        values: null,
      },
      { status: 413 },
    );
  const f = await request.formData();
  const intent = String(f.get("intent") ?? "");
  const bad = (errors: Record<string, string>) =>
    data(
      { intent, moduleId: String(f.get("moduleId") ?? ""), errors, values: intent === "file" ? null : formValues(f) },
      { status: 400 },
    );
  const failed = (r: Failure) => bad(failureErrors(context, r));
  const exists = await tenantTx(context, (tx) => partnerDetail(tx, params.id));
  if (!exists) throw notFound(context);
  const partnerId = exists.partner.id;

  if (intent === "partner") {
    const parsed = PartnerInput.safeParse({
      ordinal: optional(f.get("ordinal")) ? Number(f.get("ordinal")) : undefined,
      name: f.get("name"),
      type: optional(f.get("type")),
      joinedOn: dateField(f.get("joinedOn")),
      note: optional(f.get("note")),
      organisationId: exists.partner.organisationId ?? undefined,
    });
    if (!parsed.success) return bad(fieldErrors(context, parsed.error.issues));
    const r = await tenantTx(context, (tx) => updatePartner(tx, partnerId, parsed.data));
    if (!r.ok) return failed(r);
  } else if (intent === "alias" || intent === "member") {
    const name = optional(f.get("name"));
    if (!name) return bad({ name: t("opening.partners.errors.required") });
    const r = await tenantTx(context, (tx) =>
      intent === "alias"
        ? addAlias(tx, { partnerId, alias: name })
        : addMember(tx, { partnerId, name, position: exists.members.length }),
    );
    if (!r.ok) return failed({ ...r, field: "name" });
  } else if (intent === "agreement") {
    const parsed = AgreementInput.safeParse({
      partnerId,
      declaration: f.get("declaration"),
      signedOn: dateField(f.get("signedOn")),
      signatories: linesOf(f.get("signatories")),
    });
    if (!parsed.success) return bad(fieldErrors(context, parsed.error.issues));
    const r = await tenantTx(context, (tx) => saveAgreement(tx, parsed.data));
    if (!r.ok) return failed(r);
  } else if (intent === "file") {
    const file = f.get("file");
    if (!(file instanceof File) || file.size === 0) return bad({ file: t("opening.partners.errors.fileType") });
    const bytes = Buffer.from(await file.arrayBuffer());
    const r = await tenantTx(context, (tx) =>
      attachAgreementFile(tx, partnerId, { name: file.name, type: file.type, bytes }, uploadLimitBytes()),
    );
    if (!r.ok) return failed(r);
  } else if (intent === "module") {
    const parsed = ModuleInput.safeParse({
      partnerId,
      title: f.get("title"),
      description: optional(f.get("description")),
      recurring: f.get("recurring") === "1",
    });
    if (!parsed.success) return bad(fieldErrors(context, parsed.error.issues));
    const r = await tenantTx(context, (tx) => addModule(tx, parsed.data));
    if (!r.ok) return failed(r);
  } else if (intent === "milestone") {
    const moduleId = String(f.get("moduleId") ?? "");
    if (!exists.modules.some((m) => m.id === moduleId)) throw notFound(context);
    const title = optional(f.get("title"));
    if (!title) return bad({ title: t("opening.partners.errors.required") });
    const r = await tenantTx(context, (tx) =>
      addMilestone(tx, { moduleId, title, dueOn: dateField(f.get("dueOn")), reachedOn: dateField(f.get("reachedOn")) }),
    );
    if (!r.ok) return failed(r);
  } else if (intent === "period") {
    const parsed = PeriodInput.safeParse({
      partnerId,
      startsOn: dateField(f.get("startsOn")),
      endsOn: dateField(f.get("endsOn")),
      dueOn: dateField(f.get("dueOn")),
    });
    if (!parsed.success) return bad(fieldErrors(context, parsed.error.issues));
    const r = await tenantTx(context, (tx) => addPeriod(tx, parsed.data));
    if (!r.ok) return failed(r);
  } else if (intent === "report") {
    const periodId = String(f.get("periodId") ?? "");
    if (!exists.periods.some((p) => p.id === periodId)) throw notFound(context);
    const r = await tenantTx(context, (tx) => reportForPeriod(tx, periodId));
    if (!r.ok) return failed(r);
    return redirect(`${here}/bericht/${r.value.id}`);
  } else throw notFound(context);
  return redirect(`${here}?ok=${intent}`);
}

export default function PartnerPage({ loaderData: d, actionData: a }: Route.ComponentProps) {
  const t = useT();
  const fmt = useFormat();
  const p = d.partner;
  const base = `/t/${d.slug}/verwaltung/oeffnung/partner`;
  const err = (intent: string) =>
    a?.intent === intent ? ((a.errors as Record<string, string> | null) ?? undefined) : undefined;
  const T = (k: string, o?: Record<string, unknown>) => t(`opening.partners.${k}`, o ?? {});
  return (
    <>
      <PageTitle>{`${p.ordinal}. ${p.name}`}</PageTitle>
      <p className="kern-body">
        <Link className="kern-link" to={base}>
          {T("back")}
        </Link>
      </p>
      <h1 className="kern-heading-large">{`${p.ordinal}. ${p.name}`}</h1>
      <dl className="kern-description-list">
        <div className="kern-description-list-item">
          <dt className="kern-description-list-item__key">{T("type")}</dt>
          <dd className="kern-description-list-item__value">{T(`types.${p.type}`)}</dd>
        </div>
        <div className="kern-description-list-item">
          <dt className="kern-description-list-item__key">{T("joinedOn")}</dt>
          <dd className="kern-description-list-item__value">{fmt.date(p.joinedOn)}</dd>
        </div>
        {p.note && (
          <div className="kern-description-list-item">
            <dt className="kern-description-list-item__key">{T("note")}</dt>
            <dd className="kern-description-list-item__value">{p.note}</dd>
          </div>
        )}
      </dl>
      {p.sourceLine && <p className="kern-body--small">{T("sourceLine", { line: p.sourceLine })}</p>}
      {p.isDemo && <p className="kern-body--small">{T("example")}</p>}
      {d.canEdit && (
        <details className="kern-body">
          <summary>{T("edit")}</summary>
          <ActionForm intent="partner" errors={err("partner")} submit={T("save")}>
            <Field
              name="ordinal"
              id="f-p-ordinal"
              type="number"
              label={T("ordinal")}
              required
              defaultValue={p.ordinal}
              error={err("partner")?.ordinal}
            />
            <Field
              name="name"
              id="f-p-name"
              label={T("name")}
              required
              defaultValue={p.name}
              error={err("partner")?.name}
            />
            <Select
              name="type"
              id="f-p-type"
              label={T("type")}
              required
              defaultValue={p.type}
              error={err("partner")?.type}
              options={PARTNER_TYPES.map((k) => ({ value: k, label: T(`types.${k}`) }))}
            />
            <Field
              name="joinedOn"
              id="f-p-joined"
              type="date"
              label={T("joinedOn")}
              required
              defaultValue={p.joinedOn}
              error={err("partner")?.joinedOn}
            />
            <Field name="note" id="f-p-note" type="textarea" label={T("note")} defaultValue={p.note} />
          </ActionForm>
        </details>
      )}

      <h2 className="kern-heading-medium">{T("aliases")}</h2>
      <p className="kern-body">{T("aliasesText")}</p>
      {d.aliases.length > 0 && (
        <ul className="kern-list">
          {d.aliases.map((x) => (
            <li key={x.id}>{x.alias}</li>
          ))}
        </ul>
      )}
      {d.canEdit && (
        <ActionForm intent="alias" errors={err("alias")} submit={T("add")}>
          <Field name="name" id="f-alias" label={T("alias")} required error={err("alias")?.name} />
        </ActionForm>
      )}

      {(d.members.length > 0 || p.type === "kooperation") && (
        <>
          <h2 className="kern-heading-medium">{T("members")}</h2>
          <ul className="kern-list">
            {d.members.map((m) => (
              <li key={m.id}>{m.name}</li>
            ))}
          </ul>
          {d.canEdit && (
            <ActionForm intent="member" errors={err("member")} submit={T("add")}>
              <Field name="name" id="f-member" label={T("member")} required error={err("member")?.name} />
            </ActionForm>
          )}
        </>
      )}

      <h2 className="kern-heading-medium">{T("agreement")}</h2>
      {d.agreement ? (
        <>
          <p className="kern-body">{d.agreement.declaration}</p>
          <p className="kern-body">
            {T("signedOn")}: {fmt.date(d.agreement.signedOn)}
            {d.agreement.signatories.length > 0 && ` – ${d.agreement.signatories.join(", ")}`}
          </p>
          {d.agreement.fileName && (
            <p className="kern-body--small">
              {T("fileStored", { name: d.agreement.fileName, kb: Math.ceil((d.agreement.fileBytes ?? 0) / 1024) })}
            </p>
          )}
        </>
      ) : (
        <p className="kern-body">{T("noAgreement")}</p>
      )}
      {d.canEdit && (
        <>
          <ActionForm intent="agreement" errors={err("agreement")} submit={T("save")}>
            <Field
              name="declaration"
              type="textarea"
              label={T("declaration")}
              required
              defaultValue={d.agreement?.declaration}
              error={err("agreement")?.declaration}
            />
            <Field
              name="signedOn"
              type="date"
              label={T("signedOn")}
              defaultValue={d.agreement?.signedOn}
              error={err("agreement")?.signedOn}
            />
            <Field
              name="signatories"
              type="textarea"
              label={T("signatories")}
              defaultValue={d.agreement?.signatories.join("\n")}
              error={err("agreement")?.signatories}
            />
          </ActionForm>
          {d.agreement && (
            <PostForm encType="multipart/form-data" className="form-grid">
              <input type="hidden" name="intent" value="file" />
              <ErrorSummary errors={err("file")} />
              <FileField
                name="file"
                label={T("file")}
                hint={T("fileHint", { mb: d.mb })}
                accept="application/pdf,.pdf"
                error={err("file")?.file}
              />
              <div>
                <button type="submit" className="kern-btn kern-btn--secondary">
                  <span className="kern-label">{T("upload")}</span>
                </button>
              </div>
            </PostForm>
          )}
        </>
      )}

      <h2 className="kern-heading-medium">{T("modules")}</h2>
      {d.modules.length === 0 && <p className="kern-body">{T("noModules")}</p>}
      {d.modules.map((m) => (
        <section key={m.id} aria-labelledby={`m-${m.id}`}>
          <h3 className="kern-heading-small" id={`m-${m.id}`}>
            {m.title}
            {m.recurring && ` (${T("recurring")})`}
          </h3>
          {m.description && <p className="kern-body--small">{m.description}</p>}
          {m.milestones.length > 0 && (
            <ul className="kern-list">
              {m.milestones.map((s) => (
                <li key={s.id}>
                  {s.title}
                  {s.dueOn && ` – ${T("dueOn")} ${fmt.date(s.dueOn)}`}
                  {s.reachedOn && ` – ${T("reachedOn")} ${fmt.date(s.reachedOn)}`}
                </li>
              ))}
            </ul>
          )}
          {d.canEdit && (
            <ActionForm
              intent="milestone"
              hidden={{ moduleId: m.id }}
              errors={a && "moduleId" in a && a.moduleId === m.id ? err("milestone") : undefined}
              submit={T("addMilestone")}
            >
              <Field name="title" id={`f-ms-${m.id}`} label={T("milestone")} required />
              <Field name="dueOn" id={`f-due-${m.id}`} type="date" label={T("dueOn")} />
              <Field name="reachedOn" id={`f-reached-${m.id}`} type="date" label={T("reachedOn")} />
            </ActionForm>
          )}
        </section>
      ))}
      {d.canEdit && (
        <ActionForm
          intent="module"
          errors={err("module")}
          submit={T("add")}
          heading={T("modules")}
          headingId="new-module"
        >
          <Field name="title" id="f-module-title" label={T("moduleTitle")} required error={err("module")?.title} />
          <Field name="description" type="textarea" label={T("description")} error={err("module")?.description} />
          <Checkbox name="recurring" label={T("recurringLabel")} />
        </ActionForm>
      )}

      <h2 className="kern-heading-medium">{T("periods")}</h2>
      {d.periods.length === 0 ? (
        <p className="kern-body">{T("noPeriods")}</p>
      ) : (
        <DataTable caption={T("periods")} headers={[T("startsOn"), T("endsOn"), T("due"), T("report")]}>
          {d.periods.map((x) => (
            <tr key={x.id} className="kern-table__row">
              <td className="kern-table__cell">{fmt.date(x.startsOn)}</td>
              <td className="kern-table__cell">{fmt.date(x.endsOn)}</td>
              <td className="kern-table__cell">{fmt.date(x.dueOn)}</td>
              <td className="kern-table__cell">
                {x.reportId ? (
                  <Link className="kern-link" to={`${base}/${p.id}/bericht/${x.reportId}`}>
                    {T("openReport")} ({T(`status.${x.status}`)})
                  </Link>
                ) : d.canEdit ? (
                  <PostForm>
                    <input type="hidden" name="intent" value="report" />
                    <input type="hidden" name="periodId" value={x.id} />
                    <button type="submit" className="kern-btn kern-btn--secondary">
                      <span className="kern-label">{T("startReport")}</span>
                    </button>
                  </PostForm>
                ) : (
                  T("status.none")
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {d.canEdit && (
        <ActionForm intent="period" errors={err("period")} submit={T("add")}>
          <Field name="startsOn" type="date" label={T("startsOn")} required error={err("period")?.startsOn} />
          <Field name="endsOn" type="date" label={T("endsOn")} required error={err("period")?.endsOn} />
          <Field name="dueOn" type="date" label={T("due")} required error={err("period")?.dueOn} />
        </ActionForm>
      )}
      {a?.errors && (a.errors as Record<string, string>)._form && (
        <Alert kind="danger">{(a.errors as Record<string, string>)._form}</Alert>
      )}
    </>
  );
}
