import "../partners/strings";
import { data } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/partners-report-file";
import { requestContext, tenantContext, tenantTx, tFor } from "~/kernel/http/context";
import { todayBerlin } from "~/kernel/dates";
import { stateReportFile } from "../partners/state-report";
import { requireLand } from "../partners/http.server";

const TYPES = {
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
} as const;
const Query = z.object({ format: z.enum(["docx", "pdf"]), stand: z.iso.date().optional() });

/** The compiled state report as of ?stand=YYYY-MM-DD (default today), as DOCX or PDF. */
export async function loader({ request, context }: Route.LoaderArgs) {
  requireLand(context, "viewer");
  const { tenant } = context.get(tenantContext);
  const url = new URL(request.url);
  const q = Query.safeParse({
    format: url.searchParams.get("format") ?? undefined,
    stand: url.searchParams.get("stand") || undefined,
  });
  if (!q.success) throw data({ message: tFor(context)("opening.partners.errors.format") }, { status: 404 });
  const asOf = q.data.stand ?? todayBerlin();
  const lang = context.get(requestContext).lang;
  const bytes = await tenantTx(context, (tx) =>
    stateReportFile(tx, { asOf, tenantName: tenant.name, format: q.data.format, lang }),
  );
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": TYPES[q.data.format],
      "Content-Disposition": `attachment; filename="landesbericht-${tenant.slug}-${asOf}.${q.data.format}"`,
    },
  });
}
