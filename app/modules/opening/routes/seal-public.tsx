import "../seal/strings";
import type { Route } from "./+types/seal-public";
import { tenantContext, tenantTx } from "~/kernel/http/context";
import { todayBerlin } from "~/kernel/dates";
import { PageTitle } from "~/kernel/ui/forms";
import { useFormat, useT } from "~/kernel/ui/hooks";
import { DataTable } from "~/kernel/ui/table";
import { sealHolders } from "../seal/service";

// The current holders of the seal "Interkulturell orientiert": each case's latest award, valid today.
export async function loader({ context }: Route.LoaderArgs) {
  const { tenant } = context.get(tenantContext);
  const today = todayBerlin();
  const holders = await tenantTx(context, (tx) => sealHolders(tx, today));
  return { tenantName: tenant.name, today, holders };
}

export default function SealHolders({ loaderData: d }: Route.ComponentProps) {
  const t = useT();
  const fmt = useFormat();
  return (
    <main id="inhalt" className="kern-container page stack">
      <PageTitle>{t("opening.seal.public.title")}</PageTitle>
      <h1 className="kern-heading-x-large">{t("opening.seal.public.title")}</h1>
      <p className="kern-body">{t("opening.seal.public.intro", { tenant: d.tenantName })}</p>
      {d.holders.length === 0 ? (
        <p className="kern-body">{t("opening.seal.public.none")}</p>
      ) : (
        <DataTable
          caption={t("opening.seal.public.caption", { date: fmt.date(d.today) })}
          headers={[
            t("opening.seal.list.name"),
            t("opening.seal.public.since"),
            t("opening.seal.list.awardedOn"),
            t("opening.seal.list.validUntil"),
          ]}
        >
          {d.holders.map((h) => (
            <tr key={`${h.name}-${h.awardedOn}`} className="kern-table__row">
              <th scope="row" className="kern-table__cell">
                {h.name}
                {h.isDemo && <span className="kern-body--small"> – {t("opening.seal.example")}</span>}
              </th>
              <td className="kern-table__cell">{fmt.date(h.firstAwardedOn)}</td>
              <td className="kern-table__cell">{fmt.date(h.awardedOn)}</td>
              <td className="kern-table__cell">{fmt.date(h.validUntil)}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </main>
  );
}
