import "../partners/strings";
import { data, Form, Link, redirect } from "react-router";
import type { Route } from "./+types/partners-list";
import { failureErrors, fieldErrors, tenantContext, tenantTx } from "~/kernel/http/context";
import { todayBerlin } from "~/kernel/dates";
import { roleAtLeast } from "~/kernel/roles";
import { ActionForm, Alert, Field, formValues, PageTitle, Select } from "~/kernel/ui/forms";
import { useFormat, useT } from "~/kernel/ui/hooks";
import { DataTable } from "~/kernel/ui/table";
import { PARTNER_TYPES } from "../partners/schema";
import { createPartner, listPartners, PartnerInput } from "../partners/service";
import { dateField, optional, requireLand } from "../partners/http.server";

export async function loader({ context }: Route.LoaderArgs) {
  const role = requireLand(context, "viewer");
  const { tenant } = context.get(tenantContext);
  const today = todayBerlin();
  const partners = await tenantTx(context, (tx) => listPartners(tx, today));
  return { slug: tenant.slug, canEdit: roleAtLeast(role, "editor"), today, partners };
}

export async function action({ request, context }: Route.ActionArgs) {
  requireLand(context, "editor");
  const { tenant } = context.get(tenantContext);
  const f = await request.formData();
  const parsed = PartnerInput.safeParse({
    ordinal: optional(f.get("ordinal")) ? Number(f.get("ordinal")) : undefined,
    name: f.get("name"),
    type: optional(f.get("type")),
    joinedOn: dateField(f.get("joinedOn")),
    note: optional(f.get("note")),
  });
  if (!parsed.success)
    return data({ errors: fieldErrors(context, parsed.error.issues), values: formValues(f) }, { status: 400 });
  const r = await tenantTx(context, (tx) => createPartner(tx, parsed.data));
  if (!r.ok) return data({ errors: failureErrors(context, r), values: formValues(f) }, { status: 400 });
  return redirect(`/t/${tenant.slug}/verwaltung/oeffnung/partner/${r.value.id}`);
}

export default function PartnersList({ loaderData: d, actionData }: Route.ComponentProps) {
  const t = useT();
  const fmt = useFormat();
  const base = `/t/${d.slug}/verwaltung/oeffnung/partner`;
  const inCount = d.partners.filter((p) => p.reportIn).length;
  const errors = actionData?.errors as Record<string, string> | undefined;
  return (
    <>
      <PageTitle>{t("opening.partners.title")}</PageTitle>
      <h1 className="kern-heading-large">{t("opening.partners.title")}</h1>
      <p className="kern-body">{t("opening.partners.intro")}</p>
      {d.partners.length === 0 ? (
        <p className="kern-body">{t("opening.partners.empty")}</p>
      ) : (
        <>
          <p className="kern-body">{t("opening.partners.count", { count: d.partners.length, in: inCount })}</p>
          <DataTable
            caption={t("opening.partners.title")}
            headers={[
              t("opening.partners.ordinal"),
              t("opening.partners.name"),
              t("opening.partners.type"),
              t("opening.partners.joinedOn"),
              t("opening.partners.period"),
              t("opening.partners.report"),
            ]}
          >
            {d.partners.map((p) => (
              <tr key={p.id} className="kern-table__row">
                <td className="kern-table__cell">{p.ordinal}</td>
                <th scope="row" className="kern-table__cell">
                  <Link className="kern-link" to={`${base}/${p.id}`}>
                    {p.name}
                  </Link>
                  {p.isDemo && <span className="kern-body--small"> – {t("opening.partners.example")}</span>}
                </th>
                <td className="kern-table__cell">{t(`opening.partners.types.${p.type}`)}</td>
                <td className="kern-table__cell">{fmt.date(p.joinedOn)}</td>
                <td className="kern-table__cell">
                  {p.period
                    ? `${fmt.date(p.period.startsOn)} – ${fmt.date(p.period.endsOn)}`
                    : t("opening.partners.noPeriod")}
                </td>
                <td className="kern-table__cell">
                  {p.reportIn ? t("opening.partners.reportIn") : t("opening.partners.reportMissing")}
                  {p.reportStatus && ` (${t(`opening.partners.status.${p.reportStatus}`)})`}
                </td>
              </tr>
            ))}
          </DataTable>
        </>
      )}

      <h2 className="kern-heading-medium">{t("opening.partners.stateReport")}</h2>
      <p className="kern-body">{t("opening.partners.stateReportText")}</p>
      <Form method="get" action={`${base}/landesbericht`} className="form-grid">
        <Field name="stand" type="date" label={t("opening.partners.asOf")} defaultValue={d.today} required />
        <div className="actions">
          <button type="submit" name="format" value="docx" className="kern-btn kern-btn--secondary">
            <span className="kern-label">{t("opening.partners.docx")}</span>
          </button>
          <button type="submit" name="format" value="pdf" className="kern-btn kern-btn--secondary">
            <span className="kern-label">{t("opening.partners.pdf")}</span>
          </button>
        </div>
      </Form>

      {d.canEdit && (
        <>
          <h2 className="kern-heading-medium" id="new-partner">
            {t("opening.partners.new")}
          </h2>
          {errors?._form && <Alert kind="danger">{errors._form}</Alert>}
          <ActionForm intent="create" errors={errors} submit={t("opening.partners.create")} primary>
            <Field
              name="ordinal"
              type="number"
              label={t("opening.partners.ordinal")}
              required
              error={errors?.ordinal}
            />
            <Field name="name" label={t("opening.partners.name")} required error={errors?.name} />
            <Select
              name="type"
              label={t("opening.partners.type")}
              required
              defaultValue=""
              error={errors?.type}
              options={[
                { value: "", label: "–" },
                ...PARTNER_TYPES.map((k) => ({ value: k, label: t(`opening.partners.types.${k}`) })),
              ]}
            />
            <Field
              name="joinedOn"
              type="date"
              label={t("opening.partners.joinedOn")}
              required
              error={errors?.joinedOn}
            />
            <Field name="note" type="textarea" label={t("opening.partners.note")} error={errors?.note} />
          </ActionForm>
        </>
      )}
    </>
  );
}
