import "../report/strings";
import { data } from "react-router";
import type { Route } from "./+types/staff-report-file";
import { errorText, requireRole, tenantContext, tenantTx, tFor } from "~/kernel/http/context";
import { makeMonitoringReport, MonitoringReportInput } from "../report/service";

/**
 * The monitoring report as a file (decision 0038), from viewer up: `?jahr=2012&ebene=stadtteil&ind=…&format=pdf`.
 * Without `ind` the public indicators with data that year; from the page's form (`auswahl=1`) at least one.
 */
export async function loader({ context, request }: Route.LoaderArgs) {
  requireRole(context, "viewer");
  const { tenant } = context.get(tenantContext);
  const t = tFor(context);
  const q = new URL(request.url).searchParams;
  const refuse = (key: string, status = 400): never => {
    throw data({ message: t(key) }, { status });
  };
  const codes = q.getAll("ind");
  if (q.get("auswahl") === "1" && !codes.length) refuse("monitoring.report.errors.indicators");
  const p = MonitoringReportInput.safeParse({
    year: q.get("jahr") ?? "",
    codes,
    level: q.get("ebene") || undefined,
    format: q.get("format") ?? "",
  });
  if (!p.success) return refuse(p.error.issues[0].message);
  const r = await tenantTx(context, (tx) => makeMonitoringReport(tx, p.data, { tenantName: tenant.name, lang: "de" }));
  if (!r.ok) throw data({ message: errorText(context, r.error) }, { status: 400 });
  const name = r.value.fileName.replace(/[^A-Za-z0-9._-]+/g, "-");
  return new Response(new Uint8Array(r.value.bytes), {
    headers: {
      "Content-Type": r.value.contentType,
      "Content-Disposition": `attachment; filename="${tenant.slug}-${name}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
