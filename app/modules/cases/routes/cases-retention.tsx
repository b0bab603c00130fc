import "./strings";
import "../retention/strings";
import { sql } from "drizzle-orm";
import { data, Link, redirect } from "react-router";
import type { Route } from "./+types/cases-retention";
import { withSystem, rows } from "~/kernel/db/context";
import {
  appContext,
  currentUser,
  errorText,
  failureErrors,
  requireRole,
  tenantContext,
  tenantTx,
} from "~/kernel/http/context";
import { ActionForm, Alert, Field, formValues, PageTitle } from "~/kernel/ui/forms";
import { useT } from "~/kernel/ui/hooks";
import { listRetentionPeriods, setRetentionPeriod } from "../retention/service";

// Retention periods of the networks this tenant hosts, for its administrators (issue 16 item 5). The
// request role cannot write them (the table belongs to the owning role), so the page checks the
// caller is an admin of the host tenant and writes in a system transaction, audited.

type Ctx = Parameters<typeof tenantTx>[0];

async function hostedNetworks(context: Ctx) {
  const { tenant } = context.get(tenantContext);
  const list = await tenantTx(context, (tx) =>
    rows<{ network_id: string; network_name: string }>(
      tx,
      sql`SELECT DISTINCT network_id, network_name FROM case_tenant_networks(${tenant.id}::uuid) WHERE hosted ORDER BY network_name`,
    ),
  );
  return list.map((n) => ({ id: n.network_id, name: n.network_name }));
}

export async function loader({ request, context }: Route.LoaderArgs) {
  requireRole(context, "admin");
  const { db } = context.get(appContext);
  const networks = await hostedNetworks(context);
  const periods = await withSystem(db, async (tx) =>
    Promise.all(networks.map(async (n) => ({ ...n, periods: await listRetentionPeriods(tx, n.id) }))),
  );
  return {
    slug: context.get(tenantContext).tenant.slug,
    networks: periods,
    saved: new URL(request.url).searchParams.get("ok") === "saved",
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  requireRole(context, "admin");
  const { db } = context.get(appContext);
  const f = await request.formData();
  const networkId = String(f.get("networkId") ?? "");
  const recordType = String(f.get("recordType") ?? "");
  if (!(await hostedNetworks(context)).some((n) => n.id === networkId))
    throw data({ message: errorText(context, "cases.retention.errors.network") }, { status: 404 });
  const u = currentUser(context)!;
  const r = await withSystem(db, (tx) =>
    setRetentionPeriod(tx, networkId, { recordType, months: f.get("months") }, { userId: u.id, label: u.email }),
  );
  if (!r.ok)
    return data({ networkId, recordType, errors: failureErrors(context, r), values: formValues(f) }, { status: 400 });
  return redirect(`/t/${context.get(tenantContext).tenant.slug}/verwaltung/fallarbeit/fristen?ok=saved`);
}

export default function CasesRetention({ loaderData: d, actionData: a }: Route.ComponentProps) {
  const t = useT();
  return (
    <>
      <PageTitle>{t("cases.retention.page.title")}</PageTitle>
      <p>
        <Link className="kern-link" to={`/t/${d.slug}/verwaltung/fallarbeit`}>
          {t("cases.client.back")}
        </Link>
      </p>
      <h1 className="kern-heading-large">{t("cases.retention.page.title")}</h1>
      <p className="kern-body">{t("cases.retention.page.intro")}</p>
      {d.saved && <Alert kind="success">{t("cases.retention.page.saved")}</Alert>}
      {d.networks.length === 0 && <p className="kern-body">{t("cases.network.empty")}</p>}
      {d.networks.map((n) => (
        <section key={n.id} aria-labelledby={`n-${n.id}`}>
          <h2 id={`n-${n.id}`} className="kern-heading-medium">
            {n.name}
          </h2>
          {n.periods.map((p) => {
            const mine = a?.networkId === n.id && a?.recordType === p.recordType;
            return (
              <ActionForm
                key={p.recordType}
                intent="period"
                hidden={{ networkId: n.id, recordType: p.recordType }}
                heading={t(`cases.retention.recordTypes.${p.recordType}`)}
                headingId={`h-${n.id}-${p.recordType}`}
                errors={mine ? a.errors : null}
                submit={t("cases.retention.page.save")}
              >
                <Field
                  id={`f-${n.id}-${p.recordType}`}
                  name="months"
                  type="number"
                  inputMode="numeric"
                  label={t("cases.retention.page.months")}
                  hint={p.isDefault ? t("cases.retention.page.default") : undefined}
                  defaultValue={p.months}
                  error={mine ? a.errors.months : undefined}
                  required
                />
              </ActionForm>
            );
          })}
        </section>
      ))}
    </>
  );
}
