import { data } from "react-router";
import type { Route } from "./+types/staff-export";
import { requireRole, tenantContext, tenantTx, tFor } from "~/kernel/http/context";
import { audit } from "~/kernel/audit/service";
import { catalogueCsv, exportRecords, toXlsx } from "../services/transfer";
import { csvResponse } from "~/kernel/csv";
import { editionFor } from "../http.server";
import { todayBerlin } from "~/kernel/dates";

/** Measure catalogue as XLSX or CSV (German Excel conventions); round-trips through the import. */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  requireRole(context, "editor");
  const { tenant } = context.get(tenantContext);
  if (params.format !== "xlsx" && params.format !== "csv")
    throw data({ message: tFor(context)("concept.errors.unknownFormat") }, { status: 404 });
  const { rows, title } = await tenantTx(context, async (tx) => {
    const e = await editionFor(context, tx, new URL(request.url));
    if (!e) throw data({ message: tFor(context)("concept.noEdition") }, { status: 404 });
    const r = await exportRecords(tx, e.id);
    await audit(tx, {
      action: "export",
      entity: "concept_measure",
      entityId: e.id,
      after: { format: params.format, rows: r.length },
    });
    return { rows: r, title: e.title };
  });
  const name = `massnahmen-${tenant.slug}-${todayBerlin()}`;
  if (params.format === "csv") {
    return csvResponse(catalogueCsv(rows), `${name}.csv`);
  }
  return new Response(new Uint8Array(await toXlsx(rows, title)), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="${name}.xlsx"`,
    },
  });
}
