import "./strings";
import { data } from "react-router";
import type { Route } from "./+types/staff-export";
import { requireRole, tenantContext, tenantTx, tFor } from "~/kernel/http/context";
import { audit } from "~/kernel/audit/service";
import { csvResponse, csvVariantFrom, toCsv } from "~/kernel/csv";
import { getT } from "~/kernel/i18n";
import { CHAIN_COLUMNS, chainJson, chainRows, getProcess, listCards } from "../service";
import { processNotFound } from "../http.server";

/**
 * A process's cards with the Zukunftswerkstatt chain (which critiques an idea inverts, which ideas a
 * proposal concretises), feasibility and outcomes, as CSV or JSON with German column names. Author
 * labels stay out: the export may travel further than the staff pages.
 */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  requireRole(context, "viewer");
  const { tenant } = context.get(tenantContext);
  if (params.format !== "csv" && params.format !== "json")
    throw data({ message: tFor(context)("participation.errors.unknownFormat") }, { status: 404 });
  const de = getT("de");
  const { cards } = await tenantTx(context, async (tx) => {
    const p = await getProcess(tx, params.id);
    if (!p) throw processNotFound(context);
    const c = await listCards(tx, p.id);
    await audit(tx, {
      action: "export",
      entity: "participation_process",
      entityId: p.id,
      after: { format: params.format, rows: c.length },
    });
    return { cards: c };
  });
  const name = `beteiligung-${tenant.slug}-${params.id}`;
  if (params.format === "csv")
    return csvResponse(
      toCsv(
        { columns: [...CHAIN_COLUMNS], rows: chainRows(cards, (k) => de(k)) },
        csvVariantFrom(new URL(request.url)),
      ),
      `${name}.csv`,
    );
  return new Response(
    JSON.stringify(
      chainJson(cards, (k) => de(k)),
      null,
      2,
    ),
    {
      headers: {
        "Content-Type": "application/json; charset=utf-8",
        "Content-Disposition": `attachment; filename="${name}.json"`,
      },
    },
  );
}
