import "./strings";
import { sql } from "drizzle-orm";
import { Link } from "react-router";
import type { Route } from "./+types/cases-network";
import { requireRole, tenantContext, tenantTx } from "~/kernel/http/context";
import { rows } from "~/kernel/db/context";
import { PageTitle } from "~/kernel/ui/forms";
import { useT } from "~/kernel/ui/hooks";
import { DataTable } from "~/kernel/ui/table";

// The structure of the networks this tenant takes part in, for its administrators: institutions,
// sites and how many staff hold which role. Metadata only – no page of a tenant admin shows a case.

interface Row {
  networkId: string;
  networkName: string;
  foundingReference: string | null;
  hosted: boolean;
  institutionName: string;
  institutionKind: string;
  sites: string[];
  staffRoles: string[];
}

export async function loader({ context }: Route.LoaderArgs) {
  requireRole(context, "admin");
  const { tenant } = context.get(tenantContext);
  const list = await tenantTx(context, (tx) =>
    rows<Row>(
      tx,
      sql`SELECT network_id AS "networkId", network_name AS "networkName", founding_reference AS "foundingReference",
        hosted, institution_name AS "institutionName", institution_kind AS "institutionKind", sites,
        staff_roles AS "staffRoles" FROM case_tenant_networks(${tenant.id}::uuid)`,
    ),
  );
  const networks = new Map<string, { name: string; founding: string | null; hosted: boolean; institutions: Row[] }>();
  for (const r of list) {
    const n = networks.get(r.networkId) ?? {
      name: r.networkName,
      founding: r.foundingReference,
      hosted: r.hosted,
      institutions: [],
    };
    n.institutions.push(r);
    networks.set(r.networkId, n);
  }
  return { slug: tenant.slug, networks: [...networks.entries()].map(([id, n]) => ({ id, ...n })) };
}

export default function CasesNetwork({ loaderData: d }: Route.ComponentProps) {
  const t = useT();
  const count = (roles: string[]) =>
    [...new Set(roles)].map((r) => `${t(`cases.roles.${r}`)}: ${roles.filter((x) => x === r).length}`).join(", ");
  return (
    <>
      <PageTitle>{t("cases.network.title")}</PageTitle>
      <p>
        <Link className="kern-link" to={`/t/${d.slug}/verwaltung/fallarbeit`}>
          {t("cases.client.back")}
        </Link>
      </p>
      <h1 className="kern-heading-large">{t("cases.network.title")}</h1>
      <p className="kern-body">{t("cases.network.intro")}</p>
      {d.networks.length === 0 && <p className="kern-body">{t("cases.network.empty")}</p>}
      {d.networks.map((n) => (
        <section key={n.id} aria-labelledby={`n-${n.id}`}>
          <h2 id={`n-${n.id}`} className="kern-heading-medium">
            {n.name}
            {n.hosted && ` – ${t("cases.network.hosted")}`}
          </h2>
          {n.founding && <p className="kern-body">{t("cases.network.founding", { reference: n.founding })}</p>}
          <DataTable
            caption={n.name}
            headers={[
              t("cases.network.institution"),
              t("cases.network.kind"),
              t("cases.network.sites"),
              t("cases.network.staff"),
            ]}
          >
            {n.institutions.map((i) => (
              <tr key={i.institutionName} className="kern-table__row">
                <th scope="row" className="kern-table__cell">
                  {i.institutionName}
                </th>
                <td className="kern-table__cell">{t(`cases.kinds.${i.institutionKind}`)}</td>
                <td className="kern-table__cell">{i.sites.join(", ") || t("cases.network.none")}</td>
                <td className="kern-table__cell">{count(i.staffRoles) || t("cases.network.none")}</td>
              </tr>
            ))}
          </DataTable>
        </section>
      ))}
    </>
  );
}
