import { data } from "react-router";
import type { Route } from "./+types/staff-report";
import { requireRole, tenantContext, tenantTx, tFor } from "~/kernel/http/context";
import { reportData, reportDocx, reportPdf } from "../services/report";
import { editionFor } from "../http.server";
import { todayBerlin } from "~/kernel/dates";

/** Sachstandsbericht for the Integrationsrat and the committee, as editable DOCX or PDF. */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  requireRole(context, "viewer");
  const { tenant } = context.get(tenantContext);
  if (params.format !== "docx" && params.format !== "pdf")
    throw data({ message: tFor(context)("concept.errors.unknownFormat") }, { status: 404 });
  const url = new URL(request.url);
  const d = await tenantTx(context, async (tx) => {
    const e = await editionFor(context, tx, url);
    if (!e) throw data({ message: tFor(context)("concept.noEdition") }, { status: 404 });
    return reportData(tx, tenant.name, e, url.searchParams.get("vorlage"));
  });
  const name = `sachstandsbericht-${tenant.slug}-${todayBerlin()}`;
  if (params.format === "pdf")
    return new Response(new Uint8Array(await reportPdf(d)), {
      headers: { "Content-Type": "application/pdf", "Content-Disposition": `attachment; filename="${name}.pdf"` },
    });
  return new Response(new Uint8Array(await reportDocx(d)), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "Content-Disposition": `attachment; filename="${name}.docx"`,
    },
  });
}
